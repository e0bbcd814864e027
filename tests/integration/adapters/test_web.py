"""The web comment section over HTTP, on a real SqliteStore, with aiohttp's test client."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiohttp import ClientResponse, ClientSession
from aiohttp.test_utils import TestClient, TestServer

from adapters.web import WebOptions, WebServer, create_web_app
from adapters.web.state import STATE
from bot.briefing.model import Brief
from bot.messages import figures_unsupported
from bot.services.context import Context
from storage.sqlite import SqliteStore
from tests.app import plain_context
from tests.eventually import eventually
from tests.integration.adapters.web_seed import NOW, Seeded, seed


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Web:
    client: TestClient
    ctx: Context
    seeded: Seeded
    clock: FakeMonotonic

    async def page(self, path: str | None = None) -> str:
        response = await self.client.get(path or f"/a/{self.seeded.article_id}")
        assert response.status == 200, await response.text()
        return await response.text()

    async def form_post(self, data: dict[str, str], **kwargs: object) -> ClientResponse:
        html = await self.page()
        token = re.search(r'name="csrf_token" value="([^"]+)"', html)
        assert token is not None
        fields = {
            "csrf_token": token.group(1),
            "discussion_id": str(self.seeded.discussion_id),
            **data,
        }
        return await self.client.post(
            f"/a/{self.seeded.article_id}/comments", data=fields, allow_redirects=False, **kwargs
        )


@pytest.fixture
async def web(tmp_path: Path) -> AsyncIterator[Web]:
    store = SqliteStore(tmp_path / "web.sqlite3")
    await store.open()
    ctx = plain_context(store)
    clock = FakeMonotonic()
    options = WebOptions(secret=b"k" * 32, keepalive_seconds=0.2, monotonic=clock)
    seeded = await seed(store)
    client = TestClient(TestServer(create_web_app(ctx, options=options)))
    await client.start_server()
    try:
        yield Web(client, ctx, seeded, clock)
    finally:
        await client.close()
        await store.close()


async def test_index_lists_articles_newest_first(web: Web) -> None:
    later = await seed(web.ctx.store, url="https://gazette.example/news/later")
    html = await web.page("/")
    first = html.index(f'href="/a/{later.article_id}"')
    second = html.index(f'href="/a/{web.seeded.article_id}"')
    assert first < second
    assert "3 comments" in html


async def test_article_page_shows_brief_and_every_platform(web: Web) -> None:
    html = await web.page()
    assert '<a href="https://gazette.example/news/mill-street-bridge" rel="noopener">' in html
    assert "Riverside Gazette" in html and "24 Nov 2026" in html and "3 min read" in html
    assert "About 9,000 vehicles cross it each day." in html
    assert '<strong class="figure-value">$2.4 million</strong> — cost of the repairs' in html
    assert 'class="badge badge-discord">Discord<' in html
    assert 'class="badge badge-slack">Slack<' in html
    assert "The detour is <strong>awful</strong>." in html
    assert f'id="c{web.seeded.discord_comment}"' in html


async def test_a_brief_in_an_unsupported_language_shows_its_notice(web: Web) -> None:
    notice = figures_unsupported("Portuguese")
    brief = Brief(
        title="Mercado reabre",
        text="O mercado municipal reabre na segunda-feira depois de oito meses de obras.",
        summary=("O mercado municipal reabre na segunda-feira depois de oito meses de obras.",),
        key_figures=(),
        language="pt",
        notice=notice,
    )
    async with web.ctx.store.transaction() as tx:
        article, _ = await tx.articles.add_or_get(
            "https://jornal.example/mercado", brief.title, brief, NOW
        )
        await tx.commit()
    assert f'<p class="notice">{notice}</p>' in await web.page(f"/a/{article.id}")
    data = await (await web.client.get(f"/api/articles/{article.id}")).json()
    assert data["notice"] == notice and data["language"] == "pt" and data["key_figures"] == []
    assert data["summary_method"] == "lead"


async def test_comment_text_is_escaped(web: Web) -> None:
    html = await web.page()
    assert "<script>alert" not in html
    # Text needs only <, > and & escaped; the sanitiser writes quotes in text as they are.
    assert "&lt;script&gt;alert('x')&lt;/script&gt; agreed" in html


async def test_tombstones_edits_and_replies(web: Web) -> None:
    html = await web.page()
    tombstone = f'<li class="comment comment-deleted" id="c{web.seeded.deleted_comment}"'
    assert tombstone in html
    assert "This comment was deleted." in html and "secret regret" not in html
    assert "second version" in html and ">edited<" in html and "first version" not in html
    assert f'<a href="#c{web.seeded.discord_comment}">In reply to Ana</a>' in html
    assert "<q>The detour is awful.</q>" in html


async def test_form_post_without_javascript(web: Web) -> None:
    response = await web.form_post({"name": "Cleo", "text": "See you at the *meeting*"})
    assert response.status == 302
    location = response.headers["Location"]
    assert re.fullmatch(rf"/a/{web.seeded.article_id}#c\d+", location)
    html = await web.page()
    assert "See you at the <em>meeting</em>" in html
    assert 'class="badge badge-web">Web<' in html


async def test_reply_through_the_form(web: Web) -> None:
    reply_to = str(web.seeded.slack_comment)
    html = await web.page(f"/a/{web.seeded.article_id}?reply_to={reply_to}")
    assert f'name="reply_to" value="{reply_to}"' in html
    response = await web.form_post({"name": "Cleo", "text": "Me too", "reply_to": reply_to})
    assert response.status == 302
    html = await web.page()
    assert f'<a href="#c{reply_to}">In reply to Ben</a>' in html


async def test_form_post_refuses_bad_or_missing_csrf(web: Web) -> None:
    await web.page()
    url = f"/a/{web.seeded.article_id}/comments"
    data = {"discussion_id": str(web.seeded.discussion_id), "name": "Eve", "text": "spam"}
    missing = await web.client.post(url, data=data, allow_redirects=False)
    assert missing.status == 403
    assert "did not come from this site" in await missing.text()
    forged = await web.client.post(url, data={**data, "csrf_token": "abc.def"})
    assert forged.status == 403
    assert "Eve" not in await web.page()


async def test_empty_comment_is_a_plain_error(web: Web) -> None:
    response = await web.form_post({"name": "Cleo", "text": "   "})
    assert response.status == 400
    html = await response.text()
    assert 'class="form-error" role="alert">A comment must be 1 to' in html
    assert 'value="Cleo"' in html
    assert "Traceback" not in html


async def test_sixth_post_in_a_minute_is_refused(web: Web) -> None:
    for index in range(5):
        response = await web.form_post({"name": "Cleo", "text": f"post {index}"})
        assert response.status == 302
    response = await web.form_post({"name": "Cleo", "text": "one too many"})
    assert response.status == 429
    assert response.headers["Retry-After"] == "60"
    assert "please wait 60 seconds" in await response.text()
    api = await web.client.post(
        f"/api/discussions/{web.seeded.discussion_id}/comments",
        json={"name": "Cleo", "text": "via the API"},
    )
    assert api.status == 429
    assert (await api.json())["error"].startswith("You are posting comments quickly")
    web.clock.now += 61
    response = await web.form_post({"name": "Cleo", "text": "after a break"})
    assert response.status == 302


async def test_refused_posts_do_not_use_up_the_quota_of_accepted_ones(web: Web) -> None:
    api_url = f"/api/discussions/{web.seeded.discussion_id}/comments"
    for _ in range(5):
        typo = await web.form_post({"name": "Cleo", "text": "   "})
        assert typo.status == 400
        too_long = await web.client.post(api_url, json={"name": "Cleo", "text": "x" * 40_001})
        assert too_long.status == 400
    for index in range(5):
        response = await web.form_post({"name": "Cleo", "text": f"post {index}"})
        assert response.status == 302
    over = await web.client.post(api_url, json={"name": "Cleo", "text": "one too many"})
    assert over.status == 429


async def test_a_flood_of_refused_posts_is_still_throttled(web: Web) -> None:
    api_url = f"/api/discussions/{web.seeded.discussion_id}/comments"
    statuses = []
    for _ in range(40):
        response = await web.client.post(api_url, json={"name": "", "text": ""})
        statuses.append(response.status)
    assert 429 in statuses and statuses[0] == 400
    first_refusal = statuses.index(429)
    assert set(statuses[:first_refusal]) == {400} and set(statuses[first_refusal:]) == {429}
    # A flooder is held back, and may not post either until the window has passed.
    held = await web.form_post({"name": "Cleo", "text": "a real comment"})
    assert held.status == 429
    web.clock.now += 61
    response = await web.form_post({"name": "Cleo", "text": "a real comment"})
    assert response.status == 302


async def test_missing_article_and_unknown_path(web: Web) -> None:
    missing = await web.client.get("/a/999999")
    assert missing.status == 404
    assert "That article does not exist" in await missing.text()
    unknown = await web.client.get("/nowhere")
    assert unknown.status == 404
    assert "There is nothing at this address." in await unknown.text()


async def test_json_api_round_trip(web: Web) -> None:
    articles = await (await web.client.get("/api/articles")).json()
    item = articles["articles"][0]
    assert item["id"] == web.seeded.article_id
    assert item["comment_count"] == 3
    assert item["site"] == "Riverside Gazette"
    assert item["page_url"].endswith(f"/a/{web.seeded.article_id}")

    article = await (await web.client.get(f"/api/articles/{web.seeded.article_id}")).json()
    assert article["key_figures"][0] == {"value": "9,000", "label": "vehicles a day"}
    assert article["summary_method"] in ("lead", "extractive")
    assert article["notice"] is None
    assert [d["id"] for d in article["discussions"]] == [web.seeded.discussion_id]

    url = f"/api/discussions/{web.seeded.discussion_id}/comments"
    posted = await web.client.post(url, json={"name": "Dev", "text": "Hi *all*", "reply_to": None})
    assert posted.status == 201, await posted.text()
    comment = await posted.json()
    assert comment["author"] == {"name": "Dev", "platform": "web", "platform_label": "Web"}
    assert comment["html"] == "Hi <em>all</em>"

    listed = await (await web.client.get(url)).json()
    assert listed["comments"][-1]["id"] == comment["id"]
    deleted = [c for c in listed["comments"] if c["deleted"]]
    assert deleted and deleted[0]["text"] is None
    after = await (await web.client.get(f"{url}?after={web.seeded.edited_comment}")).json()
    assert [c["id"] for c in after["comments"]] == [comment["id"]]


async def test_json_api_errors(web: Web) -> None:
    url = f"/api/discussions/{web.seeded.discussion_id}/comments"
    form = await web.client.post(url, data={"name": "a", "text": "b"})
    assert form.status == 415
    bad = await web.client.post(url, data="{nope", headers={"Content-Type": "application/json"})
    assert bad.status == 400
    empty = await web.client.post(url, json={"name": "Dev", "text": ""})
    assert empty.status == 400
    assert (await empty.json())["error"].startswith("A comment must be")
    foreign = await web.client.post(
        url, json={"name": "Dev", "text": "x"}, headers={"Origin": "https://evil.example"}
    )
    assert foreign.status == 403
    nowhere = "/api/discussions/999999/comments"
    missing = await web.client.post(nowhere, json={"name": "a", "text": "b"})
    assert missing.status == 404
    assert await missing.json() == {"error": "That discussion does not exist."}
    huge = await web.client.post(url, json={"name": "Dev", "text": "x" * 300_000})
    assert huge.status == 413
    assert "error" in await huge.json()


async def _read_event(response: ClientResponse, kind: str) -> dict[str, object]:
    async with asyncio.timeout(5):
        buffer = ""
        while True:
            chunk = await response.content.readany()
            assert chunk, "the stream ended"
            buffer += chunk.decode()
            while "\n\n" in buffer:
                frame, buffer = buffer.split("\n\n", 1)
                lines = dict(line.split(": ", 1) for line in frame.splitlines() if ": " in line)
                if lines.get("event") == kind:
                    return json.loads(lines["data"])


async def test_live_events_deliver_a_new_comment(web: Web) -> None:
    events = await web.client.get(f"/a/{web.seeded.article_id}/events")
    assert events.headers["Content-Type"].startswith("text/event-stream")
    await asyncio.sleep(0.05)
    url = f"/api/discussions/{web.seeded.discussion_id}/comments"
    posted = await (await web.client.post(url, json={"name": "Dev", "text": "<b>live</b>"})).json()
    event = await _read_event(events, "comment")
    assert event["action"] == "posted" and event["id"] == posted["id"]
    assert 'class="badge badge-web"' in str(event["html"])
    assert "&lt;b&gt;live&lt;/b&gt;" in str(event["html"])
    events.close()


async def test_live_backlog_after_a_given_comment(web: Web) -> None:
    after = web.seeded.discord_comment
    events = await web.client.get(f"/a/{web.seeded.article_id}/events?after={after}")
    event = await _read_event(events, "comment")
    assert event["id"] == web.seeded.slack_comment
    events.close()


async def test_live_stream_ends_when_the_client_leaves(web: Web) -> None:
    state = web.client.app[STATE]
    events = await web.client.get(f"/a/{web.seeded.article_id}/events")

    async def open_streams() -> int:  # a counter the app owns: nothing to await on
        return state.live_streams

    async def no_streams() -> bool:
        return state.live_streams == 0

    assert await eventually(open_streams) == 1
    events.close()
    await eventually(no_streams)


async def test_iframe_friendly_headers(web: Web) -> None:
    response = await web.client.get(f"/a/{web.seeded.article_id}?embed=1")
    assert "X-Frame-Options" not in response.headers
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors *" in csp and "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    html = await response.text()
    assert 'class="site-header"' not in html
    assert 'action="/a/' in html and '/comments?embed=1"' in html
    assert "<script>" not in html
    cookie = response.headers["Set-Cookie"]
    assert "SameSite=Lax" in cookie and "HttpOnly" in cookie


async def test_secure_cookie_behind_a_trusted_proxy(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "proxy.sqlite3")
    await store.open()
    ctx = plain_context(store)
    seeded = await seed(store)
    options = WebOptions(trust_proxy=True, frame_ancestors="https://gazette.example")
    async with TestClient(TestServer(create_web_app(ctx, options=options))) as client:
        response = await client.get(
            f"/a/{seeded.article_id}", headers={"X-Forwarded-Proto": "https"}
        )
        cookie = response.headers["Set-Cookie"]
        assert "SameSite=None" in cookie and "Secure" in cookie
        csp = response.headers["Content-Security-Policy"]
        assert "frame-ancestors https://gazette.example" in csp
    await store.close()


async def test_healthz_and_static_files(web: Web) -> None:
    health = await web.client.get("/healthz")
    assert health.status == 200
    body = await health.json()
    assert body["status"] == "ok" and isinstance(body["outbox"], dict)
    css = await web.client.get("/static/web.css")
    assert css.status == 200 and "var(--badge, var(--badge-neutral))" in await css.text()
    js = await web.client.get("/static/live.js")
    assert js.status == 200 and "EventSource" in await js.text()


async def test_server_stop_ends_live_streams(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "server.sqlite3")
    await store.open()
    seeded = await seed(store)
    ctx = plain_context(store)
    server = WebServer(ctx, "127.0.0.1", 0, options=WebOptions(keepalive_seconds=30))
    await server.start()
    async with ClientSession() as session:
        events = await session.get(f"{server.url}/a/{seeded.article_id}/events")
        assert events.status == 200
        async with asyncio.timeout(2):  # well under the 5 s shutdown timeout
            await server.stop()
            assert await events.content.read() == b"retry: 3000\n\n"
        events.close()
    await store.close()
