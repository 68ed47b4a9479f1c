"""Text from YAML is shown as text: HTML never runs, Markdown stays in its place.

Each filter's output is converted by Python-Markdown with the extensions that could reach
user text if it were Markdown (attr_list, md_in_html, pymdownx.blocks.html, toc, tables,
admonition...), and read back as a browser would.
"""

from __future__ import annotations

from collections.abc import Callable

import markdown
import pytest
from supplier_handbook.render.markup import escape_text, md, md_inline

from tests.security.poison import Page, browser_url

EXTENSIONS = ["tables", "admonition", "attr_list", "md_in_html", "toc", "def_list", "abbr",
              "footnotes", "pymdownx.blocks.html", "pymdownx.blocks.admonition",
              "pymdownx.superfences", "pymdownx.details", "pymdownx.tasklist",
              "pymdownx.magiclink", "pymdownx.tilde", "pymdownx.caret", "pymdownx.mark",
              "pymdownx.betterem", "pymdownx.keys", "pymdownx.critic", "pymdownx.emoji"]
Render = Callable[[str], str]
FILTERS: list[Render] = [escape_text, md, md_inline]
# What a text field may turn into: the tags of the allowed constructs, and the wrappers that
# the filters and Python-Markdown put around them.
ALLOWED = {"p", "em", "strong", "code", "ul", "ol", "li", "a", "br", "div"}


def html_of(source: str) -> str:
    return str(markdown.markdown(source, extensions=EXTENSIONS))


def page_of(render: Render, value: str) -> Page:
    return Page(html_of(str(render(value))))


def shown(page: Page) -> str:
    """The text a reader sees, without the parser's block separators."""
    return " ".join(page.text.replace("\u241e", " ").split())


def tags(page: Page) -> set[str]:
    return {tag for tag, _, _ in page.tags}


def attributes(page: Page) -> list[tuple[str, str, str]]:
    return [(tag, k, v) for tag, attrs, _ in page.tags for k, v in attrs.items()
            if (tag, k) not in {("a", "href"), ("div", "class")}]


@pytest.mark.parametrize("render", FILTERS)
def test_script_is_text(render: Render) -> None:
    page = page_of(render, "<script>alert(1)</script>")
    assert tags(page) <= ALLOWED
    assert "<script>alert(1)</script>" in shown(page)


def test_plain_text_shows_markdown_characters_literally() -> None:
    text = "*Acme* [x](http://e.example) | 1. _b_ {: .x} `c` ~~d~~ ==e== ^^f^^ :smile: @g"
    page = page_of(escape_text, text)
    assert tags(page) == {"p"}
    assert shown(page) == text


@pytest.mark.parametrize("text", ["- item", "+ item", "1986. a year", "12) b", "# heading",
                                  "!!! danger", "??? note", "> quote", "[TOC]", "---",
                                  ": definition", "*[HTML]: abbr", "[^1]: note", "/// html | div",
                                  "/// html", "/// details"])
def test_plain_text_cannot_open_a_block(text: str) -> None:
    page = page_of(escape_text, text)
    assert tags(page) == {"p"}, html_of(escape_text(text))
    assert shown(page) == text


def test_markdown_fields_render_emphasis_code_links_and_lists() -> None:
    out = html_of(md("Read *this*, `code` and [the 8D](https://q.example/8d).\n\n- one\n- two"))
    page = Page(out)
    assert "<em>this</em>" in out
    assert "<code>code</code>" in out
    assert [a.get("href") for t, a, _ in page.tags if t == "a"] == ["https://q.example/8d"]
    assert "<li>one</li>" in out


@pytest.mark.parametrize("render", [md, md_inline])
@pytest.mark.parametrize(
    "target", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html;base64,AAA",
               "vbscript:x", "file:///etc/passwd", " javascript:alert(1)",
               "\tjavascript:alert(1)", "java&#115;cript:alert(1)", "<javascript:alert(1)>"],
)
def test_only_safe_link_schemes(render: Render, target: str) -> None:
    """Finding 1 and 7: a leading space or tab, entities or angle brackets do not help."""
    page = page_of(render, f"Read [click]({target}) or <{target.strip()}>")
    assert not [(t, a) for t, a, _ in page.tags if "href" in a], page.source
    assert "click" in shown(page)


