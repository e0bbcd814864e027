from __future__ import annotations

from adapters.discord.platform import DISCORD
from adapters.slack.chat import copy_payload
from bot.domain.copies import CommentCopy


def test_copy_metadata_identifies_the_copy_without_its_text() -> None:
    copy = CommentCopy("Marek", DISCORD, None, "I cycle across that bridge every day.")
    payload = copy_payload(copy)
    assert payload["origin"] == "discord"
    assert payload["author"] == "Marek"
    assert "bridge" not in payload["digest"]
    assert copy_payload(copy) == payload
    other = CommentCopy("Marek", DISCORD, None, "Something else.")
    assert copy_payload(other) != payload
