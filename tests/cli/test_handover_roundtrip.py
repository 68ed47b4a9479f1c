"""``handbook handover`` on 14+ awkward files: every comment and every byte outside the lines
it changes is kept (asserted on a line diff), or the handover is refused naming the line and
the file is left as it was (issue 26, item 4). Also: the notes (issue 24, item 2), control
characters in the output (issue 26, item 13), links and modes (issue 26, item 3)."""

from __future__ import annotations

import difflib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result
from supplier_handbook.commands import writing
from supplier_handbook.commands.cli import main
from supplier_handbook.model.check import check_paths
from supplier_handbook.render.audience import for_supplier

PREV, NEW, DATE = "Dana Okafor", "Lee Chen", "2026-12-01"
NOTES = "Maria decides; the price review in March is promised.\n\nCall on Tuesdays.\n"

HEAD = """\
# A supplier file with comments everywhere.
name: Acme Castings GmbH   # the usual name
category: Aluminium housings
summary: Sole source of housings.
impact:
  level: low
governance:
  model: transactional
"""
CONTACTS = """\
contacts:
  - name: Maria Schmidt     # MD
    side: supplier
    level: executive
    role: Managing Director
  # the key account manager left in May
"""
OWNER = """\
owner:
  # who owns it
  name: Dana Okafor   # since the reorganisation
  email: dana.okafor@example.com
  # the e-mail above is Dana's own
  since: 2025-01-01
"""


@dataclass
class Case:
    text: str
    refused_line: int | None = None  # 1-based line the refusal must name
    args: tuple[str, ...] = ()
    crlf: bool = False
    bom: bool = False
    mode: int | None = None


def governance(escalation: str = "", meetings: str = "") -> str:
    return HEAD + escalation + meetings


CASES: dict[str, Case] = {
    "comment after a removed email": Case(HEAD + OWNER + CONTACTS),
    "comment on the removed email's line": Case(
        HEAD + "owner:\n  name: Dana Okafor\n  email: dana@example.com   # Dana's own\n"
        "  since: 2025-01-01\n" + CONTACTS),
    "comment before a removed email": Case(
        HEAD + "owner:\n  name: Dana Okafor\n  # the next line goes\n  email: d@example.com\n"
        + CONTACTS),
    "duplicate escalation entries with comments": Case(
        HEAD + "  escalation:\n    - Maria Schmidt   # first\n    - Dana Okafor     # Dana\n"
        "    # between\n    - Lee Chen        # Lee already\n    # after\n"
        + OWNER + CONTACTS + "  - name: Lee Chen\n    side: internal\n    level: executive\n"
        "    role: Category manager\n"),
    "duplicate attendee in a block list with comments": Case(
        HEAD + "  meetings:\n    - name: QBR\n      every: quarterly\n      attendees:\n"
        "        - Dana Okafor   # chairs it\n        # Lee joins from Q3\n"
        "        - Lee Chen\n        - Maria Schmidt\n" + OWNER + CONTACTS
        + "  - name: Lee Chen\n    side: internal\n    level: executive\n    role: CPO\n"),
    "duplicate attendee in a [...] list": Case(
        HEAD + "  meetings:\n    - name: QBR   # quarterly\n      every: quarterly\n"
        "      attendees: [Lee Chen, Dana Okafor, Maria Schmidt]  # all three\n"
        + OWNER + CONTACTS
        + "  - name: Lee Chen\n    side: internal\n    level: executive\n    role: CPO\n"),
    "last attendee of a [...] list is the duplicate": Case(
        HEAD + "  meetings:\n    - name: QBR\n      every: quarterly\n"
        "      attendees: [Lee Chen, Maria Schmidt, Dana Okafor]\n" + OWNER + CONTACTS
        + "  - name: Lee Chen\n    side: internal\n    level: executive\n    role: CPO\n"),
    "Windows line ends": Case(HEAD + OWNER + CONTACTS, crlf=True),
    "a closing ... with its comment and no final line end": Case(
        HEAD + OWNER + CONTACTS + "...  # end of the supplier file", ),
    "mode 0640": Case(HEAD + OWNER + CONTACTS, mode=0o640),
    "byte order mark": Case(HEAD + OWNER + CONTACTS, bom=True),
    "handovers with a block of notes and a comment after": Case(
        HEAD + OWNER + "handovers:\n  - date: 2025-01-01\n    from: Ines Carvalho\n"
        "    to: Dana Okafor\n    notes: |\n      # not a comment: the notes' heading\n"
        "      Maria decides.\n\n  # older handovers are in the archive\n\n" + CONTACTS),
    "handovers: [] with a comment": Case(
        HEAD + OWNER + "handovers: []   # none yet\n" + CONTACTS),
    "a closed action keeps the previous owner's name": Case(
        HEAD + OWNER + CONTACTS + "actions:\n  - id: JAP-1   # the first one\n"
        "    action: Send the forecast.\n    owner_internal: Dana Okafor\n"
        "    owner_supplier: Maria Schmidt\n    due: 2026-01-01\n    status: done\n"
        "    done_on: 2025-12-20\n  # JAP-2 was dropped\n"),
    "an open action passes to the new owner": Case(
        HEAD + OWNER + CONTACTS + "actions:\n  - id: JAP-1\n    action: Send the forecast.\n"
        "    owner_internal: 'Dana Okafor'   # quoted\n    owner_supplier: Maria Schmidt\n"
        "    due: 2027-01-01\n"),
    # refused, naming the line
    "owner as a {...} mapping": Case(
        HEAD + "owner: {name: Dana Okafor, since: 2025-01-01}\n" + CONTACTS, refused_line=9),
    "owner's name is an anchor": Case(
        HEAD + "owner:\n  name: &boss Dana Okafor\n" + CONTACTS, refused_line=10),
    "owner's name over two lines": Case(
        HEAD + "owner:\n  name: Dana\n    Okafor\n" + CONTACTS, refused_line=10),
    "mixed line ends": Case(
        (HEAD + OWNER).replace("\n", "\r\n") + CONTACTS, refused_line=15),
    "email with another value on its line": Case(
        HEAD + "owner:\n  name: Dana Okafor\n  email: {a: b}\n" + CONTACTS,
        refused_line=None),
}
# the last one is not a valid supplier file: the check refuses it before the handover
del CASES["email with another value on its line"]


