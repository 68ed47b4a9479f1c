"""What a handover changes in a supplier file, each change made through ``LineEditor`` and
mirrored in the file's data (which ``handover`` reads back to verify the new text).

Owns the owner's lines (``owner.name``, ``owner.since``, ``owner.email``), the new
``handovers`` entry (appended, or the list started where the file's layout says), the
previous owner's seats passed to the new owner (meeting attendees, the escalation path, the
open or in-progress actions they owned on our side), and the previous owner kept as an
internal contact when a closed action still names them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

from supplier_handbook.edit.handover_lines import (
    LineEditor,
    item_lines,
    key_and_value,
    scalar_text,
    value_of,
)
from supplier_handbook.model.supplier import OPEN_STATUSES

PREVIOUS_OWNER_ROLE = "Buyer"


def pass_seats(ed: LineEditor, root: Any, data: dict[str, Any], old: str, new: str,
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

    governance = value_of(root, "governance")
    found = data.get("governance")
    gov_data: dict[str, Any] = found if isinstance(found, dict) else {}
    meetings = value_of(governance, "meetings")
    if isinstance(meetings, yaml.SequenceNode):
        for j, meeting in enumerate(meetings.value):
            values = gov_data["meetings"][j]
            if isinstance(values, dict):
                person_list(value_of(meeting, "attendees"), values.get("attendees"),
                            f"meeting {values.get('name')!s}")
    person_list(value_of(governance, "escalation"), gov_data.get("escalation"),
                "escalation path")
    still_named = False
    actions = value_of(root, "actions")
    if isinstance(actions, yaml.SequenceNode):
        for j, action in enumerate(actions.value):
            values = data["actions"][j]
            if not isinstance(values, dict) or values.get("owner_internal") != old:
                continue
            if (values.get("status") or "open") in OPEN_STATUSES:
                ed.set_scalar(value_of(action, "owner_internal"), new,
                              f"action {values.get('id')!s}: owner_internal")
                values["owner_internal"] = new
                changed.append(f"action {values.get('id')!s}: owner_internal {old} -> {new}")
            else:
                still_named = True
    return still_named


def add_previous_owner(ed: LineEditor, root: Any, data: dict[str, Any], old: str, new: str,
                        date: dt.date, changed: list[str]) -> None:
    contacts = data.get("contacts")
    if not isinstance(contacts, list) or any(
        isinstance(c, dict) and c.get("name") == old for c in contacts
    ):
        return
    notes = f"Owned this relationship until {date.isoformat()}, then handed it over to {new}."
    contact = {"name": old, "side": "internal", "level": "relationship",
               "role": PREVIOUS_OWNER_ROLE, "notes": notes}
    ed.append_item(value_of(root, "contacts"),
                   [(k, scalar_text(v, None, False)) for k, v in contact.items()], "contacts")
    contacts.append(contact)
    changed.append(f"contacts: {old} added (internal; closed actions still name them)")


def edit_owner(ed: LineEditor, owner: Any, values: dict[str, Any], new: str, date: dt.date,
                email: str | None, changed: list[str]) -> None:
    if owner.flow_style:
        raise ed.t.refuse(owner.start_mark.line, "owner is a {...} mapping")
    ed.set_scalar(value_of(owner, "name"), new, "owner.name")
    values["name"] = new
    name_key = key_and_value(owner, "name")
    assert name_key is not None
    indent = int(name_key[0].start_mark.column)
    if "email" in values:
        if email is None:
            ed.drop_entry(owner, "email", "owner.email")
            del values["email"]
            changed.append("owner.email removed (it was the previous owner's)")
        else:
            ed.set_scalar(value_of(owner, "email"), email, "owner.email")
            values["email"] = email
    elif email is not None:
        ed.plain_node(name_key[1], "owner.name")
        ed.t.insert_after_line(ed.end_line(name_key[1]),
                               [f"{' ' * indent}email: {scalar_text(email, None, False)}"])
        values["email"] = email
    since = value_of(owner, "since")
    if since is not None:
        ed.set_scalar(since, date.isoformat(), "owner.since", raw=True)
    else:
        ed.t.insert_after_line(ed.end_line(owner), [f"{' ' * indent}since: {date.isoformat()}"])
    values["since"] = date.isoformat()


def add_entry(ed: LineEditor, root: Any, data: dict[str, Any], previous: str, new: str,
               date: dt.date, notes: str) -> None:
    entry = [("date", date.isoformat()), ("from", scalar_text(previous, None, False)),
             ("to", scalar_text(new, None, False))]
    pair = key_and_value(root, "handovers")
    expected = {"date": date.isoformat(), "from": previous, "to": new, "notes": notes}
    # the layout of the file's other lists, for a list that is new
    contacts = key_and_value(root, "contacts")
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
        ed.t.insert_after_line(line, item_lines(entry, column + dash, column + keys,
                                                 ("notes", notes)))
        data["handovers"] = [expected]
        return
    owner = key_and_value(root, "owner")
    assert owner is not None
    end = ed.end_line(owner[1])
    column = int(owner[0].start_mark.column)
    lines = [f"{' ' * column}handovers:",
             *item_lines(entry, column + dash, column + keys, ("notes", notes))]
    if end + 1 < len(ed.t.lines) and not ed.t.lines[end + 1].strip():
        lines.insert(0, "")  # the blank line between sections
    ed.t.insert_after_line(end, lines)
    data["handovers"] = [expected]
