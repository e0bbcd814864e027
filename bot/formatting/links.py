"""Link safety shared by every renderer: a link never shows one address and goes to another."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

__all__ = ["link_target", "safe_label"]

# A word that a reader would take for an address: a scheme, "www.", or name.name(.name…)
# ending in a letter-only top-level label, optionally followed by a path.
_ADDRESS = re.compile(
    r"(?:[a-z][a-z0-9+.-]*:/*|www\.)\S+|[^\s/@.]+(?:\.[^\s/@.]+)*\.[^\W\d_]{2,}(?:[/?#:]\S*)?",
    re.IGNORECASE,
)
_TRAILING = ".,;:!?)]}>'\""
# Dots that browsers and chat clients turn into "." in a host name (IDNA), so a label
# written with them still reads as an address: "good\uff0eexample" shows as good.example.
_DOTS = str.maketrans({"\u3002": ".", "\uff0e": ".", "\uff61": "."})


def link_target(url: str) -> str | None:
    """The URL if it may be a link at all (http or https with a host), else None."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url.strip()


def _host(host: str | None) -> str:
    return (host or "").lower().rstrip(".").removeprefix("www.")


def _shows_other_address(word: str, target: str) -> bool:
    word = word.rstrip(_TRAILING)
    if not word:
        return False
    shown = word if "://" in word else "http://" + word.split(":", 1)[-1].lstrip("/")
    try:
        seen, real = urlsplit(shown), urlsplit(target)
        seen_host = seen.hostname
    except ValueError:
        return True
    if _host(seen_host) != _host(real.hostname):
        return True
    # Same host: a label that spells out a path must spell out this one.
    seen_path = (seen.path.rstrip("/"), seen.query)
    return seen_path != ("", "") and seen_path != (real.path.rstrip("/"), real.query)


def safe_label(label: str, target: str) -> str:
    """The label to show for a link to ``target``.

    A label that reads as an address (a URL, or a domain such as ``good.example``) pointing
    anywhere but ``target`` is replaced by ``target`` itself, so what a reader sees is
    where the link goes. Any other label is kept.
    """
    for word in _ADDRESS.findall(label.translate(_DOTS)):
        if _shows_other_address(word, target):
            return target
    return label
