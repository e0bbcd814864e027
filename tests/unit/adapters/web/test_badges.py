"""Badge colours: any platform gets a neutral badge; a platform's own colour is optional."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from adapters.web import WebOptions, create_web_app
from adapters.web.app import STATIC_DIR
from adapters.web.badges import badge_css
from tests.app import plain_context


def test_every_badge_is_neutral_unless_its_platform_has_a_colour() -> None:
    css = (STATIC_DIR / "web.css").read_text()
    assert "background: var(--badge, var(--badge-neutral));" in css
    # the web stylesheet names no chat platform: adding one never edits it
    for name in ("discord", "slack", "matrix"):
        assert name not in css.lower()


def test_the_colours_become_one_rule_per_platform_and_scheme() -> None:
    css = badge_css({"matrix": ("#0d5c4a", "#1f8a70"), "discord": ("#4752c4", "#5865f2")})
    light, dark = css.split("@media (prefers-color-scheme: dark)")
    assert ".badge-discord { --badge: #4752c4; }" in light
    assert ".badge-matrix { --badge: #0d5c4a; }" in light
    assert ".badge-matrix { --badge: #1f8a70; }" in dark
    assert badge_css({}).count("{") == 0  # no colours, no rules: every badge neutral


@pytest.mark.parametrize(
    "colours",
    [
        {"matrix": ("red; } body { display: none", "#000000")},
        {"matrix": ("#00000", "#000000")},
        {"Matrix": ("#000000", "#000000")},
        {"a b": ("#000000", "#000000")},
    ],
)
def test_anything_but_a_slug_and_two_hex_colours_is_refused(
    colours: dict[str, tuple[str, str]],
) -> None:
    with pytest.raises(ValueError):
        badge_css(colours)
    with pytest.raises(ValueError):
        create_web_app(plain_context(), options=WebOptions(badge_colours=colours))


async def test_the_page_links_the_badges_it_was_given() -> None:
    options = WebOptions(badge_colours={"matrix": ("#0d5c4a", "#1f8a70")})
    app = create_web_app(plain_context(), options=options)
    async with TestClient(TestServer(app)) as client:
        page = await client.get("/")
        assert '<link rel="stylesheet" href="/badges.css">' in await page.text()
        css = await client.get("/badges.css")
        assert css.status == 200 and css.content_type == "text/css"
        assert ".badge-matrix { --badge: #0d5c4a; }" in await css.text()
