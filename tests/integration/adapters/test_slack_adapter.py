"""The Slack adapter with the real slack-bolt and slack_sdk against the Slack emulator."""

from __future__ import annotations

import dataclasses
import json
import logging
import time
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from adapters.discord.platform import DISCORD
from adapters.slack import messages as slack_messages
from adapters.slack.platform import SLACK
from bot import messages
from bot.domain.commands import DeleteComment, EditComment, RecordComment, WriteWebComment
from bot.domain.copies import build_copy
from bot.domain.model import Author, Thread
from bot.errors import AddressTooLongError, DeliveryError
from bot.messages import INVITATION
from bot.services.comments import (
    delete_comment,
    edit_comment,
    record_comment,
    write_web_comment,
)
from bot.services.context import utcnow
from bot.services.gate import BriefGate
from bot.services.linking import link_places
from emulators.slack.http_events import sign
from tests.eventually import eventually

from .slack_env import ARTICLE_TITLE, SlackEnv, slack_env

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _no_slack_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real tokens in the environment must never reach these tests."""
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)


async def test_brief_posts_blocks_and_invitation_then_confirms(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with slack_env(tmp_path) as env:
        runner = env.new_runner()
        env.start_worker()
        await runner.start()
        command_id = await env.control.command("/brief", env.article_url, "news", "ana")
        record = await env.control.finished(command_id)

        assert not record["ack"].get("text")  # progress and answer both via response_url
        progress, answer = record["responses"]
        assert progress["text"] == slack_messages.WORKING
        assert answer["response_type"] == "ephemeral"
        assert answer["text"].startswith(f"Posted the brief for “{ARTICLE_TITLE}”: https://")
        seen = await env.control.get("ephemeral?user=U0ANA000001")
        assert [e["text"] for e in seen["ephemeral"]] == [slack_messages.WORKING, answer["text"]]

        [brief] = await env.control.top_level(env.news)
        assert brief["bot_id"] == env.emu.bot_id
        kinds = [b["type"] for b in brief["blocks"]]
        assert kinds[0] == "header"
        assert brief["blocks"][0]["text"]["text"] == ARTICLE_TITLE
        summary = brief["blocks"][1]["text"]["text"]
        assert "four extra evening crossings" in summary
        assert any("fields" in b for b in brief["blocks"])
        figures = " ".join(f["text"] for b in brief["blocks"] for f in b.get("fields", []))
        assert "2,300" in figures or "$410,000" in figures

        # The thread is recorded (and /brief answered) before the invitation is posted.
        async def invited() -> bool:
            return bool((await env.control.top_level(env.news))[0]["replies"])

        await eventually(invited)
        [invitation] = (await env.control.top_level(env.news))[0]["replies"]
        assert invitation["text"] == INVITATION
        assert invitation["bot_id"] == env.emu.bot_id

        [thread] = await env.threads()
        assert thread.workspace_id == env.emu.team_id
        assert thread.thread_ref == f"{env.news}/{brief['ts']}"
        assert thread.message_id == brief["ts"]
        assert brief["ts"].replace(".", "") in answer["text"]
        assert await env.comments(thread) == []

    logged = caplog.text
    for secret in (env.emu.bot_token, env.emu.app_token, env.emu.config.verification_token):
        assert secret not in logged


async def test_bad_url_gets_one_plain_sentence_and_posts_nothing(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    async with slack_env(tmp_path) as env:
        runner = env.new_runner()
        env.start_worker()
        await runner.start()
        missing = await env.control.command(
            "/brief", f"{env.article_base}/no-such-story", "news", "ana"
        )
        record = await env.control.finished(missing)
        [answer] = record["answers"]
        assert answer["text"] == "The site answered with an error (HTTP 404)."
        blocked = await env.control.finished(
            await env.control.command("/brief", "http://10.20.30.40/story", "news", "ben")
        )
        assert blocked["answers"][0]["text"].startswith("That address is not allowed")
        typo = await env.control.command("/brief", "eastbay-courier/story", "news", "ben")

        async def acked() -> bool:
            return (await env.control.get(f"commands/{typo}"))["ack"] is not None

        await eventually(acked)
        assert (await env.control.get(f"commands/{typo}"))["ack"]["text"] == messages.NOT_A_URL
        # Several words that are not a link get the same sentence as on Discord.
        words = await env.control.command("/brief", "not a url", "news", "ben")

        async def words_acked() -> bool:
            return (await env.control.get(f"commands/{words}"))["ack"] is not None

        await eventually(words_acked)
        assert (await env.control.get(f"commands/{words}"))["ack"]["text"] == messages.NOT_A_URL
        long = await env.control.finished(
            await env.control.command("/brief", f"{env.article_base}/{'a' * 3000}", "news", "ben")
        )
        assert long["answers"][0]["text"] == AddressTooLongError.default_message
        assert await env.control.top_level(env.news) == []
        assert await env.threads() == []
        for text in (answer["text"], blocked["answers"][0]["text"]):
            assert "Traceback" not in text and "Error" not in text
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []


async def test_replies_edits_and_deletions_are_collected_and_nothing_else(
    tmp_path: Path,
) -> None:
    async with slack_env(tmp_path) as env:
        runner = env.new_runner()
        env.start_worker()
        await runner.start()
        thread = await env.brief()
        _, thread_ts = thread.thread_ref.split("/")
        c = env.control
        ana = await c.reply("news", "ana", "Late boats at last & about *time*", thread_ts)
        ben = await c.reply("news", "ben", "Will <@U0ANA000001> ride the 11pm one?", thread_ts)
        await c.reply("news", "cara", "Unrelated: lost umbrella at the pier", None)

        async def two() -> bool:
            return len(await env.comments(thread)) == 2

        await eventually(two)
        await c.call("PATCH", f"messages/{env.news}/{ana}", {"text": "Late boats at last!"})
        await c.call("DELETE", f"messages/{env.news}/{ben}")

        async def settled() -> bool:
            found = await env.comments(thread)
            return found[0].edited_at is not None and found[1].deleted

        await eventually(settled)
        first, second = await env.comments(thread)
        assert (first.platform_message_id, first.text) == (ana, "Late boats at last!")
        assert first.author.display_name == "Ana"
        assert first.author.avatar_url == "https://avatars.riverside-gazette.example/ana_72.png"
        assert second.platform_message_id == ben and second.deleted
        assert second.author.display_name == "Ben O."
        assert len(await env.comments(thread)) == 2  # brief, invitation, channel talk: none


async def test_mentions_resolve_to_names(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        runner = env.new_runner()
        env.start_worker()
        await runner.start()
        thread = await env.brief()
        thread_ts = thread.thread_ref.split("/")[1]
        await env.control.reply(
            "news", "ana", "Ask <@U0CARA00001> in <#C0GENERAL01> <3 <!channel>", thread_ts
        )

        async def one() -> bool:
            return len(await env.comments(thread)) == 1

        await eventually(one)
        [comment] = await env.comments(thread)
        assert comment.text == "Ask @cara in #general <3 @channel"


async def _one_reply_then_down(env: SlackEnv, text: str) -> tuple[Thread, str, str]:
    """Brief, have Ana reply ``text``, wait until it is stored, then stop briefbot.
    Returns the thread, its ts and the reply's ts."""
    first = env.new_runner()
    env.start_worker()
    await first.start()
    thread = await env.brief()
    thread_ts = thread.thread_ref.split("/")[1]
    reply = await env.control.reply("news", "ana", text, thread_ts)

    async def stored() -> bool:
        return len(await env.comments(thread)) == 1

    await eventually(stored)
    await env.restart()
    return thread, thread_ts, reply


