"""Who is asking and over what: client address, scheme, origin; and the headers we always send.

Behind a reverse proxy the peer address is the proxy's, so ``X-Forwarded-For`` is honoured
only when ``WebOptions.trust_proxy`` is set: otherwise any client could claim any address and
walk around the rate limit.
"""

from __future__ import annotations

import hashlib
import hmac

from aiohttp import web

from adapters.web.state import state_of

__all__ = [
    "CSRF_COOKIE",
    "client_address",
    "client_id",
    "is_secure",
    "own_origin",
    "security_headers",
    "set_csrf_cookie",
]

CSRF_COOKIE = "briefbot_csrf"
_CSRF_MAX_AGE = 7 * 24 * 3600


def client_address(request: web.Request) -> str:
    """The reader's IP address; behind a trusted proxy, the last ``X-Forwarded-For`` entry.

    The last entry is the one our proxy appended (the address it saw); entries before it
    came from the client and could say anything.
    """
    if state_of(request).options.trust_proxy:
        forwarded = request.headers.getall("X-Forwarded-For", [])
        hops = [hop.strip() for value in forwarded for hop in value.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.remote or "unknown"


def client_id(request: web.Request) -> str:
    """A pseudonymous, stable id for the reader: a keyed hash of the address, never the IP."""
    key = state_of(request).client_key
    digest = hmac.new(key, client_address(request).encode(), hashlib.sha256).hexdigest()
    return f"web-{digest[:16]}"


def is_secure(request: web.Request) -> bool:
    """Was the page asked for over https (as the browser sees it)?"""
    if request.secure:
        return True
    if state_of(request).options.trust_proxy:
        proto = request.headers.get("X-Forwarded-Proto", "").split(",", 1)[0].strip()
        return proto.lower() == "https"
    return False


def own_origin(request: web.Request) -> str:
    """``scheme://host[:port]`` of this server as the browser addressed it."""
    scheme = "https" if is_secure(request) else "http"
    return f"{scheme}://{request.host}"


def set_csrf_cookie(request: web.Request, response: web.StreamResponse, token: str) -> None:
    """Store the CSRF token in a cookie that also works inside a third-party iframe.

    Over https the cookie is ``SameSite=None; Secure`` so that an embedded page can post its
    form; the token itself is the CSRF defence there. Over plain http browsers refuse
    ``SameSite=None`` without ``Secure``, so it falls back to ``Lax``: forms then work on the
    page itself but not inside an iframe on another site (the JavaScript posts through the
    JSON API instead, which needs no cookie).
    """
    secure = is_secure(request)
    response.set_cookie(
        CSRF_COOKIE,
        token,
        max_age=_CSRF_MAX_AGE,
        path="/",
        httponly=True,
        secure=secure,
        samesite="None" if secure else "Lax",
    )


async def security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """``on_response_prepare`` hook: CSP (with ``frame-ancestors``) and friends on every answer.

    No ``X-Frame-Options``: the pages are meant to be embedded; ``frame-ancestors`` decides
    where. Scripts and styles come only from our own static files.
    """
    ancestors = state_of(request).options.frame_ancestors
    if request.path == "/mod" or request.path.startswith("/mod/"):
        # Moderators' pages: never embedded (no clickjacking of Approve or Ban), and no
        # address of theirs (a sign-in token above all) leaves in a Referer.
        ancestors = "'none'"
        response.headers.setdefault("X-Frame-Options", "DENY")  # browsers without CSP 2
        response.headers.setdefault("Referrer-Policy", "no-referrer")
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none'; "
        f"frame-ancestors {ancestors}",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
