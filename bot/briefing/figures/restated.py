"""A figure said again straight after it: the same count as a share, the same sum in other
money or over another period. One fact, boxed once with its restatement in the label.

"1,203,551 votes, or 49.6%", "fell 610 points (1.5%)", "6.7 trillion rupiah, about $420
million", "$9.40 a month, or roughly $113 a year".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.briefing.figures.numbers import Quantity
from bot.briefing.figures.rank import Candidate

__all__ = ["first_said", "restatement"]


# "1,203,551 votes, or 49.6%", "fell 610 points (1.5%)": the same figure as a share.
_AS_SHARE = re.compile(r"^[\s\w'’-]{0,20}?(?:,\s+or\s+|\s*\(\s*)$", re.IGNORECASE)


def _share_of(candidate: Candidate, others: Sequence[Quantity]) -> Quantity | None:
    """For a count or an amount, the share it is restated as straight after it."""
    quantity, sentence = candidate.quantity, candidate.sentence
    if quantity.kind == "percent":
        return None
    after = [o for o in others if o.start >= quantity.end]
    if not after or after[0].kind != "percent":
        return None
    return after[0] if _AS_SHARE.match(sentence[quantity.end : after[0].start]) else None


# "6.7 trillion rupiah, about $420 million", "£5m (about $6.2m)", "$9.40 a month, or
# roughly $113 a year": the same sum in other money, or over another period.
_AS_SUM = re.compile(r"^(?:\s*,\s*(?:or\s+)?|\s*\(\s*)$", re.IGNORECASE)
# "$300 of it online", "$2 more than before", "€20,000 in cash", "or $110 for overseas
# fans": a part, a difference or another price, not the sum again.
_NOT_AGAIN = re.compile(
    r"\s+(?:of|more|less|fewer|higher|lower|up|down|above|below|in\s+cash|on|for|from|was|"
    r"were|is|went|came|with|if|after|at|under|plus)\b",
    re.IGNORECASE,
)
_PERIOD = re.compile(r"\b(?:an?|per)\s+(hour|day|week|month|year)\b", re.IGNORECASE)
_PER_YEAR = {"hour": 2000, "day": 365, "week": 52, "month": 12, "year": 1}
_NOT_CURRENCY = re.compile(
    r"[\d.,\s]+|\b(?:about|around|roughly|some|nearly|almost|approximately|just|over|under|"
    r"more|less|than|up|to|at|least|most|an|estimated|hundred|thousand|million|billion|"
    r"trillion|bn|mn|m|k|tn)\b",
    re.IGNORECASE,
)
_SIGNS = {"us$": "$", "pounds": "£", "dollars": "$", "euros": "€", "yen": "¥", "rupees": "₹"}


def _currency(quantity: Quantity) -> str:
    """ "$", "£", "rupiah": a sum's money, its number, hedge and period gone."""
    money = _NOT_CURRENCY.sub("", _PERIOD.sub("", quantity.text)).lower()
    for name, sign in _SIGNS.items():
        money = money.replace(name, sign)
    return money


def _restated(first: Quantity, second: Quantity, sentence: str) -> bool:
    gap = sentence[first.end : second.start]
    if not (
        first.kind == second.kind == "money"
        and len(first.values) == len(second.values) == 1
        and _AS_SUM.match(gap) is not None
    ):
        return False
    if "(" not in gap and _NOT_AGAIN.match(sentence, second.end):
        return False
    one, two = _PERIOD.search(first.text), _PERIOD.search(second.text)
    if (one is None) != (two is None):
        return False  # "£9 a month, or €120": one sum by the month, one not
    if _currency(first) != _currency(second):
        return True
    # the same money: the same sum over another period, "£120 a year, £10 a month"
    if one is None or two is None or one[1].lower() == two[1].lower():
        return False
    yearly = first.values[0] * _PER_YEAR[one[1].lower()]
    other = second.values[0] * _PER_YEAR[two[1].lower()]
    return other > 0 and 0.8 <= yearly / other <= 1.25


def _sum_restated(candidate: Candidate, others: Sequence[Quantity]) -> Quantity | None:
    """For a sum, the same sum said again straight after it in other money or over
    another period."""
    after = [o for o in others if o.start >= candidate.quantity.end]
    if after and _restated(candidate.quantity, after[0], candidate.sentence):
        return after[0]
    return None


def first_said(candidate: Candidate, others: Sequence[Quantity]) -> Quantity | None:
    """For a sum said again in other money or over another period, the sum as first said:
    the box shows that one, with this in its label."""
    before = [o for o in others if o.end <= candidate.quantity.start]
    if before and _restated(before[-1], candidate.quantity, candidate.sentence):
        return before[-1]
    return None


def _restatement_phrase(sentence: str, first: Quantity, second: Quantity) -> str:
    """ "about $420 million", "(about $6.2m)", "or roughly $113 a year"."""
    closed = sentence[second.end : second.end + 1] == ")"
    return sentence[first.end : second.end + closed].strip(" ,")


def _share_phrase(sentence: str, quantity: Quantity, share: Quantity) -> str:
    """ "or 49.6%", "(1.5%)": the words that restate the figure as a share."""
    gap = sentence[quantity.end : share.start]
    bracket = gap.rfind("(")
    if bracket >= 0:
        closed = sentence[share.end : share.end + 1] == ")"
        return sentence[quantity.end + bracket : share.end + closed]
    said = gap.rfind(" or ")
    return sentence[quantity.end + said + 1 if said >= 0 else share.start : share.end]


def restatement(candidate: Candidate, others: Sequence[Quantity]) -> tuple[Quantity, str] | None:
    """What restates the figure straight after it, and the words to join its label;
    ``others`` are the sentence's quantities in reading order."""
    sentence = candidate.sentence
    share = _share_of(candidate, others)
    if share is not None:
        return share, _share_phrase(sentence, candidate.quantity, share)
    restated = _sum_restated(candidate, others)
    if restated is not None:
        return restated, _restatement_phrase(sentence, candidate.quantity, restated)
    return None
