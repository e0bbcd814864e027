"""The discord.py client: slash commands, message collection and the catch-up on ready.

Intents are the four briefbot needs: ``guilds`` (channels and threads),
``guild_messages`` (message events), ``guild_reactions`` (🚩 reports) and the privileged
``message_content`` (the text of readers' comments). ``members`` is deliberately off:
names come with each message.
Nothing the bot sends can ping anyone (``AllowedMentions.none()`` is the default).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence

import discord
from discord import app_commands

from adapters.discord.catchup import CatchUp, catch_up, catch_up_threads
from adapters.discord.collector import CommentCollector
from adapters.discord.commands import build_commands, on_command_error
from adapters.discord.rejections import Rejections
from adapters.discord.reports import ReactionReports
from bot.domain.model import Thread
from bot.errors import BriefbotError
from bot.services.context import Context
from bot.services.inbox import Inbox

__all__ = ["BriefbotClient", "briefbot_intents", "build_client"]

log = logging.getLogger(__name__)


def briefbot_intents() -> discord.Intents:
    intents = discord.Intents.none()
    intents.guilds = True
    intents.guild_messages = True
    intents.message_content = True
    intents.guild_reactions = True  # 🚩 reports
    return intents


def build_client(
    ctx: Context,
    *,
    guild_ids: Sequence[int] = (),
    sync_commands: bool = True,
    guild_ready_timeout: float = 0.5,
    repair_seconds: float = 30.0,
    mod_roles: Sequence[str] = (),
) -> BriefbotClient:
    """The discord.py client for briefbot (the same role as Slack's ``build_client``):
    ``/brief`` and ``/briefbot link`` registered, comments collected, not yet connected."""
    return BriefbotClient(
        ctx,
        guild_ids=guild_ids,
        sync_commands=sync_commands,
        guild_ready_timeout=guild_ready_timeout,
        repair_seconds=repair_seconds,
        mod_roles=mod_roles,
    )


class BriefbotClient(discord.Client):
    """Runs ``/brief`` and ``/briefbot link`` and collects comments in discussion threads.

    ``guild_ids``: servers whose command list is synced on start-up (guild commands update
    at once); empty means the commands are synced globally. After every new gateway
    session the bot catches up on what happened in its threads while it was away; the
    latest result is in :attr:`caught_up` once :attr:`catch_up_done` is set. Threads whose
    events could not be stored are re-read every ``repair_seconds``.
    """

    def __init__(
        self,
        ctx: Context,
        *,
        guild_ids: Sequence[int] = (),
        sync_commands: bool = True,
        catch_up_threads: int = 50,
        repair_seconds: float = 30.0,
        guild_ready_timeout: float = 0.5,
        max_ratelimit_timeout: float = 30.0,
        mod_roles: Sequence[str] = (),
    ) -> None:
        # briefbot never joins a voice channel: discord.py's warnings that its voice
        # libraries (PyNaCl, davey) are missing would only puzzle whoever runs the bot.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        super().__init__(
            intents=briefbot_intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            guild_ready_timeout=guild_ready_timeout,
            max_ratelimit_timeout=max_ratelimit_timeout,
            chunk_guilds_at_startup=False,
        )
        self.ctx = ctx
        self.guild_ids = tuple(guild_ids)
        self.sync_commands = sync_commands
        self.catch_up_threads = catch_up_threads
        self.repair_seconds = repair_seconds
        self.tree = app_commands.CommandTree(self)
        for command in build_commands(ctx, frozenset(str(r) for r in mod_roles)):
            self.tree.add_command(command)
        self.tree.error(on_command_error)
        # Events are stored one at a time in arrival order, and wait behind the catch-up
        # that follows each new session, so stored order is the order readers wrote in.
        self.inbox = Inbox("discord", held=True)
        self.rejections = Rejections(self)
        self.reports = ReactionReports(ctx, self)
        self.collector = CommentCollector(
            ctx, self, self.inbox, self._catch_up_new_thread, on_rejected=self.rejections.tell
        )
        self.caught_up: CatchUp | None = None
        self.catch_up_done = asyncio.Event()
        self._catch_up_task: asyncio.Task[None] | None = None
        self._repair_task: asyncio.Task[None] | None = None
        self._early_task: asyncio.Task[None] | None = None

    async def setup_hook(self) -> None:
        """Register the slash commands with Discord (runs once, during login)."""
        if not self.sync_commands:
            return
        if not self.guild_ids:
            await self.tree.sync()
            return
        for guild_id in self.guild_ids:
            guild = discord.Object(guild_id)
            self.tree.copy_global_to(guild=guild)
            await self.tree.sync(guild=guild)

    async def on_ready(self) -> None:
        log.info("Discord is ready: %d server(s)", len(self.guilds))
        if self._catch_up_task is None or self._catch_up_task.done():
            self.catch_up_done.clear()
            self.inbox.hold()
            self._catch_up_task = asyncio.create_task(self._catch_up())
        if self._repair_task is None:
            self._repair_task = asyncio.create_task(self._repair_forever())
        if self._early_task is None:
            self._early_task = asyncio.create_task(self.collector.early.run())

    async def _catch_up(self) -> None:
        try:
            self.caught_up = await catch_up(self.ctx, self, max_threads=self.catch_up_threads)
            log.info("Discord catch-up: %s", self.caught_up)
        except Exception:
            log.exception("catching up on Discord threads failed")
        finally:
            self.inbox.release()
            self.catch_up_done.set()

    async def _catch_up_new_thread(self, thread: Thread) -> bool:
        """A thread recorded while running: read it for messages whose events never came
        (one that cannot be read now is left to the repair loop)."""
        result = await catch_up_threads(self.ctx, self, [(thread.workspace_id, thread.thread_ref)])
        self.collector.mark_unsaved(result.failed)
        return True

    async def _repair_forever(self) -> None:
        while True:
            await asyncio.sleep(self.repair_seconds)
            self.inbox.submit(self._repair_quietly)

    async def _repair_quietly(self) -> None:
        try:
            await self.repair()
        except Exception:  # keep repairing whatever one round ran into
            log.exception("repairing Discord threads failed")

    async def repair(self) -> None:
        """Re-read the threads whose live events could not be stored."""
        threads = self.collector.take_unsaved()
        if not threads:
            return
        try:
            result = await catch_up_threads(self.ctx, self, threads)
        except BriefbotError as error:  # the store is still down: try again later
            log.warning("repairing %d Discord thread(s) failed: %s", len(threads), error)
            self.collector.mark_unsaved(threads)
            return
        except BaseException:
            self.collector.mark_unsaved(threads)
            raise
        self.collector.mark_unsaved(result.failed)
        log.info("Discord repair: %s", result)

    async def on_message(self, message: discord.Message) -> None:
        self.inbox.submit(lambda: self.collector.on_message(message))

    async def on_raw_message_edit(self, event: discord.RawMessageUpdateEvent) -> None:
        self.inbox.submit(lambda: self.collector.on_edit(event))

    async def on_raw_message_delete(self, event: discord.RawMessageDeleteEvent) -> None:
        self.inbox.submit(lambda: self.collector.on_delete(event))

    async def on_raw_bulk_message_delete(self, event: discord.RawBulkMessageDeleteEvent) -> None:
        self.inbox.submit(lambda: self.collector.on_bulk_delete(event))

    async def on_raw_reaction_add(self, event: discord.RawReactionActionEvent) -> None:
        self.inbox.submit(lambda: self.reports.reaction(event))

    async def close(self) -> None:
        tasks = [
            t for t in (self._catch_up_task, self._repair_task, self._early_task) if t is not None
        ]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await self.inbox.close()
        await self.rejections.close()
        await super().close()
