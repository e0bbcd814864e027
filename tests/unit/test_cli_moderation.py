"""``briefbot moderators invite``, ``erase`` and ``export`` on a real SQLite file."""

from __future__ import annotations

import asyncio
import csv
import hashlib
import io
import json
import os
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.domain.model import WEB

with warnings.catch_warnings():
    # discord.py imports the deprecated audioop (voice) on Python 3.11; the erase command
    # reads DiscordChat's capabilities, so import it once here, quietly.
    warnings.simplefilter("ignore", DeprecationWarning)
    import discord  # noqa: F401
from typer.testing import CliRunner

from bot.cli import app
from bot.domain.model import Author, Comment, DeliveryKind
from bot.domain.moderation import Moderator, Standing
from bot.ports.store import NewComment, Store
from bot.services.briefs import copy_key
from storage import open_store
from tests.integration.storage.builders import at, discussion_setup, ref

BASE_URL = "https://comments.example"


@dataclass(frozen=True)
class Seeded:
    discussion_id: int
    troll: Author
    comments: list[Comment]
    discord_place_id: int


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    # No .env and no settings from the machine: the commands see this database alone.
    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith(("DATABASE_", "PUBLIC_", "WEB_", "DISCORD_", "SLACK_", "MOD_")):
            monkeypatch.delenv(name)
    url = f"sqlite:///{tmp_path}/cli.sqlite3"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("PUBLIC_BASE_URL", BASE_URL)
    return url


async def _with_store(url: str) -> Store:
    store = open_store(url)
    await store.open()
    return store


def seed(url: str) -> Seeded:
    async def go() -> Seeded:
        store = await _with_store(url)
        try:
            async with store.transaction() as tx:
                setup = await discussion_setup(tx)
                troll = Author(DISCORD, "666", "Troll")
                reader = Author(SLACK, "U1", "Ana")
                comments = []
                for n, (author, thread, text) in enumerate(
                    [
                        (troll, setup.discord_thread, "first, from the troll"),
                        (reader, setup.slack_thread, 'a reader\'s "quoted", comma'),
                        (troll, setup.discord_thread, "second, from the troll"),
                    ]
                ):
                    comment, _ = await tx.comments.add(
                        NewComment(thread.id, ref("m"), author, text, at(n))
                    )
                    comments.append(comment)
                await tx.commit()
            return Seeded(setup.discussion.id, troll, comments, setup.discord.id)
        finally:
            await store.close()

    return asyncio.run(go())


def comments_now(url: str, discussion_id: int) -> list[Comment]:
    async def go() -> list[Comment]:
        store = await _with_store(url)
        try:
            async with store.transaction() as tx:
                return await tx.comments.list_for_discussion(discussion_id)
        finally:
            await store.close()

    return asyncio.run(go())


