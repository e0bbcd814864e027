"""The core as production wires it, with a FakeStore, fake chats and real delivery workers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime

from adapters.discord.platform import DISCORD
from adapters.slack.platform import SLACK
from bot.domain.commands import RecordComment
from bot.domain.model import Author, Comment, Place, Platform, Thread
from bot.services.linking import link_places
from tests.app import AppUnderTest, running_app
from tests.fakes.store import FakeStore

ARTICLE_URL = "https://gazette.example/news/mill-street-bridge"
ARTICLE_HTML = """<!doctype html><html><head>
<title>Mill Street bridge to close for repairs | Gazette</title>
<meta property="og:site_name" content="Riverside Gazette"></head><body><article>
<h1>Mill Street bridge to close for repairs</h1>
<p>The Mill Street bridge will close for eight weeks from 4 May while crews replace its
deck, the county highways department said on Tuesday.</p>
<p>About 9,000 vehicles cross the bridge each day, and the detour through Station Road adds
roughly ten minutes to the trip between the two halves of town.</p>
<p>The repairs will cost $2.4 million, most of it covered by a state grant awarded last year.
Councillors said the work could not wait another winter.</p>
<p>Shops on the east bank worry about lost trade. "We saw takings fall by a third the last
time the bridge shut," said Priya Nair, who runs a bakery near the crossing.</p>
<p>The department will run a free shuttle bus every 20 minutes during the closure.</p>
</article></body></html>"""


@dataclass
class Harness(AppUnderTest):
    """The app under test with a linked #news on Discord and Slack."""

    discord_place: Place = field(kw_only=True)
    slack_place: Place = field(kw_only=True)

    @property
    def store(self) -> FakeStore:
        store = self.app.store
        assert isinstance(store, FakeStore)
        return store

    async def thread(self, platform: Platform, discussion_id: int) -> Thread:
        async with self.store.transaction() as tx:
            for thread in await tx.discussions.threads(discussion_id):
                if thread.platform == platform:
                    return thread
        raise AssertionError(f"no {platform} thread")

    async def comments(self, discussion_id: int) -> list[Comment]:
        async with self.store.transaction() as tx:
            return await tx.comments.list_for_discussion(discussion_id)

    def reader(
        self, thread: Thread, message_id: str, text: str, name: str = "Ana", **kw: object
    ) -> RecordComment:
        return RecordComment(
            platform=thread.platform,
            workspace_id=thread.workspace_id,
            thread_ref=thread.thread_ref,
            message_id=message_id,
            author=Author(thread.platform, f"user-{name}", name, None),
            text=text,
            created_at=datetime.now(UTC),
            reply_to_message_id=kw.get("reply_to"),  # type: ignore[arg-type]
        )


@asynccontextmanager
async def harness(*, linked: bool = True, start_workers: bool = True) -> AsyncIterator[Harness]:
    async with running_app(pages={ARTICLE_URL: ARTICLE_HTML}, deliver=start_workers) as app:
        async with app.store.transaction() as tx:
            d = await tx.places.ensure(DISCORD, "G1", "C-news", "news")
            s = await tx.places.ensure(SLACK, "T1", "CNEWS", "news")
            await tx.commit()
        if linked:
            await link_places(app.ctx, d, s)
        yield Harness(app.app, app.discord, app.slack, app.fetcher, discord_place=d, slack_place=s)
