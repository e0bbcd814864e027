-- Platforms are an open set (issue 10): each adapter names its own, so the schema no longer
-- lists discord, slack and web. A platform name must still be a lowercase slug, as
-- bot.domain.model.Platform requires (^[a-z][a-z0-9_-]{0,31}$; SQLite has no regular
-- expressions, so GLOB says the same). deliveries.kind keeps its own CHECK.
--
-- SQLite's ALTER TABLE cannot change a CHECK constraint. A CHECK constraint changes no stored
-- byte, so this is the documented "simpler procedure" of
-- https://www.sqlite.org/lang_altertable.html ("Making Other Kinds Of Table Schema Changes"):
-- rewrite each table's CREATE statement in place, bump the schema version so that every
-- connection reads the schema again, and check the file (storage/sqlite/migrate.py bumps
-- the number and runs PRAGMA integrity_check, which also checks every row against the new
-- constraints, before this migration commits).
PRAGMA writable_schema = ON;
UPDATE sqlite_master
SET sql = replace(
    sql,
    'CHECK (platform IN (''discord'', ''slack'', ''web''))',
    'CHECK (length(platform) <= 32 AND platform GLOB ''[a-z]*'''
        || ' AND NOT platform GLOB ''*[^a-z0-9_-]*'')'
)
WHERE type = 'table' AND name IN ('places', 'threads', 'deliveries');
UPDATE sqlite_master
SET sql = replace(
    sql,
    'CHECK (author_platform IN (''discord'', ''slack'', ''web''))',
    'CHECK (length(author_platform) <= 32 AND author_platform GLOB ''[a-z]*'''
        || ' AND NOT author_platform GLOB ''*[^a-z0-9_-]*'')'
)
WHERE type = 'table' AND name = 'comments';
PRAGMA schema_version = schema_version + 1;
PRAGMA writable_schema = OFF;
