"""Per-language report for ``quality.py``: what language each page's brief was read in.

For every extraction page that is not English: the page's declared ``<html lang>``, the
language the brief was briefed in, whether briefbot supports it, how many key figures
the brief shows and whether it carries the "not supported" notice. An unsupported
language must show no figures: ``unsupported_with_figures`` counts the failures.
Also how many briefs used the lead and how many the extractive summary.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from benchmarks._data import Page
from bot.briefing import Brief
from bot.briefing.language import SUPPORTED
from bot.briefing.meta import language_code

__all__ = ["language_report", "summary_methods"]

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z_-]+)", re.IGNORECASE)


def _declared(html: str) -> str | None:
    found = _HTML_LANG.search(html[:5000])
    return language_code(found[1]) if found else None


def summary_methods(briefs: Mapping[str, Brief | None]) -> dict[str, int]:
    """How many briefs used each summary method."""
    return dict(Counter(b.summary_method for b in briefs.values() if b is not None))


def language_report(pages: Sequence[Page], briefs: Mapping[str, Brief | None]) -> dict[str, Any]:
    languages: Counter[str] = Counter()
    others: list[dict[str, Any]] = []
    for page in pages:
        brief = briefs.get(page.id)
        if brief is None:
            continue
        languages[brief.language or "unknown"] += 1
        if brief.language in (None, "en"):
            continue
        others.append(
            {
                "page": page.id[:12],
                "declared": _declared(page.html),
                "detected": brief.language,
                "supported": brief.language in SUPPORTED,
                "key_figures": len(brief.key_figures),
                "notice": brief.notice is not None,
                "summary_method": brief.summary_method,
            }
        )
    return {
        "briefs_by_language": dict(languages.most_common()),
        "non_english_pages": others,
        "unsupported_with_figures": sum(
            1 for o in others if not o["supported"] and o["key_figures"]
        ),
    }
