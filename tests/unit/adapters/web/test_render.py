from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from adapters.discord.platform import DISCORD
from adapters.web import WebOptions, create_web_app
from adapters.web.live import sse_frame
from adapters.web.render import make_templates, render_comment
from adapters.web.state import STATE, WebState
from adapters.web.views import comment_view
from bot.config import Settings
from bot.domain.model import Author, Comment
from bot.errors import ConfigError
from tests.app import plain_context

WHEN = datetime(2026, 11, 5, 9, 7, tzinfo=UTC)


@pytest.fixture
def state() -> WebState:
    app = create_web_app(plain_context())
    return app[STATE]


def _comment(name: str, text: str, **kw: object) -> Comment:
    author = Author(DISCORD, "u1", name)
    return Comment(5, 2, 1, "m5", author, text, WHEN, **kw)  # type: ignore[arg-type]


def test_templates_escape_by_default() -> None:
    template = make_templates().from_string("{{ value }}")
    assert template.render(value="<script>") == "&lt;script&gt;"


def test_a_comment_fragment_is_escaped_and_badged(state: WebState) -> None:
    view = comment_view(_comment('<img src=x onerror="a()">', "x"))
    html = render_comment(state, view)
    assert "<img" not in html
    assert "&lt;img src=x onerror=&#34;a()&#34;&gt;" in html
    assert 'class="badge badge-discord">Discord</span>' in html
    assert 'id="c5" data-id="5" data-discussion-id="2"' in html
    assert 'href="?reply_to=5#form-2"' in html


def test_an_embedded_fragment_keeps_the_embed_layout(state: WebState) -> None:
    html = render_comment(state, comment_view(_comment("Ana", "x")), embed=True)
    assert 'href="?embed=1&amp;reply_to=5#form-2"' in html


def test_a_deleted_comment_renders_as_a_tombstone(state: WebState) -> None:
    html = render_comment(state, comment_view(_comment("Ana", "", deleted_at=WHEN)))
    assert "This comment was deleted." in html and "Ana" not in html
    assert 'class="comment comment-deleted" id="c5"' in html


def test_sse_frames_are_one_json_line() -> None:
    frame = sse_frame("comment", {"html": "<p>\nx</p>"}, 7)
    head, data = frame.decode().rstrip("\n").split("\ndata: ")
    assert head == "event: comment\nid: 7"
    assert json.loads(data) == {"html": "<p>\nx</p>"}
    assert frame.endswith(b"\n\n") and frame.count(b"\n") == 4


def test_options_from_settings() -> None:
    settings = Settings(
        web_secret="x" * 20,
        web_frame_ancestors="https://a.example  https://b.example",
        web_trust_proxy=True,
        web_comments_per_minute=3,
    )
    options = WebOptions.from_settings(settings)
    assert options.secret == b"x" * 20
    assert options.frame_ancestors == "https://a.example https://b.example"
    assert options.trust_proxy and options.posts_per_window == 3


@pytest.mark.parametrize(
    ("field", "value", "variable"),
    [("web_secret", "short", "WEB_SECRET"), ("web_frame_ancestors", "*; x", "WEB_FRAME")],
)
def test_bad_web_settings_fail_at_start_up(field: str, value: str, variable: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        WebOptions.from_settings(Settings(**{field: value}))  # type: ignore[arg-type]
