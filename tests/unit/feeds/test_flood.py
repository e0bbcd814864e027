from datetime import UTC, datetime, timedelta

from bot.feeds import FeedItem, FloodLimits, KeyKind, Selection, select_items

NOW = datetime(2026, 3, 10, 12, tzinfo=UTC)


def _later(items: list[FeedItem], seen: set[str]) -> Selection:
    return select_items(items, KeyKind.GUID, seen, first_poll=False, limits=FloodLimits(), now=NOW)


def _items(count: int, *, hours_apart: float = 1.0) -> list[FeedItem]:
    """Newest first, as feeds list them."""
    return [
        FeedItem(
            guid=f"story-{n}",
            link=f"https://news.example/{n}",
            title=f"Story {n}",
            published=NOW - timedelta(hours=hours_apart * (count - n)),
        )
        for n in range(count, 0, -1)
    ]


def test_first_poll_records_everything_and_posts_only_the_newest() -> None:
    items = _items(20)
    chosen = select_items(
        items, KeyKind.GUID, set(), first_poll=True, limits=FloodLimits(), now=NOW
    )
    assert [key for key, _ in chosen.post] == ["story-20"]
    assert set(chosen.seen) == {f"story-{n}" for n in range(1, 21)}
    assert chosen.held_back == 0


def test_first_poll_limit_is_configurable() -> None:
    chosen = select_items(
        _items(5), KeyKind.GUID, set(), first_poll=True, limits=FloodLimits(first=0), now=NOW
    )
    assert chosen.post == ()
    assert len(chosen.seen) == 5


def test_a_sudden_flood_posts_k_newest_oldest_first_and_counts_the_rest() -> None:
    items = _items(200, hours_apart=0.01)
    chosen = select_items(
        items, KeyKind.GUID, set(), first_poll=False, limits=FloodLimits(per_poll=3), now=NOW
    )
    assert [key for key, _ in chosen.post] == ["story-198", "story-199", "story-200"]
    assert chosen.held_back == 197
    assert len(chosen.seen) == 200


def test_seen_items_are_never_selected_again() -> None:
    items = _items(4)
    seen = {"story-1", "story-2", "story-3"}
    chosen = select_items(
        items, KeyKind.GUID, seen, first_poll=False, limits=FloodLimits(), now=NOW
    )
    assert [key for key, _ in chosen.post] == ["story-4"]
    assert chosen.seen == ("story-4",)
    again = select_items(
        items,
        KeyKind.GUID,
        seen | set(chosen.seen),
        first_poll=False,
        limits=FloodLimits(),
        now=NOW,
    )
    assert again.post == () and again.seen == ()


def test_a_key_repeated_within_the_feed_is_one_item() -> None:
    item = _items(1)[0]
    chosen = select_items(
        [item, item], KeyKind.GUID, set(), first_poll=False, limits=FloodLimits(), now=NOW
    )
    assert len(chosen.post) == 1 and chosen.seen == (item.guid,)


def test_items_older_than_the_max_age_are_recorded_not_posted() -> None:
    items = _items(3, hours_apart=48)  # 0 h, 48 h and 96 h old
    chosen = select_items(
        items,
        KeyKind.GUID,
        set(),
        first_poll=False,
        limits=FloodLimits(max_age=timedelta(hours=90)),
        now=NOW,
    )
    assert [key for key, _ in chosen.post] == ["story-2", "story-3"]
    assert chosen.too_old == 1
    assert "story-1" in chosen.seen


def test_undated_items_keep_the_feeds_order() -> None:
    items = [FeedItem(guid=g, link=None, title=g, published=None) for g in ("c", "b", "a")]
    chosen = select_items(
        items, KeyKind.GUID, set(), first_poll=False, limits=FloodLimits(per_poll=2), now=NOW
    )
    assert [key for key, _ in chosen.post] == ["b", "c"]
    assert chosen.held_back == 1
