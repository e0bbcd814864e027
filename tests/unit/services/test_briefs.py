import pytest

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.domain.commands import PublishBrief
from bot.domain.model import Platform
from bot.errors import ArticleError, DeliveryError
from bot.services.briefs import PublishStatus, publish_brief
from bot.services.comments import record_comment
from tests.unit.services.harness import ARTICLE_URL, harness


def command(platform: Platform = DISCORD, url: str = ARTICLE_URL) -> PublishBrief:
    if platform == DISCORD:
        return PublishBrief(url, platform, "G1", "C-news", "news", "u1")
    return PublishBrief(url, platform, "T1", "CNEWS", "news", "U1")


async def test_brief_is_posted_in_every_linked_place_with_one_discussion() -> None:
    async with harness() as h:
        outcome = await publish_brief(command(), h.ctx)
        await h.settle()
        assert outcome.status is PublishStatus.POSTED
        assert outcome.link == f"https://discord.example/{outcome.thread.thread_ref}"
        assert outcome.title == "Mill Street bridge to close for repairs"
        assert len(h.discord.briefs) == 1 and len(h.slack.briefs) == 1
        async with h.store.transaction() as tx:
            threads = await tx.discussions.threads(outcome.discussion.id)
        assert sorted(t.platform.value for t in threads) == ["discord", "slack", "web"]


async def test_brief_is_fetched_once_and_found_again_by_canonical_url() -> None:
    async with harness() as h:
        await publish_brief(command(), h.ctx)
        again = await publish_brief(command(url=ARTICLE_URL + "?utm_source=x#top"), h.ctx)
        assert again.status is PublishStatus.ALREADY
        assert again.link is not None
        assert h.fetcher.fetched == [ARTICLE_URL]
        await h.settle()
        assert len(h.discord.briefs) == 1 and len(h.slack.briefs) == 1


async def test_unlinked_place_gets_its_own_discussion() -> None:
    async with harness(linked=False) as h:
        first = await publish_brief(command(DISCORD), h.ctx)
        second = await publish_brief(command(SLACK), h.ctx)
        await h.settle()
        assert second.status is PublishStatus.POSTED
        assert first.discussion.id != second.discussion.id
        assert first.article.id == second.article.id
        assert len(h.discord.briefs) == 1 and len(h.slack.briefs) == 1


async def test_a_page_that_cannot_be_fetched_posts_nothing() -> None:
    async with harness() as h:
        with pytest.raises(ArticleError) as caught:
            await publish_brief(command(url="https://gazette.example/missing"), h.ctx)
        assert caught.value.user_message == "The site could not be reached."
        await h.settle()
        assert h.discord.briefs == [] and h.slack.briefs == []


async def test_brief_waits_for_a_rate_limited_platform_without_blocking_the_other() -> None:
    from bot.errors import DeliveryError

    async with harness() as h:
        h.slack.failures.append(DeliveryError(platform="slack", status=429, retry_after=0.2))
        outcome = await publish_brief(command(DISCORD), h.ctx)
        assert outcome.status is PublishStatus.POSTED
        assert h.slack.briefs == []
        await h.settle()
        assert len(h.slack.briefs) == 1


async def test_asking_again_after_a_brief_could_not_be_posted_tries_again() -> None:
    async with harness(linked=False) as h:
        h.slack.failures.append(
            DeliveryError("not_in_channel", platform="slack", permanent=True, unreachable=True)
        )
        ask = PublishBrief(ARTICLE_URL, SLACK, "T1", "CNEWS", "news", "u1")
        first = await publish_brief(ask, h.ctx)
        assert first.status is PublishStatus.FAILED
        # A moderator invites the bot, then asks again: the brief is posted, not "queued".
        second = await publish_brief(ask, h.ctx)
        assert second.status is PublishStatus.POSTED
        assert second.thread is not None
        assert len(h.slack.briefs) == 1


async def test_comments_written_while_a_brief_could_not_be_posted_follow_it_when_it_is() -> None:
    async with harness() as h:
        h.slack.failures.append(
            DeliveryError("not_in_channel", platform="slack", permanent=True, unreachable=True)
        )
        from_discord = PublishBrief(ARTICLE_URL, DISCORD, "G1", "C-news", "news", "u1")
        outcome = await publish_brief(from_discord, h.ctx)
        await h.settle()
        thread = await h.thread(DISCORD, outcome.discussion.id)
        for n, text in enumerate(["first", "second"]):
            await record_comment(h.reader(thread, f"m{n}", text), h.ctx)
        await h.settle()
        assert h.slack.briefs == []  # Slack never got the brief, so no copies either
        # The bot is invited back in Slack and asked again there.
        again = PublishBrief(ARTICLE_URL, SLACK, "T1", "CNEWS", "news", "u2")
        assert (await publish_brief(again, h.ctx)).status is PublishStatus.POSTED
        await h.settle()
        slack_thread = await h.thread(SLACK, outcome.discussion.id)
        copies = [m.text for m in h.slack.thread_messages(slack_thread.thread_ref)]
        assert copies == ["first", "second"]


async def test_a_page_over_the_size_limit_is_refused_in_one_sentence_and_posts_nothing() -> None:
    from bot.messages import BRIEF_TOO_LONG
    from tests.app import running_app

    async with running_app(
        pages={ARTICLE_URL: "<p>" + "ferry " * 5_000 + "</p>"}, brief_max_chars=20_000
    ) as app:
        with pytest.raises(ArticleError) as caught:
            await publish_brief(command(), app.ctx)
        assert caught.value.user_message == BRIEF_TOO_LONG
        assert app.discord.briefs == [] and app.slack.briefs == []
