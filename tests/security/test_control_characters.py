"""Control characters in text (issue 26, item 13): NUL, ESC, DEL and every other control
character but tab and line feed are refused by the check where they were written (YAML lets
them in through escapes such as ``"\\e[31m"``), so they never reach a calendar feed or a
terminal; tabs, line breaks and a file saved with CRLF line endings still pass. MkDocs'
warnings that ``handbook build`` prints are escaped too."""

from __future__ import annotations

from pathlib import Path

import pytest
from supplier_handbook.site.mkdocs_log import MkDocsWarnings

from tests.conftest import AS_OF_TEXT as AS_OF
from tests.samples import MINIMAL_SUPPLIER
from tests.security.project import make_project, no_traceback, run

ACTION = ("actions:\n  - id: JAP-1\n    action: {value}\n    owner_internal: Dana Okafor\n"
          "    owner_supplier: Maria Schmidt\n    due: 2026-12-15\n")
PLACES = {
    "name": (MINIMAL_SUPPLIER.replace("name: Acme Castings GmbH", "name: {value}"),
             "1:7: error: name"),
    "summary": (MINIMAL_SUPPLIER.replace("summary: Sole source of housings.",
                                         "summary: {value}"), "3:10: error: summary"),
    "contact role": (MINIMAL_SUPPLIER.replace("role: Managing Director", "role: {value}"),
                     "14:11: error: role"),
    "action": (MINIMAL_SUPPLIER + ACTION, "17:13: error: action"),
    "e-mail": (MINIMAL_SUPPLIER + "    email: {value}\n", "15:12: error: email"),
    "tag": (MINIMAL_SUPPLIER + "tags: [{value}]\n", "15:8: error: tags"),
    "log": (MINIMAL_SUPPLIER + "log:\n  - date: 2026-01-05\n    kind: note\n"
            "    text: {value}\n", "18:11: error: text"),
}
CHARACTERS = {"NUL": ("\\0", "U+0000"), "ESC": ("\\e[2J", "U+001B"),
              "DEL": ("\\x7f", "U+007F"), "CR": ("\\r", "U+000D"),
              "BEL": ("\\a", "U+0007"), "CSI (C1)": ("\\x9b31m", "U+009B")}


@pytest.mark.parametrize("char", list(CHARACTERS))
@pytest.mark.parametrize("place", list(PLACES))
def test_a_control_character_is_refused_where_it_was_written(tmp_path: Path, place: str,
                                                             char: str) -> None:
    template, where = PLACES[place]
    escape, code = CHARACTERS[char]
    value = f'"ab{escape}c@example.com"' if place == "e-mail" else f'"ab{escape}cd"'
    root = make_project(tmp_path / "hb", {"acme-castings.yaml": template.format(value=value)})
    result = run(root, "check")
    no_traceback(result)
    assert result.exit_code == 1, result.output
    assert f"suppliers/acme-castings.yaml:{where}:" in result.output, result.output
    assert f"holds the control character {code} (character 3)" in result.output
    assert not any(c in result.output for c in "\x00\x1b\x7f\x07\x9b\r"), repr(result.output)
    built = run(root, "build", "--as-of", AS_OF)
    assert built.exit_code == 1 and where in built.output, built.output
    assert not (root / "site").exists()


def test_tabs_line_breaks_and_crlf_files_pass(tmp_path: Path) -> None:
    text = (MINIMAL_SUPPLIER.replace("summary: Sole source of housings.",
                                     'summary: "Sole\\tsource\\nof housings."')
            + ACTION.format(value="|\n      Two lines,\n      of text.")).replace("\n", "\r\n")
    root = make_project(tmp_path / "hb", {"acme-castings.yaml": text})
    result = run(root, "build", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    feeds = "".join(p.read_text(encoding="utf-8") for p in (root / "site").rglob("*.ics"))
    assert "Two lines" in feeds


def test_mkdocs_warnings_are_escaped_for_the_terminal() -> None:
    warnings = MkDocsWarnings()
    warnings.messages.append("Doc file 'a\x1b]8;;x\x07.md' contains a link '\x1b[2J', but")
    (line,) = warnings.lines()
    assert "\x1b" not in line and "\x07" not in line
    assert "\\x1b[2J" in line


def test_a_located_problem_is_printed_escaped() -> None:
    """Whatever a message quotes (an import's cell, a rule's value), the line printed for it
    holds no control character."""
    from supplier_handbook.base.problems import Problem

    line = Problem("x.csv", 2, 3, "error", "name: 'a\x1b[2J\rb' is bad").format()
    assert line == "x.csv:2:3: error: name: 'a\\x1b[2J\\rb' is bad"
