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
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from supplier_handbook.base.atomic import write_atomic
from supplier_handbook.base.problems import display_path
from supplier_handbook.model.check import check_document
from supplier_handbook.model.rules import HANDOVER_SCAFFOLD_MARK as SCAFFOLD_MARK
from supplier_handbook.model.supplier import OPEN_STATUSES
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

PREVIOUS_OWNER_ROLE = "Buyer"

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_PLAIN = re.compile(r"[A-Za-z\u00c0-\uffff][^#:\n\"'\[\]{},]*")
_RESERVED = {"yes", "no", "y", "n", "on", "off", "true", "false", "null", "~"}


class HandoverError(Exception):
    """The handover cannot be made (the message says why and what to do)."""


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


# --- the text, its lines and their places ----------------------------------------------------


class _Text:
    """The file's text with ``\\n`` line ends (the original ends are put back on writing),
    and the edits to make, as (start, end, replacement) of that text."""

    def __init__(self, raw: bytes, name: str) -> None:
        self.name = name
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise HandoverError(f"{name}: not UTF-8 text") from None
        self.bom = text.startswith("\ufeff")
        text = text[1:] if self.bom else text
        self.newline = self._newline(text)
        text = text.replace("\r\n", "\n")
        self.final_newline = text.endswith("\n") or not text
        self.text = text if self.final_newline else text + "\n"
        self.lines = self.text.split("\n")
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.edits: list[tuple[int, int, str]] = []

    def _newline(self, text: str) -> str:
        odd = re.search("\r(?!\n)|[\x85\u2028\u2029]", text)
        if odd is not None:
            raise self.refuse(text.count("\n", 0, odd.start()),
                              f"a line break {odd.group()!r} that is not \\n or \\r\\n; "
                              "save the file with \\n or \\r\\n line ends")
        crlf = text.count("\r\n")
        if crlf == 0:
            return "\n"
        if crlf == text.count("\n"):
            return "\r\n"
        lf = re.search("(?<!\r)\n", text)
        assert lf is not None
        raise self.refuse(text.count("\n", 0, lf.start()),
                          "this line ends in \\n where the others end in \\r\\n; save the "
                          "file with one kind of line end")

    def refuse(self, line: int, why: str) -> HandoverError:
        """An error naming the 0-based ``line`` (shown 1-based)."""
        return HandoverError(f"{self.name}:{line + 1}: cannot hand over without changing "
                             f"more than the handover: {why}; make this edit by hand, or "
                             "change the line and run the handover again")

    def offset(self, mark: Any) -> int:
        return int(self.starts[mark.line] + mark.column)

    def replace(self, start: int, end: int, new: str) -> None:
        self.edits.append((start, end, new))

    def insert_after_line(self, line: int, new_lines: list[str]) -> None:
        at = self.starts[line + 1]
        self.edits.append((at, at, "".join(f"{n}\n" for n in new_lines)))

    def result(self) -> str:
        text = self.text
        edits = sorted(self.edits, key=lambda e: (e[0], e[1]))
        for before, after in itertools.pairwise(edits):
            if after[0] < before[1]:
                raise HandoverError(f"{self.name}: two changes of the handover overlap; "
                                    "make it by hand")
        for start, end, new in reversed(edits):
            text = text[:start] + new + text[end:]
        return text

    def encoded(self, text: str) -> bytes:
        if not self.final_newline and text.endswith("\n"):
            text = text[:-1]
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return (("\ufeff" if self.bom else "") + text).encode("utf-8")


def _get(node: Any, key: str) -> tuple[Any, Any] | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k, v
    return None


def _value(node: Any, key: str) -> Any:
    pair = _get(node, key)
    return pair[1] if pair else None


def _scalar_text(value: str, style: str | None, flow: bool) -> str:
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style == '"':
        return json.dumps(value, ensure_ascii=False)
    if (_PLAIN.fullmatch(value) and value == value.strip() and value.lower() not in _RESERVED
            and not (flow and any(c in value for c in ",[]{}"))):
        return value
    return json.dumps(value, ensure_ascii=False)


