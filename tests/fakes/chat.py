"""An in-memory chat platform and page fetcher for the core's unit tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.briefing import Brief, FetchedPage
from bot.domain.copies import CommentCopy
from bot.domain.model import Place, Platform, Thread
from bot.errors import DeliveryError, FetchError
from bot.ports.chat import PostedBrief


@dataclass
class PostedMessage:
    id: str
    thread_ref: str
    username: str
    text: str
    deleted: bool = False
    edits: int = 0


@dataclass
class FakeChat:
    """Records what would have been posted; can be told to fail the next calls."""

    platform: Platform
    briefs: list[tuple[Place, Brief, PostedBrief]] = field(default_factory=list)
    messages: dict[str, PostedMessage] = field(default_factory=dict)
    failures: list[DeliveryError] = field(default_factory=list)
    notices: list[tuple[str, str]] = field(default_factory=list)
    """(thread ref, text) of every notice posted."""
    channel_notices: list[tuple[str, str]] = field(default_factory=list)
    """(channel id, text) of every notice posted into a channel itself (feeds)."""
    looked: list[str] = field(default_factory=list)
    """The text of every copy a retry looked for before posting."""
    invitations: list[str] = field(default_factory=list)  # thread refs, in posting order
    invitation_failures: list[DeliveryError] = field(default_factory=list)
    calls: int = 0
    can_remove_originals: bool = True
    removed_originals: list[tuple[str, str]] = field(default_factory=list)
    """(thread ref, message id) of every reader's message removed at its origin."""
    closed: set[str] = field(default_factory=set)
    """Thread refs closed by a moderator (and not reopened)."""
    _next: int = 0

    def _maybe_fail(self) -> None:
        self.calls += 1
        if self.failures:
            raise self.failures.pop(0)

    def _id(self) -> str:
        self._next += 1
        return f"{self.platform.value}-m{self._next}"

    def thread_messages(self, thread_ref: str) -> list[PostedMessage]:
        return [m for m in self.messages.values() if m.thread_ref == thread_ref]

    async def post_brief(self, place: Place, brief: Brief) -> PostedBrief:
        self._maybe_fail()
        message_id = self._id()
        posted = PostedBrief(message_id, f"{place.channel_id}/{message_id}")
        self.briefs.append((place, brief, posted))
        return posted

    async def find_brief(self, place: Place, brief: Brief, since: datetime) -> PostedBrief | None:
        for known_place, known_brief, posted in self.briefs:
            if known_place.id == place.id and known_brief.url == brief.url:
                return posted
        return None

    async def post_invitation(self, thread: Thread) -> None:
        self._maybe_fail()
        if self.invitation_failures:
            raise self.invitation_failures.pop(0)
        self.invitations.append(thread.thread_ref)

    async def find_invitation(self, thread: Thread) -> bool:
        return thread.thread_ref in self.invitations

    async def post_copy(self, thread: Thread, copy: CommentCopy) -> str:
        self._maybe_fail()
        message_id = self._id()
        self.messages[message_id] = PostedMessage(
            message_id, thread.thread_ref, copy.display_name, copy.text
        )
        return message_id

    async def find_copies(self, thread: Thread, copy: CommentCopy, since: datetime) -> list[str]:
        self.looked.append(copy.text)
        return [
            message.id
            for message in self.thread_messages(thread.thread_ref)
            if message.username == copy.display_name
            and message.text == copy.text
            and not message.deleted
        ]

    async def edit_copy(self, thread: Thread, message_id: str, copy: CommentCopy) -> None:
        self._maybe_fail()
        message = self.messages[message_id]
        message.text = copy.text
        message.edits += 1

    async def delete_copy(self, thread: Thread, message_id: str) -> None:
        self._maybe_fail()
        self.messages[message_id].deleted = True

    async def post_notice(self, thread: Thread, text: str) -> None:
        self._maybe_fail()
        self.notices.append((thread.thread_ref, text))

    async def post_channel_notice(self, place: Place, text: str) -> None:
        self._maybe_fail()
        self.channel_notices.append((place.channel_id, text))

    async def link(self, thread: Thread) -> str | None:
        return f"https://{self.platform.value}.example/{thread.thread_ref}"

    async def remove_original(self, thread: Thread, message_id: str) -> None:
        if not self.can_remove_originals:
            raise DeliveryError(
                "This platform does not let the bot delete a person's message.",
                platform=self.platform.value,
                permanent=True,
            )
        self._maybe_fail()
        self.removed_originals.append((thread.thread_ref, message_id))

    async def close_thread(self, thread: Thread) -> None:
        self._maybe_fail()
        self.closed.add(thread.thread_ref)

    async def reopen_thread(self, thread: Thread) -> None:
        self._maybe_fail()
        self.closed.discard(thread.thread_ref)


@dataclass
class FakeFetcher:
    """Serves pages from a dict; unknown URLs fail like an unreachable site."""

    pages: dict[str, str] = field(default_factory=dict)
    fetched: list[str] = field(default_factory=list)

    async def fetch(self, url: str) -> FetchedPage:
        self.fetched.append(url)
        if url not in self.pages:
            raise FetchError("The site could not be reached.")
        return FetchedPage(url=url, content_type="text/html", text=self.pages[url])
