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


def seed_workspace() -> Workspace:
    """Riverside Gazette: the briefbot app, #news and #general, three readers, @editors."""
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
            )
        )
    workspace.add_channel(
        Channel(id="C0NEWS00001", name="news", created=created, purpose="News briefs")
    )
    workspace.add_channel(
        Channel(id="C0GENERAL01", name="general", created=created, purpose="Anything else")
    )
    workspace.usergroups["S0EDITORS01"] = Usergroup(
        id="S0EDITORS01",
        handle="editors",
        name="Editors",
        users=["U0ANA000001", "U0CARA00001"],
    )
    return workspace
