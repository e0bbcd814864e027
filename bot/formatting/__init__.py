"""Comment text in briefbot's neutral form, and what every dialect shares.

Comments are stored as neutral Markdown (``**bold**``, ``*italic*``/``_italic_``,
``__underline__``, ``~~strike~~``, ``||spoiler||``, `` `code` ``, fenced blocks,
``[text](url)``, ``> quote``, ``#`` headings, ``-#`` small print, lists) with every user,
channel and role mention already turned into a plain name ("@Ana", "#news").
Each adapter converts its platform's text *to* this form at the edge and renders copies
*from* the tree that :func:`parse` builds; :func:`safe_label` keeps every rendered link
honest, and :func:`escape_markdown` keeps literal text literal.
"""

from bot.formatting.escape import escape_markdown
from bot.formatting.links import link_target, safe_label
from bot.formatting.parser import parse
from bot.formatting.plain import fit, markdown_to_plain, trim
from bot.formatting.resolve import MentionNames, NoNames
from bot.formatting.tree import SPOILER_WORD, blank_lines_before, words
from bot.formatting.writer import MarkdownWriter, normalise

__all__ = [
    "SPOILER_WORD",
    "MarkdownWriter",
    "MentionNames",
    "NoNames",
    "blank_lines_before",
    "escape_markdown",
    "fit",
    "link_target",
    "markdown_to_plain",
    "normalise",
    "parse",
    "safe_label",
    "trim",
    "words",
]
