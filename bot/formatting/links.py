"""Link safety shared by every renderer: a link never shows one address and goes to another."""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import urlsplit

__all__ = ["link_target", "safe_label"]

# A word that a reader would take for an address: a scheme, "www.", name.name(.name…)
# ending in a letter-only top-level label, a dotted-quad IPv4 address or a bracketed IPv6
# one, optionally followed by a port or a path. Two-part numbers ("3.5") are not
# addresses; bare IPv6 words are checked separately (see _is_ipv6).
_ADDRESS = re.compile(
    r"(?:[a-z][a-z0-9+.-]*:/*|www\.)\S+"
    r"|[^\s/@.]+(?:\.[^\s/@.]+)*\.[^\W\d_]{2,}(?:[/?#:]\S*)?"
    r"|(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?![\w.]*\w)(?:[/?#:]\S*)?"
    r"|\[[0-9a-f:.]*:[0-9a-f:.]*\](?:[/?#:]\S*)?"
    r"|(?<![\w:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:])",
    re.IGNORECASE,
)
_HEX_COLONS = re.compile(r"[0-9a-f:]+", re.IGNORECASE)
_SCHEME = re.compile(r"[a-z][a-z0-9+.-]*:(?!\d)", re.IGNORECASE)
_TRAILING = ".,;:!?)]}>'\""
# Dots that a reader takes for "." in a host name, after NFKC has already folded the
# compatibility forms (U+2024 one dot leader, U+FE52 small full stop, full-width
# U+FF0E). Some are IDNA's own dots (U+3002); the rest merely look like one at a glance.
_DOTS = str.maketrans(
    dict.fromkeys(
        "\u3002\uff0e\uff61"  # ideographic, full-width and half-width full stops
        "\u00b7\u0387\u2027\u30fb\uff65"  # middle dots, hyphenation point
        "\u2022\u2219\u22c5\u2e31\u2e33\u16eb\u0701\u0702\u06d4\u0589\u1362\ua60e",
        ".",
    )
)


def link_target(url: str) -> str | None:
    """The URL if it may be a link at all (http or https with a host), else None.

    A URL with a user part (``https://good.example@evil.example``) is never a link: the
    part before ``@`` reads as the address, yet the browser goes to the host after it.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if "@" in parts.netloc:
        return None
    return url.strip()


def _host(host: str | None) -> str:
    return (host or "").lower().rstrip(".").removeprefix("www.")


def _is_ipv6(word: str) -> bool:
    try:
        ipaddress.IPv6Address(word)
    except ValueError:
        return False
    return True


def _as_url(word: str) -> str | None:
    """``word`` as the URL a reader would take it for, or None if it names no address."""
    if "://" in word:
        return word
    if _HEX_COLONS.fullmatch(word):
        # Bare IPv6 ("2001:db8::1"); other hex and colons ("10:30:00", "a::b") are none.
        address = _is_ipv6(word) and any(ch.isdigit() for ch in word)
        return f"http://[{word}]" if address else None
    if word.startswith("["):
        inside = word[1:].partition("]")[0]
        return "http://" + word if _is_ipv6(inside) else None
    scheme = _SCHEME.match(word)
    rest = word[scheme.end() :] if scheme else word
    return "http://" + rest.lstrip("/")


def _shows_other_address(word: str, target: str) -> bool:
    stripped = word.rstrip(_TRAILING)
    # "]" closes a bracketed IPv6 host ("[::1]"); it is not punctuation after the word.
    word = stripped + "]" if word.startswith("[") and "]" not in stripped else stripped
    if not word:
        return False
    shown = _as_url(word)
    if shown is None:
        return False
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


def _as_read(label: str) -> str:
    """The label as a reader takes it: compatibility forms folded, look-alike dots as "."."""
    return unicodedata.normalize("NFKC", label).translate(_DOTS)


def safe_label(label: str, target: str) -> str:
    """The label to show for a link to ``target``.

    A label that reads as an address (a URL, a domain such as ``good.example`` or an IP
    address) pointing anywhere but ``target`` is replaced by ``target`` itself, so what a
    reader sees is where the link goes. Any other label is kept.
    """
    for word in _ADDRESS.findall(_as_read(label)):
        if _shows_other_address(word, target):
            return target
    return label
