"""A fourth platform joins without a change to bot/: only its own folder and the bootstrap.

Here the platform is "matrix", a ``FakeChat`` handed to the production bootstrap (as an
adapter's runner would be by ``bot.bootstrap.chat_adapters``), on a real SQLite store.
Linked with a Discord channel, it gets the brief, and comments go both ways.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from aiohttp.test_utils import TestClient, TestServer

from adapters.discord.platform import DISCORD
from adapters.web import create_web_app
from bot.domain.commands import PublishBrief, RecordComment
from bot.domain.model import Author, Platform, Thread
from bot.services.briefs import publish_brief
from bot.services.comments import record_comment
from bot.services.linking import link_places
from tests.app import AppUnderTest, running_app
from tests.fakes.chat import FakeChat
from tests.unit.services.harness import ARTICLE_HTML, ARTICLE_URL

MATRIX = Platform("matrix", label="Matrix")


def said(thread: Thread, message_id: str, name: str, text: str) -> RecordComment:
    return RecordComment(
        platform=thread.platform,
        workspace_id=thread.workspace_id,
        thread_ref=thread.thread_ref,
        message_id=message_id,
        author=Author(thread.platform, f"user-{name}", name, None),
        text=text,
        created_at=datetime.now(UTC),
    )


async def _threads(app: AppUnderTest, discussion_id: int) -> dict[str, Thread]:
    async with app.store.transaction() as tx:
        return {t.platform.value: t for t in await tx.discussions.threads(discussion_id)}


async def test_a_fourth_platform_gets_briefs_and_comments_both_ways(tmp_path: Path) -> None:
    matrix = FakeChat(MATRIX)
    async with running_app(tmp_path, pages={ARTICLE_URL: ARTICLE_HTML}, more_chats=[matrix]) as app:
        assert type(app.store).__name__ == "SqliteStore"
        assert app.ctx.platforms[MATRIX] is matrix
        async with app.store.transaction() as tx:
            news = await tx.places.ensure(DISCORD, "G1", "C-news", "news")
            room = await tx.places.ensure(MATRIX, "hs.example", "!news:hs.example", "news")
            await tx.commit()
        await link_places(app.ctx, news, room)

        outcome = await publish_brief(
            PublishBrief(ARTICLE_URL, DISCORD, "G1", "C-news", "news", "editor"), app.ctx
        )
        await app.settle()
        assert [place.platform for place, _, _ in matrix.briefs] == [MATRIX]
        assert [place.platform for place, _, _ in app.discord.briefs] == [DISCORD]
        threads = await _threads(app, outcome.discussion.id)
        assert set(threads) == {"discord", "matrix", "web"}
        assert isinstance(threads["matrix"].platform, Platform)  # read back from SQLite

        # Discord → Matrix
        await record_comment(
            said(threads["discord"], "d-1", "Ana", "Closed for how long?"), app.ctx
        )
        await app.settle()
        (copy,) = matrix.thread_messages(threads["matrix"].thread_ref)
        assert (copy.username, copy.text) == ("Ana (Discord)", "Closed for how long?")

        # Matrix → Discord
        await record_comment(said(threads["matrix"], "x-1", "Bo", "Eight weeks."), app.ctx)
        await app.settle()
        back = app.discord.thread_messages(threads["discord"].thread_ref)
        assert [(m.username, m.text) for m in back] == [("Bo (Matrix)", "Eight weeks.")]
        assert not app.slack.messages and not app.slack.briefs  # not in the room

        # The web page shows both, the new platform with the neutral badge (no CSS edited).
        web = create_web_app(app.ctx)
        async with TestClient(TestServer(web)) as client:
            page = await (await client.get(f"/a/{outcome.article.id}")).text()
            css = await (await client.get("/badges.css")).text()
        assert 'class="badge badge-matrix">Matrix<' in page
        assert 'class="badge badge-discord">Discord<' in page
        assert "badge-matrix" not in css
