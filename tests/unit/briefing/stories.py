"""Invented local-news stories for the briefing tests (written for these tests)."""

from __future__ import annotations

LIBRARY_PARAGRAPHS = [
    "Millbrook's town council voted 7 to 2 on Tuesday night to build a new library on the "
    "old ferry yard beside the River Esk, ending a debate that has run for more than four years.",
    "The two-storey building will cost £4.2 million, of which £1.5 million comes from a "
    "national lottery grant awarded in March. Work is due to start next spring.",
    "Councillor Priya Nandakumar, who chairs the culture committee, said the current library "
    "on Station Road had outgrown its 1960s home and flooded twice since 2019.",
    "Residents who objected to the plan said the ferry yard should stay a car park. The council "
    "promised 40 replacement spaces on Mill Lane before the yard closes.",
    "The library is expected to open in the autumn of 2027 and will have a children's floor, "
    "a local history room and a café run by volunteers from the Friends of Millbrook Library.",
]

LIBRARY_TITLE = "Millbrook council approves riverside library"
SITE = "Millbrook Courier"


def library_html(*, comments: bool = True, title_suffix: bool = True) -> str:
    """A realistic news page: navigation, article, related links, comments, footer."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in LIBRARY_PARAGRAPHS)
    page_title = f"{LIBRARY_TITLE} | {SITE}" if title_suffix else LIBRARY_TITLE
    comment_block = (
        """<section id="comments" class="comments"><h3>3 comments</h3>
        <div class="comment"><p>About time too, the old building leaks every winter and the
        children's corner is always cold.</p></div>
        <div class="comment"><p>Where are we supposed to park on market day now that the ferry
        yard is going? Nobody has answered that question.</p></div></section>"""
        if comments
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8">
<title>{page_title}</title>
<meta property="og:title" content="{page_title}">
<meta property="og:site_name" content="{SITE}">
<meta name="author" content="Tom Ellery">
<meta property="article:published_time" content="2026-03-03T18:30:00+00:00">
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a>
<a href="/what-s-on">What's on</a></nav></header>
<main><article>
<h1>{LIBRARY_TITLE}</h1>
<p class="byline">By Tom Ellery</p>
{paragraphs}
</article>
<aside><h2>Related</h2><ul><li><a href="/a">Bridge repairs delayed</a></li>
<li><a href="/b">Market hall reopens</a></li></ul></aside>
{comment_block}
</main>
<footer><p>© 2026 Millbrook Courier</p><a href="/privacy">Privacy</a></footer>
</body></html>"""


SEED_LIKE_TEXT = "\n".join(
    [
        "Harbour Ferry Service Returns After Two-Year Pause",
        "The Kestrel Bay ferry will carry passengers again from Saturday, two years after the "
        "old boat failed its safety inspection. The new vessel seats 120 people and cost the "
        "harbour trust £2.8 million.",
        "Why the Service Stopped",
        "The previous ferry, built in 1988, was withdrawn in 2024 when inspectors found "
        "corrosion in its hull. Islanders have relied on a small water taxi since then, which "
        "carries only twelve people at a time.",
        "Fares are unchanged at £3 for adults and £1.50 for children. The first sailing leaves "
        "the harbour at 7.15am.",
        "What Islanders Say",
        "Shopkeeper Dana Whitlow said the pause had cut her summer trade by a third. She is "
        "hiring two extra staff for the season.",
        "Write A Comment",
        "",
    ]
)
