"""The bundled sample articles (invented local news), served so ``/brief`` has a local page.

``GET /samples/{name}`` answers with the file; the safe fetcher may reach it because the
sandbox allows ``127.0.0.1``.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from aiohttp import web

__all__ = ["SAMPLES_DIR", "Sample", "load_samples", "sample_routes"]

SAMPLES_DIR = Path(__file__).parent / "samples"


@dataclass(frozen=True, slots=True)
class Sample:
    """One sample article: its file name (the last part of its URL), headline and file."""

    name: str
    title: str
    path: Path


class _Headline(HTMLParser):
    """Collects the text of the first ``<h1>``."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._inside = False
        self._done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1" and not self._done:
            self._inside = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self._inside:
            self._inside, self._done = False, True

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.parts.append(data)


def _headline(html: str, fallback: str) -> str:
    parser = _Headline()
    parser.feed(html)
    return " ".join("".join(parser.parts).split()) or fallback


def load_samples(directory: Path = SAMPLES_DIR) -> list[Sample]:
    """Every ``*.html`` in ``directory``, sorted by file name."""
    return [
        Sample(path.name, _headline(path.read_text(encoding="utf-8"), path.stem), path)
        for path in sorted(directory.glob("*.html"))
    ]


def sample_routes(samples: list[Sample]) -> list[web.RouteDef]:
    """``GET /samples/{name}`` for each sample; anything else there is a 404."""
    by_name = {sample.name: sample for sample in samples}

    async def serve(request: web.Request) -> web.Response:
        sample = by_name.get(request.match_info["name"])
        if sample is None:
            raise web.HTTPNotFound(text="No such sample article.")
        return web.Response(
            body=sample.path.read_bytes(), content_type="text/html", charset="utf-8"
        )

    return [web.get("/samples/{name}", serve, name="sandbox_sample")]