class _Editor:
    def __init__(self, text: _Text) -> None:
        self.t = text

    def plain_node(self, node: Any, what: str) -> None:
        """Refuse a value this editor cannot rewrite alone: over several lines, an anchor,
        an alias or a tag, or a block scalar."""
        start = self.t.offset(node.start_mark)
        first = self.t.text[start:start + 1]
        if first in ("&", "*", "!"):
            raise self.t.refuse(node.start_mark.line, f"{what} is an anchor, alias or tag")
        if node.start_mark.line != node.end_mark.line:
            raise self.t.refuse(node.start_mark.line, f"{what} is written over several lines")
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            raise self.t.refuse(node.start_mark.line, f"{what} is a block of text")

    def set_scalar(self, node: Any, value: str, what: str, flow: bool = False,
                   raw: bool = False) -> None:
        """Write ``value`` in place of ``node``, in its quoting style (``raw``: as is)."""
        self.plain_node(node, what)
        style = node.style if isinstance(node, yaml.ScalarNode) else None
        text = value if raw else _scalar_text(value, style, flow)
        if node.start_mark.index == node.end_mark.index:  # an empty value: ``since:``
            text = " " + text
        start, end = self.t.offset(node.start_mark), self.t.offset(node.end_mark)
        line = self.t.lines[node.end_mark.line]
        rest = line[node.end_mark.column:]
        if rest.lstrip().startswith("#") and not flow:  # the comment keeps its column
            gap = len(rest) - len(rest.lstrip())
            text += " " * max(1, gap - (len(text) - (end - start)))
            end += gap
        self.t.replace(start, end, text)

    def _rest_is_comment(self, line: int, column: int) -> str | None:
        """The comment after ``column`` on ``line`` ('' when none); None when something
        else is there."""
        rest = self.t.lines[line][column:].strip()
        if not rest:
            return ""
        return rest if rest.startswith("#") else None

    def _drop_line(self, line: int, indent: int, what: str, end_column: int) -> None:
        comment = self._rest_is_comment(line, end_column)
        if comment is None:
            raise self.t.refuse(line, f"{what} shares its line with other values")
        start, end = self.t.starts[line], self.t.starts[line + 1]
        # the comment stays, on a line of its own where the value was
        self.t.replace(start, end, f"{' ' * indent}{comment}\n" if comment else "")

    def drop_entry(self, mapping: Any, key: str, what: str) -> None:
        """Remove ``key: value`` from a block mapping (its line; a comment on it stays)."""
        pair = _get(mapping, key)
        assert pair is not None
        k, v = pair
        self.plain_node(v, what)
        if k.start_mark.line != v.end_mark.line:
            raise self.t.refuse(k.start_mark.line, f"{what} is written over several lines")
        line = k.start_mark.line
        if self.t.lines[line][:k.start_mark.column].strip():
            raise self.t.refuse(line, f"{what} shares its line with other values")
        self._drop_line(line, k.start_mark.column, what, v.end_mark.column)

    def drop_item(self, seq: Any, index: int, what: str) -> None:
        """Remove item ``index`` of a sequence (a comment on its line stays)."""
        item = seq.value[index]
        self.plain_node(item, what)
        line = item.start_mark.line
        if seq.flow_style:
            self._drop_flow_item(seq, index, what)
            return
        before = self.t.lines[line][:item.start_mark.column]
        if before.strip() != "-":
            raise self.t.refuse(line, f"{what} shares its line with other values")
        self._drop_line(line, len(before) - len(before.lstrip()), what, item.end_mark.column)

    def _drop_flow_item(self, seq: Any, index: int, what: str) -> None:
        items = seq.value
        item = items[index]
        if index + 1 < len(items):
            start, end = self.t.offset(item.start_mark), self.t.offset(items[index + 1].start_mark)
            between = self.t.text[self.t.offset(item.end_mark):end]
        else:
            start = self.t.offset(items[index - 1].end_mark)
            end = self.t.offset(item.end_mark)
            between = self.t.text[start:self.t.offset(item.start_mark)]
        if between.strip() != ",":  # a comment or a line break between the items
            raise self.t.refuse(item.start_mark.line, f"{what} has a comment or a line break "
                                "next to it in its [...] list")
        self.t.replace(start, end, "")

    def end_line(self, node: Any) -> int:
        """The last line that holds part of ``node`` (0-based)."""
        while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value and \
                not node.flow_style:
            last = node.value[-1]
            node = last[1] if isinstance(node, yaml.MappingNode) else last
        end = node.end_mark
        line = int(end.line) if end.column > 0 else int(end.line) - 1
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            while line > node.start_mark.line and not self.t.lines[line].strip():
                line -= 1
        return max(line, int(node.start_mark.line))

    def item_layout(self, seq: Any, default_indent: int) -> tuple[int, int]:
        """(column of the dash, column of the keys) of a block sequence's mapping items."""
        if isinstance(seq, yaml.SequenceNode) and seq.value and not seq.flow_style:
            dash = int(seq.start_mark.column)
            first = seq.value[0]
            if isinstance(first, yaml.MappingNode) and not first.flow_style and \
                    first.start_mark.line == seq.start_mark.line:
                return dash, int(first.start_mark.column)
            return dash, dash + 2
        return default_indent, default_indent + 2

    def append_item(self, seq: Any, entries: list[tuple[str, str]], what: str,
                    block: tuple[str, str] | None = None) -> None:
        """Append a mapping item to a block sequence, laid out like its other items."""
        if seq.flow_style:
            raise self.t.refuse(seq.start_mark.line, f"{what} is a [...] list")
        dash, keys = self.item_layout(seq, 0)
        self.t.insert_after_line(self.end_line(seq),
                                 _item_lines(entries, dash, keys, block))


