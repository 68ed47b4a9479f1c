"""``handbook handover``: the file is edited in place, and the git diff is only the handover."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
from supplier_handbook.derive.portfolio import Settings, derive_one
from supplier_handbook.edit.handover import NOTES_SCAFFOLD
from supplier_handbook.model.check import check_paths

from tests.clirun import run
from tests.conftest import ROOT
from tests.history.gitrepo import ANA, commit, git
from tests.samples import MINIMAL_SUPPLIER

DEMO = sorted(p.stem for p in (ROOT / "suppliers").glob("*.yaml"))
NEW = "Nora Lindqvist"
DATE = "2026-12-01"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "suppliers", tmp_path / "suppliers")
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, "suppliers", ANA, "2026-06-01T10:00:00+02:00")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def diff_lines(repo: Path) -> tuple[list[str], list[str]]:
    """(removed lines, added lines) of the working tree against HEAD."""
    text = git(repo, "diff", "-U0", "--no-color")
    removed = [line[1:] for line in text.splitlines()
               if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in text.splitlines()
             if line.startswith("+") and not line.startswith("+++")]
    return removed, added


def owner_of(path: Path) -> str:
    match = re.search(r"^owner:\n  name: (.+)$", path.read_text(encoding="utf-8"), re.M)
    assert match, path
    return match.group(1)


@pytest.mark.parametrize("slug", DEMO)
def test_handover_changes_only_the_lines_a_reviewer_expects(repo: Path, slug: str) -> None:
    path = repo / "suppliers" / f"{slug}.yaml"
    before = path.read_text(encoding="utf-8")
    previous = owner_of(path)
    result = run("handover", slug, "--to", NEW, "--date", DATE, "--no-notes")
    assert result.exit_code == 0, result.output
    removed, added = diff_lines(repo)
    # Removed: the owner's name, e-mail and since, and the lines naming the previous owner
    # in a seat (attendees, escalation, owner_internal of an open action).
    for line in removed:
        assert previous in line or re.fullmatch(r"  (email|since): .*", line), line
    replaced = [line.replace(previous, NEW) for line in removed if previous in line]
    scaffold = [f"      {line}" for line in NOTES_SCAFFOLD.splitlines()]
    entry = [f"  - date: {DATE}", f"    from: {previous}", f"    to: {NEW}", "    notes: |",
             *scaffold]
    contact = [f"  - name: {previous}", "    side: internal", "    level: relationship",
               "    role: Buyer", f'    notes: "Owned this relationship until {DATE}, then '
               f'handed it over to {NEW}."']
    expected = {*replaced, f"  since: {DATE}", *entry, *contact, "", "handovers:"}
    assert set(added) <= expected, set(added) - expected
    assert [line for line in added if line in entry] == entry  # the entry, whole and in order
    # The diff accounts for every change of length: nothing else moved or vanished.
    assert path.read_text(encoding="utf-8").count("\n") == before.count("\n") + len(added) - \
        len(removed)
    assert git(repo, "diff", "--stat").count("|") == 1  # only this file


@pytest.mark.parametrize("slug", DEMO)
def test_check_fails_until_the_notes_are_written(repo: Path, slug: str) -> None:
    path = repo / "suppliers" / f"{slug}.yaml"
    previous = owner_of(path)
    assert run("handover", slug, "--to", NEW, "--date", DATE, "--no-notes").exit_code == 0
    checked = run("check", str(path))
    assert checked.exit_code == 1
    errors = [line for line in checked.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 1 and "still the scaffold of `handbook handover`" in errors[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    notes_line = lines.index(f"      {NOTES_SCAFFOLD.splitlines()[0]}")  # 0-based: `notes: |`
    assert errors[0].startswith(f"{path}:{notes_line}:")
    text = path.read_text(encoding="utf-8")
    block = "".join(f"      {line}\n" for line in NOTES_SCAFFOLD.splitlines())
    assert text.count(block) == 1
    path.write_text(text.replace(block, "      Call Maria before Friday; she decides.\n"),
                    encoding="utf-8")
    result = check_paths([path])
    assert result.errors == []
    d = derive_one(result.suppliers[0], dt.date(2026, 12, 1), Settings())
    assert d.supplier.owner.name == NEW
    assert d.supplier.owner.since == dt.date(2026, 12, 1)
    assert "handover-missing" not in d.flag_ids
    newest = max(d.supplier.handovers, key=lambda h: h.date)
    assert (newest.from_, newest.to, newest.date) == (previous, NEW, dt.date(2026, 12, 1))


COMMENTED = """\
# Supplier file: comments, quoting and key order must survive a handover.
name: 'Acme Castings GmbH'   # quoted on purpose
category: Aluminium housings
summary: Sole source of housings.
impact:
  level: low
