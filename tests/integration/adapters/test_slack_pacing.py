"""The paced Slack client against the emulator's default (realistic) rate limits."""

from __future__ import annotations

import asyncio
import time

import pytest
from slack_sdk.errors import SlackApiError

from adapters.slack.errors import delivery_error
from adapters.slack.paced_client import MAX_WAIT_SECONDS, PacedWebClient
from adapters.slack.pacing import (
    POST_MESSAGE,
    POST_PER_CHANNEL,
    PacedOutError,
    SlackPacer,
    limit_for,
)
from bot.services.pacing import InProcessPacer
from emulators.slack import RateLimitSettings, SlackEmulator

NEWS = "C0NEWS00001"


def _delay(pacer: SlackPacer, method: str, channel: str) -> float:
    inner = pacer.pacer
    assert isinstance(inner, InProcessPacer)
    return inner.delay(pacer.budgets(method, channel))


def _client(emu: SlackEmulator, pacer: SlackPacer) -> PacedWebClient:
    return PacedWebClient(token=emu.bot_token, base_url=emu.api_url, pacer=pacer)


async def _post(client: PacedWebClient, n: int) -> None:
    await client.chat_postMessage(channel=NEWS, text=f"Ferry timetable note {n}")


async def test_posts_beyond_the_burst_wait_their_turn_and_are_never_refused() -> None:
    async with SlackEmulator() as emu:
        client = _client(emu, SlackPacer())
        extra = 3
        started = time.monotonic()
        await asyncio.gather(
            *(_post(client, n) for n in range(int(POST_PER_CHANNEL.burst) + extra))
        )
        elapsed = time.monotonic() - started
        assert sum(emu.emulator.stats.ratelimited.values()) == 0
        assert emu.emulator.stats.requests[POST_MESSAGE] == POST_PER_CHANNEL.burst + extra
        assert elapsed >= extra / POST_PER_CHANNEL.rate - 0.1


async def test_a_refusal_holds_the_channel_for_slacks_retry_after() -> None:
    # Slack is stricter than the pace here (a burst of one), so a 429 does come back.
    strict = RateLimitSettings(post_per_channel_burst=1)
    async with SlackEmulator(rate_limits=strict) as emu:
        pacer = SlackPacer()
        client = _client(emu, pacer)
        results = await asyncio.gather(
            *(_post(client, n) for n in range(2)), return_exceptions=True
        )
        refusals = [r for r in results if isinstance(r, SlackApiError)]
        assert len(refusals) == 1 and refusals[0].response.status_code == 429
        assert _delay(pacer, POST_MESSAGE, NEWS) > 0.5  # Retry-After: 1, counted from the refusal
        await _post(client, 3)  # waits out the Retry-After, then goes through
        assert sum(emu.emulator.stats.ratelimited.values()) == 1


async def test_a_turn_too_far_away_is_refused_here_without_calling_slack() -> None:
    async with SlackEmulator() as emu:
        pacer = SlackPacer()
        client = _client(emu, pacer)
        await pacer.refused(POST_MESSAGE, NEWS, MAX_WAIT_SECONDS + 20)
        with pytest.raises(PacedOutError) as paced:
            await _post(client, 1)
        assert emu.emulator.stats.requests[POST_MESSAGE] == 0
        error = delivery_error(paced.value, "post a copy")
        assert error.status == 429 and not error.permanent
        assert error.retry_after is not None and error.retry_after > MAX_WAIT_SECONDS


async def test_a_socket_mode_connection_waits_its_turn_instead_of_failing() -> None:
    async with SlackEmulator(rate_limits=RateLimitSettings.lenient_tier1()) as emu:
        pacer = SlackPacer()
        client = _client(emu, pacer)
        for _ in range(int(limit_for("apps.connections.open").burst)):  # Tier 1's burst
            await client.apps_connections_open(app_token=emu.app_token)
        # The next turn is a minute away: far more than a delivery may wait, yet the
        # connection waits for it rather than failing.
        opening = asyncio.create_task(client.apps_connections_open(app_token=emu.app_token))
        await asyncio.sleep(0.3)
        assert not opening.done()
        opening.cancel()
        await asyncio.gather(opening, return_exceptions=True)
        await pacer.refused("chat.update", None, MAX_WAIT_SECONDS + 20)
        with pytest.raises(PacedOutError):  # while another method's call is refused here
            await client.chat_update(channel=NEWS, ts="1.000001", text="Bridge reopened")
        assert emu.emulator.stats.ratelimited["apps.connections.open"] == 0
