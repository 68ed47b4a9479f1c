"""One spreadsheet row as a supplier file: its data, its placeholders, its marks, its text.

Owns what a row says (each mapped cell, lower-cased where the field takes one of a few
words; a yes or no read in several languages), the placeholder of each value the format
needs and the row lacks (``PLACEHOLDERS``, each starting with ``placeholders.MARK``) and
the well-formed stand-in it is checked with (``STAND_INS``: only what the row itself says
can make it fail), the document whose marks are the row's cells (``row_document``: a
problem reads ``ROW:COLUMN``), and the YAML text of the file, laid out like the example
suppliers (``row_yaml``). Which rows are written, and where, is ``importer``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from supplier_handbook.edit.columns import FIELDS
from supplier_handbook.edit.sheets import Sheet
from supplier_handbook.edit.starter import SCHEMA_URL
from supplier_handbook.model.placeholders import MARK
from supplier_handbook.read.load import Document, PathKey

LOWERCASE = ("status", "impact", "model", "contact_level")
OPTIONAL = ("status", "rationale", "owner_email", "contact_email", "contact_phone")
TRUE = frozenset({"true", "yes", "y", "on", "1", "x", "ja", "oui", "si", "tak"})
FALSE = frozenset({"false", "no", "n", "off", "0", "nein", "non", "nie"})

# A placeholder for each value the format needs (one of {name}: the row's supplier name).
PLACEHOLDERS: dict[str, str] = {
    "category": f"{MARK} what {{name}} supplies, e.g. Aluminium housings",
    "summary": f"{MARK} why {{name}} matters to us, in one to three sentences",
    "impact": f"{MARK} high, medium or low: if they failed tomorrow, how bad?",
    "rationale": f"{MARK} why a failure of {{name}} would hurt (time to replace them, stock)",
    "model": f"{MARK} transactional, collaborative or alliance",
    "owner": f"{MARK} the buyer who owns the relationship with {{name}}",
    "contact": f"{MARK} the name of a person at {{name}}",
    "contact_role": f"{MARK} the job title of {{contact}}",
    "contact_level": f"{MARK} executive, relationship, operational or technical",
}
# A well-formed stand-in for each placeholder: the row is checked with these in place, so
# that only what the row itself says can make it fail.
STAND_INS: dict[str, str] = {
    "category": "x", "summary": "x", "impact": "medium", "rationale": "x",
    "model": "transactional", "owner": "Stand In Owner", "contact": "Stand In Contact",
    "contact_role": "x", "contact_level": "relationship",
}
NOT_A_CELL = 0  # the column of a value no cell holds (shown as column 1, without a header)


def _set(data: dict[str, Any], path: PathKey, value: Any) -> None:
    node: Any = data
    for part in path[:-1]:
        node = node.setdefault(part, {}) if isinstance(part, str) else node[part]
    node[path[-1]] = value


def _row_values(cells: Sequence[str], columns: Mapping[str, int]) -> dict[str, str]:
    """The cell of each mapped column (empty past the row's end), lower-cased where the
    field takes one of a few words."""
    value = {name: cells[i] if i < len(cells) else "" for name, i in columns.items()}
    for name in LOWERCASE:
        if name in value:
            value[name] = value[name].lower()
    return value


@dataclass
class RowData:
    data: dict[str, Any]  # as ``load`` would give it (every scalar as text)
    placeholders: dict[str, PathKey]  # field -> where its placeholder is
    stand_in: dict[str, Any]  # ``data`` with a well-formed stand-in for each placeholder
    bad_booleans: list[str] = field(default_factory=list)


def _yes_no(text: str) -> str | None:
    word = text.strip().lower()
    return "true" if word in TRUE else "false" if word in FALSE else None


def row_data(cells: Sequence[str], columns: Mapping[str, int], owner: str | None,
             source: str, row: int, today: dt.date) -> RowData:
    """The supplier data of one row; what the format needs and the row lacks is a
    placeholder."""
    value = _row_values(cells, columns)
    if owner and not value.get("owner"):
        value["owner"] = owner
    name = value.get("name", "")
    holders: dict[str, PathKey] = {}

    def need(key: str, **words: str) -> str:
        if value.get(key):
            return value[key]
        holders[key] = FIELDS[key]
        return PLACEHOLDERS[key].format(**words)

    who = name or "this supplier"
    data: dict[str, Any] = {
        "name": name,
        "category": need("category", name=who),
        "summary": need("summary", name=who),
        "impact": {"level": need("impact")},
        "governance": {"model": need("model")},
        "owner": {"name": need("owner", name=who)},
    }
    contact = need("contact", name=who)
    data["contacts"] = [{
        "name": contact, "side": "supplier",
        "level": need("contact_level"),
        "role": need("contact_role", contact=value.get("contact") or "this person"),
    }]
    data["log"] = [{"date": today.isoformat(), "kind": "note",
                    "text": f"Imported from {source}, row {row}."}]
    if value.get("tags"):
        data["tags"] = [t.strip() for t in re.split(r"[,;]", value["tags"]) if t.strip()]
    bad: list[str] = []
    if value.get("sole_source"):
        yes_no = _yes_no(value["sole_source"])
        if yes_no is None:
            bad.append(value["sole_source"])
        else:
            data["impact"]["sole_source"] = yes_no
    for optional in OPTIONAL:
        if value.get(optional):
            _set(data, FIELDS[optional], value[optional])
    if data["impact"]["level"] == "high" and "rationale" not in data["impact"]:
        data["impact"]["rationale"] = PLACEHOLDERS["rationale"].format(name=who)
        holders["rationale"] = FIELDS["rationale"]
    stand_in = json.loads(json.dumps(data))
    for key, path in holders.items():
        _set(stand_in, path, STAND_INS[key])
    return RowData(data, holders, stand_in, bad)


def row_document(data: dict[str, Any], sheet: Sheet, row: int,
                 columns: Mapping[str, int]) -> Document:
    """A document whose marks are the cells: a problem at a field reads ROW:COLUMN; a
    value no cell holds is marked at column ``NOT_A_CELL``."""
    doc = Document(sheet.path, data)
    doc.values[()] = (row, NOT_A_CELL)
    for name, i in columns.items():
        path = FIELDS[name]
        doc.values[path] = (row, i + 1)
        if name == "tags":
            for j in range(len(data.get("tags", []))):
                doc.values[("tags", j)] = (row, i + 1)
    for path in list(_paths(data)):
        doc.values.setdefault(path, (row, NOT_A_CELL))
    return doc


def _paths(data: Any, path: PathKey = ()) -> Any:
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, (*path, i))


_PLAIN = re.compile(r"[A-Za-z\u00c0-\uffff][^#:\n\"\[\]{},]*")
_RESERVED = {"yes", "no", "y", "n", "on", "off", "true", "false", "null", "~"}


def _scalar(value: str) -> str:
    """A YAML scalar that reads back as exactly ``value`` in every YAML 1.1 or 1.2 reader:
    plain when nothing in it can mean anything else, else double-quoted (JSON's string
    escapes are YAML's)."""
    if _PLAIN.fullmatch(value) and value == value.strip() and \
            value.lower() not in _RESERVED:
        return value
    return json.dumps(value, ensure_ascii=False)


def _value_text(key: str, value: str) -> str:
    if key == "sole_source":
        return value  # true or false: a boolean, not text
    return _scalar(value)


def row_yaml(data: dict[str, Any], source: str, row: int, placeholders: int) -> str:
    """The file of one row, laid out like the example suppliers (written by hand: the
    fields are fixed, and the result is checked by reading it back)."""
    out = [f"# yaml-language-server: $schema={SCHEMA_URL}",
           f"# Imported from {source}, row {row}, by `handbook import`."]
    if placeholders:
        out += [f'# Every value starting with "{MARK}" was not in the sheet: `handbook check` '
                "reports each one", "# until you write the real value."]
    out += ["# Guide: content/guides/supplier-file.md.", ""]
    for key in ("name", "category", "summary", "status"):
        if key in data:
            out.append(f"{key}: {_scalar(data[key])}")
    if data.get("tags"):
        out.append(f"tags: [{', '.join(_scalar(t) for t in data['tags'])}]")
    for key in ("impact", "governance", "owner"):
        out += ["", f"{key}:", *(f"  {k}: {_value_text(k, v)}" for k, v in data[key].items())]
    out += ["", "contacts:"]
    for contact in data["contacts"]:
        for i, (k, v) in enumerate(contact.items()):
            out.append(f"{'  - ' if i == 0 else '    '}{k}: {_scalar(v)}")
    out += ["", "log:"]
    for entry in data["log"]:
        out += [f"  - date: {entry['date']}", f"    kind: {entry['kind']}",
                f"    text: {_scalar(entry['text'])}"]
    return "\n".join(out) + "\n"
