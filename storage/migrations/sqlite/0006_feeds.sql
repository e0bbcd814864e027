-- Feeds (issue 13): a newsroom's feed briefed into a place (and so its whole room).
-- A poll claims the feed with a lease (leased_by/lease_until), so one process or several
-- share the polling and a crashed poller's feed is claimed again once its lease runs out.
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    place_id INTEGER NOT NULL REFERENCES places (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    title TEXT,
    etag TEXT,
    last_modified TEXT,
    interval_seconds INTEGER NOT NULL CHECK (interval_seconds > 0),
    next_due TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    paused_reason TEXT,
    key_kind TEXT CHECK (key_kind IN ('guid', 'link', 'title_date')),
    primed INTEGER NOT NULL DEFAULT 0,
    leased_by TEXT,
    lease_until TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (place_id, url)
);
CREATE INDEX feeds_due ON feeds (next_due) WHERE paused_reason IS NULL;
-- Items already recorded: written in the same transaction as the brief's deliveries, so
-- an item is posted once per channel whatever crashes in between.
CREATE TABLE feed_items (
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    item_key TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed_id, item_key)
);
