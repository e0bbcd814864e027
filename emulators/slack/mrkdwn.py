"""Slack's text conventions: escaping what users type, mentions that notify, rich_text."""

from __future__ import annotations

import html
import re
from typing import Any

__all__ = ["escape_typed_text", "find_pings", "rich_text_blocks"]

# Control sequences a Slack client produces itself when a user picks a mention or a link.
_TOKEN = re.compile(r"<((?:[@#]|!)[^<>\s]+|https?://[^<>\s]+|mailto:[^<>\s]+)>")
_PING = re.compile(r"<(!here|!channel|!everyone|!subteam\^[A-Z0-9]+|@[UW][A-Z0-9]+)(?:\|[^>]*)?>")


def escape_typed_text(text: str) -> str:
    """Escape ``& < >`` as Slack stores typed text, keeping ``<@U..>``-style tokens intact."""
    out: list[str] = []
    last = 0
    for match in _TOKEN.finditer(text):
        out.append(_escape(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_escape(text[last:]))
    return "".join(out)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def find_pings(text: str, blocks: list[dict[str, Any]] | None = None) -> list[str]:
    """Mentions that would notify someone, e.g. ``["!channel", "@U0ANA000001"]``."""
    texts = [text, *_block_texts(blocks or [])]
    found: list[str] = []
    for chunk in texts:
        for match in _PING.finditer(chunk):
            if match.group(1) not in found:
                found.append(match.group(1))
    return found


def _block_texts(node: Any) -> list[str]:
    if isinstance(node, list):
        return [t for item in node for t in _block_texts(item)]
    if isinstance(node, dict):
        texts: list[str] = []
        kind = node.get("type")
        if kind == "mrkdwn" and isinstance(node.get("text"), str):
            texts.append(node["text"])
        elif kind == "user" and isinstance(node.get("user_id"), str):
            texts.append(f"<@{node['user_id']}>")
        elif kind == "broadcast" and isinstance(node.get("range"), str):
            texts.append(f"<!{node['range']}>")
        for key, value in node.items():
            if key != "text" or not isinstance(value, str):
                texts.extend(_block_texts(value))
        return texts
    return []


def rich_text_blocks(text: str, block_id: str) -> list[dict[str, Any]]:
    """The ``rich_text`` block a Slack client attaches to a typed message."""
    elements: list[dict[str, Any]] = []
    last = 0
    for match in _TOKEN.finditer(text):
        if match.start() > last:
            elements.append({"type": "text", "text": html.unescape(text[last : match.start()])})
        elements.append(_token_element(match.group(1)))
        last = match.end()
    if last < len(text):
        elements.append({"type": "text", "text": html.unescape(text[last:])})
    section = {"type": "rich_text_section", "elements": elements}
    return [{"type": "rich_text", "block_id": block_id, "elements": [section]}]


def _token_element(token: str) -> dict[str, Any]:
    target, _, label = token.partition("|")
    if target.startswith("@"):
        return {"type": "user", "user_id": target[1:]}
    if target.startswith("#"):
        return {"type": "channel", "channel_id": target[1:]}
    if target in ("!here", "!channel", "!everyone"):
        return {"type": "broadcast", "range": target[1:]}
    if target.startswith("!subteam^"):
        return {"type": "usergroup", "usergroup_id": target.removeprefix("!subteam^")}
    element: dict[str, Any] = {"type": "link", "url": target}
    if label:
        element["text"] = label
    return element
