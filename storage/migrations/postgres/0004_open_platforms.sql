-- Placeholder for branch i10-open's 0004 (open platforms), which replaces this file when the
-- branches are merged; moderation's migration is 0005 and must not skip a number.
SELECT 1;
