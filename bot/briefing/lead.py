"""Which summary a brief gets: the article's lead, or extractive sentences.

News writing puts the facts first, and on news Lead-3 (the first three sentences) is
a baseline that extractive methods rarely beat. So the lead is the summary whenever it
is usable, and :func:`~bot.briefing.summarize.summarize` is the fallback:

* the lead is the first ``count`` sentences, in article order, that can open a brief as
  written (:func:`~bot.briefing.summary_quality.fits_lead`): a byline, a dateline cut
  into pieces, a caption or a crosshead is stepped over, and a sentence too long for
  chat is kept, because it is the article's own opening;
* a sentence that repeats the title, or opens with it (a headline glued to the first
  sentence), is not part of the lead: the brief shows the title on its own;
* the lead is usable when the top of the article is prose: at least two of its first
  ``count + LEAD_SLACK`` sentences that are not fragments can open a brief, and the first
  ``count + LEAD_SLACK + LEAD_REACH`` hold ``count`` that can (a lead does not jump a
  list). Otherwise (a list, a table, a blog post that opens with questions) the
  extractive method picks from the whole article. The lead is the baseline the
  extractive method must beat, so doubt goes to the lead;
* outside English the extractive method's word lists do not apply, so the summary is
  always the lead: the first readable sentences anywhere, else the first sentences.

The sentence splitter is :func:`~bot.briefing.sentences.split_sentences`, the same one
``benchmarks/quality.py`` uses for its Lead-3 baseline.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.briefing.model import SummaryMethod
from bot.briefing.sentences import split_sentences
from bot.briefing.summarize import summarize
from bot.briefing.summary_quality import fits_lead, tidy

__all__ = ["LEAD_REACH", "LEAD_SLACK", "Summary", "choose_summary", "lead_sentences"]

LEAD_SLACK = 2  # the top is prose when its first sentences, with this slack, read as one
LEAD_REACH = 3  # and the lead is found within that many more: it stays the article's opening


@dataclass(frozen=True, slots=True)
class Summary:
    sentences: tuple[str, ...]
    method: SummaryMethod


def _key(text: str) -> str:
    return " ".join(text.split()).casefold().rstrip(" .…")


def _without_title(found: list[str], title: str | None) -> tuple[list[str], set[int]]:
    """Sentences other than the title itself, and the indexes of those opening with it."""
    if not title or not _key(title):
        return found, set()
    key = _key(title)
    kept = [s for s in found if _key(s) != key]
    glued = {i for i, s in enumerate(kept) if s.casefold().startswith(key)}
    return kept, glued


def _fragment(sentence: str) -> bool:
    """A piece too short to judge as prose ("ST.", "Well, sort of."): stepped over."""
    return len(sentence.split()) < 4


def lead_sentences(
    text: str, *, title: str | None = None, count: int = 3, english: bool = True
) -> tuple[str, ...] | None:
    """The article's lead as a summary, or ``None`` when it is not usable.

    ``english=False`` never gives ``None``: the first readable sentences of the whole
    article, else its first sentences.
    """
    found, glued = _without_title(split_sentences(text), title)
    if count <= 0 or not found:
        return ()
    if len(found) <= count and english:
        return tuple(tidy(s) for s in found)

    def fits(index: int) -> bool:
        return index not in glued and fits_lead(found[index], first=index == 0, english=english)

    if not english:
        usable = [s for i, s in enumerate(found) if fits(i)][:count]
        return tuple(tidy(s) for s in (usable or found[:count]))
    prose = [i for i, s in enumerate(found) if not _fragment(s)]
    # Only the top can hold the lead: sentences further down are not judged.
    reach = [(i, fits(i)) for i in prose[: count + LEAD_SLACK + LEAD_REACH]]
    top = [ok for _, ok in reach[: count + LEAD_SLACK]]
    near = [found[i] for i, ok in reach if ok]
    if sum(top) >= min(2, count) and len(near) >= count:
        return tuple(tidy(s) for s in near[:count])
    return None


def choose_summary(
    text: str, *, title: str | None = None, count: int = 3, english: bool = True
) -> Summary:
    """The lead when usable (always outside English), else the extractive summary."""
    lead = lead_sentences(text, title=title, count=count, english=english)
    if lead is not None:
        return Summary(lead, "lead")
    return Summary(summarize(text, title=title, sentences=count), "extractive")
