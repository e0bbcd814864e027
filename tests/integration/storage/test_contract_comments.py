"""The Store contract, part 2: comments, tombstones, mirrors, and bad data."""

from __future__ import annotations

from dataclasses import replace

import pytest

from adapters.discord.platform import DISCORD
from bot.briefing.model import Brief
from bot.domain.model import Author
from bot.errors import ConflictError, InvalidDataError, NotFoundError
from bot.ports.store import MAX_COMMENT_CHARS, MAX_ID_CHARS, MAX_NAME_CHARS, NewComment, Store
from tests.integration.storage.builders import T0, at, discussion_setup, new_comment


async def test_comment_add_is_idempotent_per_platform_message(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        text = "Ça va ? 👍 <b>not html</b>\n  second line  "
        comment, created = await tx.comments.add(new_comment(s.discord_thread, "m1", text))
        again, created_again = await tx.comments.add(new_comment(s.discord_thread, "m1", "x"))
        # the same message id on another thread is another comment
        other, other_created = await tx.comments.add(new_comment(s.slack_thread, "m1"))
        await tx.commit()
    assert created and not created_again and other_created
    assert again == comment and other.id != comment.id
    assert comment.text == text  # as written
    assert comment.discussion_id == s.discussion.id and comment.thread_id == s.discord_thread.id
    assert comment.author == Author(DISCORD, "u1", "Ana", "https://cdn.example/a.png")
    assert comment.created_at == at(1) and comment.edited_at is None and not comment.deleted
    async with store.transaction() as tx:
        assert await tx.comments.get(comment.id) == comment
        assert await tx.comments.find_by_message(s.discord_thread.id, "m1") == comment
        assert await tx.comments.find_by_message(s.discord_thread.id, "m2") is None
        with pytest.raises(NotFoundError, match="comment 999999"):
            await tx.comments.get(999999)


async def test_comment_needs_its_thread_and_reply_target(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        first, _ = await tx.comments.add(new_comment(s.discord_thread))
        reply, _ = await tx.comments.add(new_comment(s.discord_thread, reply_to_id=first.id))
        assert reply.reply_to_id == first.id
        with pytest.raises(NotFoundError, match="thread 999999"):
            await tx.comments.add(NewComment(999999, "m", reply.author, "x", T0))
        with pytest.raises(NotFoundError, match="comment 999999"):
            await tx.comments.add(new_comment(s.discord_thread, reply_to_id=999999))
        assert await tx.comments.list_for_discussion(s.discussion.id) == [first, reply]


async def test_edit_and_delete_keep_a_tombstone(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        comment, _ = await tx.comments.add(new_comment(s.discord_thread, text="first"))
        edited = await tx.comments.edit(comment.id, "second", at(5))
        assert edited.text == "second" and edited.edited_at == at(5)
        tomb = await tx.comments.delete(comment.id, at(9))
        assert tomb.deleted and tomb.deleted_at == at(9) and tomb.text == ""
        assert tomb.id == comment.id and tomb.platform_message_id == comment.platform_message_id
        assert await tx.comments.delete(comment.id, at(20)) == tomb  # deleting twice: no change
        with pytest.raises(ConflictError, match="deleted"):
            await tx.comments.edit(comment.id, "third", at(30))
        with pytest.raises(NotFoundError):
            await tx.comments.edit(999999, "x", at(30))
        with pytest.raises(NotFoundError):
            await tx.comments.delete(999999, at(30))
        await tx.commit()
    async with store.transaction() as tx:
        assert await tx.comments.get(comment.id) == tomb
        assert await tx.comments.list_for_discussion(s.discussion.id) == [tomb]
        # a tombstone still answers for its platform message (a late duplicate stays out)
        again, created = await tx.comments.add(
            new_comment(s.discord_thread, comment.platform_message_id)
        )
        assert again == tomb and not created


async def test_list_for_discussion_in_order_with_paging(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        made = [
            (await tx.comments.add(new_comment(thread)))[0]
            for thread in (s.discord_thread, s.slack_thread) * 3
        ]
        await tx.commit()
    async with store.transaction() as tx:
        listed = tx.comments.list_for_discussion
        assert await listed(s.discussion.id) == made
        assert await listed(s.discussion.id, after_id=made[1].id, limit=2) == made[2:4]
        assert await listed(s.discussion.id, limit=1) == made[:1]
        assert await listed(999999) == []


async def test_mirrors_are_recorded_once_and_recognised(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        comment, _ = await tx.comments.add(new_comment(s.discord_thread, "d-1"))
        mirror = await tx.comments.add_mirror(comment.id, s.slack_thread.id, "s-1", at(2))
        assert await tx.comments.add_mirror(comment.id, s.slack_thread.id, "s-1", at(3)) == mirror
        await tx.commit()
    assert (mirror.comment_id, mirror.thread_id, mirror.platform_message_id) == (
        comment.id,
        s.slack_thread.id,
        "s-1",
    )
    assert mirror.created_at == at(2) and not mirror.deleted
    async with store.transaction() as tx:
        assert await tx.comments.mirrors(comment.id) == [mirror]
        assert await tx.comments.mirror_for(comment.id, s.slack_thread.id) == mirror
        assert await tx.comments.mirror_for(comment.id, s.discord_thread.id) is None
        assert await tx.comments.find_mirror(s.slack_thread.id, "s-1") == mirror
        assert await tx.comments.find_mirror(s.discord_thread.id, "s-1") is None
        await tx.comments.mark_mirror_deleted(mirror.id)
        assert (await tx.comments.mirrors(comment.id))[0].deleted
        with pytest.raises(NotFoundError, match="mirror 999999"):
            await tx.comments.mark_mirror_deleted(999999)
        await tx.commit()


async def test_platform_message_ids_are_never_shared_on_a_thread(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        a, _ = await tx.comments.add(new_comment(s.discord_thread, "d-a"))
        b, _ = await tx.comments.add(new_comment(s.discord_thread, "d-b"))
        reader, _ = await tx.comments.add(new_comment(s.slack_thread, "s-reader"))
        await tx.comments.add_mirror(a.id, s.slack_thread.id, "s-copy-a", T0)
        with pytest.raises(ConflictError, match="already the copy of comment"):
            await tx.comments.add_mirror(b.id, s.slack_thread.id, "s-copy-a", T0)
        with pytest.raises(ConflictError, match="already has a copy"):
            await tx.comments.add_mirror(a.id, s.slack_thread.id, "s-copy-other", T0)
        with pytest.raises(ConflictError, match="reader's comment"):
            await tx.comments.add_mirror(b.id, s.slack_thread.id, reader.platform_message_id, T0)
        # our own copy coming back from the platform is not a new comment (echo)
        with pytest.raises(ConflictError, match="our own copy"):
            await tx.comments.add(new_comment(s.slack_thread, "s-copy-a"))
        with pytest.raises(NotFoundError):
            await tx.comments.add_mirror(999999, s.slack_thread.id, "s-x", T0)
        with pytest.raises(NotFoundError):
            await tx.comments.add_mirror(a.id, 999999, "s-x", T0)
        assert len(await tx.comments.list_for_discussion(s.discussion.id)) == 3
        await tx.commit()


BAD_IDS = ["", " ", "a b", "tab\tid", "new\nline", "nul\x00", "bell\x07", "x" * (MAX_ID_CHARS + 1)]


@pytest.mark.parametrize("bad", BAD_IDS, ids=repr)
async def test_bad_platform_ids_are_refused(store: Store, bad: str) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        with pytest.raises(InvalidDataError, match="platform message id"):
            await tx.comments.add(replace(new_comment(s.discord_thread), platform_message_id=bad))
        with pytest.raises(InvalidDataError, match="channel id"):
            await tx.places.ensure(DISCORD, "g", bad, "name")
        with pytest.raises(InvalidDataError, match="author user id"):
            author = Author(DISCORD, bad, "Ana")
            await tx.comments.add(NewComment(s.discord_thread.id, "m", author, "x", T0))
        assert await tx.comments.list_for_discussion(s.discussion.id) == []


async def test_bad_text_names_and_times_are_refused(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        thread = s.discord_thread
        longest, _ = await tx.comments.add(new_comment(thread, text="é" * MAX_COMMENT_CHARS))
        assert len(longest.text) == MAX_COMMENT_CHARS
        with pytest.raises(InvalidDataError, match=f"at most {MAX_COMMENT_CHARS}"):
            await tx.comments.add(new_comment(thread, text="x" * (MAX_COMMENT_CHARS + 1)))
        with pytest.raises(InvalidDataError, match="NUL"):
            await tx.comments.add(new_comment(thread, text="a\x00b"))
        with pytest.raises(InvalidDataError, match="Unicode"):
            await tx.comments.add(new_comment(thread, text="lone \ud800 surrogate"))
        with pytest.raises(InvalidDataError, match=f"at most {MAX_COMMENT_CHARS}"):
            await tx.comments.edit(longest.id, "x" * (MAX_COMMENT_CHARS + 1), at(2))
        long_name = Author(DISCORD, "u", "n" * (MAX_NAME_CHARS + 1))
        with pytest.raises(InvalidDataError, match="display name"):
            await tx.comments.add(NewComment(thread.id, "m", long_name, "x", T0))
        with pytest.raises(InvalidDataError, match="place name"):
            await tx.places.ensure(DISCORD, "g", "c", "n" * (MAX_NAME_CHARS + 1))
        with pytest.raises(InvalidDataError, match="timezone-aware"):
            await tx.comments.edit(longest.id, "x", at(2).replace(tzinfo=None))
        with pytest.raises(InvalidDataError, match="not a platform name"):
            await tx.places.ensure("My Space", "g", "c", "n")  # type: ignore[arg-type]
        with pytest.raises(InvalidDataError, match="brief"):
            await tx.articles.add_or_get("https://n.example/b", "B", Brief.empty("B\ud800"), T0)
        with pytest.raises(InvalidDataError, match="URL"):
            await tx.articles.add_or_get(
                "https://n.example/" + "x" * 3000, "B", Brief.empty("B"), T0
            )
        with pytest.raises(InvalidDataError, match="integer id"):
            await tx.comments.get("1")  # type: ignore[arg-type]
        with pytest.raises(InvalidDataError, match="out of range"):
            await tx.comments.get(2**70)
        # nothing bad was stored, and the unit of work is still usable
        assert await tx.comments.list_for_discussion(s.discussion.id) == [longest]
        await tx.commit()
