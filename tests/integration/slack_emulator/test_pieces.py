"""The emulator's pure parts: limits, escaping, pings, ts generation, token buckets."""

from __future__ import annotations

from typing import Any

import pytest

from emulators.slack.config import RateLimitSettings
from emulators.slack.mrkdwn import escape_typed_text, find_pings, rich_text_blocks
from emulators.slack.ratelimit import RateLimiter
from emulators.slack.seed import seed_workspace
from emulators.slack.state import format_ts, parse_ts
from emulators.slack.validation import block_errors, truncate_text


def _button(text: str) -> dict[str, Any]:
    return {"type": "button", "text": {"type": "plain_text", "text": text}, "action_id": "a"}


@pytest.mark.parametrize(
    "blocks",
    [
        [{"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 11}],
        [{"type": "actions", "elements": [_button("ok")] * 26}],
        [{"type": "actions", "elements": [_button("b" * 76)]}],
        [{"type": "section", "fields": [{"type": "mrkdwn", "text": "f" * 2001}]}],
        [{"type": "header", "text": {"type": "mrkdwn", "text": "not plain"}}],
        [{"type": "image", "image_url": "https://x.example/i.png"}],
        [{"type": "divider", "block_id": "same"}, {"type": "divider", "block_id": "same"}],
        [{"type": "section"}],
        "not a list",
    ],
)
def test_block_limits_are_enforced(blocks: Any) -> None:
    assert block_errors(blocks)


def test_valid_blocks_at_the_limits_pass() -> None:
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "h" * 150}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "s" * 3000}},
        {"type": "section", "fields": [{"type": "mrkdwn", "text": "f" * 2000}] * 10},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 10},
        {"type": "actions", "elements": [_button("b" * 75)] * 25},
        {"type": "image", "image_url": "https://x.example/i.png", "alt_text": "a"},
        {"type": "rich_text", "elements": []},
    ]
    blocks += [{"type": "divider"}] * (50 - len(blocks))
    assert block_errors(blocks) == []


def test_text_truncation() -> None:
    assert truncate_text("a" * 40_000) == ("a" * 40_000, [])
    assert truncate_text("a" * 40_001) == ("a" * 40_000, ["message_truncated"])


def test_typed_text_is_escaped_but_tokens_survive() -> None:
    typed = "Q&A <today> with <@U0ANA000001> in <#C0NEWS00001|news>, see <https://x.example|this>"
    assert escape_typed_text(typed) == (
        "Q&amp;A &lt;today&gt; with <@U0ANA000001> in <#C0NEWS00001|news>, "
        "see <https://x.example|this>"
    )
    blocks = rich_text_blocks(escape_typed_text("a < b <@U1>"), "b1")
    elements = blocks[0]["elements"][0]["elements"]
    assert elements == [{"type": "text", "text": "a < b "}, {"type": "user", "user_id": "U1"}]


def test_pings() -> None:
    assert find_pings("<!here|here> and <!channel> and <@U0BEN000001>") == [
        "!here",
        "!channel",
        "@U0BEN000001",
    ]
    assert find_pings("@here &lt;!everyone&gt; @channel") == []
    section = {"type": "section", "text": {"type": "mrkdwn", "text": "<!subteam^S123|eds>"}}
    assert find_pings("", [section]) == ["!subteam^S123"]
    rich = {"type": "rich_text", "elements": [{"type": "broadcast", "range": "everyone"}]}
    assert find_pings("", [rich]) == ["!everyone"]


def test_ts_are_unique_and_increasing_per_channel() -> None:
    ws = seed_workspace()
    news = ws.channels["C0NEWS00001"]
    stamps = [ws.next_ts(news) for _ in range(2000)]
    assert len(set(stamps)) == 2000
    assert [parse_ts(t) for t in stamps] == sorted(parse_ts(t) for t in stamps)
    assert all(len(t.split(".")[1]) == 6 for t in stamps)
    assert format_ts(1_700_000_000_000_100) == "1700000000.000100"


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_post_buckets_per_channel_and_workspace() -> None:
    clock = FakeClock()
    limiter = RateLimiter(RateLimitSettings(post_workspace_burst=6), clock)
    assert [limiter.check("chat.postMessage", "C1") for _ in range(5)] == [0, 0, 0, 0, 1]
    assert limiter.check("chat.postMessage", "C2") == 0
    assert limiter.check("chat.postMessage", "C2") == 0
    # The workspace bucket (burst 6) is now empty too, whatever the channel.
    assert limiter.check("chat.postMessage", "C3") == 1
    clock.now += 1.0
    assert limiter.check("chat.postMessage", "C1") == 0


def test_tiers_and_overrides() -> None:
    clock = FakeClock()
    limiter = RateLimiter(RateLimitSettings(tiers={1: 2, 2: 20, 3: 50, 4: 100}), clock)
    assert [limiter.check("apps.connections.open") for _ in range(3)] == [0, 0, 30]
    limiter.reset(RateLimitSettings(methods={"users.info": 1}))
    assert [limiter.check("users.info") for _ in range(2)] == [0, 60]
    limiter.reset(RateLimitSettings(enabled=False))
    assert all(limiter.check("users.info") == 0 for _ in range(500))
