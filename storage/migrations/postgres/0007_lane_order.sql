-- Order by construction (issue 14). Every comment and delivery takes its position in its
-- discussion from `discussions.next_seq`, incremented inside the storing transaction: the
-- row lock that UPDATE takes serialises concurrent writers of one discussion, so positions
-- are handed out in commit order whatever the number of processes. Identity ids are not:
-- an id taken earlier may commit later. Existing rows are numbered in id order.
ALTER TABLE discussions ADD COLUMN next_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE deliveries ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
UPDATE comments AS c SET seq = n.seq
FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY discussion_id ORDER BY id) AS seq
      FROM comments) AS n
WHERE c.id = n.id;
UPDATE deliveries AS d SET seq = n.seq
FROM (SELECT id, ROW_NUMBER() OVER (PARTITION BY discussion_id ORDER BY id) AS seq
      FROM deliveries) AS n
WHERE d.id = n.id;
UPDATE discussions SET next_seq = GREATEST(
    (SELECT COALESCE(MAX(seq), 0) FROM comments WHERE discussion_id = discussions.id),
    (SELECT COALESCE(MAX(seq), 0) FROM deliveries WHERE discussion_id = discussions.id)
);
CREATE UNIQUE INDEX comments_seq ON comments (discussion_id, seq);
-- A lane's head is its lowest unfinished position.
DROP INDEX deliveries_active;
CREATE INDEX deliveries_active ON deliveries (lane, seq) WHERE status IN ('pending', 'claimed');

-- Delivery workers alive right now: each renews its row while it runs. A claim whose owner
-- stopped renewing (`alive_until` passed: the process is gone) may be taken over at once;
-- a live owner's claim never is (it renews the leases of the deliveries it is working on).
CREATE TABLE workers (
    name TEXT PRIMARY KEY,
    started_at TIMESTAMPTZ NOT NULL,
    heartbeat_at TIMESTAMPTZ NOT NULL,
    alive_until TIMESTAMPTZ NOT NULL
);
CREATE INDEX deliveries_claimed_by ON deliveries (claimed_by) WHERE status = 'claimed';
