"""A failed strict build names its cause: each MkDocs warning it stopped on is printed, and a
broken link in supplier text is caught by the check first, with its file, line and column."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from supplier_handbook.adopt.scaffold import EXAMPLE_PATH, init_handbook
from supplier_handbook.adopt.toolpin import from_repo
from supplier_handbook.commands.cli import main
from supplier_handbook.site.mkdocs_log import MkDocsWarnings

from tests.conftest import AS_OF, AS_OF_TEXT

EXAMPLE = "suppliers/example-supplier.yaml"


@pytest.fixture
def handbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "handbook"
    init_handbook(root, AS_OF,
                  from_repo("https://git.corp.internal/procurement/supplier-handbook.git"))
    (root / EXAMPLE).write_bytes((root / EXAMPLE_PATH).read_bytes())  # suppliers/ starts empty
    monkeypatch.chdir(root)
    return root


def build(*args: str) -> Result:
    return CliRunner().invoke(main, ["build", "--as-of", AS_OF_TEXT, *args],
                              catch_exceptions=False)


def test_a_broken_link_in_a_guide_is_named(handbook: Path) -> None:
    guide = handbook / "content" / "guides" / "handover.md"
    guide.write_text(guide.read_text() + "\nSee [the old checklist](checklist.md).\n")
    before = build()
    assert before.exit_code == 0  # not strict: built, with the warning shown
    assert "warning: Doc file 'guides/handover.md' contains a link 'checklist.md'" \
        in before.stderr
    strict = build("--strict")
    assert strict.exit_code == 1
    lines = strict.stderr.splitlines()
    assert lines[-1] == ("error: the strict build stopped on the warning above; the previous "
                         "site is unchanged")
    assert any("'guides/handover.md'" in line and "'checklist.md'" in line
               for line in lines[:-1])
    assert "Aborted with" not in strict.stderr


def test_two_warnings_are_counted(handbook: Path) -> None:
    for name in ("handover.md", "first-30-days.md"):
        guide = handbook / "content" / "guides" / name
        guide.write_text(guide.read_text() + "\n[x](gone.md)\n")
    strict = build("--strict")
    assert strict.exit_code == 1
    assert strict.stderr.count("warning: Doc file") == 2
    assert "stopped on the 2 warnings above" in strict.stderr


def test_a_broken_link_in_supplier_text_fails_before_the_build(handbook: Path) -> None:
    path = handbook / EXAMPLE
    text = path.read_text()
    path.write_text(text.replace("    notes: Saves about 180 g",
                                 "    notes: See [the FEA](fea-report.md). Saves about 180 g"))
    line = text[: text.index("    notes: Saves about 180 g")].count("\n") + 1
    strict = build("--strict")
    assert strict.exit_code == 1
    col = len("    notes: See [the FEA](") + 1
    assert strict.stdout.startswith(
        f"{EXAMPLE}:{line}:{col}: error: notes: the link 'fea-report.md' points to a page "
        "that does not exist")
    assert not (handbook / "site").exists()  # nothing half-built


def test_a_warning_about_a_supplier_page_names_the_supplier_file() -> None:
    with MkDocsWarnings() as warnings:
        logging.getLogger("mkdocs.structure.pages").warning(
            "Doc file 'suppliers/acme-castings/handover.md' contains a link '../x.md', but "
            "the target 'suppliers/x.md' is not found among documentation files.")
        logging.getLogger("mkdocs.plugins.handbook").error("shown by the check instead")
        logging.getLogger("mkdocs.commands.build").info("Building documentation")
    (line,) = warnings.lines()
    assert line.startswith("warning: Doc file 'suppliers/acme-castings/handover.md'")
    assert "supplier file acme-castings.yaml" in line and "handbook check" in line
    assert warnings not in logging.getLogger("mkdocs").handlers
