"""Moderators' one-time sign-in links and server-side sessions."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from bot import messages
from bot.domain.model import Platform
from bot.domain.moderation import Moderator
from bot.errors import SignInError
from bot.services.context import Context
from bot.services.moderation import (
    audit_log,
    current_session,
    end_session,
    issue_login,
    start_session,
)
from tests.app import plain_context
from tests.fakes.store import FakeStore

MOD = Moderator(Platform.SLACK, "U1", "Mo", frozenset({1}))


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


async def context() -> tuple[Context, FakeStore, Clock]:
    store, clock = FakeStore(), Clock()
    await store.open()
    return plain_context(store, clock=clock), store, clock


async def test_a_link_starts_one_session_and_only_its_hash_is_stored() -> None:
    ctx, store, _ = await context()
    token = await issue_login(ctx, MOD)
    assert len(token) >= 43  # 32 random bytes
    assert list(store.state.logins) == [hashlib.sha256(token.encode()).hexdigest()]
    session = await start_session(ctx, token)
    assert session.moderator == MOD and session.csrf and session.id != token
    assert session.id not in store.state.sessions  # stored hashed too
    found = await current_session(ctx, session.id)
    assert found == session
    with pytest.raises(SignInError) as reused:
        await start_session(ctx, token)
    assert reused.value.user_message == messages.SIGN_IN_USED
    assert [e.action for e in await audit_log(ctx, Moderator(Platform.WEB, "op", "Op"))] == [
        "sign_in",
        "login_link",
    ]


async def test_a_link_expires_after_fifteen_minutes() -> None:
    ctx, _, clock = await context()
    token = await issue_login(ctx, MOD)
    clock.now += timedelta(minutes=15)
    with pytest.raises(SignInError) as expired:
        await start_session(ctx, token)
    assert expired.value.user_message == messages.SIGN_IN_EXPIRED


@pytest.mark.parametrize("forged", ["", "nope", "x" * 500, "a b", "é"])
async def test_unknown_or_malformed_links_are_refused_in_one_sentence(forged: str) -> None:
    ctx, _, _ = await context()
    await issue_login(ctx, MOD)
    with pytest.raises(SignInError) as refused:
        await start_session(ctx, forged)
    assert refused.value.user_message == messages.SIGN_IN_UNKNOWN


async def test_sessions_end_on_the_server_and_forged_ids_find_nothing() -> None:
    ctx, _, clock = await context()
    session = await start_session(ctx, await issue_login(ctx, MOD))
    assert await current_session(ctx, None) is None
    assert await current_session(ctx, session.id + "x") is None
    assert await current_session(ctx, session.csrf) is None  # the CSRF secret is no id
    clock.now += timedelta(hours=8)
    assert await current_session(ctx, session.id) is None  # expired on the server
    other = await start_session(ctx, await issue_login(ctx, MOD))
    assert other.csrf != session.csrf
    await end_session(ctx, other.id)
    assert await current_session(ctx, other.id) is None
