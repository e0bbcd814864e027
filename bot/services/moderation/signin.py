"""Moderators' one-time sign-in links and web sessions.

A link's token is 32 random bytes (URL-safe); only its SHA-256 is stored, it expires after
15 minutes and works once. A session id is random too, stored hashed, with a CSRF secret
of its own and an expiry kept on the server.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import replace
from datetime import timedelta
from urllib.parse import quote

from bot import messages
from bot.domain.moderation import Moderator, Session
from bot.errors import SignInError
from bot.services.context import Context
from bot.services.moderation.audit import record

__all__ = [
    "LOGIN_MINUTES",
    "current_session",
    "end_session",
    "issue_login",
    "secret_hash",
    "sign_in_url",
    "start_session",
]

LOGIN_MINUTES = 15
_TOKEN_BYTES = 32
_REFUSALS = {
    "used": messages.SIGN_IN_USED,
    "expired": messages.SIGN_IN_EXPIRED,
}


def secret_hash(secret: str) -> str:
    """What is stored for a token or a session id (never the secret itself)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _well_formed(secret: str) -> bool:
    return (
        0 < len(secret) <= 128 and secret.isascii() and secret.isprintable() and " " not in secret
    )


def sign_in_url(base_url: str, token: str) -> str:
    """The address on the web server at ``base_url`` that redeems ``token`` once."""
    return f"{base_url.rstrip('/')}/mod/login?token={quote(token, safe='')}"


async def issue_login(ctx: Context, moderator: Moderator) -> str:
    """A one-time sign-in token for the moderator (put it in a link; it is not stored)."""
    token = secrets.token_urlsafe(_TOKEN_BYTES)
    async with ctx.store.transaction() as tx:
        expires = ctx.clock() + timedelta(minutes=LOGIN_MINUTES)
        await tx.moderation.add_login(secret_hash(token), moderator, expires)
        await record(ctx, tx, moderator, "login_link", None, moderator.key())
        await tx.commit()
    return token


async def start_session(ctx: Context, token: str) -> Session:
    """Redeem a sign-in token for a new session. Raises :class:`SignInError` (one
    sentence) for a token that is unknown, expired or already used."""
    if not _well_formed(token):
        raise SignInError(messages.SIGN_IN_UNKNOWN)
    hashed = secret_hash(token)
    session_id = secrets.token_urlsafe(_TOKEN_BYTES)
    csrf = secrets.token_urlsafe(_TOKEN_BYTES)
    async with ctx.store.transaction() as tx:
        now = ctx.clock()
        moderator = await tx.moderation.redeem_login(hashed, now)
        if moderator is None:
            state = await tx.moderation.login_state(hashed, now)
            raise SignInError(_REFUSALS.get(state, messages.SIGN_IN_UNKNOWN))
        expires = now + timedelta(hours=ctx.moderator_session_hours)
        await tx.moderation.add_session(secret_hash(session_id), moderator, csrf, expires)
        await record(ctx, tx, moderator, "sign_in", None, moderator.key())
        await tx.commit()
    return Session(session_id, moderator, csrf, expires)


async def current_session(ctx: Context, session_id: str | None) -> Session | None:
    """The live session with this id (from the cookie), or ``None``: missing, forged,
    expired or ended sessions are all simply absent."""
    if not session_id or not _well_formed(session_id):
        return None
    async with ctx.store.transaction() as tx:
        found = await tx.moderation.session(secret_hash(session_id), ctx.clock())
    return None if found is None else replace(found, id=session_id)


async def end_session(ctx: Context, session_id: str) -> None:
    """Sign out: the session no longer works, whoever holds its cookie."""
    if not _well_formed(session_id):
        return
    async with ctx.store.transaction() as tx:
        await tx.moderation.end_session(secret_hash(session_id))
        await tx.commit()