governance:
  model: transactional
owner:
  # who owns it
  since: 2025-01-01   # since when
  name: "Dana Okafor" # quoted
contacts:
- name: Maria Schmidt
  side: supplier
  level: executive
  role: Managing Director   # trailing comment
"""


def test_comments_quoting_and_layout_survive(tmp_path: Path) -> None:
    folder = tmp_path / "suppliers"
    folder.mkdir()
    path = folder / "acme-castings.yaml"
    path.write_bytes(COMMENTED.replace("\n", "\r\n").encode())
    result = run("handover", "acme-castings", "--to", "Lee Chen", "--date", DATE,
                 "--dir", str(folder), "--no-notes")
    assert result.exit_code == 0, result.output
    text = path.read_bytes().decode()
    assert text.count("\r\n") == text.count("\n")  # Windows line ends kept
    lines = text.replace("\r\n", "\n").splitlines()
    old = COMMENTED.splitlines()
    assert lines[:10] == old[:10]
    assert lines[10] == f"  since: {DATE}   # since when"
    assert lines[11] == '  name: "Lee Chen"    # quoted'  # the comment keeps its column
    assert lines[12:17] == ["handovers:", f"- date: {DATE}", "  from: Dana Okafor",
                            "  to: Lee Chen", "  notes: |"]
    assert lines[-5:] == old[-5:]  # contacts, unindented list and its comment, untouched
    assert "warning" not in result.output


def test_email_is_replaced_or_removed(repo: Path) -> None:
    path = repo / "suppliers" / "huaxin-precision.yaml"
    result = run("handover", "huaxin-precision", "--to", NEW, "--date", DATE,
                 "--email", "nora.lindqvist@example.com", "--no-notes")
    assert result.exit_code == 0
    assert "  email: nora.lindqvist@example.com\n" in path.read_text(encoding="utf-8")
    result = run("handover", "vantor-elektronika", "--to", NEW, "--date", DATE, "--no-notes")
    assert "owner.email removed" in result.stdout
    vantor = (repo / "suppliers" / "vantor-elektronika.yaml").read_text(encoding="utf-8")
    assert "elif.demir@example.com" not in vantor


def test_refusals_leave_the_file_alone(repo: Path) -> None:
    path = repo / "suppliers" / "huaxin-precision.yaml"
    before = path.read_bytes()
    unknown = run("handover", "nobody", "--to", NEW)
    assert unknown.exit_code == 2 and "no supplier file" in unknown.output
    same = run("handover", "huaxin-precision", "--to", owner_of(path))
    assert same.exit_code == 2 and "owns this relationship already" in same.output
    assert path.read_bytes() == before
    broken = repo / "suppliers" / "broken.yaml"
    broken.write_text(MINIMAL_SUPPLIER.replace("level: low", "level: huge"), encoding="utf-8")
    bad = run("handover", "broken", "--to", NEW)
    assert bad.exit_code == 1
    assert re.search(r"broken\.yaml:\d+:\d+: error: level: 'huge'", bad.output)
    assert "level: huge" in broken.read_text(encoding="utf-8")
    assert git(repo, "status", "--porcelain") == "?? suppliers/broken.yaml\n"
