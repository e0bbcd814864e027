"""Labels for :mod:`bot.briefing.figures.localised`: what a figure counts, in the article's words.

Tokens are the words and marks of one sentence, split around the figure. A label is a
noun phrase: a noun with the adjectives that come before it and nouns joined by "de",
"du", "des", "der" ("prix de l'entrée", "Bau eines neuen Hallenbads"), at most six words.
Every function returns ``""`` when it finds none; the figure is then left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.briefing.figures.localised_lexicon import Lexicon

__all__ = ["backward", "forward", "key", "noun_phrase", "object_after", "subject"]

MAX_LABEL_WORDS = 6
_BOUNDARIES = frozenset(',;:()[]«»"“”„—–!?¿¡')


def key(token: str) -> str:
    return token.casefold().rstrip("'’")


def _content(token: str, lex: Lexicon) -> bool:
    """A word that can carry a label: not a function word, a month or a fragment."""
    word = key(token)
    if not token[0].isalpha() or token[-1] in "'’":
        return False
    if len(token) < 3 and not token.isupper():
        return False
    if word in lex.stops or word in lex.articles or word in lex.links or word in lex.joins:
        return False
    return word not in {m.casefold() for m in lex.months}


def _head(tokens: Sequence[str], start: int, lex: Lexicon) -> int | None:
    """End index of the noun (with its adjectives) starting at ``start``, if there is one."""
    index = start
    if lex.nouns_capitalised:
        while (
            index < len(tokens)
            and index - start < 2
            and _content(tokens[index], lex)
            and tokens[index][0].islower()
        ):
            index += 1
        if index < len(tokens) and _content(tokens[index], lex) and tokens[index][0].isupper():
            return index + 1
        return None
    while index < len(tokens) and index - start < 2 and key(tokens[index]) in lex.adjectives:
        index += 1
    if index < len(tokens) and _content(tokens[index], lex):
        return index + 1
    return None


def _phrase_end(tokens: Sequence[str], start: int, lex: Lexicon) -> int | None:
    """End index of the noun phrase starting at ``start`` (nouns joined by "de", "der")."""
    end = _head(tokens, start, lex)
    if end is None:
        return None
    while end < len(tokens) and key(tokens[end]) in lex.joins:
        after = end + 1
        if after < len(tokens) and key(tokens[after]) in lex.articles:
            after += 1
        tail = _head(tokens, after, lex)
        if tail is None or tail - start > MAX_LABEL_WORDS:
            break
        end = tail
    return end


def _join(words: Sequence[str]) -> str:
    text = ""
    for word in words:
        text += word if not text or text[-1] in "'’" else f" {word}"
    return text


def noun_phrase(tokens: Sequence[str], start: int, lex: Lexicon) -> str:
    end = _phrase_end(tokens, start, lex)
    return "" if end is None else _join(tokens[start:end])


def forward(tokens: Sequence[str], measured: bool, lex: Lexicon) -> str:
    """The noun phrase after a figure; an amount or a share may skip "for", "the" first."""
    start = 0
    if measured:
        while start < min(len(tokens), 3) and key(tokens[start]) in lex.links | lex.articles:
            start += 1
    return noun_phrase(tokens, start, lex)


def backward(tokens: Sequence[str], lex: Lexicon) -> str:
    """``[article] NOUN PREP <figure>``: the noun the amount measures."""
    if len(tokens) < 3 or key(tokens[-1]) not in lex.before:
        return ""
    noun, article = tokens[-2], tokens[-3]
    if not _content(noun, lex) or key(article) not in lex.articles:
        return ""
    if lex.nouns_capitalised and not noun[0].isupper():
        return ""
    return noun


def _opens_phrase(tokens: Sequence[str], index: int, start: int, lex: Lexicon) -> bool:
    """An article or determiner that is not governed by a preposition or a noun before it."""
    opener = key(tokens[index])
    if opener not in lex.articles | lex.determiners or opener in lex.object_articles:
        return False
    if index == start:
        return True
    previous = tokens[index - 1]
    if key(previous) in lex.prepositions:
        return False
    return not (lex.nouns_capitalised and previous[0].isupper() and _content(previous, lex))


def subject(tokens: Sequence[str], lex: Lexicon) -> str:
    """The figure's clause subject: the nearest noun phrase opened by an article.

    ``tokens`` end just before the figure; the clause starts after the last punctuation
    mark or clause word ("que", "dass"). Phrases after a preposition ("a la asociación"),
    after a German noun (a genitive, "Angaben der Stadt") or opened by a dative ("dem
    Verein") are not the subject.
    """
    start = len(tokens)
    while start > 0 and tokens[start - 1] not in _BOUNDARIES:
        if key(tokens[start - 1]) in lex.clause_words:
            break
        start -= 1
    label, index = "", start
    while index < len(tokens):
        if _opens_phrase(tokens, index, start, lex):
            end = _phrase_end(tokens, index + 1, lex)
            if end is not None:
                label = _join(tokens[index + 1 : end])
                index = end
                continue
        index += 1
    return label


def object_after(tokens: Sequence[str], lex: Lexicon) -> str:
    """What a vote decided: the article-led noun phrase right after its tally."""
    start = 0
    while start < len(tokens) and (tokens[start] == "," or key(tokens[start]) in lex.links):
        start += 1
    if start < len(tokens) and key(tokens[start]) in lex.articles | lex.determiners:
        return noun_phrase(tokens, start + 1, lex)
    return ""
