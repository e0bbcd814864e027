from __future__ import annotations

from typing import Any

import aiohttp
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from adapters.slack import messages as slack_messages
from adapters.slack.errors import delivery_error, retry_after_seconds


def api_error(status: int, data: Any, headers: dict[str, Any] | None = None) -> SlackApiError:
    response = AsyncSlackResponse(
        client=None,
        http_verb="POST",
        api_url="http://127.0.0.1/api/chat.postMessage",
        req_args={},
        data=data,
        headers=headers or {},
        status_code=status,
    )
    return SlackApiError("failed", response)  # type: ignore[no-untyped-call]


def test_rate_limit_carries_the_integer_retry_after() -> None:
    error = delivery_error(
        api_error(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "7"}), "post"
    )
    assert (error.status, error.retry_after, error.permanent) == (429, 7, False)
    assert error.platform == "slack"


def test_retry_after_header_lookup() -> None:
    assert retry_after_seconds({"retry-after": "3"}) == 3
    assert retry_after_seconds({"Retry-After": ["2"]}) == 2
    assert retry_after_seconds({"Retry-After": "soon"}) is None
    assert retry_after_seconds({}) is None


@pytest.mark.parametrize("code", ["invalid_blocks", "msg_too_long"])
def test_permanent_refusals(code: str) -> None:
    error = delivery_error(api_error(200, {"ok": False, "error": code}), "post")
    assert error.permanent
    assert code in str(error)


@pytest.mark.parametrize(
    ("code", "sentence"),
    [
        ("not_in_channel", slack_messages.not_in_channel("news")),
        ("channel_not_found", slack_messages.channel_gone("news")),
        ("is_archived", slack_messages.channel_archived("news")),
    ],
)
def test_channel_refusals_say_what_to_do(code: str, sentence: str) -> None:
    error = delivery_error(api_error(200, {"ok": False, "error": code}), "post", channel="news")
    assert error.permanent
    assert str(error) == sentence


def test_server_errors_and_unknown_codes_are_retried() -> None:
    assert not delivery_error(api_error(503, "emulated 503: busy"), "post").permanent
    assert not delivery_error(api_error(200, {"ok": False, "error": "fatal_error"}), "x").permanent


def test_connection_errors_are_retried() -> None:
    error = delivery_error(aiohttp.ClientConnectionError("refused"), "post a copy")
    assert not error.permanent
    assert error.retry_after is None
    assert "could not be reached" in str(error)
    assert not delivery_error(TimeoutError(), "post").permanent


@pytest.mark.parametrize(
    ("code", "unreachable"),
    [
        ("channel_not_found", True),
        ("not_in_channel", True),
        ("is_archived", True),
        ("msg_too_long", False),
        ("cant_update_message", False),
    ],
)
def test_a_lost_channel_is_unreachable_not_just_permanent(code: str, unreachable: bool) -> None:
    error = delivery_error(api_error(200, {"ok": False, "error": code}), "post")
    assert error.permanent and error.unreachable is unreachable and error.reason == code


def test_retry_after_zero_means_now_and_a_missing_one_a_second() -> None:
    now = api_error(429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "0"})
    unnamed = api_error(429, {"ok": False, "error": "ratelimited"})
    assert delivery_error(now, "post").retry_after == 0
    assert delivery_error(unnamed, "post").retry_after == 1
