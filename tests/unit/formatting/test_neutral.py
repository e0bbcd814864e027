"""The core's part of comment text: parsing, escaping, link safety, plain text."""

from __future__ import annotations

import pytest

from bot.formatting import (
    escape_markdown,
    link_target,
    markdown_to_plain,
    normalise,
    safe_label,
    trim,
)

ORDINARY = [
    "a*b",
    "snake_case_name",
    "1 < 2 & 3 > 2",
    "C++ is older than Rust 🎉",
    "It's 5*3=15, isn't it? (yes) &amp; #1!",
    "email me at ana@example.org",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_needs_no_backslashes(text: str) -> None:
    assert escape_markdown(text) == text
    assert normalise(text) == text
    assert markdown_to_plain(text) == text


@pytest.mark.parametrize(
    ("literal", "escaped"),
    [
        ("*this*", "\\*this\\*"),
        ("[a](https://b.example)", "\\[a\\](https://b.example)"),
        ("# not a heading", "\\# not a heading"),
        ("> not a quote", "\\> not a quote"),
        ("- not a list", "\\- not a list"),
        ("ends with \\", "ends with \\\\"),
    ],
)
def test_literal_markup_is_escaped_just_enough(literal: str, escaped: str) -> None:
    assert escape_markdown(literal) == escaped
    assert markdown_to_plain(escaped) == literal


def test_markup_survives_a_round_trip() -> None:
    text = (
        "**b** __u__ *i* _i_ ~~s~~ ||sp **x**|| `c||d` [minutes](https://e.example/m)\n"
        "> quoted\nnot quoted\n\n```py\ncode **x** @everyone\n```"
    )
    assert normalise(text) == text


@pytest.mark.parametrize(
    ("label", "target"),
    [
        ("http://good.example", "http://evil.example"),
        ("https://good.example", "http://evil.example/x"),
        ("good.example", "http://evil.example"),
        ("see www.good.example now", "https://evil.example"),
        ("https://good.example/login", "https://good.example/phish"),
    ],
)
def test_a_label_that_shows_another_address_is_replaced(label: str, target: str) -> None:
    assert safe_label(label, target) == target


@pytest.mark.parametrize(
    ("label", "target"),
    [
        ("the minutes", "https://evil.example/x"),
        ("council.example", "https://www.council.example/minutes"),
        ("https://council.example/minutes/", "https://council.example/minutes"),
        ("Mr. Smith's letter", "https://council.example/l"),
    ],
)
def test_honest_labels_are_kept(label: str, target: str) -> None:
    assert safe_label(label, target) == label


def test_only_http_links_are_links() -> None:
    assert link_target("https://a.example/x") == "https://a.example/x"
    assert link_target("javascript:alert(1)") is None
    assert link_target("data:text/html,hi") is None
    assert link_target("http://") is None
    assert normalise("[x](javascript:alert(1))") == "\\[x\\](javascript:alert(1))"


def test_spoofed_links_are_rewritten_in_the_neutral_form() -> None:
    assert normalise("[http://good.example](http://evil.example)") == "http://evil.example"
    honest = "[minutes](https://council.example/m)"
    assert normalise(honest) == honest


def test_plain_text_hides_spoilers_and_shows_real_targets() -> None:
    text = "**Road** ||ends badly|| [good.example](https://evil.example/x) `code`"
    assert markdown_to_plain(text) == "Road [spoiler] https://evil.example/x code"


def test_plain_and_trim() -> None:
    assert markdown_to_plain("**Road** [closed](https://x.org) > soon") == "Road closed > soon"
    assert markdown_to_plain("> quoted\n- item") == "quoted item"
    assert trim("the bridge reopens on monday", 16) == "the bridge…"
    assert trim("short", 16) == "short"
    assert len(trim("x" * 50, 10)) == 10
