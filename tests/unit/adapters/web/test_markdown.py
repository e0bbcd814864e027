"""Comment HTML: escaped, sanitised by an allow-list, honest links, hidden spoilers."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from adapters.discord.markdown import discord_to_markdown
from adapters.slack.neutral import slack_to_markdown
from adapters.web.markdown import markdown_to_html, sanitise

REL = 'rel="nofollow ugc noopener"'


def test_html_is_escaped_and_links_are_safe() -> None:
    out = markdown_to_html("<script>alert(1)</script> [x](javascript:alert(1)) **b**")
    assert "<script>" not in out
    assert "javascript:" in out and 'href="javascript' not in out
    assert "<strong>b</strong>" in out


def test_html_renders_links_quotes_and_code() -> None:
    out = markdown_to_html("> quoted\nsee [the minutes](https://example.org/m) `x<y`")
    assert out.startswith("<blockquote>quoted</blockquote>see ")
    assert f'<a href="https://example.org/m" target="_blank" {REL}>the minutes</a>' in out
    assert "<code>x&lt;y</code>" in out


def test_lines_lists_and_headings() -> None:
    out = markdown_to_html("# Title\n- one\n- two\n\nfirst\nsecond\n\nthird")
    assert out == ("<h3>Title</h3><ul><li>one</li><li>two</li></ul>first<br>second<br><br>third")


@pytest.mark.parametrize(
    "text",
    [
        '<img src=x onerror="alert(1)">',
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "<a href=javascript:alert(1)>x</a>",
        "[x](data:text/html,<script>alert(1)</script>)",
        '<span class="spoiler" onclick="alert(1)">x</span>',
        "`</code><script>alert(1)</script>`",
        '[a" onmouseover="alert(1)](https://a.example/"onmouseover=alert(1))',
    ],
)
def test_reader_text_never_becomes_markup(text: str) -> None:
    assert_only_allowed(markdown_to_html(text))


@pytest.mark.parametrize(
    "html",
    [
        '<img src=x onerror="alert(1)">hi',
        '<a href="javascript:alert(1)">x</a>',
        '<a href=" JaVaScRiPt:alert(1)" onclick="x()">x</a>',
        '<span class="spoiler evil" tabindex="-1" onclick="alert(1)" style="x">s</span>',
        "<script>alert(1)</script><style>*{}</style><iframe src=//e.example></iframe>",
        '<p><a href="https://ok.example" rel="opener" target="_top">ok</a></p>',
        '<svg><a xlink:href="javascript:alert(1)">x</a></svg><form action=x><input></form>',
    ],
)
def test_the_sanitiser_strips_everything_outside_the_allow_list(html: str) -> None:
    out = sanitise(html)
    assert_only_allowed(out)
    assert "alert" not in out.replace("alert(1)</", "")  # no script body left as code


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


ALLOWED = {
    "a": {"href", "target", "rel"},
    "span": {"class", "tabindex", "title"},
    "ol": {"start"},
}


def assert_only_allowed(html: str) -> None:
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag in {"a", "blockquote", "br", "code", "del", "em", "h3", "h4", "h5", "li",
                       "ol", "pre", "small", "span", "strong", "u", "ul"}, tag  # fmt: skip
        for name, value in attrs:
            assert name in ALLOWED.get(tag, set()), (tag, name)
            if name == "href":
                assert (value or "").startswith(("http://", "https://")), value
            if name == "rel":
                assert value == "nofollow ugc noopener"
            if name == "class":
                assert value == "spoiler"
            if name == "tabindex":
                assert value == "0"


def test_ordinary_text_reads_as_typed() -> None:
    text = "a*b snake_case_name 1 < 2 & 3 > 2 C++ 🎉"
    assert markdown_to_html(text) == "a*b snake_case_name 1 &lt; 2 &amp; 3 &gt; 2 C++ 🎉"


def test_spoilers_are_hidden_until_selected() -> None:
    out = markdown_to_html("it ends ||he **lives**||")
    assert out == (
        'it ends <span class="spoiler" tabindex="0" title="Spoiler: select to reveal">'
        "he <strong>lives</strong></span>"
    )


def test_underline_and_strike() -> None:
    assert markdown_to_html("__u__ ~~s~~") == "<u>u</u> <del>s</del>"


# Link spoofing (issue 9): a relayed link never shows one address and goes to another.


def test_slack_masked_link_to_another_address_shows_the_real_target() -> None:
    out = markdown_to_html(slack_to_markdown("<http://evil.example|http://good.example>"))
    assert out == f'<a href="http://evil.example" target="_blank" {REL}>http://evil.example</a>'


def test_markdown_typed_in_slack_is_not_a_link_on_the_web() -> None:
    out = markdown_to_html(slack_to_markdown("[http://good.example](http://evil.example)"))
    assert out.startswith('[<a href="http://good.example"')
    assert '>http://good.example</a>](<a href="http://evil.example"' in out


def test_discord_masked_link_to_another_address_shows_the_real_target() -> None:
    out = markdown_to_html(discord_to_markdown("[https://good.example](http://evil.example/x)"))
    assert ">http://evil.example/x</a>" in out and "good.example" not in out


def test_spoofed_link_typed_on_the_web_shows_the_real_target() -> None:
    out = markdown_to_html("[good.example](http://evil.example/x)")
    assert ">http://evil.example/x</a>" in out and "good.example<" not in out


_SPOILER_SPAN = re.compile(r'<span class="spoiler"[^>]*>.*?</span>', re.DOTALL)


# Review of issue 9: IP addresses, look-alike dots and user parts.


@pytest.mark.parametrize(
    "label",
    ["1.2.3.4", "192.168.0.1:8080/login", "[::1]", "good\u2024example", "good\u00b7example"],
)
def test_a_label_reading_as_another_address_shows_the_real_target(label: str) -> None:
    out = markdown_to_html(f"[{label}](https://evil.example)")
    assert out == f'<a href="https://evil.example" target="_blank" {REL}>https://evil.example</a>'


@pytest.mark.parametrize(
    "text",
    [
        "the end: ||rosebud\n\nwas the sled|| indeed",
        "||\n- rosebud\n- sled\n||",
        "||```py\nrosebud = sled()\n```||",
    ],
)
def test_a_discord_spoiler_over_several_blocks_stays_hidden_on_the_page(text: str) -> None:
    out = markdown_to_html(discord_to_markdown(text))
    assert_only_allowed(out)
    shown = _SPOILER_SPAN.sub("", out)
    assert "rosebud" not in shown and "sled" not in shown
    assert "rosebud" in out  # hidden, not lost: a click shows it


@pytest.mark.parametrize(
    "text",
    [
        "[good.example](https://good.example@evil.example)",
        "see https://good.example@evil.example now",
        "<https://good.example@evil.example>",
    ],
)
def test_a_url_with_a_user_part_is_never_a_link(text: str) -> None:
    out = markdown_to_html(text)
    assert "<a" not in out and "good.example@evil.example" in out


def test_slack_link_with_a_user_part_is_plain_text_on_the_web() -> None:
    assert markdown_to_html(slack_to_markdown("<https://good.example@evil.example|x>")) == "x"


def test_honest_labels_stay() -> None:
    out = markdown_to_html("[v3.5, e.g. Mr. Smith](https://news.example)")
    assert out == f'<a href="https://news.example" target="_blank" {REL}>v3.5, e.g. Mr. Smith</a>'
