"""The two sides of a contest: a vote's tally ("voted 5-2") or a game's score ("won 24-21").

Two numbers joined by a dash are a range when they rise ("10-12 troops"), and otherwise
usually an identifier ("787-9") or a date ("2024-25"); they are one figure, both sides
kept, when the words around them say a vote or a game was decided: a verb of voting or
of winning and losing before them ("beat Miami 102-98", "lost 2–0 to"), or the noun of
the result after them ("a 3-1 win", "a 7-4 vote", "the final score was 24-21").
"""

from __future__ import annotations

import re

from bot.briefing.figures.words import word_set

__all__ = ["DECISION_VERBS", "RESULT_NOUNS", "SCORE_VERBS", "is_contest", "score_verb_before"]

_LOOKBACK = 60  # characters before the first number that may hold the verb and a name

# "voted 5-2", "voted by 7 to 2", "by a vote of 6-3", "a tally of 9 to 4".
_VOTED = re.compile(
    r"\b(?:vot(?:ed|es?|ing)\s+(?:by\s+|of\s+)?|(?:tally|margin)\s+of\s+)$", re.IGNORECASE
)
_VOTE_AFTER = re.compile(
    r"\s+(?:vote|votes|decision|ruling|majority|verdict|margin)\b", re.IGNORECASE
)
DECISION_VERBS = word_set(
    """voted approved passed rejected ruled split confirmed adopted backed endorsed upheld
    overturned sided defeated cleared clearing passing"""
)
# "approved it 7-4", "passed the bill 52-48", "ruled 6-3", "split 5-4": a body deciding,
# perhaps with what it decided, then the tally (the larger side first), then a pause.
_DECIDED = re.compile(
    r"\b(?:approved|passed|rejected|ruled|split|confirmed|adopted|backed|endorsed|upheld|cleared"
    r"|clearing|passing"
    r"|overturned|struck\s+down|sided)"
    r"(?:\s+(?:it|them|this|that|(?:the|a|an|its|their)\s+[\w-]+(?:\s+[\w-]+)?))?"
    r"\s+(?:by\s+)?$",
    re.IGNORECASE,
)

# "won 24-21", "beat Miami 102-98", "beat the Lakers by 102-98": a verb of the game,
# then perhaps the other side's name (capitalised), then the score.
SCORE_VERBS = word_set(
    """won win wins winning beat beats beating lost lose loses losing defeated defeat defeats
    defeating drew draw draws drawing tied ties tying edged edges edging thrashed routed
    crushed downed outscored trailed trail trails trailing led lead leads leading"""
)
RESULT_NOUNS = word_set(
    """win wins victory victories defeat defeats loss losses draw draws tie ties lead
    scoreline thrashing triumph rout drubbing"""
)
_SCORE_VERB = r"\b(?i:" + "|".join(sorted(SCORE_VERBS, key=len, reverse=True)) + ")"
_SIDE = r"(?:\s+(?:the\s+)?[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3})?"
_VERB_BEFORE = re.compile(_SCORE_VERB + _SIDE + r"(?:\s+(?i:by))?\s+$")
_SCORE_NOUN_BEFORE = re.compile(
    r"\b(?i:score|scoreline|result)\s+(?i:was\s+|is\s+|of\s+|stood\s+at\s+|ended\s+)?$"
)
# "a 3-1 win", "a 2-0 home defeat", "a 1-1 draw", "a 24-21 overtime victory".
_RESULT_AFTER = re.compile(
    r"\s+(?:(?:home|away|road|extra-time|overtime|penalty|shootout|comeback|opening|final|"
    r"first-leg|second-leg|league|cup|surprise|shock|narrow|stunning|dramatic|crushing|"
    r"emphatic|convincing|famous)\s+)?"
    r"(?:" + "|".join(sorted(RESULT_NOUNS, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
# "led 10-12 troops" is a range of troops and "won 787-9 orders" a model's orders; "led
# 14-21 at half-time" is a score: only a pause or a preposition may follow a score read
# from its verb.
_PAUSE_AFTER = re.compile(
    r"(?:\s*(?:[,.;:!?)\]—–]|$)|\s+(?:on|in|at|to|against|over|after|before|with|for|and|"
    r"but|thanks|despite|as|when|while|under|from|last|this|yesterday|tonight|monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday)\b)",
    re.IGNORECASE,
)


_THAT_AFTER = re.compile(r"\s+(?:that|to)\b", re.IGNORECASE)  # "ruled 6-3 that ..."


def score_verb_before(sentence: str, start: int) -> bool:
    """Whether a verb of a game ends just before ``start`` ("beat Miami 102-98")."""
    return _VERB_BEFORE.search(sentence, max(0, start - _LOOKBACK), start) is not None


def _is_score(sentence: str, start: int, end: int) -> bool:
    if _RESULT_AFTER.match(sentence, end):
        return True
    before = max(0, start - _LOOKBACK)
    if _SCORE_NOUN_BEFORE.search(sentence, before, start):
        return True
    # "won 24-21." but not "won 787-9 orders" or "led 10-12 troops": after a verb of the
    # game, only a pause or a preposition may follow a score.
    return score_verb_before(sentence, start) and _PAUSE_AFTER.match(sentence, end) is not None


def is_contest(
    sentence: str, first: tuple[int, int, float], second: tuple[int, int, float]
) -> bool:
    """Whether two dash-joined whole numbers, each ``(start, end, value)``, are a vote's
    tally or a game's score. Years ("2024-25") and long numbers are neither."""
    (start, _, low), (_, end, high) = first, second
    before = max(0, start - _LOOKBACK)
    if _VOTED.search(sentence, before, start):
        return True
    whole = all(v == int(v) and 0 <= v < 1000 for v in (low, high))
    if not whole:
        return False  # "the 2019-20 ruling" is a season's, not a tally
    if _VOTE_AFTER.match(sentence, end):
        return True
    if low >= high and _DECIDED.search(sentence, before, start):
        return bool(_PAUSE_AFTER.match(sentence, end) or _THAT_AFTER.match(sentence, end))
    return _is_score(sentence, start, end)