def comments(text: str) -> list[str]:
    """Every comment of the file (a '#' at the start of a line or after a space, outside
    block text: these files hold one block, whose '#' line is not a comment)."""
    found = []
    for line in text.splitlines():
        if line.strip() == "# not a comment: the notes' heading":
            continue
        match = re.search(r"(^|\s)(#.*)$", line)
        if match:
            found.append(match.group(2))
    return found


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.mark.parametrize("name", list(CASES))
def test_every_comment_and_byte_outside_the_changed_lines_stays(
    tmp_path: Path, name: str
) -> None:
    case = CASES[name]
    text = case.text.replace("\n", "\r\n") if case.crlf else case.text
    raw = ("\ufeff" if case.bom else "").encode() + text.encode()
    folder = tmp_path / "suppliers"
    folder.mkdir()
    path = folder / "acme-castings.yaml"
    path.write_bytes(raw)
    if case.mode is not None:
        path.chmod(case.mode)
    assert check_paths([path]).errors == [], name  # a valid file to start with
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    result = run("handover", "acme-castings", "--to", NEW, "--date", DATE, "--dir",
                 str(folder), "--notes", str(notes), *case.args)
    after = path.read_bytes()
    if case.refused_line is not None:
        assert result.exit_code == 2, result.output
        assert f"acme-castings.yaml:{case.refused_line}: cannot hand over" in result.output
        assert after == raw  # nothing written
        assert sorted(os.listdir(folder)) == ["acme-castings.yaml"]  # no temporary file
        return
    assert result.exit_code == 0, result.output
    assert sorted(os.listdir(folder)) == ["acme-castings.yaml"]
    assert after.startswith(b"\xef\xbb\xbf") == case.bom
    new_text = after.decode("utf-8-sig")
    if case.crlf:
        assert new_text.count("\r\n") == new_text.count("\n")  # every line end kept
    else:
        assert "\r" not in new_text
    if case.mode is not None:
        assert stat.S_IMODE(path.stat().st_mode) == case.mode
    assert new_text.endswith("\n") == text.endswith("\n")
    # every comment is still there, as often as before
    assert sorted(comments(new_text)) == sorted(comments(text))
    # every line that went away held a value the handover changes
    old_lines, new_lines = text.splitlines(keepends=True), new_text.splitlines(keepends=True)
    removed = [line for tag, i1, i2, _, _ in
               difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False).get_opcodes()
               if tag in ("replace", "delete") for line in old_lines[i1:i2]]
    for line in removed:
        assert PREV in line or re.match(r"\s*(email|since|handovers): ", line), (name, line)
    # the result passes the check: the notes are written
    checked = check_paths([path])
    assert checked.errors == [], [p.format() for p in checked.problems]
    supplier = checked.suppliers[0].supplier
    assert supplier.owner.name == NEW
    assert supplier.handovers[-1].notes == NOTES
    assert NEW in result.output and "next: review the diff" in result.output
    # nothing of the handover but the new owner reaches a field the shared page shows
    shared = for_supplier(supplier).model_dump_json()
    assert "Owned this relationship" not in shared and "Maria decides" not in shared


def test_the_previous_owner_stays_a_contact_without_internal_facts_on_the_shared_page(
    tmp_path: Path,
) -> None:
    case = CASES["a closed action keeps the previous owner's name"]
    folder = tmp_path / "suppliers"
    folder.mkdir()
    path = folder / "acme-castings.yaml"
    path.write_text(case.text, encoding="utf-8")
    result = run("handover", "acme-castings", "--to", NEW, "--date", DATE, "--dir",
                 str(folder), "--notes", "-", input=NOTES)
    assert result.exit_code == 0, result.output
    supplier = check_paths([path]).suppliers[0].supplier
    (previous,) = [c for c in supplier.contacts if c.name == PREV]
    assert previous.side == "internal" and previous.role == "Buyer"
    assert previous.notes is not None and DATE in previous.notes  # internal field
    assert "Owned this relationship" not in for_supplier(supplier).model_dump_json()


