from __future__ import annotations

import pytest

from adapters.web.csrf import CsrfSigner

SECRET = b"s" * 32


def test_a_new_token_verifies_and_matches_itself() -> None:
    signer = CsrfSigner(SECRET)
    token = signer.new_token()
    assert signer.is_valid(token)
    assert signer.matches(token, token)


def test_tokens_are_random() -> None:
    signer = CsrfSigner(SECRET)
    assert signer.new_token() != signer.new_token()


def test_a_token_from_another_secret_is_refused() -> None:
    token = CsrfSigner(b"o" * 32).new_token()
    assert not CsrfSigner(SECRET).is_valid(token)


@pytest.mark.parametrize("token", ["", "abc", "abc.", ".sig", "a.b.c", "é.x", "x" * 300, None])
def test_malformed_tokens_are_refused(token: str | None) -> None:
    assert not CsrfSigner(SECRET).is_valid(token)


def test_a_tampered_nonce_is_refused() -> None:
    signer = CsrfSigner(SECRET)
    nonce, signature = signer.new_token().split(".")
    assert not signer.is_valid(f"{nonce[:-1]}{'A' if nonce[-1] != 'A' else 'B'}.{signature}")


def test_double_submit_needs_both_halves_equal() -> None:
    signer = CsrfSigner(SECRET)
    cookie, other = signer.new_token(), signer.new_token()
    assert not signer.matches(cookie, other)
    assert not signer.matches(cookie, None)
    assert not signer.matches(None, cookie)
    assert not signer.matches("forged.token", "forged.token")
    assert not signer.matches(cookie, cookie + "é")


def test_short_secrets_are_refused() -> None:
    with pytest.raises(ValueError, match="16 bytes"):
        CsrfSigner(b"short")
