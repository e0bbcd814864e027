"""MOD_* settings become the default moderation policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bootstrap import moderation_defaults
from bot.domain.moderation import Policy
from bot.errors import ConfigError
from bot.services.moderation.policy_edits import MAX_ENTRIES, MAX_ENTRY_CHARS, MAX_REPORTS
from tests.app import isolated_settings


def test_the_defaults_follow_the_settings_and_the_word_file(tmp_path: Path) -> None:
    words = tmp_path / "words.txt"
    words.write_text("# newsroom list\nscum\n\nsuspect: idiot\nre:sp[a4]m+\nscum\n", "utf-8")
    policy = moderation_defaults(
        isolated_settings(
            mod_banned_words="troll, scum",
            mod_suspect_words="hmm",
            mod_words_file=str(words),
            mod_hold_links="true",
            mod_hold_first_web="false",
            mod_premoderate_web="true",
            mod_burst="3/20",
            mod_reports_to_hold=2,
        )
    )
    assert policy == Policy(
        banned=("troll", "scum", "re:sp[a4]m+"),
        suspect=("hmm", "idiot"),
        hold_links=True,
        hold_first_web=False,
        premoderate_web=True,
        burst_count=3,
        burst_seconds=20,
        reports_to_hold=2,
    )


def test_production_defaults_hold_first_web_comments_and_bursts() -> None:
    policy = moderation_defaults(isolated_settings(mod_hold_first_web=True, mod_burst="5/60"))
    assert (policy.hold_first_web, policy.burst_count, policy.burst_seconds) == (True, 5, 60)


def test_bad_moderation_settings_name_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="MOD_WORDS_FILE"):
        moderation_defaults(isolated_settings(mod_words_file=str(tmp_path / "missing.txt")))
    with pytest.raises(ConfigError, match="MOD_BANNED_WORDS"):
        moderation_defaults(isolated_settings(mod_banned_words="re:(oops"))
    with pytest.raises(ConfigError, match=r"MOD_BANNED_WORDS.*“re:\(a\+\)\+\$” is refused"):
        moderation_defaults(isolated_settings(mod_banned_words="re:(a+)+$"))
    with pytest.raises(ConfigError, match=r"MOD_BANNED_WORDS.*refused: a repeat inside a repeat"):
        moderation_defaults(isolated_settings(mod_suspect_words="re:(a+)+b"))
    with pytest.raises(ValueError, match="mod_burst"):
        isolated_settings(mod_burst="five a minute")


def test_the_defaults_keep_to_the_limits_moderators_edit_under(tmp_path: Path) -> None:
    # A default list the chat commands and the policy page could not save again would leave
    # a group unable to change its rules, so start-up refuses it, naming the variable.
    words = tmp_path / "words.txt"
    words.write_text("\n".join(f"w{i}" for i in range(MAX_ENTRIES)), encoding="utf-8")
    assert len(moderation_defaults(isolated_settings(mod_words_file=str(words))).banned) == (
        MAX_ENTRIES
    )
    words.write_text("\n".join(f"suspect:w{i}" for i in range(MAX_ENTRIES + 1)), "utf-8")
    with pytest.raises(ConfigError, match="MOD_WORDS_FILE: at most 10,000 entries"):
        moderation_defaults(isolated_settings(mod_words_file=str(words)))
    with pytest.raises(ConfigError, match=f"longer than {MAX_ENTRY_CHARS} characters"):
        moderation_defaults(isolated_settings(mod_banned_words="w" * (MAX_ENTRY_CHARS + 1)))
    assert moderation_defaults(isolated_settings(mod_reports_to_hold=MAX_REPORTS))
    with pytest.raises(ConfigError, match="MOD_REPORTS_TO_HOLD: at most 100"):
        moderation_defaults(isolated_settings(mod_reports_to_hold=MAX_REPORTS + 1))
