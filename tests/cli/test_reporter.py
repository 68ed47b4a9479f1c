"""The reporter registry: the commands' ``--format`` choices are its names, and every
reporter escapes for its format, so no value from a file can forge a line or send a
terminal escape sequence."""

from __future__ import annotations

import click
import pytest
from supplier_handbook.base.problems import Problem
from supplier_handbook.commands.cli import main
from supplier_handbook.commands.reporter import CHECK_REPORTERS, DIFF_REPORTERS
from supplier_handbook.history.changes import Change

FORGED = "fine.yaml:1:1: error: forged"
ODD_PATH = f"a\n{FORGED}\x1b[2J.yaml"
PROBLEMS = [Problem(ODD_PATH, 2, 3, "error", "owner: missing required key 'name'")]
CHANGES = {f"acme\n{FORGED}\x1b[2J": [
    Change("contact Eve\nwarning: acme: forged\x1b]0;title\x07 added (supplier, "
           "executive, CEO)"),
    Change("owner A -> B", warning=True),
]}


def _format_option(command: str) -> click.Choice[str]:
    (option,) = [p for p in main.commands[command].params if p.name == "fmt"]
    assert isinstance(option.type, click.Choice)
    return option.type


@pytest.mark.parametrize(("command", "registry"), [("check", CHECK_REPORTERS),
                                                    ("diff", DIFF_REPORTERS)])
def test_the_format_choices_are_the_registry_names(command: str, registry: dict[str, object]
                                                   ) -> None:
    assert tuple(_format_option(command).choices) == tuple(registry)
    assert len(registry) == {"check": 4, "diff": 2}[command]


@pytest.mark.parametrize("name", list(CHECK_REPORTERS))
def test_check_reporters_escape_a_file_name(name: str) -> None:
    output = CHECK_REPORTERS[name].report(PROBLEMS, 1)
    text = output.out + output.err
    assert "\x1b" not in text
    assert not any(line.startswith(FORGED) for line in text.splitlines())
    assert output.err.endswith("\n") or output.err == ""


@pytest.mark.parametrize("name", list(DIFF_REPORTERS))
def test_diff_reporters_escape_slugs_and_changes(name: str) -> None:
    text = DIFF_REPORTERS[name].report(CHANGES, "HEAD..working tree")
    assert "\x1b" not in text and "\x07" not in text
    lines = text.splitlines()
    assert not any(line.startswith((FORGED, "warning: acme: forged")) for line in lines)


def test_diff_text_is_one_line_per_change() -> None:
    text = DIFF_REPORTERS["text"].report(CHANGES, "a..b")
    assert len(text.splitlines()) == 2
    assert text.splitlines()[1].startswith("warning: acme\\nfine.yaml")
    assert "contact Eve\\nwarning: acme: forged\\x1b]0;title\\x07 added" in text
