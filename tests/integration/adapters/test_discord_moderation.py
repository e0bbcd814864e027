"""Moderating from Discord with the real discord.py against the emulator: the two context
menus, ``/briefbot mod …``, 🚩 reports and telling the author of a rejected comment."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from adapters.discord import messages as discord_messages
from adapters.slack.platform import SLACK
from bot import messages
from bot.domain.commands import RecordComment
from bot.domain.model import Author, Comment, Thread
from bot.domain.moderation import Standing
from bot.moderation.policy import BURST
from bot.services.comments import record_comment
from tests.integration.adapters.discord_world import World, discord_world, eventually

MARIA, DEV, HANNAH, FRANK = "maria.lopez", "dev_okafor", "hannah.k", "oldtownfrank"
REMOVE, HOLD = "Remove everywhere", "Hold for review"


async def _discussion(world: World, **bot: Any) -> tuple[str, Thread]:
    await world.start_bot(**bot)
    thread_id = await world.brief()
    [thread] = await world.threads()
    return thread_id, thread


async def _comment(world: World, thread: Thread, message_id: str) -> Comment:
    async def stored() -> Comment | None:
        found = [
            c for c in await _all_comments(world, thread) if c.platform_message_id == message_id
        ]
        return found[0] if found else None

    return await eventually(stored)


async def _all_comments(world: World, thread: Thread) -> list[Comment]:
    async with world.store.transaction() as tx:
        return await tx.comments.list_for_discussion(thread.discussion_id)


async def _standing(world: World, comment: Comment) -> Standing:
    async with world.store.transaction() as tx:
        return (await tx.comments.get(comment.id)).standing


async def _moderator(world: World, user: str) -> None:
    """Give ``user`` the seeded Moderators role (Manage Messages)."""
    await world.control.call("PATCH", f"/members/{user}", {"roles": ["Moderators"]})


async def _helpers(world: World) -> str:
    """A role without Manage Messages, given to Hannah; returns its id."""
    role = await world.control.call("POST", "/roles", {"name": "Helpers", "permissions": 0})
    await world.control.call("PATCH", f"/members/{HANNAH}", {"roles": [role["id"]]})
    return str(role["id"])


async def _allow(world: World, role: str, *commands: str) -> None:
    """A server admin lets ``role`` use ``commands`` (Server Settings → Integrations)."""
    allow = {"permissions": [{"id": role, "permission": True}]}
    for name in commands:
        await world.control.call("PUT", f"/command-permissions/{name}", allow)


def _text(answer: dict[str, Any]) -> str:
    assert answer["ephemeral"]
    return str(answer["original"]["content"])


async def test_a_member_without_manage_messages_is_refused_in_one_sentence(
    tmp_path: Path,
) -> None:
    async with discord_world(tmp_path) as world:
        thread_id, thread = await _discussion(world)
        said = await world.control.say(thread_id, await world.control.user_id(MARIA), "Hi all")
        comment = await _comment(world, thread, said)
        await _allow(world, await _helpers(world), REMOVE, "briefbot")

        refused = await world.control.menu(REMOVE, thread_id, HANNAH, said)
        login = await world.control.command("briefbot", thread_id, HANNAH, {"mod": {"login": {}}})

        assert _text(refused) == discord_messages.NOT_A_MODERATOR
        assert _text(login) == discord_messages.NOT_A_MODERATOR
        assert await _standing(world, comment) is Standing.VISIBLE
        [kept] = [m for m in await world.control.messages(thread_id) if m["id"] == said]
        assert not kept["deleted"]


async def test_manage_messages_is_read_at_each_action_not_remembered(tmp_path: Path) -> None:
    # Discord computes the member's permissions for each interaction: Hannah holds while
    # she has Manage Messages, and is refused as soon as the role is taken away.
    async with discord_world(tmp_path) as world:
        thread_id, thread = await _discussion(world)
        maria = await world.control.user_id(MARIA)
        first = await world.control.say(thread_id, maria, "First")
        second = await world.control.say(thread_id, maria, "Second")
        first_comment = await _comment(world, thread, first)
        second_comment = await _comment(world, thread, second)
        await _moderator(world, HANNAH)
        assert _text(await world.control.menu(HOLD, thread_id, HANNAH, first)) == (
            discord_messages.HELD
        )
        await _allow(world, await _helpers(world), HOLD)  # the menu stays, the right goes
        refused = await world.control.menu(HOLD, thread_id, HANNAH, second)
        assert _text(refused) == discord_messages.NOT_A_MODERATOR
        assert await _standing(world, first_comment) is Standing.HELD
        assert await _standing(world, second_comment) is Standing.VISIBLE


async def test_a_configured_moderator_role_may_moderate(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        role = await _helpers(world)
        thread_id, thread = await _discussion(world, mod_roles=[role])
        await _allow(world, role, HOLD)
        said = await world.control.say(thread_id, await world.control.user_id(MARIA), "Hmm")
        comment = await _comment(world, thread, said)

        answer = await world.control.menu(HOLD, thread_id, HANNAH, said)
        again = await world.control.menu(HOLD, thread_id, HANNAH, said)

        assert _text(answer) == discord_messages.HELD
        assert await _standing(world, comment) is Standing.HELD
        assert _text(again) == messages.STANDING_UNCHANGED.format(standing=Standing.HELD)


async def test_manage_messages_removes_a_comment_everywhere(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        thread_id, thread = await _discussion(world)
        await _moderator(world, DEV)
        said = await world.control.say(thread_id, await world.control.user_id(MARIA), "Spam!")
        comment = await _comment(world, thread, said)

        answer = await world.control.menu(REMOVE, thread_id, DEV, said)
        await world.settle()

        assert _text(answer) == discord_messages.removed_everywhere([])
        assert await _standing(world, comment) is Standing.REMOVED
        [gone] = [m for m in await world.control.messages(thread_id) if m["id"] == said]
        assert gone["deleted"]


async def test_hold_acts_on_a_copy_and_an_unknown_message_is_said_plainly(
    tmp_path: Path,
) -> None:
    async with discord_world(tmp_path) as world:
        thread_id, thread = await _discussion(world)
        slack = await world.slack_thread(thread)
        await _moderator(world, DEV)
        await record_comment(
            RecordComment(
                platform=SLACK,
                workspace_id=slack.workspace_id,
                thread_ref=slack.thread_ref,
                message_id="1770800001.000200",
                author=Author(SLACK, "U0ANA", "Ana"),
                text="Buy cheap watches",
                created_at=datetime.now(UTC),
            ),
            world.ctx,
        )
        await world.settle()
        [copy] = [m for m in await world.control.messages(thread_id) if m["webhook_id"]]
        [invitation] = [m for m in await world.control.messages(thread_id) if not m["webhook_id"]]

        held = await world.control.menu(HOLD, thread_id, DEV, copy["id"])
        unknown = await world.control.menu(REMOVE, thread_id, DEV, invitation["id"])
        await world.settle()

        assert _text(held) == discord_messages.HELD
        assert _text(unknown) == discord_messages.COMMENT_UNKNOWN
        [gone] = [m for m in await world.control.messages(thread_id) if m["id"] == copy["id"]]
        assert gone["deleted"]
        [comment] = [c for c in await _all_comments(world, thread) if c.thread_id == slack.id]
        assert comment.standing is Standing.HELD


async def test_three_readers_flagging_a_comment_hold_it(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        thread_id, thread = await _discussion(world)
        said = await world.control.say(thread_id, await world.control.user_id(MARIA), "Hot take")
        comment = await _comment(world, thread, said)

        async def flag(user: str, emoji: str = "🚩") -> None:
            body = {"channel_id": thread_id, "message_id": said, "user_id": user, "emoji": emoji}
            await world.control.call("POST", "/reactions", body)

        await flag(DEV)
        await world.control.call(
            "DELETE",
            "/reactions",
            {"channel_id": thread_id, "message_id": said, "user_id": DEV, "emoji": "🚩"},
        )
        await flag(DEV)  # the same person twice is one report
        await flag(HANNAH, "👍")  # other emojis are not reports
        await flag(HANNAH)
        later = await world.control.say(thread_id, await world.control.user_id(FRANK), "x")
        await _comment(world, thread, later)  # reactions before it were handled in order
        assert await _standing(world, comment) is Standing.VISIBLE

        await flag(FRANK)

        async def held() -> bool:
            return await _standing(world, comment) is Standing.HELD

        await eventually(held)


async def test_a_rejected_comment_is_told_by_dm_or_removed_where_dms_are_closed(
    tmp_path: Path,
) -> None:
    async with discord_world(tmp_path) as world:
        thread_id, thread = await _discussion(world)
        world.ctx.moderation_defaults = replace(world.ctx.moderation_defaults, banned=("turnip",))
        maria = await world.control.user_id(MARIA)
        frank = await world.control.user_id(FRANK)
        await world.control.call("PATCH", f"/users/{FRANK}", {"dms_open": False})

        open_dms = await world.control.say(thread_id, maria, "Turnip fans unite")
        closed_dms = await world.control.say(thread_id, frank, "t.u.r.n.i.p forever")
        rejected = [await _comment(world, thread, said) for said in (open_dms, closed_dms)]
        assert [c.standing for c in rejected] == [Standing.REJECTED, Standing.REJECTED]
        assert world.runner is not None
        client = world.runner.client
        await client.rejections.wait()
        # Told once per comment, even if the same message came again.
        client.rejections.tell(rejected[0], int(thread_id))
        await client.rejections.wait()

        dms = await world.control.call("GET", f"/dms/{MARIA}")
        [dm] = [m["content"] for m in dms["messages"]]
        assert dm.startswith("Your comment in “") and "turnip" not in dm.lower().split("(")[0]
        messages = {m["id"]: m for m in await world.control.messages(thread_id)}
        assert not messages[open_dms]["deleted"]
        assert messages[closed_dms]["deleted"]
        notices = [
            m["content"]
            for m in messages.values()
            if m["author"]["bot"] and not m["webhook_id"] and "removed" in m["content"]
        ]
        assert notices == [discord_messages.removed_in_thread("Frank Bauer")]
        assert await world.control.call("GET", f"/dms/{FRANK}") == {
            "user_id": frank,
            "dms_open": False,
            "messages": [],
        }


async def test_close_open_ban_and_login_from_briefbot_mod(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        thread_id, thread = await _discussion(world)
        world.ctx.web_base_url = "https://news.example"
        await _moderator(world, DEV)

        login = await world.control.command("briefbot", thread_id, DEV, {"mod": {"login": {}}})
        assert _text(login).startswith("Your sign-in link")
        assert "https://news.example/" in _text(login)

        elsewhere = await world.control.command(
            "briefbot", "general", DEV, {"mod": {"ban": {"user": MARIA}}}
        )
        assert _text(elsewhere) == discord_messages.NOT_SHARED
        outside = await world.control.command("briefbot", "news", DEV, {"mod": {"close": {}}})
        assert _text(outside) == discord_messages.NOT_A_DISCUSSION
        banned = await world.control.command(
            "briefbot", thread_id, DEV, {"mod": {"ban": {"user": MARIA}}}
        )
        assert _text(banned) == discord_messages.banned("María López")
        said = await world.control.say(thread_id, await world.control.user_id(MARIA), "Again")
        assert (await _comment(world, thread, said)).standing is Standing.REJECTED
        unbanned = await world.control.command(
            "briefbot", thread_id, DEV, {"mod": {"unban": {"user": MARIA}}}
        )
        assert _text(unbanned) == discord_messages.unbanned("María López")

        closed = await world.control.command("briefbot", thread_id, DEV, {"mod": {"close": {}}})
        assert _text(closed) == discord_messages.closed()

        async def locked() -> bool:
            view = await world.control.channel(thread_id)
            return bool(view["locked"] and view["archived"])

        await eventually(locked)
        # Discord lets only members with Manage Threads type in a locked thread.
        opened = await world.control.command(
            "briefbot", thread_id, "editor.riverside", {"mod": {"open": {}}}
        )
        assert _text(opened) == discord_messages.reopened()

        async def unlocked() -> bool:
            view = await world.control.channel(thread_id)
            return not view["locked"] and not view["archived"]

        await eventually(unlocked)


async def test_a_comment_edited_into_a_banned_word_is_told_too(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        thread_id, thread = await _discussion(world)
        world.ctx.moderation_defaults = replace(world.ctx.moderation_defaults, banned=("turnip",))
        said = await world.control.say(thread_id, await world.control.user_id(DEV), "Lovely")
        comment = await _comment(world, thread, said)
        assert comment.standing is Standing.VISIBLE

        await world.control.edit(thread_id, said, "Lovely turnip")

        async def rejected() -> bool:
            return await _standing(world, comment) is Standing.REJECTED

        await eventually(rejected)

        async def told() -> list[str]:
            dms = await world.control.call("GET", f"/dms/{DEV}")
            return [m["content"] for m in dms["messages"]]

        [dm] = await eventually(told)
        assert dm.startswith("Your comment in “")


async def _mod(world: World, channel: str, user: str, command: str, **options: Any) -> str:
    answer = await world.control.command("briefbot", channel, user, {"mod": {command: options}})
    return _text(answer)  # checked to be ephemeral


async def test_a_moderator_changes_the_policy_from_discord(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        thread_id, thread = await _discussion(world)
        await _moderator(world, DEV)

        added = await _mod(world, thread_id, DEV, "ban-word", word="turnip")
        assert added == messages.word_added("banned", "turnip")
        again = await _mod(world, "news", DEV, "ban-word", word="TURNIP")
        assert again == messages.word_unchanged("banned", "TURNIP")
        shown = await _mod(world, thread_id, DEV, "policy")
        assert "Banned words (1: turnip)" in shown and len(shown.splitlines()) == 4
        said = await world.control.say(thread_id, await world.control.user_id(MARIA), "TÜRNIP!")
        comment = await _comment(world, thread, said)
        assert (comment.standing, comment.rule) == (Standing.REJECTED, "banned word “turnip”")
        await world.settle()
        # Said to the moderator alone: no public message of the bot's names the word.
        for channel in (thread_id, "news"):
            public = await world.control.messages(channel, public=True)
            ours = [m for m in public if m["author"]["bot"] or m.get("webhook_id")]
            assert not [m for m in ours if "turnip" in m["content"].lower()]

        for command, options, sentence in [
            ("unban-word", {"word": "turnip"}, messages.word_removed("banned", "turnip")),
            ("unban-word", {"word": "turnip"}, messages.word_not_listed("banned", "turnip")),
            (
                "suspect-word",
                {"word": "re:sp[a4]m+"},
                messages.word_added("suspect", "re:sp[a4]m+"),
            ),
            ("premoderate", {"setting": "on"}, messages.policy_switched("premoderate_web", True)),
            ("hold-links", {"setting": "off"}, messages.policy_switched("hold_links", False)),
            ("reports", {"count": 5}, messages.policy_reports_set(5)),
        ]:
            assert await _mod(world, thread_id, DEV, command, **options) == sentence
        async with world.store.transaction() as tx:
            room = (await tx.discussions.get(thread.discussion_id)).room_id
            policy = await tx.moderation.policy_for(room)
            entries = await tx.moderation.audit_log(None)
        assert policy is not None
        assert (policy.banned, policy.suspect) == ((), ("re:sp[a4]m+",))
        assert (policy.premoderate_web, policy.hold_links, policy.reports_to_hold) == (
            True,
            False,
            5,
        )
        # Changes that change nothing (an unlisted word, links already allowed) leave no entry.
        assert [e.action for e in entries].count("set_policy") == 5
        assert {e.moderator for e in entries} == {f"discord:{await world.control.user_id(DEV)}"}


async def test_policy_commands_refuse_members_bad_patterns_and_unshared_channels(
    tmp_path: Path,
) -> None:
    async with discord_world(tmp_path) as world:
        thread_id, _ = await _discussion(world)
        await _moderator(world, DEV)
        await _allow(world, await _helpers(world), "briefbot")

        refused = await _mod(world, thread_id, HANNAH, "ban-word", word="turnip")
        bad = await _mod(world, thread_id, DEV, "ban-word", word="re:(unclosed")
        letterless = await _mod(world, thread_id, DEV, "suspect-word", word="!!!")
        elsewhere = await _mod(world, "general", DEV, "policy")

        assert refused == discord_messages.NOT_A_MODERATOR
        assert bad.startswith("The word-list entry “re:(unclosed” is not a valid pattern")
        assert "Traceback" not in bad
        assert letterless == messages.BAD_WORD_ENTRY
        # Discord markdown in an entry is shown as typed, not as formatting.
        starred = await _mod(world, thread_id, DEV, "ban-word", word="bad*")
        assert starred == "“bad\\*” is now a banned word here: comments containing it are rejected."
        assert elsewhere == discord_messages.NOT_SHARED
        async with world.store.transaction() as tx:
            assert [e.action for e in await tx.moderation.audit_log(None)] == ["set_policy"]


async def test_first_web_and_the_burst_are_changed_from_discord(tmp_path: Path) -> None:
    async with discord_world(tmp_path) as world:
        thread_id, thread = await _discussion(world)
        await _moderator(world, DEV)

        # The test app starts with both rules off (tests/app.py).
        bad = await _mod(world, thread_id, DEV, "burst", setting="5/0")
        assert bad == messages.BAD_BURST
        for command, setting, sentence in [
            ("first-web", "on", messages.policy_switched("hold_first_web", True)),
            ("burst", "1/600", messages.policy_burst_set(1, 600, changed=True)),
            ("burst", "1/600", messages.policy_burst_set(1, 600, changed=False)),
        ]:
            assert await _mod(world, thread_id, DEV, command, setting=setting) == sentence
        shown = await _mod(world, thread_id, DEV, "policy")
        assert (
            "first comment: on" in shown and "Hold a burst: 1 comment within 600 seconds" in shown
        )

        maria = await world.control.user_id(MARIA)
        one = await _comment(world, thread, await world.control.say(thread_id, maria, "One."))
        two = await _comment(world, thread, await world.control.say(thread_id, maria, "Two."))
        assert one.standing is Standing.VISIBLE
        assert (two.standing, two.rule) == (Standing.HELD, BURST)

        off = await _mod(world, thread_id, DEV, "burst", setting="off")
        assert off == messages.policy_burst_set(0, None, changed=True)
        async with world.store.transaction() as tx:
            room = (await tx.discussions.get(thread.discussion_id)).room_id
            policy = await tx.moderation.policy_for(room)
            entries = await tx.moderation.audit_log(None)
        assert policy is not None
        assert (policy.hold_first_web, policy.burst_count, policy.burst_seconds) == (True, 0, 600)
        # The bad burst and the repeated one changed nothing and left no entry.
        assert [e.action for e in entries].count("set_policy") == 3
