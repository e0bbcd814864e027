"""Moderation on the web over HTTP: sign-in, the queue and its actions, readers' side.

A real SqliteStore, the Context built by the production bootstrap (``tests.app``), the real
moderation services, and aiohttp's test server; each actor (a reader, a moderator, another
moderator) is its own HTTP client with its own cookies, as browsers would be.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp import ClientResponse, ClientSession, CookieJar
from aiohttp.test_utils import TestServer

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from adapters.web import WebOptions, create_web_app
from adapters.web import messages as web_messages
from adapters.web.mod import texts
from bot import messages
from bot.domain.commands import WriteWebComment
from bot.domain.model import WEB, Comment
from bot.domain.moderation import Moderator, Standing
from bot.services.comments import write_web_comment
from bot.services.context import Context
from bot.services.moderation import ban, close, hold, issue_login, reopen
from storage.sqlite import SqliteStore
from tests.app import plain_context
from tests.integration.adapters.web_seed import Seeded, seed

HELD_SENTENCE = "Your comment is waiting for a moderator."
NO_SESSION = "Moderators only: sign in with a fresh link"
BAD_CSRF = "did not come from your session"


@dataclass
class Clock:
    now: datetime = field(default_factory=lambda: datetime(2026, 12, 1, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Site:
    server: TestServer
    ctx: Context
    seeded: Seeded
    clock: Clock
    sessions: list[ClientSession] = field(default_factory=list)

    def browser(self) -> ClientSession:
        """A fresh browser: its own cookie jar (unsafe: the test server is an IP address)."""
        session = ClientSession(
            base_url=str(self.server.make_url("")), cookie_jar=CookieJar(unsafe=True)
        )
        self.sessions.append(session)
        return session

    @property
    def page_url(self) -> str:
        return f"/a/{self.seeded.article_id}"

    async def page(self, browser: ClientSession) -> str:
        response = await browser.get(self.page_url)
        assert response.status == 200
        return await response.text()

    async def signed_in(self, moderator: Moderator) -> tuple[ClientSession, str]:
        """A browser signed in as ``moderator``, and the session's CSRF token (from /mod)."""
        browser = self.browser()
        token = await issue_login(self.ctx, moderator)
        response = await browser.get(f"/mod/login?token={token}")
        assert response.status == 200, await response.text()
        queue = await browser.get("/mod")
        assert queue.status == 200, await queue.text()
        return browser, csrf_of(await queue.text())

    async def held_web_comment(self, text: str = "First time here, *hello*") -> Comment:
        comment = await write_web_comment(
            WriteWebComment(self.seeded.discussion_id, "Newbie", text, "web-newbie"), self.ctx
        )
        assert comment.standing is Standing.HELD
        return comment

    async def standing(self, comment_id: int) -> Standing:
        async with self.ctx.store.transaction() as tx:
            return (await tx.comments.get(comment_id)).standing


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None
    return found.group(1)


OPERATOR = Moderator(DISCORD, "m1", "Mona")


@pytest.fixture
async def site(tmp_path: Path) -> AsyncIterator[Site]:
    store = SqliteStore(tmp_path / "mod.sqlite3")
    await store.open()
    clock = Clock()
    ctx = plain_context(store, clock=clock, mod_hold_first_web=True)
    seeded = await seed(store)
    options = WebOptions(secret=b"s" * 32, keepalive_seconds=0.2, trust_proxy=True)
    server = TestServer(create_web_app(ctx, options=options))
    await server.start_server()
    site = Site(server, ctx, seeded, clock)
    try:
        yield site
    finally:
        for session in site.sessions:
            await session.close()
        await server.close()
        await store.close()


async def _room_of(site: Site) -> int:
    async with site.ctx.store.transaction() as tx:
        return (await tx.discussions.get(site.seeded.discussion_id)).room_id


# --- sign-in ------------------------------------------------------------------------------


async def test_sign_in_sets_a_strict_http_only_cookie_and_leaves_the_token_behind(
    site: Site,
) -> None:
    browser = site.browser()
    token = await issue_login(site.ctx, OPERATOR)
    response = await browser.get(f"/mod/login/{token}")
    assert response.status == 200
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("briefbot_mod=")
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/mod" in cookie
    assert "Secure" not in cookie  # plain http here; see the proxy test below
    assert token not in cookie
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["Cache-Control"] == "no-store"
    html = await response.text()
    assert '<meta http-equiv="refresh" content="0; url=/mod">' in html
    assert token not in html
    queue = await browser.get("/mod")
    assert queue.status == 200
    assert "Moderation queue" in await queue.text()
    assert "frame-ancestors 'none'" in queue.headers["Content-Security-Policy"]


