"""Hostile visitors against the moderators' web surfaces (the red team's checklist).

Each test is one attack: a planted cookie, a link redeemed at its last second, a session past
its end, the JSON API without its header, a GET that would change something, another site's
script, a framing page, a long or hostile policy form, an export and the audit log.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from adapters.web import WebOptions, create_web_app
from adapters.web.mod.policy import MAX_ENTRIES
from bot.domain.commands import WriteWebComment
from bot.domain.moderation import Moderator, Standing
from bot.services.comments import write_web_comment
from bot.services.moderation import issue_login
from bot.services.moderation.signin import LOGIN_MINUTES
from storage.sqlite import SqliteStore
from tests.app import plain_context
from tests.integration.adapters import test_web_moderation as base
from tests.integration.adapters.test_web_moderation import NO_SESSION, OPERATOR, Site
from tests.integration.adapters.web_seed import seed

site = base.site  # the same served site: a real store, the production bootstrap, aiohttp


async def _room_of(site: Site) -> int:
    async with site.ctx.store.transaction() as tx:
        return (await tx.discussions.get(site.seeded.discussion_id)).room_id


async def test_a_planted_session_cookie_is_replaced_at_sign_in(site: Site) -> None:
    browser = site.browser()
    browser.cookie_jar.update_cookies({"briefbot_mod": "attacker-chose-this"})
    token = await issue_login(site.ctx, OPERATOR)
    signed_in = await browser.get(f"/mod/login?token={token}")
    assert signed_in.status == 200
    fresh = signed_in.cookies["briefbot_mod"].value
    assert fresh != "attacker-chose-this" and len(fresh) >= 40
    planted = site.browser()
    planted.cookie_jar.update_cookies({"briefbot_mod": "attacker-chose-this"})
    assert (await planted.get("/mod")).status == 403


async def test_a_link_works_until_its_last_second_and_not_at_it(site: Site) -> None:
    on_time = await issue_login(site.ctx, OPERATOR)
    late = await issue_login(site.ctx, OPERATOR)
    site.clock.now += timedelta(minutes=LOGIN_MINUTES) - timedelta(seconds=1)
    assert (await site.browser().get(f"/mod/login?token={on_time}")).status == 200
    site.clock.now += timedelta(seconds=1)
    assert (await site.browser().get(f"/mod/login?token={late}")).status == 403


async def test_a_session_ends_on_the_server_whatever_the_cookie_says(site: Site) -> None:
    browser, _ = await site.signed_in(OPERATOR)
    assert (await browser.get("/mod/api/queue")).status == 200
    site.clock.now += timedelta(hours=site.ctx.moderator_session_hours, seconds=1)
    late = await browser.get("/mod/api/queue")
    assert late.status == 403 and (await late.json())["error"].startswith(NO_SESSION)


async def test_the_json_api_needs_its_header_not_only_the_cookie(site: Site) -> None:
    held = await site.held_web_comment()
    browser, csrf = await site.signed_in(OPERATOR)
    # A cross-site form can send the cookie (were it not Strict) and a body, never a header.
    for data in ({"csrf_token": csrf}, None):
        refused = await browser.post(f"/mod/api/comments/{held.id}/approve", data=data)
        assert refused.status == 403
    room = await _room_of(site)
    policy = await browser.post(
        f"/mod/api/rooms/{room}/policy", json={"banned": ["x"]}, headers={"X-CSRF-Token": ""}
    )
    assert policy.status == 403
    assert await site.standing(held.id) is Standing.HELD


async def test_no_get_changes_anything(site: Site) -> None:
    held = await site.held_web_comment()
    browser, _ = await site.signed_in(OPERATOR)
    room = await _room_of(site)
    for path in (f"/mod/c/{held.id}/approve", f"/mod/api/comments/{held.id}/approve",
                 "/mod/logout", f"/mod/api/rooms/{room}/policy?banned=x"):  # fmt: skip
        answer = await browser.get(path, allow_redirects=False)
        assert answer.status in (403, 404, 405, 200), path
    assert await site.standing(held.id) is Standing.HELD
    assert (await browser.get("/mod")).status == 200  # still signed in: GET /mod/logout did not
    async with site.ctx.store.transaction() as tx:
        assert await tx.moderation.policy_for(room) is None


async def test_other_sites_get_no_cors_and_cannot_frame_the_queue(site: Site) -> None:
    browser, _ = await site.signed_in(OPERATOR)
    evil = {"Origin": "https://evil.example"}
    for path in ("/mod", "/mod/api/session", "/mod/api/queue"):
        answer = await browser.get(path, headers=evil)
        assert "Access-Control-Allow-Origin" not in answer.headers, path
        assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"], path
        assert answer.headers["X-Frame-Options"] == "DENY", path
        assert answer.headers["Cache-Control"] == "no-store", path
    preflight = await browser.options(
        "/mod/api/queue", headers={**evil, "Access-Control-Request-Method": "POST"}
    )
    assert "Access-Control-Allow-Origin" not in preflight.headers


async def test_a_huge_or_hostile_policy_form_is_bounded_and_read_back_intact(site: Site) -> None:
    browser, csrf = await site.signed_in(OPERATOR)
    room = await _room_of(site)
    words = [f"w{i:06d}x" for i in range(100_000)]
    hostile = ['=cmd|"/c calc"!A1', 'quo"te,comma', "new\u2028line", "</textarea><b>x"]
    api = f"/mod/api/rooms/{room}/policy"
    header = {"X-CSRF-Token": csrf}
    huge = await browser.post(api, json={"banned": words}, headers=header)
    assert huge.status == 413
    assert "a word list holds at most 10,000 entries" in (await huge.json())["error"]
    over = await browser.post(api, json={"banned": words[: MAX_ENTRIES + 1]}, headers=header)
    assert over.status == 400 and "this one has 10,001" in (await over.json())["error"]
    cut = await browser.post(api, json={"banned": ["re:" + "a" * 300]}, headers=header)
    assert cut.status == 400 and "at most 200 characters" in (await cut.json())["error"]
    flag = await browser.post(api, json={"hold_links": "yes"}, headers=header)
    assert flag.status == 400 and "true or false" in (await flag.json())["error"]
    async with site.ctx.store.transaction() as tx:
        assert await tx.moderation.policy_for(room) is None  # nothing was cut and saved
    saved = await browser.post(
        api, json={"banned": hostile + words[:5000], "suspect": ["re:(ab|cd)+e"]}, headers=header
    )
    assert saved.status == 200, await saved.text()
    body = await saved.json()
    assert body["banned"][:4] == hostile and len(body["banned"]) == 5004
    page = await browser.get(f"/mod/rooms/{room}/policy")
    text = await page.text()
    assert "</textarea><b>x" not in text and "&lt;/textarea&gt;&lt;b&gt;x" in text
    nested = await browser.post(
        f"/mod/api/rooms/{room}/policy",
        json={"suspect": ["re:(\\w+\\s?)+$"]},
        headers={"X-CSRF-Token": csrf},
    )
    assert nested.status == 400 and "a repeat inside a repeat" in (await nested.json())["error"]
    form = await browser.post(
        f"/mod/rooms/{room}/policy",
        data={"csrf_token": csrf, "banned": "keepme\nre:(a+)+", "reports_to_hold": "3"},
    )
    assert form.status == 400
    refused = await form.text()
    assert "a repeat inside a repeat" in refused and "keepme" in refused  # nothing typed is lost


async def test_a_web_export_is_audited_and_spreadsheet_safe(site: Site) -> None:
    evil_name = Moderator(OPERATOR.platform, "m9", '=HYPERLINK("http://x","y")')
    browser, _ = await site.signed_in(evil_name)
    export = await browser.get(f"/mod/d/{site.seeded.discussion_id}/export.csv")
    assert export.status == 200
    audit = await browser.get("/mod/audit.csv")
    rows = list(csv.DictReader(io.StringIO(await audit.text())))
    exported = [r for r in rows if r["action"] == "export"]
    assert len(exported) == 1 and exported[0]["detail"] == "csv"
    assert all(not r["moderator_name"].startswith("=") for r in rows)


async def test_a_hostile_held_comment_cannot_script_the_moderators_queue(site: Site) -> None:
    text = (
        "<script>alert(1)</script> [click](javascript:alert(2)) "
        "![t](https://evil.example/t.png) <img src=x onerror=alert(3)> "
        '<a href="https://evil.example" onclick="x()">a</a>'
    )
    comment = await write_web_comment(
        WriteWebComment(
            site.seeded.discussion_id, "<img src=x onerror=alert(4)>", text, "web-hostile"
        ),
        site.ctx,
    )
    assert comment.standing is Standing.HELD
    browser, _ = await site.signed_in(OPERATOR)
    page = await (await browser.get("/mod")).text()
    assert "web-hostile" in page  # it is in the queue
    api = await (await browser.get("/mod/api/queue")).json()
    [item] = [i for i in api["items"] if i["id"] == comment.id]
    for html in (page, item["html"]):
        tags = re.findall(r"<[^>]*>", html)  # what the browser would run: tags, not text
        assert not [t for t in tags if re.search(r"<script|\son\w+=|javascript:|<img", t, re.I)]


async def test_a_forwarded_proto_from_an_untrusted_client_changes_nothing(tmp_path: Path) -> None:
    # Without WEB_TRUST_PROXY, anybody can send X-Forwarded-Proto: it must not decide the
    # cookie's flags (a Secure cookie over plain http is never sent back: a lock-out).
    store = SqliteStore(tmp_path / "untrusted.sqlite3")
    await store.open()
    try:
        ctx = plain_context(store)
        await seed(store)
        app = create_web_app(ctx, options=WebOptions(secret=b"s" * 32, trust_proxy=False))
        async with TestClient(TestServer(app)) as client:
            token = await issue_login(ctx, OPERATOR)
            answer = await client.get(
                f"/mod/login?token={token}", headers={"X-Forwarded-Proto": "https"}
            )
            assert answer.status == 200
            cookie = answer.headers["Set-Cookie"]
            assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
            assert "Secure" not in cookie
    finally:
        await store.close()
