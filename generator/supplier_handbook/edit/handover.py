"""``handbook handover``: hand a supplier relationship to a new owner, in the file itself.

The file is edited as text, line by line: the YAML is parsed only to find where each value
is, and only the lines that hold a changed value are touched. Every other byte stays as the
buyer wrote it (comments, blank lines, quoting, indentation, line endings, a byte order
mark, a closing ``...`` and its comment), and the file keeps its permission bits. A comment
on a line whose key goes away stays, as a comment line of its own where the key was. Where
an edit cannot be made that way (a flow mapping, a value over several lines, an anchor),
the handover is refused with the line, and nothing is written. Before writing, the new text
is read back: it must hold exactly the intended data and pass the check (apart from the
notes scaffold when ``--no-notes`` was given).

What changes:

- ``owner.name`` becomes the new owner and ``owner.since`` the handover date; the previous
  owner's ``owner.email`` is replaced by ``--email``, or removed (it was theirs);
- a ``handovers`` entry (date, from, to, notes) is added. The notes are the previous
  owner's (``--notes``); without them a scaffold is written that fails ``handbook check``
  (rule ``handover_notes_written``) until they are written;
- the previous owner's seats pass to the new owner: meeting attendees, the escalation path
  and the open or in-progress actions they owned on our side. Closed actions keep their
  name; when the previous owner is then no longer a person of the file, they are added as an
  internal contact (role ``Buyer``; the date they handed over goes into the contact's
  internal ``notes``, never into a field the supplier's shared page shows).

This module owns the notes and the command's steps (read, check, edit, read back, write);
the file's lines and the edits located by the YAML parser's marks are ``handover_lines``,
what changes is ``handover_change``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from supplier_handbook.base.atomic import write_atomic
from supplier_handbook.base.problems import display_path
from supplier_handbook.edit.handover_change import (
    add_entry,
    add_previous_owner,
    edit_owner,
    pass_seats,
)
from supplier_handbook.edit.handover_lines import HandoverError, LineEditor, LineText, value_of
from supplier_handbook.model.check import check_document
from supplier_handbook.model.rules import HANDOVER_SCAFFOLD_MARK as SCAFFOLD_MARK
from supplier_handbook.read.load import Refused, load_text, read_file_bytes

# The notes scaffold: ``rules.handover_notes_written`` fails the check while it is there.
NOTES_SCAFFOLD = (
    f"{SCAFFOLD_MARK} (the previous owner, before the handover is merged): who really decides;\n"
    "what was promised and is not yet delivered; the rhythm that works with each contact;\n"
    "what went wrong before and must not happen again.\n"
)

NOTES_TEMPLATE = """\

# Write the handover notes for {new} above: what the next owner must know.
# - who really decides, on their side and on ours;
# - what was promised and is not yet delivered;
# - the rhythm that works with each contact;
# - what went wrong before and must not happen again.
# Lines starting with '#' are left out. Empty notes stop the handover.
"""

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass
class HandoverResult:
    path: Path
    previous: str
    new: str
    date: dt.date
    changed: list[str] = field(default_factory=list)  # what was changed, in words
    notes_written: bool = True  # False: the scaffold was written (--no-notes)
    layout_kept: bool = True  # always: a layout that cannot be kept is refused


def clean_notes(text: str) -> str:
    """The notes as written (editor comment lines and trailing spaces removed); raises
    ``HandoverError`` for empty notes, control characters or the scaffold's mark."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    notes = "\n".join(lines)
    if not notes.strip():
        raise HandoverError("the handover notes are empty; the handover was not made")
    bad = _CONTROL.search(notes)
    if bad is not None:
        line = notes.count("\n", 0, bad.start()) + 1
        raise HandoverError(f"the notes hold the control character {bad.group()!r} on their "
                            f"line {line}; remove it")
    if SCAFFOLD_MARK in notes:
        raise HandoverError(f"the notes still hold the scaffold's {SCAFFOLD_MARK!r}; write "
                            "the notes themselves")
    return notes + "\n"


def notes_from_editor(text: str) -> str:
    """The notes from an editor buffer: lines starting with ``#`` are left out (as
    ``git commit`` does)."""
    return clean_notes("\n".join(line for line in text.split("\n")
                                 if not line.startswith("#")))


# --- the command's steps: read, check, edit, read back, write ---------------------------------


def hand_over(path: Path, to: str, date: dt.date, email: str | None = None,
              notes: str | None = None, dry_run: bool = False) -> HandoverResult:
    """Edit the supplier file ``path`` in place (the caller has checked it); returns what
    changed. ``notes=None`` writes the notes scaffold; ``dry_run`` writes nothing. Raises
    ``HandoverError`` when the handover cannot be made; then nothing was written."""
    to = " ".join(to.split())
    if not to:
        raise HandoverError("--to is empty (expected the new owner's full name)")
    if _CONTROL.search(to) or (email is not None and _CONTROL.search(email)):
        raise HandoverError("--to and --email must not hold control characters")
    name = display_path(str(path))
    try:
        raw = read_file_bytes(path)
    except Refused as exc:
        raise HandoverError(f"{name}: {exc}") from None
    text = LineText(raw, name)
    before = load_text(text.text, str(path))
    if not isinstance(before.data, dict) or before.problems:
        raise HandoverError(f"{name}: run `handbook check {name}` first")
    try:
        root = yaml.compose(text.text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise HandoverError(f"{name}: not readable YAML ({exc})") from None
    data: dict[str, Any] = before.data
    owner = value_of(root, "owner")
    owner_data = data.get("owner")
    if not isinstance(owner, yaml.MappingNode) or not isinstance(owner_data, dict) or \
            not isinstance(owner_data.get("name"), str):
        raise HandoverError(f"{name}: has no owner.name to hand over")
    previous = owner_data["name"]
    if previous == to:
        raise HandoverError(f"{to} owns this relationship already")
    result = HandoverResult(path, previous, to, date, notes_written=notes is not None)
    ed = LineEditor(text)
    edit_owner(ed, owner, owner_data, to, date, email, result.changed)
    add_entry(ed, root, data, previous, to, date, notes if notes is not None else NOTES_SCAFFOLD)
    if pass_seats(ed, root, data, previous, to, result.changed):
        add_previous_owner(ed, root, data, previous, to, date, result.changed)
    new_text = text.result()
    _verify(new_text, data, path, notes is not None)
    if dry_run:
        return result
    try:
        write_atomic(path, text.encoded(new_text), real_folder=True)
    except OSError as exc:
        raise HandoverError(f"{name}: not written ({exc.strerror or exc})") from None
    return result


def _verify(new_text: str, expected: dict[str, Any], path: Path, notes_given: bool) -> None:
    """The new text must read back as the intended data, and pass the check (the notes
    scaffold apart)."""
    name = display_path(str(path))
    after = load_text(new_text, str(path))
    if after.data != expected:
        raise HandoverError(f"{name}: the handover could not be written without changing "
                            "other values (an unusual layout); make it by hand")
    problems = check_document(after, path.stem)[1]
    errors = [p for p in problems if p.severity == "error" and
              (notes_given or "still the scaffold of `handbook handover`" not in p.message)]
    if errors:
        raise HandoverError(f"{name}: the file would not pass the check after the handover: "
                            f"{errors[0].format()}")
