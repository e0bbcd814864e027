"""Which link labels show another address than their target (every dialect asks this)."""

from __future__ import annotations

import pytest

from bot.formatting.links import safe_label


def is_deceptive(label: str, url: str) -> bool:
    return safe_label(label, url) != label


@pytest.mark.parametrize(
    ("label", "url"),
    [
        ("http://good.example", "http://evil.example"),
        ("https://good.example", "http://evil.example/x"),
        ("good.example", "https://evil.example/login"),
        ("Log in at paypal.com", "http://paypal.com.evil.example"),
        ("good\uff0eexample", "http://evil.example"),  # a full-width dot is still a dot
        ("good\u3002example", "http://evil.example"),  # so is an ideographic full stop
    ],
)
def test_a_label_naming_another_address_is_deceptive(label: str, url: str) -> None:
    assert is_deceptive(label, url)


@pytest.mark.parametrize(
    ("label", "url"),
    [
        ("click here", "http://evil.example"),
        ("example.com/page", "https://www.example.com/page"),
        ("https://news.example", "https://news.example/"),
        ("Mr. Smith's e.g. list, 3.5 stars", "https://news.example"),
    ],
)
def test_words_and_the_target_s_own_address_are_honest(label: str, url: str) -> None:
    assert not is_deceptive(label, url)
