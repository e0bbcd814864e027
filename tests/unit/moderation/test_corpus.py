"""The matcher on corpora written for it: innocent news never matches, disguises are seen."""

from __future__ import annotations

from collections import Counter

import pytest

from bot.moderation.matcher import WordMatcher
from tests.unit.moderation.corpus import DISGUISES, INNOCENT, PROFANITIES, disguised_comments

MATCHER = WordMatcher(PROFANITIES)


def test_the_innocent_corpus_is_big_enough_to_mean_something() -> None:
    assert len(set(INNOCENT)) >= 200


@pytest.mark.parametrize("sentence", INNOCENT)
def test_an_innocent_local_news_sentence_never_matches(sentence: str) -> None:
    assert MATCHER.find(sentence) is None


@pytest.mark.parametrize("name", sorted(DISGUISES))
def test_each_kind_of_disguise_is_caught(name: str) -> None:
    cases = [case for case in disguised_comments(seed=5, per_disguise=60) if case[0] == name]
    missed = [comment for _, word, comment in cases if MATCHER.find(comment) is None]
    assert not missed, missed[:3]


@pytest.mark.parametrize("seed", range(5))
def test_every_disguise_of_every_seed_is_caught(seed: int) -> None:
    missed = Counter(
        name for name, _, comment in disguised_comments(seed, 40) if MATCHER.find(comment) is None
    )
    assert not missed
