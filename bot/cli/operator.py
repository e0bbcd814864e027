"""What the moderation commands share: the operator as a moderator, the opened store, errors.

The command line is a composition root: it opens the configured store and builds the same
``Context`` as ``briefbot run``. Work owed to a platform (deleting copies of erased comments)
waits in the outbox for the running bot, which does it on its next pass.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import NoReturn

from rich.console import Console

from bot.config import Settings, load_settings
from bot.domain.model import WEB
from bot.domain.moderation import Moderator
from bot.domain.text import clean_name
from bot.errors import BriefbotError
from bot.services.context import Context

__all__ = ["CommandLineError", "fail", "opened_context", "operator"]

_MAX_NAME = 64


class CommandLineError(BriefbotError):
    """A command-line argument briefbot cannot use; the message says what to write instead."""


def operator(name: str | None) -> Moderator:
    """The person at the terminal as a moderator of every room (``web:cli:<name>``, blanks
    in the name turned into ``-`` for the id).

    ``name`` defaults to the login name of the account running the command.
    """
    chosen = clean_name(name if name is not None else _login_name())
    if not chosen or len(chosen) > _MAX_NAME:
        raise CommandLineError(f"Give a name of 1 to {_MAX_NAME} visible characters with --name.")
    user_id = "cli:" + "-".join(chosen.split())
    return Moderator(platform=WEB, user_id=user_id, name=chosen, rooms=None)


def _login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in the environment or the password database
        return "operator"


@asynccontextmanager
async def opened_context(settings: Settings | None = None) -> AsyncIterator[Context]:
    """The configured store, opened and migrated, in a ``Context`` built as for ``run``; its
    platforms are the configured ones, offline (:mod:`bot.cli.offline`)."""
    from bot.bootstrap import build_context, build_fetcher, open_configured_store, shared_parts
    from bot.cli.offline import offline_platforms

    settings = settings or load_settings()
    platforms = offline_platforms(settings)
    store = await open_configured_store(settings)
    try:
        ctx = build_context(settings, store, build_fetcher(settings), platforms=platforms)
        # On PostgreSQL the running processes' workers hear of the work at once.
        ctx.bus, _ = shared_parts(store, settings)
        await ctx.bus.start()
        try:
            yield ctx
        finally:
            await ctx.bus.close()
    finally:
        await store.close()


def fail(error: BriefbotError, code: int = 2) -> NoReturn:
    """Print the error's one sentence on stderr (``briefbot: …``) and exit with ``code``."""
    Console(stderr=True, soft_wrap=True).print(
        f"briefbot: {error.user_message}", markup=False, highlight=False
    )
    sys.exit(code)
