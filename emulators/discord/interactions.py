"""Interaction lifecycle: create (control API), initial response, follow-ups.

Deadlines as Discord enforces them: the initial response must arrive within
``settings.interaction_deadline_s`` (3 s) or the interaction is gone (10062); the token
then serves follow-ups for ``settings.interaction_token_ttl_s`` (15 min).
"""

from __future__ import annotations

import secrets
from typing import Any

from . import actions
from .context import EmulatorContext
from .errors import DiscordError, field_error, form_error
from .payloads import (
    channel_payload,
    member_payload,
    member_permissions,
    message_payload,
    role_payload,
    user_payload,
)
from .state import JSON, Channel, Command, EmulatorState, Interaction, Message
from .validation import validate_message

__all__ = [
    "callback",
    "create_interaction",
    "followup_create",
    "followup_delete",
    "followup_edit",
    "followup_message",
    "interaction_by_token",
    "interaction_view",
]

EPHEMERAL = actions.EPHEMERAL
LOADING = actions.LOADING
CHAT_INPUT_COMMAND = 20
ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024


SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
USER_COMMAND, MESSAGE_COMMAND = 2, 3  # application command types
MESSAGE_COMPONENT = 3  # interaction type
CONTEXT_MENU_COMMAND = 23  # message type of a context-menu command's response
USER, CHANNEL, ROLE, MENTIONABLE = 6, 7, 8, 9


def _typed_options(
    state: EmulatorState, specs: list[JSON], options: dict[str, Any], resolved: JSON
) -> list[JSON]:
    """Options as Discord sends them, typed by the command's specs.

    A subcommand (group) is given as ``{"link": {"code": "X"}}``; user, channel, role and
    mentionable values may be ids or names, and are added to ``resolved`` as Discord does.
    """
    known = {o["name"]: o for o in specs}
    result: list[JSON] = []
    for name, value in options.items():
        spec = known.get(name)
        if spec is None:
            raise ValueError(f"the command has no option {name!r}")
        kind = int(spec.get("type", 3))
        if kind in (SUB_COMMAND, SUB_COMMAND_GROUP):
            inner = value if isinstance(value, dict) else {}
            nested = _typed_options(state, list(spec.get("options") or []), inner, resolved)
            result.append({"name": name, "type": kind, "options": nested})
            continue
        if kind == 4:
            value = int(value)
        elif kind == 5:
            value = bool(value)
        elif kind == 10:
            value = float(value)
        elif kind in (USER, CHANNEL, ROLE, MENTIONABLE):
            value = _resolve(state, kind, str(value), resolved)
        result.append({"name": name, "type": kind, "value": value})
    if not any(int(o.get("type", 3)) in (SUB_COMMAND, SUB_COMMAND_GROUP) for o in specs):
        missing = [o["name"] for o in specs if o.get("required") and o["name"] not in options]
        if missing:
            raise ValueError(f"missing required option(s): {', '.join(missing)}")
    return result


def _resolve(state: EmulatorState, kind: int, value: str, resolved: JSON) -> str:
    """The id behind ``value`` (an id or a name), recorded in ``resolved``."""
    guild = state.guild
    if kind == CHANNEL:
        channel = state.channels.get(int(value)) if value.isdigit() else None
        channel = channel or state.channel_by_name(value.lstrip("#"))
        if channel is None:
            raise ValueError(f"unknown channel {value!r}")
        data = channel_payload(channel)
        data["permissions"] = str(_bot_permissions_for_all())
        resolved.setdefault("channels", {})[str(channel.id)] = data
        return str(channel.id)
    if kind in (USER, MENTIONABLE):
        user = state.users.get(int(value)) if value.isdigit() else None
        user = user or next((u for u in state.users.values() if u.username == value), None)
        if user is not None:
            resolved.setdefault("users", {})[str(user.id)] = user_payload(user)
            member = guild.members.get(user.id)
            if member is not None:
                resolved.setdefault("members", {})[str(user.id)] = {
                    **member_payload(state, member, with_user=False),
                    "permissions": str(member_permissions(guild, member)),
                }
            return str(user.id)
        if kind == USER:
            raise ValueError(f"unknown user {value!r}")
    role = guild.roles.get(int(value)) if value.isdigit() else None
    role = role or next((r for r in guild.roles.values() if r.name == value), None)
    if role is None:
        raise ValueError(f"unknown role {value!r}")
    resolved.setdefault("roles", {})[str(role.id)] = role_payload(role)
    return str(role.id)


def _bot_permissions_for_all() -> int:
    """What the invoking member may do in a resolved channel (the emulator has no overwrites)."""
    return (1 << 53) - 1


