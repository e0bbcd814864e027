"""A brief as Slack Block Kit blocks, within Slack's documented limits."""

from __future__ import annotations

from typing import Any

from bot.briefing.model import Brief
from bot.formatting import trim
from bot.messages import byline

from .mrkdwn import escape_slack

__all__ = ["SLACK_LIMITS", "brief_blocks", "brief_fallback_text"]

SLACK_LIMITS = {
    "header": 150,
    "section_text": 3000,
    "fields": 10,
    "field_text": 2000,
    "button_text": 75,
    "url": 3000,
    "blocks": 50,
}


def brief_fallback_text(brief: Brief) -> str:
    """The notification text (also what screen readers and old clients show)."""
    return trim(escape_slack(f"Brief: {brief.title}"), 3000)


def brief_blocks(brief: Brief, *, max_figures: int = 6) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = [
        {
            "type": "header",
            "text": {
                "type": "plain_text",
                "text": trim(" ".join(brief.title.split()) or "Brief", SLACK_LIMITS["header"]),
                "emoji": False,
            },
        }
    ]
    if brief.summary:
        summary = "\n\n".join(escape_slack(s) for s in brief.summary)
        blocks.append(
            {
                "type": "section",
                "text": {"type": "mrkdwn", "text": trim(summary, SLACK_LIMITS["section_text"])},
            }
        )
    figures = brief.key_figures[: min(max_figures, SLACK_LIMITS["fields"])]
    if figures:
        fields = [
            {
                "type": "mrkdwn",
                "text": trim(
                    f"*{escape_slack(f.value)}*\n{escape_slack(f.label)}",
                    SLACK_LIMITS["field_text"],
                ),
            }
            for f in figures
        ]
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "*Key figures*"}})
        blocks.append({"type": "section", "fields": fields})
    if brief.notice:
        blocks.append(
            {"type": "context", "elements": [{"type": "plain_text", "text": brief.notice}]}
        )
    line = byline(brief)
    if line:
        blocks.append(
            {"type": "context", "elements": [{"type": "mrkdwn", "text": escape_slack(line)}]}
        )
    if brief.url and len(brief.url) <= SLACK_LIMITS["url"]:
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    {
                        "type": "button",
                        "text": {"type": "plain_text", "text": "Read the article"},
                        "url": brief.url,
                        "action_id": "open_article",
                    }
                ],
            }
        )
    return blocks
