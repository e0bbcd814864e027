"""Comment text between dialects.

Comments are stored in briefbot's neutral form: Discord-flavoured Markdown (``**bold**``,
``*italic*``, ``~~strike~~``, `` `code` ``, fenced blocks, ``[text](url)``, ``> quote``) with
every user, channel and role mention already turned into a plain name ("@Ana", "#news").
Each platform's incoming text is converted *to* that form at the edge, and each copy is
converted *from* it for its target, so no mention syntax survives a crossing.
"""

from bot.formatting.discord import discord_to_markdown, markdown_to_discord
from bot.formatting.html import markdown_to_html
from bot.formatting.plain import markdown_to_plain, trim
from bot.formatting.resolve import MentionNames, NoNames
from bot.formatting.slack import markdown_to_slack, slack_to_markdown

__all__ = [
    "MentionNames",
    "NoNames",
    "discord_to_markdown",
    "markdown_to_discord",
    "markdown_to_html",
    "markdown_to_plain",
    "markdown_to_slack",
    "slack_to_markdown",
    "trim",
]
