"""Text from YAML is shown as text: HTML never runs, Markdown stays in its place."""

from __future__ import annotations

import markdown
import pytest
from supplier_handbook.render import escape_text, md, md_inline

EXTENSIONS = ["tables", "admonition"]


def html_of(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS)


@pytest.mark.parametrize("render", [escape_text, md, md_inline])
def test_script_is_text(render: object) -> None:
    out = html_of(str(render("<script>alert(1)</script>")))  # type: ignore[operator]
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_plain_text_shows_markdown_characters_literally() -> None:
    out = html_of(escape_text("*Acme* [x](http://e.example) | 1. _b_"))
    assert out == "<p>*Acme* [x](http://e.example) | 1. _b_</p>"


@pytest.mark.parametrize("text", ["- item", "+ item", "1986. a year", "# heading"])
def test_plain_text_cannot_open_a_block(text: str) -> None:
    assert html_of(escape_text(text)) == f"<p>{text}</p>"


def test_markdown_fields_render_emphasis_links_and_lists() -> None:
    out = html_of(md("Read *this* and [the 8D](https://q.example/8d).\n\n- one\n- two"))
    assert "<em>this</em>" in out
    assert '<a href="https://q.example/8d">the 8D</a>' in out
    assert "<li>one</li>" in out


@pytest.mark.parametrize(
    "target", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html;base64,AAA",
               "vbscript:x"],
)
def test_only_safe_link_schemes(target: str) -> None:
    out = html_of(md(f"[click]({target})"))
    assert target.lower() not in out.lower()
    assert '<a href="#">click</a>' in out


@pytest.mark.parametrize("target", ["https://a.example", "http://a.example",
                                    "mailto:a@b.example", "../guides/handover.md"])
def test_safe_links_kept(target: str) -> None:
    assert f'href="{target}"' in html_of(md(f"[ok]({target})"))


def test_markdown_field_cannot_open_a_heading_or_admonition() -> None:
    out = html_of(md("# Owned\n\n!!! danger \"x\"\n    y"))
    assert "<h1" not in out
    assert "admonition" not in out


def test_table_cell_stays_in_its_cell() -> None:
    table = "| a | b |\n|---|---|\n| " + md_inline("x | y\nz") + " | c |\n"
    out = html_of(table)
    assert out.count("<td>") == 2
    assert "<td>x | y z</td>" in out


def test_a_list_right_after_a_line_of_text_is_a_list() -> None:
    out = html_of(md("Red because:\n- late deliveries;\n- lawyer's template."))
    assert "<p>Red because:</p>" in out
    assert "<li>late deliveries;</li>" in out
