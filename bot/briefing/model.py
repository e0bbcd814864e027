"""The brief: what briefbot makes of one article. Plain, immutable data."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, get_args

__all__ = ["SUMMARY_METHODS", "WORDS_PER_MINUTE", "Brief", "KeyFigure", "SummaryMethod"]

SummaryMethod = Literal["lead", "extractive"]
SUMMARY_METHODS: tuple[SummaryMethod, ...] = get_args(SummaryMethod)

WORDS_PER_MINUTE = 230


@dataclass(frozen=True, slots=True)
class KeyFigure:
    """A number from the article and what it counts.

    ``value`` is the figure as written ("10,000 to 12,000"), ``label`` what it counts
    ("troops sent to Russia"), ``sentence`` the sentence it came from.
    """

    value: str
    label: str
    sentence: str

    def to_dict(self) -> dict[str, str]:
        return {"value": self.value, "label": self.label, "sentence": self.sentence}


@dataclass(frozen=True, slots=True)
class Brief:
    """One article's brief.

    ``summary_method`` says where the summary came from: ``"lead"`` when it is the
    article's opening sentences as written (news puts its facts first), ``"extractive"``
    when the opening was not usable (furniture, bylines, captions, questions, fragments)
    and sentences were picked from the whole article instead. ``language`` is the
    article's language code when known; ``notice`` is one plain sentence for the reader
    when part of the brief is left out (key figures for a language briefbot cannot read).
    """

    title: str
    text: str
    summary: tuple[str, ...]
    key_figures: tuple[KeyFigure, ...]
    url: str | None = None
    site_name: str | None = None
    author: str | None = None
    published: date | None = None
    language: str | None = None
    summary_method: SummaryMethod = "lead"
    notice: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def word_count(self) -> int:
        return len(self.text.split())

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(self.word_count / WORDS_PER_MINUTE)) if self.text else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "url": self.url,
            "site_name": self.site_name,
            "author": self.author,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "text": self.text,
            "summary": list(self.summary),
            "summary_method": self.summary_method,
            "notice": self.notice,
            "key_figures": [f.to_dict() for f in self.key_figures],
            "word_count": self.word_count,
            "reading_minutes": self.reading_minutes,
        }

    @classmethod
    def restore(cls, data: object, title: str) -> Brief:
        """A brief as stored (JSON); one that no longer parses degrades to its title.

        Stored briefs outlive the code that wrote them, so reading one must not fail.
        """
        if isinstance(data, dict):
            try:
                return cls.from_dict({"title": title, **data})
            except (KeyError, TypeError, ValueError, AttributeError):
                pass
        return cls.empty(title)

    @classmethod
    def empty(cls, title: str) -> Brief:
        """A brief with nothing but its title."""
        return cls(title=title, text="", summary=(), key_figures=())

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Brief:
        published = data.get("published")
        # Briefs stored before ``summary_method`` existed were all extractive.
        method = data.get("summary_method", "extractive")
        if method not in SUMMARY_METHODS:
            raise ValueError(f"unknown summary method {method!r}")
        return cls(
            title=data["title"],
            text=data.get("text", ""),
            summary=tuple(data.get("summary", ())),
            key_figures=tuple(
                KeyFigure(f["value"], f["label"], f.get("sentence", ""))
                for f in data.get("key_figures", ())
            ),
            url=data.get("url"),
            site_name=data.get("site_name"),
            author=data.get("author"),
            published=date.fromisoformat(published) if published else None,
            language=data.get("language"),
            summary_method=method,
            notice=data.get("notice"),
        )
