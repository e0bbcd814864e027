"""The web app on the in-memory FakeStore: errors, mounting, health, several discussions."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from adapters.discord.platform import DISCORD
from adapters.web import WebOptions, create_web_app
from bot.briefing.model import Brief
from bot.domain.commands import WriteWebComment
from bot.services.briefs import ensure_web_place
from bot.services.comments import write_web_comment
from bot.services.context import Context
from tests.app import plain_context
from tests.fakes.store import FakeStore

NOW = datetime(2026, 11, 25, 6, 0, tzinfo=UTC)


async def _boom(request: web.Request) -> web.Response:
    raise RuntimeError("secret internals")


async def _teapot(request: web.Request) -> web.Response:
    raise web.HTTPBadRequest(text='{"ok": false}', content_type="application/json")


async def _seed_two_rooms(ctx: Context) -> tuple[int, list[int]]:
    async with ctx.store.transaction() as tx:
        article, _ = await tx.articles.add_or_get(
            "https://gazette.example/a", "Bridge", Brief.empty("Bridge"), NOW
        )
        web_place = await ensure_web_place(tx)
        ids = []
        for team in ("g1", "g2"):
            place = await tx.places.ensure(DISCORD, team, "c", "news")
            discussion, _ = await tx.discussions.get_or_create(article.id, place.room_id, NOW)
            ref = f"d{discussion.id}"
            await tx.discussions.add_thread(discussion.id, web_place.id, ref, ref, NOW)
            ids.append(discussion.id)
        await tx.commit()
    for discussion_id, text in zip(ids, ("in room one", "in room two"), strict=True):
        await write_web_comment(WriteWebComment(discussion_id, "Ana", text, "web-1"), ctx)
    return article.id, ids


@pytest.fixture
def ctx() -> Context:
    return plain_context()


@pytest.fixture
async def client(ctx: Context) -> AsyncIterator[TestClient]:
    await ctx.store.open()
    app = create_web_app(
        ctx,
        options=WebOptions(secret=b"k" * 32),
        extra_routes=[web.get("/boom", _boom), web.get("/slack/events", _teapot)],
    )
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


async def test_an_unexpected_error_is_one_plain_sentence(client: TestClient) -> None:
    response = await client.get("/boom")
    assert response.status == 500
    html = await response.text()
    assert "Something went wrong on our side" in html
    assert "secret internals" not in html and "Traceback" not in html
    assert "Content-Security-Policy" in response.headers


async def test_mounted_routes_keep_their_own_error_bodies(client: TestClient) -> None:
    response = await client.get("/slack/events")
    assert response.status == 400
    assert await response.json() == {"ok": False}


async def test_wrong_method_is_a_plain_page(client: TestClient) -> None:
    response = await client.delete("/")
    assert response.status == 405
    assert "does not accept this kind of request" in await response.text()


async def test_every_discussion_has_its_own_form(client: TestClient, ctx: Context) -> None:
    article_id, (first, second) = await _seed_two_rooms(ctx)
    html = await (await client.get(f"/a/{article_id}")).text()
    assert "Discussion 1 of 2" in html and "Discussion 2 of 2" in html
    assert html.index("in room one") < html.index(f'id="discussion-{second}"')
    assert html.index(f'id="discussion-{second}"') < html.index("in room two")
    assert 'id="comment-form"' in html and f'id="comment-form-{second}"' in html
    assert f'name="discussion_id" value="{first}"' in html
    assert f'name="discussion_id" value="{second}"' in html


async def test_an_empty_site_says_how_to_start(client: TestClient) -> None:
    html = await (await client.get("/")).text()
    assert "No article has been briefed yet" in html


async def test_health_reports_the_outbox(client: TestClient) -> None:
    response = await client.get("/healthz")
    assert response.status == 200
    assert (await response.json())["store"] == "ok"


async def test_health_is_503_when_the_store_is_down() -> None:
    ctx = plain_context()  # its FakeStore is never opened
    async with TestClient(TestServer(create_web_app(ctx))) as test_client:
        response = await test_client.get("/healthz")
        assert response.status == 503
        assert (await response.json())["status"] == "unavailable"
        page = await test_client.get("/")
        assert page.status == 503
        assert "not reachable right now" in await page.text()


async def test_the_article_list_can_move_for_the_sandbox() -> None:
    store = FakeStore()
    await store.open()
    ctx = plain_context(store)
    app = create_web_app(ctx, options=WebOptions(index_path="/articles", page_size=1))
    article_id, _ = await _seed_two_rooms(ctx)
    async with ctx.store.transaction() as tx:
        await tx.articles.add_or_get(
            "https://gazette.example/b", "Second", Brief.empty("Second"), NOW
        )
        await tx.commit()
    async with TestClient(TestServer(app)) as test_client:
        assert (await test_client.get("/")).status == 404
        listing = await (await test_client.get("/articles")).text()
        assert 'href="/articles?before=' in listing
        page = await (await test_client.get(f"/a/{article_id}")).text()
        assert '<a class="site-name" href="/articles">' in page


@pytest.mark.parametrize(
    ("trust", "forwarded", "limited"),
    [
        (False, ["1.1.1.1", "2.2.2.2"], True),  # header ignored: same peer, second post refused
        (True, ["1.1.1.1", "2.2.2.2"], False),  # two readers behind the proxy
        (True, ["6.6.6.6, 1.1.1.1", "7.7.7.7, 1.1.1.1"], True),  # spoofed first hops ignored
    ],
)
async def test_rate_limit_key_behind_a_proxy(
    ctx: Context, trust: bool, forwarded: list[str], limited: bool
) -> None:
    await ctx.store.open()
    _, (discussion_id, _) = await _seed_two_rooms(ctx)
    options = WebOptions(trust_proxy=trust, posts_per_window=1)
    async with TestClient(TestServer(create_web_app(ctx, options=options))) as test_client:
        statuses = []
        for address in forwarded:
            response = await test_client.post(
                f"/api/discussions/{discussion_id}/comments",
                json={"name": "Ana", "text": "hi"},
                headers={"X-Forwarded-For": address},
            )
            statuses.append(response.status)
    assert statuses == [201, 429 if limited else 201]