def _context_menu_target(
    state: EmulatorState, command: Command, channel: Channel, target: str | None
) -> tuple[int, JSON]:
    """The target of a USER or MESSAGE command and its ``resolved`` entry.

    interactions/receiving-and-responding.mdx, "Interaction Data": ``target_id`` is "the id
    of the user or message targeted by a user or message command"; the user (with member)
    or the message is in ``resolved``.
    """
    if not target:
        raise ValueError("a context-menu command needs target_id")
    resolved: JSON = {}
    if command.type == USER_COMMAND:
        user_id = _resolve(state, USER, target, resolved)
        return int(user_id), resolved
    message = state.messages.get(int(target)) if target.isdigit() else None
    if message is None or message.deleted or message.channel_id != channel.id:
        raise ValueError(f"no message {target!r} in that channel")
    resolved["messages"] = {str(message.id): message_payload(state, message)}
    return message.id, resolved


async def create_interaction(
    ctx: EmulatorContext,
    command: Command,
    channel: Channel,
    user_id: int,
    options: dict[str, Any],
    *,
    target: str | None = None,
) -> Interaction:
    """A user runs ``command`` in ``channel``: store it and send INTERACTION_CREATE.

    CHAT_INPUT commands take ``options``; USER and MESSAGE (context-menu) commands take
    ``target`` (a user id or name, or a message id in ``channel``).
    """
    state = ctx.state
    resolved: JSON = {}
    target_id: int | None = None
    typed: list[JSON] = []
    if command.type in (USER_COMMAND, MESSAGE_COMMAND):
        target_id, resolved = _context_menu_target(state, command, channel, target)
    else:
        typed = _typed_options(state, list(command.options), options, resolved)
    interaction = Interaction(
        id=state.ids.next(),
        token="aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48),
        command=command,
        guild_id=channel.guild_id,
        channel_id=channel.id,
        user_id=user_id,
        options=dict(options),
        target_id=target_id,
    )
    state.interactions[interaction.id] = interaction
    data: JSON = {"id": str(command.id), "name": command.name, "type": command.type}
    if typed:
        data["options"] = typed
    if resolved:
        data["resolved"] = resolved
    if target_id is not None:
        data["target_id"] = str(target_id)
    if command.guild_id is not None:
        data["guild_id"] = str(command.guild_id)
    await _send_interaction(ctx, interaction, channel, data)
    return interaction


def _find_component(components: list[JSON], custom_id: str) -> JSON | None:
    for row in components:
        for component in row.get("components") or []:
            if isinstance(component, dict) and component.get("custom_id") == custom_id:
                found: JSON = component
                return found
    return None


async def create_component_interaction(
    ctx: EmulatorContext, message: Message, user_id: int, custom_id: str
) -> Interaction:
    """A user clicks the button ``custom_id`` on ``message``: INTERACTION_CREATE type 3.

    interactions/receiving-and-responding.mdx: MESSAGE_COMPONENT interactions carry
    ``data{custom_id, component_type}`` and the ``message`` the component is attached to.
    """
    state = ctx.state
    component = _find_component(message.components, custom_id)
    if component is None:
        raise ValueError(f"the message has no component with custom_id {custom_id!r}")
    if component.get("disabled"):
        raise ValueError(f"the component {custom_id!r} is disabled")
    if message.author_id != state.bot_user_id and message.application_id is None:
        raise ValueError("only the bot's own components send it interactions")
    channel = state.channels[message.channel_id]
    interaction = Interaction(
        id=state.ids.next(),
        token="aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48),
        command=None,
        guild_id=channel.guild_id,
        channel_id=channel.id,
        user_id=user_id,
        options={},
        type=MESSAGE_COMPONENT,
        message_id=message.id,
        custom_id=custom_id,
    )
    state.interactions[interaction.id] = interaction
    data: JSON = {"custom_id": custom_id, "component_type": int(component.get("type", 2))}
    await _send_interaction(
        ctx, interaction, channel, data, message=dict(message_payload(state, message))
    )
    return interaction


async def _send_interaction(
    ctx: EmulatorContext,
    interaction: Interaction,
    channel: Channel,
    data: JSON,
    *,
    message: JSON | None = None,
) -> None:
    state = ctx.state
    guild = state.guilds[channel.guild_id]
    member = guild.members[interaction.user_id]
    perms = member_permissions(guild, member)
    payload: JSON = {
        "id": str(interaction.id),
        "application_id": str(state.application_id),
        "type": interaction.type,
        "data": data,
        "guild_id": str(guild.id),
        "guild": {"id": str(guild.id), "locale": "en-US", "features": []},
        "channel_id": str(channel.id),
        "channel": channel_payload(channel),
        "member": {**member_payload(state, member), "permissions": str(perms)},
        "token": interaction.token,
        "version": 1,
        "locale": "en-US",
        "guild_locale": "en-US",
        "app_permissions": str(_bot_permissions(ctx, guild.id)),
        "entitlements": [],
        "entitlement_sku_ids": [],
        "authorizing_integration_owners": {"0": str(guild.id)},
        "context": 0,
        "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
    }
    if message is not None:
        payload["message"] = message
    await ctx.hub.dispatch("INTERACTION_CREATE", payload)
    ctx.bus.publish("interaction_create", interaction_view(ctx, interaction))


