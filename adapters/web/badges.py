"""``GET /badges.css``: each platform's badge colour, from :attr:`WebOptions.badge_colours`.

``web.css`` gives every badge a neutral colour, so a platform nobody told the web page about
still gets a readable badge and no stylesheet is edited to add a platform. A platform that
wants its own colour hands it in (the composition root gathers them from the adapters); this
module turns them into ``.badge-<platform>`` rules setting ``--badge``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from aiohttp import web

from adapters.web.state import state_of
from bot.domain.model import Platform

__all__ = ["BADGES_PATH", "BadgeColours", "badge_css", "check_badge_colours", "routes"]

BADGES_PATH = "/badges.css"

BadgeColours = Mapping[str, tuple[str, str]]
"""Platform name → (light-scheme colour, dark-scheme colour), each ``#rrggbb``.
The badge's text is white: pick colours with at least 4.5:1 contrast against it."""

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def check_badge_colours(colours: BadgeColours) -> None:
    """Refuse anything but a platform name and two ``#rrggbb`` colours (it becomes CSS)."""
    for name, pair in colours.items():
        Platform(name)  # a lowercase slug, so it is a safe class name; ValueError otherwise
        if len(pair) != 2 or not all(_COLOUR.fullmatch(c) for c in pair):
            raise ValueError(f"badge colours of {name!r} must be two #rrggbb colours: {pair!r}")


def badge_css(colours: BadgeColours) -> str:
    """The stylesheet: one rule per platform and scheme, in name order."""
    check_badge_colours(colours)
    light = [f".badge-{name} {{ --badge: {pair[0]}; }}" for name, pair in sorted(colours.items())]
    dark = [f"  .badge-{name} {{ --badge: {pair[1]}; }}" for name, pair in sorted(colours.items())]
    lines = ["/* Generated from the platforms' badge colours (adapters/web/badges.py). */", *light]
    if dark:
        lines += ["@media (prefers-color-scheme: dark) {", *dark, "}"]
    return "\n".join(lines) + "\n"


async def badges(request: web.Request) -> web.Response:
    css = badge_css(state_of(request).options.badge_colours)
    return web.Response(
        text=css, content_type="text/css", headers={"Cache-Control": "public, max-age=300"}
    )


def routes() -> list[web.RouteDef]:
    return [web.get(BADGES_PATH, badges, name="badges")]
