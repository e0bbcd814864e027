"""Permission bits and the effective permissions of a member.

Bits from https://discord.com/developers/docs/topics/permissions#permissions-bitwise-permission-flags;
the computation follows "Permission Hierarchy" on the same page: the guild owner and
members with ADMINISTRATOR have every permission (the emulator has no channel overwrites).
"""

from __future__ import annotations

from .state import Guild, Member

__all__ = [
    "ADD_REACTIONS",
    "ADMINISTRATOR",
    "ALL_PERMISSIONS",
    "MANAGE_MESSAGES",
    "MANAGE_THREADS",
    "READ_MESSAGE_HISTORY",
    "effective_permissions",
    "has_permission",
]

ADMINISTRATOR = 1 << 3
ADD_REACTIONS = 1 << 6
MANAGE_MESSAGES = 1 << 13
READ_MESSAGE_HISTORY = 1 << 16
MANAGE_THREADS = 1 << 34
ALL_PERMISSIONS = (1 << 53) - 1


def effective_permissions(guild: Guild, member: Member) -> int:
    """@everyone's permissions plus every role's; everything for the owner or an admin."""
    if member.user_id == guild.owner_id:
        return ALL_PERMISSIONS
    perms = guild.roles[guild.id].permissions
    for role_id in member.roles:
        role = guild.roles.get(role_id)
        if role is not None:
            perms |= role.permissions
    return ALL_PERMISSIONS if perms & ADMINISTRATOR else perms


def has_permission(guild: Guild, user_id: int, permission: int) -> bool:
    member = guild.members.get(user_id)
    return member is not None and effective_permissions(guild, member) & permission == permission