def _bot_permissions(ctx: EmulatorContext, guild_id: int) -> int:
    guild = ctx.state.guilds[guild_id]
    return member_permissions(guild, guild.members[ctx.state.bot_user_id])


def interaction_by_token(
    ctx: EmulatorContext, application_id: int, token: str
) -> Interaction | None:
    if application_id != ctx.state.application_id:
        return None
    return next((i for i in ctx.state.interactions.values() if i.token == token), None)


def _log(interaction: Interaction, kind: str, message: Message | None = None, **extra: Any) -> None:
    entry: JSON = {"kind": kind, "at_ms": interaction.elapsed_ms(), **extra}
    if message is not None:
        entry.update(
            {
                "message_id": str(message.id),
                "content": message.content,
                "embeds": message.embeds,
                "flags": message.flags,
                "ephemeral": message.ephemeral,
            }
        )
    interaction.log.append(entry)


async def callback(
    ctx: EmulatorContext, interaction: Interaction, body: dict[str, Any], *, with_response: bool
) -> JSON | None:
    """The initial response. Returns the ``with_response`` body, or None for 204."""
    elapsed = interaction.elapsed_ms() / 1000
    if interaction.acknowledged:
        _log(interaction, "error", code=40060)
        raise DiscordError.already_acknowledged()
    if elapsed > ctx.settings.interaction_deadline_s:
        _log(interaction, "error", code=10062, reason="initial response too late")
        raise DiscordError.unknown_interaction()
    kind = body.get("type")
    data = body.get("data") or {}
    state = ctx.state
    channel = state.channels[interaction.channel_id]
    message: Message | None = None
    is_component = interaction.type == MESSAGE_COMPONENT
    response_type = (
        CONTEXT_MENU_COMMAND
        if interaction.command is not None and interaction.command.type != 1
        else CHAT_INPUT_COMMAND
    )
    if is_component and kind in (6, 7):
        # receiving-and-responding.mdx: 6 DEFERRED_UPDATE_MESSAGE "for components, ACK an
        # interaction and edit the original message later"; 7 UPDATE_MESSAGE "for
        # components, edit the message the component was attached to".
        target = state.messages.get(interaction.message_id or 0)
        if target is None or target.deleted:
            raise DiscordError.unknown_message()
        if kind == 7:
            validate_message(data, creating=False)
            await actions.edit_message(ctx, target, data)
        interaction.acknowledged = True
        interaction.response_type = int(kind)
        interaction.original_message_id = target.id
        _log(interaction, "initial", target if kind == 7 else None, callback_type=kind)
        ctx.bus.publish("interaction_update", interaction_view(ctx, interaction))
        if not with_response:
            return None
        answer: JSON = {
            "interaction": {
                "id": str(interaction.id),
                "type": interaction.type,
                "response_message_id": str(target.id),
                "response_message_loading": False,
                "response_message_ephemeral": target.ephemeral,
            },
        }
        if kind == 7:
            answer["resource"] = {"type": kind, "message": message_payload(state, target)}
        return answer
    if kind == 4:
        message = await actions.post_message(
            ctx,
            channel,
            state.bot_user_id,
            data,
            kind="interaction",
            webhook_id=state.application_id,
            interaction_id=interaction.id,
            message_type=response_type,
        )
    elif kind == 5:
        flags = int(data.get("flags") or 0)
        if flags & ~EPHEMERAL:
            raise form_error({"data": {"flags": field_error("INVALID_FLAGS", "Invalid flags.")}})
        message = await actions.post_message(
            ctx,
            channel,
            state.bot_user_id,
            {"flags": flags},
            kind="interaction",
            webhook_id=state.application_id,
            interaction_id=interaction.id,
            message_type=response_type,
            extra_flags=LOADING,
        )
        interaction.deferred = True
        interaction.original_loading = True
    elif kind == 9 or (kind == 6 and not is_component):
        pass
    else:
        raise form_error(
            {
                "type": field_error(
                    "INTERACTION_RESPONSE_TYPE_INVALID",
                    f"Interaction response type {kind} is not valid for this interaction.",
                )
            }
        )
    interaction.acknowledged = True
    interaction.response_type = int(kind)
    if message is not None:
        interaction.original_message_id = message.id
        interaction.ephemeral = message.ephemeral
    _log(interaction, "initial", message, callback_type=kind)
    ctx.bus.publish("interaction_update", interaction_view(ctx, interaction))
    if not with_response:
        return None
    response: JSON = {
        "interaction": {
            "id": str(interaction.id),
            "type": interaction.type,
            "response_message_id": str(message.id) if message else None,
            "response_message_loading": interaction.original_loading,
            "response_message_ephemeral": interaction.ephemeral,
        },
    }
    if kind == 4 and message is not None:
        # Docs: resource.message only for types 4 and 7; the spec lists no deferred resource.
        response["resource"] = {"type": kind, "message": message_payload(state, message)}
    return response


