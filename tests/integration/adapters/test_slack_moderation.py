"""Moderation on Slack with the real slack-bolt and slack_sdk against the Slack emulator:
the message shortcuts, ``/briefbot mod``, 🚩 reports and private notices to authors."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
import pytest
from aiohttp import web

from adapters.discord.platform import DISCORD
from adapters.slack import messages as slack_messages
from adapters.slack.mrkdwn import escape_slack
from adapters.slack.platform import SLACK
from bot import messages
from bot.domain.commands import RecordComment
from bot.domain.model import Author, Comment, Thread
from bot.domain.moderation import Standing
from bot.moderation.policy import BANNED_AUTHOR, BURST, CLOSED_DISCUSSION
from bot.services.comments import record_comment
from bot.services.context import utcnow
from bot.services.linking import link_places
from emulators.slack.http_events import sign
from tests.eventually import eventually

from .slack_env import SlackEnv, slack_env

pytestmark = pytest.mark.slow

REMOVE = "briefbot_remove_everywhere"
HOLD = "briefbot_hold"
FLAG = "triangular_flag_on_post"


@pytest.fixture(autouse=True)
def _no_slack_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real tokens in the environment must never reach these tests."""
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)


async def _started(env: SlackEnv, **runner: Any) -> tuple[Thread, str]:
    started = env.new_runner(**runner)
    env.start_worker()
    await started.start()
    thread = await env.brief()
    return thread, thread.thread_ref.split("/")[1]


async def _reply(env: SlackEnv, thread: Thread, user: str, text: str) -> Comment:
    thread_ts = thread.thread_ref.split("/")[1]
    ts = await env.control.reply(env.news, user, text, thread_ts)

    async def stored() -> Comment | None:
        return next((c for c in await env.comments(thread) if c.platform_message_id == ts), None)

    return await eventually(stored)


async def _comment(env: SlackEnv, comment_id: int) -> Comment:
    async with env.store.transaction() as tx:
        return await tx.comments.get(comment_id)


async def _told(env: SlackEnv, user: str, count: int = 1) -> list[str]:
    """What briefbot told ``user`` privately (``chat.postEphemeral``, not slash-command
    answers), once there are ``count`` such messages."""

    async def seen() -> list[str]:
        listing = await env.control.get(f"ephemeral?user={env.emu.user_id(user)}")
        texts = [e["text"] for e in listing["ephemeral"] if e["source"] == "chat.postEphemeral"]
        return texts if len(texts) >= count else []

    return await eventually(seen)


async def _link_discord(env: SlackEnv, thread: Thread) -> None:
    """A Discord place in the room with its thread (no Discord worker runs here)."""
    async with env.store.transaction() as tx:
        slack = await tx.places.ensure(SLACK, env.emu.team_id, env.news, "news")
        discord = await tx.places.ensure(DISCORD, "G-eastbay", "C-ferry", "ferry")
        await tx.commit()
    await link_places(env.ctx, slack, discord)
    async with env.store.transaction() as tx:
        await tx.discussions.add_thread(
            thread.discussion_id, discord.id, "T-ferry-1", "M-ferry-1", utcnow()
        )
        await tx.commit()


async def _from_discord(env: SlackEnv, message_id: str, text: str) -> Comment:
    comment = await record_comment(
        RecordComment(
            DISCORD,
            "G-eastbay",
            "T-ferry-1",
            message_id,
            Author(DISCORD, "u-marek", "Marek"),
            text,
            utcnow(),
        ),
        env.ctx,
    )
    assert comment is not None
    await env.settle()
    return comment


async def _copy_ts(env: SlackEnv, thread_ts: str, text: str) -> str:
    replies = await env.control.thread(env.news, thread_ts)
    [copy] = [r for r in replies if r["bot_id"] and r["text"] == text and not r["deleted"]]
    return str(copy["ts"])


