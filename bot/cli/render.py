"""A brief as a rich panel for the terminal: title, byline, summary, key figures."""

from __future__ import annotations

from urllib.parse import urlsplit

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.briefing.model import Brief

__all__ = ["byline", "render_brief"]


def byline(brief: Brief, source: str | None = None) -> str:
    """ "Riverside Gazette · 3 March 2026 · 2 min read"; unknown parts are left out."""
    where = brief.site_name or (urlsplit(brief.url).hostname if brief.url else None) or source
    parts = [where] if where and where != "-" else []
    if brief.published:
        parts.append(f"{brief.published.day} {brief.published:%B %Y}")
    if brief.reading_minutes:
        parts.append(f"{brief.reading_minutes} min read")
    return " · ".join(parts)


def render_brief(brief: Brief, *, source: str | None = None) -> Panel:
    """The panel; all article text is shown literally (no rich markup is interpreted)."""
    parts: list[RenderableType] = [Text(byline(brief, source), style="dim")]
    if brief.summary:
        bullets = Table.grid(padding=(0, 1))
        bullets.add_column(no_wrap=True)
        bullets.add_column()
        for sentence in brief.summary:
            bullets.add_row("•", Text(sentence))
        parts += [Text(), bullets]
    if brief.key_figures:
        parts += [Text(), Text("Key figures", style="bold")]
        for figure in brief.key_figures:
            line = Text("  ")
            line.append(figure.value, style="bold cyan")
            line.append(f" — {figure.label}")
            parts.append(line)
    if brief.notice:
        parts += [Text(), Text(brief.notice, style="italic")]
    if brief.url:
        parts.append(Text())
        parts.append(Text(brief.url, style="underline"))
    return Panel(Group(*parts), title=Text(brief.title, style="bold"), title_align="left")
