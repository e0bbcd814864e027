import logging

import pytest

from bot.bootstrap import log_rules
from bot.logs import MASK, RedactingFilter, setup_logging


def test_known_secrets_and_token_shapes_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.redaction")
    # The token shapes come from the adapters, gathered by the bootstrap as the CLI does.
    logger.addFilter(RedactingFilter(["my-signing-secret"], log_rules().token_patterns))
    with caplog.at_level(logging.INFO, logger="test.redaction"):
        logger.info("secret %s and %s", "my-signing-secret", "xoxb-1234-5678-abcdef")
        logger.info("headers {'Authorization': 'Bot abcdefghijklmnopqrstuvwxyz012345'}")
        logger.info("app token xapp-1-A111-222-abc")
        logger.info("token %s", "NzExMTExMTExMTExMTExMTEx.AbCdEf.abcdefghijklmnopqrstuvwxyz0")
    text = caplog.text
    assert "my-signing-secret" not in text
    assert "xoxb-1234" not in text and "xapp-1-A111" not in text
    assert "abcdefghijklmnopqrstuvwxyz012345" not in text
    assert "NzExMTExMTExMTExMTExMTEx" not in text
    assert text.count(MASK) == 5


def test_tracebacks_are_redacted_too(capsys: pytest.CaptureFixture[str]) -> None:
    setup_logging("INFO", ["hunter2-secret-value"])
    try:
        raise RuntimeError("login failed for hunter2-secret-value")
    except RuntimeError:
        logging.getLogger("test.tb").exception("boom")
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "_briefbot", False)]:
            root.removeHandler(handler)
    err = capsys.readouterr().err
    assert "boom" in err and "RuntimeError" in err
    assert "hunter2-secret-value" not in err


def test_the_adapters_chatty_loggers_are_kept_quiet(capsys: pytest.CaptureFixture[str]) -> None:
    rules = log_rules()
    setup_logging("INFO", rules=rules)
    try:
        for name in ("discord.gateway", "slack_bolt", "aiohttp.access"):
            logging.getLogger(name).info("chatter from %s", name)
        logging.getLogger("test.own").info("our own line")
    finally:
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "_briefbot", False)]:
            root.removeHandler(handler)
        for name in ("aiohttp.access", *rules.noisy_loggers):
            logging.getLogger(name).setLevel(logging.NOTSET)
    err = capsys.readouterr().err
    assert "our own line" in err and "chatter" not in err