def test_notes_are_required_unless_no_notes_is_given(tmp_path: Path) -> None:
    folder = tmp_path / "suppliers"
    folder.mkdir()
    path = folder / "acme-castings.yaml"
    path.write_text(HEAD + OWNER + CONTACTS, encoding="utf-8")
    before = path.read_bytes()
    args = ("handover", "acme-castings", "--to", NEW, "--dir", str(folder))
    missing = run(*args)  # not a terminal: no editor
    assert missing.exit_code == 2 and "--notes FILE, --notes -" in missing.output
    empty = run(*args, "--notes", "-", input="\n  \n")
    assert empty.exit_code == 2 and "notes are empty" in empty.output
    scaffold = run(*args, "--notes", "-", input="TO FILL IN later\n")
    assert scaffold.exit_code == 2 and "scaffold" in scaffold.output
    escape = run(*args, "--notes", "-", input="red \x1b[31m text\n")
    assert escape.exit_code == 2 and "control character" in escape.output
    assert "\x1b" not in escape.output
    assert path.read_bytes() == before
    later = run(*args, "--no-notes")
    assert later.exit_code == 0
    assert "before the pull request is merged" in later.output
    assert check_paths([path]).errors  # the scaffold fails the check until written


def test_the_editor_opens_on_a_template_in_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "suppliers"
    folder.mkdir()
    path = folder / "acme-castings.yaml"
    path.write_text(HEAD + OWNER + CONTACTS, encoding="utf-8")
    seen: list[str] = []

    def edit(text: str, **_: object) -> str:
        seen.append(text)
        return "Maria decides.\n" + text  # the template's '#' lines are left out

    monkeypatch.setattr(click, "edit", edit)
    monkeypatch.setattr(writing, "_interactive", lambda: True)
    result = run("handover", "acme-castings", "--to", NEW, "--dir", str(folder))
    assert result.exit_code == 0, result.output
    assert seen and "# Write the handover notes for Lee Chen" in seen[0]
    supplier = check_paths([path]).suppliers[0].supplier
    assert supplier.handovers[-1].notes == "Maria decides.\n"


def test_terminal_escapes_from_the_file_are_not_printed_raw(tmp_path: Path) -> None:
    folder = tmp_path / "suppliers"
    folder.mkdir()
    path = folder / "acme-castings.yaml"
    evil = "Dana \\e]0;pwned\\a Okafor"  # YAML escapes: ESC and BEL in the owner's name
    text = (HEAD + OWNER + CONTACTS).replace("  name: Dana Okafor   # since the reorganisation",
                                             f'  name: "{evil}"')
    text = text.replace("side: supplier", "side: supplier")
    path.write_text(text, encoding="utf-8")
    result = run("handover", "acme-castings", "--to", NEW, "--dir", str(folder),
                 "--notes", "-", input=NOTES)
    assert "\x1b" not in result.output and "\x07" not in result.output
    if result.exit_code == 0:
        assert "\\x1b" in result.output


def test_a_link_in_place_of_the_file_or_its_temporary_file_is_not_written_through(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "suppliers"
    folder.mkdir()
    victim = tmp_path / "authorized_keys"
    victim.write_text("ssh-ed25519 AAAA me\n", encoding="utf-8")
    # the temporary name of the old code, committed as a link by a pull request
    (folder / ".acme-castings.yaml.handover").symlink_to(victim)
    path = folder / "acme-castings.yaml"
    path.write_text(HEAD + OWNER + CONTACTS, encoding="utf-8")
    result = run("handover", "acme-castings", "--to", NEW, "--dir", str(folder),
                 "--notes", "-", input=NOTES)
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "ssh-ed25519 AAAA me\n"
    assert not path.is_symlink() and "Lee Chen" in path.read_text(encoding="utf-8")
    # the supplier file itself a link: refused, the target untouched
    path.unlink()
    path.symlink_to(victim)
    linked = run("handover", "acme-castings", "--to", "Ana Silva", "--dir", str(folder),
                 "--notes", "-", input=NOTES)
    assert linked.exit_code != 0
    assert "symbolic link" in linked.output
    assert victim.read_text(encoding="utf-8") == "ssh-ed25519 AAAA me\n"


@pytest.mark.parametrize("notes", [
    "  indented first line\nsecond: with a colon # and a hash\n",
    "- a list\n- of points\n\n...\n---\n",
    "Quotes ' and \" and a tab\tinside.\n",
])
def test_notes_read_back_exactly(tmp_path: Path, notes: str) -> None:
    folder = tmp_path / "suppliers"
    folder.mkdir()
    path = folder / "acme-castings.yaml"
    path.write_text(HEAD + OWNER + CONTACTS, encoding="utf-8")
    result = run("handover", "acme-castings", "--to", NEW, "--dir", str(folder), "--notes",
                 "-", input=notes)
    assert result.exit_code == 0, result.output
    checked = check_paths([path])
    assert checked.errors == []
    assert checked.suppliers[0].supplier.handovers[-1].notes == notes
