from datetime import UTC, datetime

from bot.feeds import FeedItem, KeyKind, choose_key_kind, item_key, key_kind_for


def _item(guid: str | None, link: str | None, title: str | None = "t", day: int = 1) -> FeedItem:
    return FeedItem(guid=guid, link=link, title=title, published=datetime(2026, 3, day, tzinfo=UTC))


def test_guid_is_chosen_when_present_and_unique() -> None:
    items = [_item("a", "https://x/1"), _item("b", "https://x/2")]
    assert choose_key_kind(items) is KeyKind.GUID


def test_a_repeated_guid_falls_back_to_the_link() -> None:
    items = [_item("same", "https://x/1"), _item("same", "https://x/2")]
    assert choose_key_kind(items) is KeyKind.LINK


def test_no_guid_nor_unique_link_falls_back_to_title_and_date() -> None:
    items = [_item(None, "https://x/", "Bridge", 1), _item(None, "https://x/", "Ferry", 2)]
    kind = choose_key_kind(items)
    assert kind is KeyKind.TITLE_DATE
    assert item_key(items[0], kind) != item_key(items[1], kind)


def test_nothing_unique_picks_the_kind_that_tells_most_items_apart() -> None:
    items = [
        _item("g", "https://x/1", "A"),
        _item("g", "https://x/1", "A"),
        _item("g", "https://x/2", "A"),
    ]
    assert choose_key_kind(items) is KeyKind.LINK


def test_blank_keys_count_as_missing() -> None:
    item = _item("  ", "https://x/1")
    assert item_key(item, KeyKind.GUID) is None
    assert choose_key_kind([item, _item("b", "https://x/2")]) is KeyKind.LINK


def test_long_keys_are_stored_as_a_digest() -> None:
    item = _item(None, None, "A headline " * 40)
    key = item_key(item, KeyKind.TITLE_DATE)
    assert key is not None and key.startswith("sha256:") and len(key) < 100


def test_the_chosen_kind_is_kept_while_it_tells_the_items_apart() -> None:
    items = [_item("a", "https://x/1"), _item("b", "https://x/1")]
    assert key_kind_for(items, KeyKind.GUID) is KeyKind.GUID
    assert key_kind_for(items, None) is KeyKind.GUID


def test_a_feed_that_gives_every_item_one_guid_is_told_apart_by_link() -> None:
    items = [_item("same", "https://x/1"), _item("same", "https://x/2")]
    assert key_kind_for(items, KeyKind.GUID) is KeyKind.LINK


def test_a_feed_that_drops_a_guid_is_told_apart_by_link() -> None:
    items = [_item("a", "https://x/1"), _item(None, "https://x/2")]
    assert key_kind_for(items, KeyKind.GUID) is KeyKind.LINK


def test_nothing_better_keeps_the_chosen_kind() -> None:
    items = [_item("g", "https://x/1", "A"), _item("g", "https://x/1", "A")]
    assert key_kind_for(items, KeyKind.GUID) is KeyKind.GUID
