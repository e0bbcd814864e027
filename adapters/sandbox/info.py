"""What ``data/sandbox.json`` says: every URL, port and id a person or a script needs.

Built from the emulators' ``/_control/state`` answers, so the ids are the emulators' own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TypedDict

__all__ = [
    "DiscordInfo",
    "SandboxInfo",
    "SeededUser",
    "SlackInfo",
    "WebInfo",
    "discord_info",
    "slack_info",
    "write_info",
]


class SeededUser(TypedDict):
    """A person the sandbox can act as: platform id, handle, and the name briefbot shows."""

    id: str
    username: str
    name: str


class WebInfo(TypedDict):
    url: str
    sandbox_page: str
    articles: str
    article_page: str
    port: int


class DiscordInfo(TypedDict):
    base_url: str
    api_base: str
    gateway_url: str
    control_url: str
    events_url: str
    port: int
    guild_id: str
    channels: dict[str, str]
    bot_user_id: str
    application_id: str
    users: list[SeededUser]


class SlackInfo(TypedDict):
    base_url: str
    api_url: str
    control_url: str
    events_url: str
    port: int
    team_id: str
    channels: dict[str, str]
    bot_user_id: str
    bot_id: str
    app_id: str
    users: list[SeededUser]


class SandboxInfo(TypedDict):
    """The whole of ``sandbox.json``."""

    web: WebInfo
    discord: DiscordInfo
    slack: SlackInfo
    database_url: str
    samples: list[str]


def _control(base_url: str) -> str:
    return f"{base_url}/_control"


def discord_info(
    base_url: str, api_base: str, gateway_url: str, state: dict[str, Any]
) -> DiscordInfo:
    """From the Discord emulator's addresses and its ``GET /_control/state``."""
    users = [
        SeededUser(id=str(u["id"]), username=str(u["username"]), name=str(u["display_name"]))
        for u in state["users"]
        if not u["bot"]
    ]
    return DiscordInfo(
        base_url=base_url,
        api_base=api_base,
        gateway_url=gateway_url,
        control_url=_control(base_url),
        events_url=f"{_control(base_url)}/events",
        port=int(base_url.rsplit(":", 1)[1]),
        guild_id=str(state["guild_id"]),
        channels={name: str(id_) for name, id_ in state["channels"].items()},
        bot_user_id=str(state["bot_user_id"]),
        application_id=str(state["application_id"]),
        users=users,
    )


def slack_info(base_url: str, api_url: str, state: dict[str, Any]) -> SlackInfo:
    """From the Slack emulator's addresses and its ``GET /_control/state``."""
    users = [
        SeededUser(
            id=str(u["id"]),
            username=str(u["name"]),
            name=str(u.get("display_name") or u.get("real_name") or u["name"]),
        )
        for u in state["users"]
        if not u["is_bot"]
    ]
    return SlackInfo(
        base_url=base_url,
        api_url=api_url,
        control_url=_control(base_url),
        events_url=f"{_control(base_url)}/events",
        port=int(base_url.rsplit(":", 1)[1]),
        team_id=str(state["team_id"]),
        channels={name: str(id_) for name, id_ in state["channels"].items()},
        bot_user_id=str(state["bot_user_id"]),
        bot_id=str(state["bot_id"]),
        app_id=str(state["app_id"]),
        users=users,
    )


def write_info(path: Path, info: SandboxInfo) -> None:
    """Write ``info`` as indented JSON, replacing the file in one step."""
    partial = path.with_name(f".{path.name}.tmp")
    partial.write_text(json.dumps(info, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    partial.replace(path)
