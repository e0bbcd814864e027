"""``briefbot brief SOURCE...``: brief URLs, files or stdin from the command line.

A SOURCE is an ``http(s)://`` URL (fetched by the safe fetcher), a file (``.html`` and
``.htm`` parsed as HTML, anything else as plain text) or ``-`` for standard input.
Each source is briefed on its own: one failure prints one sentence on stderr and the
others still run; the exit code is 1 when any failed.
"""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from bot.briefing.model import Brief
from bot.cli.render import render_brief
from bot.errors import BriefbotError
from bot.ports.fetch import PageFetcher
from bot.services.urls import check_article_url

__all__ = ["brief"]

_HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_UNEXPECTED = "Something went wrong while briefing this source."


class SourceError(BriefbotError):
    """A command-line source that cannot be read (missing file, directory...)."""


def brief(
    sources: Annotated[
        list[str],
        typer.Argument(
            metavar="SOURCE", help="URLs, files (.html/.htm as HTML, else text) or - for stdin."
        ),
    ],
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON: one object, or a list for several.")
    ] = False,
    as_jsonl: Annotated[
        bool, typer.Option("--jsonl", help="Print one JSON object per line.")
    ] = False,
    sentences: Annotated[
        int,
        typer.Option("--sentences", "-n", min=1, max=10, metavar="N", help="Summary sentences."),
    ] = 3,
    allow: Annotated[
        list[str] | None,
        typer.Option(
            "--allow",
            metavar="HOST",
            help="Host or CIDR the fetcher may reach although private (repeatable). "
            "Defaults to FETCH_ALLOW.",
        ),
    ] = None,
) -> None:
    """Brief articles: a summary and key figures from each SOURCE."""
    if as_json and as_jsonl:
        raise typer.BadParameter("choose one of --json and --jsonl")
    out, err = Console(), Console(stderr=True)
    fetcher = _LazyFetcher(allow)
    briefs: list[Brief] = []
    failed = False
    for source in sources:
        try:
            result = asyncio.run(_brief_source(source, fetcher, sentences, err))
        except BriefbotError as exc:
            failed = True
            err.print(
                f"briefbot: {source}: {exc.user_message}",
                markup=False,
                highlight=False,
                soft_wrap=True,
            )
            continue
        except Exception:  # the one place a source's surprise is turned into a sentence
            failed = True
            err.print(
                f"briefbot: {source}: {_UNEXPECTED}", markup=False, highlight=False, soft_wrap=True
            )
            continue
        if as_jsonl:
            out.out(json.dumps(result.to_dict(), ensure_ascii=False), highlight=False)
        elif as_json:
            briefs.append(result)
        else:
            out.print(render_brief(result, source=source))
    if as_json and briefs:
        payload = briefs[0].to_dict() if len(sources) == 1 else [b.to_dict() for b in briefs]
        out.out(json.dumps(payload, ensure_ascii=False, indent=2), highlight=False)
    if failed:
        raise typer.Exit(code=1)


async def _brief_source(source: str, fetcher: _LazyFetcher, sentences: int, err: Console) -> Brief:
    from bot.briefing.pipeline import brief_from_html, brief_from_text, fetch_brief

    if "://" in source:
        source = check_article_url(source)
        if err.is_terminal:
            with err.status(f"Fetching {source}…"):
                return await fetch_brief(source, fetcher.get(), sentences=sentences)
        return await fetch_brief(source, fetcher.get(), sentences=sentences)
    if source == "-":
        text = sys.stdin.read()
        if _looks_like_html(text):
            return brief_from_html(text, sentences=sentences)
        return brief_from_text(text, sentences=sentences)
    path = Path(source)
    text = _read_file(path)
    if path.suffix.lower() in _HTML_SUFFIXES:
        return brief_from_html(text, sentences=sentences)
    return brief_from_text(text, sentences=sentences)


def _read_file(path: Path) -> str:
    if path.is_dir():
        raise SourceError("That is a folder, not a file.")
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except FileNotFoundError as exc:
        raise SourceError("No such file.") from exc
    except OSError as exc:
        raise SourceError("That file could not be read.") from exc


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1024].lower()
    return head.startswith("<") and any(
        tag in head for tag in ("<html", "<body", "<p", "<!doctype")
    )


class _LazyFetcher:
    """Builds the web fetcher on first use, so file-only runs load no HTTP client."""

    def __init__(self, allow: Sequence[str] | None) -> None:
        self._allow = allow
        self._fetcher: PageFetcher | None = None

    def get(self) -> PageFetcher:
        if self._fetcher is None:
            self._fetcher = _build_fetcher(self._allow)
        return self._fetcher


def _build_fetcher(allow: Sequence[str] | None) -> PageFetcher:
    # The CLI is a composition root: it may build the concrete adapter.
    from adapters.fetch import SafeFetcher
    from bot.config import load_settings

    settings = load_settings()
    allowed = [a for entry in allow for a in entry.split(",")] if allow else settings.fetch_allow
    return SafeFetcher(
        allow=allowed,
        timeout=settings.fetch_timeout_seconds,
        max_bytes=settings.fetch_max_bytes,
    )
