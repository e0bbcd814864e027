"""Pure rendering of briefs and comment copies for each platform, always within limits."""

from bot.rendering.copies import CommentCopy, build_copy, discord_message, slack_message
from bot.rendering.discord_embed import brief_embed, thread_name
from bot.rendering.slack_blocks import brief_blocks, brief_fallback_text

__all__ = [
    "CommentCopy",
    "brief_blocks",
    "brief_embed",
    "brief_fallback_text",
    "build_copy",
    "discord_message",
    "slack_message",
    "thread_name",
]
