"""Which link labels show another address than their target (every dialect asks this)."""

from __future__ import annotations

import pytest

from bot.formatting.links import link_target, safe_label


def is_deceptive(label: str, url: str) -> bool:
    return safe_label(label, url) != label


@pytest.mark.parametrize(
    ("label", "url"),
    [
        ("http://good.example", "http://evil.example"),
        ("https://good.example", "http://evil.example/x"),
        ("good.example", "https://evil.example/login"),
        ("Log in at paypal.com", "http://paypal.com.evil.example"),
        ("good\uff0eexample", "http://evil.example"),  # a full-width dot is still a dot
        ("good\u3002example", "http://evil.example"),  # so is an ideographic full stop
        # Review of issue 9: IP addresses are addresses too.
        ("1.2.3.4", "https://evil.example"),
        ("192.168.0.1:8080/login", "https://evil.example"),
        ("[::1]", "https://evil.example"),
        ("[2001:db8::1]:8080/admin", "https://evil.example"),
        ("log in at 2001:db8::1", "https://evil.example"),
        # Dots outside IDNA's own that still read as "." (NFKC folds the first three).
        ("good\u2024example", "https://evil.example"),  # one dot leader
        ("good\ufe52example", "https://evil.example"),  # small full stop
        ("\uff47\uff4f\uff4f\uff44.example", "https://evil.example"),  # full-width letters
        ("good\u00b7example", "https://evil.example"),  # middle dot
        ("good\u2027example", "https://evil.example"),  # hyphenation point
        ("good\u30fbexample", "https://evil.example"),  # katakana middle dot
        ("good\u2022example", "https://evil.example"),  # bullet
    ],
)
def test_a_label_naming_another_address_is_deceptive(label: str, url: str) -> None:
    assert is_deceptive(label, url)


@pytest.mark.parametrize(
    ("label", "url"),
    [
        ("click here", "http://evil.example"),
        ("example.com/page", "https://www.example.com/page"),
        ("https://news.example", "https://news.example/"),
        ("Mr. Smith's e.g. list, 3.5 stars", "https://news.example"),
        ("version 3.5 (or 1.2.3), at 10:30:00", "https://news.example"),
        ("a::b", "https://news.example"),
        ("192.168.0.1:8080", "http://192.168.0.1:8080/"),
        ("[::1]", "http://[::1]/"),
        ("good.example:8080/x", "https://good.example:8080/x"),
    ],
)
def test_words_and_the_target_s_own_address_are_honest(label: str, url: str) -> None:
    assert not is_deceptive(label, url)


@pytest.mark.parametrize(
    "url",
    [
        "https://good.example@evil.example",
        "https://good.example:pass@evil.example/login",
        "http://@evil.example",
    ],
)
def test_a_url_with_a_user_part_is_never_a_link(url: str) -> None:
    # The part before "@" reads as the address; the browser goes to the host after it.
    assert link_target(url) is None


@pytest.mark.parametrize(
    "url", ["https://good.example/a@b", "http://1.2.3.4:8080/", "http://[::1]/"]
)
def test_an_at_sign_in_the_path_and_ip_hosts_are_links(url: str) -> None:
    assert link_target(url) == url
