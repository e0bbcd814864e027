"""What moderation hides is never served to readers: page, JSON API and live stream."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.discord.platform import DISCORD
from adapters.web import WebOptions, create_web_app
from bot import messages
from bot.briefing.model import Brief
from bot.domain.commands import WriteWebComment
from bot.domain.model import WEB
from bot.domain.moderation import Moderator, Policy
from bot.services.briefs import ensure_web_place
from bot.services.comments import write_web_comment
from bot.services.context import Context
from bot.services.moderation import approve, erase_author, remove_everywhere
from tests.app import plain_context

NOW = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)
MOD = Moderator(WEB, "op", "Op")


@pytest.fixture
async def ctx() -> Context:
    made = plain_context()
    made.moderation_defaults = Policy(suspect=("hmm",), hold_first_web=False, burst_count=0)
    await made.store.open()
    return made


@pytest.fixture
async def client(ctx: Context) -> AsyncIterator[TestClient]:
    app = create_web_app(ctx, options=WebOptions(secret=b"k" * 32))
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


async def _discussion(ctx: Context) -> tuple[int, int]:
    async with ctx.store.transaction() as tx:
        article, _ = await tx.articles.add_or_get(
            "https://gazette.example/a", "Bridge", Brief.empty("Bridge"), NOW
        )
        web_place = await ensure_web_place(tx)
        place = await tx.places.ensure(DISCORD, "g1", "c", "news")
        discussion, _ = await tx.discussions.get_or_create(article.id, place.room_id, NOW)
        ref = f"d{discussion.id}"
        await tx.discussions.add_thread(discussion.id, web_place.id, ref, ref, NOW)
        await tx.commit()
    return article.id, discussion.id


async def _write(ctx: Context, discussion: int, text: str, client: str = "web-1") -> int:
    comment = await write_web_comment(WriteWebComment(discussion, "Ana", text, client), ctx)
    return comment.id


async def test_held_comments_are_nowhere_for_readers_until_approved(
    client: TestClient, ctx: Context
) -> None:
    article, discussion = await _discussion(ctx)
    await _write(ctx, discussion, "all fine here")
    held = await _write(ctx, discussion, "hmm, secret words")
    await _write(ctx, discussion, "a reply", client="web-2")
    page = await (await client.get(f"/a/{article}")).text()
    listed = await (await client.get(f"/api/discussions/{discussion}/comments")).json()
    assert "all fine here" in page and "a reply" in page
    assert "secret words" not in page and f'id="c{held}"' not in page
    assert [c["text"] for c in listed["comments"]] == ["all fine here", "a reply"]
    assert listed["next_after"] == held + 1  # paging goes on past what is hidden
    await approve(ctx, held, MOD)
    page = await (await client.get(f"/a/{article}")).text()
    assert "secret words" in page


async def test_removed_and_erased_comments_leave_tombstones(
    client: TestClient, ctx: Context
) -> None:
    article, discussion = await _discussion(ctx)
    removed = await _write(ctx, discussion, "something nasty")
    await _write(ctx, discussion, "my own words", client="web-2")
    await remove_everywhere(ctx, removed, MOD)
    assert await erase_author(ctx, WEB, "web-2", MOD) == 1
    page = await (await client.get(f"/a/{article}")).text()
    assert "something nasty" not in page and "my own words" not in page
    assert messages.REMOVED_BY_MODERATOR in page
    assert messages.ERASED.replace("'", "&#39;") in page
    listed = await (await client.get(f"/api/discussions/{discussion}/comments")).json()
    shown = [(c["deleted"], c["text"], c["tombstone"]) for c in listed["comments"]]
    assert shown == [
        (True, None, messages.REMOVED_BY_MODERATOR),
        (True, None, messages.ERASED),
    ]
    assert all(c["author"]["name"] == "" for c in listed["comments"])


async def test_a_removed_comment_stays_a_nameless_removal_once_its_original_is_deleted(
    client: TestClient, ctx: Context
) -> None:
    """Removing a chat comment deletes the reader's own message; the platform then reports
    that deletion back, and the comment is also marked deleted."""
    _, discussion = await _discussion(ctx)
    removed = await _write(ctx, discussion, "something nasty")
    await remove_everywhere(ctx, removed, MOD)
    async with ctx.store.transaction() as tx:
        await tx.comments.delete(removed, NOW)
        await tx.commit()
    listed = await (await client.get(f"/api/discussions/{discussion}/comments")).json()
    [gone] = listed["comments"]
    assert (gone["removed"], gone["author"]["name"]) == (True, "")
    assert gone["tombstone"] == messages.REMOVED_BY_MODERATOR


async def test_the_live_stream_backlog_skips_held_comments(
    client: TestClient, ctx: Context
) -> None:
    article, discussion = await _discussion(ctx)
    seen = await _write(ctx, discussion, "seen before")
    await _write(ctx, discussion, "hmm, hidden")
    first = await _write(ctx, discussion, "shown")
    response = await client.get(f"/a/{article}/events", headers={"Last-Event-ID": str(seen)})
    body = b""
    async with asyncio.timeout(10):
        async for chunk in response.content.iter_any():
            body += chunk
            if b"shown" in body:
                break
    response.close()
    frames = [
        json.loads(line[6:]) for line in body.decode().splitlines() if line.startswith("data: ")
    ]
    assert [f["id"] for f in frames] == [first]
    assert b"hmm, hidden" not in body
