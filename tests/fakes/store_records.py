"""The fake's articles, places (rooms, link codes) and discussions (threads)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from bot.briefing.model import Brief
from bot.domain.model import Article, Discussion, Place, Platform, Thread, UnreachablePlace
from bot.errors import ConflictError, NotFoundError
from storage import validation as v

if TYPE_CHECKING:
    from tests.fakes.store import FakeUnitOfWork

__all__ = ["FakeArticles", "FakeDiscussions", "FakePlaces"]


class FakeArticles:
    def __init__(self, work: FakeUnitOfWork) -> None:
        self._work = work

    async def add_or_get(
        self, url: str, title: str, brief: Brief, now: datetime
    ) -> tuple[Article, bool]:
        url = v.url(url, "article URL")
        title = v.title(title)
        stored_brief = Brief.restore(v.brief_value(v.brief_json(brief.to_dict())), title)
        created_at = v.utc(now, "now")
        existing = await self.find_by_url(url)
        if existing is not None:
            return existing, False
        state = self._work.state
        article = Article(state.next_id("articles"), url, title, stored_brief, created_at)
        state.articles[article.id] = article
        return article, True

    async def get(self, article_id: int) -> Article:
        found = self._work.state.articles.get(v.ref(article_id, "article id"))
        if found is None:
            raise NotFoundError(f"article {article_id} does not exist")
        return found

    async def find_by_url(self, url: str) -> Article | None:
        url = v.url(url, "article URL")
        return next((a for a in self._work.state.articles.values() if a.url == url), None)

    async def list_recent(self, limit: int = 50, before_id: int | None = None) -> list[Article]:
        limit = v.positive(limit, "limit")
        before = None if before_id is None else v.ref(before_id, "before_id")
        found = [a for a in self._work.state.articles.values() if before is None or a.id < before]
        return sorted(found, key=lambda a: -a.id)[:limit]


class FakePlaces:
    def __init__(self, work: FakeUnitOfWork) -> None:
        self._work = work

    def _new_room(self) -> int:
        state = self._work.state
        room_id = state.next_id("rooms")
        state.rooms.add(room_id)
        return room_id

    async def ensure(
        self, platform: Platform, workspace_id: str, channel_id: str, name: str
    ) -> Place:
        platform = v.platform(platform)
        workspace_id = v.ident(workspace_id, "workspace id")
        channel_id = v.ident(channel_id, "channel id")
        name = v.name(name, "place name")
        state = self._work.state
        existing = await self.find(platform, workspace_id, channel_id)
        if existing is not None:
            if existing.name != name:
                existing = Place(
                    existing.id, platform, workspace_id, channel_id, name, existing.room_id
                )
                state.places[existing.id] = existing
            return existing
        room_id = self._new_room()
        place = Place(state.next_id("places"), platform, workspace_id, channel_id, name, room_id)
        state.places[place.id] = place
        return place

    async def get(self, place_id: int) -> Place:
        found = self._work.state.places.get(v.ref(place_id, "place id"))
        if found is None:
            raise NotFoundError(f"place {place_id} does not exist")
        return found

    async def find(self, platform: Platform, workspace_id: str, channel_id: str) -> Place | None:
        key = (
            v.platform(platform),
            v.ident(workspace_id, "workspace id"),
            v.ident(channel_id, "channel id"),
        )
        return next(
            (
                p
                for p in self._work.state.places.values()
                if (p.platform, p.workspace_id, p.channel_id) == key
            ),
            None,
        )

    async def in_room(self, room_id: int) -> list[Place]:
        room_id = v.ref(room_id, "room id")
        return sorted(
            (p for p in self._work.state.places.values() if p.room_id == room_id),
            key=lambda p: p.id,
        )

    async def every(self) -> list[Place]:
        return sorted(self._work.state.places.values(), key=lambda p: (p.room_id, p.id))

    def _move(self, place: Place, room_id: int) -> Place:
        moved = Place(
            place.id, place.platform, place.workspace_id, place.channel_id, place.name, room_id
        )
        self._work.state.places[place.id] = moved
        return moved

    async def link(self, place_id: int, other_place_id: int) -> int:
        place = await self.get(place_id)
        other = await self.get(other_place_id)
        if place.room_id != other.room_id:
            for moving in await self.in_room(other.room_id):
                self._move(moving, place.room_id)
        return place.room_id

    async def unlink(self, place_id: int) -> Place:
        place = await self.get(place_id)
        if len(await self.in_room(place.room_id)) == 1:
            return place
        return self._move(place, self._new_room())

    async def add_link_code(self, place_id: int, code: str, expires_at: datetime) -> None:
        code = v.ident(code, "link code")
        expires = v.utc(expires_at, "expires_at")
        await self.get(place_id)
        codes = self._work.state.link_codes
        if code in codes:
            raise ConflictError(f"link code {code!r} is already in use")
        codes[code] = (place_id, expires)

    async def mark_unreachable(
        self, place_id: int, cause: str, discussion_id: int, detail: str, now: datetime
    ) -> bool:
        await self.get(place_id)
        key = (place_id, v.ident(cause, "cause"))
        if key in self._work.state.unreachable:
            return False
        self._work.state.unreachable[key] = (
            v.ref(discussion_id, "discussion id"),
            v.error_text(detail),
            v.utc(now, "now"),
            False,
        )
        return True

    async def unreachable(self) -> list[UnreachablePlace]:
        found = sorted(self._work.state.unreachable.items(), key=lambda item: (item[1][2], item[0]))
        return [
            UnreachablePlace(
                await self.get(place_id), cause, discussion_id, detail, since, notified
            )
            for (place_id, cause), (discussion_id, detail, since, notified) in found
        ]

    async def mark_notified(self, place_id: int, cause: str) -> None:
        key = (v.ref(place_id, "place id"), v.ident(cause, "cause"))
        found = self._work.state.unreachable.get(key)
        if found is not None:
            self._work.state.unreachable[key] = (*found[:3], True)

    async def redeem_link_code(self, code: str, now: datetime) -> Place | None:
        code = v.ident(code, "link code")
        now = v.utc(now, "now")
        codes = self._work.state.link_codes
        found = codes.pop(code, None)
        for expired in [c for c, (_, expires) in codes.items() if expires <= now]:
            del codes[expired]
        if found is None or found[1] <= now:
            return None
        return await self.get(found[0])


class FakeDiscussions:
    def __init__(self, work: FakeUnitOfWork) -> None:
        self._work = work

    async def get_or_create(
        self, article_id: int, room_id: int, now: datetime
    ) -> tuple[Discussion, bool]:
        article_id = v.ref(article_id, "article id")
        room_id = v.ref(room_id, "room id")
        created_at = v.utc(now, "now")
        state = self._work.state
        for discussion in state.discussions.values():
            if (discussion.article_id, discussion.room_id) == (article_id, room_id):
                return discussion, False
        if article_id not in state.articles:
            raise NotFoundError(f"article {article_id} does not exist")
        if room_id not in state.rooms:
            raise NotFoundError(f"room {room_id} does not exist")
        discussion = Discussion(state.next_id("discussions"), article_id, room_id, created_at)
        state.discussions[discussion.id] = discussion
        return discussion, True

    async def get(self, discussion_id: int) -> Discussion:
        found = self._work.state.discussions.get(v.ref(discussion_id, "discussion id"))
        if found is None:
            raise NotFoundError(f"discussion {discussion_id} does not exist")
        return found

    async def for_article(self, article_id: int) -> list[Discussion]:
        article_id = v.ref(article_id, "article id")
        found = self._work.state.discussions.values()
        return sorted((d for d in found if d.article_id == article_id), key=lambda d: d.id)

    async def in_room(self, room_id: int, limit: int = 20) -> list[Discussion]:
        room_id = v.ref(room_id, "room id")
        limit = v.positive(limit, "limit")
        found = [d for d in self._work.state.discussions.values() if d.room_id == room_id]
        return sorted(found, key=lambda d: -d.id)[:limit]

    async def add_thread(
        self, discussion_id: int, place_id: int, thread_ref: str, message_id: str, now: datetime
    ) -> Thread:
        thread_ref = v.ident(thread_ref, "thread ref")
        message_id = v.ident(message_id, "message id")
        created_at = v.utc(now, "now")
        discussion = await self.get(discussion_id)
        state = self._work.state
        place = state.places.get(v.ref(place_id, "place id"))
        if place is None:
            raise NotFoundError(f"place {place_id} does not exist")
        if await self.thread_for(discussion.id, place.id) is not None:
            raise ConflictError(
                f"discussion {discussion.id} already has a thread on place {place_id}"
            )
        taken = await self.find_thread(place.platform, place.workspace_id, thread_ref)
        if taken is not None:
            raise ConflictError(
                f"thread {thread_ref!r} on {place.platform.value} workspace "
                f"{place.workspace_id!r} already belongs to discussion {taken.discussion_id}"
            )
        thread = Thread(
            state.next_id("threads"),
            discussion.id,
            place.id,
            place.platform,
            place.workspace_id,
            thread_ref,
            message_id,
            created_at,
        )
        state.threads[thread.id] = thread
        return thread

    async def threads(self, discussion_id: int) -> list[Thread]:
        discussion_id = v.ref(discussion_id, "discussion id")
        found = self._work.state.threads.values()
        return sorted((t for t in found if t.discussion_id == discussion_id), key=lambda t: t.id)

    async def thread_for(self, discussion_id: int, place_id: int) -> Thread | None:
        key = (v.ref(discussion_id, "discussion id"), v.ref(place_id, "place id"))
        found = self._work.state.threads.values()
        return next((t for t in found if (t.discussion_id, t.place_id) == key), None)

    async def get_thread(self, thread_id: int) -> Thread:
        found = self._work.state.threads.get(v.ref(thread_id, "thread id"))
        if found is None:
            raise NotFoundError(f"thread {thread_id} does not exist")
        return found

    async def find_thread(
        self, platform: Platform, workspace_id: str, thread_ref: str
    ) -> Thread | None:
        key = (
            v.platform(platform),
            v.ident(workspace_id, "workspace id"),
            v.ident(thread_ref, "thread ref"),
        )
        found = self._work.state.threads.values()
        return next((t for t in found if (t.platform, t.workspace_id, t.thread_ref) == key), None)

    async def list_threads(self, platform: Platform, limit: int = 1000) -> list[Thread]:
        platform = v.platform(platform)
        limit = v.positive(limit, "limit")
        found = [t for t in self._work.state.threads.values() if t.platform == platform]
        return sorted(found, key=lambda t: -t.id)[:limit]
