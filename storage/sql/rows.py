"""Turning result rows into domain records."""

from __future__ import annotations

from bot.briefing.model import Brief
from bot.domain.model import (
    Article,
    Author,
    Comment,
    Delivery,
    DeliveryKind,
    DeliveryStatus,
    Discussion,
    Mirror,
    Place,
    Platform,
    Standing,
    Thread,
)
from storage.sql.db import Dialect, Row

__all__ = [
    "ARTICLE_COLUMNS",
    "COMMENT_COLUMNS",
    "DELIVERY_COLUMNS",
    "DISCUSSION_COLUMNS",
    "MIRROR_COLUMNS",
    "PLACE_COLUMNS",
    "THREAD_COLUMNS",
    "article",
    "comment",
    "delivery",
    "discussion",
    "mirror",
    "place",
    "thread",
]

ARTICLE_COLUMNS = "id, url, title, brief, created_at"
PLACE_COLUMNS = "id, platform, workspace_id, channel_id, name, room_id"
DISCUSSION_COLUMNS = "id, article_id, room_id, created_at, closed"
THREAD_COLUMNS = (
    "id, discussion_id, place_id, platform, workspace_id, thread_ref, message_id, created_at"
)
COMMENT_COLUMNS = (
    "id, discussion_id, thread_id, platform_message_id, author_platform, author_user_id, "
    "author_name, author_avatar_url, text, created_at, edited_at, deleted_at, reply_to_id, "
    "standing, rule"
)
MIRROR_COLUMNS = "id, comment_id, thread_id, platform_message_id, created_at, deleted"
DELIVERY_COLUMNS = (
    "id, key, kind, platform, place_id, discussion_id, comment_id, lane, status, attempts, "
    "next_attempt_at, created_at, claimed_by, claimed_until, last_error, failures, backing_off,"
    " refusals"
)


def article(row: Row, dialect: Dialect) -> Article:
    return Article(
        id=row["id"],
        url=row["url"],
        title=row["title"],
        brief=Brief.restore(dialect.decode_json(row["brief"]), row["title"]),
        created_at=dialect.decode_time(row["created_at"]),
    )


def place(row: Row, dialect: Dialect) -> Place:
    return Place(
        id=row["id"],
        platform=Platform(row["platform"]),
        workspace_id=row["workspace_id"],
        channel_id=row["channel_id"],
        name=row["name"],
        room_id=row["room_id"],
    )


def discussion(row: Row, dialect: Dialect) -> Discussion:
    return Discussion(
        id=row["id"],
        article_id=row["article_id"],
        room_id=row["room_id"],
        created_at=dialect.decode_time(row["created_at"]),
        closed=bool(row["closed"]),
    )


def thread(row: Row, dialect: Dialect) -> Thread:
    return Thread(
        id=row["id"],
        discussion_id=row["discussion_id"],
        place_id=row["place_id"],
        platform=Platform(row["platform"]),
        workspace_id=row["workspace_id"],
        thread_ref=row["thread_ref"],
        message_id=row["message_id"],
        created_at=dialect.decode_time(row["created_at"]),
    )


def comment(row: Row, dialect: Dialect) -> Comment:
    return Comment(
        id=row["id"],
        discussion_id=row["discussion_id"],
        thread_id=row["thread_id"],
        platform_message_id=row["platform_message_id"],
        author=Author(
            platform=Platform(row["author_platform"]),
            user_id=row["author_user_id"],
            display_name=row["author_name"],
            avatar_url=row["author_avatar_url"],
        ),
        text=row["text"],
        created_at=dialect.decode_time(row["created_at"]),
        edited_at=dialect.time_or_none(row["edited_at"]),
        deleted_at=dialect.time_or_none(row["deleted_at"]),
        reply_to_id=row["reply_to_id"],
        standing=Standing(row["standing"]),
        rule=row["rule"],
    )


def mirror(row: Row, dialect: Dialect) -> Mirror:
    return Mirror(
        id=row["id"],
        comment_id=row["comment_id"],
        thread_id=row["thread_id"],
        platform_message_id=row["platform_message_id"],
        created_at=dialect.decode_time(row["created_at"]),
        deleted=bool(row["deleted"]),
    )


def delivery(row: Row, dialect: Dialect) -> Delivery:
    return Delivery(
        id=row["id"],
        key=row["key"],
        kind=DeliveryKind(row["kind"]),
        platform=Platform(row["platform"]),
        place_id=row["place_id"],
        discussion_id=row["discussion_id"],
        comment_id=row["comment_id"],
        lane=row["lane"],
        status=DeliveryStatus(row["status"]),
        attempts=row["attempts"],
        next_attempt_at=dialect.decode_time(row["next_attempt_at"]),
        created_at=dialect.decode_time(row["created_at"]),
        claimed_by=row["claimed_by"],
        claimed_until=dialect.time_or_none(row["claimed_until"]),
        last_error=row["last_error"],
        failures=row["failures"],
        backing_off=bool(row["backing_off"]),
        refusals=row["refusals"],
    )