async def test_the_cookie_is_secure_over_https_behind_the_trusted_proxy(site: Site) -> None:
    token = await issue_login(site.ctx, OPERATOR)
    response = await site.browser().get(
        f"/mod/login?token={token}", headers={"X-Forwarded-Proto": "https"}
    )
    assert response.status == 200
    assert "Secure" in response.headers["Set-Cookie"]


async def test_forged_expired_and_reused_links_are_refused(site: Site) -> None:
    browser = site.browser()
    for bad in ("/mod/login", "/mod/login?token=forged-token", "/mod/login/" + "x" * 500):
        refused = await browser.get(bad)
        assert refused.status == 403
        assert messages.SIGN_IN_UNKNOWN in await refused.text()
        assert "Set-Cookie" not in refused.headers
        assert refused.headers["Referrer-Policy"] == "no-referrer"

    token = await issue_login(site.ctx, OPERATOR)
    assert (await browser.get(f"/mod/login?token={token}")).status == 200
    reused = await site.browser().get(f"/mod/login?token={token}")
    assert reused.status == 403 and "Set-Cookie" not in reused.headers
    assert "was already used" in await reused.text()

    late = await issue_login(site.ctx, OPERATOR)
    site.clock.now += timedelta(minutes=16)
    expired = await site.browser().get(f"/mod/login?token={late}")
    assert expired.status == 403 and "Set-Cookie" not in expired.headers
    assert "has expired" in await expired.text()
    assert "Traceback" not in await expired.text()


# --- refusals change nothing ---------------------------------------------------------------


async def test_no_session_or_a_forged_cookie_sees_nothing_and_changes_nothing(
    site: Site,
) -> None:
    held = await site.held_web_comment()
    stranger = site.browser()
    forged = site.browser()
    forged.cookie_jar.update_cookies({"briefbot_mod": "made-up-session-id"})
    for browser in (stranger, forged):
        for path in ("/mod", "/mod/audit", "/mod/audit.csv", "/mod/api/queue",
                     f"/mod/d/{site.seeded.discussion_id}/export.csv"):  # fmt: skip
            response = await browser.get(path)
            assert response.status == 403, path
            body = await response.text()
            assert NO_SESSION in body and "Newbie" not in body and "hello" not in body
        api = await browser.get("/mod/api/queue")
        assert (await api.json())["error"].startswith(NO_SESSION)
        post = await browser.post(f"/mod/c/{held.id}/approve", data={"csrf_token": "x"})
        assert post.status == 403
        api_post = await browser.post(
            f"/mod/api/comments/{held.id}/approve", headers={"X-CSRF-Token": "x"}
        )
        assert api_post.status == 403
    assert await site.standing(held.id) is Standing.HELD
    assert "First time here" not in await site.page(stranger)


async def test_a_csrf_token_from_another_session_is_refused(site: Site) -> None:
    held = await site.held_web_comment()
    mona, _mona_csrf = await site.signed_in(OPERATOR)
    _, other_csrf = await site.signed_in(Moderator(SLACK, "U9", "Sam"))
    reader_csrf = csrf_of(await site.page(site.browser()))
    for stolen in (other_csrf, reader_csrf, ""):
        form = await mona.post(f"/mod/c/{held.id}/approve", data={"csrf_token": stolen})
        assert form.status == 403
        assert BAD_CSRF in await form.text()
        api = await mona.post(
            f"/mod/api/comments/{held.id}/approve", headers={"X-CSRF-Token": stolen}
        )
        assert api.status == 403 and BAD_CSRF in (await api.json())["error"]
    room = await _room_of(site)
    policy = await mona.post(
        f"/mod/rooms/{room}/policy",
        data={"csrf_token": other_csrf, "banned": "newword", "reports_to_hold": "3"},
    )
    assert policy.status == 403
    assert await site.standing(held.id) is Standing.HELD
    async with site.ctx.store.transaction() as tx:
        assert await tx.moderation.policy_for(room) is None


