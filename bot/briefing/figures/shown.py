"""How a picked figure is shown: its value with the unit of time or length it is in.

The number grammar (:mod:`numbers`) keeps a duration's unit outside the quantity, so that
the selector can read "12 months" as a time span from the words after it. A reader needs
the unit in the box, though: "15 — jury took" says nothing, "15 minutes — jury took" does.
So the shown value runs on over a unit written straight after the number ("15 minutes",
"a 90-day extension", "the 53-day-long festival", "30 min"), still verbatim from the
sentence. When the label opens with that unit ("day extension"), the unit moves to the
value and the label keeps the rest ("90-day — extension"); when the unit is all the label
says ("17 nights" → "nights", "nights from the observatory"), the figure is shown as it
was.
"""

from __future__ import annotations

import re

from bot.briefing.figures.numbers import Quantity
from bot.briefing.figures.words import word_set

__all__ = ["shown"]

_UNIT = (
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|months?|years?|"
    r"decades?|centuries|century|yards?)"
)
# " minutes", "-day", "-day-long", "-year-long": straight after the number, one unit.
_AFTER = re.compile(rf"(?:\s|-)(?P<unit>{_UNIT})(?P<long>-long)?\b(?![-’'])", re.IGNORECASE)
_WORD = re.compile(r"\S+")
_FUNCTION_WORDS = word_set(
    """a an the of in on at to for from by with over during since until after before
    and or but that which who as"""
)


def shown(sentence: str, quantity: Quantity, label: str) -> tuple[str, str]:
    """The value and label to show for ``quantity`` of ``sentence`` labelled ``label``."""
    if quantity.kind != "count" or not quantity.text[-1:].isalnum():
        return quantity.text, label
    after = _AFTER.match(sentence, quantity.end)
    if after is None:
        return quantity.text, label
    value = sentence[quantity.start : after.end()]
    first = _WORD.match(label)
    if first is None:
        return value, label
    unit = after["unit"].lower()
    if first.group().lower() in (unit, f"{unit}-long"):
        rest = label[first.end() :].strip()
        if not rest or rest.split()[0].lower() in _FUNCTION_WORDS:
            return quantity.text, label  # "17 nights from ...": the unit is what is counted
        return value, rest
    return value, label
