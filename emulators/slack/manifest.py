"""The parts of a Slack app manifest the emulator obeys: bot scopes, event subscriptions,
interactivity and the declared shortcuts.

Slack accepts manifests as YAML or JSON (docs.slack.dev/reference/app-manifest). The
emulator depends on aiohttp and the standard library only, so YAML is read by a small
reader for the block style manifests use (nested mappings, ``- item`` lists, scalars,
comments, folded ``>-`` text); anything else should be given as JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_MANIFEST_PATH", "AppManifest", "load_manifest", "parse_manifest"]

# The bot's own manifest: the emulator grants what the real app would be granted.
# The app as briefbot installs it: its own manifest, shipped in the Slack adapter's package.
DEFAULT_MANIFEST_PATH = Path(str(resources.files("adapters.slack").joinpath("manifest.yml")))


@dataclass(frozen=True)
class AppManifest:
    """What Slack would install: ``oauth_config.scopes.bot``,
    ``settings.event_subscriptions.bot_events``, ``settings.interactivity.is_enabled`` and
    the callback ids of ``features.shortcuts`` (all, and those of type ``message``)."""

    bot_scopes: tuple[str, ...] = ()
    bot_events: tuple[str, ...] = ()
    interactivity: bool = False
    shortcuts: tuple[str, ...] = ()
    # The callback ids of the shortcuts declared with ``type: message``: those are offered
    # in a message's menu, the others (``type: global``) in the composer's shortcut menu
    # (docs.slack.dev/reference/app-manifest, ``features.shortcuts[].type``).
    message_shortcuts: tuple[str, ...] = ()

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> AppManifest:
        def dig(*keys: str) -> Any:
            node: Any = data
            for key in keys:
                node = node.get(key) if isinstance(node, dict) else None
            return node

        shortcuts = dig("features", "shortcuts") or []
        return cls(
            bot_scopes=tuple(str(s) for s in dig("oauth_config", "scopes", "bot") or ()),
            bot_events=tuple(
                str(e) for e in dig("settings", "event_subscriptions", "bot_events") or ()
            ),
            interactivity=dig("settings", "interactivity", "is_enabled") is True,
            shortcuts=tuple(
                str(s["callback_id"])
                for s in shortcuts
                if isinstance(s, dict) and "callback_id" in s
            ),
            message_shortcuts=tuple(
                str(s["callback_id"])
                for s in shortcuts
                if isinstance(s, dict) and "callback_id" in s and s.get("type") == "message"
            ),
        )


def load_manifest(path: str | Path = DEFAULT_MANIFEST_PATH) -> AppManifest:
    """Read a manifest file (``.json`` as JSON, anything else as YAML)."""
    text = Path(path).read_text(encoding="utf-8")
    return parse_manifest(text, as_json=str(path).endswith(".json"))


def parse_manifest(text: str, *, as_json: bool = False) -> AppManifest:
    data = json.loads(text) if as_json else _parse_yaml(text)
    if not isinstance(data, dict):
        raise ValueError("a manifest is a mapping")
    return AppManifest.from_mapping(data)


# --- a reader for block-style YAML ---------------------------------------------------------


def _lines(text: str) -> list[tuple[int, str]]:
    """(indent, content) of each meaningful line, comments and blank lines dropped."""
    out: list[tuple[int, str]] = []
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        out.append((len(raw) - len(raw.lstrip(" ")), _drop_comment(raw.strip())))
    return out


def _drop_comment(line: str) -> str:
    quote = ""
    for i, char in enumerate(line):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "#" and i and line[i - 1] == " ":
            return line[:i].rstrip()
    return line


def _scalar(value: str) -> Any:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    lowered = value.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    if lowered in ("null", "~"):
        return None
    if value.startswith(("[", "{")):
        return json.loads(value)
    try:
        return int(value)
    except ValueError:
        return value


def _split_key(line: str) -> tuple[str, str] | None:
    """``key: value`` or ``key:`` (YAML wants a space after the colon, so ``chat:write``
    is a plain scalar)."""
    if line.startswith(("'", '"')):
        return None
    if line.endswith(":"):
        return line[:-1], ""
    key, sep, rest = line.partition(": ")
    return (key, rest.strip()) if sep else None


def _parse_yaml(text: str) -> Any:
    lines = _lines(text)
    value, _ = _block(lines, 0, lines[0][0] if lines else 0)
    return value


def _block(lines: list[tuple[int, str]], at: int, indent: int) -> tuple[Any, int]:
    if at < len(lines) and lines[at][1].startswith("- "):
        return _sequence(lines, at, indent)
    return _mapping(lines, at, indent)


def _sequence(lines: list[tuple[int, str]], at: int, indent: int) -> tuple[list[Any], int]:
    items: list[Any] = []
    while at < len(lines) and lines[at][0] == indent and lines[at][1].startswith("- "):
        rest = lines[at][1][2:].strip()
        if _split_key(rest) is not None:
            # "- key: value" starts a mapping whose other keys sit two columns further in.
            inner = [(indent + 2, rest), *lines[at + 1 :]]
            value, used = _mapping(inner, 0, indent + 2)
            items.append(value)
            at += used
        else:
            items.append(_scalar(rest))
            at += 1
    return items, at


def _mapping(lines: list[tuple[int, str]], at: int, indent: int) -> tuple[dict[str, Any], int]:
    out: dict[str, Any] = {}
    while at < len(lines) and lines[at][0] == indent and not lines[at][1].startswith("- "):
        key, rest = _split_key(lines[at][1]) or (lines[at][1], "")
        at += 1
        if rest in (">-", ">", "|", "|-"):
            parts: list[str] = []
            while at < len(lines) and lines[at][0] > indent:
                parts.append(lines[at][1])
                at += 1
            out[key.strip()] = " ".join(parts)
        elif rest:
            out[key.strip()] = _scalar(rest)
        elif at < len(lines) and (
            lines[at][0] > indent or (lines[at][0] == indent and lines[at][1].startswith("- "))
        ):
            out[key.strip()], at = _block(lines, at, lines[at][0])
        else:
            out[key.strip()] = None
    return out, at
