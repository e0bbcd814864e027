-- Claims expire (a crashed worker's delivery is claimed again) and failures are kept.
ALTER TABLE deliveries ADD COLUMN claimed_until TIMESTAMPTZ;
ALTER TABLE deliveries ADD COLUMN last_error TEXT;
-- Only unfinished deliveries matter to claims; keep that index small as done rows pile up.
DROP INDEX deliveries_lane;
CREATE INDEX deliveries_active ON deliveries (lane, id) WHERE status IN ('pending', 'claimed');
CREATE INDEX deliveries_active_id ON deliveries (id) WHERE status IN ('pending', 'claimed');
CREATE INDEX mirrors_comment ON mirrors (comment_id, id);
-- Claims taken before leases existed never expire; release them (attempts are kept).
UPDATE deliveries SET status = 'pending', claimed_by = NULL WHERE status = 'claimed';
