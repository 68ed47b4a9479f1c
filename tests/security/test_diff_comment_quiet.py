"""The pull-request comment notifies no one and links nothing (issue 26, item 12).

``handbook diff --format markdown`` is posted by a bot. Text from the supplier files must
not mention a person or team (``@team``, also ``\\@team``: GitHub ignores the backslash),
reference an issue or merge request (``#1``, ``org/repo#42``, ``GH-7``, ``!3``), turn into
an emoji (``:tada:``) or a link (``https://...``, ``www...``, ``a@b.example``).

The comment is read back with markdown-it (escapes resolved, as GitHub shows the text), and
its text is searched with the patterns GitHub and GitLab use to find those; the words still
read the same once the invisible word joiners are taken out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from supplier_handbook.commands.reporter import DIFF_REPORTERS, WORD_JOINER, quiet
from supplier_handbook.history.changes import Change

from tests.history.gitrepo import ANA as AUTHOR
from tests.history.gitrepo import commit, git, init_handbook, replace
from tests.security.project import run

PAYLOADS = {
    "mention": "ping @security-team and @org/reviewers now",
    "escaped mention": "ping \\@security-team now",
    "issue": "see #1 and #42",
    "cross-repository reference": "see acme/handbook#42 and acme/handbook@a1b2c3d",
    "GH reference": "fixes GH-7",
    "GitLab references": "see !3, group/project!4, ~bug, %v1, &5",
    "emoji": "all good :tada: :+1: :white_check_mark:",
    "bare URL": "read https://evil.example/x and www.evil.example",
    "e-mail": "write to boss@evil.example",
}
# What GitHub and GitLab take for a mention, a reference, an emoji or a link in plain text.
LIVE = {
    "mention": re.compile(r"(?<![\w`])@[A-Za-z0-9]"),
    "issue": re.compile(r"(?<![\w&])#[0-9]|\w/\w+#[0-9]|\w/\w+@[0-9a-f]{7}"),
    "GH reference": re.compile(r"\bGH-[0-9]", re.IGNORECASE),
    "GitLab references": re.compile(r"(?<!\w)[!~%&][\w\"]|\w/\w+![0-9]"),
    "emoji": re.compile(r":[a-z0-9_+-]+:"),
    "link": re.compile(r"https?://|\bwww\.|\w@\w+\.\w"),
}


def shown_text(markdown: str) -> str:
    """The comment's text as GitHub shows it (escapes resolved), one line per block."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    parts = [child.content for t in tokens for child in (t.children or [])
             if child.type == "text"]
    return "\n".join(parts)


def live(text: str) -> list[str]:
    return [f"{name}: {m.group()!r}" for name, pattern in LIVE.items()
            for m in pattern.finditer(text)]


@pytest.mark.parametrize("payload", list(PAYLOADS))
def test_text_from_a_file_neither_notifies_nor_links(payload: str) -> None:
    value = PAYLOADS[payload]
    changes = {"acme": [Change(f"category Boards -> {value}"),
                        Change(f"contact {value} removed", warning=True)]}
    markdown = DIFF_REPORTERS["markdown"].report(changes, "HEAD..working tree")
    text = shown_text(markdown)
    found = [hit for hit in live(text) if "warning" not in hit]
    assert found == [], (found, markdown)
    plain = text.replace(WORD_JOINER, "")
    assert value in plain, plain


def test_the_handbooks_own_warning_emoji_stays() -> None:
    markdown = DIFF_REPORTERS["markdown"].report(
        {"acme": [Change("owner changed", warning=True)]}, "HEAD..working tree")
    assert "- :warning: **warning:** owner changed" in markdown


def test_quiet_keeps_the_words() -> None:
    for value in PAYLOADS.values():
        assert quiet(value).replace(WORD_JOINER, "") == value


def test_handbook_diff_markdown_end_to_end(tmp_path: Path) -> None:
    repo = init_handbook(tmp_path / "repo")
    commit(repo, "Start", AUTHOR, "2026-06-01T10:00:00+02:00")
    git(repo, "status")
    vantor = repo / "suppliers" / "vantor-elektronika.yaml"
    replace(vantor, "category: PCB assembly (SMT and THT), in-circuit test\n",
            'category: "cc @security-team #1 acme/x#2 :tada: https://evil.example"\n')
    result = run(repo, "diff", "--format", "markdown")
    assert result.exit_code == 0, result.output
    text = shown_text(result.output)
    assert live(text) == [], result.output
    assert "cc @security-team #1" in text.replace(WORD_JOINER, "")
