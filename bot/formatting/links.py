"""Links that show one address and go to another are shown as the address they go to.

A masked link (``[text](url)``, Slack's ``<url|text>``, an HTML anchor) whose text looks
like an address - a scheme, ``www.`` or a dotted host name - is honest only when that
host is the target's own. Anything else is rendered as the bare target, so a reader sees
where the link goes. False alarms cost little: the link still works, it just shows its URL.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["LINK", "is_deceptive", "shown_link", "unescape_brackets"]

# Neutral Markdown's link; ``\[`` (an escaped bracket) never starts one. Discord also takes
# the target in angle brackets (``[text](<url>)``, a link without a preview).
LINK = re.compile(r"(?<!\\)\[([^\[\]\n]+)\]\(<?(https?://[^\s()<>]+?)>?\)")
_SCHEME = re.compile(r"\b[a-z][a-z0-9+.-]*:/{1,3}|\bwww\.", re.IGNORECASE)
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})
_HOST = re.compile(
    r"(?<![\w@.-])((?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_][\w-]*[^\W_]"
    r"|\d{1,3}(?:\.\d{1,3}){3})(?![\w-])"
)


def _host(name: str) -> str:
    name = name.lower().rstrip(".")
    return name.removeprefix("www.")


def is_deceptive(label: str, url: str) -> bool:
    """True when ``label`` names an address other than ``url``'s host."""
    text = label.translate(_DOTS)
    hosts = {_host(h) for h in _HOST.findall(text)}
    if not hosts and not _SCHEME.search(text):
        return False
    try:
        target = _host(urlsplit(url).hostname or "")
    except ValueError:
        return True
    return not target or hosts != {target}


def shown_link(label: str, url: str) -> str | None:
    """The label to show for a link to ``url``, or ``None``: show the bare URL instead."""
    return None if is_deceptive(label, url) else label


def unescape_brackets(text: str) -> str:
    r"""``\[`` as ``[``: for dialects that draw no link from ``[text](url)`` anyway."""
    return text.replace("\\[", "[")
