"""``briefbot run --roles``: what each role starts, and a leased platform's hand-over."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from typer.testing import CliRunner

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.bootstrap import Application, build_application
from bot.cli import app as cli
from bot.errors import ConfigError
from bot.ports.chat import ChatPlatform
from bot.roles import ALL_ROLES, Role, parse_roles
from bot.services.handover import HandOverChat
from tests.app import isolated_settings
from tests.eventually import eventually
from tests.fakes.chat import FakeChat
from tests.fakes.store import FakeStore


class RecordingRunner:
    """A platform runner that remembers how it was started (``receive`` or not)."""

    def __init__(self, chat: ChatPlatform) -> None:
        self.chat = chat
        self.starts: list[bool] = []
        self.stopped = False
        self.running = True

    async def start(self, *, receive: bool = True) -> None:
        self.starts.append(receive)

    async def stop(self) -> None:
        self.stopped = True


class FakeLease:
    """A lease the test grants and takes away."""

    def __init__(self) -> None:
        self.granted = asyncio.Event()
        self.gone = asyncio.Event()
        self.releases = 0

    async def acquire(self) -> None:
        await self.granted.wait()
        self.granted.clear()

    async def lost(self) -> None:
        await self.gone.wait()
        self.gone.clear()

    async def release(self) -> None:
        self.releases += 1


def _delivery_tasks() -> list[str]:
    return sorted(
        t.get_name() for t in asyncio.all_tasks() if t.get_name().startswith("deliveries-")
    )


@asynccontextmanager
async def started(roles: frozenset[Role], **wiring: Any) -> AsyncIterator[Application]:
    app = await build_application(
        isolated_settings(web_port=0),
        store=FakeStore(),
        chats=[FakeChat(DISCORD), FakeChat(SLACK)],
        roles=roles,
    )
    for platform in (DISCORD, SLACK):
        app.runners[platform] = RecordingRunner(app.runners[platform].chat)
    for name, value in wiring.items():
        setattr(app, name, value)
    await app.start()
    try:
        yield app
    finally:
        await app.stop()


def test_roles_are_parsed_from_a_comma_separated_list() -> None:
    assert parse_roles(None) == parse_roles("") == ALL_ROLES
    assert parse_roles(" Web, workers ") == {Role.WEB, Role.WORKERS}
    assert parse_roles("feeds") == {Role.FEEDS}
    with pytest.raises(ConfigError, match="Unknown role gatway: choose from gateway"):
        parse_roles("gatway,web")


def test_the_run_command_refuses_an_unknown_role_in_one_sentence() -> None:
    result = CliRunner().invoke(cli, ["run", "--roles", "web,cron"])
    assert result.exit_code == 2
    assert "Unknown role cron: choose from gateway, workers, web, feeds." in result.stderr
    assert "Traceback" not in result.stderr
    assert "--roles" in CliRunner().invoke(cli, ["run", "--help"]).stdout


async def test_a_web_only_process_starts_no_gateway_and_no_workers() -> None:
    async with started(frozenset({Role.WEB})) as app:
        assert app.web_url is not None
        assert app.runners == {}
        assert app.ctx.platforms == {}
        assert _delivery_tasks() == []


async def test_a_workers_only_process_logs_in_without_receiving_and_delivers() -> None:
    async with started(frozenset({Role.WORKERS})) as app:
        assert [app.runners[p].starts for p in (DISCORD, SLACK)] == [[False], [False]]  # type: ignore[attr-defined]
        assert set(app.ctx.platforms) == {DISCORD, SLACK}
        assert _delivery_tasks() == ["deliveries-discord", "deliveries-slack"]
        assert app.web is None


async def test_a_gateway_only_process_receives_and_delivers_nothing() -> None:
    async with started(frozenset({Role.GATEWAY})) as app:
        assert [app.runners[p].starts for p in (DISCORD, SLACK)] == [[True], [True]]  # type: ignore[attr-defined]
        assert _delivery_tasks() == []
        assert app.web is None


async def test_a_leased_platform_is_received_only_while_its_lease_is_held() -> None:
    lease = FakeLease()
    receivers: list[RecordingRunner] = []

    def receiver() -> RecordingRunner:
        receivers.append(RecordingRunner(FakeChat(DISCORD)))
        return receivers[-1]

    wiring = {
        "leases": {DISCORD: lease},
        "receivers": {DISCORD: receiver},
        "lease_retry_seconds": 0.05,
    }
    async with started(ALL_ROLES, **wiring) as app:
        # Delivering does not wait for the lease: Discord is logged in, not receiving.
        assert app.runners[DISCORD].starts == [False]  # type: ignore[attr-defined]
        assert _delivery_tasks() == ["deliveries-discord", "deliveries-slack"]
        await asyncio.sleep(0.05)
        assert receivers == [] and DISCORD not in app.holding

        delivering = app.ctx.platforms[DISCORD]
        assert isinstance(delivering, HandOverChat)
        assert delivering._chat is app.runners[DISCORD].chat  # logged in, not receiving

        lease.granted.set()
        await eventually(lambda: _true(DISCORD in app.holding))
        assert receivers[0].starts == [True]
        assert delivering._chat is receivers[0].chat  # the receiving client delivers now

        lease.gone.set()  # the database connection died: another process may hold it now
        await eventually(lambda: _true(receivers[0].stopped))
        assert DISCORD not in app.holding and lease.releases == 1
        assert delivering._chat is app.runners[DISCORD].chat

        lease.granted.set()  # and back again
        await eventually(lambda: _true(len(receivers) == 2 and DISCORD in app.holding))

        receivers[1].running = False  # Discord ended the connection for good: give the lease up
        await eventually(lambda: _true(lease.releases == 2))
        assert receivers[1].stopped and DISCORD not in app.holding
        lease.granted.set()  # after a pause, it tries again
        await eventually(lambda: _true(len(receivers) == 3 and DISCORD in app.holding))
    assert receivers[2].stopped


async def _true(value: bool) -> bool:
    return value
