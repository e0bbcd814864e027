"""Pathological pages, invented for these tests: one endless sentence full of figures, and
an article far longer than any newspaper prints."""

from __future__ import annotations

from itertools import cycle, islice

from bot.ports.fetch import FetchedPage

_FIGURE_WORDS = (
    "the",
    "parish",
    "survey",
    "counted",
    "{n}",
    "bins",
    "and",
    "{m}%",
    "more",
    "lamps",
    "on",
    "{k}",
    "streets",
    "costing",
    "£{n}.{k}m",
    "with",
)

_PROSE = (
    "Volunteers from the Esk Valley rowing club cleared litter from the towpath on Saturday. "
    "They filled forty sacks before the rain came, and the council has promised more bins "
    "near the boathouse before the summer regatta. "
)


def one_sentence_of_figures(words: int) -> FetchedPage:
    """``words`` words in a single sentence, about every fourth one a figure."""
    out: list[str] = ["Harbour"]
    for i, word in enumerate(islice(cycle(_FIGURE_WORDS), words - 1)):
        out.append(word.format(n=1000 + i % 9000, m=i % 97, k=i % 13 + 1))
    return FetchedPage(
        url="https://news.example/endless", content_type="text/plain", text=" ".join(out) + "."
    )


def very_long_article(words: int) -> FetchedPage:
    """A plain-text article of about ``words`` words of ordinary sentences."""
    paragraph_words = len(_PROSE.split())
    paragraphs = (_PROSE * 4 for _ in range(words // (paragraph_words * 4) + 1))
    text = "Towpath clean-up draws a crowd\n\n" + "\n\n".join(paragraphs)
    return FetchedPage(url="https://news.example/long", content_type="text/plain", text=text)
