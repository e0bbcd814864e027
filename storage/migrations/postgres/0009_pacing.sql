-- Pacing shared by every process (issue 14): one row per budget of calls to a rate-limited
-- platform (scope = an app's install in a workspace, name = a method, channel = '' for the
-- whole scope), holding when its next call would be due at the average rate (`due`, epoch
-- seconds on the database's clock) and that rate's interval (`step`). Each call updates its
-- rows in one statement (storage/postgres/pacing.py). UNLOGGED: the rows matter for seconds,
-- so they are not worth a WAL write per call, and losing them in a crash only forgets a
-- pace. Self-contained: depends on no other migration.
CREATE UNLOGGED TABLE pacing (
    scope TEXT NOT NULL,
    name TEXT NOT NULL,
    channel TEXT NOT NULL,
    due DOUBLE PRECISION NOT NULL,
    step DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (scope, name, channel)
) WITH (fillfactor = 50);
