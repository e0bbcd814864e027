"""Where the shared evaluation data lives, and how to read the extraction pages."""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Page", "data_dir", "load_extraction_pages"]


@dataclass(frozen=True, slots=True)
class Page:
    id: str
    url: str
    html: str
    truth: str


def data_dir() -> Path:
    """``$BRIEFBOT_DATA_DIR``, else ``../shared/data`` beside the repository."""
    override = os.environ.get("BRIEFBOT_DATA_DIR")
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[1].parent / "shared" / "data"


def load_extraction_pages(root: Path | None = None) -> list[Page] | None:
    """The extraction pages in id order, or ``None`` when the data is not there."""
    folder = (root or data_dir()) / "extraction"
    truth_file = folder / "ground-truth.json"
    if not truth_file.is_file():
        return None
    truths = json.loads(truth_file.read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truths):
        with gzip.open(folder / "html" / f"{page_id}.html.gz", "rt", encoding="utf-8") as fh:
            html = fh.read()
        entry = truths[page_id]
        pages.append(Page(page_id, entry["url"], html, entry["articleBody"]))
    return pages
