import pytest

from bot.services.feeds import FeedRequest, FeedUsageError, parse_feed_command


@pytest.mark.parametrize(
    ("text", "request_"),
    [
        ("add https://ledger.example/rss", FeedRequest("add", url="https://ledger.example/rss")),
        ("add <https://ledger.example/rss>", FeedRequest("add", url="https://ledger.example/rss")),
        ("ADD <https://l.example/a|l.example/a>", FeedRequest("add", url="https://l.example/a")),
        ("list", FeedRequest("list")),
        ("remove 3", FeedRequest("remove", feed_id=3)),
        ("pause #12", FeedRequest("pause", feed_id=12)),
        ("resume 1", FeedRequest("resume", feed_id=1)),
    ],
)
def test_what_moderators_type(text: str, request_: FeedRequest) -> None:
    assert parse_feed_command(text) == request_


@pytest.mark.parametrize(
    "text", ["", "add", "add ftp://x", "add javascript:alert(1)", "remove", "remove 0", "drop 1"]
)
def test_unusable_text_gets_one_sentence(text: str) -> None:
    with pytest.raises(FeedUsageError) as caught:
        parse_feed_command(text)
    message = caught.value.user_message
    assert message.endswith(".") and "\n" not in message


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("HTTPS://Ledger.Example/Feed.xml", "https://ledger.example/Feed.xml"),
        ("https://ledger.example/rss?x=1#latest", "https://ledger.example/rss?x=1"),
        ("https://Reader:Pw@Ledger.example:8443/a", "https://Reader:Pw@ledger.example:8443/a"),
    ],
)
def test_a_feed_address_has_one_spelling(typed: str, kept: str) -> None:
    assert parse_feed_command(f"add {typed}") == FeedRequest("add", url=kept)


def test_a_port_out_of_range_is_one_sentence() -> None:
    with pytest.raises(FeedUsageError) as caught:
        parse_feed_command("add https://ledger.example:99999/rss")
    assert caught.value.user_message == "That is not a valid feed address."
