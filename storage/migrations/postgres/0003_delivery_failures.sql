-- A rate-limited try is not a failure: count real failures apart from tries (attempts), so
-- only failures grow the backoff and give a delivery up. `backing_off` marks a wait of our
-- own choosing (failure backoff), which may be cut short when the platform answers again;
-- a wait the platform asked for (Retry-After) is kept.
ALTER TABLE deliveries ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE deliveries ADD COLUMN backing_off INTEGER NOT NULL DEFAULT 0;
-- Tries the platform refused with a rate limit (so nothing of them landed). When every try
-- so far was refused, a retry may post at once; otherwise it first looks for what landed.
-- Kept in the store, not a worker's memory: another worker or a crash may have tried too.
ALTER TABLE deliveries ADD COLUMN refusals INTEGER NOT NULL DEFAULT 0;
-- Places briefbot can no longer post in (channel deleted or archived, bot removed,
-- permission withdrawn): one row per place and cause, so people are told once.
CREATE TABLE unreachable_places (
    place_id BIGINT NOT NULL REFERENCES places (id),
    cause TEXT NOT NULL,
    discussion_id BIGINT NOT NULL REFERENCES discussions (id),
    detail TEXT NOT NULL,
    since TIMESTAMPTZ NOT NULL,
    -- Set once people were told; a notice a crash interrupted is sent again at start-up.
    notified INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (place_id, cause)
);
