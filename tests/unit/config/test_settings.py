import pytest
from pydantic import ValidationError

from bot.config import Settings, load_settings
from bot.errors import ConfigError


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    for name in (
        "DISCORD_TOKEN",
        "SLACK_BOT_TOKEN",
        "SLACK_APP_TOKEN",
        "SLACK_SIGNING_SECRET",
        "SLACK_ADMIN_USER_TOKEN",
        "FETCH_ALLOW",
        "DATABASE_URL",
        "BRIEF_ALLOWED",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # type: ignore[arg-type]


def test_defaults_need_no_configuration() -> None:
    settings = load_settings()
    assert settings.database_url == "sqlite:///data/briefbot.sqlite3"
    assert settings.discord_token is None and settings.slack_mode is None
    assert settings.fetch_allow == []


def test_lists_are_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FETCH_ALLOW", "127.0.0.1, 10.0.0.0/8,")
    assert load_settings().fetch_allow == ["127.0.0.1", "10.0.0.0/8"]


def test_blank_secrets_count_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "  ")
    monkeypatch.setenv("SLACK_ADMIN_USER_TOKEN", "")
    settings = load_settings()
    assert settings.discord_token is None and settings.slack_bot_token is None
    assert settings.slack_admin_user_token is None


def test_slack_mode_follows_the_tokens_given() -> None:
    assert load_settings(slack_bot_token="xoxb-1", slack_app_token="xapp-1").slack_mode == "socket"
    assert load_settings(slack_bot_token="xoxb-1", slack_signing_secret="s").slack_mode == "http"
    assert load_settings(slack_bot_token="xoxb-1").slack_mode is None


def test_secrets_never_show_in_repr() -> None:
    settings = load_settings(
        discord_token="very-secret-token", slack_admin_user_token="xoxp-admin-secret"
    )
    for secret in ("very-secret-token", "xoxp-admin-secret"):
        assert secret not in repr(settings)
        assert secret not in str(settings.model_dump())


def test_settings_are_frozen_and_validated() -> None:
    settings = load_settings()
    with pytest.raises(ValidationError):
        settings.web_port = 1  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Settings(brief_sentences=0)


def test_a_bad_value_is_one_sentence_naming_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEF_SENTENCES", "three")
    with pytest.raises(ConfigError) as caught:
        load_settings()
    message = caught.value.user_message
    assert message.startswith("The configuration is not valid: BRIEF_SENTENCES: ")
    assert "\n" not in message


def test_dotenv_file_is_read(tmp_path: object) -> None:
    from pathlib import Path

    Path(".env").write_text("BRIEF_SENTENCES=4\nDISCORD_TOKEN=from-file\n")
    settings = load_settings()
    assert settings.brief_sentences == 4
    assert settings.discord_token is not None
    assert settings.discord_token.get_secret_value() == "from-file"


def test_worker_name_defaults_to_the_host(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    monkeypatch.setenv("WORKER_NAME", "")
    assert load_settings().worker_name == socket.gethostname()
    monkeypatch.setenv("WORKER_NAME", "bot-2")
    assert load_settings().worker_name == "bot-2"
