"""The composition root turns settings into the parts, the same for tests and production."""

from __future__ import annotations

import os
from pathlib import Path

from adapters.discord.platform import BADGE_COLOURS as DISCORD_COLOURS
from adapters.discord.platform import DISCORD
from adapters.slack.platform import BADGE_COLOURS as SLACK_COLOURS
from adapters.slack.platform import SLACK
from adapters.web.badges import badge_css
from adapters.web.state import STATE
from bot.bootstrap import build_application, build_worker
from tests.app import isolated_settings, running_app
from tests.fakes.chat import FakeChat
from tests.fakes.store import FakeStore


async def test_the_context_and_workers_are_built_from_the_settings() -> None:
    async with running_app(
        brief_allowed=["role-editors"],
        brief_cooldown_seconds=12,
        brief_sentences=4,
        brief_wait_seconds=9,
        public_base_url="https://talk.gazette.example",
        delivery_lease_seconds=42,
        delivery_poll_seconds=0.5,
        worker_name="host-7",
    ) as app:
        ctx = app.ctx
        assert ctx.article_url(5) == "https://talk.gazette.example/a/5"
        assert (ctx.brief_sentences, ctx.brief_wait_seconds) == (4, 9)
        assert ctx.gate.allowed == frozenset({"role-editors"})
        assert ctx.gate.cooldown_seconds == 12
        assert ctx.platforms == {DISCORD: app.discord, SLACK: app.slack}
        worker = build_worker(app.settings, ctx, app.slack)
        assert (worker.lease_seconds, worker.idle_poll_seconds) == (42, 0.5)
        # The prefix from the settings, then this process and the worker's start time.
        assert worker.worker_id.startswith(f"slack@host-7.{os.getpid()}.")


async def test_a_sqlite_store_is_opened_from_the_database_url(tmp_path: Path) -> None:
    async with running_app(tmp_path) as app:
        async with app.store.transaction() as tx:
            place = await tx.places.ensure(SLACK, "T1", "CNEWS", "news")
            await tx.commit()
        assert place.id > 0
        assert type(app.store).__name__ == "SqliteStore"


async def test_the_web_page_gets_each_chat_adapters_badge_colours() -> None:
    app = await build_application(
        isolated_settings(), store=FakeStore(), chats=[FakeChat(DISCORD)], with_web=True
    )
    try:
        assert app.web is not None
        colours = app.web.app[STATE].options.badge_colours
        assert colours == {"discord": DISCORD_COLOURS, "slack": SLACK_COLOURS}
        assert f".badge-slack {{ --badge: {SLACK_COLOURS[0]}; }}" in badge_css(colours)
    finally:
        await app.stop()
