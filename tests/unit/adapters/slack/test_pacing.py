"""Pacing Slack calls before sending: per channel and workspace for chat.postMessage, per
method (its tier) for everything else, and never kinder than the emulator's own limits."""

from __future__ import annotations

import pytest

from adapters.slack.pacing import (
    METHOD_TIERS,
    POST_MESSAGE,
    POST_PER_CHANNEL,
    POST_PER_WORKSPACE,
    SlackPacer,
    limit_for,
)
from bot.services.pacing import InProcessPacer
from emulators.slack import RateLimitSettings
from emulators.slack.config import SLACK_TIERS
from emulators.slack.ratelimit import METHOD_TIERS as EMULATOR_TIERS


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _pacer(clock: Clock, *, enabled: bool = True) -> SlackPacer:
    return SlackPacer(InProcessPacer(clock), scope="T1", enabled=enabled)


async def _reserve(pacer: SlackPacer, method: str, channel: str | None = None) -> float:
    return await pacer.turn(method, channel, within=1e9)


def _delay(pacer: SlackPacer, method: str, channel: str | None = None) -> float:
    inner = pacer.pacer
    assert isinstance(inner, InProcessPacer)
    return inner.delay(pacer.budgets(method, channel))


async def _send_times(
    pacer: SlackPacer, clock: Clock, method: str, channel: str | None, n: int
) -> list[float]:
    """When ``n`` calls made at once may go, each sent at its turn."""
    return [round(clock.now + await _reserve(pacer, method, channel), 3) for _ in range(n)]


async def test_one_channel_gets_its_burst_then_one_post_a_second() -> None:
    clock = Clock()
    pacer = _pacer(clock)
    times = await _send_times(pacer, clock, POST_MESSAGE, "C1", 7)
    burst = int(POST_PER_CHANNEL.burst)
    assert times[:burst] == [100.0] * burst
    assert times[burst:] == [100.0 + i for i in range(1, 7 - burst + 1)]


async def test_channels_are_paced_apart_but_share_the_workspace_bucket() -> None:
    clock = Clock()
    pacer = _pacer(clock)
    assert await _reserve(pacer, POST_MESSAGE, "C1") == 0
    for _ in range(int(POST_PER_CHANNEL.burst)):
        await _reserve(pacer, POST_MESSAGE, "C1")
    assert _delay(pacer, POST_MESSAGE, "C2") == 0  # another channel is not held up by C1
    # Many channels at once: the workspace bucket paces them all together.
    waits = [await _reserve(pacer, POST_MESSAGE, f"C{n}") for n in range(100, 200)]
    spent = int(POST_PER_CHANNEL.burst) + 1
    first_held = int(POST_PER_WORKSPACE.burst) - spent
    assert waits[:first_held] == [0.0] * first_held
    assert waits[first_held] == pytest.approx(1 / POST_PER_WORKSPACE.rate)
    assert waits[-1] == pytest.approx((100 - first_held) / POST_PER_WORKSPACE.rate)


async def test_other_methods_are_paced_per_method_by_tier() -> None:
    clock = Clock()
    pacer = _pacer(clock)
    tier3 = limit_for("chat.update")
    waits = [await _reserve(pacer, "chat.update", f"C{n}") for n in range(int(tier3.burst) + 1)]
    assert waits[-1] == pytest.approx(1 / tier3.rate)  # channels do not matter there
    assert _delay(pacer, "users.info") == 0  # nor does another method's use


async def test_a_refusal_holds_the_channel_for_its_retry_after() -> None:
    clock = Clock()
    pacer = _pacer(clock)
    await pacer.refused(POST_MESSAGE, "C1", 3)
    assert _delay(pacer, POST_MESSAGE, "C1") == pytest.approx(3)
    assert _delay(pacer, POST_MESSAGE, "C2") == 0
    clock.now += 3
    assert _delay(pacer, POST_MESSAGE, "C1") == 0


async def test_time_refills_the_buckets() -> None:
    clock = Clock()
    pacer = _pacer(clock)
    await _send_times(pacer, clock, POST_MESSAGE, "C1", 10)
    clock.now += 60
    assert _delay(pacer, POST_MESSAGE, "C1") == 0


def test_the_pace_is_never_faster_than_the_emulators_defaults() -> None:
    """The emulator must never be kinder than Slack, and the pacer keeps within both:
    with the same refill and no larger bursts, a paced bot is never refused by it."""
    limits = RateLimitSettings()
    assert POST_PER_CHANNEL.rate <= limits.post_per_channel_per_second
    assert POST_PER_CHANNEL.burst <= limits.post_per_channel_burst
    assert POST_PER_WORKSPACE.rate <= limits.post_workspace_per_minute / 60
    assert POST_PER_WORKSPACE.burst <= limits.post_workspace_burst
    for method in {*METHOD_TIERS, *EMULATOR_TIERS} - {POST_MESSAGE}:
        emulator_per_minute = limits.tiers[EMULATOR_TIERS.get(method, 3)]
        ours = limit_for(method)
        assert ours.rate <= emulator_per_minute / 60, method
        if EMULATOR_TIERS.get(method, 3) != 1:  # Tier 1: see below
            assert ours.burst <= emulator_per_minute, method
        assert METHOD_TIERS.get(method, 3) == EMULATOR_TIERS.get(method, 3), method
    # Tier 1's burst is the one exception: Slack tolerates "a small amount of burst" without
    # a number, so the emulator grants none (one call, then one a minute: Slack's floor) and
    # the pacer allows a few (reconnections), ready to be refused.
    assert SLACK_TIERS[1] == 1 and limit_for("apps.connections.open").rate == 1 / 60


async def test_a_refused_call_gives_its_turn_back() -> None:
    clock = Clock()
    pacer = _pacer(clock)
    for _ in range(int(POST_PER_CHANNEL.burst)):
        await _reserve(pacer, POST_MESSAGE, "C1")
    assert _delay(pacer, POST_MESSAGE, "C1") > 0
    await pacer.refused(POST_MESSAGE, "C1", 0)  # Slack did not count it, and asks for no wait
    assert _delay(pacer, POST_MESSAGE, "C1") == 0


async def test_switched_off_every_call_goes_at_once() -> None:
    pacer = _pacer(Clock(), enabled=False)
    assert [await _reserve(pacer, POST_MESSAGE, "C1") for _ in range(50)] == [0.0] * 50
    await pacer.refused(POST_MESSAGE, "C1", 30)
    assert _delay(pacer, POST_MESSAGE, "C1") == 0
