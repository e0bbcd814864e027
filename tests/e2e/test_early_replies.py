"""Replies written the moment a brief appears, before its thread could have been recorded.

Slack's per-channel posting is slowed so that the invitation (the brief's first thread
reply) waits several seconds for the rate limit. Readers answer the brief as soon as it
shows up in the channel; every reply must be stored and copied, in the order written.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # discord.py imports audioop
    import discord  # noqa: F401

from bot.messages import INVITATION
from tests.e2e.stack import Stack, running_stack
from tests.eventually import eventually

pytestmark = pytest.mark.slow

ANA = "U0ANA000001"  # Slack: ana
# One chat.postMessage per channel every 10 s, no burst beyond the brief itself: the
# invitation waits for the bucket (429 with Retry-After) while readers are already replying.
SLOW_CHANNEL = {"enabled": True, "post_per_channel_per_second": 0.1, "post_per_channel_burst": 1}


async def _slack_replies_early(stack: Stack, texts: list[str]) -> tuple[str, str]:
    await stack.call("POST", f"{stack.slack_control}/ratelimits", SLOW_CHANNEL)
    await stack.start_brief_from_discord()
    ts = str(await eventually(stack.slack_brief_ts))
    for text in texts:
        await stack.slack_say(ts, ANA, text)
    thread = str(await eventually(stack.discord_thread))
    return thread, ts


async def _stored_and_copied(stack: Stack, thread: str, texts: list[str]) -> None:
    async def stored() -> list[Any]:
        comments = await stack.web_comments()
        return comments if len(comments) >= len(texts) else []

    comments = await eventually(stored, within=60)
    assert [(c["author"]["platform"], c["text"]) for c in comments] == [
        ("slack", text) for text in texts
    ]

    async def copied() -> list[dict[str, Any]]:
        copies = await stack.discord_copies(thread)
        return copies if len(copies) >= len(texts) else []

    copies = await eventually(copied, within=60)
    assert [m["content"] for m in copies] == texts


async def _invitation_follows(stack: Stack, ts: str) -> None:
    async def invited() -> bool:
        replies = await stack.slack_thread_messages(ts)
        return any(m.get("bot_id") and m["text"] == INVITATION for m in replies)

    await eventually(invited, within=60)


async def test_slack_replies_before_the_invitation_are_stored_and_copied_in_order(
    tmp_path: Path,
) -> None:
    texts = ["First!", "Is the café open too?", "Great news for the homework club"]
    async with running_stack(tmp_path) as stack:
        thread, ts = await _slack_replies_early(stack, texts)
        await _stored_and_copied(stack, thread, texts)
        await _invitation_follows(stack, ts)


async def test_a_burst_of_early_slack_replies_is_stored_whole(tmp_path: Path) -> None:
    texts = [f"early reply {n:02d}" for n in range(30)]
    async with running_stack(tmp_path) as stack:
        thread, ts = await _slack_replies_early(stack, texts)
        await _stored_and_copied(stack, thread, texts)
        await _invitation_follows(stack, ts)
