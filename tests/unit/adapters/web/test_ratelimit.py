from __future__ import annotations

import pytest

from adapters.web.ratelimit import RateLimiter


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_five_per_minute_then_a_wait() -> None:
    clock = FakeClock()
    limiter = RateLimiter(5, 60, clock)
    for _ in range(5):
        assert limiter.hit("1.2.3.4") == 0.0
        clock.now += 1
    assert limiter.hit("1.2.3.4") == pytest.approx(55.0)


def test_the_window_slides() -> None:
    clock = FakeClock()
    limiter = RateLimiter(2, 10, clock)
    assert limiter.hit("a") == 0.0
    clock.now += 6
    assert limiter.hit("a") == 0.0
    assert limiter.hit("a") == pytest.approx(4.0)
    clock.now += 4
    assert limiter.hit("a") == 0.0
    assert limiter.hit("a") == pytest.approx(6.0)


def test_refused_attempts_do_not_extend_the_wait() -> None:
    clock = FakeClock()
    limiter = RateLimiter(1, 10, clock)
    limiter.hit("a")
    for _ in range(20):
        limiter.hit("a")
    clock.now += 10
    assert limiter.hit("a") == 0.0


def test_clients_are_counted_apart() -> None:
    limiter = RateLimiter(1, 60, FakeClock())
    assert limiter.hit("a") == 0.0
    assert limiter.hit("b") == 0.0
    assert limiter.hit("a") > 0


def test_memory_is_bounded_by_forgetting_the_least_recent_client() -> None:
    limiter = RateLimiter(1, 60, FakeClock(), max_keys=2)
    limiter.hit("a")
    limiter.hit("b")
    limiter.hit("c")
    assert limiter.hit("a") == 0.0  # forgotten, so allowed again
    assert limiter.hit("c") > 0


@pytest.mark.parametrize(("limit", "window"), [(0, 60), (5, 0)])
def test_nonsense_limits_are_refused(limit: int, window: float) -> None:
    with pytest.raises(ValueError):
        RateLimiter(limit, window, FakeClock())


def test_wait_looks_without_counting_and_release_takes_a_hit_back() -> None:
    clock = FakeClock()
    limiter = RateLimiter(2, 60, clock)
    assert limiter.wait("a") == 0.0
    assert limiter.hit("a") == 0.0 and limiter.hit("a") == 0.0
    clock.now += 10
    assert limiter.wait("a") == pytest.approx(50.0)
    assert limiter.wait("a") == pytest.approx(50.0)  # looking twice costs nothing
    limiter.release("a")
    assert limiter.wait("a") == 0.0
    limiter.release("nobody")  # an unknown client is not an error
    clock.now += 51
    assert limiter.wait("a") == 0.0
