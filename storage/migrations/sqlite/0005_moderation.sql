-- Moderation (issue 11): where each comment stands, closed discussions, room policies, bans,
-- readers' reports, the audit log, and moderators' one-time sign-in links and sessions.
ALTER TABLE comments ADD COLUMN standing TEXT NOT NULL DEFAULT 'visible'
    CHECK (standing IN ('visible', 'held', 'rejected', 'removed', 'erased'));
-- The rule that held or rejected the comment ("banned word “x”", "link", ...).
ALTER TABLE comments ADD COLUMN rule TEXT;
-- Bursts and first comments are counted per author.
CREATE INDEX comments_author ON comments (author_platform, author_user_id, created_at);
CREATE INDEX comments_standing ON comments (standing, id) WHERE standing <> 'visible';
ALTER TABLE discussions ADD COLUMN closed INTEGER NOT NULL DEFAULT 0 CHECK (closed IN (0, 1));

-- A room's own policy, as JSON; rooms without one follow the settings.
CREATE TABLE room_policies (
    room_id INTEGER PRIMARY KEY REFERENCES rooms (id),
    policy TEXT NOT NULL
);

CREATE TABLE bans (
    room_id INTEGER NOT NULL REFERENCES rooms (id),
    platform TEXT NOT NULL,
    user_id TEXT NOT NULL,
    banned_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (room_id, platform, user_id)
);

-- One row per reader and comment: a second report by the same reader counts once.
CREATE TABLE reports (
    comment_id INTEGER NOT NULL REFERENCES comments (id),
    reporter TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (comment_id, reporter)
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    moderator TEXT NOT NULL,
    moderator_name TEXT NOT NULL,
    action TEXT NOT NULL,
    room_id INTEGER,
    target TEXT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX audit_log_room ON audit_log (room_id, id);

-- Only the SHA-256 of a sign-in token or session id is kept; the moderator as JSON.
CREATE TABLE moderator_logins (
    token_hash TEXT PRIMARY KEY,
    moderator TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);

CREATE TABLE moderator_sessions (
    id_hash TEXT PRIMARY KEY,
    moderator TEXT NOT NULL,
    csrf TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX moderator_sessions_expiry ON moderator_sessions (expires_at);

-- New kinds of delivery: removing a reader's own message at its origin, closing and
-- reopening a thread. SQLite's ALTER TABLE cannot change a CHECK constraint; a CHECK
-- changes no stored byte, so this follows the documented procedure for such changes
-- (https://www.sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema
-- Changes"): rewrite the table's CREATE statement in place, bump the schema version so that
-- every connection reads the schema again, and check the file; storage/sqlite/migrate.py
-- bumps the number and runs PRAGMA integrity_check before this migration commits. Only the
-- kind list is replaced, so other constraints of the table stay as they are.
PRAGMA writable_schema = ON;
UPDATE sqlite_master
SET sql = replace(
    sql,
    '''edit_comment'', ''delete_comment'')',
    '''edit_comment'', ''delete_comment'','
        || ' ''remove_original'', ''close_thread'', ''open_thread'')'
)
WHERE type = 'table' AND name = 'deliveries';
PRAGMA schema_version = schema_version + 1;
PRAGMA writable_schema = OFF;