def redeem(url: str, token: str) -> Moderator | None:
    async def go() -> Moderator | None:
        store = await _with_store(url)
        try:
            async with store.transaction() as tx:
                moderator = await tx.moderation.redeem_login(
                    hashlib.sha256(token.encode()).hexdigest(), datetime.now(UTC)
                )
                await tx.commit()
                return moderator
        finally:
            await store.close()

    return asyncio.run(go())


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def _one_sentence(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("briefbot: ") and lines[0].endswith("."), stderr
    return lines[0]


def removals_queued(url: str, seeded: Seeded) -> list[bool]:
    """For each seeded comment: is the deletion of the reader's own message queued?"""

    async def go() -> list[bool]:
        store = await _with_store(url)
        try:
            async with store.transaction() as tx:
                return [
                    await tx.outbox.find(
                        copy_key(DeliveryKind.REMOVE_ORIGINAL, c.id, seeded.discord_place_id, "0")
                    )
                    is not None
                    for c in seeded.comments
                ]
        finally:
            await store.close()

    return asyncio.run(go())


def audit_actions(url: str) -> list[tuple[str, str, str]]:
    async def go() -> list[tuple[str, str, str]]:
        store = await _with_store(url)
        try:
            async with store.transaction() as tx:
                entries = await tx.moderation.audit_log(None, 50)
                return [(e.moderator, e.action, e.target) for e in entries]
        finally:
            await store.close()

    return asyncio.run(go())


# --- moderators invite ----------------------------------------------------------------------


def test_invite_prints_a_link_that_signs_the_operator_in_once(database: str) -> None:
    code, out, err = run("moderators", "invite", "--name", "Ana Editor")
    assert code == 0, err
    assert "Sign-in link for Ana Editor: it works once, within 15 minutes." in out
    link = out.strip().splitlines()[-1]
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{BASE_URL}/mod/login"
    token = parse_qs(parts.query)["token"][0]
    moderator = redeem(database, token)
    assert moderator is not None
    assert (moderator.platform, moderator.user_id, moderator.name) == (
        WEB,
        "cli:Ana-Editor",
        "Ana Editor",
    )
    assert moderator.rooms is None  # the command line moderates every room
    assert redeem(database, token) is None  # used once
    assert ("web:cli:Ana-Editor", "login_link", "web:cli:Ana-Editor") in audit_actions(database)


def test_two_invites_give_two_different_links(database: str) -> None:
    first = run("moderators", "invite", "--name", "Ana")[1].strip().splitlines()[-1]
    second = run("moderators", "invite", "--name", "Ana")[1].strip().splitlines()[-1]
    assert first != second


def test_invite_without_a_name_uses_the_login_name(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOGNAME", "night-desk")
    monkeypatch.setenv("USER", "night-desk")
    code, out, _ = run("moderators", "invite")
    assert code == 0 and "Sign-in link for night-desk:" in out


@pytest.mark.parametrize("name", ["\u200b\u202e", "x" * 65])
def test_invite_refuses_a_name_nobody_could_read(database: str, name: str) -> None:
    code, out, err = run("moderators", "invite", "--name", name)
    assert code == 2 and out == ""
    assert "Give a name of 1 to 64 visible characters" in _one_sentence(err)


# --- erase ----------------------------------------------------------------------------------


def test_erase_with_yes_leaves_tombstones_and_says_how_many(database: str) -> None:
    seeded = seed(database)
    code, out, err = run("erase", "discord:666", "--yes", "--name", "Ana")
    assert code == 0, err
    assert out.strip() == "Erased 2 comments by discord:666."
    after = {c.id: c for c in comments_now(database, seeded.discussion_id)}
    troll_first, reader, troll_second = seeded.comments
    for erased in (troll_first, troll_second):
        assert after[erased.id].standing is Standing.ERASED
        assert "troll" not in after[erased.id].text
    assert after[reader.id].standing is Standing.VISIBLE
    assert after[reader.id].text == reader.text
    assert ("web:cli:Ana", "erase", "discord:666") in audit_actions(database)
    again = run("erase", "discord:666", "--yes")
    assert again[0] == 0 and again[1].strip() == "discord:666 wrote no comments."


def test_erase_queues_removal_of_originals_where_the_configured_platform_allows_it(
    database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded = seed(database)
    monkeypatch.setenv("DISCORD_TOKEN", "not-a-real-token")
    code, out, err = run("erase", "discord:666", "--yes")
    assert code == 0 and "Erased 2 comments" in out, err
    # The running bot's Discord worker deletes the troll's own messages; nothing was sent now.
    assert removals_queued(database, seeded) == [True, False, True]


def test_erase_without_the_platform_configured_queues_no_removal(database: str) -> None:
    seeded = seed(database)
    assert run("erase", "discord:666", "--yes")[0] == 0
    assert removals_queued(database, seeded) == [False, False, False]


def test_erase_asks_first_and_does_nothing_when_told_no(database: str) -> None:
    seeded = seed(database)
    code, out, err = run("erase", "discord:666", stdin="n\n")
    assert code == 1
    assert "Erase every comment by discord:666 everywhere? This cannot be undone." in out
    assert "Nothing was erased." in err
    assert all(c.standing is Standing.VISIBLE for c in comments_now(database, seeded.discussion_id))


def test_erase_asks_first_and_erases_when_told_yes(database: str) -> None:
    seed(database)
    code, out, _ = run("erase", "discord:666", stdin="y\n")
    assert code == 0 and "Erased 2 comments by discord:666." in out


@pytest.mark.parametrize("person", ["666", "telegram:666", "discord:", "discord:6 6", ":666"])
def test_erase_refuses_what_is_not_a_person(database: str, person: str) -> None:
    code, out, err = run("erase", person, "--yes")
    assert code == 2 and out == ""
    sentence = _one_sentence(err)
    assert f"“{person}” is not a person: write discord:USER_ID, slack:USER_ID" in sentence


# --- export ---------------------------------------------------------------------------------


def test_export_csv_to_stdout_has_every_comment(database: str) -> None:
    seeded = seed(database)
    code, out, err = run("export", str(seeded.discussion_id), "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["text"] for row in rows] == [c.text for c in seeded.comments]
    assert rows[1]["author"] == "Ana" and rows[1]["platform"] == "slack"


def test_export_json_to_a_file(database: str, tmp_path: Path) -> None:
    seeded = seed(database)
    target = tmp_path / "out" / "discussion.json"
    target.parent.mkdir()
    code, out, err = run(
        "export", str(seeded.discussion_id), "--format", "JSON", "--output", str(target)
    )
    assert code == 0, err
    assert out == ""
    assert f"Wrote discussion {seeded.discussion_id} as JSON to {target}." in err
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["discussion_id"] == seeded.discussion_id
    assert [c["id"] for c in data["comments"]] == [c.id for c in seeded.comments]
    assert any(action == "export" for _, action, _ in audit_actions(database))


def test_export_of_an_unknown_discussion_says_so(database: str) -> None:
    seed(database)
    code, out, err = run("export", "9999", "--format", "json")
    assert code == 2 and out == ""
    assert _one_sentence(err) == "briefbot: There is no discussion 9999."


def test_export_into_a_folder_says_so(database: str, tmp_path: Path) -> None:
    seeded = seed(database)
    code, _, err = run("export", str(seeded.discussion_id), "--output", str(tmp_path))
    assert code == 2
    assert "is a folder: give a file name with --output." in _one_sentence(err)


def test_export_refuses_an_unknown_format(database: str) -> None:
    code, _, err = run("export", "1", "--format", "xml")
    assert code == 2 and "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["moderators"], ["invite"]),
        (["moderators", "invite"], ["--name", "NAME", "15 minutes"]),
        (["erase"], ["PERSON", "--yes", "discord:USER_ID"]),
        (["export"], ["DISCUSSION_ID", "--format", "csv|json", "--output", "FILE"]),
    ],
)
def test_help_of_the_moderation_commands(args: list[str], expected: list[str]) -> None:
    result = CliRunner().invoke(app, [*args, "--help"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    for word in expected:
        assert word in result.output
