"""A discussion's comments as CSV or JSON, for letters pages and records."""

from __future__ import annotations

import csv
import io
import json
from typing import Literal

from bot.domain.model import Comment, Standing
from bot.domain.moderation import Moderator
from bot.services.context import Context
from bot.services.moderation.audit import check_room, record

__all__ = ["EXPORT_FIELDS", "export_discussion"]

EXPORT_FIELDS = (
    "id",
    "created_at",
    "edited_at",
    "author",
    "platform",
    "reply_to",
    "standing",
    "rule",
    "deleted",
    "text",
)


def _row(comment: Comment) -> dict[str, str | int | bool | None]:
    erased = comment.standing is Standing.ERASED
    return {
        "id": comment.id,
        "created_at": comment.created_at.isoformat(),
        "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
        "author": "" if erased else comment.author.display_name,
        "platform": comment.author.platform.value,
        "reply_to": comment.reply_to_id,
        "standing": comment.standing.value,
        "rule": comment.rule,
        "deleted": comment.deleted,
        "text": comment.text,
    }


async def export_discussion(
    ctx: Context,
    discussion_id: int,
    fmt: Literal["csv", "json"],
    moderator: Moderator | None = None,
) -> str:
    """Every comment of the discussion in the order written, with its standing (erased
    comments as tombstones). With a ``moderator``, their rooms are checked and the export
    is audited."""
    async with ctx.store.transaction() as tx:
        discussion = await tx.discussions.get(discussion_id)
        if moderator is not None:
            check_room(moderator, discussion.room_id)
        rows = [_row(c) for c in await tx.comments.list_for_discussion(discussion.id)]
        if moderator is not None:
            await record(
                ctx,
                tx,
                moderator,
                "export",
                discussion.room_id,
                f"discussion {discussion.id}",
                fmt,
            )
            await tx.commit()
    if fmt == "json":
        return json.dumps({"discussion_id": discussion_id, "comments": rows}, ensure_ascii=False)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return out.getvalue()


def _cell(value: str | int | bool | None) -> str | int | bool | None:
    """Spreadsheets run cells starting with = + - @ as formulas: quote them as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
