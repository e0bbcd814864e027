"""Request validation with Discord's documented limits and its error shapes."""

from __future__ import annotations

from typing import Any

from .errors import DiscordError, field_error, form_error

__all__ = [
    "AUTO_ARCHIVE_DURATIONS",
    "validate_message",
    "validate_thread_request",
    "validate_webhook_name",
]

CONTENT_MAX = 2000
EMBEDS_MAX = 10
EMBED_TOTAL_MAX = 6000
AUTO_ARCHIVE_DURATIONS = (60, 1440, 4320, 10080)

_EMBED_TEXT_LIMITS = {"title": 256, "description": 4096}


def _max_len(limit: int) -> dict[str, Any]:
    return field_error("BASE_TYPE_MAX_LENGTH", f"Must be {limit} or fewer in length.")


def _embed_errors(embed: Any) -> tuple[dict[str, Any], int]:
    """Errors of one embed and its character count toward the 6000 total."""
    if not isinstance(embed, dict):
        return field_error("MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType"), 0
    errors: dict[str, Any] = {}
    total = 0
    for key, limit in _EMBED_TEXT_LIMITS.items():
        text = str(embed.get(key) or "").strip()
        total += len(text)
        if len(text) > limit:
            errors[key] = _max_len(limit)
    fields = embed.get("fields") or []
    if len(fields) > 25:
        errors["fields"] = field_error("BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
    field_errors: dict[str, Any] = {}
    for i, item in enumerate(fields):
        one: dict[str, Any] = {}
        for key, limit in (("name", 256), ("value", 1024)):
            text = str(item.get(key) or "").strip()
            total += len(text)
            if not text:
                one[key] = field_error("BASE_TYPE_REQUIRED", "This field is required")
            elif len(text) > limit:
                one[key] = _max_len(limit)
        if one:
            field_errors[str(i)] = one
    if field_errors and "fields" not in errors:
        errors["fields"] = field_errors
    for key, sub, limit in (("footer", "text", 2048), ("author", "name", 256)):
        part = embed.get(key)
        if isinstance(part, dict):
            text = str(part.get(sub) or "").strip()
            total += len(text)
            if len(text) > limit:
                errors[key] = {sub: _max_len(limit)}
    return errors, total


# components/reference.mdx (legacy, without IS_COMPONENTS_V2): up to 5 action rows, each
# with up to 5 buttons; custom_id 1-100 characters and unique in the message; label <= 80.
ACTION_ROWS_MAX, ROW_BUTTONS_MAX, CUSTOM_ID_MAX, LABEL_MAX = 5, 5, 100, 80


def _components_errors(rows: Any) -> dict[str, Any]:
    if not isinstance(rows, list):
        return field_error("BASE_TYPE_LIST", "Must be a list.")
    if len(rows) > ACTION_ROWS_MAX:
        return _max_len(ACTION_ROWS_MAX)
    errors: dict[str, Any] = {}
    seen: set[str] = set()
    for i, row in enumerate(rows):
        if not isinstance(row, dict) or row.get("type") != 1:
            errors[str(i)] = field_error("COMPONENT_LAYOUT_WIDTH_EXCEEDED", "Expected an row.")
            continue
        inner = row.get("components") or []
        if len(inner) > ROW_BUTTONS_MAX:
            errors[str(i)] = {"components": _max_len(ROW_BUTTONS_MAX)}
            continue
        row_errors: dict[str, Any] = {}
        for j, item in enumerate(inner):
            one: dict[str, Any] = {}
            custom_id = item.get("custom_id") if isinstance(item, dict) else None
            if isinstance(item, dict) and item.get("style") != 5:  # link buttons have a url
                if not isinstance(custom_id, str) or not 1 <= len(custom_id) <= CUSTOM_ID_MAX:
                    one["custom_id"] = field_error(
                        "BASE_TYPE_BAD_LENGTH", f"Must be between 1 and {CUSTOM_ID_MAX} in length."
                    )
                elif custom_id in seen:
                    one["custom_id"] = field_error(
                        "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated"
                    )
                else:
                    seen.add(custom_id)
            label = item.get("label") if isinstance(item, dict) else None
            if isinstance(label, str) and len(label) > LABEL_MAX:
                one["label"] = _max_len(LABEL_MAX)
            if one:
                row_errors[str(j)] = one
        if row_errors:
            errors[str(i)] = {"components": row_errors}
    return errors


def validate_message(body: dict[str, Any], *, creating: bool) -> None:
    """Raise 50035 / 50006 as Discord would for a message create or edit body."""
    errors: dict[str, Any] = {}
    content = body.get("content")
    if content is not None and not isinstance(content, str):
        content = str(content)
    if content is not None and len(content) > CONTENT_MAX:
        errors["content"] = _max_len(CONTENT_MAX)
    embeds = body.get("embeds") or []
    if not isinstance(embeds, list):
        errors["embeds"] = field_error("BASE_TYPE_LIST", "Must be a list.")
        embeds = []
    if len(embeds) > EMBEDS_MAX:
        errors["embeds"] = _max_len(EMBEDS_MAX)
    else:
        embed_errors: dict[str, Any] = {}
        total = 0
        for i, embed in enumerate(embeds):
            one, count = _embed_errors(embed)
            total += count
            if one:
                embed_errors[str(i)] = one
        if embed_errors:
            errors["embeds"] = embed_errors
        elif total > EMBED_TOTAL_MAX:
            errors["embeds"] = field_error(
                "MAX_EMBED_SIZE_EXCEEDED", f"Embed size exceeds maximum size of {EMBED_TOTAL_MAX}"
            )
    if body.get("components") is not None:
        component_errors = _components_errors(body["components"])
        if component_errors:
            errors["components"] = component_errors
    nonce = body.get("nonce")
    if isinstance(nonce, str) and len(nonce) > 25:
        errors["nonce"] = _max_len(25)
    mentions = body.get("allowed_mentions")
    if mentions is not None:
        mention_errors = _allowed_mentions_errors(mentions)
        if mention_errors:
            errors["allowed_mentions"] = mention_errors
    if errors:
        raise form_error(errors)
    if creating and not (
        content
        or embeds
        or body.get("attachments")
        or body.get("files")
        or body.get("sticker_ids")
        or body.get("components")
        or body.get("poll")
    ):
        raise DiscordError.empty_message()


def _allowed_mentions_errors(mentions: Any) -> dict[str, Any]:
    if not isinstance(mentions, dict):
        return field_error("MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
    parse = mentions.get("parse") or []
    errors: dict[str, Any] = {}
    for i, kind in enumerate(parse):
        if kind not in ("users", "roles", "everyone"):
            errors.setdefault("parse", {})[str(i)] = field_error(
                "BASE_TYPE_CHOICES", "Value must be one of ('everyone', 'roles', 'users')."
            )
    for kind in ("users", "roles"):
        listed = mentions.get(kind)
        if listed and kind in parse:
            errors["parse"] = field_error(
                "SET_TYPE_ALREADY_CONTAINS_VALUE",
                f'Mutually exclusive: "{kind}" in parse and a {kind} list.',
            )
        if listed and len(listed) > 100:
            errors[kind] = _max_len(100)
    return errors


def validate_webhook_name(name: Any, *, key: str = "username") -> None:
    """Webhook names and username overrides: 1-80 characters, no "clyde"/"discord"."""
    if not isinstance(name, str) or not 1 <= len(name) <= 80:
        raise form_error(
            {key: field_error("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 80 in length.")}
        )
    lowered = name.lower()
    for word in ("clyde", "discord"):
        if word in lowered:
            raise form_error(
                {key: field_error("USERNAME_INVALID_CONTAINS", f'Username cannot contain "{word}"')}
            )


def validate_thread_request(body: dict[str, Any]) -> tuple[str, int, int]:
    """Name (1-100), auto_archive_duration and rate_limit_per_user (null accepted)."""
    errors: dict[str, Any] = {}
    name = body.get("name")
    if not isinstance(name, str) or not 1 <= len(name) <= 100:
        errors["name"] = field_error("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
    duration = body.get("auto_archive_duration")
    if duration is None:
        duration = 1440
    if duration not in AUTO_ARCHIVE_DURATIONS:
        errors["auto_archive_duration"] = field_error(
            "BASE_TYPE_CHOICES", "Value must be one of {60, 1440, 4320, 10080}."
        )
    slowmode = body.get("rate_limit_per_user")
    if slowmode is None:
        slowmode = 0
    if not isinstance(slowmode, int) or not 0 <= slowmode <= 21600:
        errors["rate_limit_per_user"] = field_error(
            "NUMBER_TYPE_MAX", "int value should be less than or equal to 21600."
        )
    if errors:
        raise form_error(errors)
    return str(name), int(duration), int(slowmode)