async def test_a_moderator_of_another_room_sees_and_does_nothing_here(site: Site) -> None:
    held = await site.held_web_comment()
    room = await _room_of(site)
    outsider = Moderator(DISCORD, "m2", "Otto", rooms=frozenset({room + 1000}))
    browser, csrf = await site.signed_in(outsider)
    queue = await browser.get("/mod")
    assert "First time here" not in await queue.text()
    assert (await (await browser.get("/mod/api/queue")).json())["items"] == []
    for action in ("approve", "remove", "ban"):
        refused = await browser.post(f"/mod/c/{held.id}/{action}", data={"csrf_token": csrf})
        assert refused.status == 403, action
        assert "Traceback" not in await refused.text()
    export = await browser.get(f"/mod/d/{site.seeded.discussion_id}/export.json")
    assert export.status == 403
    policy = await browser.get(f"/mod/rooms/{room}/policy")
    assert policy.status == 403
    assert await site.standing(held.id) is Standing.HELD
    async with site.ctx.store.transaction() as tx:
        author = held.author
        assert not await tx.moderation.is_banned(room, author.platform, author.user_id)


async def test_sign_out_ends_the_session_on_the_server(site: Site) -> None:
    browser, csrf = await site.signed_in(OPERATOR)
    cookie = next(c for c in browser.cookie_jar if c.key == "briefbot_mod").value
    out = await browser.post("/mod/logout", data={"csrf_token": csrf})
    assert out.status == 200
    replay = site.browser()
    replay.cookie_jar.update_cookies({"briefbot_mod": cookie})
    assert (await replay.get("/mod")).status == 403


# --- the queue and its actions ---------------------------------------------------------


async def test_a_held_web_comment_is_answered_honestly_and_shown_once_approved(
    site: Site,
) -> None:
    reader = site.browser()
    html = await site.page(reader)
    posted = await reader.post(
        f"{site.page_url}/comments",
        data={
            "csrf_token": csrf_of(html),
            "discussion_id": str(site.seeded.discussion_id),
            "name": "Newbie",
            "text": "First time here, *hello*",
        },
        headers={"X-Forwarded-For": "203.0.113.50"},
        allow_redirects=False,
    )
    assert posted.status == 302
    assert "notice=held" in posted.headers["Location"]
    after = await (await reader.get(posted.headers["Location"])).text()
    assert HELD_SENTENCE in after
    assert "First time here" not in after
    api = await reader.get(f"/api/discussions/{site.seeded.discussion_id}/comments")
    assert all(c["author"]["name"] != "Newbie" for c in (await api.json())["comments"])

    mona, csrf = await site.signed_in(OPERATOR)
    queue = await (await mona.get("/mod")).text()
    item = re.search(r'<li class="mod-item" id="q(\d+)"', queue)
    assert item is not None
    comment_id = int(item.group(1))
    assert "Newbie" in queue and "first web comment" in queue and "Web" in queue
    assert "<em>hello</em>" in queue

    done = await mona.post(
        f"/mod/c/{comment_id}/approve", data={"csrf_token": csrf}, allow_redirects=False
    )
    assert done.status == 303 and done.headers["Location"] == "/mod?done=approve"
    assert "Approved" in await (await mona.get("/mod?done=approve")).text()
    page = await site.page(reader)
    assert f'id="c{comment_id}"' in page and "First time here, <em>hello</em>" in page

    audit = await (await mona.get("/mod/audit")).text()
    assert "approve" in audit and "Mona" in audit
    csv_export = await mona.get("/mod/audit.csv")
    assert csv_export.headers["Content-Disposition"].startswith("attachment")
    assert "approve" in await csv_export.text()


async def test_api_post_of_a_held_comment_says_so(site: Site) -> None:
    reader = site.browser()
    response = await reader.post(
        f"/api/discussions/{site.seeded.discussion_id}/comments",
        json={"name": "Newbie", "text": "hello from the API"},
    )
    assert response.status == 202
    body = await response.json()
    assert body["held"] is True and body["message"] == HELD_SENTENCE
    assert "hello from the API" not in await site.page(reader)


async def test_remove_everywhere_leaves_the_placeholder(site: Site) -> None:
    mona, csrf = await site.signed_in(OPERATOR)
    target = site.seeded.slack_comment
    api = await mona.post(f"/mod/api/comments/{target}/remove", headers={"X-CSRF-Token": csrf})
    assert api.status == 200, await api.text()
    assert (await api.json())["action"] == "remove"
    html = await site.page(site.browser())
    assert f'<li class="comment comment-deleted comment-removed" id="c{target}"' in html
    assert messages.REMOVED_BY_MODERATOR in html
    assert "agreed" not in html  # the removed comment's text is gone from the page
    comments = await (
        await site.browser().get(f"/api/discussions/{site.seeded.discussion_id}/comments")
    ).json()
    removed = next(c for c in comments["comments"] if c["id"] == target)
    assert removed["removed"] is True and removed["text"] is None and removed["html"] == ""


