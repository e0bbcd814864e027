"""Application commands and the interaction callback."""

from __future__ import annotations

import re
from typing import Any

from aiohttp import web

from .. import interactions
from ..errors import DiscordError, field_error, form_error
from ..http import Api, RouteSpec, ctx_of, json_response, query_flag, read_json, snowflake
from ..payloads import command_payload
from ..state import Command, EmulatorState

__all__ = ["register"]

# application-commands.mdx, "Application Command Naming": CHAT_INPUT names match
# ``^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$`` and are lowercase; USER and MESSAGE
# (context-menu) names are 1-32 characters of any case and may contain spaces.
_NAME = re.compile(r"^[-_'\w]{1,32}$")
CHAT_INPUT, USER, MESSAGE, PRIMARY_ENTRY_POINT = 1, 2, 3, 4
# "Registering a Command": 100 global CHAT_INPUT, 15 USER, 15 MESSAGE and one
# PRIMARY_ENTRY_POINT command (the same limits apply per guild).
COMMAND_LIMITS = {CHAT_INPUT: 100, USER: 15, MESSAGE: 15, PRIMARY_ENTRY_POINT: 1}


def _scope(request: web.Request) -> tuple[EmulatorState, int | None]:
    state = ctx_of(request).state
    if snowflake(request, "application_id") != state.application_id:
        raise DiscordError(403, 50001, "Missing Access")
    guild_id = snowflake(request, "guild_id") if "guild_id" in request.match_info else None
    if guild_id is not None and guild_id not in state.guilds:
        raise DiscordError.unknown_guild()
    return state, guild_id


def _name_ok(name: Any, kind: int) -> bool:
    if not isinstance(name, str):
        return False
    if kind in (USER, MESSAGE):
        return 1 <= len(name) <= 32
    return bool(_NAME.match(name)) and name == name.lower()


