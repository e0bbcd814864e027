"""briefbot as production builds it, with fakes handed in: the one way tests get a Context.

``running_app`` calls :func:`bot.bootstrap.build_application`, so the gate, the web base
URL, brief sentences and the delivery workers' settings come from :class:`Settings` exactly
as in ``briefbot run``; only the store (a ``FakeStore``, or a real SQLite file when given
``tmp_path``), the fetcher, the chats and the clock are handed in.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic_settings import BaseSettings, PydanticBaseSettingsSource

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.bootstrap import Application, build_application, build_context
from bot.briefing import PageFetcher
from bot.config import Settings
from bot.ports.chat import ChatPlatform
from bot.ports.store import Store
from bot.services.context import Context, utcnow
from tests.eventually import eventually
from tests.fakes.chat import FakeChat, FakeFetcher
from tests.fakes.store import FakeStore

__all__ = ["AppUnderTest", "isolated_settings", "plain_context", "running_app"]

# Quick to poll and never throttled: the only settings where tests differ from production.
TEST_DEFAULTS: dict[str, Any] = {
    "database_url": "sqlite:///unused.sqlite3",
    "brief_cooldown_seconds": 0,
    "brief_wait_seconds": 5,
    "delivery_poll_seconds": 0.05,
    "public_base_url": "https://comments.example",
    "worker_name": "test",
    # Moderation holds nothing on its own unless a test asks: tests write many comments from
    # one author in a second, and from web readers seen for the first time.
    "mod_hold_first_web": False,
    "mod_burst": "0/60",
    # The feed poller runs only in the tests of feeds (it commits on its own schedule).
    "feeds_enabled": False,
}


class _ArgumentsOnly(Settings):
    """Settings from the test's arguments alone: no ``.env`` or environment leaks in."""

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings,)


def isolated_settings(**overrides: Any) -> Settings:
    """The test defaults above, then ``overrides`` (Settings field names)."""
    return _ArgumentsOnly(**{**TEST_DEFAULTS, **overrides})


def plain_context(
    store: Store | None = None, *, clock: Callable[[], datetime] = utcnow, **overrides: Any
) -> Context:
    """A Context built by the bootstrap with no platforms, for tests of one adapter."""
    settings = isolated_settings(**overrides)
    return build_context(settings, store or FakeStore(), FakeFetcher(), clock=clock)


@dataclass
class AppUnderTest:
    app: Application
    discord: FakeChat
    slack: FakeChat
    fetcher: FakeFetcher

    @property
    def ctx(self) -> Context:
        return self.app.ctx

    @property
    def store(self) -> Store:
        return self.app.store

    @property
    def settings(self) -> Settings:
        return self.app.settings

    def start_workers(self) -> None:
        self.app.start_deliveries()

    async def stop_workers(self) -> None:
        await self.app.stop_deliveries()

    async def settle(self, within: float = 10.0) -> None:
        """Wait until no delivery is pending or claimed."""

        async def idle() -> bool:
            async with self.store.transaction() as tx:
                counts = await tx.outbox.counts()
            return counts.get("pending", 0) + counts.get("claimed", 0) == 0

        await eventually(idle, within, every=0.01)


@asynccontextmanager
async def running_app(
    tmp_path: Path | None = None,
    *,
    pages: dict[str, str] | None = None,
    fetcher: PageFetcher | None = None,
    clock: Callable[[], datetime] = utcnow,
    deliver: bool = True,
    more_chats: Sequence[ChatPlatform] = (),
    **settings: Any,
) -> AsyncIterator[AppUnderTest]:
    """briefbot with fake Discord and Slack chats, connected and (unless ``deliver`` is
    false) delivering. The store is a ``FakeStore``, or a SQLite file under ``tmp_path``.
    ``more_chats`` are further platforms handed to the bootstrap as they are."""
    if tmp_path is not None:
        settings.setdefault("database_url", f"sqlite:///{tmp_path}/briefbot.sqlite3")
    config = isolated_settings(**settings)
    discord, slack = FakeChat(DISCORD), FakeChat(SLACK)
    fake_fetcher = FakeFetcher(dict(pages or {}))
    app = await build_application(
        config,
        store=None if tmp_path is not None else FakeStore(),
        fetcher=fetcher or fake_fetcher,
        chats=[discord, slack, *more_chats],
        clock=clock,
        with_web=False,
    )
    try:
        await app.connect()
        if deliver:
            app.start_deliveries()
        yield AppUnderTest(app, discord, slack, fake_fetcher)
    finally:
        await app.stop()
