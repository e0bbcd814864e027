"""Live updates of an article's discussions as Server-Sent Events.

``GET /a/{article_id}/events[?after=<comment id>]`` streams ``comment`` events whose data is
JSON ``{"action": "posted"|"edited"|"deleted"|"approved"|"removed", "id", "discussion_id",
"html"}``; ``html`` is the comment exactly as the page renders it (server-escaped), so the
page swaps it in by id. ``{"action": "hidden", "id", "discussion_id"}`` (no ``html``) takes a
comment off the page: a moderator held it, or an edit sent it back to moderation. Held and
rejected comments are never sent to readers.
Posted comments carry an SSE ``id``: a reconnecting browser sends it back as
``Last-Event-ID`` and first receives what it missed. A ``discussion`` event says the article
was briefed in another room; ``discussion_state`` ``{"id", "closed"}`` that a moderator
closed or reopened one (the page swaps its form for a notice). A comment line every
``keepalive_seconds`` keeps proxies from closing the stream and notices a gone client;
server shutdown ends every stream at once.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from aiohttp import web

from adapters.web import messages
from adapters.web.params import parse_id
from adapters.web.queries import load_article, load_comment
from adapters.web.render import render_comment, wants_embed
from adapters.web.state import WebState, state_of
from adapters.web.views import comment_view, shown_to_readers
from bot.domain.events import (
    BriefQueued,
    CommentApproved,
    CommentDeleted,
    CommentEdited,
    CommentHeld,
    CommentPosted,
    CommentRemoved,
    DiscussionClosed,
    DiscussionOpened,
    Event,
)
from bot.errors import NotFoundError
from bot.services.bus import Subscription

__all__ = ["article_events", "routes", "sse_frame"]

_ACTIONS: dict[type[Any], str] = {
    CommentPosted: "posted",
    CommentEdited: "edited",
    CommentDeleted: "deleted",
    CommentApproved: "approved",
    CommentHeld: "hidden",
    CommentRemoved: "removed",
}
_COMMENT_EVENTS = (
    CommentPosted,
    CommentEdited,
    CommentDeleted,
    CommentApproved,
    CommentHeld,
    CommentRemoved,
)


def sse_frame(event: str, data: dict[str, Any], event_id: int | None = None) -> bytes:
    """One SSE message; JSON keeps the data on a single line."""
    head = f"event: {event}\n" + (f"id: {event_id}\n" if event_id is not None else "")
    return (head + f"data: {json.dumps(data, separators=(',', ':'))}\n\n").encode()


async def _next_event(sub: Subscription, stopping: asyncio.Event, wait: float) -> Event | None:
    """The next bus event, or None after ``wait`` seconds or once the server is stopping."""
    getter = asyncio.ensure_future(sub.get())
    stopper = asyncio.ensure_future(stopping.wait())
    try:
        done, _ = await asyncio.wait(
            {getter, stopper}, timeout=wait, return_when=asyncio.FIRST_COMPLETED
        )
    finally:
        getter.cancel()
        stopper.cancel()
    return getter.result() if getter in done else None


async def _comment_frame(
    state: WebState, comment_id: int, action: str, *, embed: bool
) -> bytes | None:
    try:
        comment, parent = await load_comment(state.ctx.store, comment_id, hidden=True)
    except NotFoundError:
        return None
    data: dict[str, Any] = {"id": comment.id, "discussion_id": comment.discussion_id}
    if not shown_to_readers(comment):  # whatever happened, readers must not see it (any more)
        return None if action == "posted" else sse_frame("comment", {"action": "hidden", **data})
    html = render_comment(state, comment_view(comment, parent), embed=embed)
    data = {"action": action, **data, "html": html}
    return sse_frame("comment", data, comment.id if action == "posted" else None)


class _Stream:
    """One open event stream: which discussions it follows and how it writes."""

    def __init__(
        self, state: WebState, response: web.StreamResponse, article_id: int, ids: set[int]
    ) -> None:
        self.state = state
        self.response = response
        self.article_id = article_id
        self.discussion_ids = ids

    async def backlog(self, after: int, *, embed: bool) -> None:
        async with self.state.ctx.store.transaction() as tx:
            missed = [
                c.id
                for d in sorted(self.discussion_ids)
                for c in await tx.comments.list_for_discussion(d, after_id=after)
                if shown_to_readers(c)
            ]
        for comment_id in sorted(missed):
            frame = await _comment_frame(self.state, comment_id, "posted", embed=embed)
            if frame:
                await self.response.write(frame)

    async def relay(self, event: Event, *, embed: bool) -> None:
        if isinstance(event, BriefQueued) and event.article_id == self.article_id:
            if event.discussion_id not in self.discussion_ids:
                self.discussion_ids.add(event.discussion_id)
                await self.response.write(sse_frame("discussion", {"id": event.discussion_id}))
            return
        if isinstance(event, DiscussionClosed | DiscussionOpened):
            if event.discussion_id in self.discussion_ids:
                closed = isinstance(event, DiscussionClosed)
                data = {"id": event.discussion_id, "closed": closed}
                await self.response.write(sse_frame("discussion_state", data))
            return
        if not isinstance(event, _COMMENT_EVENTS):
            return
        if event.discussion_id in self.discussion_ids:
            action = _ACTIONS[type(event)]
            frame = await _comment_frame(self.state, event.comment_id, action, embed=embed)
            if frame:
                await self.response.write(frame)


def _gone(request: web.Request) -> bool:
    transport = request.transport
    return transport is None or transport.is_closing()


async def article_events(request: web.Request) -> web.StreamResponse:
    """``GET /a/{article_id}/events``: the live stream of one article's discussions."""
    state = state_of(request)
    article_id = parse_id(request.match_info["article_id"])
    if article_id is None:
        raise NotFoundError(messages.NO_ARTICLE)
    after = parse_id(request.headers.get("Last-Event-ID")) or parse_id(request.query.get("after"))
    embed = wants_embed(request)
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream; charset=utf-8",
            "Cache-Control": "no-store",
            "X-Accel-Buffering": "no",
        }
    )
    async with state.ctx.bus.subscribe() as sub:
        page = await load_article(state.ctx.store, article_id)
        stream = _Stream(state, response, article_id, {d.id for d in page.discussions})
        await response.prepare(request)
        state.live_streams += 1
        try:
            await response.write(b"retry: 3000\n\n")
            if after is not None:
                await stream.backlog(after, embed=embed)
            while not state.stopping.is_set() and not _gone(request):
                event = await _next_event(sub, state.stopping, state.options.keepalive_seconds)
                if event is None:
                    if not state.stopping.is_set():
                        await response.write(b": keep-alive\n\n")
                else:
                    await stream.relay(event, embed=embed)
        except ConnectionResetError:
            pass  # the reader closed the page
        finally:
            state.live_streams -= 1
    return response


def routes() -> list[web.RouteDef]:
    return [web.get(r"/a/{article_id}/events", article_events, name="article_events")]
