import logging

import pytest

from bot.logs import MASK, RedactingFilter, setup_logging


def test_known_secrets_and_token_shapes_are_redacted(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.redaction")
    logger.addFilter(RedactingFilter(["my-signing-secret"]))
    with caplog.at_level(logging.INFO, logger="test.redaction"):
        logger.info("secret %s and %s", "my-signing-secret", "xoxb-1234-5678-abcdef")
        logger.info("headers {'Authorization': 'Bot abcdefghijklmnopqrstuvwxyz012345'}")
        logger.info("app token xapp-1-A111-222-abc")
    text = caplog.text
    assert "my-signing-secret" not in text
    assert "xoxb-1234" not in text and "xapp-1-A111" not in text
    assert "abcdefghijklmnopqrstuvwxyz012345" not in text
    assert text.count(MASK) == 4


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
