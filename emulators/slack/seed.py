"""The default workspace every emulator starts with; ids are fixed so tests can name them."""

from __future__ import annotations

import time

from .state import Bot, Channel, Team, User, Usergroup, Workspace

__all__ = ["AVATAR_BASE", "seed_workspace"]

AVATAR_BASE = "https://avatars.riverside-gazette.example"

_USERS = (
    ("U0ANA000001", "ana", "Ana Lopez", "Ana"),
    ("U0BEN000001", "ben", "Ben Okafor", "Ben O."),
    ("U0CARA00001", "cara", "Cara Nguyen", "cara"),
)
# Ana created the workspace: its primary owner (and so an owner and an admin).
_OWNER = "U0ANA000001"

# (id, name, purpose, whether the bot was invited)
_CHANNELS = (
    ("C0NEWS00001", "news", "News briefs", True),
    ("C0GENERAL01", "general", "Anything else", True),
    ("C0RANDOM001", "random", "Off topic", False),
)


def seed_workspace() -> Workspace:
    """Riverside Gazette: the briefbot app, #news, #general and #random, three readers,
    @editors. Everyone is in every channel; the bot was invited to #news and #general only.
    Ana is the workspace's primary owner; Ben and Cara are plain members."""
    created = int(time.time()) - 86_400
    workspace = Workspace(
        Team(id="T0RIVGAZ001", name="Riverside Gazette", domain="riverside-gazette"),
        Bot(
            bot_id="B0BRIEFBOT1",
            app_id="A0BRIEFBOT1",
            user_id="U0BRIEFBOT1",
            name="briefbot",
            image_72=f"{AVATAR_BASE}/briefbot_72.png",
        ),
    )
    workspace.add_user(
        User(
            id="U0BRIEFBOT1",
            name="briefbot",
            real_name="briefbot",
            display_name="briefbot",
            image_72=f"{AVATAR_BASE}/briefbot_72.png",
            is_bot=True,
        )
    )
    for user_id, name, real_name, display_name in _USERS:
        workspace.add_user(
            User(
                id=user_id,
                name=name,
                real_name=real_name,
                display_name=display_name,
                image_72=f"{AVATAR_BASE}/{name}_72.png",
                is_admin=user_id == _OWNER,
                is_owner=user_id == _OWNER,
                is_primary_owner=user_id == _OWNER,
            )
        )
    people = {user_id for user_id, *_ in _USERS}
    bot = workspace.bot.user_id
    for channel_id, name, purpose, with_bot in _CHANNELS:
        members = people | {bot} if with_bot else set(people)
        workspace.add_channel(
            Channel(id=channel_id, name=name, created=created, purpose=purpose, members=members)
        )
    workspace.usergroups["S0EDITORS01"] = Usergroup(
        id="S0EDITORS01",
        handle="editors",
        name="Editors",
        users=["U0ANA000001", "U0CARA00001"],
    )
    return workspace
