"""Pure parsing of ``/briefbot mod …``: ban, unban, close, open, login and the policy.

``/briefbot`` has ``should_escape: false``, so a person arrives as typed (``@ben``) or, from
clients that escape anyway, as ``<@U0BEN000001|ben>``; both are accepted, as are a bare
user id and ``platform:id`` for someone on Discord or the web. A discussion is the latest
one briefed in the channel, or the one a Slack link or an article link names.

The policy of the channel's room: ``policy`` shows it; ``ban-word``, ``unban-word``,
``suspect-word`` and ``unsuspect-word`` take the rest of the line as one entry (a word, words
in a row, ``bad*`` or ``re:<pattern>``; Slack's ``&amp;``/``&lt;``/``&gt;`` are undone);
``premoderate on|off``, ``hold-links on|off``, ``first-web on|off``, ``reports <n>`` and
``burst COUNT/SECONDS`` (or ``burst off``) switch the rules.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Literal

from adapters.slack.platform import SLACK
from bot.domain.model import Platform
from bot.errors import ModerationError
from bot.services.moderation import (
    AddWord,
    PolicyChange,
    RemoveWord,
    SetFlag,
    SetReports,
    parse_burst,
)
from bot.services.moderation.policy_edits import Flag, WordList

from . import messages as slack_messages
from .command_text import CommandUsageError

__all__ = ["ModRequest", "Target", "parse_mod"]

ModAction = Literal["ban", "unban", "close", "open", "login", "policy"]

_ESCAPED_USER = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")
_USER_ID = re.compile(r"^[UW][A-Z0-9]{6,}$")
_HANDLE = re.compile(r"^@([\w.\-]{1,80})$")
_PLATFORM_USER = re.compile(r"^([a-z][a-z0-9_-]{0,31}):(\S{1,100})$", re.IGNORECASE)
# The shape of a person's id on each platform, so that a mention, a role or a channel
# (``discord:<@&1>``, ``slack:<!channel>``), a link or a page of digits is not "banned".
_ID_SHAPES = {
    "discord": re.compile(r"\d{1,20}"),  # a snowflake: a 64-bit number
    "slack": re.compile(r"[UW][A-Z0-9]{2,20}"),
}
_ANY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")  # the web's ``web-…`` and others
_LINK = re.compile(r"^<?(https?://[^|>\s]+)(?:\|[^>]*)?>?$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Target:
    """Whom a ban names: a user id on a platform, or a Slack handle still to look up."""

    platform: Platform
    user_id: str | None = None
    handle: str | None = None


@dataclass(frozen=True, slots=True)
class ModRequest:
    action: ModAction
    target: Target | None = None
    link: str | None = None
    change: PolicyChange | None = None
    """For ``policy``: the change to make, or ``None`` to show the policy."""


def _target(token: str) -> Target:
    escaped = _ESCAPED_USER.match(token)
    if escaped:
        return Target(SLACK, user_id=escaped.group(1))
    if _USER_ID.match(token):
        return Target(SLACK, user_id=token)
    qualified = _PLATFORM_USER.match(token)
    if qualified:
        name, user_id = qualified.group(1).lower(), qualified.group(2)
        if not _ID_SHAPES.get(name, _ANY_ID).fullmatch(user_id):
            raise CommandUsageError(slack_messages.MOD_USAGE)
        return Target(Platform(name), user_id=user_id)
    handle = _HANDLE.match(token)
    if handle:
        return Target(SLACK, handle=handle.group(1))
    raise CommandUsageError(slack_messages.MOD_USAGE)


_WORD_COMMANDS: dict[str, type[AddWord] | type[RemoveWord]] = {
    "ban-word": AddWord,
    "unban-word": RemoveWord,
    "suspect-word": AddWord,
    "unsuspect-word": RemoveWord,
}
_SWITCHES: dict[str, Flag] = {
    "premoderate": "premoderate_web",
    "hold-links": "hold_links",
    "first-web": "hold_first_web",
}
_ON_OFF = {"on": True, "off": False}


def _policy(action: str, rest: list[str]) -> ModRequest | None:
    """A policy request, ``None`` if ``action`` is not one, or the policy usage."""
    if action == "policy":
        if rest:
            raise CommandUsageError(slack_messages.POLICY_USAGE)
        return ModRequest("policy")
    kind = _WORD_COMMANDS.get(action)
    if kind is not None:
        entry = html.unescape(" ".join(rest))
        if not entry.strip():
            raise CommandUsageError(slack_messages.POLICY_USAGE)
        words: WordList = "suspect" if action.endswith("suspect-word") else "banned"
        return ModRequest("policy", change=kind(words, entry))
    flag = _SWITCHES.get(action)
    if flag is not None:
        if len(rest) != 1 or rest[0].lower() not in _ON_OFF:
            raise CommandUsageError(slack_messages.POLICY_USAGE)
        on = _ON_OFF[rest[0].lower()]
        return ModRequest("policy", change=SetFlag(flag, on))
    if action == "reports":
        if len(rest) != 1 or not rest[0].isascii() or not rest[0].isdigit():
            raise CommandUsageError(slack_messages.POLICY_USAGE)
        return ModRequest("policy", change=SetReports(int(rest[0])))
    if action == "burst":
        if len(rest) != 1:
            raise CommandUsageError(slack_messages.POLICY_USAGE)
        try:
            return ModRequest("policy", change=parse_burst(rest[0]))
        except ModerationError as error:
            raise CommandUsageError(error.user_message) from None
    return None


def parse_mod(words: list[str]) -> ModRequest:
    """``words`` after ``mod``; raises :class:`CommandUsageError` with the usage sentence."""
    if not words:
        raise CommandUsageError(slack_messages.MOD_USAGE)
    action = words[0].lower()
    rest = words[1:]
    if action in ("ban", "unban"):
        if len(rest) != 1:
            raise CommandUsageError(slack_messages.MOD_USAGE)
        return ModRequest(action, target=_target(rest[0]))  # type: ignore[arg-type]
    if action in ("close", "open"):
        if len(rest) > 1:
            raise CommandUsageError(slack_messages.MOD_USAGE)
        link = None
        if rest:
            match = _LINK.match(rest[0])
            if match is None:
                raise CommandUsageError(slack_messages.MOD_USAGE)
            link = html.unescape(match.group(1))
        return ModRequest(action, link=link)  # type: ignore[arg-type]
    if action == "login" and not rest:
        return ModRequest("login")
    policy = _policy(action, rest)
    if policy is not None:
        return policy
    raise CommandUsageError(slack_messages.MOD_USAGE)
