"""A room's policy compiled once and applied to each comment: visible, held or rejected.

:func:`compile_policy` builds the word matchers of a :class:`Policy` once per distinct policy
(policies are frozen and compared by value), so judging a comment costs one pass of each
matcher over its text. The rules are tried in a fixed order and the first that applies wins:

1. the discussion is closed → rejected, ``"closed discussion"``;
2. the author is banned in this room → rejected, ``"banned author"``;
3. a banned word → rejected, ``"banned word “…”"``;
4. pre-moderation of web comments, for a web comment → held, ``"pre-moderation"``;
5. a suspect word → held, ``"suspect word “…”"``;
6. a link, when the policy holds links → held, ``"link"``;
7. a web commenter's first comment, when the policy holds those → held, ``"first web comment"``;
8. a burst: ``recent_comments`` at or above ``burst_count`` → held, ``"burst"``
   (a ``burst_count`` of 0 turns this rule off);
9. otherwise visible.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Final

from bot import messages
from bot.domain.model import WEB, Platform
from bot.domain.moderation import Policy, Standing, Verdict
from bot.moderation.matcher import WordMatcher, check_entries
from bot.moderation.normalise import readings, unhide

__all__ = [
    "BANNED_AUTHOR",
    "BANNED_WORD",
    "BURST",
    "CLOSED_DISCUSSION",
    "FIRST_WEB_COMMENT",
    "LINK",
    "PRE_MODERATION",
    "REPORTS",
    "SUSPECT_WORD",
    "AuthorFacts",
    "CompiledPolicy",
    "check_policy",
    "compile_policy",
    "has_link",
    "reason_for_author",
]

CLOSED_DISCUSSION: Final = "closed discussion"
"""The rule of a comment rejected because its discussion is closed."""
BANNED_AUTHOR: Final = "banned author"
"""The rule of a comment rejected because its author is banned in the room."""
BANNED_WORD: Final = "banned word"
"""The start of the rule of a comment rejected for a banned word (the entry follows, quoted)."""
PRE_MODERATION: Final = "pre-moderation"
"""The rule of a web comment held because the room pre-moderates web comments."""
SUSPECT_WORD: Final = "suspect word"
"""The start of the rule of a comment held for a suspect word (the entry follows, quoted)."""
LINK: Final = "link"
"""The rule of a comment held because it holds a web address and the room holds links."""
FIRST_WEB_COMMENT: Final = "first web comment"
"""The rule of a web commenter's first comment in a room that holds those."""
BURST: Final = "burst"
"""The rule of a comment held because its author commented too often in the burst window."""
REPORTS: Final = "reports"
"""The rule of a visible comment held because enough readers reported it."""

_POLICY_CACHE_SIZE: Final = 256

# A web address as people write them: with a scheme, starting with www., or a bare host name
# ending in a common top-level domain ("example.com/page"). Every expression starts only
# where a run of its characters starts and takes the run possessively (``*+``, ``++``), so a
# reader's "a.a.a.a…" or "a-a-a-…" of 40,000 characters is read once, not once per position
# (the obvious ``\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.com`` takes seconds on it: quadratic).
_SCHEME_LINK: Final = re.compile(r"(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*+://\S", re.IGNORECASE)
_WWW_LINK: Final = re.compile(r"\bwww\d?\.[^\s.]++\.\S", re.IGNORECASE)
_HOST: Final = re.compile(r"(?<![\w-])[a-z0-9-]++(?:\.[a-z0-9-]++)++(?!\w)", re.IGNORECASE)
_TLDS: Final = frozenset(
    {
        "com", "net", "org", "info", "biz", "io", "co", "me", "ly", "gg", "tv", "xyz", "top",
        "site", "online", "link", "app", "dev", "shop", "club", "ru", "cn", "tk", "ml", "ga",
        "cf", "uk", "de", "fr", "eu", "us",
    }
)  # fmt: skip


