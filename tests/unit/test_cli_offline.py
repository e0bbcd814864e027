"""The command line's platforms: capabilities read from the adapters, never a connection."""

from __future__ import annotations

import warnings

import pytest

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK

with warnings.catch_warnings():
    # discord.py imports the deprecated audioop (voice) on Python 3.11; the erase command
    # reads DiscordChat's capabilities, so import it once here, quietly.
    warnings.simplefilter("ignore", DeprecationWarning)
    import discord  # noqa: F401

from adapters.discord.chat import DiscordChat
from adapters.slack.chat import SlackChat
from bot.cli.offline import OfflineChat, OfflineError, offline_platforms
from bot.domain.model import Thread
from tests.app import isolated_settings
from tests.integration.storage.builders import T0


def test_only_configured_platforms_appear_with_their_adapters_capabilities() -> None:
    assert offline_platforms(isolated_settings()) == {}
    both = offline_platforms(
        isolated_settings(discord_token="d", slack_bot_token="xoxb-1", slack_signing_secret="s")
    )
    assert set(both) == {DISCORD, SLACK}
    assert both[DISCORD].can_remove_originals is DiscordChat.can_remove_originals
    assert both[SLACK].can_remove_originals is SlackChat.can_remove_originals
    assert both[DISCORD].can_remove_originals != both[SLACK].can_remove_originals
    admin = offline_platforms(
        isolated_settings(
            slack_bot_token="xoxb-1", slack_signing_secret="s", slack_admin_user_token="xoxp-1"
        )
    )
    assert admin[SLACK].can_remove_originals  # an admin's user token deletes people's messages


async def test_reaching_a_platform_from_the_command_line_is_refused_in_one_sentence() -> None:
    chat = OfflineChat(DISCORD, can_remove_originals=True)
    thread = Thread(1, 1, 1, DISCORD, "g", "t", "m", T0)
    with pytest.raises(OfflineError) as raised:
        await chat.remove_original(thread, "m1")
    assert raised.value.user_message == (
        "The command line does not reach Discord: the running bot does."
    )
