"""One "briefbot" webhook per parent channel, found or created on first use.

Copies of comments are sent through a channel webhook so that each shows its author's
name and avatar. Discord allows a limited number of webhooks per channel, so briefbot
keeps exactly one per channel: it re-discovers the one it made earlier (after a restart)
by listing the channel's webhooks, and creates it only when there is none.
"""

from __future__ import annotations

import asyncio

import discord

__all__ = ["WEBHOOK_NAME", "WebhookPool"]

WEBHOOK_NAME = "briefbot"


class WebhookPool:
    """Our webhook of each channel, cached in memory; safe under concurrent use."""

    def __init__(self, client: discord.Client, name: str = WEBHOOK_NAME) -> None:
        self._client = client
        self._name = name
        self._hooks: dict[int, discord.Webhook] = {}
        self._locks: dict[int, asyncio.Lock] = {}

    def forget(self, channel_id: int) -> None:
        """Drop a cached webhook that Discord no longer knows (someone deleted it)."""
        self._hooks.pop(channel_id, None)

    async def get(self, channel_id: int) -> discord.Webhook:
        """The channel's briefbot webhook, created if the channel has none yet."""
        hook = await self._lookup(channel_id, create=True)
        if hook is None:  # pragma: no cover - _find_or_create returns one when creating
            raise discord.ClientException(f"no webhook for channel {channel_id}")
        return hook

    async def find(self, channel_id: int) -> discord.Webhook | None:
        """The channel's briefbot webhook if it exists; never creates one."""
        return await self._lookup(channel_id, create=False)

    async def _lookup(self, channel_id: int, *, create: bool) -> discord.Webhook | None:
        hook = self._hooks.get(channel_id)
        if hook is not None:
            return hook
        lock = self._locks.setdefault(channel_id, asyncio.Lock())
        async with lock:
            hook = self._hooks.get(channel_id)
            if hook is None:
                hook = await self._find_or_create(channel_id, create)
                if hook is not None:
                    self._hooks[channel_id] = hook
        return hook

    async def _find_or_create(self, channel_id: int, create: bool) -> discord.Webhook | None:
        channel = self._client.get_channel(channel_id)
        if channel is None:
            channel = await self._client.fetch_channel(channel_id)
        if not isinstance(channel, discord.TextChannel):
            raise discord.ClientException(f"channel {channel_id} cannot have webhooks")
        own = self._client.user.id if self._client.user else None
        for hook in await channel.webhooks():
            if hook.name == self._name and hook.token and hook.user and hook.user.id == own:
                return hook
        if not create:
            return None
        return await channel.create_webhook(
            name=self._name, reason="briefbot posts copies of linked comments through it"
        )