async def test_ban_and_policy_through_the_forms(site: Site) -> None:
    held = await site.held_web_comment()
    room = await _room_of(site)
    mona, csrf = await site.signed_in(OPERATOR)
    banned = await mona.post(f"/mod/c/{held.id}/ban", data={"csrf_token": csrf})
    assert banned.status == 200  # followed the 303 back to the queue
    async with site.ctx.store.transaction() as tx:
        assert await tx.moderation.is_banned(room, WEB, held.author.user_id)

    form = await (await mona.get(f"/mod/rooms/{room}/policy")).text()
    assert 'id="policy-form"' in form
    assert 'id="burst_count" name="burst_count"' in form and 'name="burst_seconds"' in form
    saved = await mona.post(
        f"/mod/rooms/{room}/policy",
        data={
            "csrf_token": csrf,
            "banned": "turnip\n\n re:fo+bar \n",
            "suspect": "parsnip",
            "premoderate_web": "1",
            "reports_to_hold": "2",
            "burst_count": "3",
            "burst_seconds": "30",
        },
    )
    assert saved.status == 200 and "The policy was saved." in await saved.text()
    async with site.ctx.store.transaction() as tx:
        policy = await tx.moderation.policy_for(room)
    assert policy is not None
    assert policy.banned == ("turnip", "re:fo+bar") and policy.suspect == ("parsnip",)
    assert policy.premoderate_web and not policy.hold_links and policy.reports_to_hold == 2
    assert (policy.burst_count, policy.burst_seconds) == (3, 30)

    bad = await mona.post(
        f"/mod/rooms/{room}/policy", data={"csrf_token": csrf, "reports_to_hold": "many"}
    )
    assert bad.status == 400 and "whole number" in await bad.text()

    slow = await mona.post(
        f"/mod/rooms/{room}/policy",
        data={"csrf_token": csrf, "banned": "turnip\nre:(a+)+$"},
    )
    assert slow.status == 400  # the request's fault; the form comes back as typed
    assert "“re:(a+)+$” is refused: a repeat inside a repeat" in await slow.text()

    via_api = await mona.post(
        f"/mod/api/rooms/{room}/policy",
        json={"hold_links": True},
        headers={"X-CSRF-Token": csrf},
    )
    assert via_api.status == 200 and (await via_api.json())["hold_links"] is True
    assert (await (await mona.get(f"/mod/api/rooms/{room}/policy")).json())["banned"] == [
        "turnip",
        "re:fo+bar",
    ]


async def test_exports_of_a_discussion(site: Site) -> None:
    mona, _ = await site.signed_in(OPERATOR)
    as_csv = await mona.get(f"/mod/d/{site.seeded.discussion_id}/export.csv")
    assert as_csv.status == 200 and as_csv.content_type == "text/csv"
    assert "The detour is **awful**." in await as_csv.text()
    as_json = await mona.get(f"/mod/d/{site.seeded.discussion_id}/export.json")
    assert as_json.status == 200
    assert "The detour is **awful**." in json.dumps(json.loads(await as_json.text()))
    assert (await mona.get("/mod/d/999999/export.csv")).status == 404


# --- readers -----------------------------------------------------------------------------


async def _report(site: Site, comment_id: int, address: str) -> ClientResponse:
    reader = site.browser()
    html = await site.page(reader)
    return await reader.post(
        f"/comments/{comment_id}/report",
        data={"csrf_token": csrf_of(html)},
        headers={"X-Forwarded-For": address},
    )


async def test_three_reports_hold_a_comment(site: Site) -> None:
    target = site.seeded.discord_comment
    first = await _report(site, target, "198.51.100.1")
    assert first.status == 200 and "the moderators will look" in await first.text()
    again = await _report(site, target, "198.51.100.1")  # the same reader counts once
    assert again.status == 200
    assert f'id="c{target}"' in await site.page(site.browser())
    await _report(site, target, "198.51.100.2")
    assert await site.standing(target) is Standing.VISIBLE
    await _report(site, target, "198.51.100.3")
    assert await site.standing(target) is Standing.HELD
    assert "The detour is" not in await site.page(site.browser())


