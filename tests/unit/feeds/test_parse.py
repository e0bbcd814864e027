from datetime import UTC, datetime

import pytest

from bot.feeds import FeedProblem, PauseReason, parse_feed

RSS2 = b"""<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Millbrook Ledger</title><link>https://ledger.example/</link>
<item><title>Library opens late on Thursdays</title><link>https://ledger.example/library</link>
<guid>ledger-101</guid><pubDate>Tue, 03 Mar 2026 09:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>The library will stay open until nine.</p>]]></content:encoded></item>
</channel></rss>"""

RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://ledger.example/"><title>Ledger RDF</title></channel>
<item rdf:about="https://ledger.example/ferry"><title>Ferry fares frozen</title>
<link>https://ledger.example/ferry</link></item></rdf:RDF>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ledger Atom</title>
<entry><title>Council approves bike lanes</title><id>tag:ledger.example,2026:7</id>
<link href="https://ledger.example/lanes"/><updated>2026-03-04T10:00:00Z</updated>
<content type="html">&lt;p&gt;Four new lanes.&lt;/p&gt;</content></entry></feed>"""

RSS092 = b"""<?xml version="1.0"?><rss version="0.92"><channel><title>Old Ledger</title>
<item><title>Bake sale</title><link>https://ledger.example/bake</link></item></channel></rss>"""


def test_rss2_with_full_text() -> None:
    feed = parse_feed(RSS2)
    assert feed.title == "Millbrook Ledger"
    (item,) = feed.items
    assert item.guid == "ledger-101"
    assert item.link == "https://ledger.example/library"
    assert item.published == datetime(2026, 3, 3, 9, tzinfo=UTC)
    assert item.content_html is not None and "until nine" in item.content_html


def test_rss1() -> None:
    feed = parse_feed(RSS1)
    assert feed.title == "Ledger RDF"
    assert feed.items[0].link == "https://ledger.example/ferry"


def test_atom() -> None:
    feed = parse_feed(ATOM)
    (item,) = feed.items
    assert item.guid == "tag:ledger.example,2026:7"
    assert item.link == "https://ledger.example/lanes"
    assert item.content_html is not None and "Four new lanes" in item.content_html


def test_rss092() -> None:
    assert parse_feed(RSS092).items[0].title == "Bake sale"


@pytest.mark.parametrize("body", [b"<html><body>Hello</body></html>", b"", b"{not xml"])
def test_what_is_not_a_feed_is_refused(body: bytes) -> None:
    with pytest.raises(FeedProblem) as caught:
        parse_feed(body)
    assert caught.value.reason is PauseReason.NOT_A_FEED