def _check_token(ctx: EmulatorContext, interaction: Interaction) -> None:
    if interaction.elapsed_ms() / 1000 > ctx.settings.interaction_token_ttl_s:
        raise DiscordError.invalid_webhook_token()
    if not interaction.acknowledged:
        raise DiscordError.unknown_webhook()


def followup_message(ctx: EmulatorContext, interaction: Interaction, message_id: str) -> Message:
    _check_token(ctx, interaction)
    if message_id == "@original":
        mid = interaction.original_message_id
    elif message_id.isdigit() and int(message_id) in (
        [*interaction.followup_ids, interaction.original_message_id or 0]
    ):
        mid = int(message_id)
    else:
        mid = None
    message = ctx.state.messages.get(mid) if mid is not None else None
    if message is None or message.deleted:
        raise DiscordError.unknown_message()
    return message


async def followup_create(
    ctx: EmulatorContext, interaction: Interaction, body: dict[str, Any]
) -> Message:
    _check_token(ctx, interaction)
    state = ctx.state
    original = (
        state.messages.get(interaction.original_message_id)
        if interaction.original_message_id
        else None
    )
    if interaction.original_loading and original is not None and not original.deleted:
        # After a deferral the first follow-up fills in the "thinking" message.
        validate_message(body, creating=True)
        interaction.original_loading = False
        await actions.edit_message(ctx, original, {k: v for k, v in body.items() if k != "flags"})
        original.edited_timestamp = None
        _log(interaction, "followup", original, replaced_deferred=True)
        ctx.bus.publish("interaction_update", interaction_view(ctx, interaction))
        return original
    channel = state.channels[interaction.channel_id]
    message = await actions.post_message(
        ctx,
        channel,
        state.bot_user_id,
        body,
        kind="interaction",
        webhook_id=state.application_id,
        interaction_id=interaction.id,
    )
    interaction.followup_ids.append(message.id)
    _log(interaction, "followup", message)
    ctx.bus.publish("interaction_update", interaction_view(ctx, interaction))
    return message


async def followup_edit(
    ctx: EmulatorContext, interaction: Interaction, message_id: str, body: dict[str, Any]
) -> Message:
    message = followup_message(ctx, interaction, message_id)
    if message.id == interaction.original_message_id:
        interaction.original_loading = False
    await actions.edit_message(ctx, message, body)
    _log(interaction, "edit", message)
    ctx.bus.publish("interaction_update", interaction_view(ctx, interaction))
    return message


async def followup_delete(ctx: EmulatorContext, interaction: Interaction, message_id: str) -> None:
    message = followup_message(ctx, interaction, message_id)
    await actions.delete_message(ctx, message)
    _log(interaction, "delete", message_id=str(message.id))
    ctx.bus.publish("interaction_update", interaction_view(ctx, interaction))


def interaction_view(ctx: EmulatorContext, interaction: Interaction) -> JSON:
    """What the user saw, for ``GET /_control/commands/{id}``."""
    state = ctx.state
    original = (
        state.messages.get(interaction.original_message_id)
        if interaction.original_message_id
        else None
    )
    followups = [state.messages[m] for m in interaction.followup_ids]
    return {
        "id": str(interaction.id),
        "type": interaction.type,
        "name": interaction.command.name if interaction.command else None,
        "command_id": str(interaction.command.id) if interaction.command else None,
        "command_type": interaction.command.type if interaction.command else None,
        "target_id": str(interaction.target_id) if interaction.target_id else None,
        "message_id": str(interaction.message_id) if interaction.message_id else None,
        "custom_id": interaction.custom_id,
        "options": interaction.options,
        "channel_id": str(interaction.channel_id),
        "user_id": str(interaction.user_id),
        "created_at": interaction.created_at,
        "acknowledged": interaction.acknowledged,
        "deferred": interaction.deferred,
        "thinking": interaction.original_loading,
        "ephemeral": interaction.ephemeral,
        "response_type": interaction.response_type,
        "original": actions.message_view(ctx, original) if original else None,
        "followups": [actions.message_view(ctx, m) for m in followups],
        "responses": list(interaction.log),
    }
