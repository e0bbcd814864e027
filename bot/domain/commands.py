"""What is asked of the core, in the imperative. Adapters build these from platform payloads.

Comment text arrives already converted to briefbot's neutral Markdown (see
``bot.formatting``), with mentions turned into plain names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from bot.domain.model import Author, Platform

__all__ = [
    "DeleteComment",
    "EditComment",
    "PublishBrief",
    "RecordComment",
    "WriteWebComment",
]


@dataclass(frozen=True, slots=True)
class PublishBrief:
    url: str
    platform: Platform
    workspace_id: str
    channel_id: str
    channel_name: str
    user_id: str
    user_groups: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class RecordComment:
    platform: Platform
    workspace_id: str
    thread_ref: str
    message_id: str
    author: Author
    text: str
    created_at: datetime
    reply_to_message_id: str | None = None


@dataclass(frozen=True, slots=True)
class EditComment:
    platform: Platform
    workspace_id: str
    thread_ref: str
    message_id: str
    text: str
    edited_at: datetime


@dataclass(frozen=True, slots=True)
class DeleteComment:
    platform: Platform
    workspace_id: str
    thread_ref: str
    message_id: str
    deleted_at: datetime


@dataclass(frozen=True, slots=True)
class WriteWebComment:
    discussion_id: int
    name: str
    text: str
    client_id: str
    reply_to_comment_id: int | None = None
