"""The four actions of the queue, shared by the HTML forms and the JSON API."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from aiohttp import web

from adapters.web.mod import texts
from adapters.web.params import parse_id
from bot.domain.model import Platform
from bot.domain.moderation import Moderator
from bot.errors import InvalidDataError, NotFoundError
from bot.services.context import Context
from bot.services.moderation import approve, ban, reject, remove_everywhere

__all__ = ["ACTIONS", "Action", "Outcome", "act", "comment_action_in_path", "parse_action"]

Action = Literal["approve", "reject", "remove", "ban"]
ACTIONS: tuple[Action, ...] = ("approve", "reject", "remove", "ban")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What was done; ``kept`` names platforms where the author's own message stays."""

    action: Action
    comment_id: int
    kept: list[Platform] = field(default_factory=list)

    @property
    def sentence(self) -> str:
        return texts.kept_originals(self.kept) if self.kept else texts.DONE[self.action]


def parse_action(name: str) -> Action | None:
    """``"approve"`` → the action; anything else → None."""
    return next((a for a in ACTIONS if a == name), None)


def comment_action_in_path(request: web.Request) -> tuple[int, Action]:
    """The ``{comment_id}`` and ``{action}`` of the path, or one sentence (404 / 400)."""
    comment_id = parse_id(request.match_info["comment_id"])
    action = parse_action(request.match_info["action"])
    if comment_id is None:
        raise NotFoundError(texts.NO_COMMENT)
    if action is None:
        raise InvalidDataError(texts.BAD_ACTION)
    return comment_id, action


async def act(ctx: Context, moderator: Moderator, comment_id: int, action: Action) -> Outcome:
    """Do ``action`` on the comment as ``moderator``; the services check the room and audit it.

    Raises ``NotFoundError`` (no such comment) or ``NotAllowedError`` (another room's).
    """
    if action == "approve":
        await approve(ctx, comment_id, moderator)
    elif action == "reject":
        await reject(ctx, comment_id, moderator)
    elif action == "remove":
        removal = await remove_everywhere(ctx, comment_id, moderator)
        kept = sorted({place.platform for place in removal.kept})
        return Outcome(action, comment_id, kept)
    else:
        async with ctx.store.transaction() as tx:
            comment = await tx.comments.get(comment_id)
            discussion = await tx.discussions.get(comment.discussion_id)
        author = comment.author
        await ban(ctx, discussion.room_id, author.platform, author.user_id, moderator)
    return Outcome(action, comment_id)
