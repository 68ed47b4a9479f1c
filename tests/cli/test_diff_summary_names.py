"""The pull-request summary (``handbook diff --format markdown``) heads each supplier's
section by the supplier's name, with the slug that names its file; a removed file is headed
by the name it had."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from supplier_handbook.commands.cli import main
from supplier_handbook.commands.reporter import DIFF_REPORTERS, supplier_names
from supplier_handbook.history.changes import Change

from tests.history.gitrepo import QUIET, git
from tests.samples import MINIMAL_SUPPLIER


def test_sections_are_headed_by_the_suppliers_name(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    git(tmp_path, "init", "-q")
    folder = tmp_path / "suppliers"
    folder.mkdir()
    (folder / "acme-castings.yaml").write_text(MINIMAL_SUPPLIER, encoding="utf-8")
    (folder / "ostwerk.yaml").write_text(
        MINIMAL_SUPPLIER.replace("Acme Castings GmbH", "Ostwerk *Metall* AG"), encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "first")
    (folder / "acme-castings.yaml").write_text(
        MINIMAL_SUPPLIER.replace("level: low", "level: medium"), encoding="utf-8")
    (folder / "ostwerk.yaml").unlink()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["diff", "--format", "markdown"], env=QUIET)
    assert result.exit_code == 0, result.output
    headings = [line for line in result.stdout.splitlines() if line.startswith("### ")]
    assert headings == ["### Acme Castings GmbH (`acme-castings`)",
                        "### Ostwerk \\*Metall\\* AG (`ostwerk`)"]  # escaped, as all file text


def test_without_a_name_the_slug_heads_the_section() -> None:
    changes = {"acme-castings": [Change("added")]}
    assert supplier_names(changes, {"acme-castings": "name: [\n"}) == {}
    text = DIFF_REPORTERS["markdown"].report(changes, "HEAD..working tree", {})
    assert "### `acme-castings`" in text


ACTIONS = """\
actions:
  - id: JAP-1
    action: Agree the ramp plan.
    owner_internal: Dana Okafor
    owner_supplier: Maria Schmidt
    due: 2026-11-01
    status: open
"""
LATE = """\
  - id: JAP-2
    action: Close the 8D.
    owner_internal: Dana Okafor
    owner_supplier: Maria Schmidt
    due: {due}
    status: {status}
"""


@pytest.mark.parametrize(("due", "status", "warned"), [
    ("2026-11-20", "open", True),
    ("2026-11-20", "in-progress", True),
    ("2026-11-20", "done\n    done_on: 2026-11-19", False),
    ("2026-11-24", "open", False),  # due after today: not overdue
])
def test_an_action_added_already_overdue_is_marked(due: str, status: str,
                                                   warned: bool) -> None:
    from datetime import date

    from supplier_handbook.commands.reporter import with_overdue_arrivals

    old = MINIMAL_SUPPLIER + ACTIONS  # JAP-1 was overdue before: not news of this change
    new = old + LATE.format(due=due, status=status)
    changes = {"acme-castings": [Change("action JAP-2 added (due ...): Close the 8D."),
                                 Change("owner Dana Okafor -> Lee Chen")]}
    marked = with_overdue_arrivals(changes, {"acme-castings": old}, {"acme-castings": new},
                                   date(2026, 11, 23))
    words = [(c.text, c.warning) for c in marked["acme-castings"]]
    if warned:
        assert words[1] == ("action JAP-2 is added already overdue: due 2026-11-20, 3 days "
                            "before 2026-11-23", True)
        assert len(words) == 3
    else:
        assert words == [(c.text, c.warning) for c in changes["acme-castings"]]


def test_the_pull_request_summary_shows_the_warning(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    git(tmp_path, "init", "-q")
    folder = tmp_path / "suppliers"
    folder.mkdir()
    path = folder / "acme-castings.yaml"
    path.write_text(MINIMAL_SUPPLIER + ACTIONS, encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "first")
    path.write_text(MINIMAL_SUPPLIER + ACTIONS + LATE.format(due="2020-01-31", status="open"),
                    encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["diff", "--format", "markdown"], env=QUIET)
    assert result.exit_code == 0, result.output
    assert "1 supplier file changed, 1 warning." in result.stdout
    assert ":warning: **warning:** action JAP-2 is added already overdue: due 2020-01-31" \
        in result.stdout


@pytest.mark.parametrize("name", [
    "Evil\n\n## All clear\n\n<!--", "[approve](javascript:alert(1)) <img src=x>",
    "`x` **No warnings**"])
def test_a_hostile_name_adds_no_markup_to_the_heading(name: str) -> None:
    from markdown_it import MarkdownIt

    changes = {"acme-castings": [Change("added")]}
    text = DIFF_REPORTERS["markdown"].report(changes, "HEAD..working tree",
                                             {"acme-castings": " ".join(name.split())})
    found = MarkdownIt("commonmark", {"html": True}).parse(text)
    kinds = {t.type for t in found} | {c.type for t in found for c in t.children or []}
    assert not kinds & {"html_block", "html_inline", "link_open", "strong_open"}, text
    assert [t.tag for t in found if t.type == "heading_open"] == ["h2", "h3"], text
