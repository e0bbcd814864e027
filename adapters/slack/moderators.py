"""Who may moderate on Slack, decided at the time of each action.

A person moderates a channel's discussions when Slack says, for that very action, that
they are a workspace admin or owner (``users.info``: ``is_admin``, ``is_owner``,
``is_primary_owner``), or that they belong to one of the configured user groups
(``MOD_ROLES``: user-group ids ``S…``, read with ``usergroups.users.list``). Nothing is
cached and names never grant anything: someone demoted a minute ago is refused now.
"""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from typing import Protocol, cast

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.platform import SLACK
from bot.domain.moderation import Moderator
from bot.services.context import Context

from . import messages as slack_messages
from .errors import TRANSIENT, api_error_code
from .payloads import SlackUser
from .translate import author_from_user

__all__ = [
    "Check",
    "ChecksModerators",
    "ModeratorCheck",
    "SlackModerators",
    "refusal",
    "set_up_refusal",
]

log = logging.getLogger(__name__)


class Check(enum.Enum):
    ALLOWED = "allowed"
    REFUSED = "refused"
    UNKNOWN = "unknown"  # Slack could not say right now


@dataclass(frozen=True, slots=True)
class ModeratorCheck:
    """The outcome of one check; ``moderator`` is set only when ``ALLOWED``."""

    check: Check
    moderator: Moderator | None = None


def refusal(checked: ModeratorCheck) -> str:
    """The one sentence for a check that gave no moderator: Slack could not say right now, or
    the person is not a moderator here."""
    if checked.check is Check.UNKNOWN:
        return slack_messages.CANNOT_CHECK
    return slack_messages.NOT_A_MODERATOR


class ChecksModerators(Protocol):
    """What :func:`set_up_refusal` needs: :class:`SlackModerators`, or a double in tests."""

    async def check(self, user_id: str, team_id: str, channel_id: str) -> ModeratorCheck: ...


async def set_up_refusal(
    moderators: ChecksModerators, user_id: str, team_id: str, channel_id: str
) -> str | None:
    """The one rule for what changes where a channel's briefs come from and go to
    (``/briefbot link`` and ``/feed``): a moderator here, as :meth:`SlackModerators.check`
    decides. None when the person may, else the sentence to answer with.

    Slack exposes no "channel manager" role to apps outside Enterprise Grid, so on Slack
    the moderators (admins, owners, ``MOD_ROLES`` user groups) are the whole rule."""
    checked = await moderators.check(user_id, team_id, channel_id)
    return None if checked.check is Check.ALLOWED else refusal(checked)


class SlackModerators:
    """Checks people against Slack's own roles and the configured user groups."""

    def __init__(self, ctx: Context, client: AsyncWebClient, mod_roles: frozenset[str]) -> None:
        self.ctx = ctx
        self.client = client
        # Only user-group ids mean anything on Slack; Discord role ids in the same setting
        # are someone else's.
        self.groups = frozenset(r for r in mod_roles if r.startswith("S"))

    async def check(self, user_id: str, team_id: str, channel_id: str) -> ModeratorCheck:
        """The person as a moderator of this channel's room, refused, or unknown.

        A channel briefbot has never seen gives a moderator of no room (every action on a
        discussion is then refused by the core with its own sentence)."""
        try:
            response = await self.client.users_info(user=user_id)
        except TRANSIENT as error:
            log.warning("users.info failed for a moderator check: %s", type(error).__name__)
            return ModeratorCheck(Check.UNKNOWN)
        user = cast(SlackUser, response["user"])
        if user.get("deleted") or user.get("is_bot"):
            return ModeratorCheck(Check.REFUSED)
        admin = any(user.get(role) for role in ("is_admin", "is_owner", "is_primary_owner"))
        if not admin:
            member = await self._in_groups(user_id)
            if member is None:
                return ModeratorCheck(Check.UNKNOWN)
            if not member:
                return ModeratorCheck(Check.REFUSED)
        async with self.ctx.store.transaction() as tx:
            place = await tx.places.find(SLACK, team_id, channel_id)
        rooms = frozenset({place.room_id}) if place is not None else frozenset()
        name = author_from_user(user).display_name
        return ModeratorCheck(Check.ALLOWED, Moderator(SLACK, user_id, name, rooms))

    async def _in_groups(self, user_id: str) -> bool | None:
        for group in sorted(self.groups):
            try:
                response = await self.client.usergroups_users_list(usergroup=group)
            except SlackApiError as error:
                code = api_error_code(error)
                if code and code != "ratelimited":
                    # A group that does not exist (``no_such_subteam``) grants nothing.
                    log.warning("MOD_ROLES user group %s: %s", group, code)
                    continue
                return None
            except TRANSIENT as error:
                log.warning("usergroups.users.list failed for %s: %s", group, type(error).__name__)
                return None
            if user_id in (response.get("users") or []):
                return True
        return False
