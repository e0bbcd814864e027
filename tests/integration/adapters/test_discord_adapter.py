"""The Discord adapter with the real discord.py against the loopback Discord emulator.

discord.py is imported through ``discord_world``, which silences its ``audioop`` warning.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from adapters.discord import messages as discord_messages
from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot import messages
from bot.briefing.model import Brief
from bot.domain.commands import DeleteComment, EditComment, RecordComment
from bot.domain.copies import CommentCopy
from bot.domain.model import Author, Place, Thread
from bot.errors import (
    AddressTooLongError,
    BlockedAddressError,
    ConfigError,
    DeliveryError,
    MalformedAddressError,
    NotAnArticleError,
    StorageUnavailableError,
)
from bot.messages import INVITATION
from bot.ports.store import Store, Transaction
from bot.services.comments import delete_comment, edit_comment, record_comment
from bot.services.gate import BriefGate
from tests.integration.adapters.discord_world import (
    INTENT_REFUSED,
    DiscordRunner,
    DiscordStartError,
    World,
    discord_world,
    eventually,
)


async def test_brief_posts_the_embed_opens_the_thread_and_confirms(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        await world.start_bot()
        answer = await world.control.command(
            "brief", "news", "maria.lopez", {"url": world.article_url}
        )

        [brief] = [m for m in await world.control.messages("news") if m["embeds"]]
        embed = brief["embeds"][0]
        assert embed["title"] == "Harbour Road library to reopen after flood repairs"
        assert len(embed["description"]) > 100
        assert any("380,000" in f["name"] for f in embed.get("fields", []))
        thread_id = brief["thread_id"]
        thread = await world.control.channel(thread_id)
        assert thread["is_thread"] and thread["auto_archive_duration"] == 1440

        # The thread is recorded (and /brief answered) before the invitation is posted.
        async def invited() -> bool:
            return bool(await world.control.messages(thread_id))

        await eventually(invited)
        [invitation] = await world.control.messages(thread_id)
        assert invitation["content"] == INVITATION

        assert answer["ephemeral"] and answer["deferred"]
        initial = answer["responses"][0]
        assert initial["callback_type"] == 5 and initial["at_ms"] < 1000  # deferred at once
        text = answer["original"]["content"]
        guild = (await world.control.state())["guild_id"]
        assert f"https://discord.com/channels/{guild}/{thread_id}" in text
        [stored] = await world.threads()
        assert stored.thread_ref == thread_id and stored.message_id == brief["id"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://10.0.0.1/x", BlockedAddressError.default_message),
        ("{site}/missing", None),
        ("{site}/login", NotAnArticleError.default_message),
        ("library reopening", messages.NOT_A_URL),
        ("not a url", messages.NOT_A_URL),
        ("   ", discord_messages.MISSING_URL),
        ("{site}/" + "a" * 3000, AddressTooLongError.default_message),
        ("http://news.example:99999/story", MalformedAddressError.default_message),
    ],
)
async def test_a_bad_link_gets_one_plain_sentence_and_posts_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, url: str, expected: str | None
) -> None:
    caplog.set_level(logging.INFO)
    async with discord_world(tmp_path) as world:
        await world.start_bot()
        answer = await world.control.command(
            "brief", "news", "maria.lopez", {"url": url.format(site=world.site)}
        )

        text = answer["original"]["content"]
        assert answer["ephemeral"]
        # "briefbot is thinking…" (the deferral) comes first, the answer fills it in last.
        kinds = [(r["kind"], r.get("callback_type")) for r in answer["responses"]]
        assert kinds == [("initial", 5), ("followup", None)]
        assert answer["responses"][-1]["content"] == text
        if expected is not None:
            assert text == expected
        assert "Traceback" not in text and text.count(".") <= 2
        assert await world.control.messages("news", public=True) == []
        assert await world.threads() == []
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_comments_edits_and_deletions_in_the_thread_are_collected(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        runner = await world.start_bot()
        thread_id = await world.brief()
        control = world.control
        maria = await control.say(thread_id, "maria.lopez", "Great news for the homework club")
        maria_id = await control.user_id("maria.lopez")
        dev = await control.say(
            thread_id, "dev_okafor", f"Who pays the **rest**, <@{maria_id}>?", reply_to=maria
        )
        gone = await control.say(thread_id, "dev_okafor", "oops, wrong thread")
        await control.edit(thread_id, maria, "Great news for the homework club!")
        await control.delete(thread_id, gone)
        await control.say("news", "hannah.k", "Not in a thread: not a comment")
        await control.say("general", "hannah.k", "Elsewhere entirely")
        assert runner.client.user is not None
        [thread] = await world.threads()

        async def settled() -> bool:
            comments = await world.comments(thread)
            return len(comments) == 3 and comments[2].deleted and comments[0].edited_at is not None

        await eventually(settled, within=30)  # a loaded CI machine once took over 10 s
        first, second, third = await world.comments(thread)
        assert first.platform_message_id == maria
        assert first.text == "Great news for the homework club!"
        assert first.author.display_name == "María López"
        assert first.author.avatar_url and first.author.avatar_url.startswith("https://cdn.")
        assert second.platform_message_id == dev and second.reply_to_id == first.id
        assert second.text == "Who pays the **rest**, @María López?"
        assert second.author.display_name == "Dev Okafor"
        assert third.platform_message_id == gone and third.text == ""
        stored_ids = {c.platform_message_id for c in await world.comments(thread)}
        bot_messages = [m["id"] for m in await control.messages(thread_id) if m["author"]["bot"]]
        assert bot_messages and not stored_ids & set(bot_messages)


async def test_a_restart_catches_up_on_what_happened_while_the_bot_was_down(
    tmp_path: Path,
) -> None:
    async with discord_world(tmp_path) as world:
        await world.start_bot()
        thread_id = await world.brief()
        control = world.control
        maria = await control.say(thread_id, "maria.lopez", "Will the van still stop at Mill Lane?")
        dev = await control.say(thread_id, "dev_okafor", "Yes, on Tuesdays")
        [thread] = await world.threads()

        async def both_collected() -> bool:
            return len(await world.comments(thread)) == 2

        await eventually(both_collected)
        await world.stop_bot()

        hannah = await control.say(thread_id, "hannah.k", "Posted while the bot was away")
        await control.edit(thread_id, maria, "Will the van still stop at Mill Lane in March?")
        await control.delete(thread_id, dev)

        runner = await world.start_bot()
        async with asyncio.timeout(5):
            await runner.client.catch_up_done.wait()
        comments = await world.comments(thread)
        assert [c.platform_message_id for c in comments] == [maria, dev, hannah]
        assert comments[0].text == "Will the van still stop at Mill Lane in March?"
        assert comments[1].deleted
        assert comments[2].text == "Posted while the bot was away"
        assert comments[2].author.display_name == "Hannah Kim"


async def test_a_reply_first_read_after_its_edit_is_stored_as_edited(tmp_path: Path) -> None:
    """A catch-up records a reply with the text it has now; if that is an edit, the
    comment still shows as edited (the live edit that may follow then changes nothing)."""
    async with discord_world(tmp_path) as world:
        await world.start_bot()
        thread_id = await world.brief()
        [thread] = await world.threads()
        await world.stop_bot()

        control = world.control
        written = await control.say(thread_id, "maria.lopez", "Open on Sundays?")
        await control.edit(thread_id, written, "Open on Sundays too?")

        runner = await world.start_bot()
        async with asyncio.timeout(5):
            await runner.client.catch_up_done.wait()
        [comment] = await world.comments(thread)
        assert comment.text == "Open on Sundays too?"
        assert comment.edited_at is not None


def from_slack(thread: Thread, message_id: str, text: str) -> RecordComment:
    return RecordComment(
        platform=SLACK,
        workspace_id=thread.workspace_id,
        thread_ref=thread.thread_ref,
        message_id=message_id,
        author=Author(SLACK, "U0ANA", "Ana", "https://avatars.example/ana.png"),
        text=text,
        created_at=datetime.now(UTC),
    )


async def test_copies_go_through_the_webhook_ping_nobody_and_follow_edits_and_deletions(
    tmp_path: Path,
) -> None:
    async with discord_world(tmp_path) as world:
        await world.start_bot()
        thread_id = await world.brief()
        [discord_thread] = await world.threads()
        slack_thread = await world.slack_thread(discord_thread)

        await record_comment(
            from_slack(slack_thread, "1770800001.000200", "Volunteers needed @everyone @here!"),
            world.ctx,
        )
        await world.settle()
        [copy] = [m for m in await world.control.messages(thread_id) if m["webhook_id"]]
        assert copy["username"] == "Ana (Slack)"
        assert copy["avatar_url"] == "https://avatars.example/ana.png"
        assert "Volunteers needed" in copy["content"]
        assert copy["pings"] == {"users": [], "roles": [], "everyone": False, "here": False}
        hooks = (await world.control.state())["webhooks"]
        assert [h["name"] for h in hooks] == ["briefbot"]
        assert hooks[0]["channel_id"] == (await world.control.channel(thread_id))["parent_id"]

        edit = EditComment(
            SLACK,
            "T1",
            slack_thread.thread_ref,
            "1770800001.000200",
            "Volunteers needed on Saturday",
            datetime.now(UTC),
        )
        await edit_comment(edit, world.ctx)
        await world.settle()
        [edited] = [m for m in await world.control.messages(thread_id) if m["webhook_id"]]
        assert edited["id"] == copy["id"] and edited["content"] == "Volunteers needed on Saturday"

        delete = DeleteComment(
            SLACK, "T1", slack_thread.thread_ref, "1770800001.000200", datetime.now(UTC)
        )
        await delete_comment(delete, world.ctx)
        await world.settle()
        [deleted] = [m for m in await world.control.messages(thread_id) if m["webhook_id"]]
        assert deleted["deleted"]
        assert await world.comments(discord_thread) == []  # our copy was never collected


async def test_an_archived_thread_is_unarchived_and_receives_the_copy(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        await world.start_bot()
        thread_id = await world.brief()
        [discord_thread] = await world.threads()
        slack_thread = await world.slack_thread(discord_thread)
        await world.control.patch_channel(thread_id, archived=True)
        assert (await world.control.channel(thread_id))["archived"]

        await record_comment(from_slack(slack_thread, "1770800002.000300", "Late reply"), world.ctx)
        await world.settle()

        assert not (await world.control.channel(thread_id))["archived"]
        copies = [m for m in await world.control.messages(thread_id) if m["webhook_id"]]
        assert [m["content"] for m in copies] == ["Late reply"]


async def test_edits_and_deletions_reach_a_copy_in_a_thread_that_archived_itself(
    tmp_path: Path,
) -> None:
    """Discord archives an idle thread; its messages then refuse edits and deletions (50083)."""
    async with discord_world(tmp_path) as world:
        await world.start_bot()
        thread_id = await world.brief()
        [discord_thread] = await world.threads()
        slack_thread = await world.slack_thread(discord_thread)
        ts = "1770800003.000400"
        await record_comment(from_slack(slack_thread, ts, "Before the quiet"), world.ctx)
        await world.settle()
        [copy] = [m for m in await world.control.messages(thread_id) if m["webhook_id"]]

        # A day of inactivity in a fraction of a second, then the clock back to normal.
        await world.control.call("POST", "/config", {"time_scale": 86_400 * 4})

        async def archived() -> bool:
            return bool((await world.control.channel(thread_id))["archived"])

        await eventually(archived, within=10)
        await world.control.call("POST", "/config", {"time_scale": 1})

        edit = EditComment(SLACK, "T1", slack_thread.thread_ref, ts, "After", _now())
        await edit_comment(edit, world.ctx)
        await world.settle()
        [edited] = [m for m in await world.control.messages(thread_id) if m["webhook_id"]]
        assert edited["id"] == copy["id"] and edited["content"] == "After"

        await world.control.patch_channel(thread_id, archived=True)
        delete = DeleteComment(SLACK, "T1", slack_thread.thread_ref, ts, _now())
        await delete_comment(delete, world.ctx)
        await world.settle()
        [deleted] = [m for m in await world.control.messages(thread_id) if m["webhook_id"]]
        assert deleted["deleted"]
        async with world.store.transaction() as tx:
            assert (await tx.outbox.counts()).get("failed", 0) == 0


def _now() -> datetime:
    return datetime.now(UTC)


async def test_a_refused_message_content_intent_is_one_plain_start_up_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with discord_world(tmp_path, allow_privileged_intents=False) as world:
        with pytest.raises(DiscordStartError) as refused:
            await world.start_bot()

        assert str(refused.value) == INTENT_REFUSED
        # One plain sentence saying what to switch on, and no traceback anywhere.
        assert INTENT_REFUSED.endswith(".") and INTENT_REFUSED.count(". ") == 0
        assert "Message Content intent" in INTENT_REFUSED
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR]  # the caller logs
        assert not [r for r in caplog.records if r.exc_info]


async def test_a_refusal_after_start_is_logged_once_and_stops_discord(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    async with discord_world(tmp_path) as world:
        runner = await world.start_bot()
        await world.control.call("POST", "/config", {"allow_privileged_intents": False})
        await world.control.call("POST", "/disconnect", {"code": 4000, "invalidate": True})

        async def stopped() -> bool:
            return not runner.running

        await eventually(stopped, within=10)
        refusals = [r for r in caplog.records if r.getMessage() == INTENT_REFUSED]
        assert len(refusals) == 1 and refusals[0].exc_info is None
        assert all(world.emu.bot_token not in r.getMessage() for r in caplog.records)


async def test_briefbot_link_without_a_code_issues_one(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        await world.start_bot()
        issued = await world.control.command("briefbot", "news", "editor.riverside", {"link": {}})

        assert issued["ephemeral"]
        text = issued["original"]["content"]
        code = text.split("Link code: ")[1].split(".")[0]
        assert text == messages.link_code_issued(code, 15)
        [group] = [c for c in (await world.control.state())["commands"] if c["name"] == "briefbot"]
        assert group["default_member_permissions"] == "8192"  # Manage Messages (moderators)


async def test_briefbot_link_with_a_code_links_the_two_channels(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        await world.start_bot()
        issued = await world.control.command("briefbot", "news", "editor.riverside", {"link": {}})
        code = issued["original"]["content"].split("Link code: ")[1].split(".")[0]

        linked = await world.control.command(
            "briefbot", "general", "editor.riverside", {"link": {"code": code}}
        )

        assert linked["original"]["content"] == messages.linked(
            ["#news (Discord)", "#general (Discord)"]
        )


async def test_brief_into_another_channel(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        await world.start_bot()
        general = str(world.emu.channel_id("general"))
        answer = await world.control.command(
            "brief", "news", "maria.lopez", {"url": world.article_url, "channel": general}, 3
        )

        assert "Posted the brief" in answer["original"]["content"]
        assert [m for m in await world.control.messages("general") if m["embeds"]]
        assert await world.control.messages("news", public=True) == []


# --- DiscordChat directly: failures, crash recovery, webhooks ------------------------------

NOTICE = Brief(
    title="Mill Lane stop moves for the market",
    text="The mobile library stop moves on market days.",
    summary=("The mobile library stop moves on market days.",),
    key_figures=(),
    url="https://courier.example/news/van",
)


async def news_place(world: World) -> Place:
    guild = (await world.control.state())["guild_id"]
    async with world.store.transaction() as tx:
        place = await tx.places.ensure(DISCORD, guild, str(world.emu.channel_id("news")), "news")
        await tx.commit()
    return place


def a_copy(text: str) -> CommentCopy:
    return CommentCopy("Ana", SLACK, None, text)


async def test_an_interrupted_try_finds_what_it_already_posted(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        runner = await world.start_bot()
        chat, place = runner.chat, await news_place(world)
        since = datetime.now(UTC) - timedelta(seconds=1)

        posted = await chat.post_brief(place, NOTICE)
        assert await chat.find_brief(place, NOTICE, since) == posted
        assert (
            await chat.find_brief(place, NOTICE, datetime.now(UTC) + timedelta(minutes=1)) is None
        )
        assert await world.control.messages(posted.thread_ref) == []  # invited separately

        thread = Thread(
            1,
            1,
            place.id,
            DISCORD,
            place.workspace_id,
            posted.thread_ref,
            posted.message_id,
            since,
        )
        assert not await chat.find_invitation(thread)
        await chat.post_invitation(thread)
        assert await chat.find_invitation(thread)
        thread_messages = await world.control.messages(posted.thread_ref)
        assert [m["content"] for m in thread_messages] == [INVITATION]

        copy_id = await chat.post_copy(thread, a_copy("First!"))
        assert await chat.find_copies(thread, a_copy("First!"), since) == [copy_id]
        assert await chat.find_copies(thread, a_copy("Second"), since) == []
        again = await chat.post_copy(thread, a_copy("First!"))  # the same words once more
        assert await chat.find_copies(thread, a_copy("First!"), since) == [copy_id, again]


async def test_failures_become_delivery_errors(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        runner = await world.start_bot()
        chat, place = runner.chat, await news_place(world)
        news = str(world.emu.channel_id("news"))

        fault = {"method": "POST", "route": "/channels/{channel_id}/messages", "status": 503}
        await world.control.call("POST", "/faults", fault)
        with pytest.raises(DeliveryError) as server:
            await chat.post_brief(place, NOTICE)
        assert server.value.status == 503 and not server.value.permanent

        await world.control.patch_channel(news, bot_can_send=False)
        with pytest.raises(DeliveryError) as refused:
            await chat.post_brief(place, NOTICE)
        assert refused.value.status == 403 and refused.value.permanent
        await world.control.patch_channel(news, bot_can_send=True)

        limits = {"enabled": True, "routes": {"messages.create": {"limit": 1, "per": 120}}}
        await world.control.call("POST", "/ratelimits", limits)
        await chat.post_brief(place, NOTICE)
        with pytest.raises(DeliveryError) as limited:
            await chat.post_brief(place, NOTICE)
        assert limited.value.status == 429 and not limited.value.permanent
        assert limited.value.retry_after is not None and 60 < limited.value.retry_after <= 120


async def test_one_webhook_per_channel_found_again_and_replaced_when_deleted(
    tmp_path: Path,
) -> None:
    async with discord_world(tmp_path) as world:
        await world.start_bot()
        thread_id = await world.brief()
        [discord_thread] = await world.threads()
        runner = world.runner
        assert runner is not None
        await runner.chat.post_copy(discord_thread, a_copy("one"))

        await world.stop_bot()
        runner = await world.start_bot()
        await runner.chat.post_copy(discord_thread, a_copy("two"))
        [hook] = (await world.control.state())["webhooks"]  # found again, not made twice

        await world.control.http.delete(
            f"{world.emu.api_base}/webhooks/{hook['id']}/{hook['token']}"
        )
        await runner.chat.post_copy(discord_thread, a_copy("three"))
        [replacement] = (await world.control.state())["webhooks"]
        assert replacement["id"] != hook["id"]
        copies = [m["content"] for m in await world.control.messages(thread_id) if m["webhook_id"]]
        assert copies == ["one", "two", "three"]


async def test_a_locked_thread_refuses_copies_for_good(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        runner = await world.start_bot()
        thread_id = await world.brief()
        [discord_thread] = await world.threads()
        await world.control.patch_channel(thread_id, archived=True, locked=True)

        with pytest.raises(DeliveryError) as locked:
            await runner.chat.post_copy(discord_thread, a_copy("Anyone?"))
        assert locked.value.permanent


async def test_the_gate_answers_plainly(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        await world.start_bot()
        world.ctx.gate = BriefGate(allowed=frozenset({"nobody"}))
        refused = await world.control.command(
            "brief", "news", "maria.lopez", {"url": world.article_url}
        )
        assert refused["original"]["content"] == messages.not_allowed()

        world.ctx.gate = BriefGate(cooldown_seconds=60)
        await world.brief(user="maria.lopez")
        again = await world.control.command(
            "brief", "general", "maria.lopez", {"url": world.article_url}
        )
        assert again["original"]["content"] == messages.cooldown(60)
        assert await world.control.messages("general", public=True) == []


async def test_a_channel_the_bot_cannot_post_in_gets_a_plain_answer(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with discord_world(tmp_path) as world:
        await world.start_bot()
        await world.control.patch_channel("news", bot_can_send=False)

        answer = await world.control.command(
            "brief", "news", "maria.lopez", {"url": world.article_url}
        )

        title = "Harbour Road library to reopen after flood repairs"
        assert answer["original"]["content"] == messages.brief_failed(title)
        assert all(world.emu.bot_token not in r.getMessage() for r in caplog.records)


async def test_start_up_failures_are_plain_errors(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        wrong_token = DiscordRunner(
            world.ctx,
            "not-the-token",
            api_base=world.emu.api_base,
            gateway_url=world.emu.gateway_url,
        )
        with pytest.raises(ConfigError, match="DISCORD_TOKEN"):
            await wrong_token.start()

        no_gateway = DiscordRunner(
            world.ctx,
            world.emu.bot_token,
            api_base=world.emu.api_base,
            gateway_url=f"{world.site.replace('http', 'ws')}/no-gateway-here",
            ready_timeout=1,
            sync_commands=False,
        )
        with pytest.raises(DiscordStartError, match=r"could not connect|did not become ready"):
            await no_gateway.start()
        assert not no_gateway.running


@dataclass
class FlakyStore:
    """The real store, but ``down`` makes every transaction fail as an unreachable database."""

    inner: Store
    down: bool = False

    async def open(self) -> None:
        await self.inner.open()

    async def close(self) -> None:
        await self.inner.close()

    def transaction(self) -> AbstractAsyncContextManager[Transaction]:
        if self.down:
            raise StorageUnavailableError()
        return self.inner.transaction()


async def test_comments_the_store_could_not_take_are_collected_once_it_is_back(
    tmp_path: Path,
) -> None:
    async with discord_world(tmp_path) as world:
        await world.start_bot(repair_seconds=0.2)
        thread_id = await world.brief()
        [thread] = await world.threads()
        flaky = FlakyStore(world.store)
        world.ctx.store = flaky

        flaky.down = True
        lost = await world.control.say(thread_id, "maria.lopez", "Said while the database was down")
        await asyncio.sleep(0.3)
        flaky.down = False

        async def collected() -> bool:
            return [c.platform_message_id for c in await world.comments(thread)] == [lost]

        await eventually(collected)


async def test_a_comment_in_a_thread_opened_a_moment_before_it_was_stored_is_kept(
    tmp_path: Path,
) -> None:
    async with discord_world(tmp_path) as world:
        runner = await world.start_bot(repair_seconds=0.2)
        place = await news_place(world)
        posted = await runner.chat.post_brief(place, NOTICE)  # on Discord, not yet stored
        early = await world.control.say(posted.thread_ref, "hannah.k", "First!")
        await asyncio.sleep(0.1)

        now = datetime.now(UTC)
        async with world.store.transaction() as tx:
            article, _ = await tx.articles.add_or_get(
                NOTICE.url or "", NOTICE.title, Brief.empty(NOTICE.title), now
            )
            discussion, _ = await tx.discussions.get_or_create(article.id, place.room_id, now)
            thread = await tx.discussions.add_thread(
                discussion.id, place.id, posted.thread_ref, posted.message_id, now
            )
            await tx.commit()

        async def collected() -> bool:
            return [c.platform_message_id for c in await world.comments(thread)] == [early]

        await eventually(collected)
