"""``briefbot moderators invite [--name NAME]``: a one-time sign-in link to the moderation queue."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from rich.console import Console

from bot.cli.help import PlainHelpCommand, PlainHelpGroup
from bot.cli.operator import fail, opened_context, operator
from bot.domain.moderation import Moderator
from bot.errors import BriefbotError

__all__ = ["moderators"]

moderators = typer.Typer(
    name="moderators",
    cls=PlainHelpGroup,
    help="Moderators of the web moderation queue.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


async def _invite(moderator: Moderator) -> str:
    from bot.services.moderation.signin import issue_login, sign_in_url

    async with opened_context() as ctx:
        token = await issue_login(ctx, moderator)
        return sign_in_url(ctx.web_base_url or "", token)


@moderators.command("invite", cls=PlainHelpCommand)
def invite(
    name: Annotated[
        str | None,
        typer.Option(
            "--name",
            metavar="NAME",
            help="Name in the audit log (default: your login name).",
        ),
    ] = None,
) -> None:
    """Print a sign-in link to the moderation queue: valid 15 minutes, for one use."""
    try:
        moderator = operator(name)
        link = asyncio.run(_invite(moderator))
    except BriefbotError as error:
        fail(error)
    out = Console(soft_wrap=True)
    out.print(
        f"Sign-in link for {moderator.name}: it works once, within 15 minutes.",
        markup=False,
        highlight=False,
    )
    out.out(link, highlight=False)
