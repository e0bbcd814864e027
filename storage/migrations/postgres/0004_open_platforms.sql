-- Platforms are an open set (issue 10): each adapter names its own, so the schema no longer
-- lists discord, slack and web. A platform name must still be a lowercase slug, as
-- bot.domain.model.Platform requires. deliveries.kind keeps its own CHECK.
-- The dropped constraints carry PostgreSQL's default names (0001 declared them inline).
ALTER TABLE places DROP CONSTRAINT places_platform_check;
ALTER TABLE places ADD CONSTRAINT places_platform_name
    CHECK (platform ~ '^[a-z][a-z0-9_-]{0,31}$');
ALTER TABLE threads DROP CONSTRAINT threads_platform_check;
ALTER TABLE threads ADD CONSTRAINT threads_platform_name
    CHECK (platform ~ '^[a-z][a-z0-9_-]{0,31}$');
ALTER TABLE comments DROP CONSTRAINT comments_author_platform_check;
ALTER TABLE comments ADD CONSTRAINT comments_author_platform_name
    CHECK (author_platform ~ '^[a-z][a-z0-9_-]{0,31}$');
ALTER TABLE deliveries DROP CONSTRAINT deliveries_platform_check;
ALTER TABLE deliveries ADD CONSTRAINT deliveries_platform_name
    CHECK (platform ~ '^[a-z][a-z0-9_-]{0,31}$');
