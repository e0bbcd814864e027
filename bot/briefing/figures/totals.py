"""A figure and the total it brings something to: one fact, boxed once.

"The storm killed 12 more people, bringing the death toll to 340", "will hire 250 more
staff, taking its workforce to 700", "pay 4.2% more, which brings tuition to $39,600":
the figure is shown as first said, with the total in its label in the article's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.briefing.figures.numbers import SPAN_AFTER, Quantity
from bot.briefing.figures.rank import Candidate

__all__ = ["increment_of", "total_after"]

# ", bringing the death toll to", " and taking its workforce to", ", which will bring the
# total to", ", putting the toll at": a verb that carries what was added to the total it
# reached, and what the total counts (a few words, no figure and no clause break between).
# A verb in the past or present joins only after "which": "sold 500 tickets and raised the
# price to $12" is another act.
_BRINGS = re.compile(
    r"(?:,\s*(?P<which>(?:which|that)\s+)"
    r"(?:(?:will|would|could)\s+(?:bring|take|push|put|lift|raise|boost|swell)|"
    r"(?:bring|take|push|put|lift|raise|boost|swell)s|brought|took|pushed|put|lifted|raised|"
    r"boosted|swelled)"
    r"|(?:,\s*|\s+and\s+)(?P<verb>bringing|taking|pushing|putting|lifting|raising|boosting|"
    r"swelling))"
    r"(?P<what>(?:\s+[A-Za-z'’-]+){1,6}?)\s+(?:to|at)\s+$",
    re.IGNORECASE,
)
# what stands before the verb, after the figure: its own words, no other clause
_BEFORE = re.compile(r"^[^;:()\"“”\d]{0,70}$")
_KINDS = frozenset({"count", "money", "percent"})
# "arrested 12 people and took them to 3 stations": a pronoun carries no total
_PRONOUNS = frozenset({"it", "them", "him", "her", "us", "me", "you", "one"})
_NEXT_WORD = re.compile(r"\s+([a-z]+)")
_FIRST_WORDS = re.compile(r"(?:\s+[\w'’-]+){0,3}")


def _other_thing(sentence: str, first: Quantity, total: Quantity) -> bool:
    """ "took 12 people to 3 stations": the total counts a thing of its own, not named
    just after the first figure."""
    noun = _NEXT_WORD.match(sentence, total.end)
    if noun is None or len(noun[1]) <= 3 or not noun[1].endswith("s"):
        return False
    near_first = _FIRST_WORDS.match(sentence, first.end)
    return noun[1] not in (near_first.group().lower().split() if near_first else [])


def _brought_to(sentence: str, first: Quantity, total: Quantity) -> re.Match[str] | None:
    if (
        first.kind not in _KINDS
        or total.kind not in _KINDS
        or len(first.values) != 1
        or len(total.values) != 1
        or SPAN_AFTER.match(sentence, first.end)
        or SPAN_AFTER.match(sentence, total.end)
    ):
        return None
    gap = sentence[first.end : total.start]
    brings = _BRINGS.search(gap)
    if brings is None or not _BEFORE.match(gap[: brings.start()]):
        return None
    if brings["what"].split()[-1].lower() in _PRONOUNS or _other_thing(sentence, first, total):
        return None
    return brings


def total_after(candidate: Candidate, others: Sequence[Quantity]) -> tuple[Quantity, str] | None:
    """For a figure, the total it brought something to just after it, and the words that
    say so ("bringing the death toll to 340"); ``others`` are the sentence's quantities in
    reading order."""
    quantity, sentence = candidate.quantity, candidate.sentence
    after = [o for o in others if o.start >= quantity.end]
    if not after:
        return None
    brings = _brought_to(sentence, quantity, after[0])
    if brings is None:
        return None
    start = quantity.end + (brings.start("which") if brings["which"] else brings.start("verb"))
    return after[0], sentence[start : after[0].end]


def increment_of(candidate: Candidate, others: Sequence[Quantity]) -> Quantity | None:
    """For a total, the figure just before it that brought something to it: the box shows
    that one, with the total in its label."""
    before = [o for o in others if o.end <= candidate.quantity.start]
    if before and _brought_to(candidate.sentence, before[-1], candidate.quantity):
        return before[-1]
    return None
