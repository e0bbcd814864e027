"""The Store contract, part 1: units of work, articles, places and rooms, discussions.

Every test runs on SQLite, PostgreSQL and the FakeStore (see ``conftest.py``).
"""

from __future__ import annotations

from datetime import date

import pytest

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.briefing.model import Brief, KeyFigure
from bot.domain.model import WEB
from bot.errors import ConflictError, InvalidDataError, NotFoundError, StorageError
from bot.ports.store import Store
from tests.integration.storage.builders import T0, at, discussion_setup, ref

# --- unit of work -------------------------------------------------------------------------


async def test_changes_are_rolled_back_unless_committed(store: Store) -> None:
    async with store.transaction() as tx:
        await tx.articles.add_or_get("https://news.example/gone", "Gone", Brief.empty("Gone"), T0)
    async with store.transaction() as tx:
        await tx.articles.add_or_get("https://news.example/kept", "Kept", Brief.empty("Kept"), T0)
        await tx.commit()
    async with store.transaction() as tx:
        assert await tx.articles.find_by_url("https://news.example/gone") is None
        assert await tx.articles.find_by_url("https://news.example/kept") is not None


async def test_an_error_in_the_block_rolls_back(store: Store) -> None:
    with pytest.raises(RuntimeError):
        async with store.transaction() as tx:
            await tx.articles.add_or_get("https://news.example/x", "X", Brief.empty("X"), T0)
            raise RuntimeError("boom")
    async with store.transaction() as tx:
        assert await tx.articles.find_by_url("https://news.example/x") is None


async def test_explicit_rollback_and_use_after_the_end(store: Store) -> None:
    async with store.transaction() as tx:
        await tx.articles.add_or_get("https://news.example/r", "R", Brief.empty("R"), T0)
        await tx.rollback()
        await tx.rollback()  # harmless
        with pytest.raises(StorageError, match="already committed or rolled back"):
            await tx.articles.find_by_url("https://news.example/r")
    async with store.transaction() as tx:
        assert await tx.articles.find_by_url("https://news.example/r") is None
        await tx.commit()
        with pytest.raises(StorageError):
            await tx.commit()


# --- articles -----------------------------------------------------------------------------


async def test_article_by_canonical_url_is_stored_once(store: Store) -> None:
    brief = Brief(
        title="A",
        text="Un été à Zürich. 2 €",
        summary=("Un été à Zürich.", "2 €"),
        key_figures=(KeyFigure("3.5", "degrees", "It was 3.5 degrees."),),
        published=date(2026, 7, 1),
    )
    async with store.transaction() as tx:
        first, created = await tx.articles.add_or_get("https://news.example/a", "A", brief, T0)
        again, created_again = await tx.articles.add_or_get(
            "https://news.example/a", "Other title", Brief.empty("Other title"), at(5)
        )
        await tx.commit()
    assert created and not created_again
    assert again == first
    assert first.brief == brief and first.title == "A" and first.created_at == T0
    async with store.transaction() as tx:
        assert await tx.articles.get(first.id) == first
        assert await tx.articles.find_by_url("https://news.example/a") == first
        assert await tx.articles.find_by_url("https://news.example/none") is None
        with pytest.raises(NotFoundError, match="article 999999"):
            await tx.articles.get(999999)


async def test_list_recent_pages_backwards(store: Store) -> None:
    async with store.transaction() as tx:
        ids = [
            (
                await tx.articles.add_or_get(
                    f"https://news.example/{n}", str(n), Brief.empty(str(n)), at(n)
                )
            )[0].id
            for n in range(5)
        ]
        await tx.commit()
    async with store.transaction() as tx:
        page = await tx.articles.list_recent(limit=2)
        assert [a.id for a in page] == ids[:-3:-1]
        older = await tx.articles.list_recent(limit=10, before_id=page[-1].id)
        assert [a.id for a in older] == ids[2::-1]


# --- places, rooms, link codes --------------------------------------------------------------