def _validate_command(data: Any, index: str | None = None) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise form_error(
            {"_errors": [{"code": "MODEL_TYPE_CONVERT", "message": "Must be an object."}]}
        )
    errors: dict[str, Any] = {}
    kind = int(data.get("type") or CHAT_INPUT)
    if kind not in COMMAND_LIMITS:
        errors["type"] = field_error("BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3, 4}.")
    if not _name_ok(data.get("name"), kind):
        errors["name"] = field_error("APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
    description = data.get("description") or ""
    if kind == CHAT_INPUT and not 1 <= len(description) <= 100:
        errors["description"] = field_error(
            "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length."
        )
    if kind in (USER, MESSAGE) and description:
        # "description ... Empty string for USER and MESSAGE commands".
        errors["description"] = field_error(
            "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION",
            "Context menu commands cannot have description",
        )
    if kind in (USER, MESSAGE) and data.get("options"):
        errors["options"] = field_error(
            "APPLICATION_COMMAND_OPTIONS_NOT_ALLOWED",
            "Context menu commands cannot have options",
        )
    if len(data.get("options") or []) > 25:
        errors["options"] = field_error("BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
    if errors:
        raise form_error({index: errors} if index is not None else errors)
    return data


def _check_limits(kinds: list[int]) -> None:
    """30032 when a scope would hold more commands of one type than Discord allows."""
    for kind, limit in COMMAND_LIMITS.items():
        if kinds.count(kind) > limit:
            raise DiscordError(
                400, 30032, f"Maximum number of application commands reached ({limit})"
            )


def _upsert(state: EmulatorState, guild_id: int | None, data: dict[str, Any]) -> Command:
    kind = int(data.get("type") or 1)
    existing = next(
        (
            c
            for c in state.commands.values()
            if c.guild_id == guild_id and c.name == data["name"] and c.type == kind
        ),
        None,
    )
    command = existing or Command(
        id=state.ids.next(),
        application_id=state.application_id,
        guild_id=guild_id,
        name=data["name"],
        description="",
    )
    command.type = kind
    command.description = str(data.get("description") or "")
    command.options = list(data.get("options") or [])
    perms = data.get("default_member_permissions")
    command.default_member_permissions = None if perms is None else str(perms)
    dm = data.get("dm_permission")
    command.dm_permission = True if dm is None else bool(dm)
    command.nsfw = bool(data.get("nsfw", False))
    command.contexts = data.get("contexts")
    command.integration_types = data.get("integration_types")
    command.name_localizations = data.get("name_localizations")
    command.description_localizations = data.get("description_localizations")
    command.version = state.ids.next()
    state.commands[command.id] = command
    return command


def _in_scope(state: EmulatorState, guild_id: int | None) -> list[Command]:
    return [c for c in state.commands.values() if c.guild_id == guild_id]


async def list_commands(request: web.Request) -> web.Response:
    state, guild_id = _scope(request)
    return json_response([command_payload(c) for c in _in_scope(state, guild_id)])


async def bulk_overwrite(request: web.Request) -> web.Response:
    state, guild_id = _scope(request)
    try:
        body = await request.json()
    except ValueError:
        raise DiscordError(400, 50109, "The request body contains invalid JSON.") from None
    if not isinstance(body, list):
        raise form_error({"_errors": [{"code": "BASE_TYPE_LIST", "message": "Must be a list."}]})
    validated = [_validate_command(item, str(i)) for i, item in enumerate(body)]
    _check_limits([int(item.get("type") or CHAT_INPUT) for item in validated])
    keep = [_upsert(state, guild_id, item) for item in validated]
    keep_ids = {c.id for c in keep}
    for command in _in_scope(state, guild_id):
        if command.id not in keep_ids:
            del state.commands[command.id]
    return json_response([command_payload(c) for c in keep])


async def create_command(request: web.Request) -> web.Response:
    state, guild_id = _scope(request)
    data = _validate_command(await read_json(request))
    kind = int(data.get("type") or CHAT_INPUT)
    in_scope = _in_scope(state, guild_id)
    existed = any(c.name == data["name"] and c.type == kind for c in in_scope)
    if not existed:
        _check_limits([c.type for c in in_scope] + [kind])
    command = _upsert(state, guild_id, data)
    return json_response(command_payload(command), status=200 if existed else 201)


def _command(request: web.Request) -> tuple[EmulatorState, Command]:
    state, guild_id = _scope(request)
    command = state.commands.get(snowflake(request, "command_id"))
    if command is None or command.guild_id != guild_id:
        raise DiscordError.unknown_command()
    return state, command


async def get_command(request: web.Request) -> web.Response:
    _, command = _command(request)
    return json_response(command_payload(command))


async def edit_command(request: web.Request) -> web.Response:
    state, command = _command(request)
    patch = await read_json(request)
    merged = {**command_payload(command), **patch}
    _validate_command(merged)
    return json_response(command_payload(_upsert(state, command.guild_id, merged)))


async def delete_command(request: web.Request) -> web.Response:
    state, command = _command(request)
    del state.commands[command.id]
    return web.Response(status=204)


async def interaction_callback(request: web.Request) -> web.Response:
    ctx = ctx_of(request)
    interaction = ctx.state.interactions.get(snowflake(request, "interaction_id"))
    if interaction is None or interaction.token != request.match_info["token"]:
        raise DiscordError.unknown_interaction()
    body = await read_json(request)
    result = await interactions.callback(
        ctx, interaction, body, with_response=query_flag(request, "with_response")
    )
    if result is None:
        return web.Response(status=204)
    return json_response(result)


def register(api: Api) -> None:
    spec = RouteSpec("commands")
    for base in (
        "/applications/{application_id}/commands",
        "/applications/{application_id}/guilds/{guild_id}/commands",
    ):
        api.add("GET", base, list_commands, spec)
        api.add("PUT", base, bulk_overwrite, spec)
        api.add("POST", base, create_command, spec)
        api.add("GET", base + "/{command_id}", get_command, spec)
        api.add("PATCH", base + "/{command_id}", edit_command, spec)
        api.add("DELETE", base + "/{command_id}", delete_command, spec)
    api.add(
        "POST",
        "/interactions/{interaction_id}/{token}/callback",
        interaction_callback,
        RouteSpec("interactions.callback", auth=False, global_limited=False),
    )
