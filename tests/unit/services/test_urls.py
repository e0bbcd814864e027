"""The one check every /brief and ``briefbot brief`` URL passes before it is used."""

from __future__ import annotations

import pytest

from bot.errors import AddressTooLongError
from bot.services.urls import MAX_ARTICLE_URL_CHARS, check_article_url


def test_the_longest_address_taken_passes_and_one_more_character_does_not() -> None:
    longest = "https://news.example/" + "a" * (MAX_ARTICLE_URL_CHARS - len("https://news.example/"))
    assert check_article_url(f"  {longest}\n") == longest
    with pytest.raises(AddressTooLongError):
        check_article_url(longest + "a")


def test_the_sentence_names_the_limit_it_enforces() -> None:
    assert f"{MAX_ARTICLE_URL_CHARS:,}" in AddressTooLongError.default_message
