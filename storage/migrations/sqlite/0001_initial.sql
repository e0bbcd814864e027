-- The core records. Times are UTC text 'YYYY-MM-DD HH:MM:SS.ffffff' (sortable).
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    brief TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE rooms (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL
);

CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL CHECK (platform IN ('discord', 'slack', 'web')),
    workspace_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    name TEXT NOT NULL,
    room_id INTEGER NOT NULL REFERENCES rooms (id),
    created_at TEXT NOT NULL,
    UNIQUE (platform, workspace_id, channel_id)
);
CREATE INDEX places_room ON places (room_id, id);

CREATE TABLE link_codes (
    code TEXT PRIMARY KEY,
    place_id INTEGER NOT NULL REFERENCES places (id),
    expires_at TEXT NOT NULL
);
CREATE INDEX link_codes_expiry ON link_codes (expires_at);

CREATE TABLE discussions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    room_id INTEGER NOT NULL REFERENCES rooms (id),
    created_at TEXT NOT NULL,
    UNIQUE (article_id, room_id)
);

CREATE TABLE threads (
    id INTEGER PRIMARY KEY,
    discussion_id INTEGER NOT NULL REFERENCES discussions (id),
    place_id INTEGER NOT NULL REFERENCES places (id),
    platform TEXT NOT NULL CHECK (platform IN ('discord', 'slack', 'web')),
    workspace_id TEXT NOT NULL,
    thread_ref TEXT NOT NULL,
    message_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (discussion_id, place_id),
    UNIQUE (platform, workspace_id, thread_ref)
);
CREATE INDEX threads_platform ON threads (platform, id);

CREATE TABLE comments (
    id INTEGER PRIMARY KEY,
    discussion_id INTEGER NOT NULL REFERENCES discussions (id),
    thread_id INTEGER NOT NULL REFERENCES threads (id),
    platform_message_id TEXT NOT NULL,
    author_platform TEXT NOT NULL CHECK (author_platform IN ('discord', 'slack', 'web')),
    author_user_id TEXT NOT NULL,
    author_name TEXT NOT NULL,
    author_avatar_url TEXT,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    edited_at TEXT,
    deleted_at TEXT,
    reply_to_id INTEGER REFERENCES comments (id),
    UNIQUE (thread_id, platform_message_id)
);
CREATE INDEX comments_discussion ON comments (discussion_id, id);

CREATE TABLE mirrors (
    id INTEGER PRIMARY KEY,
    comment_id INTEGER NOT NULL REFERENCES comments (id),
    thread_id INTEGER NOT NULL REFERENCES threads (id),
    platform_message_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    deleted BOOLEAN NOT NULL DEFAULT FALSE CHECK (deleted IN (0, 1)),
    UNIQUE (comment_id, thread_id),
    UNIQUE (thread_id, platform_message_id)
);

CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL
        CHECK (kind IN ('post_brief', 'post_comment', 'edit_comment', 'delete_comment')),
    platform TEXT NOT NULL CHECK (platform IN ('discord', 'slack', 'web')),
    place_id INTEGER NOT NULL REFERENCES places (id),
    discussion_id INTEGER NOT NULL REFERENCES discussions (id),
    comment_id INTEGER REFERENCES comments (id),
    lane TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'claimed', 'done', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    claimed_by TEXT
);
CREATE INDEX deliveries_lane ON deliveries (lane, id);
