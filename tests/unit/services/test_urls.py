"""The one check every /brief and ``briefbot brief`` URL passes before it is used."""

from __future__ import annotations

import pytest

from bot.errors import AddressTooLongError, MalformedAddressError
from bot.services.urls import MAX_ARTICLE_URL_CHARS, check_article_url


def test_the_longest_address_taken_passes_and_one_more_character_does_not() -> None:
    longest = "https://news.example/" + "a" * (MAX_ARTICLE_URL_CHARS - len("https://news.example/"))
    assert check_article_url(f"  {longest}\n") == longest
    with pytest.raises(AddressTooLongError):
        check_article_url(longest + "a")


def test_the_sentence_names_the_limit_it_enforces() -> None:
    assert f"{MAX_ARTICLE_URL_CHARS:,}" in AddressTooLongError.default_message


@pytest.mark.parametrize("url", ["http://news.example:99999/story", "http://[::1/story"])
def test_an_address_that_cannot_be_parsed_is_one_sentence(url: str) -> None:
    with pytest.raises(MalformedAddressError) as refused:
        check_article_url(url)
    assert refused.value.user_message == MalformedAddressError.default_message


def test_an_address_whose_canonical_form_grows_past_the_limit_is_refused() -> None:
    # No path: the canonical form adds "/", one character over what the store keeps.
    host = "a" * (MAX_ARTICLE_URL_CHARS - len("https://"))
    url = f"https://{host}"
    assert len(url) == MAX_ARTICLE_URL_CHARS
    with pytest.raises(AddressTooLongError):
        check_article_url(url)
