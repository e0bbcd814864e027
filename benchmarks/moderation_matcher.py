"""Word-list matcher benchmark: a 5,000-entry list against ~300-character comments. Prints JSON.

    .venv/bin/python benchmarks/moderation_matcher.py
    .venv/bin/python benchmarks/moderation_matcher.py --comments 200 --repeats 3   # quicker

Measures, in one run and on the same comments:

- ``word_matcher``: :class:`bot.moderation.matcher.WordMatcher.find` (normalisation included);
- ``normalise_only``: the normalisation alone, to show where the time goes;
- ``word_matcher_with_patterns``: the same list with every tenth entry a ``re:`` pattern;
- ``judge``: a whole :meth:`CompiledPolicy.judge` (5,000 banned entries, 100 suspect, links held);
- peers, each a loop over the 5,000 entries: ``naive_substring_loop`` (the same normalised text,
  ``" key " in text`` per entry: the same answers, found by a loop) and ``naive_regex_loop``
  (one precompiled ``\\bword\\b`` pattern per entry on the lower-cased raw text, as bots often
  do; it does no normalisation at all, so it does less work than ours);
- ``one_regex_alternation``: one Python ``re`` alternation of every key, for comparison.

Every matcher must agree with the substring loop on every comment (``agree`` counts them).
Reports p50/p99/mean microseconds per comment, the ratios peer / ours at p50, the time to
build the matcher, and the load average of the machine. ``accuracy`` runs a list of common
profanities over the test corpora of ``tests/unit/moderation/corpus.py``: the share of the
innocent news sentences that match (false positives) and the share of seeded disguises of
those words, each inside an innocent sentence, that are caught, per kind of disguise.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.domain.model import WEB

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.domain.moderation import Policy
from bot.moderation.matcher import WordMatcher
from bot.moderation.normalise import normalise, readings
from bot.moderation.policy import AuthorFacts, compile_policy
from tests.unit.moderation.corpus import DISGUISES, INNOCENT, PROFANITIES, disguised_comments

SEED = 11
ENTRIES = 5_000
COMMENT_CHARS = 300
SAMPLE = (
    "the council said it would review the plan after residents raised concerns about traffic "
    "and noise near the school while the mayor promised a public meeting next month to hear "
    "from everyone who lives on the street and many people wrote that they were worried about "
    "parking costs rents buses trains bikes housing budget taxes police hospital weather news "
    "really think should could would because however although maybe great awful fair unfair"
)
COMMON = SAMPLE.split()
DECORATION = ("", "", "", ",", ".", "!", "?", " 👍", " — ", " café", " naïve", " (sic)")


def _entries(rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    seen: set[str] = set(COMMON)
    words: list[str] = []
    while len(words) < ENTRIES + 20:  # 20 more: the last 40 make 20 two-word phrases
        word = "".join(rng.choices(letters, k=rng.randint(4, 10)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    entries = words[:4_900]
    entries += [f"{word}*" for word in words[4_900:4_980]]  # prefix wildcards
    entries += [f"{a} {b}" for a, b in zip(words[4_980:5_000], words[5_000:5_020], strict=True)]
    return entries


def _comments(rng: random.Random, entries: list[str], count: int) -> list[str]:
    plain = [entry for entry in entries if "*" not in entry and " " not in entry]
    comments: list[str] = []
    for index in range(count):
        words: list[str] = []
        length = 0
        while length < COMMENT_CHARS:
            word = rng.choice(COMMON) + rng.choice(DECORATION)
            words.append(word)
            length += len(word) + 1
        if index % 10 == 0:  # one comment in ten holds a banned word, somewhere
            words[rng.randrange(len(words))] = rng.choice(plain).upper()
        comments.append(" ".join(words)[: COMMENT_CHARS + 20])
    return comments


def _with_patterns(entries: list[str]) -> list[str]:
    """Every tenth entry turned into a pattern (``abcdefg`` → ``re:abcd[a4]fg``)."""
    return [
        f"re:{entry[:4]}[a4]{entry[5:]}" if index % 10 == 0 and entry.isalpha() else entry
        for index, entry in enumerate(entries)
    ]


def _accuracy(per_disguise: int) -> dict[str, Any]:
    matcher = WordMatcher(PROFANITIES)
    false_positives = [text for text in INNOCENT if matcher.find(text) is not None]
    cases = disguised_comments(SEED, per_disguise)
    caught = {name: 0 for name in DISGUISES}
    for name, _word, comment in cases:
        caught[name] += matcher.find(comment) is not None
    return {
        "word_list": len(PROFANITIES),
        "innocent_sentences": len(INNOCENT),
        "false_positives": len(false_positives),
        "false_positive_rate": round(len(false_positives) / len(INNOCENT), 4),
        "false_positive_examples": false_positives[:5],
        "evasions": len(cases),
        "caught": sum(caught.values()),
        "catch_rate": round(sum(caught.values()) / len(cases), 4),
        "catch_rate_by_disguise": {
            name: round(count / per_disguise, 3) for name, count in caught.items()
        },
    }


def _time(func: Callable[[str], object], comments: list[str], repeats: int) -> dict[str, float]:
    samples: list[float] = []
    for _ in range(repeats):
        for comment in comments:
            start = time.perf_counter_ns()
            func(comment)
            samples.append((time.perf_counter_ns() - start) / 1_000)
    samples.sort()
    return {
        "p50_us": round(statistics.median(samples), 2),
        "p99_us": round(samples[int(len(samples) * 0.99) - 1], 2),
        "mean_us": round(statistics.fmean(samples), 2),
        "samples": len(samples),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--comments", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=5, help="passes for the fast matchers")
    parser.add_argument("--evasions", type=int, default=100, help="disguised comments per kind")
    args = parser.parse_args()

    rng = random.Random(SEED)
    entries = _entries(rng)
    comments = _comments(rng, entries, args.comments)

    start = time.perf_counter()
    matcher = WordMatcher(entries)
    build_ms = (time.perf_counter() - start) * 1_000

    # The matcher's own keys: word boundaries as spaces, a "*" leaves that side open.
    keys = [
        (" " + normalise(entry.rstrip("*")) + ("" if entry.endswith("*") else " "), entry)
        for entry in entries
    ]

    def substring_loop(text: str) -> str | None:
        for reading in readings(text):
            padded = f" {reading} "
            for key, entry in keys:
                if key in padded:
                    return entry
        return None

    patterns = [
        (re.compile(r"\b" + re.escape(entry.rstrip("*")) + ("" if entry.endswith("*") else r"\b")),
         entry)
        for entry in entries
    ]  # fmt: skip

    def regex_loop(text: str) -> str | None:
        lowered = text.lower()
        for pattern, entry in patterns:
            if pattern.search(lowered):
                return entry
        return None

    alternation = re.compile("|".join(re.escape(key) for key, _ in keys))

    def one_regex(text: str) -> bool:
        return any(alternation.search(f" {reading} ") for reading in readings(text))

    policy = compile_policy(
        Policy(banned=tuple(entries), suspect=tuple(entries[:100]), hold_links=True)
    )
    facts = AuthorFacts(WEB, banned=False, first_web_comment=False, recent_comments=0)

    expected = [substring_loop(comment) is not None for comment in comments]
    agree = {
        "word_matcher": sum(
            (matcher.find(c) is not None) == e for c, e in zip(comments, expected, strict=True)
        ),
        "one_regex_alternation": sum(
            one_regex(c) == e for c, e in zip(comments, expected, strict=True)
        ),
        "naive_regex_loop": sum(
            (regex_loop(c) is not None) == e for c, e in zip(comments, expected, strict=True)
        ),
    }

    patterned = WordMatcher(_with_patterns(entries))
    ours = _time(matcher.find, comments, args.repeats)
    timings: dict[str, Any] = {
        "word_matcher": ours,
        "word_matcher_with_patterns": _time(patterned.find, comments, args.repeats),
        "normalise_only": _time(normalise, comments, args.repeats),
        "judge": _time(lambda text: policy.judge(text, facts, closed=False), comments, 1),
        "one_regex_alternation": _time(one_regex, comments, 1),
        "naive_substring_loop": _time(substring_loop, comments, 1),
        "naive_regex_loop": _time(regex_loop, comments, 1),
    }
    ratios = {
        f"{peer}_over_word_matcher_p50": round(timings[peer]["p50_us"] / ours["p50_us"], 1)
        for peer in ("one_regex_alternation", "naive_substring_loop", "naive_regex_loop")
    }
    print(
        json.dumps(
            {
                "entries": len(entries),
                "comments": len(comments),
                "mean_comment_chars": round(statistics.fmean(len(c) for c in comments)),
                "comments_with_a_banned_word": sum(expected),
                "build_ms": round(build_ms, 1),
                "timings": timings,
                "ratios": ratios,
                "agree_with_substring_loop": agree,
                "goal_p50_under_1000_us": ours["p50_us"] < 1_000,
                "goal_p50_under_100_us": ours["p50_us"] < 100,
                "accuracy": _accuracy(args.evasions),
                "load_average": [round(load, 2) for load in os.getloadavg()],
                "python": platform.python_version(),
                "cpus": os.cpu_count(),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
