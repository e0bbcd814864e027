"""The rate-limit ceiling of benchmarks/sync.py: a perfect relay under token buckets and windows."""

from __future__ import annotations

from benchmarks._sync_ceiling import FixedWindow, TokenBucket, ideal_send_times


def test_a_token_bucket_sends_its_burst_at_once_then_at_its_rate() -> None:
    sent = ideal_send_times([(0.0, "a")] * 6, TokenBucket(1.0, 4), TokenBucket(100.0, 100))
    assert sent[:4] == [0.0] * 4
    assert sent[4:] == [1.0, 2.0]


def test_the_workspace_bucket_binds_when_lanes_are_many() -> None:
    arrivals = [(0.0, f"lane-{i % 20}") for i in range(1000)]
    sent = ideal_send_times(arrivals, TokenBucket(1.0, 4), TokenBucket(5.0, 30))
    assert abs(sent[-1] - (1000 - 30) / 5) < 1e-6


def test_a_lane_limit_binds_when_one_lane_has_everything() -> None:
    sent = ideal_send_times([(0.0, "a")] * 24, TokenBucket(1.0, 4), TokenBucket(5.0, 30))
    assert abs(sent[-1] - 20.0) < 1e-6


def test_fixed_windows_open_with_the_first_request() -> None:
    arrivals = [(0.5, "a")] * 12
    sent = ideal_send_times(arrivals, FixedWindow(5, 2.0), FixedWindow(50, 1.0))
    assert sent == [0.5] * 5 + [2.5] * 5 + [4.5] * 2


def test_nothing_is_sent_before_it_arrives() -> None:
    sent = ideal_send_times([(3.0, "a"), (0.0, "b")], TokenBucket(1.0, 1), TokenBucket(5.0, 1))
    assert sent == [0.0, 3.0]
