"""A relayed link never shows one address and goes to another, in any direction."""

from __future__ import annotations

import pytest

from bot.formatting import (
    markdown_to_discord,
    markdown_to_html,
    markdown_to_plain,
    markdown_to_slack,
    slack_to_markdown,
)
from bot.formatting.links import is_deceptive


@pytest.mark.parametrize(
    ("label", "url"),
    [
        ("http://good.example", "http://evil.example"),
        ("https://good.example", "http://evil.example/x"),
        ("good.example", "https://evil.example/login"),
        ("Log in at paypal.com", "http://paypal.com.evil.example"),
        ("good\uff0eexample", "http://evil.example"),  # a full-width dot is still a dot
        ("www.", "http://evil.example"),
        ("http://good.example@evil.example", "http://good.example@evil.example"),
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


def test_slack_links_whose_text_is_another_address_arrive_as_the_target() -> None:
    assert slack_to_markdown("<http://evil.example|http://good.example>") == "http://evil.example"
    assert (
        slack_to_markdown("<https://a.example|the [draft]>") == "[the (draft)](https://a.example)"
    )


@pytest.mark.parametrize(
    "typed",
    ["[http://good.example](http://evil.example)", "[http://good.example](<http://evil.example>)"],
)
def test_markdown_typed_in_slack_stays_text_everywhere(typed: str) -> None:
    neutral = slack_to_markdown(typed)
    assert neutral == "\\[http://good.example](http://evil.example)"
    assert markdown_to_discord(neutral) == "\\[http://good.example]\\(http://evil.example)"
    assert markdown_to_slack(neutral) == "[http://good.example](http://evil.example)"
    assert markdown_to_plain(neutral) == "[http://good.example](http://evil.example)"
    html = markdown_to_html(neutral)
    assert html.count("<a ") == 2  # each address its own link, each showing itself
    assert '_blank">http://good.example</a>' in html and '_blank">http://evil.example</a>' in html


def test_every_dialect_shows_the_real_target_of_a_deceptive_link() -> None:
    neutral = "[https://good.example](http://evil.example/x)"
    assert markdown_to_discord(neutral) == "http://evil.example/x"
    assert markdown_to_slack(neutral) == "<http://evil.example/x>"
    assert markdown_to_plain(neutral) == "http://evil.example/x"
    assert markdown_to_html(neutral) == (
        '<a href="http://evil.example/x" rel="nofollow ugc noopener" target="_blank">'
        "http://evil.example/x</a>"
    )


def test_honest_links_keep_their_words() -> None:
    neutral = "[the report](https://news.example/r)"
    assert markdown_to_discord(neutral) == neutral
    assert markdown_to_slack(neutral) == "<https://news.example/r|the report>"
    assert ">the report</a>" in markdown_to_html(neutral)


def test_what_discord_might_still_read_as_a_link_is_broken_up() -> None:
    assert markdown_to_discord('[t](http://evil.example "good.example")') == (
        '[t]\\(http://evil.example "good.example")'
    )


def test_a_slack_target_cannot_end_early_and_borrow_a_label() -> None:
    slack = markdown_to_slack("[x](http://evil.example|http://good.example>)")
    assert slack == "<http://evil.example%7Chttp://good.example|x>"
