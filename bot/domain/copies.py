"""What the core hands an adapter to copy a comment into another thread."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.model import Comment, Platform
from bot.domain.text import ANONYMOUS, clean_name
from bot.formatting import markdown_to_plain, trim

__all__ = ["QUOTE_CHARS", "CommentCopy", "build_copy"]

QUOTE_CHARS = 90


@dataclass(frozen=True, slots=True)
class CommentCopy:
    """A comment as it should appear elsewhere: who, from where, what, and in reply to what.

    ``text`` is neutral Markdown; ``reply_quote`` is plain text, to be shown literally;
    ``full_url`` is the comment on the web page, where a copy that had to be shortened
    (or a spoiler a platform cannot hide) can be read in full.
    """

    author_name: str
    origin: Platform
    avatar_url: str | None
    text: str
    reply_quote: str | None = None
    full_url: str | None = None

    @property
    def display_name(self) -> str:
        """ "Ana (Slack)": the name shows where the comment came from."""
        return f"{self.author_name} ({self.origin.label})"


def build_copy(
    comment: Comment, reply_to: Comment | None = None, full_url: str | None = None
) -> CommentCopy:
    quote: str | None = None
    if comment.reply_to_id is not None:
        if reply_to is None or not reply_to.visible:  # never quote what moderation hid
            quote = "Replying to a deleted comment"
        else:
            words = trim(markdown_to_plain(reply_to.text), QUOTE_CHARS)
            quote = f"Replying to {clean_name(reply_to.author.display_name) or ANONYMOUS}: {words}"
    return CommentCopy(
        author_name=clean_name(comment.author.display_name) or ANONYMOUS,
        origin=comment.author.platform,
        avatar_url=comment.author.avatar_url,
        text=comment.text,
        reply_quote=quote,
        full_url=full_url,
    )
