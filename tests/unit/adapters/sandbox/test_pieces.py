"""The sandbox's small pure pieces: which control calls the page may make, samples, ports."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from adapters.sandbox.info import discord_info, slack_info
from adapters.sandbox.network import choose_port, port_is_free
from adapters.sandbox.proxy import ControlProxy, _allowed, is_loopback_url
from adapters.sandbox.samples import load_samples


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "state"),
        ("GET", "channels/news/messages"),
        ("GET", "channels/1191168914227200010"),
        ("POST", "messages"),
        ("PATCH", "messages/C0NEWS00001/1764050000.123456"),
        ("DELETE", "messages/1191168914227200010/1191168914227200099"),
        ("POST", "commands"),
        ("GET", "commands/1575035950113751040"),
        ("GET", "ephemeral"),
    ],
)
def test_the_page_may_make_the_calls_it_needs(method: str, path: str) -> None:
    assert _allowed(method, path)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "reset"),
        ("POST", "faults"),
        ("POST", "ratelimits"),
        ("POST", "disconnect"),
        ("GET", "stats"),
        ("DELETE", "messages"),
        ("GET", "channels/../reset"),
        ("GET", "channels/../messages"),
        ("PATCH", "messages/../state"),
        ("GET", "channels/news/messages/extra"),
        ("PATCH", "channels/news"),
    ],
)
def test_everything_else_is_refused(method: str, path: str) -> None:
    assert not _allowed(method, path)


def test_the_proxy_only_reaches_this_machine() -> None:
    assert is_loopback_url("http://127.0.0.1:8081/_control")
    assert is_loopback_url("http://[::1]:8081/_control")
    assert not is_loopback_url("http://10.0.0.5:8081/_control")
    assert not is_loopback_url("https://discord.com/api")
    with pytest.raises(ValueError, match="only to this machine"):
        ControlProxy({"discord": "http://example.com/_control"})


def test_samples_are_named_by_their_headline() -> None:
    samples = load_samples()
    assert [s.name for s in samples] == [
        "bus-routes.html",
        "library-reopening.html",
        "mercado-valdecillas.html",
        "river-cleanup.html",
    ]
    assert samples[1].title == "Eastside library reopens after $3.2 million renovation"


def test_a_sample_without_a_headline_is_named_by_its_file(tmp_path: Path) -> None:
    (tmp_path / "quiet-week.html").write_text("<p>Nothing happened.</p>", encoding="utf-8")
    [sample] = load_samples(tmp_path)
    assert sample.title == "quiet-week"


def test_a_taken_port_falls_back_to_a_free_one() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert not port_is_free("127.0.0.1", port)
        other = choose_port("127.0.0.1", port)
    assert other != port and other > 0


def test_sandbox_json_lists_people_not_bots() -> None:
    discord = discord_info(
        "http://127.0.0.1:8081",
        "http://127.0.0.1:8081/api/v10",
        "ws://127.0.0.1:8081/gateway",
        {
            "guild_id": "7",
            "bot_user_id": "1",
            "application_id": "1",
            "channels": {"news": "10", "general": "11"},
            "users": [
                {"id": "1", "username": "Briefbot", "display_name": "Briefbot", "bot": True},
                {"id": "3", "username": "maria.lopez", "display_name": "María López", "bot": False},
            ],
        },
    )
    assert discord["users"] == [{"id": "3", "username": "maria.lopez", "name": "María López"}]
    assert discord["port"] == 8081 and discord["control_url"].endswith("/_control")
    slack = slack_info(
        "http://127.0.0.1:8082",
        "http://127.0.0.1:8082/api/",
        {
            "team_id": "T1",
            "bot_user_id": "U0BOT",
            "bot_id": "B1",
            "app_id": "A1",
            "channels": {"news": "C1"},
            "users": [
                {"id": "U0BOT", "name": "briefbot", "is_bot": True},
                {"id": "U2", "name": "cara", "real_name": "Cara Nguyen", "is_bot": False},
            ],
        },
    )
    assert slack["users"] == [{"id": "U2", "username": "cara", "name": "Cara Nguyen"}]
