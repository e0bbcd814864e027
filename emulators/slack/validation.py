"""Block Kit and text limits as Slack enforces them on messages.

``block_errors`` returns Slack-style messages (``"... [json-pointer:/blocks/0/text]"``);
any error means the call fails with ``invalid_blocks``.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "MAX_BLOCKS",
    "MAX_TEXT",
    "block_errors",
    "truncate_text",
]

MAX_BLOCKS = 50
MAX_TEXT = 40_000
KNOWN_BLOCKS = frozenset(
    {
        "actions",
        "context",
        "divider",
        "file",
        "header",
        "image",
        "input",
        "markdown",
        "rich_text",
        "section",
        "table",
        "video",
    }
)
_TEXT_TYPES = frozenset({"plain_text", "mrkdwn"})


def truncate_text(text: str) -> tuple[str, list[str]]:
    """Cut text above 40,000 characters; Slack still posts it, with a warning."""
    if len(text) > MAX_TEXT:
        return text[:MAX_TEXT], ["message_truncated"]
    return text, []


def block_errors(blocks: Any, max_blocks: int = MAX_BLOCKS) -> list[str]:
    """Everything Slack would reject in a message's ``blocks`` array (a modal allows 100)."""
    if not isinstance(blocks, list):
        return ["must be an array [json-pointer:/blocks]"]
    errors: list[str] = []
    if len(blocks) > max_blocks:
        errors.append(f"must be less than {max_blocks + 1} items [json-pointer:/blocks]")
    block_ids: set[str] = set()
    for index, block in enumerate(blocks):
        where = f"/blocks/{index}"
        if not isinstance(block, dict):
            errors.append(f"must be an object [json-pointer:{where}]")
            continue
        block_id = block.get("block_id")
        if block_id is not None:
            if not isinstance(block_id, str) or len(block_id) > 255:
                errors.append(
                    f"must be a string of at most 255 chars [json-pointer:{where}/block_id]"
                )
            elif block_id in block_ids:
                errors.append(f"duplicate block_id [json-pointer:{where}/block_id]")
            else:
                block_ids.add(block_id)
        errors.extend(_check_block(block, where))
    return errors


def _check_block(block: dict[str, Any], where: str) -> list[str]:
    kind = block.get("type")
    if kind not in KNOWN_BLOCKS:
        return [f"unsupported type: {kind!r} [json-pointer:{where}/type]"]
    check = _CHECKS.get(str(kind))
    return check(block, where) if check else []


def _text(obj: Any, where: str, limit: int, *, plain_only: bool = False) -> list[str]:
    if not isinstance(obj, dict) or obj.get("type") not in _TEXT_TYPES:
        return [f"must be a text object [json-pointer:{where}]"]
    if plain_only and obj.get("type") != "plain_text":
        return [f"must be plain_text [json-pointer:{where}/type]"]
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        return [f"must be at least 1 character [json-pointer:{where}/text]"]
    if len(text) > limit:
        return [f"must be less than {limit + 1} characters [json-pointer:{where}/text]"]
    return []


def _section(block: dict[str, Any], where: str) -> list[str]:
    errors: list[str] = []
    if "text" not in block and "fields" not in block:
        errors.append(f"must provide either text or fields [json-pointer:{where}]")
    if "text" in block:
        errors.extend(_text(block["text"], f"{where}/text", 3000))
    if "fields" in block:
        fields = block["fields"]
        if not isinstance(fields, list) or not fields:
            errors.append(f"must be a non-empty array [json-pointer:{where}/fields]")
        else:
            if len(fields) > 10:
                errors.append(f"must be less than 11 items [json-pointer:{where}/fields]")
            for i, field in enumerate(fields):
                errors.extend(_text(field, f"{where}/fields/{i}", 2000))
    if "accessory" in block:
        errors.extend(_element(block["accessory"], f"{where}/accessory"))
    return errors


def _header(block: dict[str, Any], where: str) -> list[str]:
    return _text(block.get("text"), f"{where}/text", 150, plain_only=True)


def _context(block: dict[str, Any], where: str) -> list[str]:
    elements = block.get("elements")
    if not isinstance(elements, list) or not elements:
        return [f"must be a non-empty array [json-pointer:{where}/elements]"]
    errors: list[str] = []
    if len(elements) > 10:
        errors.append(f"must be less than 11 items [json-pointer:{where}/elements]")
    for i, element in enumerate(elements):
        at = f"{where}/elements/{i}"
        if isinstance(element, dict) and element.get("type") == "image":
            errors.extend(_image_fields(element, at))
        else:
            errors.extend(_text(element, at, 3000))
    return errors


def _actions(block: dict[str, Any], where: str) -> list[str]:
    elements = block.get("elements")
    if not isinstance(elements, list) or not elements:
        return [f"must be a non-empty array [json-pointer:{where}/elements]"]
    errors: list[str] = []
    if len(elements) > 25:
        errors.append(f"must be less than 26 items [json-pointer:{where}/elements]")
    for i, element in enumerate(elements):
        errors.extend(_element(element, f"{where}/elements/{i}"))
    return errors


def _element(element: Any, where: str) -> list[str]:
    if not isinstance(element, dict) or not isinstance(element.get("type"), str):
        return [f"must be an element object [json-pointer:{where}]"]
    errors: list[str] = []
    kind = element["type"]
    if kind == "button":
        errors.extend(_text(element.get("text"), f"{where}/text", 75, plain_only=True))
        url = element.get("url")
        if url is not None and (not isinstance(url, str) or len(url) > 3000):
            errors.append(f"must be less than 3001 characters [json-pointer:{where}/url]")
        value = element.get("value")
        if value is not None and (not isinstance(value, str) or len(value) > 2000):
            errors.append(f"must be less than 2001 characters [json-pointer:{where}/value]")
    elif kind == "image":
        errors.extend(_image_fields(element, where))
    action_id = element.get("action_id")
    if action_id is not None and (not isinstance(action_id, str) or len(action_id) > 255):
        errors.append(f"must be less than 256 characters [json-pointer:{where}/action_id]")
    return errors


def _image_fields(element: dict[str, Any], where: str) -> list[str]:
    errors: list[str] = []
    if not element.get("image_url") and not element.get("slack_file"):
        errors.append(f"must provide image_url or slack_file [json-pointer:{where}]")
    alt = element.get("alt_text")
    if not isinstance(alt, str) or not alt or len(alt) > 2000:
        errors.append(f"must be 1 to 2000 characters [json-pointer:{where}/alt_text]")
    return errors


def _image(block: dict[str, Any], where: str) -> list[str]:
    errors = _image_fields(block, where)
    if "title" in block:
        errors.extend(_text(block["title"], f"{where}/title", 2000, plain_only=True))
    return errors


def _rich_text(block: dict[str, Any], where: str) -> list[str]:
    if not isinstance(block.get("elements"), list):
        return [f"must be an array [json-pointer:{where}/elements]"]
    return []


def _markdown(block: dict[str, Any], where: str) -> list[str]:
    text = block.get("text")
    if not isinstance(text, str) or not text or len(text) > 12_000:
        return [f"must be 1 to 12000 characters [json-pointer:{where}/text]"]
    return []


_CHECKS = {
    "section": _section,
    "header": _header,
    "context": _context,
    "actions": _actions,
    "image": _image,
    "rich_text": _rich_text,
    "markdown": _markdown,
}