@pytest.mark.parametrize("render", [md, md_inline])
def test_reference_definitions_are_text(render: Render) -> None:
    """Finding 7: a reference definition after \\r or in a list item defines nothing."""
    for text in ["[x][r]\r\r[r]: javascript:alert(1)", "- [x][r]\n- [r]: javascript:alert(1)",
                 "[x]\n\n[x]: javascript:alert(1)"]:
        page = page_of(render, text)
        assert not [a for t, a, _ in page.tags if "href" in a], page.source


@pytest.mark.parametrize("target", ["https://a.example", "http://a.example",
                                    "mailto:a@b.example", "../guides/handover.md"])
def test_safe_links_kept(target: str) -> None:
    page = page_of(md, f"[ok]({target})")
    assert [a["href"] for t, a, _ in page.tags if t == "a"] == [target]


@pytest.mark.parametrize("render", FILTERS)
@pytest.mark.parametrize("text", [
    "Intro\r# HEADING\r\r!!! danger \"BOX\"\r    body",
    "- # heading\n- !!! danger \"BOX\"\n- | a | b |\n  |---|---|\n  | c | d |",
    "Text\n\n[TOC]\n\n| a | b |\n|---|---|\n| c | d |",
    "Text\n===\n\n> quote\n\n    code\n\n```\nfence\n```\n\n<details open>x</details>",
    "/// html | div\nx\n///\n\n/// admonition | BOX\nx\n///",
    "/// html\nx\n///\n\n/// details\nx\n///",
])
def test_markdown_field_cannot_open_a_block(render: Render, text: str) -> None:
    """Finding 6: no heading, admonition, table, quote, code block or TOC, also after a
    carriage return or inside a list item."""
    page = page_of(render, text)
    assert tags(page) <= ALLOWED, (text, page.source)
    assert 'class="admonition' not in page.source
    assert "HEADING" in shown(page) or "HEADING" not in text


@pytest.mark.parametrize("render", FILTERS)
@pytest.mark.parametrize("text", [
    'Prefers a *call*{ autofocus onfocus="document.title=1" }.',
    'Prefers a call.\n{: autofocus onfocus="x" }',
    "[link](https://a.example){: onclick=x }",
    '<div markdown="1" onclick="x">*x*</div>',
    "*x*{#injected .injected}",
])
def test_no_attribute_list_reaches_text(render: Render, text: str) -> None:
    """Finding 5: with attr_list, md_in_html and pymdownx.blocks.html enabled, text adds no
    attribute and no element."""
    page = page_of(render, text)
    assert attributes(page) == [], page.source
    assert tags(page) <= ALLOWED, page.source


def test_table_cell_stays_in_its_cell() -> None:
    table = "| a | b |\n|---|---|\n| " + md_inline("x | y\nz") + " | c |\n"
    page = Page(html_of(table))
    assert page.tables == [[["a", "b"], ["x | y z", "c"]]]


def test_a_list_right_after_a_line_of_text_is_a_list() -> None:
    out = html_of(md("Red because:\n- late deliveries;\n- lawyer's template."))
    assert "<p>Red because:</p>" in out
    assert "<li>late deliveries;</li>" in out


@pytest.mark.parametrize("render", FILTERS)
def test_no_markdown_placeholder_or_control_character(render: Render) -> None:
    out = html_of(str(render("a\x02klzzwxh:1\x03 b\x00c\x1b[31m \udcff")))
    assert "\x02" not in out and "\x03" not in out and "\x1b" not in out
    out.encode("utf-8")  # a lone surrogate (an undecodable file name) is replaced
    assert "klzzwxh:1" in shown(Page(out))


def test_hrefs_are_read_as_a_browser_reads_them() -> None:
    page = page_of(md, "[a](https://a.example/?q=`x`&b=[c]) [b](<https://b.example/x y>)")
    hrefs = [browser_url(a["href"]) for t, a, _ in page.tags if t == "a"]
    assert hrefs == ["https://a.example/?q=%60x%60&b=%5bc%5d", "https://b.example/x%20y"]