async def test_ensure_place_creates_once_and_updates_the_name(store: Store) -> None:
    async with store.transaction() as tx:
        place = await tx.places.ensure(DISCORD, "g1", "c1", "news")
        same = await tx.places.ensure(DISCORD, "g1", "c1", "news")
        renamed = await tx.places.ensure(DISCORD, "g1", "c1", "local-news")
        other = await tx.places.ensure(SLACK, "g1", "c1", "news")
        await tx.commit()
    assert same == place
    assert renamed.id == place.id and renamed.room_id == place.room_id
    assert renamed.name == "local-news"
    assert other.id != place.id and other.room_id != place.room_id
    async with store.transaction() as tx:
        assert await tx.places.get(place.id) == renamed
        assert await tx.places.find(DISCORD, "g1", "c1") == renamed
        assert await tx.places.find(WEB, "g1", "c1") is None
        assert await tx.places.in_room(place.room_id) == [renamed]
        with pytest.raises(NotFoundError, match="place 424242"):
            await tx.places.get(424242)


async def test_linking_merges_rooms_and_unlink_splits(store: Store) -> None:
    async with store.transaction() as tx:
        a = await tx.places.ensure(DISCORD, "g", "a", "a")
        b = await tx.places.ensure(SLACK, "T", "b", "b")
        c = await tx.places.ensure(WEB, "site", "c", "c")
        d = await tx.places.ensure(DISCORD, "g", "d", "d")
        room = await tx.places.link(a.id, b.id)
        assert room == a.room_id
        other_room = await tx.places.link(c.id, d.id)
        merged = await tx.places.link(b.id, d.id)  # two rooms of two become one of four
        assert merged == room
        assert await tx.places.link(a.id, c.id) == room  # already together
        assert [p.id for p in await tx.places.in_room(room)] == [a.id, b.id, c.id, d.id]
        assert await tx.places.in_room(other_room) == []
        alone = await tx.places.unlink(c.id)
        assert alone.room_id not in {room, other_room}
        assert await tx.places.in_room(alone.room_id) == [alone]
        assert [p.id for p in await tx.places.in_room(room)] == [a.id, b.id, d.id]
        assert await tx.places.unlink(alone.id) == alone  # already alone
        with pytest.raises(NotFoundError):
            await tx.places.link(a.id, 999999)
        with pytest.raises(NotFoundError):
            await tx.places.unlink(999999)
        await tx.commit()


async def test_link_codes_work_once_and_expire(store: Store) -> None:
    async with store.transaction() as tx:
        place = await tx.places.ensure(DISCORD, "g", "c", "news")
        await tx.places.add_link_code(place.id, "LINK-1", at(60))
        await tx.places.add_link_code(place.id, "LINK-2", at(60))
        await tx.places.add_link_code(place.id, "OLD", at(10))
        with pytest.raises(ConflictError, match="LINK-1"):
            await tx.places.add_link_code(place.id, "LINK-1", at(120))
        with pytest.raises(NotFoundError):
            await tx.places.add_link_code(999999, "LINK-3", at(60))
        await tx.commit()
    async with store.transaction() as tx:
        assert await tx.places.redeem_link_code("LINK-1", at(30)) == place
        assert await tx.places.redeem_link_code("LINK-1", at(31)) is None  # one time only
        assert await tx.places.redeem_link_code("NOPE", at(31)) is None
        assert await tx.places.redeem_link_code("LINK-2", at(60)) is None  # expired at 60
        await tx.places.add_link_code(place.id, "LINK-2", at(200))  # free again
        await tx.commit()
    async with store.transaction() as tx:
        # OLD expired and was swept by the redeems above, so it can be issued again
        await tx.places.add_link_code(place.id, "OLD", at(300))
        assert await tx.places.redeem_link_code("OLD", at(100)) == place


# --- discussions and threads ---------------------------------------------------------------