def has_link(text: str) -> bool:
    """Whether ``text`` contains a web address (zero-width characters and full-width dots do
    not hide one). Linear in the length of ``text``, whatever it holds."""
    text = unhide(text)
    if _SCHEME_LINK.search(text) or _WWW_LINK.search(text):
        return True
    return any(host.group().rsplit(".", 1)[1].lower() in _TLDS for host in _HOST.finditer(text))


_FOR_AUTHOR: Final = {
    PRE_MODERATION: messages.RULE_PRE_MODERATION,
    LINK: messages.RULE_LINK,
    FIRST_WEB_COMMENT: messages.RULE_FIRST_WEB_COMMENT,
    BURST: messages.RULE_BURST,
    REPORTS: messages.RULE_REPORTS,
}


def reason_for_author(rule: str | None) -> str:
    """The rule as its author may be told it: a word-list rule without the entry.

    The entry is the moderators' list as written (``re:`` patterns, ``*wildcards*``, names
    kept off the page): quoting it back would show a troll exactly what to get around.
    Moderators see the full rule in the queue and the audit log.
    """
    if rule is None:
        return messages.RULE_UNNAMED
    if rule.startswith(BANNED_WORD):
        return messages.RULE_BANNED_WORD
    if rule.startswith(SUSPECT_WORD):
        return messages.RULE_SUSPECT_WORD
    return _FOR_AUTHOR.get(rule, rule)


@dataclass(frozen=True)
class AuthorFacts:
    """What the store knows about a comment's author, gathered by the service before judging.

    ``first_web_comment``: a web commenter who has not commented in this room before.
    ``recent_comments``: the author's comments in this room within the policy's burst window.
    """

    platform: Platform
    banned: bool
    first_web_comment: bool
    recent_comments: int


class CompiledPolicy:
    """A :class:`Policy` with its word lists compiled; judges one comment at a time."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self._banned = WordMatcher(policy.banned)
        self._suspect = WordMatcher(policy.suspect)

    def judge(self, text: str, facts: AuthorFacts, *, closed: bool) -> Verdict:
        """The standing of a comment with this ``text`` by this author (see the module doc)."""
        policy = self.policy
        if closed:
            return Verdict(Standing.REJECTED, CLOSED_DISCUSSION)
        if facts.banned:
            return Verdict(Standing.REJECTED, BANNED_AUTHOR)
        forms = readings(text) if self._banned or self._suspect else ()
        banned_word = self._banned.find_in(forms)
        if banned_word is not None:
            return Verdict(Standing.REJECTED, f"{BANNED_WORD} “{banned_word}”")
        if policy.premoderate_web and facts.platform == WEB:
            return Verdict(Standing.HELD, PRE_MODERATION)
        suspect_word = self._suspect.find_in(forms)
        if suspect_word is not None:
            return Verdict(Standing.HELD, f"{SUSPECT_WORD} “{suspect_word}”")
        if policy.hold_links and has_link(text):
            return Verdict(Standing.HELD, LINK)
        if policy.hold_first_web and facts.first_web_comment:
            return Verdict(Standing.HELD, FIRST_WEB_COMMENT)
        if policy.burst_count > 0 and facts.recent_comments >= policy.burst_count:
            return Verdict(Standing.HELD, BURST)
        return Verdict(Standing.VISIBLE, None)


def check_policy(policy: Policy) -> CompiledPolicy:
    """A policy about to be saved (or read from the settings): its patterns must pass
    :func:`bot.moderation.matcher.check_entries`; returns it compiled. Raises
    :class:`bot.moderation.matcher.PatternError`."""
    check_entries(policy.banned)
    check_entries(policy.suspect)
    return compile_policy(policy)


@functools.lru_cache(maxsize=_POLICY_CACHE_SIZE)
def compile_policy(policy: Policy) -> CompiledPolicy:
    """The compiled form of ``policy``, built once per distinct policy value.

    Raises :class:`bot.moderation.matcher.PatternError` for an invalid ``re:`` entry.
    """
    return CompiledPolicy(policy)
