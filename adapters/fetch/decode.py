"""Bytes to text for fetched pages: charset from the header, then ``<meta>``, then UTF-8."""

from __future__ import annotations

import codecs
import re

__all__ = ["decode_body", "sniff_media_type"]

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<!--|<\?xml)", re.I)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def decode_body(body: bytes, header_charset: str | None, *, html: bool) -> str:
    """Decode ``body``; undecodable bytes become U+FFFD rather than failing."""
    encoding = _codec(header_charset)
    if encoding is None and body.startswith(codecs.BOM_UTF8):
        encoding = "utf-8"
    if encoding is None and html:
        match = _META_CHARSET.search(body[:4096])
        encoding = _codec(match[1].decode("ascii")) if match else None
    text = body.decode(encoding or "utf-8", errors="replace")
    return text.removeprefix("\ufeff")


def sniff_media_type(body: bytes) -> str | None:
    """A media type for a body sent without ``Content-Type``: HTML, plain text, or ``None``."""
    if _HTML_START.match(body[:1024]):
        return "text/html"
    try:
        body[:4096].decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text/plain" if b"\x00" not in body[:4096] else None
