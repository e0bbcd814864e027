"""The ``briefbot brief`` command, run in-process with typer's CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.unit.briefing.stories import LIBRARY_TITLE, SEED_LIKE_TEXT, library_html
from tests.unit.briefing.stories_languages import PT_STORY, PT_TITLE

FERRY_TITLE = "Harbour Ferry Service Returns After Two-Year Pause"


@pytest.fixture(autouse=True)
def _no_local_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # No .env and no FETCH_ALLOW from the machine: the fetcher starts from its safe defaults.
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FETCH_ALLOW", raising=False)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "html": tmp_path / "library.html",
        "text": tmp_path / "ferry.txt",
        "empty": tmp_path / "empty.txt",
    }
    paths["html"].write_text(library_html(), encoding="utf-8")
    paths["text"].write_text(SEED_LIKE_TEXT, encoding="utf-8")
    paths["empty"].write_text("", encoding="utf-8")
    return paths


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["brief", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def _plain_error(stderr: str) -> None:
    assert "Traceback" not in stderr
    for line in stderr.strip().splitlines():
        assert line.startswith("briefbot: ") and line.endswith(".")


def test_html_file(files: dict[str, Path]) -> None:
    code, out, err = run(str(files["html"]))
    assert code == 0, err
    assert LIBRARY_TITLE in out
    assert "Millbrook Courier" in out and "3 March 2026" in out and "min read" in out


def test_text_file(files: dict[str, Path]) -> None:
    code, out, err = run(str(files["text"]))
    assert code == 0, err
    assert FERRY_TITLE in out
    assert "Write A Comment" not in out


def test_stdin_text_and_html() -> None:
    code, out, _ = run("-", stdin=SEED_LIKE_TEXT)
    assert code == 0 and FERRY_TITLE in out
    code, out, _ = run("-", stdin=library_html())
    assert code == 0 and LIBRARY_TITLE in out


def test_json_one_object(files: dict[str, Path]) -> None:
    code, out, _ = run("--json", "--sentences", "2", str(files["html"]))
    assert code == 0
    data = json.loads(out)
    assert data["title"] == LIBRARY_TITLE
    assert data["published"] == "2026-03-03"
    assert len(data["summary"]) == 2
    assert data["summary_method"] in ("lead", "extractive")
    assert data["notice"] is None
    assert isinstance(data["key_figures"], list)


def test_an_unsupported_language_is_briefed_with_one_sentence_instead_of_figures(
    tmp_path: Path,
) -> None:
    story = tmp_path / "mercado.txt"
    story.write_text(f"{PT_TITLE}\n\n{PT_STORY}", encoding="utf-8")
    code, out, _ = run("--json", str(story))
    data = json.loads(out)
    assert code == 0 and data["language"] == "pt" and data["key_figures"] == []
    assert data["summary_method"] == "lead"
    assert data["notice"].endswith("this one looks like Portuguese.")
    code, out, _ = run(str(story))
    assert code == 0 and "looks like Portuguese." in " ".join(out.split())


def test_json_several_sources_is_a_list(files: dict[str, Path]) -> None:
    code, out, _ = run("--json", str(files["html"]), str(files["text"]))
    assert code == 0
    assert [d["title"] for d in json.loads(out)] == [LIBRARY_TITLE, FERRY_TITLE]


def test_jsonl_one_object_per_line(files: dict[str, Path]) -> None:
    code, out, _ = run("--jsonl", str(files["html"]), str(files["text"]))
    assert code == 0
    lines = out.strip().splitlines()
    assert [json.loads(line)["title"] for line in lines] == [LIBRARY_TITLE, FERRY_TITLE]


def test_json_and_jsonl_together_are_refused(files: dict[str, Path]) -> None:
    code, _, _ = run("--json", "--jsonl", str(files["html"]))
    assert code == 2


def test_missing_file(tmp_path: Path) -> None:
    code, out, err = run(str(tmp_path / "nope.html"))
    assert code == 1 and out == ""
    assert "No such file." in err
    _plain_error(err)


def test_empty_file(files: dict[str, Path]) -> None:
    code, _, err = run(str(files["empty"]))
    assert code == 1
    _plain_error(err)


@pytest.mark.parametrize("url", ["http://10.0.0.1/", "http://127.0.0.1:1/", "http://[::1]/"])
def test_blocked_urls_fail_fast_without_network(url: str) -> None:
    started = time.monotonic()
    code, out, err = run(url)
    assert time.monotonic() - started < 10  # refused before any network wait (15 s timeout)
    assert code == 1 and out == ""
    assert "not allowed" in err
    _plain_error(err)


def test_one_failure_does_not_stop_the_others(files: dict[str, Path], tmp_path: Path) -> None:
    code, out, err = run("--jsonl", str(tmp_path / "missing.txt"), str(files["html"]))
    assert code == 1
    assert json.loads(out)["title"] == LIBRARY_TITLE
    assert "missing.txt" in err
    _plain_error(err)


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/pdf":
            body, kind = b"%PDF-1.7", "application/pdf"
        else:
            body, kind = library_html().encode(), "text/html; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def web_server() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_url_with_allow_list(web_server: str) -> None:
    code, out, err = run("--json", "--allow", "127.0.0.1", f"{web_server}/news/library")
    assert code == 0, err
    data = json.loads(out)
    assert data["title"] == LIBRARY_TITLE
    assert data["url"] == f"{web_server}/news/library"


def test_allow_list_from_the_environment(web_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FETCH_ALLOW", "127.0.0.0/8")
    code, out, _ = run("--jsonl", f"{web_server}/story")
    assert code == 0 and json.loads(out)["title"] == LIBRARY_TITLE


def test_non_html_url(web_server: str) -> None:
    code, _, err = run("--allow", "127.0.0.1", f"{web_server}/pdf")
    assert code == 1
    assert "not a web page" in err
    _plain_error(err)


def test_console_script_prints_no_traceback(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", "brief", "missing.html"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == "briefbot: missing.html: No such file."


def test_an_address_too_long_is_one_sentence_and_nothing_is_fetched() -> None:
    # The host does not exist: the sentence must come before any attempt to reach it.
    code, out, err = run("https://briefbot-test.invalid/" + "a" * 3000)
    assert code == 1 and out == ""
    assert "That address is too long" in err
    _plain_error(err)


def test_the_sandbox_without_the_emulators_says_how_to_get_them(tmp_path: Path) -> None:
    # As in an install of the runtime package alone: the emulators cannot be imported.
    code = "import sys; sys.modules['emulators'] = None; from bot.cli import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", code, "sandbox", "--port", "0", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "pip install -e ./emulators" in " ".join(result.stderr.split())
