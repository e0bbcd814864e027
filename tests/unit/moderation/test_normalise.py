"""Normalisation sees through case, accents, invisible characters, look-alikes and leetspeak."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from bot.moderation.normalise import normalise, readings, unhide


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("BAD", "bad"),
        ("Bad, bad; BAD!", "bad bad bad"),
        ("  spaced \n\t out  ", "spaced out"),
        ("snake_case", "snake case"),
        ("Straße", "strasse"),
    ],
)
def test_case_punctuation_and_blanks_fold_to_single_spaces(raw: str, normal: str) -> None:
    assert normalise(raw) == normal


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("bäd", "bad"),
        ("BÀD", "bad"),
        ("b\u0061\u0301d", "bad"),  # a + combining acute
        ("crème brûlée", "creme brulee"),
        ("Ørsted Łódź", "orsted lodz"),
        ("Æther œuvre", "aether oeuvre"),
        ("İstanbul", "istanbul"),
    ],
)
def test_accents_and_undecomposable_letters_fold_to_plain_latin(raw: str, normal: str) -> None:
    assert normalise(raw) == normal


@pytest.mark.parametrize(
    "hidden",
    ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u2066", "\u3164",
     "\U000e0041", "\ufe0f"],
)  # fmt: skip
def test_invisible_characters_inside_a_word_vanish(hidden: str) -> None:
    assert normalise(f"b{hidden}a{hidden}d") == "bad"


def test_every_format_character_in_unicode_is_dropped() -> None:
    format_chars = [
        chr(code) for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) == "Cf"
    ]
    assert len(format_chars) > 100
    for char in format_chars:
        assert normalise(f"b{char}ad") == "bad", hex(ord(char))


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("bаd", "bad"),  # Cyrillic а
        ("ВАD", "bad"),  # Cyrillic В and А
        ("Рауpal", "paypal"),  # Cyrillic Р, а, у
        ("ΒΑΔ", "baδ"),  # Greek Β, Α fold; Δ looks like no Latin letter
        ("nazі", "nazi"),  # Cyrillic і
        ("ｂａｄ", "bad"),  # full width
        ("𝐛𝐚𝐝 𝖇𝖆𝖉", "bad bad"),  # mathematical bold and fraktur
        ("ⓑⓐⓓ", "bad"),  # circled
    ],
)
def test_look_alike_letters_fold_to_latin(raw: str, normal: str) -> None:
    assert normalise(raw) == normal


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("b.a.d", "bad"),
        ("b-a-d", "bad"),
        ("b a d", "bad"),
        ("b_a_d", "bad"),
        ("b*a*d", "bad"),
        ("b. a. d.", "bad"),
        ("b\u200b.a.d", "bad"),
        ("that is a b.a.d idea", "that is a bad idea"),  # the article stays a word
        ("b.a.d e", "bad e"),
        ("a b", "a b"),  # two letters apart by a blank stay two words
        ("U.S. news", "us news"),
        ("b    a    d", "b a d"),  # a wide gap is not a separator inside a word
    ],
)
def test_spelled_out_letters_join_into_one_word(raw: str, normal: str) -> None:
    assert normalise(raw) == normal


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("b4d", "bad"),
        ("a55", "ass"),
        ("sh1t", "shit"),
        ("n0 w4y", "no way"),
        ("l33t", "leet"),
        ("7ime", "time"),
        ("@ss", "ass"),
        ("a$$", "ass"),
        ("sh!t", "shit"),
        ("b 4 d", "bad"),
        ("bad!", "bad"),  # an exclamation mark after a word is punctuation
        ("455 votes", "455 votes"),  # numbers without letters stay numbers
        ("$5 or 10%", "$5 or 10"),
    ],
)
def test_digits_and_symbols_inside_words_read_as_letters(raw: str, normal: str) -> None:
    assert normalise(raw) == normal


def test_a_one_inside_a_word_is_read_both_as_i_and_as_l() -> None:
    assert readings("s1ut k1ll") == ("siut kill", "slut klll")
    assert normalise("s1ut", one="l") == "slut"
    assert readings("no ones here") == ("no ones here",)
    assert readings("1 in 10") == ("1 in 10",)


def test_an_unknown_reading_of_one_is_refused() -> None:
    with pytest.raises(ValueError, match="one must be"):
        normalise("x", one="j")


def test_unhide_keeps_letters_but_drops_invisible_characters_and_full_width_forms() -> None:
    assert unhide("Ex\u200bample．COM") == "Example.COM"
    assert unhide("plain") == "plain"
