"""``handbook handover``: hand a supplier relationship to a new owner, in the file itself.

The supplier file is edited in place with a round-trip YAML parser (``ruamel.yaml``), so
every comment, the key order, the quoting and the layout stay as the buyer wrote them: the
diff a reviewer sees is the handover and nothing else.

What changes:

- ``owner.name`` becomes the new owner and ``owner.since`` the handover date; the previous
  owner's ``owner.email`` is replaced by ``--email``, or removed (it was theirs, not the new
  owner's);
- a ``handovers`` entry (date, from, to) is added with a notes scaffold. The scaffold fails
  ``handbook check`` (rule ``handover_notes_written``) until the previous owner writes the
  notes;
- the previous owner's seats pass to the new owner: meeting attendees, the escalation path
  and the open or in-progress actions they owned on our side. Closed actions keep their
  name; when the previous owner is then no longer a person of the file, they are added as an
  internal contact (a colleague the new owner can still ask).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedBase, CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from supplier_handbook.base.errors import HandbookError
from supplier_handbook.model.rules import HANDOVER_SCAFFOLD_MARK as SCAFFOLD_MARK
from supplier_handbook.model.supplier import OPEN_STATUSES

# The notes scaffold: ``rules.handover_notes_written`` fails the check while it is there.
NOTES_SCAFFOLD = (
    f"{SCAFFOLD_MARK} (the previous owner, before the handover is merged): who really decides;\n"
    "what was promised and is not yet delivered; the rhythm that works with each contact;\n"
    "what went wrong before and must not happen again.\n"
)

# Layouts tried in turn; the first that reproduces the file byte for byte is kept.
_LAYOUTS = ((2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 4, 0))


class HandoverError(HandbookError):
    """The handover cannot be made (the message says why and what to do)."""

    usage = True


@dataclass
class HandoverResult:
    path: Path
    previous: str
    new: str
    date: dt.date
    changed: list[str] = field(default_factory=list)  # what was changed, in words
    layout_kept: bool = True  # False: the file's layout could not be reproduced exactly


def _yaml(layout: tuple[int, int, int]) -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 100_000  # never re-wrap a long line
    mapping, sequence, offset = layout
    y.indent(mapping=mapping, sequence=sequence, offset=offset)
    return y


def _dump(y: YAML, data: Any) -> str:
    out = io.StringIO()
    y.dump(data, out)
    return out.getvalue()


def _load(text: str) -> tuple[YAML, Any, bool]:
    """The parser whose layout reproduces ``text`` exactly (else the first), its data, and
    whether the layout is kept."""
    first: tuple[YAML, Any] | None = None
    for layout in _LAYOUTS:
        y = _yaml(layout)
        data = y.load(text)
        if _dump(y, data) == text:
            return y, data, True
        first = first or (y, data)
    assert first is not None
    return first[0], first[1], False


def _styled(old: Any, new: str) -> Any:
    """``new`` in the quoting style of ``old``."""
    if isinstance(old, DoubleQuotedScalarString):
        return DoubleQuotedScalarString(new)
    if isinstance(old, SingleQuotedScalarString):
        return SingleQuotedScalarString(new)
    return new


# --- the blank line (and comments) after a block belong to its last scalar in ruamel ------


def _last_key(node: Any) -> tuple[CommentedBase, Any, Any] | None:
    """(container, key, value) of the scalar written last inside ``node``."""
    if isinstance(node, CommentedMap) and node:
        key = list(node.keys())[-1]
        inner = _last_key(node[key])
        return inner if inner is not None else (node, key, node[key])
    if isinstance(node, CommentedSeq) and node:
        inner = _last_key(node[-1])
        return inner if inner is not None else (node, len(node) - 1, node[-1])
    return None


def _is_block(value: Any) -> bool:
    return isinstance(value, LiteralScalarString | FoldedScalarString)


def _take_tail(node: Any) -> tuple[Any, bool] | None:
    """Detach the trailing comment of ``node`` (the blank lines before the next key):
    (token, whether it followed a block scalar)."""
    last = _last_key(node)
    if last is None:
        return None
    container, key, value = last
    entry = container.ca.items.get(key)
    if not entry or len(entry) < 3 or entry[2] is None:
        return None
    token = entry[2]
    entry[2] = None
    return token, _is_block(value)


def _put_tail(node: Any, tail: tuple[Any, bool] | None) -> None:
    if tail is None:
        return
    last = _last_key(node)
    if last is None:
        return
    token, after_block = tail
    container, key, value = last
    # After a plain scalar the token starts with the newline that ends the line; a block
    # scalar ends its own line.
    if after_block and not _is_block(value):
        token.value = "\n" + token.value
    elif not after_block and _is_block(value) and token.value.startswith("\n"):
        token.value = token.value[1:]
    entry = container.ca.items.setdefault(key, [None, None, None, None])
    while len(entry) < 4:
        entry.append(None)
    entry[2] = token


# --- the edit -----------------------------------------------------------------------------


def _replace_person(seq: Any, old: str, new: str, where: str, changed: list[str]) -> None:
    if not isinstance(seq, list):
        return
    for i, name in enumerate(seq):
        if name == old:
            if new in seq:
                del seq[i]
                changed.append(f"{where}: {old} removed ({new} is there already)")
            else:
                seq[i] = _styled(name, new)
                changed.append(f"{where}: {old} -> {new}")
            return


def _seats(data: Any, old: str, new: str, changed: list[str]) -> bool:
    """Pass the previous owner's seats to the new owner; True when a closed action still
    names the previous owner."""
    governance = data.get("governance")
    if isinstance(governance, dict):
        for meeting in governance.get("meetings") or []:
            if isinstance(meeting, dict):
                _replace_person(meeting.get("attendees"), old, new,
                                f"meeting {meeting.get('name')!s}", changed)
        _replace_person(governance.get("escalation"), old, new, "escalation path", changed)
    still_named = False
    for action in data.get("actions") or []:
        if not isinstance(action, dict) or action.get("owner_internal") != old:
            continue
        if action.get("status", "open") in OPEN_STATUSES:
            action["owner_internal"] = _styled(action["owner_internal"], new)
            changed.append(f"action {action.get('id')!s}: owner_internal {old} -> {new}")
        else:
            still_named = True
    return still_named


def _add_previous_owner(data: Any, old: str, date: dt.date, changed: list[str]) -> None:
    contacts = data.get("contacts")
    if not isinstance(contacts, list) or any(
        isinstance(c, dict) and c.get("name") == old for c in contacts
    ):
        return
    contact = CommentedMap()
    contact["name"] = old
    contact["side"] = "internal"
    contact["level"] = "relationship"
    contact["role"] = f"Owned this relationship until {date.isoformat()}"
    tail = _take_tail(contacts)
    contacts.append(contact)
    _put_tail(contacts, tail)
    changed.append(f"contacts: {old} added (internal; closed actions still name them)")


def _edit_owner(owner: CommentedMap, new: str, date: dt.date, email: str | None,
                changed: list[str]) -> None:
    tail = _take_tail(owner)
    owner["name"] = _styled(owner["name"], new)
    if "email" in owner:
        if email is None:
            del owner["email"]
            changed.append("owner.email removed (it was the previous owner's)")
        else:
            owner["email"] = _styled(owner["email"], email)
    elif email is not None:
        owner.insert(list(owner.keys()).index("name") + 1, "email", email)
    if "since" in owner:
        owner["since"] = date
    else:
        owner.insert(len(owner), "since", date)
    _put_tail(owner, tail)


def _add_entry(data: CommentedMap, previous: str, new: str, date: dt.date) -> None:
    entry = CommentedMap()
    entry["date"] = dt.date.fromordinal(date.toordinal())  # not the object of owner.since:
    # ruamel would write one value used twice as an anchor and an alias
    entry["from"] = previous
    entry["to"] = new
    entry["notes"] = LiteralScalarString(NOTES_SCAFFOLD)
    handovers = data.get("handovers")
    if isinstance(handovers, CommentedSeq) and handovers:
        tail = _take_tail(handovers)
        handovers.append(entry)
        _put_tail(handovers, tail)
        return
    if "handovers" in data:  # ``handovers: []`` or an empty key
        tail = None
        data["handovers"] = CommentedSeq([entry])
    else:
        tail = _take_tail(data["owner"])
        data.insert(list(data.keys()).index("owner") + 1, "handovers", CommentedSeq([entry]))
        if tail is not None:  # the blank line after owner stays; handovers gets one too
            _put_tail(data["owner"], (copy.copy(tail[0]), tail[1]))
    _put_tail(data["handovers"], tail)


def hand_over(path: Path, to: str, date: dt.date, email: str | None = None) -> HandoverResult:
    """Edit the supplier file ``path`` in place (the caller has checked it); returns what
    changed. Raises ``HandoverError`` when the handover cannot be made."""
    to = " ".join(to.split())
    if not to:
        raise HandoverError("--to is empty (expected the new owner's full name)")
    raw = path.read_bytes().decode("utf-8")
    newline = "\r\n" if "\r\n" in raw else "\n"
    text = raw.replace("\r\n", "\n")
    try:
        y, data, kept = _load(text)
    except YAMLError as exc:
        raise HandoverError(f"{path}: not readable YAML ({exc})") from None
    owner = data.get("owner") if isinstance(data, CommentedMap) else None
    if not isinstance(owner, CommentedMap) or not isinstance(owner.get("name"), str):
        raise HandoverError(f"{path}: has no owner.name to hand over")
    previous = str(owner["name"])
    if previous == to:
        raise HandoverError(f"{to} owns this relationship already")
    result = HandoverResult(path, previous, to, date, layout_kept=kept)
    _edit_owner(owner, to, date, email, result.changed)
    _add_entry(data, previous, to, date)
    if _seats(data, previous, to, result.changed):
        _add_previous_owner(data, previous, date, result.changed)
    new_text = _dump(y, data)
    tmp = path.with_name(f".{path.name}.handover")
    with tmp.open("w", encoding="utf-8", newline=newline) as handle:
        handle.write(new_text)
    tmp.replace(path)
    return result
