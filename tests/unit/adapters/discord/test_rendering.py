"""What the adapter sends stays inside Discord's limits, counted by discord.py itself."""

from __future__ import annotations

import discord

from adapters.discord.embed import brief_embed, thread_name
from adapters.discord.render import discord_message
from adapters.slack.platform import SLACK
from bot.briefing.model import Brief, KeyFigure
from bot.domain.copies import CommentCopy


def huge_brief() -> Brief:
    figures = tuple(KeyFigure(f"{i:,}" * 40, "people " * 300, "") for i in range(40))
    return Brief(
        title="Flood " * 200,
        text="word " * 5000,
        summary=("A very long sentence about the river. " * 80,) * 3,
        key_figures=figures,
        url="https://courier.example/news/flood",
        site_name="Eastbrook Courier " * 200,
    )


def test_a_huge_brief_still_fits_one_embed() -> None:
    embed = discord.Embed.from_dict(brief_embed(huge_brief()))
    assert len(embed) <= 6000  # discord.py's count of the characters Discord limits
    assert embed.title is not None and len(embed.title) <= 256
    assert embed.description is not None and len(embed.description) <= 4096
    assert len(embed.fields) <= 25
    assert all(len(f.name or "") <= 256 and len(f.value or "") <= 1024 for f in embed.fields)


def test_thread_names_fit_discords_100_characters() -> None:
    assert 1 <= len(thread_name(huge_brief())) <= 100


def test_a_copy_cannot_ping_even_before_allowed_mentions() -> None:
    copy = CommentCopy("Discord Fan", SLACK, None, "@everyone look <@123456789012345678>")
    message = discord_message(copy)
    assert "@everyone" not in message.content
    assert "<@1" not in message.content
    assert "discord" not in message.username.lower()  # Discord refuses such webhook names
    assert message.username.endswith("(Slack)")
