"""The audit log (page and CSV) and a discussion's export (CSV or JSON), for moderators."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from aiohttp import web

from adapters.web.mod import texts
from adapters.web.mod.queue import mod_page
from adapters.web.mod.session import require, require_room
from adapters.web.params import parse_id
from adapters.web.state import state_of
from adapters.web.views import format_time
from bot.domain.moderation import AuditEntry
from bot.errors import NotFoundError
from bot.services.moderation import audit_log, export_discussion

__all__ = ["audit_csv", "audit_page", "audit_rows", "export"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_AUDIT_COLUMNS = (
    "id",
    "at",
    "moderator",
    "moderator_name",
    "action",
    "room_id",
    "target",
    "detail",
)


def _cell(value: object) -> str:
    """A spreadsheet-safe cell: text a spreadsheet would run as a formula gets a leading '."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def audit_rows(entries: Iterable[AuditEntry]) -> str:
    """The audit log as CSV, one entry a row, oldest last as shown."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_AUDIT_COLUMNS)
    for e in entries:
        row = (e.id, e.at.isoformat(), e.moderator, e.moderator_name, e.action, e.room_id,
               e.target, e.detail)  # fmt: skip
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


def _download(body: str, content_type: str, filename: str) -> web.Response:
    response = web.Response(text=body, content_type=content_type, charset="utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


async def audit_page(request: web.Request) -> web.Response:
    """``GET /mod/audit``: who did what, where and when (the moderator's rooms only)."""
    session = await require(request)
    entries = await audit_log(state_of(request).ctx, session.moderator)
    return mod_page(request, session, "mod_audit.html", entries=entries, format_time=format_time)


async def audit_csv(request: web.Request) -> web.Response:
    """``GET /mod/audit.csv``: the same entries as a CSV download."""
    session = await require(request)
    entries = await audit_log(state_of(request).ctx, session.moderator)
    return _download(audit_rows(entries), "text/csv", "briefbot-audit.csv")


async def export(request: web.Request) -> web.Response:
    """``GET /mod/d/{discussion_id}/export.csv`` or ``.json``: every comment of a discussion."""
    session = await require(request)
    discussion_id = parse_id(request.match_info["discussion_id"])
    fmt = request.match_info["fmt"]
    if discussion_id is None or fmt not in ("csv", "json"):
        raise NotFoundError(texts.NO_DISCUSSION)
    ctx = state_of(request).ctx
    async with ctx.store.transaction() as tx:
        discussion = await tx.discussions.get(discussion_id)
    require_room(session.moderator, discussion.room_id)
    # With the moderator: the service checks the room again and audits the export.
    body = await export_discussion(
        ctx, discussion_id, "csv" if fmt == "csv" else "json", session.moderator
    )
    content_type = "text/csv" if fmt == "csv" else "application/json"
    return _download(body, content_type, f"discussion-{discussion_id}.{fmt}")
