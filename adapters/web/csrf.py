"""Signed double-submit CSRF tokens.

The same token goes into a cookie and into each form's hidden field. A post is accepted only
when both are present, equal, and carry a valid HMAC of their random nonce under the server's
secret: another site can neither read our cookie nor make up a token that verifies.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

__all__ = ["CsrfSigner"]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


class CsrfSigner:
    """Makes and checks tokens of the form ``<nonce>.<signature>`` (both base64url)."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:  # WebOptions.from_settings says so in terms of WEB_SECRET
            raise ValueError("the CSRF secret must be at least 16 bytes")
        self._key = hashlib.sha256(b"briefbot-csrf\x00" + secret).digest()

    def _sign(self, nonce: str) -> str:
        return _b64(hmac.new(self._key, nonce.encode("ascii"), hashlib.sha256).digest())

    def new_token(self) -> str:
        """A fresh token for a browser that has none (or an invalid one)."""
        nonce = _b64(secrets.token_bytes(18))
        return f"{nonce}.{self._sign(nonce)}"

    def is_valid(self, token: str | None) -> bool:
        """Was ``token`` made by this signer?"""
        if not token or len(token) > 200 or not token.isascii():
            return False
        nonce, dot, signature = token.partition(".")
        return bool(dot and nonce) and hmac.compare_digest(signature, self._sign(nonce))

    def matches(self, cookie: str | None, submitted: str | None) -> bool:
        """The double-submit check: the form's token equals the cookie's, and it is ours."""
        if not cookie or not submitted or not self.is_valid(cookie):
            return False
        return hmac.compare_digest(cookie.encode("ascii"), submitted.encode("utf-8", "replace"))
