"""The emulator's pure rules: who a message pings, and Discord's validation limits."""

from __future__ import annotations

from typing import Any

import pytest

from emulators.discord.errors import DiscordError
from emulators.discord.mentions import DEFAULT_PARSE, WEBHOOK_PARSE, compute_pings
from emulators.discord.seed import seed_state
from emulators.discord.validation import validate_message, validate_webhook_name

STATE = seed_state()
GUILD = STATE.guild
READER = next(u.id for u in STATE.users.values() if u.username == "maria.lopez")
MODS = next(r.id for r in GUILD.roles.values() if r.name == "Moderators")
TEXT = f"@everyone @here <@{READER}> <@!{READER}> <@&{MODS}>"


def pings(allowed: dict[str, Any] | None, parse: frozenset[str] = DEFAULT_PARSE) -> Any:
    return compute_pings(GUILD, TEXT, allowed, default_parse=parse).to_dict()


def test_defaults_for_regular_and_webhook_messages() -> None:
    everything = pings(None)
    assert everything == {
        "users": [str(READER)],
        "roles": [str(MODS)],
        "everyone": True,
        "here": True,
    }
    assert pings(None, WEBHOOK_PARSE) == {
        "users": [str(READER)],
        "roles": [],
        "everyone": False,
        "here": False,
    }


def test_parse_empty_and_explicit_lists() -> None:
    assert pings({"parse": []}) == {"users": [], "roles": [], "everyone": False, "here": False}
    assert pings({"users": [str(READER)]})["users"] == [str(READER)]
    assert pings({"roles": [str(MODS)]})["roles"] == [str(MODS)]
    assert pings({"users": ["1"]})["users"] == []


def test_reply_pings_replied_user_only_when_allowed() -> None:
    other = next(u.id for u in STATE.users.values() if u.username == "dev_okafor")

    def replied(allowed: dict[str, Any] | None) -> list[int]:
        return compute_pings(
            GUILD, "ok", allowed, default_parse=DEFAULT_PARSE, replied_user_id=other
        ).users

    assert replied(None) == [other]
    assert replied({"parse": []}) == []
    assert replied({"parse": [], "replied_user": True}) == [other]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"content": "x" * 2001}, 50035),
        ({"content": ""}, 50006),
        ({"embeds": [{"title": "t"}] * 11}, 50035),
        ({"embeds": [{"description": "d" * 4097}]}, 50035),
        ({"embeds": [{"footer": {"text": "f" * 2049}}]}, 50035),
        ({"embeds": [{"author": {"name": "a" * 257}}]}, 50035),
        ({"embeds": [{"fields": [{"name": "n", "value": "v" * 1025}]}]}, 50035),
        ({"content": "x", "allowed_mentions": {"parse": ["users"], "users": ["1"]}}, 50035),
    ],
)
def test_message_validation(body: dict[str, Any], code: int) -> None:
    with pytest.raises(DiscordError) as error:
        validate_message(body, creating=True)
    assert error.value.code == code


def test_limits_are_inclusive() -> None:
    validate_message({"content": "x" * 2000, "embeds": [{"title": "t" * 256}]}, creating=True)


@pytest.mark.parametrize("name", ["", "x" * 81, "Clyde bot", "my DISCORD relay"])
def test_webhook_username_rules(name: str) -> None:
    with pytest.raises(DiscordError) as error:
        validate_webhook_name(name)
    assert error.value.code == 50035
