"""Moderation services: every function takes the ``Context`` and returns plain results.

Moderators are built by adapters after checking the platform's own permissions at the time
of the action; these services trust them but enforce ``Moderator.rooms`` and write one
audit entry per action.
"""

from bot.services.moderation.actions import (
    approve,
    find_comment,
    hold,
    reject,
    remove_everywhere,
    report,
)
from bot.services.moderation.erase import erase_author
from bot.services.moderation.export import export_discussion
from bot.services.moderation.overview import (
    RoomOverview,
    RoomPlaces,
    moderated_rooms,
    room_overview,
)
from bot.services.moderation.policy_edits import (
    AddWord,
    PolicyChange,
    PolicyEdit,
    RemoveWord,
    SetBurst,
    SetFlag,
    SetReports,
    change_policy,
    describe_policy,
    parse_burst,
    policy_answer,
)
from bot.services.moderation.rooms import (
    audit_log,
    ban,
    close,
    moderation_queue,
    reopen,
    room_policy,
    set_policy,
    unban,
)
from bot.services.moderation.signin import (
    current_session,
    end_session,
    issue_login,
    start_session,
)
from bot.services.moderation.wordlist import parse_word_list

__all__ = [
    "AddWord",
    "PolicyChange",
    "PolicyEdit",
    "RemoveWord",
    "RoomOverview",
    "RoomPlaces",
    "SetBurst",
    "SetFlag",
    "SetReports",
    "approve",
    "audit_log",
    "ban",
    "change_policy",
    "close",
    "current_session",
    "describe_policy",
    "end_session",
    "erase_author",
    "export_discussion",
    "find_comment",
    "hold",
    "issue_login",
    "moderated_rooms",
    "moderation_queue",
    "parse_burst",
    "parse_word_list",
    "policy_answer",
    "reject",
    "remove_everywhere",
    "reopen",
    "report",
    "room_overview",
    "room_policy",
    "set_policy",
    "start_session",
    "unban",
]