async def _back_up(env: SlackEnv) -> int:
    """Start briefbot again; how many replies its catch-up read."""
    second = env.new_runner()
    env.start_worker()
    await second.start()
    return await second.wait_caught_up()


async def test_restart_loses_nothing(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        thread, thread_ts, before = await _one_reply_then_down(env, "Before the restart")
        assert (await env.control.get("state"))["socket"]["connections"] == 0

        down = [
            await env.control.reply("news", "ben", "Posted while briefbot was away", thread_ts),
            await env.control.reply("news", "cara", "Me too", thread_ts),
        ]
        assert await _back_up(env) == 3  # the whole thread is read again

        async def all_three() -> bool:
            return len(await env.comments(thread)) == 3

        await eventually(all_three)
        stored = await env.comments(thread)
        assert [c.platform_message_id for c in stored] == [before, *down]
        assert [c.author.display_name for c in stored] == ["Ana", "Ben O.", "cara"]


async def test_a_restart_applies_edits_made_while_briefbot_was_away(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        thread, thread_ts, kept = await _one_reply_then_down(env, "Ferry at 9?")
        new = await env.control.reply("news", "ben", "Is it late?", thread_ts)
        for ts, text in ((kept, "Ferry at 9.30?"), (new, "Is it late again?")):
            edited = await env.control.call("PATCH", f"messages/{env.news}/{ts}", {"text": text})
            assert edited["ok"], edited
        assert await _back_up(env) == 2
        comments = await env.comments(thread)
        assert [(c.text, c.edited_at is not None) for c in comments] == [
            ("Ferry at 9.30?", True),  # stored before, edited while away: the edit applied
            ("Is it late again?", True),  # first read after its edit: marked edited
        ]


async def _link_discord(env: SlackEnv) -> int:
    async with env.store.transaction() as tx:
        slack = await tx.places.ensure(SLACK, env.emu.team_id, env.news, "news")
        discord = await tx.places.ensure(DISCORD, "G-eastbay", "C-ferry", "ferry")
        await tx.commit()
    await link_places(env.ctx, slack, discord)
    return discord.id


async def _discord_thread(env: SlackEnv, thread: Thread, place_id: int) -> None:
    async with env.store.transaction() as tx:
        await tx.discussions.add_thread(
            thread.discussion_id, place_id, "T-ferry-1", "M-ferry-1", utcnow()
        )
        await tx.commit()


async def test_copies_arrive_named_pinging_nobody_and_follow_edits(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        runner = env.new_runner()
        env.start_worker()
        await runner.start()
        discord_place = await _link_discord(env)
        thread = await env.brief()
        thread_ts = thread.thread_ref.split("/")[1]
        await _discord_thread(env, thread, discord_place)
        avatar = "https://cdn.eastbay.example/avatars/marek.png"
        said = "@everyone **Finally** <!channel> & <@U0ANA000001> @here"
        await record_comment(
            RecordComment(
                DISCORD,
                "G-eastbay",
                "T-ferry-1",
                "d-1",
                Author(DISCORD, "u-marek", "Marek", avatar),
                said,
                utcnow(),
            ),
            env.ctx,
        )
        await env.settle()
        replies = await env.control.thread(env.news, thread_ts)
        assert len(replies) == 3  # the brief, the invitation, the copy
        copy = replies[2]
        assert copy["username"] == "Marek (Discord)"
        assert copy["icons"]["image_72"] == avatar
        assert copy["bot_id"] == env.emu.bot_id
        assert copy["pings"] == []
        assert "*Finally*" in copy["text"]
        assert copy["metadata"]["event_type"] == "briefbot_copy"
        assert await env.comments(thread) == []  # our copy is not a reader's comment

        await edit_comment(
            EditComment(DISCORD, "G-eastbay", "T-ferry-1", "d-1", "Edited", utcnow()),
            env.ctx,
        )
        await env.settle()
        assert (await env.control.thread(env.news, thread_ts))[2]["text"] == "Edited"
        await delete_comment(
            DeleteComment(DISCORD, "G-eastbay", "T-ferry-1", "d-1", utcnow()), env.ctx
        )
        await env.settle()
        assert (await env.control.thread(env.news, thread_ts))[2]["deleted"]
        assert await env.comments(thread) == []
        async with env.store.transaction() as tx:
            counts = await tx.outbox.counts()
        assert counts.get("failed", 0) == 0


async def test_an_interrupted_try_is_recognised(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        runner = env.new_runner()
        env.start_worker()
        await runner.start()
        since = utcnow()
        thread = await env.brief()
        async with env.store.transaction() as tx:
            article = (await tx.articles.list_recent())[0]
            place = await tx.places.get(thread.place_id)
        found = await runner.chat.find_brief(place, article.brief, since)
        assert found is not None
        assert (found.message_id, found.thread_ref) == (thread.message_id, thread.thread_ref)

        # An earlier copy of another comment with the same name and text: only the
        # metadata tells them apart.
        decoy = {"origin": "web", "author": "Marek", "digest": "another-comment"}
        await runner.chat.client.chat_postMessage(
            channel=env.news,
            thread_ts=thread.message_id,
            username="Marek (Web)",
            text="Two boats, same text",
            metadata={"event_type": "briefbot_copy", "event_payload": decoy},
        )
        comment = await write_web_comment(
            WriteWebComment(thread.discussion_id, "Marek", "Two boats, same text", "client-1"),
            env.ctx,
        )
        await env.settle()
        # The copy as the worker built it: with its link to the web page, as in production.
        copy = build_copy(comment, None, env.ctx.comment_url(article.id, comment.id))
        first, mirror = (await env.control.thread(env.news, thread.message_id))[2:]
        assert first["text"] == mirror["text"] and first["username"] == mirror["username"]
        assert await runner.chat.find_copies(thread, copy, since) == [mirror["ts"]]
        other = build_copy(dataclasses.replace(comment, text="Never posted"))
        assert await runner.chat.find_copies(thread, other, since) == []


async def test_rate_limited_copies_are_retried_not_lost(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        runner = env.new_runner()
        env.start_worker()
        await runner.start()
        thread = await env.brief()
        tight = {"enabled": True, "post_per_channel_per_second": 1.0, "post_per_channel_burst": 1}
        assert (await env.control.post("ratelimits", tight))["ok"]
        for n in range(3):
            await write_web_comment(
                WriteWebComment(thread.discussion_id, "Marek", f"Comment {n}", f"c-{n}"), env.ctx
            )
        await env.settle(20)
        copies = (await env.control.thread(env.news, thread.message_id))[2:]
        assert [c["text"] for c in copies] == ["Comment 0", "Comment 1", "Comment 2"]
        stats = await env.control.get("stats")
        assert stats["ratelimited"].get("chat.postMessage", 0) >= 1
        async with env.store.transaction() as tx:
            counts = await tx.outbox.counts()
        assert counts.get("failed", 0) == 0


async def test_http_events_are_signature_checked(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with slack_env(tmp_path, mode="http") as env:
        runner = env.new_runner(app_token=None, signing_secret=env.emu.signing_secret)
        assert runner.mode == "http"
        app = web.Application()
        app.add_routes(runner.routes())
        server = web.AppRunner(app, access_log=None)
        await server.setup()
        site = web.TCPSite(server, "127.0.0.1", 0)
        await site.start()
        url = f"http://127.0.0.1:{server.addresses[0][1]}/slack/events"
        try:
            env.emu.set_request_url(url)
            env.start_worker()
            await runner.start()
            assert (await env.control.post("url_verification"))["ok"]
            thread = await env.brief()
            reply = await env.control.reply("news", "ben", "Signed and sealed", thread.message_id)

            async def collected() -> bool:
                return [c.platform_message_id for c in await env.comments(thread)] == [reply]

            await eventually(collected)

            forged = _event_body(env, thread, "1772600999.000100", "Forged reply")
            async with aiohttp.ClientSession() as session:
                now = str(int(time.time()))
                wrong = sign("not-the-secret", now, forged)
                for headers in (
                    {"X-Slack-Request-Timestamp": now, "X-Slack-Signature": wrong},
                    {},
                    # Not a number: refused as unsigned, not a 500 with a traceback per request.
                    {"X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": wrong},
                    {"X-Slack-Request-Timestamp": "", "X-Slack-Signature": wrong},
                    {"X-Slack-Request-Timestamp": "1e9", "X-Slack-Signature": wrong},
                    {"X-Slack-Request-Timestamp": "١٢٣", "X-Slack-Signature": wrong},
                ):
                    async with session.post(
                        url, data=forged, headers={"Content-Type": "application/json", **headers}
                    ) as resp:
                        assert resp.status == 401
                stale = str(int(time.time()) - 600)
                old = {
                    "X-Slack-Request-Timestamp": stale,
                    "X-Slack-Signature": sign(env.emu.signing_secret, stale, forged),
                }
                async with session.post(
                    url, data=forged, headers={"Content-Type": "application/json", **old}
                ) as resp:
                    assert resp.status == 401
            assert [c.platform_message_id for c in await env.comments(thread)] == [reply]
        finally:
            await server.cleanup()
    for secret in (env.emu.signing_secret, env.emu.bot_token, env.emu.config.verification_token):
        assert secret not in caplog.text
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert "Traceback" not in caplog.text


def _event_body(env: SlackEnv, thread: Thread, ts: str, text: str) -> bytes:
    event = {
        "type": "message",
        "user": "U0CARA00001",
        "text": text,
        "ts": ts,
        "thread_ts": thread.message_id,
        "channel": env.news,
        "event_ts": ts,
        "channel_type": "channel",
    }
    body = {
        "token": "forged",
        "team_id": env.emu.team_id,
        "api_app_id": env.emu.app_id,
        "type": "event_callback",
        "event_id": "Ev0FORGED01",
        "event_time": int(time.time()),
        "event": event,
    }
    return json.dumps(body).encode()


async def test_brief_into_another_channel_and_link_two_channels(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        runner = env.new_runner()
        env.start_worker()
        await runner.start()
        general = env.emu.channel_id("general")
        record = await env.control.finished(
            await env.control.command(
                "/brief", f"<{env.article_url}> <#{general}|general>", "news", "ana"
            )
        )
        assert record["answers"][0]["text"].startswith("Posted the brief")
        assert await env.control.top_level(env.news) == []
        [brief] = await env.control.top_level(general)
        assert brief["blocks"][0]["text"]["text"] == ARTICLE_TITLE

        issued = await env.control.finished(
            await env.control.command("/briefbot", "link", "news", "ana")
        )
        text = issued["responses"][0]["text"]
        assert text.startswith("Link code: ")
        code = text.removeprefix("Link code: ").split(".")[0]
        joined = await env.control.finished(
            await env.control.command("/briefbot", f"link {code}", "general", "ana")
        )
        shared = joined["responses"][0]["text"]
        assert shared.startswith("Linked. Briefs and comments are now shared between: ")
        assert sorted(shared.split(": ")[1].rstrip(".").split(", ")) == [
            "#general (Slack)",
            "#news (Slack)",
        ]
        again = await env.control.finished(
            await env.control.command("/briefbot", f"link {code}", "general", "ana")
        )
        assert again["responses"][0]["text"] == messages.link_code_invalid()


async def test_gate_refuses_with_a_plain_sentence(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        env.ctx.gate = BriefGate(allowed=frozenset({"U0ANA000001"}), cooldown_seconds=600)
        runner = env.new_runner()
        env.start_worker()
        await runner.start()
        await env.brief()  # Ana is allowed once
        for user, expected in (("ben", messages.not_allowed()), ("ana", "You just posted")):
            command_id = await env.control.command("/brief", env.article_url, "news", user)

            async def acked(command_id: str = command_id) -> bool:
                return (await env.control.get(f"commands/{command_id}"))["ack"] is not None

            await eventually(acked)
            record = await env.control.get(f"commands/{command_id}")
            assert record["ack"]["text"].startswith(expected)
            assert record["responses"] == []
        assert len(await env.control.top_level(env.news)) == 1


async def test_socket_reconnects_after_slack_asks_it_to(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        runner = env.new_runner()
        env.start_worker()
        await runner.start()
        thread = await env.brief()
        assert (await env.control.post("disconnect", {"reason": "refresh_requested"}))["ok"]

        async def reconnected() -> bool:
            return bool((await env.control.get("state"))["socket"]["connections"])

        await eventually(reconnected)
        reply = await env.control.reply("news", "ana", "Still here", thread.message_id)

        async def collected() -> bool:
            return [c.platform_message_id for c in await env.comments(thread)] == [reply]

        await eventually(collected)


async def test_invitation_is_completed_after_an_interrupted_brief(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        runner = env.new_runner()
        env.start_worker()
        await runner.start()
        tight = {"enabled": True, "post_per_channel_per_second": 1.0, "post_per_channel_burst": 1}
        assert (await env.control.post("ratelimits", tight))["ok"]
        thread = await env.brief()  # the invitation is refused once, then retried
        await env.settle()
        [brief] = await env.control.top_level(env.news)
        assert [r["text"] for r in brief["replies"]] == [INVITATION]
        assert thread.message_id == brief["ts"]
        stats = await env.control.get("stats")
        assert stats["ratelimited"]["chat.postMessage"] >= 1


async def test_server_errors_are_retried(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        runner = env.new_runner()
        env.start_worker()
        await runner.start()
        thread = await env.brief()
        fault = {"method": "chat.postMessage", "count": 1, "status": 503}
        assert (await env.control.post("faults", fault))["ok"]
        await write_web_comment(
            WriteWebComment(thread.discussion_id, "Marek", "After the outage", "c-1"), env.ctx
        )
        await env.settle()
        copies = (await env.control.thread(env.news, thread.message_id))[2:]
        assert [c["text"] for c in copies] == ["After the outage"]
        assert [c["username"] for c in copies] == ["Marek (Web)"]


async def test_a_brief_slack_refuses_for_good_is_reported_plainly(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        runner = env.new_runner()
        env.start_worker()
        await runner.start()
        refusal = {"method": "chat.postMessage", "count": 1, "status": 200, "error": "is_archived"}
        assert (await env.control.post("faults", refusal))["ok"]
        record = await env.control.finished(
            await env.control.command("/brief", env.article_url, "news", "ana")
        )
        assert record["answers"][0]["text"] == messages.brief_failed(ARTICLE_TITLE)
        assert await env.control.top_level(env.news) == []
        async with env.store.transaction() as tx:
            counts = await tx.outbox.counts()
        assert counts.get("failed") == 1


async def test_progress_never_follows_the_answer(tmp_path: Path) -> None:
    """A refusal comes back in milliseconds: "Working on it…" must still come before it."""
    async with slack_env(tmp_path) as env:
        runner = env.new_runner()
        env.start_worker()
        await runner.start()
        refused = [
            "http://10.20.30.40/story",
            "http://no-such-host.invalid/story",
            f"{env.article_base}/no-such-story",
        ]
        for url in refused:
            command_id = await env.control.command("/brief", url, "news", "ana")
            record: dict[str, Any] = {}

            async def both_shown(command_id: str = command_id) -> bool:
                nonlocal record
                record = await env.control.get(f"commands/{command_id}")
                # Acknowledged and answered: nothing more can be shown after this.
                return record["acked"] and len(record["ephemeral_visible"]) >= 2

            await eventually(both_shown, 15)
            seen = [shown["text"] for shown in record["ephemeral_visible"]]
            assert seen[0] == slack_messages.WORKING, (url, seen)
            assert seen[-1] != slack_messages.WORKING and len(seen) == 2, (url, seen)


async def test_brief_into_a_channel_the_bot_is_not_in_says_how_to_invite_it(
    tmp_path: Path,
) -> None:
    async with slack_env(tmp_path) as env:
        runner = env.new_runner()
        env.start_worker()
        await runner.start()
        random = env.emu.channel_id("random")
        elsewhere = f"<{env.article_url}> <#{random}|random>"
        record = await env.control.finished(
            await env.control.command("/brief", elsewhere, "news", "ana")
        )
        assert record["answers"][0]["text"] == slack_messages.not_in_channel("random")
        here = await env.control.finished(
            await env.control.command("/brief", env.article_url, "random", "ben")
        )
        assert here["answers"][0]["text"] == slack_messages.not_in_channel("random")
        assert await env.control.top_level(random) == []
        assert await env.threads() == []
        async with env.store.transaction() as tx:
            assert not any((await tx.outbox.counts()).values())

        # Once invited, the same command works.
        assert (await env.control.post("channels/random/members", {"user": "briefbot"}))["ok"]
        again = await env.control.finished(
            await env.control.command("/brief", elsewhere, "news", "ana")
        )
        assert again["answers"][0]["text"].startswith("Posted the brief")
        [brief] = await env.control.top_level(random)
        assert brief["blocks"][0]["text"]["text"] == ARTICLE_TITLE


async def test_a_copy_into_a_channel_the_bot_was_removed_from_fails_for_good(
    tmp_path: Path,
) -> None:
    async with slack_env(tmp_path) as env:
        runner = env.new_runner()
        env.start_worker()
        await runner.start()
        thread = await env.brief()
        removed = await env.control.call("DELETE", f"channels/{env.news}/members/briefbot")
        assert removed["removed"] is True

        comment = await write_web_comment(
            WriteWebComment(thread.discussion_id, "Marek", "Anyone there?", "c-1"), env.ctx
        )
        with pytest.raises(DeliveryError) as refused:
            await runner.chat.post_copy(thread, build_copy(comment))
        assert refused.value.permanent
        assert str(refused.value) == slack_messages.not_in_channel("news")

        await env.settle()
        async with env.store.transaction() as tx:
            counts = await tx.outbox.counts()
        assert counts.get("failed") == 1
        # The brief and its invitation only: the copy did not land.
        assert len(await env.control.thread(env.news, thread.message_id)) == 2
