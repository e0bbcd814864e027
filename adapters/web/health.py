"""``GET /healthz``: is the store reachable, how much work waits in the outbox, and which
places briefbot can no longer post in."""

from __future__ import annotations

from aiohttp import web

from adapters.web.state import state_of
from bot.errors import StorageError

__all__ = ["routes"]


async def healthz(request: web.Request) -> web.Response:
    """200 ``{"status": "ok", ...}``, or 503 when the store cannot be reached."""
    state = state_of(request)
    try:
        async with state.ctx.store.transaction() as tx:
            counts = await tx.outbox.counts()
            lost = await tx.places.unreachable()
    except StorageError:
        return web.json_response({"status": "unavailable", "store": "unreachable"}, status=503)
    body = {
        "status": "ok",
        "store": "ok",
        "outbox": counts,
        "unreachable_places": [
            {
                "platform": u.place.platform.value,
                "channel": u.place.name,
                "cause": u.cause,
                "since": u.since.isoformat(),
            }
            for u in lost
        ],
        "live_streams": state.live_streams,
    }
    return web.json_response(body, headers={"Cache-Control": "no-store"})


def routes() -> list[web.RouteDef]:
    return [web.get("/healthz", healthz, name="healthz")]
