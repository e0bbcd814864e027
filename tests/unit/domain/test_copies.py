from __future__ import annotations

from adapters.discord.platform import DISCORD
from bot.domain.copies import build_copy
from tests.unit.domain.samples import NOW, comment


def test_copy_names_the_origin_platform() -> None:
    assert build_copy(comment("**hi**")).display_name == "Ana (Slack)"


def test_reply_quote_is_plain_words_with_spoilers_hidden() -> None:
    parent = comment("The **bridge** ends ||in tears||", name="Ben", id=1)
    reply = comment("I disagree", id=2, reply_to_id=1, platform=DISCORD)
    assert build_copy(reply, parent).reply_quote == "Replying to Ben: The bridge ends [spoiler]"


def test_reply_to_deleted_comment() -> None:
    reply = comment("me too", reply_to_id=9)
    assert build_copy(reply, None).reply_quote == "Replying to a deleted comment"
    parent = comment("gone", id=9, deleted_at=NOW)
    assert build_copy(reply, parent).reply_quote == "Replying to a deleted comment"