async def test_a_report_needs_the_page_token(site: Site) -> None:
    reader = site.browser()
    refused = await reader.post(
        f"/comments/{site.seeded.discord_comment}/report", data={"csrf_token": "forged"}
    )
    assert refused.status == 403
    async with site.ctx.store.transaction() as tx:
        assert (
            await tx.moderation.add_report(site.seeded.discord_comment, "probe", site.clock()) == 1
        )


async def test_a_closed_discussion_says_so_and_refuses_posts(site: Site) -> None:
    await close(site.ctx, site.seeded.discussion_id, OPERATOR)
    reader = site.browser()
    html = await site.page(reader)
    assert "This discussion is closed" in html and 'class="comment-form"' not in html
    token = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert token is not None  # the Report buttons still carry the page's token
    form = await reader.post(
        f"{site.page_url}/comments",
        data={
            "csrf_token": token.group(1),
            "discussion_id": str(site.seeded.discussion_id),
            "name": "Late",
            "text": "too late",
        },
    )
    assert form.status == 403 and "This discussion is closed" in await form.text()
    api = await reader.post(
        f"/api/discussions/{site.seeded.discussion_id}/comments",
        json={"name": "Late", "text": "too late"},
    )
    assert api.status == 403 and (await api.json())["error"].startswith("This discussion is closed")
    assert "too late" not in await site.page(reader)


async def _next_event(response: ClientResponse, kind: str) -> dict[str, Any]:
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
                    return dict(json.loads(lines["data"]))


async def _next_comment_event(response: ClientResponse) -> dict[str, Any]:
    return await _next_event(response, "comment")


async def test_live_updates_skip_held_comments_and_take_back_held_ones(site: Site) -> None:
    reader = site.browser()
    events = await reader.get(f"{site.page_url}/events")
    await asyncio.sleep(0.05)  # subscribed
    held = await site.held_web_comment("not for readers yet")
    visible = site.seeded.discord_comment
    await hold(site.ctx, visible, OPERATOR)
    seen = [await _next_comment_event(events)]
    while seen[-1]["id"] != visible:
        seen.append(await _next_comment_event(events))
    events.close()
    # The held web comment was never sent (at most its id, to take it off a page); the
    # comment a moderator held is taken off the page.
    assert all("not for readers yet" not in json.dumps(e) for e in seen)
    assert all(e == {"action": "hidden", "id": held.id, "discussion_id": e["discussion_id"]}
               for e in seen[:-1])  # fmt: skip
    assert seen[-1] == {
        "action": "hidden",
        "id": visible,
        "discussion_id": site.seeded.discussion_id,
    }


async def test_live_updates_show_an_approved_comment_and_a_removal(site: Site) -> None:
    held = await site.held_web_comment("waiting for its turn")
    reader = site.browser()
    events = await reader.get(f"{site.page_url}/events")
    await asyncio.sleep(0.05)  # subscribed
    mona, csrf = await site.signed_in(OPERATOR)
    approved = await mona.post(
        f"/mod/api/comments/{held.id}/approve", headers={"X-CSRF-Token": csrf}
    )
    assert approved.status == 200
    event = await _next_comment_event(events)
    assert event["action"] == "approved" and event["id"] == held.id
    assert "waiting for its turn" in str(event["html"])
    # A comment arriving live carries a Report form whose token the page's script fills in.
    assert 'name="csrf_token" value=""' in str(event["html"])

    target = site.seeded.discord_comment
    removed = await mona.post(f"/mod/api/comments/{target}/remove", headers={"X-CSRF-Token": csrf})
    assert removed.status == 200
    event = await _next_comment_event(events)
    assert event["action"] == "removed" and event["id"] == target
    assert messages.REMOVED_BY_MODERATOR in str(event["html"])
    assert "detour" not in str(event["html"])
    events.close()