async def test_one_discussion_per_article_per_room(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        again, created = await tx.discussions.get_or_create(s.article.id, s.discord.room_id, at(9))
        assert not created and again == s.discussion
        web = await tx.places.ensure(WEB, "site", ref("page"), "web")
        other, created = await tx.discussions.get_or_create(s.article.id, web.room_id, at(9))
        assert created and other.room_id == web.room_id and other.created_at == at(9)
        assert await tx.discussions.get(s.discussion.id) == s.discussion
        assert await tx.discussions.for_article(s.article.id) == [s.discussion, other]
        assert await tx.discussions.for_article(999999) == []
        with pytest.raises(NotFoundError, match="discussion 999999"):
            await tx.discussions.get(999999)
        with pytest.raises(NotFoundError, match="article"):
            await tx.discussions.get_or_create(999999, web.room_id, T0)
        with pytest.raises(NotFoundError, match="room"):
            await tx.discussions.get_or_create(s.article.id, 999999, T0)
        await tx.commit()


async def test_threads_are_found_by_place_and_platform_ref(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        await tx.commit()
    d_thread, s_thread = s.discord_thread, s.slack_thread
    assert d_thread.platform == DISCORD
    assert d_thread.workspace_id == s.discord.workspace_id and d_thread.created_at == T0
    async with store.transaction() as tx:
        assert await tx.discussions.threads(s.discussion.id) == [d_thread, s_thread]
        assert await tx.discussions.thread_for(s.discussion.id, s.slack.id) == s_thread
        assert await tx.discussions.thread_for(s.discussion.id, 999999) is None
        assert await tx.discussions.get_thread(d_thread.id) == d_thread
        found = await tx.discussions.find_thread(SLACK, s.slack.workspace_id, s_thread.thread_ref)
        assert found == s_thread
        assert await tx.discussions.find_thread(DISCORD, "g", "nope") is None
        assert await tx.discussions.list_threads(SLACK) == [s_thread]
        with pytest.raises(NotFoundError, match="thread 999999"):
            await tx.discussions.get_thread(999999)


async def test_list_threads_is_newest_first_and_limited(store: Store) -> None:
    async with store.transaction() as tx:
        made = [await discussion_setup(tx) for _ in range(3)]
        await tx.commit()
    async with store.transaction() as tx:
        newest = await tx.discussions.list_threads(DISCORD, limit=2)
    assert newest == [made[2].discord_thread, made[1].discord_thread]


async def test_add_thread_conflicts_and_missing_records(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        with pytest.raises(ConflictError, match="already has a thread on place"):
            await tx.discussions.add_thread(s.discussion.id, s.discord.id, ref("x"), "m", T0)
        web = await tx.places.ensure(WEB, "site", ref("p"), "web")
        other, _ = await tx.discussions.get_or_create(s.article.id, web.room_id, T0)
        with pytest.raises(ConflictError, match="already belongs to discussion"):
            await tx.discussions.add_thread(
                other.id, s.discord.id, s.discord_thread.thread_ref, "m", T0
            )
        with pytest.raises(NotFoundError, match="discussion"):
            await tx.discussions.add_thread(999999, s.discord.id, ref("x"), "m", T0)
        with pytest.raises(NotFoundError, match="place"):
            await tx.discussions.add_thread(other.id, 999999, ref("x"), "m", T0)
        with pytest.raises(InvalidDataError, match="thread ref"):
            await tx.discussions.add_thread(other.id, web.id, "has space", "m", T0)
        # the failed attempts left the unit of work usable
        thread = await tx.discussions.add_thread(other.id, web.id, str(other.id), "m", T0)
        await tx.commit()
    async with store.transaction() as tx:
        assert await tx.discussions.threads(other.id) == [thread]


async def test_an_unreachable_place_is_recorded_once_per_cause(store: Store) -> None:
    async with store.transaction() as tx:
        s = await discussion_setup(tx)
        assert await tx.places.unreachable() == []
        first = await tx.places.mark_unreachable(
            s.slack.id, "not_in_channel", s.discussion.id, "Slack refused: not_in_channel", at(1)
        )
        again = await tx.places.mark_unreachable(
            s.slack.id, "not_in_channel", s.discussion.id, "later failure", at(2)
        )
        other_cause = await tx.places.mark_unreachable(
            s.slack.id, "is_archived", s.discussion.id, "Slack refused: is_archived", at(3)
        )
        with pytest.raises(NotFoundError):
            await tx.places.mark_unreachable(999_999, "x", s.discussion.id, "x", at(4))
        await tx.commit()
    assert (first, again, other_cause) == (True, False, True)
    async with store.transaction() as tx:
        found = await tx.places.unreachable()
    assert [(u.place, u.cause, u.discussion_id, u.detail, u.since) for u in found] == [
        (s.slack, "not_in_channel", s.discussion.id, "Slack refused: not_in_channel", at(1)),
        (s.slack, "is_archived", s.discussion.id, "Slack refused: is_archived", at(3)),
    ]
    assert [u.notified for u in found] == [False, False]
    async with store.transaction() as tx:
        await tx.places.mark_notified(s.slack.id, "is_archived")
        await tx.commit()
    async with store.transaction() as tx:
        told = {u.cause: u.notified for u in await tx.places.unreachable()}
    assert told == {"not_in_channel": False, "is_archived": True}
