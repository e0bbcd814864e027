"""A brief as a Discord embed (a plain JSON dict), within Discord's documented limits."""

from __future__ import annotations

from typing import Any

from adapters.discord.markdown import defuse_pings, discord_literal
from bot.briefing.model import Brief
from bot.formatting import trim
from bot.messages import byline

__all__ = ["EMBED_LIMITS", "brief_embed", "thread_name"]

EMBED_LIMITS = {
    "title": 256,
    "description": 4096,
    "fields": 25,
    "field_name": 256,
    "field_value": 1024,
    "footer": 2048,
    "total": 6000,
}
_COLOR = 0x2B6CB0


def thread_name(brief: Brief) -> str:
    """Discord thread names are 1-100 characters."""
    return trim(" ".join(brief.title.split()) or "Discussion", 100)


def brief_embed(brief: Brief, *, max_figures: int = 6) -> dict[str, Any]:
    """Title, summary, key figures and byline; article text is shown literally."""
    title = trim(discord_literal(brief.title), EMBED_LIMITS["title"])
    paragraphs = [*brief.summary, *([brief.notice] if brief.notice else [])]
    summary = "\n\n".join(discord_literal(s) for s in paragraphs)
    # Footers render neither markdown nor mentions; the byline (a feed's own name, for a
    # feed's brief) is still defused, so no client ever shows it as a ping.
    footer = trim(defuse_pings(byline(brief)), EMBED_LIMITS["footer"])
    budget = EMBED_LIMITS["total"] - len(title) - len(footer)
    description = trim(summary, min(EMBED_LIMITS["description"], max(budget - 1500, 200)))
    budget -= len(description)
    fields: list[dict[str, Any]] = []
    for figure in brief.key_figures[: min(max_figures, EMBED_LIMITS["fields"])]:
        name = trim(discord_literal(figure.value), EMBED_LIMITS["field_name"])
        value = trim(discord_literal(figure.label) or "\u200b", EMBED_LIMITS["field_value"])
        if len(name) + len(value) > budget:
            break
        budget -= len(name) + len(value)
        fields.append({"name": name, "value": value, "inline": True})
    embed: dict[str, Any] = {"type": "rich", "title": title, "color": _COLOR}
    if brief.url:
        embed["url"] = brief.url
    if description:
        embed["description"] = description
    if fields:
        embed["fields"] = fields
    if footer:
        embed["footer"] = {"text": footer}
    return embed