async def test_a_rejected_web_comment_tells_its_author_and_nobody_else(site: Site) -> None:
    room = await _room_of(site)
    mona, csrf = await site.signed_in(OPERATOR)
    await mona.post(
        f"/mod/api/rooms/{room}/policy",
        json={"banned": ["turnip"], "hold_first_web": False},
        headers={"X-CSRF-Token": csrf},
    )
    reader = site.browser()
    html = await site.page(reader)
    posted = await reader.post(
        f"{site.page_url}/comments",
        data={
            "csrf_token": csrf_of(html),
            "discussion_id": str(site.seeded.discussion_id),
            "name": "Rude",
            "text": "what a T-U-R-N-I-P",
        },
    )
    assert posted.status == 200  # followed the redirect back to the page
    page = await posted.text()
    assert "not published because it breaks this discussion" in page
    assert "T-U-R-N-I-P" not in page
    api = await reader.post(
        f"/api/discussions/{site.seeded.discussion_id}/comments",
        json={"name": "Rude", "text": "turnip again"},
    )
    assert api.status == 422 and "not published" in (await api.json())["error"]
    queue = await (await mona.get("/mod/api/queue")).json()
    assert all("turnip" not in item["text"].lower() for item in queue["items"])


async def test_a_reported_comment_waits_in_the_queue_with_its_count(site: Site) -> None:
    target = site.seeded.slack_comment
    await _report(site, target, "198.51.100.7")
    mona, _ = await site.signed_in(OPERATOR)
    queue = await (await mona.get("/mod/api/queue")).json()
    [item] = [i for i in queue["items"] if i["id"] == target]
    assert item["reports"] == 1 and item["standing"] == "visible"
    assert item["place"] == "Slack #news" and item["author"]["name"] == "Ben"
    assert [c["author"] for c in item["context"]][:1] == ["Ana"]
    html = await (await mona.get("/mod")).text()
    assert f'id="q{target}"' in html and "1 report" in html
    assert "&lt;script&gt;" in html and "<script>alert" not in html  # escaped for moderators too


