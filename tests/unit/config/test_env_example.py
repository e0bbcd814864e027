""".env.example lists every setting, and the values it shows are the defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import Settings

EXAMPLE = Path(__file__).resolve().parents[3] / ".env.example"
# Read by the test suite, not by briefbot.
TESTS_ONLY = {"BRIEFBOT_TEST_POSTGRES_DSN", "BRIEFBOT_REQUIRE_POSTGRES"}


def _listed() -> dict[str, str]:
    listed: dict[str, str] = {}
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.partition("=")
            listed[name.strip()] = value.strip()
    return listed


def _commented(name: str) -> bool:
    """The line before ``NAME=`` is a comment (or a run of names sharing one, above)."""
    lines = EXAMPLE.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith(f"{name}="))
    while at > 0 and "=" in lines[at - 1] and not lines[at - 1].startswith("#"):
        at -= 1
    return at > 0 and lines[at - 1].startswith("#")


def test_every_setting_is_listed_and_nothing_else() -> None:
    settings = {name.upper() for name in Settings.model_fields}
    assert set(_listed()) - TESTS_ONLY == settings


@pytest.mark.parametrize("name", sorted(name.upper() for name in Settings.model_fields))
def test_every_setting_has_a_comment(name: str) -> None:
    assert _commented(name), f"{name} in .env.example has no comment above it"


def test_the_values_shown_are_the_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _listed():
        monkeypatch.delenv(name, raising=False)
    from_example = Settings(_env_file=EXAMPLE)  # type: ignore[call-arg]
    defaults = Settings(_env_file=None)  # type: ignore[call-arg]
    assert from_example == defaults
