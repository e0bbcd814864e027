"""Judging a comment against its room's policy, with what the store knows of its author."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.model import Author, Discussion, Platform
from bot.domain.moderation import Policy, Verdict
from bot.moderation.policy import AuthorFacts, CompiledPolicy, compile_policy
from bot.ports.store import Transaction
from bot.services.context import Context

__all__ = ["compiled_for", "judge_edit", "judge_new", "policy_for"]

_last: tuple[Policy, CompiledPolicy] | None = None


def compiled_for(policy: Policy) -> CompiledPolicy:
    """The compiled policy; the one used last is kept by identity, so a room following the
    defaults costs no hashing of its word lists per comment."""
    global _last
    if _last is not None and _last[0] is policy:
        return _last[1]
    compiled = compile_policy(policy)
    _last = (policy, compiled)
    return compiled


async def policy_for(ctx: Context, tx: Transaction, room_id: int) -> Policy:
    """The room's own policy, or the defaults from settings."""
    return await tx.moderation.policy_for(room_id) or ctx.moderation_defaults


async def judge_new(
    ctx: Context, tx: Transaction, discussion: Discussion, author: Author, text: str
) -> Verdict:
    """A new comment's standing: every rule applies (closed discussion, banned author,
    words, pre-moderation, links, a web commenter's first comment, bursts)."""
    policy = await policy_for(ctx, tx, discussion.room_id)
    compiled = compiled_for(policy)
    room = discussion.room_id
    banned = await tx.moderation.is_banned(room, author.platform, author.user_id)
    first_web = (
        author.platform is Platform.WEB
        and policy.hold_first_web
        and not await tx.moderation.has_commented(room, author.platform, author.user_id)
    )
    recent = 0
    if policy.burst_count > 0:
        since = ctx.clock() - timedelta(seconds=policy.burst_seconds)
        recent = await tx.moderation.count_recent(room, author.platform, author.user_id, since)
    facts = AuthorFacts(author.platform, banned, first_web, recent)
    return compiled.judge(text, facts, closed=discussion.closed)


async def judge_edit(
    ctx: Context, tx: Transaction, discussion: Discussion, author: Author, text: str
) -> Verdict:
    """An edit's standing: the rules about what was written and who wrote it (an edit is
    neither a first comment nor part of a burst, and a closed discussion keeps its edits)."""
    policy = await policy_for(ctx, tx, discussion.room_id)
    banned = await tx.moderation.is_banned(discussion.room_id, author.platform, author.user_id)
    facts = AuthorFacts(author.platform, banned, False, 0)
    return compiled_for(policy).judge(text, facts, closed=False)