async def test_link_previews_do_not_use_up_the_sign_in_link(site: Site) -> None:
    token = await issue_login(site.ctx, OPERATOR)
    crawler = site.browser()
    for agent in (
        "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    ):
        preview = await crawler.get(f"/mod/login?token={token}", headers={"User-Agent": agent})
        assert preview.status == 200 and "Set-Cookie" not in preview.headers
        assert "Open this sign-in link in your browser" in await preview.text()
    head = await crawler.head(f"/mod/login/{token}")
    assert "Set-Cookie" not in head.headers
    person = site.browser()
    signed_in = await person.get(f"/mod/login?token={token}")
    assert signed_in.status == 200 and "briefbot_mod=" in signed_in.headers["Set-Cookie"]


async def test_live_updates_say_when_a_discussion_closes_and_reopens(site: Site) -> None:
    events = await site.browser().get(f"{site.page_url}/events")
    await asyncio.sleep(0.05)  # subscribed
    await close(site.ctx, site.seeded.discussion_id, OPERATOR)
    closed = await _next_event(events, "discussion_state")
    assert closed == {"id": site.seeded.discussion_id, "closed": True}
    await reopen(site.ctx, site.seeded.discussion_id, OPERATOR)
    opened = await _next_event(events, "discussion_state")
    assert opened == {"id": site.seeded.discussion_id, "closed": False}
    events.close()
    assert 'class="comment-form"' in await site.page(site.browser())


# --- a room's page: close and reopen, lift bans; the operator's rooms -----------------------


async def _closed(site: Site) -> bool:
    async with site.ctx.store.transaction() as tx:
        return (await tx.discussions.get(site.seeded.discussion_id)).closed


async def _actions(site: Site) -> list[str]:
    """The audit log's actions, newest first, signing in left out."""
    async with site.ctx.store.transaction() as tx:
        entries = await tx.moderation.audit_log(None)
    return [e.action for e in entries if e.action not in ("sign_in", "login_link")]


async def test_close_reopen_and_unban_from_the_room_page(site: Site) -> None:
    room = await _room_of(site)
    discussion = site.seeded.discussion_id
    await ban(site.ctx, room, SLACK, "U0TROLL01", OPERATOR)
    mona, csrf = await site.signed_in(OPERATOR)
    page = await (await mona.get(f"/mod/rooms/{room}/policy")).text()
    assert f'<li id="d{discussion}" data-closed="false">' in page
    assert f'action="/mod/d/{discussion}/close"' in page
    assert 'data-author="slack:U0TROLL01"' in page

    forged = await mona.post(f"/mod/d/{discussion}/close", data={"csrf_token": "nope"})
    assert forged.status == 403 and not await _closed(site)
    closed = await mona.post(f"/mod/d/{discussion}/close", data={"csrf_token": csrf})
    assert closed.status == 200  # followed the 303 back to the room's page
    page = await closed.text()
    assert "The discussion is closed" in page and 'data-closed="true"' in page
    assert await _closed(site)
    closed_page = await site.page(site.browser())
    assert f'<p class="discussion-closed" role="status">{web_messages.CLOSED}</p>' in closed_page
    assert f'data-closed-text="{web_messages.CLOSED}"' in closed_page  # what live.js shows
    reopened = await mona.post(f"/mod/d/{discussion}/open", data={"csrf_token": csrf})
    assert "The discussion is open again." in await reopened.text()
    assert not await _closed(site)

    forged = await mona.post(
        f"/mod/rooms/{room}/unban", data={"csrf_token": "nope", "author": "slack:U0TROLL01"}
    )
    assert forged.status == 403
    unbanned = await mona.post(
        f"/mod/rooms/{room}/unban", data={"csrf_token": csrf, "author": "slack:U0TROLL01"}
    )
    page = await unbanned.text()
    assert "The ban was lifted" in page and "Nobody is banned here." in page
    async with site.ctx.store.transaction() as tx:
        assert not await tx.moderation.is_banned(room, SLACK, "U0TROLL01")
    nonsense = await mona.post(
        f"/mod/rooms/{room}/unban", data={"csrf_token": csrf, "author": "<script>"}
    )
    assert nonsense.status == 400 and texts.BAD_AUTHOR in await nonsense.text()
    assert await _actions(site) == ["unban", "reopen", "close", "ban"]


async def test_close_and_unban_through_the_json_api(site: Site) -> None:
    room = await _room_of(site)
    discussion = site.seeded.discussion_id
    await ban(site.ctx, room, DISCORD, "4242", OPERATOR)
    mona, csrf = await site.signed_in(OPERATOR)
    headers = {"X-CSRF-Token": csrf}
    no_token = await mona.post(f"/mod/api/discussions/{discussion}/close")
    assert no_token.status == 403 and not await _closed(site)
    closed = await mona.post(f"/mod/api/discussions/{discussion}/close", headers=headers)
    assert (await closed.json())["closed"] is True and await _closed(site)
    wrong = await mona.post(f"/mod/api/discussions/{discussion}/lock", headers=headers)
    assert wrong.status == 400
    lifted = await mona.post(
        f"/mod/api/rooms/{room}/unban", json={"author": "discord:4242"}, headers=headers
    )
    assert (await lifted.json()) == {"room_id": room, "author": "discord:4242", "lifted": True}
    assert await _actions(site) == ["unban", "close", "ban"]


async def test_a_moderator_of_another_room_cannot_close_or_unban_here(site: Site) -> None:
    room = await _room_of(site)
    await ban(site.ctx, room, SLACK, "U0TROLL01", OPERATOR)
    outsider = Moderator(DISCORD, "m2", "Otto", rooms=frozenset({room + 1000}))
    otto, csrf = await site.signed_in(outsider)
    closing = await otto.post(
        f"/mod/d/{site.seeded.discussion_id}/close", data={"csrf_token": csrf}
    )
    unbanning = await otto.post(
        f"/mod/rooms/{room}/unban", data={"csrf_token": csrf, "author": "slack:U0TROLL01"}
    )
    assert (closing.status, unbanning.status) == (403, 403)
    assert not await _closed(site)
    assert await _actions(site) == ["ban"]


async def test_an_operator_lists_every_room_even_with_an_empty_queue(site: Site) -> None:
    room = await _room_of(site)
    async with site.ctx.store.transaction() as tx:
        other = await tx.places.ensure(SLACK, "T-other", "C-sports", "sports")
        await tx.commit()
    mona, _ = await site.signed_in(OPERATOR)
    queue = await (await mona.get("/mod")).text()
    assert "Nothing is waiting for a moderator." in queue
    assert f'href="/mod/rooms/{room}/policy"' in queue
    assert f'href="/mod/rooms/{other.room_id}/policy"' in queue
    assert "(Slack #sports)" in queue and "Discord #news · Slack #news" in queue
    scoped = Moderator(SLACK, "U5", "Sam", rooms=frozenset({room}))
    sam, _ = await site.signed_in(scoped)
    mine = await (await sam.get("/mod")).text()
    assert f'href="/mod/rooms/{room}/policy"' in mine
    assert f"/mod/rooms/{other.room_id}/policy" not in mine
