"""Every failure becomes one plain sentence: a small page, or ``{"error": ...}`` for the API.

Tracebacks go to the log, never to the reader. Errors that another mounted route already
answered in its own format (any non-plain-text ``HTTPException``) pass through untouched.
"""

from __future__ import annotations

import logging

from aiohttp import web
from aiohttp.typedefs import Handler

from adapters.web import messages
from adapters.web.mod import texts as mod_texts
from adapters.web.mod.policy import MAX_ENTRIES
from adapters.web.mod.session import RefusedError
from adapters.web.render import render_error
from bot.errors import (
    InvalidDataError,
    ModerationError,
    NotAllowedError,
    NotFoundError,
    SignInError,
    StorageError,
)

__all__ = ["error_middleware", "loggable_path"]

log = logging.getLogger(__name__)

_BY_STATUS = {
    404: messages.NOT_FOUND,
    405: "That address does not accept this kind of request.",
    413: messages.TOO_LARGE,
}
_NOT_FOUND_BY_ROUTE = {
    "article": messages.NO_ARTICLE,
    "article_events": messages.NO_ARTICLE,
    "api_article": messages.NO_ARTICLE,
    "api_comments": messages.NO_DISCUSSION,
    "api_post": messages.NO_DISCUSSION,
    "post_comment": messages.NO_DISCUSSION,
    "report_comment": messages.NO_COMMENT,
    "mod_act": messages.NO_COMMENT,
    "mod_api_act": messages.NO_COMMENT,
    "mod_export": messages.NO_DISCUSSION,
}


def loggable_path(request: web.Request) -> str:
    """The path, safe for the log: a sign-in link's token never is written down."""
    if request.path.startswith("/mod/login/"):
        return "/mod/login/…"
    return request.path


def _is_api(request: web.Request) -> bool:
    return request.path.startswith(("/api/", "/healthz", "/mod/api/"))


def _answer(request: web.Request, status: int, message: str) -> web.Response:
    if _is_api(request):
        return web.json_response({"error": message}, status=status)
    return render_error(request, status, message)


def _not_found_message(request: web.Request, error: NotFoundError) -> str:
    ours = {messages.NO_ARTICLE, messages.NO_DISCUSSION, messages.NO_COMMENT}
    if str(error) in ours:
        return str(error)
    return _NOT_FOUND_BY_ROUTE.get(request.match_info.route.name or "", messages.NOT_FOUND)


def _status_message(request: web.Request, exc: web.HTTPException) -> str:
    if exc.status == 413 and request.path.startswith("/mod/"):
        return mod_texts.TOO_LARGE.format(limit=MAX_ENTRIES)  # a policy, not a comment
    return _BY_STATUS.get(exc.status, exc.reason + ".")


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Turn exceptions into plain answers with the right status."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status < 400 or exc.content_type != "text/plain":
            raise
        return _answer(request, exc.status, _status_message(request, exc))
    except (RefusedError, NotAllowedError, SignInError) as error:
        return _answer(request, 403, error.user_message)
    except ModerationError as error:  # e.g. approving what is no longer held
        return _answer(request, 409, error.user_message)
    except NotFoundError as error:
        return _answer(request, 404, _not_found_message(request, error))
    except InvalidDataError as error:
        return _answer(request, 400, error.user_message)
    except StorageError:
        log.exception("storage failed while serving %s", loggable_path(request))
        return _answer(request, 503, messages.UNAVAILABLE)
    except Exception:
        log.exception("unexpected error while serving %s", loggable_path(request))
        return _answer(request, 500, messages.INTERNAL_ERROR)
