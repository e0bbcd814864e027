from __future__ import annotations

import pytest

from adapters.slack import messages as slack_messages
from adapters.slack.command_text import (
    BriefRequest,
    CommandUsageError,
    LinkRequest,
    parse_brief,
    parse_briefbot,
)
from bot import messages

from .conftest import load


def test_escaped_link_and_channel_from_a_recorded_command() -> None:
    text = load("slash_brief")["text"]
    assert parse_brief(text) == BriefRequest(
        "https://gazette.example/news/mill-street-bridge?utm_source=x&id=4",
        "C0GENERAL01",
        "general",
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://gazette.example/a", BriefRequest("https://gazette.example/a")),
        ("  <https://gazette.example/a>  ", BriefRequest("https://gazette.example/a")),
        (
            "https://gazette.example/a #news",
            BriefRequest("https://gazette.example/a", None, "news"),
        ),
        (
            "https://gazette.example/a <#C0NEWS00001>",
            BriefRequest("https://gazette.example/a", "C0NEWS00001", None),
        ),
    ],
)
def test_brief_forms(text: str, expected: BriefRequest) -> None:
    assert parse_brief(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", slack_messages.MISSING_URL),
        ("   ", slack_messages.MISSING_URL),
        ("gazette.example/a", messages.NOT_A_URL),
        ("ftp://gazette.example/a", messages.NOT_A_URL),
        ("https://gazette.example/a news", slack_messages.BRIEF_USAGE),
        ("https://a.example b c", slack_messages.BRIEF_USAGE),
    ],
)
def test_brief_usage_errors_are_plain_sentences(text: str, message: str) -> None:
    with pytest.raises(CommandUsageError) as caught:
        parse_brief(text)
    assert caught.value.user_message == message


def test_briefbot_link() -> None:
    assert parse_briefbot("link") == LinkRequest(None)
    assert parse_briefbot("LINK abcd2345") == LinkRequest("abcd2345")
    for text in ("", "help", "link a b"):
        with pytest.raises(CommandUsageError) as caught:
            parse_briefbot(text)
        assert caught.value.user_message == slack_messages.BRIEFBOT_USAGE
