"""``briefbot erase PLATFORM:USER_ID [--yes]``: erase everything one person wrote, everywhere."""

from __future__ import annotations

import asyncio
from typing import Annotated

import typer
from rich.console import Console

from bot.cli.operator import CommandLineError, fail, opened_context, operator
from bot.domain.model import WEB, Platform
from bot.domain.moderation import Moderator
from bot.errors import BriefbotError

__all__ = ["erase", "parse_person"]


def _platforms() -> list[Platform]:
    from bot.bootstrap import chat_adapters

    return [adapter.platform for adapter in chat_adapters()] + [WEB]


def parse_person(text: str) -> tuple[Platform, str]:
    """``discord:USER_ID`` (or ``slack:``, ``web:``) → (platform, user id)."""
    platform_name, _, user_id = text.strip().partition(":")
    try:
        platform: Platform | None = Platform(platform_name.lower())
    except ValueError:
        platform = None
    if (
        platform is None
        or platform not in _platforms()
        or not user_id
        or any(ch.isspace() for ch in user_id)
    ):
        names = ", ".join(f"{p}:USER_ID" for p in _platforms())
        raise CommandLineError(f"“{text}” is not a person: write {names}.")
    return platform, user_id


async def _erase(platform: Platform, user_id: str, moderator: Moderator) -> int:
    from bot.services.moderation import erase_author

    async with opened_context() as ctx:
        return await erase_author(ctx, platform, user_id, moderator)


def _comments(count: int) -> str:
    return "1 comment" if count == 1 else f"{count:,} comments"


def erase(
    person: Annotated[
        str,
        typer.Argument(metavar="PERSON", help="Whose: discord:USER_ID, slack:USER_ID…"),
    ],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    name: Annotated[
        str | None,
        typer.Option("--name", metavar="NAME", help="Who erases, for the audit log."),
    ] = None,
) -> None:
    """Erase everything PERSON wrote, everywhere, leaving tombstones."""
    try:
        platform, user_id = parse_person(person)
        moderator = operator(name)
    except BriefbotError as error:
        fail(error)
    who = f"{platform.value}:{user_id}"
    if not yes and not typer.confirm(
        f"Erase every comment by {who} everywhere? This cannot be undone.", default=False
    ):
        Console(stderr=True).print("Nothing was erased.", markup=False, highlight=False)
        raise typer.Exit(code=1)
    try:
        count = asyncio.run(_erase(platform, user_id, moderator))
    except BriefbotError as error:
        fail(error)
    said = f"Erased {_comments(count)} by {who}." if count else f"{who} wrote no comments."
    Console(soft_wrap=True).print(said, markup=False, highlight=False)
