-- The shared event bus (issue 14, storage/postgres/bus.py): each published event is a row,
-- and the transaction that inserts it NOTIFYs the schema's channel with the last id; every
-- process reads the rows after the last id it saw. `origin` names the publishing bus, so a
-- process skips its own events. Rows are hints kept for a few minutes (the bus prunes by
-- created_at); the store stays the source of truth.
-- IF NOT EXISTS: before this migration the bus created the table itself on start, so a
-- database already run by several processes has it, with these same columns.
CREATE TABLE IF NOT EXISTS bus_events (
    id BIGSERIAL PRIMARY KEY,
    origin TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
