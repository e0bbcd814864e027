"""The slack-bolt ``AsyncApp``: slash commands, message events, the moderation shortcuts
and reactions wired to briefbot."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, cast

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.logger import get_bolt_logger
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk.web.async_client import AsyncWebClient

from .collector import CommentCollector
from .commands import SlashCommands
from .payloads import MessageEvent
from .shortcuts import HOLD_CALLBACK, REMOVE_CALLBACK, ModerationShortcuts

__all__ = ["build_client"]


class _NotTheUnusedTokenWarning(logging.Filter):
    """Drops bolt's "`token` will be unused": bolt reads SLACK_BOT_TOKEN from the environment
    by itself even when given a client, and the client does use that very token."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


_UNUSED_TOKEN_FILTER = _NotTheUnusedTokenWarning()


def _skip_unused_token_warning() -> None:
    bolt_log = get_bolt_logger(AsyncApp)
    if _UNUSED_TOKEN_FILTER not in bolt_log.filters:
        bolt_log.addFilter(_UNUSED_TOKEN_FILTER)


def build_client(
    client: AsyncWebClient,
    commands: SlashCommands,
    collector: CommentCollector,
    *,
    signing_secret: str | None = None,
    shortcuts: ModerationShortcuts | None = None,
    feeds: Callable[..., Awaitable[None]] | None = None,
) -> AsyncApp:
    """The bolt app for one workspace (the same role as Discord's ``build_client``).

    With ``signing_secret`` every HTTP request is verified; without it the app only serves
    Socket Mode (whose connection is already authenticated).
    """
    _skip_unused_token_warning()
    app = AsyncApp(
        client=client,
        signing_secret=signing_secret or "",
        request_verification_enabled=signing_secret is not None,
        # bolt drops events our bot user wrote; our copies are filtered again by bot id.
        ignoring_self_events_enabled=True,
    )
    app.command("/brief")(commands.brief)
    app.command("/briefbot")(commands.briefbot)
    if feeds is not None:
        app.command("/feed")(feeds)

    async def on_message(
        event: dict[str, Any], body: dict[str, Any], context: AsyncBoltContext
    ) -> None:
        workspace_id = context.team_id or str(body.get("team_id", ""))
        await collector.on_message(cast(MessageEvent, event), workspace_id)

    app.event("message")(on_message)
    if shortcuts is not None:
        app.shortcut(REMOVE_CALLBACK)(shortcuts.remove)
        app.shortcut(HOLD_CALLBACK)(shortcuts.hold)
        app.event("reaction_added")(shortcuts.on_reaction)
    return app
