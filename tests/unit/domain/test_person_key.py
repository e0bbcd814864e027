"""The one spelling of a person in the moderation records (audit log, bans, reporters)."""

from __future__ import annotations

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.domain.model import WEB
from bot.domain.moderation import Moderator, person_key


def test_a_person_is_the_platform_and_the_user_id() -> None:
    assert person_key(DISCORD, "123") == "discord:123"
    assert person_key(SLACK, "U1") == "slack:U1"
    assert person_key(WEB, "c-9") == "web:c-9"


def test_a_moderator_key_is_the_same_spelling() -> None:
    moderator = Moderator(DISCORD, "42", "Ana", frozenset({1}))
    assert moderator.key() == person_key(DISCORD, "42") == "discord:42"
