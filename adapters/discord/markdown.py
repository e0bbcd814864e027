"""Discord message content <-> briefbot's neutral Markdown.

Discord reads the same Markdown as the neutral form, so both directions go through the
core's parser and writer; what is Discord's own lives here: mention, emoji and timestamp
syntax on the way in, and on the way out text that can never ping.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.formatting import MarkdownWriter, MentionNames, NoNames, escape_markdown, link_target

__all__ = ["defuse_pings", "discord_literal", "discord_to_markdown", "markdown_to_discord"]

_USER = re.compile(r"<@!?(\d{1,20})>")
_ROLE = re.compile(r"<@&(\d{1,20})>")
_CHANNEL = re.compile(r"<#(\d{1,20})>")
_EMOJI = re.compile(r"<a?:(\w{1,32}):\d{1,20}>")
_TIMESTAMP = re.compile(r"<t:(-?\d{1,13})(?::[tTdDfFR])?>")
_SLASH = re.compile(r"</([\w -]{1,32}):\d{1,20}>")
# Discord's ">>> " quotes every line after it.
_QUOTE_REST = re.compile(r"^>>> ?(.*)", re.MULTILINE | re.DOTALL)
# What could still ping or render as a mention once the text reaches Discord.
_PING = re.compile(r"@(everyone|here)\b|<(@[!&]?|#)(?=\d)", re.IGNORECASE)
_ZWSP = "\u200b"
_BACKTICKS = re.compile(r"`+")
# What may open a line before its words: indentation, quote marks, list markers, a heading
# or small-print mark. A spoiler split into lines keeps these outside its bars.
_LINE_MARKS = re.compile(
    r"[ \t]*(?:(?:>|[-*+][ \t]|\d{1,9}[.)][ \t])[ \t]*)*(?:#{1,3}[ \t]+|-#[ \t]+)?"
)
_FENCE_LANGUAGE = re.compile(r"[\w+#.-]+\n")


_REFUSED_URL = re.compile(r"(https?)(://[^\s<>]+)", re.IGNORECASE)


def _timestamp(match: re.Match[str]) -> str:
    try:
        return datetime.fromtimestamp(int(match.group(1)), UTC).strftime("%Y-%m-%d %H:%M UTC")
    except (OverflowError, ValueError, OSError):
        return "a date"


def defuse_pings(text: str) -> str:
    """``@everyone``, ``@here`` and ``<@id>``-style mentions with a zero-width space inside."""
    return _PING.sub(
        lambda m: f"@{_ZWSP}{m.group(1)}" if m.group(1) else f"<{_ZWSP}{m.group(2)}", text
    )


def _unlink(text: str) -> str:
    # An address the core refused as a link (a user part before "@") would still be
    # auto-linked by the Discord client; "\:" shows ":" but breaks its "https://".
    return _REFUSED_URL.sub(
        lambda m: m.group() if link_target(m.group()) else m.group(1) + "\\" + m.group(2), text
    )


def discord_literal(text: str) -> str:
    """Plain text that Discord shows exactly as written, cannot ping and is never a link."""
    return _unlink(defuse_pings(escape_markdown(text)))


class _Incoming(MarkdownWriter):
    def __init__(self, names: MentionNames) -> None:
        self.names = names

    def text(self, content: str) -> str:
        names = self.names
        content = _ROLE.sub(lambda m: "@" + names.role(m.group(1)), content)
        content = _USER.sub(lambda m: "@" + names.user(m.group(1)), content)
        content = _CHANNEL.sub(lambda m: "#" + names.channel(m.group(1)), content)
        content = _EMOJI.sub(lambda m: f":{m.group(1)}:", content)
        content = _TIMESTAMP.sub(_timestamp, content)
        return super().text(_SLASH.sub(lambda m: f"/{m.group(1)}", content))


class _Outgoing(MarkdownWriter):
    def text(self, content: str) -> str:
        return discord_literal(content)


_OUTGOING = _Outgoing()
_WRITER = MarkdownWriter()


def _quote_rest(match: re.Match[str]) -> str:
    return "\n".join("> " + line for line in match.group(1).split("\n"))


def _code_end(text: str, pos: int) -> tuple[str, int]:
    """The backtick run at ``pos``, and where the code it opens ends (-1 if unclosed)."""
    run = _BACKTICKS.match(text, pos)
    ticks = run.group() if run else ""
    close = text.find(ticks, pos + len(ticks)) if ticks else -1
    return ticks, close + len(ticks) if close >= 0 else -1


def _spoiler_end(text: str, start: int) -> int:
    """Where the ``||`` closing a spoiler opened before ``start`` begins; -1 if none.

    Like Discord, the spoiler may run over lines; code and escaped bars cannot close it.
    """
    pos = start
    while pos < len(text):
        if text.startswith("||", pos):
            return pos
        if text[pos] == "\\":
            pos += 2
        elif text[pos] == "`":
            ticks, end = _code_end(text, pos)
            pos = end if end >= 0 else pos + len(ticks)
        else:
            pos += 1
    return -1


def _hidden(line: str, first: bool) -> str:
    """One line of a spoiler as its own spoiler, its line marks (list, quote...) outside."""
    marks = "" if first else _match_marks(line)
    words = line[len(marks) :].strip()
    if not words:
        return marks.rstrip() if marks.strip() else ""
    if words.endswith("|") and not words.endswith("\\|"):
        words = words[:-1] + "\\|"  # a bar next to the closing bars would close early
    elif (len(words) - len(words.rstrip("\\"))) % 2:
        words += " "  # an odd backslash would escape the closing bar
    return f"{marks}||{words}||"


def _match_marks(line: str) -> str:
    found = _LINE_MARKS.match(line)
    return found.group() if found else ""


def _fence_lines(ticks: str, code: str) -> list[str]:
    """A code block inside a spoiler: each line as a hidden piece of inline code.

    The neutral form has no block-level spoiler, so the block is kept hidden line by line.
    """
    language = _FENCE_LANGUAGE.match(code)
    if language and len(ticks) >= 3:
        code = code[language.end() :]
    lines = code.strip("\n").split("\n")
    return [f"||{_WRITER.code(line)}||" if line.strip() else "" for line in lines]


def _split_spoiler(inner: str) -> str:
    """A spoiler running over lines as one spoiler per line, so no renderer shows it.

    Neutral spoilers live inside one paragraph, so ``||a\\n\\nb||`` would otherwise reach
    Slack and the web page as two paragraphs of plain text between literal bars.
    """
    lines: list[str] = []
    current: list[str] = []
    after_block = False
    pos = 0
    while pos < len(inner):
        char = inner[pos]
        if char == "\n":
            if current or not after_block:
                lines.append(_hidden("".join(current), not lines))
            current, after_block = [], False
            pos += 1
            continue
        if char == "`":
            ticks, end = _code_end(inner, pos)
            code = inner[pos + len(ticks) : end - len(ticks)] if end >= 0 else ""
            if end >= 0 and "\n" in code and len(ticks) >= 3:
                if "".join(current).strip():
                    lines.append(_hidden("".join(current), not lines))
                lines.extend(_fence_lines(ticks, code))
                current, after_block, pos = [], True, end
                continue
            piece = ticks + code.replace("\n", " ") + ticks if end >= 0 else ticks
            current.append(piece)
            pos = end if end >= 0 else pos + len(ticks)
        else:
            step = 2 if char == "\\" else 1
            current.append(inner[pos : pos + step])
            pos += step
        after_block = False
    if current or not after_block:
        lines.append(_hidden("".join(current), not lines))
    return "\n".join(lines)


def _spoilers_per_line(text: str) -> str:
    """Every spoiler that runs over lines rewritten as spoilers line by line."""
    out: list[str] = []
    pos = done = 0
    while pos < len(text):
        if text[pos] == "\\":
            pos += 2
        elif text[pos] == "`":
            ticks, end = _code_end(text, pos)
            pos = end if end >= 0 else pos + len(ticks)
        elif text.startswith("||", pos):
            end = _spoiler_end(text, pos + 2)
            if end < 0:
                break  # Discord shows an unclosed "||" as typed
            if end == pos + 2:
                pos += 1
                continue
            if "\n" in text[pos:end]:
                out += [text[done:pos], _split_spoiler(text[pos + 2 : end])]
                done = end + 2
            pos = end + 2
        else:
            pos += 1
    return "".join(out) + text[done:]


def discord_to_markdown(text: str, names: MentionNames = NoNames) -> str:
    """Turn Discord message content into neutral Markdown with plain-name mentions."""
    text = _spoilers_per_line(_QUOTE_REST.sub(_quote_rest, text))
    return _Incoming(names).write(text)


def markdown_to_discord(text: str) -> str:
    """Neutral Markdown as Discord content: links honest, pings impossible.

    Copies are also sent with ``allowed_mentions`` empty; this is the second lock. Code
    is left as written: Discord does not turn mentions inside code into pings.
    """
    return _OUTGOING.write(text)
