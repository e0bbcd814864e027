"""Moderation on the web: sign-in by one-time link, the queue, policies, audit log, exports.

Everything here is under ``/mod`` and refuses, with one sentence and 403, anyone without a
valid moderator session; every change also needs the session's own CSRF token.
"""

from __future__ import annotations

from aiohttp import web

from adapters.web.mod import api, login, queue, records, rooms

__all__ = ["routes"]


def routes() -> list[web.RouteDef]:
    """The moderators' routes, for ``app.add_routes``."""
    return [
        web.get("/mod/login", login.login, name="mod_login"),
        web.get(r"/mod/login/{token}", login.login, name="mod_login_path"),
        web.post("/mod/logout", login.logout, name="mod_logout"),
        web.get("/mod", queue.queue_page, name="mod_queue"),
        web.post(r"/mod/c/{comment_id}/{action}", queue.act_on_comment, name="mod_act"),
        web.get(r"/mod/rooms/{room_id}/policy", queue.policy_page, name="mod_policy"),
        web.post(r"/mod/rooms/{room_id}/policy", queue.save_policy, name="mod_save_policy"),
        web.post(r"/mod/rooms/{room_id}/unban", rooms.lift_ban, name="mod_unban"),
        web.post(r"/mod/d/{discussion_id}/{action}", rooms.close_or_open, name="mod_discussion"),
        web.get("/mod/audit", records.audit_page, name="mod_audit"),
        web.get("/mod/audit.csv", records.audit_csv, name="mod_audit_csv"),
        web.get(r"/mod/d/{discussion_id}/export.{fmt}", records.export, name="mod_export"),
        web.get("/mod/api/session", api.api_session, name="mod_api_session"),
        web.get("/mod/api/queue", api.api_queue, name="mod_api_queue"),
        web.post(r"/mod/api/comments/{comment_id}/{action}", api.api_act, name="mod_api_act"),
        web.get("/mod/api/audit", api.api_audit, name="mod_api_audit"),
        web.get(r"/mod/api/rooms/{room_id}/policy", api.api_policy, name="mod_api_policy"),
        web.post(
            r"/mod/api/rooms/{room_id}/policy", api.api_save_policy, name="mod_api_save_policy"
        ),
        web.post(r"/mod/api/rooms/{room_id}/unban", api.api_unban, name="mod_api_unban"),
        web.post(
            r"/mod/api/discussions/{discussion_id}/{action}",
            api.api_discussion,
            name="mod_api_discussion",
        ),
    ]
