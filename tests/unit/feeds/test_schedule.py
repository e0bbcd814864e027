import random

import pytest

from bot.feeds import failure_delay, next_poll_delay


def test_backoff_grows_exponentially_within_its_jitter_band() -> None:
    rng = random.Random(7)
    for failures in range(1, 6):
        ceiling = 600 * 2 ** (failures - 1)
        delays = [failure_delay(failures, 600, uniform=rng.uniform) for _ in range(200)]
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len({round(d) for d in delays}) > 50  # jittered, not one value


def test_backoff_is_capped() -> None:
    assert failure_delay(30, 600, cap_seconds=3600, uniform=lambda a, b: b) == 3600


def test_backoff_honours_a_longer_retry_after() -> None:
    assert failure_delay(1, 600, retry_after=5000, uniform=lambda a, b: b) == 5000


@pytest.mark.parametrize("low", [True, False])
def test_poll_interval_is_jittered_by_a_tenth(low: bool) -> None:
    pick = (lambda a, b: a) if low else (lambda a, b: b)
    assert next_poll_delay(600, uniform=pick) == (540 if low else 660)


def test_poll_interval_honours_retry_after() -> None:
    assert next_poll_delay(120, retry_after=900, uniform=lambda a, b: 0.0) == 900