async def test_a_member_is_refused_with_one_sentence(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        thread, thread_ts = await _started(env)
        comment = await _reply(env, thread, "ben", "Nobody can take this down")
        env.emu.shortcut(REMOVE, "ben", "news", comment.platform_message_id)
        assert await _told(env, "ben") == [escape_slack(slack_messages.NOT_A_MODERATOR)]
        # Cara is in @editors, but no user group was configured as moderators.
        env.emu.shortcut(HOLD, "cara", "news", comment.platform_message_id)
        assert await _told(env, "cara") == [escape_slack(slack_messages.NOT_A_MODERATOR)]
        for text in ("mod close", "mod ban @ana", "mod login"):
            record = await env.control.finished(
                await env.control.command("/briefbot", text, "news", "ben")
            )
            assert [a["text"] for a in record["answers"]] == [
                escape_slack(slack_messages.NOT_A_MODERATOR)
            ]
        assert (await _comment(env, comment.id)).standing is Standing.VISIBLE
        assert not any(m["deleted"] for m in await env.control.thread(env.news, thread_ts))


async def test_the_admin_role_is_checked_at_each_action_not_remembered(tmp_path: Path) -> None:
    # Slack decides at the moment of the action: made an admin, Ben may hold; demoted a
    # moment later, he is refused at once (nothing was cached from his last action).
    async with slack_env(tmp_path) as env:
        thread, _ = await _started(env)
        first = await _reply(env, thread, "cara", "First comment")
        second = await _reply(env, thread, "cara", "Second comment")
        await env.control.call("PATCH", "users/ben", {"is_admin": True})
        env.emu.shortcut(HOLD, "ben", "news", first.platform_message_id)
        assert await _told(env, "ben") == [escape_slack(slack_messages.held("cara"))]
        assert (await _comment(env, first.id)).standing is Standing.HELD
        await env.control.call("PATCH", "users/ben", {"is_admin": False})
        env.emu.shortcut(HOLD, "ben", "news", second.platform_message_id)
        told = await _told(env, "ben", 2)
        assert told[1] == escape_slack(slack_messages.NOT_A_MODERATOR)
        assert (await _comment(env, second.id)).standing is Standing.VISIBLE


async def test_a_group_member_holds_when_the_group_is_configured(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        thread, _ = await _started(env, mod_roles=frozenset({"S0EDITORS01"}))
        comment = await _reply(env, thread, "ben", "Is this allowed?")
        env.emu.shortcut(HOLD, "cara", "news", comment.platform_message_id)
        [answer] = await _told(env, "cara")
        assert answer == escape_slack(slack_messages.held("Ben O."))
        assert (await _comment(env, comment.id)).standing is Standing.HELD

        # On the brief itself, and in a channel briefbot was never invited to.
        env.emu.shortcut(HOLD, "cara", "news", thread.message_id)
        told = await _told(env, "cara", 2)
        assert told[1] == escape_slack(slack_messages.NOT_A_COMMENT)
        elsewhere = env.emu.post_as_user("random", "ben", "Not briefbot's business")
        env.emu.shortcut(HOLD, "cara", "random", elsewhere.ts)

        async def answered_by_response_url() -> list[str]:
            listing = await env.control.get(f"ephemeral?user={env.emu.user_id('cara')}")
            return [e["text"] for e in listing["ephemeral"] if e["channel"] == "C0RANDOM001"]

        assert await eventually(answered_by_response_url) == [
            escape_slack(slack_messages.NOT_A_COMMENT)
        ]


async def test_an_admin_removes_everywhere_and_is_told_what_slack_keeps(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        thread, thread_ts = await _started(env)
        await _link_discord(env, thread)
        from_discord = await _from_discord(env, "d-1", "A comment from Discord")
        copy_ts = await _copy_ts(env, thread_ts, "A comment from Discord")

        # On the copy of a Discord comment: the copy goes, and nothing is kept anywhere.
        env.emu.shortcut(REMOVE, "ana", "news", copy_ts)
        [answer] = await _told(env, "ana")
        assert answer == escape_slack(slack_messages.removed("Marek", kept_on_slack=False))
        assert (await _comment(env, from_discord.id)).standing is Standing.REMOVED

        async def copy_deleted() -> bool:
            replies = await env.control.thread(env.news, thread_ts)
            return any(r["ts"] == copy_ts and r["deleted"] for r in replies)

        await eventually(copy_deleted)

        # On Ben's own message: Slack keeps it, and Ana is told so in one sentence.
        written = await _reply(env, thread, "ben", "Written on Slack")
        env.emu.shortcut(REMOVE, "ana", "news", written.platform_message_id)
        told = await _told(env, "ana", 2)
        assert told[1] == escape_slack(
            "Slack does not let me delete Ben O.'s own message; it was removed everywhere else."
        )
        assert (await _comment(env, written.id)).standing is Standing.REMOVED
        original = [
            m
            for m in await env.control.thread(env.news, thread_ts)
            if m["ts"] == written.platform_message_id
        ]
        assert original and not original[0]["deleted"]


async def test_with_an_admins_user_token_a_persons_own_message_is_deleted_too(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with slack_env(tmp_path) as env:
        token = (await env.control.post("users/ana/token", {}))["token"]
        thread, thread_ts = await _started(env, admin_user_token=token)
        assert env.ctx.platforms[SLACK].can_remove_originals

        written = await _reply(env, thread, "ben", "Written on Slack")
        env.emu.shortcut(REMOVE, "ana", "news", written.platform_message_id)
        [answer] = await _told(env, "ana")
        assert answer == escape_slack(slack_messages.removed("Ben O.", kept_on_slack=False))
        assert (await _comment(env, written.id)).standing is Standing.REMOVED

        async def original_deleted() -> bool:
            replies = await env.control.thread(env.news, thread_ts)
            return any(r["ts"] == written.platform_message_id and r["deleted"] for r in replies)

        await eventually(original_deleted)
    assert token not in caplog.text


async def test_three_flags_hold_a_comment(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        thread, thread_ts = await _started(env)
        await _link_discord(env, thread)
        comment = await _from_discord(env, "d-2", "Report me")
        copy_ts = await _copy_ts(env, thread_ts, "Report me")
        for reader in ("ana", "ben"):
            env.emu.react("news", copy_ts, reader, FLAG)
        env.emu.react("news", copy_ts, "cara", "thumbsup")  # not a report

        assert (await _comment(env, comment.id)).standing is Standing.VISIBLE
        env.emu.react("news", copy_ts, "cara", FLAG)

        async def held() -> bool:
            return (await _comment(env, comment.id)).standing is Standing.HELD

        await eventually(held)

        async def copy_deleted() -> bool:
            replies = await env.control.thread(env.news, thread_ts)
            return any(r["ts"] == copy_ts and r["deleted"] for r in replies)

        await eventually(copy_deleted)


async def test_a_banned_author_is_told_privately_and_nothing_is_shared(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        thread, _ = await _started(env)
        record = await env.control.finished(
            await env.control.command("/briefbot", "mod ban <@U0BEN000001|ben>", "news", "ana")
        )
        assert [a["text"] for a in record["answers"]] == [
            escape_slack(slack_messages.banned("Ben O."))
        ]
        rejected = await _reply(env, thread, "ben", "Let me back in")
        assert rejected.standing is Standing.REJECTED
        assert await _told(env, "ben") == [escape_slack(slack_messages.rejected(BANNED_AUTHOR))]

        record = await env.control.finished(
            await env.control.command("/briefbot", "mod unban @ben", "news", "ana")
        )
        assert [a["text"] for a in record["answers"]] == [
            escape_slack(slack_messages.unbanned("Ben O."))
        ]
        allowed = await _reply(env, thread, "ben", "Thanks")
        assert allowed.standing is Standing.VISIBLE
        assert len(await _told(env, "ben")) == 1


async def test_close_and_open_post_a_notice_and_stop_sharing(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        thread, thread_ts = await _started(env)
        record = await env.control.finished(
            await env.control.command("/briefbot", "mod close", "news", "ana")
        )
        assert [a["text"] for a in record["answers"]] == [escape_slack(slack_messages.closed())]

        async def notice(text: str) -> bool:
            replies = await env.control.thread(env.news, thread_ts)
            return any(r["text"] == escape_slack(text) for r in replies)

        await eventually(lambda: notice(messages.DISCUSSION_CLOSED))
        late = await _reply(env, thread, "ben", "Too late?")
        assert (late.standing, late.rule) == (Standing.REJECTED, CLOSED_DISCUSSION)
        assert await _told(env, "ben") == [escape_slack(slack_messages.rejected(CLOSED_DISCUSSION))]
        reopened = await env.control.command("/briefbot", "mod open", "news", "ana")
        await env.control.finished(reopened)
        await eventually(lambda: notice(messages.DISCUSSION_REOPENED))
        assert (await _reply(env, thread, "ben", "Back")).standing is Standing.VISIBLE


async def test_login_answers_the_moderator_alone_with_a_link(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        await _started(env)
        record = await env.control.finished(
            await env.control.command("/briefbot", "mod login", "news", "ana")
        )
        [answer] = record["answers"]
        assert answer["response_type"] == "ephemeral"
        assert "/mod/login?token=" in answer["text"]


async def test_over_http_shortcuts_are_signed_and_forged_ones_refused(tmp_path: Path) -> None:
    async with slack_env(tmp_path, mode="http") as env:
        runner = env.new_runner(app_token=None, signing_secret=env.emu.signing_secret)
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
            thread = await env.brief()
            first = await _reply(env, thread, "ben", "Hold me, signed")
            second = await _reply(env, thread, "ben", "Hold me, forged")

            # Someone who knows the payload shape but not the signing secret, posing as Ana.
            forged = dict(env.emu.shortcut(HOLD, "ana", "news", first.platform_message_id).payload)
            forged["message"] = {**forged["message"], "ts": second.platform_message_id}
            body = urlencode({"payload": json.dumps(forged)})
            now = str(int(time.time()))
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp": now,
                "X-Slack-Signature": sign("not-the-secret", now, body.encode()),
            }
            async with (
                aiohttp.ClientSession() as session,
                session.post(url, data=body, headers=headers) as resp,
            ):
                assert resp.status == 401
            # The right secret on an old request (a replay captured ten minutes ago).
            then = str(int(time.time()) - 600)
            stale = {
                **headers,
                "X-Slack-Request-Timestamp": then,
                "X-Slack-Signature": sign(env.emu.signing_secret, then, body.encode()),
            }
            async with (
                aiohttp.ClientSession() as session,
                session.post(url, data=body, headers=stale) as resp,
            ):
                assert resp.status == 401

            # The real, signed shortcut went through.
            [answer] = await _told(env, "ana")
            assert answer == escape_slack(slack_messages.held("Ben O."))
            assert (await _comment(env, first.id)).standing is Standing.HELD
            assert (await _comment(env, second.id)).standing is Standing.VISIBLE
        finally:
            await server.cleanup()


async def _mod(env: SlackEnv, text: str, user: str = "ana") -> dict[str, Any]:
    """``/briefbot <text>`` in #news; returns its one answer (checked to be ephemeral)."""
    record = await env.control.finished(await env.control.command("/briefbot", text, "news", user))
    [answer] = record["answers"]
    assert answer["response_type"] == "ephemeral"
    return dict(answer)


async def test_a_moderator_changes_the_policy_from_slack(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        thread, thread_ts = await _started(env)

        added = await _mod(env, "mod ban-word turnip")
        assert added["text"] == escape_slack(messages.word_added("banned", "turnip"))
        shown = await _mod(env, "mod policy")
        assert "Banned words (1: turnip)" in shown["text"]
        rejected = await _reply(env, thread, "ben", "Such T.U.R.N.I.P soup")
        assert (rejected.standing, rejected.rule) == (Standing.REJECTED, "banned word “turnip”")
        # The word was said to the moderator alone: nothing briefbot posted in the channel
        # names it (Ben's own message is his, and Slack keeps it).
        public = await env.control.thread(env.news, thread_ts)
        assert not [m for m in public if m["bot_id"] and "turnip" in m["text"].lower()]

        removed = await _mod(env, "mod unban-word TURNIP")
        assert removed["text"] == escape_slack(messages.word_removed("banned", "TURNIP"))
        assert (await _reply(env, thread, "ben", "turnip again")).standing is Standing.VISIBLE

        for text, sentence in [
            ("mod suspect-word re:sp[a4]m+", messages.word_added("suspect", "re:sp[a4]m+")),
            ("mod premoderate on", messages.policy_switched("premoderate_web", True)),
            ("mod hold-links on", messages.policy_switched("hold_links", True)),
            ("mod reports 2", messages.policy_reports_set(2)),
        ]:
            assert (await _mod(env, text))["text"] == escape_slack(sentence)
        held = await _reply(env, thread, "ben", "buy sp4mmm")
        assert (held.standing, held.rule) == (Standing.HELD, "suspect word “re:sp[a4]m+”")
        async with env.store.transaction() as tx:
            place = await tx.places.find(SLACK, env.emu.team_id, env.news)
            assert place is not None
            policy = await tx.moderation.policy_for(place.room_id)
        assert policy is not None
        assert (policy.premoderate_web, policy.hold_links, policy.reports_to_hold) == (
            True,
            True,
            2,
        )
        async with env.store.transaction() as tx:
            actions = [e.action for e in await tx.moderation.audit_log(None)]
        assert actions.count("set_policy") == 6


async def test_bad_policy_requests_get_one_sentence_and_change_nothing(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        await _started(env)
        bad = await _mod(env, "mod ban-word re:(unclosed")
        assert bad["text"].startswith("The word-list entry “re:(unclosed” is not a valid pattern")
        assert bad["text"].count(".") == 1 and "Traceback" not in bad["text"]
        refused = await _mod(env, "mod ban-word turnip", user="ben")
        assert refused["text"] == escape_slack(slack_messages.NOT_A_MODERATOR)
        typo = await env.control.command("/briefbot", "mod reports many", "news", "ana")

        async def acked() -> dict[str, Any] | None:
            ack: dict[str, Any] | None = (await env.control.get(f"commands/{typo}"))["ack"]
            return ack

        usage = await eventually(acked)  # a usage mistake is answered in the ack itself
        assert usage["text"] == escape_slack(slack_messages.POLICY_USAGE)
        empty = await _mod(env, "mod ban-word ...")
        assert empty["text"] == escape_slack(messages.BAD_WORD_ENTRY)
        async with env.store.transaction() as tx:
            assert await tx.moderation.audit_log(None) == []


async def test_a_ban_of_no_person_bans_nobody(tmp_path: Path) -> None:
    """Crafted targets: everyone, a role or channel dressed as an id, another platform's
    link, a platform briefbot does not serve here. None of them becomes a ban."""
    async with slack_env(tmp_path) as env:
        await _started(env)
        answers: dict[str, str] = {}
        for target in ("<!everyone>", "discord:<@&1234>", "slack:<!channel>",
                       "https://evil.example/x", "mastodon:gargron", "@nobody-here"):  # fmt: skip
            command_id = await env.control.command("/briefbot", f"mod ban {target}", "news", "ana")

            async def answered(command_id: str = command_id) -> str | None:
                record = await env.control.get(f"commands/{command_id}")
                ack = (record.get("ack") or {}).get("text")
                said = [r["text"] for r in record.get("responses", [])
                        if r.get("text") != slack_messages.WORKING]  # fmt: skip
                return ack or (said[0] if said else None)

            answers[target] = await eventually(answered)
        usage = escape_slack(slack_messages.MOD_USAGE)
        assert answers["<!everyone>"] == usage
        assert answers["discord:<@&1234>"] == usage
        assert answers["slack:<!channel>"] == usage
        assert answers["mastodon:gargron"] == escape_slack(slack_messages.UNKNOWN_PLATFORM)
        assert answers["@nobody-here"] == escape_slack(slack_messages.UNKNOWN_PERSON)
        async with env.store.transaction() as tx:
            entries = await tx.moderation.audit_log(None, 50)
        assert [e for e in entries if e.action == "ban"] == []


async def test_first_web_and_the_burst_are_changed_from_slack(tmp_path: Path) -> None:
    async with slack_env(tmp_path) as env:
        thread, _ = await _started(env)  # the test app starts with both rules off

        for text, sentence in [
            ("mod first-web on", messages.policy_switched("hold_first_web", True)),
            ("mod burst 1/600", messages.policy_burst_set(1, 600, changed=True)),
            ("mod burst 1/600", messages.policy_burst_set(1, 600, changed=False)),
        ]:
            assert (await _mod(env, text))["text"] == escape_slack(sentence)
        typo = await env.control.command("/briefbot", "mod burst 10000/60", "news", "ana")

        async def acked() -> dict[str, Any] | None:
            ack: dict[str, Any] | None = (await env.control.get(f"commands/{typo}"))["ack"]
            return ack

        usage = await eventually(acked)  # out of range: answered in the ack, with the limits
        assert usage["text"] == escape_slack(messages.BAD_BURST)
        shown = (await _mod(env, "mod policy"))["text"]
        assert (
            "first comment: on" in shown and "Hold a burst: 1 comment within 600 seconds" in shown
        )

        one = await _reply(env, thread, "ben", "One.")
        two = await _reply(env, thread, "ben", "Two.")
        assert one.standing is Standing.VISIBLE
        assert (two.standing, two.rule) == (Standing.HELD, BURST)

        off = await _mod(env, "mod burst off")
        assert off["text"] == escape_slack(messages.policy_burst_set(0, None, changed=True))
        async with env.store.transaction() as tx:
            place = await tx.places.find(SLACK, env.emu.team_id, env.news)
            assert place is not None
            policy = await tx.moderation.policy_for(place.room_id)
            actions = [e.action for e in await tx.moderation.audit_log(None)]
        assert policy is not None
        assert (policy.hold_first_web, policy.burst_count, policy.burst_seconds) == (True, 0, 600)
        assert actions.count("set_policy") == 3  # the repeat and the bad burst saved nothing
