"""``handbook diff --format markdown`` is posted as a pull-request comment: a value from a
supplier file (or a file name, or a revision) cannot add a line, a heading, bold text, a
link, raw HTML or an HTML comment that hides the real warnings (finding 16).

The comment is read back with markdown-it (CommonMark with raw HTML allowed, as GitHub and
GitLab read it): only the handbook's own structure may appear.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from markdown_it import MarkdownIt
from markdown_it.token import Token
from supplier_handbook.commands.cli import main

from tests.history.gitrepo import QUIET, replace

CATEGORY = "category: PCB assembly (SMT and THT), in-circuit test\n"
PAYLOADS = {
    "hidden-warnings": "\n\n**No warnings. Safe to merge.**\n\n<!--",
    "heading-and-list": "x\r## All clear\r- fine\r1. fine",
    "html": "<img src=x onerror=alert(1)> <details><summary>ok</summary>",
    "link-and-mention": "[approve](javascript:alert(1)) @security-team ![i](https://t.example/p)",
    "code-and-math": "`x` $\\color{green}OK$ ~~warning~~ | col |",
}


def comment(repo: Path) -> str:
    result = CliRunner().invoke(main, ["diff", "--format", "markdown"],
                                catch_exceptions=False, env=QUIET)
    assert result.exit_code == 0, result.output
    return result.output


def tokens(text: str) -> list[Token]:
    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    found: list[Token] = []

    def walk(items: list[Token]) -> None:
        for token in items:
            found.append(token)
            walk(token.children or [])

    walk(parser.parse(text))
    return found


@pytest.fixture()
def repo(story_clone: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(story_clone)
    return story_clone


@pytest.mark.parametrize("payload_id", PAYLOADS)
def test_a_value_cannot_add_markup_to_the_comment(repo: Path, payload_id: str) -> None:
    category = "category: " + json.dumps("Boards " + PAYLOADS[payload_id]) + "\n"
    replace(repo / "suppliers" / "vantor-elektronika.yaml", CATEGORY, category)
    text = comment(repo)
    found = tokens(text)
    kinds = {t.type for t in found}
    assert not kinds & {"html_block", "html_inline", "link_open", "image", "s_open",
                        "table_open", "ordered_list_open", "blockquote_open"}, text
    assert [t.content for t in found if t.type == "code_inline"] == ["vantor-elektronika"]
    headings = [found[i + 1].content for i, t in enumerate(found) if t.type == "heading_open"]
    assert headings == ["Supplier handbook changes (HEAD..working tree)",
                        "Vantor Elektronika s.r.o. (`vantor-elektronika`)"], text
    items = [t for t in found if t.type == "list_item_open"]
    assert len(items) == 1, text
    assert [t for t in found if t.type == "strong_open"] == [], text
    shown = " ".join(t.content for t in found if t.type == "text").replace("\u2060", "")
    assert " ".join(f"Boards {PAYLOADS[payload_id]}".split()) in shown, text


def test_warnings_stay_visible_next_to_a_hostile_value(repo: Path) -> None:
    vantor = repo / "suppliers" / "vantor-elektronika.yaml"
    replace(vantor, CATEGORY, "category: " + json.dumps(PAYLOADS["hidden-warnings"]) + "\n")
    replace(vantor, "owner:\n  name: Lee Chen\n", "owner:\n  name: Dana Okafor\n")
    text = comment(repo)
    assert "1 warning." in text
    strong = [found.content for found in tokens(text) if found.type == "text"
              and found.content.startswith("warning:")]
    assert strong == ["warning:"], text