def _item_lines(entries: list[tuple[str, str]], dash: int, keys: int,
                block: tuple[str, str] | None) -> list[str]:
    lines = []
    for i, (key, value) in enumerate(entries):
        lead = f"{' ' * dash}-{' ' * (keys - dash - 1)}" if i == 0 else " " * keys
        lines.append(f"{lead}{key}: {value}")
    if block is not None:
        key, text = block
        indicator = "2" if text[:1] in (" ", "\t") else ""
        lines.append(f"{' ' * keys}{key}: |{indicator}")
        lines += [f"{' ' * (keys + 2)}{line}" if line else "" for line in
                  text.rstrip("\n").split("\n")]
    return lines


# --- the edit --------------------------------------------------------------------------------


def _seats(ed: _Editor, root: Any, data: dict[str, Any], old: str, new: str,
           changed: list[str]) -> bool:
    """Pass the previous owner's seats to the new owner; True when a closed action still
    names the previous owner."""

    def person_list(seq: Any, values: Any, where: str) -> None:
        if not isinstance(seq, yaml.SequenceNode) or not isinstance(values, list):
            return
        for i, item in enumerate(seq.value):
            if isinstance(item, yaml.ScalarNode) and item.value == old:
                if new in values:
                    ed.drop_item(seq, i, f"{where}: {old}")
                    del values[i]
                    changed.append(f"{where}: {old} removed ({new} is there already)")
                else:
                    ed.set_scalar(item, new, f"{where}: {old}", flow=bool(seq.flow_style))
                    values[i] = new
                    changed.append(f"{where}: {old} -> {new}")
                return

    governance = _value(root, "governance")
    found = data.get("governance")
    gov_data: dict[str, Any] = found if isinstance(found, dict) else {}
    meetings = _value(governance, "meetings")
    if isinstance(meetings, yaml.SequenceNode):
        for j, meeting in enumerate(meetings.value):
            values = gov_data["meetings"][j]
            if isinstance(values, dict):
                person_list(_value(meeting, "attendees"), values.get("attendees"),
                            f"meeting {values.get('name')!s}")
    person_list(_value(governance, "escalation"), gov_data.get("escalation"),
                "escalation path")
    still_named = False
    actions = _value(root, "actions")
    if isinstance(actions, yaml.SequenceNode):
        for j, action in enumerate(actions.value):
            values = data["actions"][j]
            if not isinstance(values, dict) or values.get("owner_internal") != old:
                continue
            if (values.get("status") or "open") in OPEN_STATUSES:
                ed.set_scalar(_value(action, "owner_internal"), new,
                              f"action {values.get('id')!s}: owner_internal")
                values["owner_internal"] = new
                changed.append(f"action {values.get('id')!s}: owner_internal {old} -> {new}")
            else:
                still_named = True
    return still_named


def _add_previous_owner(ed: _Editor, root: Any, data: dict[str, Any], old: str, new: str,
                        date: dt.date, changed: list[str]) -> None:
    contacts = data.get("contacts")
    if not isinstance(contacts, list) or any(
        isinstance(c, dict) and c.get("name") == old for c in contacts
    ):
        return
    notes = f"Owned this relationship until {date.isoformat()}, then handed it over to {new}."
    contact = {"name": old, "side": "internal", "level": "relationship",
               "role": PREVIOUS_OWNER_ROLE, "notes": notes}
    ed.append_item(_value(root, "contacts"),
                   [(k, _scalar_text(v, None, False)) for k, v in contact.items()], "contacts")
    contacts.append(contact)
    changed.append(f"contacts: {old} added (internal; closed actions still name them)")


