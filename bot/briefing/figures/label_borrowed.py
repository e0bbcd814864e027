"""A figure whose own words name nothing borrows them from the figure just before it.

One shape, within one sentence and read on its tokens: a level told after its change, or
one sum told again as a share, linked by one word: "to" ("pre-tax profit fell 22% to
£84 million", "entries rose 11% to 18,900"), "at" before a price ("shares closed down
31.5p, or 14%, at 193.5p") or "or" between a sum and a share ("31.5p, or 14%"). Both
measure one thing, which the first one's label says. Nothing else is linked: a count
"at" is an age or a time ("£6.40 at 16", "92% at 12 months"), a share "at" after a sum
is a rate ("borrowed £3m at 4.2%"), a count "or" is another thing ("fined £200 or 20
days"), and "two or three days" is one count.

A count whose noun the sentence left out ("1.1 million people arrived, while about
670,000 left") borrows nothing: which noun it stands for is a matter of meaning the tags
do not settle ("two cars collided, while four were injured" counts people; "2.1 million
passengers on 14,000 flights, 300,000 more" counts passengers), and a wrong noun boxes a
wrong figure where no label leaves it out.

:func:`label_for` asks here only when every rule of its own found nothing.
"""

from __future__ import annotations

from bot.briefing.figures.numbers import Quantity
from bot.briefing.figures.tagging import Token

__all__ = ["linked_before"]

_SUMS = frozenset({"money", "percent"})
_MAX_LINK = 3


def linked_before(
    tokens: tuple[Token, ...], i: int, quantity: Quantity, before: Quantity, before_end: int
) -> bool:
    """Whether ``before`` (its tokens ending at ``before_end``) is the change or level of
    ``quantity`` (its tokens from ``i``), or the same sum told as a share."""
    if i - before_end > _MAX_LINK:
        return False
    link = [t.lower for t in tokens[before_end:i] if t.text != ","]
    if len(link) != 1:
        return False
    word = link[0]
    if word == "to":  # a change and the level it reached
        return before.kind in _SUMS and quantity.kind in _SUMS | {"count"}
    if word == "at":  # a change and the price it closed at
        return before.kind in _SUMS and quantity.kind == "money"
    if word == "or":  # a sum and its share, either way round
        return {before.kind, quantity.kind} == _SUMS
    return False
