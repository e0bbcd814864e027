"""The slash-command listeners driven directly, with the core on fakes (no Slack at all)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any, cast

import pytest
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import messages as slack_messages
from adapters.slack.commands import SlashCommands
from adapters.slack.directory import SlackDirectory
from adapters.slack.moderators import Check, ModeratorCheck
from bot import messages
from bot.briefing import FetchedPage
from bot.services.context import Context
from tests.app import running_app
from tests.unit.services.harness import ARTICLE_HTML, ARTICLE_URL

from .conftest import load


class Said:
    """Records what an ``ack`` or ``respond`` was called with."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    async def __call__(self, text: str = "", **kwargs: Any) -> None:
        self.texts.append(text)


class BrokenFetcher:
    async def fetch(self, url: str) -> FetchedPage:
        raise RuntimeError("boom: a bug deep inside")


@pytest.fixture
async def ctx() -> AsyncIterator[Context]:
    async with running_app(pages={ARTICLE_URL: ARTICLE_HTML}) as app:
        yield app.ctx


class FakeModerators:
    """Says everyone is (or nobody is) a moderator, without asking Slack."""

    def __init__(self, check: Check = Check.ALLOWED) -> None:
        self.outcome = check

    async def check(self, user_id: str, team_id: str, channel_id: str) -> ModeratorCheck:
        return ModeratorCheck(self.outcome)


def commands(ctx: Context, moderators: Check = Check.ALLOWED) -> SlashCommands:
    unused = AsyncWebClient(token="xoxb-unused", base_url="http://127.0.0.1:9/api/")
    return SlashCommands(ctx, SlackDirectory(unused), FakeModerators(moderators))


def command(text: str) -> dict[str, Any]:
    return {**load("slash_brief"), "text": text}


async def run(
    ctx: Context, text: str, name: str = "brief", moderators: Check = Check.ALLOWED
) -> tuple[Said, Said]:
    ack, respond = Said(), Said()
    listener = getattr(commands(ctx, moderators), name)
    await listener(cast(AsyncAck, ack), command(text), cast(AsyncRespond, respond))
    return ack, respond


async def test_brief_acks_then_answers_with_the_link(ctx: Context) -> None:
    ack, respond = await run(ctx, f"<{ARTICLE_URL}>")
    assert ack.texts == [""]
    progress, answer = respond.texts
    assert progress == slack_messages.WORKING
    assert answer.startswith("Posted the brief for “Mill Street bridge to close for repairs”")
    assert "https://slack.example/C0NEWS00001/" in answer


async def test_usage_errors_are_answered_in_the_ack(ctx: Context) -> None:
    ack, respond = await run(ctx, "")
    assert (ack.texts, respond.texts) == ([slack_messages.MISSING_URL], [])


async def test_an_unexpected_error_is_logged_and_answered_plainly(
    ctx: Context, caplog: pytest.LogCaptureFixture
) -> None:
    ctx.fetcher = BrokenFetcher()
    ack, respond = await run(ctx, "https://gazette.example/other")
    assert ack.texts == [""]
    assert respond.texts == [slack_messages.WORKING, messages.INTERNAL_ERROR]
    assert "boom" in caplog.text  # for the team, not for the reader


async def test_bad_usage_and_unreachable_pages_get_plain_sentences(ctx: Context) -> None:
    ack, _ = await run(ctx, "https://gazette.example/a b c")
    assert ack.texts == [slack_messages.BRIEF_USAGE]
    _, respond = await run(ctx, "https://gazette.example/missing")
    assert respond.texts == [slack_messages.WORKING, "The site could not be reached."]


async def test_briefbot_link_issues_a_code(ctx: Context) -> None:
    ack, respond = await run(ctx, "link", name="briefbot")
    assert ack.texts == [""]
    assert respond.texts[0].startswith("Link code: ")
    ack, respond = await run(ctx, "link NOPE2345", name="briefbot")
    assert respond.texts == [messages.link_code_invalid()]
    ack, respond = await run(ctx, "help", name="briefbot")
    assert ack.texts == [slack_messages.BRIEFBOT_USAGE]


async def test_briefbot_link_is_refused_to_whom_the_moderator_rule_refuses(ctx: Context) -> None:
    _, respond = await run(ctx, "link", name="briefbot", moderators=Check.REFUSED)
    assert respond.texts == [slack_messages.NOT_A_MODERATOR]
    _, respond = await run(ctx, "link", name="briefbot", moderators=Check.UNKNOWN)
    assert respond.texts == [slack_messages.CANNOT_CHECK]
