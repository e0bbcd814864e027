"""Linking channels with one-time codes: what a code may do, and what linking then shares."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.domain.commands import PublishBrief
from bot.domain.model import Place, Platform
from bot.services.briefs import publish_brief
from bot.services.comments import record_comment
from bot.services.linking import LINK_CODE_MINUTES, issue_link_code, redeem_link_code
from tests.app import AppUnderTest
from tests.unit.services.harness import ARTICLE_URL, Harness, harness

DISCORD_NEWS = (DISCORD, "G1", "C-news", "news")
SLACK_NEWS = (SLACK, "T1", "CNEWS", "news")
DISCORD_SPORTS = (DISCORD, "G1", "C-sports", "sports")
SLACK_SPORTS = (SLACK, "T1", "CSPORTS", "sports")


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


async def room_of(app: AppUnderTest, where: tuple[Platform, str, str, str]) -> set[str]:
    """The channel ids in the room of the channel ``where``."""
    async with app.store.transaction() as tx:
        place = await tx.places.ensure(*where)
        places = await tx.places.in_room(place.room_id)
        await tx.commit()
    return {p.channel_id for p in places}


def channels(places: list[Place] | None) -> set[str] | None:
    return None if places is None else {p.channel_id for p in places}


async def test_a_code_links_the_channel_it_is_typed_in_with_the_one_that_issued_it() -> None:
    async with harness(linked=False) as h:
        code = await issue_link_code(h.ctx, *DISCORD_NEWS)
        # Read aloud and retyped: lower case and stray spaces still work.
        joined = await redeem_link_code(h.ctx, f"  {code.lower()} ", *SLACK_NEWS)
        assert channels(joined) == {"C-news", "CNEWS"}
        assert await room_of(h, DISCORD_NEWS) == {"C-news", "CNEWS"}


async def test_an_expired_code_links_nothing() -> None:
    async with harness(linked=False) as h:
        clock = Clock()
        h.ctx.clock = clock
        late = await issue_link_code(h.ctx, *DISCORD_NEWS)
        in_time = await issue_link_code(h.ctx, *DISCORD_SPORTS)
        clock.now += timedelta(minutes=LINK_CODE_MINUTES, seconds=-1)
        assert channels(await redeem_link_code(h.ctx, in_time, *SLACK_SPORTS)) == {
            "C-sports",
            "CSPORTS",
        }
        clock.now += timedelta(seconds=1)  # exactly LINK_CODE_MINUTES after it was issued
        assert await redeem_link_code(h.ctx, late, *SLACK_NEWS) is None
        assert await room_of(h, SLACK_NEWS) == {"CNEWS"}
        assert await room_of(h, DISCORD_NEWS) == {"C-news"}


async def test_a_code_works_once() -> None:
    async with harness(linked=False) as h:
        code = await issue_link_code(h.ctx, *DISCORD_NEWS)
        assert await redeem_link_code(h.ctx, code, *SLACK_NEWS) is not None
        assert await redeem_link_code(h.ctx, code, *SLACK_SPORTS) is None
        assert await room_of(h, SLACK_SPORTS) == {"CSPORTS"}
        assert await room_of(h, DISCORD_NEWS) == {"C-news", "CNEWS"}


async def test_a_code_redeemed_where_it_was_issued_changes_no_room() -> None:
    async with harness() as h:  # #news on Discord and Slack are already linked
        code = await issue_link_code(h.ctx, *DISCORD_NEWS)
        assert channels(await redeem_link_code(h.ctx, code, *DISCORD_NEWS)) == {
            "C-news",
            "CNEWS",
        }
        assert await room_of(h, SLACK_NEWS) == {"C-news", "CNEWS"}
        assert await redeem_link_code(h.ctx, code, *SLACK_SPORTS) is None  # it is used up


async def test_linking_two_linked_channels_merges_their_rooms() -> None:
    async with harness() as h:
        sports = await issue_link_code(h.ctx, *DISCORD_SPORTS)
        await redeem_link_code(h.ctx, sports, *SLACK_SPORTS)
        code = await issue_link_code(h.ctx, *SLACK_SPORTS)
        joined = await redeem_link_code(h.ctx, code, *DISCORD_NEWS)
        everyone = {"C-news", "CNEWS", "C-sports", "CSPORTS"}
        assert channels(joined) == everyone
        for where in (DISCORD_NEWS, SLACK_NEWS, DISCORD_SPORTS, SLACK_SPORTS):
            assert await room_of(h, where) == everyone


async def brief_in_discord_news(h: Harness) -> int:
    outcome = await publish_brief(PublishBrief(ARTICLE_URL, *DISCORD_NEWS, "u1"), h.ctx)
    await h.settle()
    return outcome.discussion.id


async def test_after_linking_a_new_brief_goes_to_every_linked_place() -> None:
    async with harness() as h:
        sports = await issue_link_code(h.ctx, *DISCORD_SPORTS)
        await redeem_link_code(h.ctx, sports, *SLACK_SPORTS)
        code = await issue_link_code(h.ctx, *DISCORD_SPORTS)
        await redeem_link_code(h.ctx, code, *SLACK_NEWS)
        await brief_in_discord_news(h)
        posted = {(place.platform, place.channel_id) for place, _, _ in h.discord.briefs}
        posted |= {(place.platform, place.channel_id) for place, _, _ in h.slack.briefs}
        assert posted == {
            (DISCORD, "C-news"),
            (SLACK, "CNEWS"),
            (DISCORD, "C-sports"),
            (SLACK, "CSPORTS"),
        }
        assert len(h.discord.briefs) + len(h.slack.briefs) == 4  # once each


async def test_after_linking_comments_flow_both_ways() -> None:
    async with harness(linked=False) as h:
        code = await issue_link_code(h.ctx, *SLACK_NEWS)
        await redeem_link_code(h.ctx, code, *DISCORD_NEWS)
        discussion = await brief_in_discord_news(h)
        discord_thread = await h.thread(DISCORD, discussion)
        slack_thread = await h.thread(SLACK, discussion)
        await record_comment(h.reader(discord_thread, "d1", "from Discord", "Ana"), h.ctx)
        await record_comment(h.reader(slack_thread, "s1", "from Slack", "Ben"), h.ctx)
        await h.settle()
        [to_slack] = h.slack.thread_messages(slack_thread.thread_ref)
        [to_discord] = h.discord.thread_messages(discord_thread.thread_ref)
        assert (to_slack.username, to_slack.text) == ("Ana (Discord)", "from Discord")
        assert (to_discord.username, to_discord.text) == ("Ben (Slack)", "from Slack")