def _edit_owner(ed: _Editor, owner: Any, values: dict[str, Any], new: str, date: dt.date,
                email: str | None, changed: list[str]) -> None:
    if owner.flow_style:
        raise ed.t.refuse(owner.start_mark.line, "owner is a {...} mapping")
    ed.set_scalar(_value(owner, "name"), new, "owner.name")
    values["name"] = new
    name_key = _get(owner, "name")
    assert name_key is not None
    indent = int(name_key[0].start_mark.column)
    if "email" in values:
        if email is None:
            ed.drop_entry(owner, "email", "owner.email")
            del values["email"]
            changed.append("owner.email removed (it was the previous owner's)")
        else:
            ed.set_scalar(_value(owner, "email"), email, "owner.email")
            values["email"] = email
    elif email is not None:
        ed.plain_node(name_key[1], "owner.name")
        ed.t.insert_after_line(ed.end_line(name_key[1]),
                               [f"{' ' * indent}email: {_scalar_text(email, None, False)}"])
        values["email"] = email
    since = _value(owner, "since")
    if since is not None:
        ed.set_scalar(since, date.isoformat(), "owner.since", raw=True)
    else:
        ed.t.insert_after_line(ed.end_line(owner), [f"{' ' * indent}since: {date.isoformat()}"])
    values["since"] = date.isoformat()


def _add_entry(ed: _Editor, root: Any, data: dict[str, Any], previous: str, new: str,
               date: dt.date, notes: str) -> None:
    entry = [("date", date.isoformat()), ("from", _scalar_text(previous, None, False)),
             ("to", _scalar_text(new, None, False))]
    pair = _get(root, "handovers")
    expected = {"date": date.isoformat(), "from": previous, "to": new, "notes": notes}
    # the layout of the file's other lists, for a list that is new
    contacts = _get(root, "contacts")
    dash, keys = ed.item_layout(contacts[1] if contacts else None, 2)
    if contacts is not None:
        dash -= int(contacts[0].start_mark.column)
        keys -= int(contacts[0].start_mark.column)
    if pair is not None and isinstance(pair[1], yaml.SequenceNode) and pair[1].value:
        ed.append_item(pair[1], entry, "handovers", ("notes", notes))
        data["handovers"].append(expected)
        return
    if pair is not None:  # ``handovers: []`` or an empty ``handovers:``
        key, value = pair
        if isinstance(value, yaml.MappingNode) or (
                isinstance(value, yaml.ScalarNode) and value.value not in ("", "~", "null")):
            raise ed.t.refuse(key.start_mark.line, "handovers is not a list")
        ed.plain_node(value, "handovers")
        line = key.start_mark.line
        start = ed.t.offset(value.start_mark)
        while start > ed.t.starts[line] and ed.t.text[start - 1] == " ":
            start -= 1
        if value.end_mark.column > value.start_mark.column:
            ed.t.replace(start, ed.t.offset(value.end_mark), "")
        column = int(key.start_mark.column)
        ed.t.insert_after_line(line, _item_lines(entry, column + dash, column + keys,
                                                 ("notes", notes)))
        data["handovers"] = [expected]
        return
    owner = _get(root, "owner")
    assert owner is not None
    end = ed.end_line(owner[1])
    column = int(owner[0].start_mark.column)
    lines = [f"{' ' * column}handovers:",
             *_item_lines(entry, column + dash, column + keys, ("notes", notes))]
    if end + 1 < len(ed.t.lines) and not ed.t.lines[end + 1].strip():
        lines.insert(0, "")  # the blank line between sections
    ed.t.insert_after_line(end, lines)
    data["handovers"] = [expected]


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
    text = _Text(raw, name)
    before = load_text(text.text, str(path))
    if not isinstance(before.data, dict) or before.problems:
        raise HandoverError(f"{name}: run `handbook check {name}` first")
    try:
        root = yaml.compose(text.text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise HandoverError(f"{name}: not readable YAML ({exc})") from None
    data: dict[str, Any] = before.data
    owner = _value(root, "owner")
    owner_data = data.get("owner")
    if not isinstance(owner, yaml.MappingNode) or not isinstance(owner_data, dict) or \
            not isinstance(owner_data.get("name"), str):
        raise HandoverError(f"{name}: has no owner.name to hand over")
    previous = owner_data["name"]
    if previous == to:
        raise HandoverError(f"{to} owns this relationship already")
    result = HandoverResult(path, previous, to, date, notes_written=notes is not None)
    ed = _Editor(text)
    _edit_owner(ed, owner, owner_data, to, date, email, result.changed)
    _add_entry(ed, root, data, previous, to, date, notes if notes is not None else NOTES_SCAFFOLD)
    if _seats(ed, root, data, previous, to, result.changed):
        _add_previous_owner(ed, root, data, previous, to, date, result.changed)
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
