"""``handbook import``: one starter supplier file per spreadsheet row that passes the check.

Columns map to fields by their header (``Supplier``, ``Vendor name``, ``Buyer``, ...: see
``HEADERS``) or by ``--map "HEADER=field"``. Every row is checked by the same checker as
``handbook check``, with the row and column of each cell standing in for the line and
column of a YAML value, so a bad row is reported as ``FILE:ROW:COLUMN: error: message`` and
nothing is written for it. The slug is the name transliterated to ASCII
(``python-slugify``); an existing supplier file is never overwritten.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slugify import slugify

from supplier_handbook.base.errors import HandbookError
from supplier_handbook.base.problems import Problem, quote
from supplier_handbook.edit.sheets import Sheet
from supplier_handbook.model.check import check_document
from supplier_handbook.read.load import Document, PathKey, load_text

# field -> the data path it fills in the supplier file
FIELDS: dict[str, PathKey] = {
    "name": ("name",),
    "category": ("category",),
    "summary": ("summary",),
    "status": ("status",),
    "tags": ("tags",),
    "impact": ("impact", "level"),
    "sole_source": ("impact", "sole_source"),
    "rationale": ("impact", "rationale"),
    "model": ("governance", "model"),
    "owner": ("owner", "name"),
    "owner_email": ("owner", "email"),
    "contact": ("contacts", 0, "name"),
    "contact_role": ("contacts", 0, "role"),
    "contact_level": ("contacts", 0, "level"),
    "contact_email": ("contacts", 0, "email"),
    "contact_phone": ("contacts", 0, "phone"),
}

# Header names understood without --map (compared lowercased, punctuation as spaces).
HEADERS: dict[str, str] = {
    **dict.fromkeys(["name", "supplier", "supplier name", "vendor", "vendor name", "company",
                     "company name"], "name"),
    **dict.fromkeys(["category", "commodity", "material group", "what they supply"],
                    "category"),
    **dict.fromkeys(["summary", "description", "why they matter"], "summary"),
    "status": "status",
    **dict.fromkeys(["tags", "keywords"], "tags"),
    **dict.fromkeys(["impact", "impact level", "strategic impact", "criticality"], "impact"),
    **dict.fromkeys(["sole source", "single source"], "sole_source"),
    **dict.fromkeys(["rationale", "impact rationale"], "rationale"),
    **dict.fromkeys(["model", "governance", "governance model"], "model"),
    **dict.fromkeys(["owner", "owner name", "buyer", "buyer name", "purchaser"], "owner"),
    **dict.fromkeys(["owner email", "buyer email", "owner e mail"], "owner_email"),
    **dict.fromkeys(["contact", "contact name", "contact person", "key contact"], "contact"),
    **dict.fromkeys(["contact role", "contact title", "contact position"], "contact_role"),
    **dict.fromkeys(["contact level"], "contact_level"),
    **dict.fromkeys(["contact email", "contact e mail"], "contact_email"),
    **dict.fromkeys(["contact phone", "contact telephone"], "contact_phone"),
}

LOWERCASE = ("status", "impact", "model", "contact_level", "sole_source")
OPTIONAL = ("sole_source", "rationale", "owner_email", "contact_email", "contact_phone")
PLACEHOLDER_CONTACT = "Supplier Contact"


class MappingError(HandbookError):
    """The columns cannot be mapped (a usage error: the message says what to give)."""

    usage = True


def _norm(header: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", header.lower()).split())


def column_map(header: Sequence[str], overrides: Mapping[str, str]) -> dict[str, int]:
    """{field: column index}: the overrides (header -> field) first, then known headers."""
    by_norm = {_norm(h): i for i, h in reversed(list(enumerate(header))) if h}
    columns: dict[str, int] = {}
    for head, name in overrides.items():
        if name not in FIELDS:
            raise MappingError(f"--map {head}={name}: unknown field {name!r} "
                               f"(fields: {', '.join(FIELDS)})")
        if _norm(head) not in by_norm:
            raise MappingError(f"--map {head}={name}: no column {head!r} "
                               f"(columns: {', '.join(h for h in header if h)})")
        columns[name] = by_norm[_norm(head)]
    taken = set(columns.values())
    for i, head in enumerate(header):
        known = HEADERS.get(_norm(head))
        if known and known not in columns and i not in taken:
            columns[known] = i
            taken.add(i)
    if "name" not in columns:
        raise MappingError("no column for the supplier's name (a header such as 'Supplier' "
                           "or 'Name', or --map HEADER=name)")
    return columns


@dataclass
class Planned:
    row: int
    slug: str
    target: Path
    text: str


@dataclass
class ImportResult:
    sheet: Sheet
    columns: dict[str, int]
    planned: list[Planned] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def _set(data: dict[str, Any], path: PathKey, value: Any) -> None:
    node: Any = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value


def _row_values(cells: Sequence[str], columns: Mapping[str, int]) -> dict[str, str]:
    """The cell of each mapped column (empty past the row's end), lower-cased where the
    field takes one of a few words."""
    value = {name: cells[i] if i < len(cells) else "" for name, i in columns.items()}
    for name in LOWERCASE:
        if name in value:
            value[name] = value[name].lower()
    return value


def _or(value: Mapping[str, str], name: str, default: str) -> str:
    """The row's value of ``name``, or ``default`` when the cell is empty or unmapped."""
    return value.get(name) or default


def row_data(cells: Sequence[str], columns: Mapping[str, int], owner: str | None,
             source: str, row: int, today: dt.date) -> dict[str, Any]:
    """The supplier data of one row, as ``load`` would give it (every scalar as text)."""
    value = _row_values(cells, columns)
    name = value.get("name", "")
    impact = _or(value, "impact", "medium")
    data: dict[str, Any] = {
        "name": name,
        "category": value.get("category", ""),
        "summary": _or(value, "summary",
                       f"Imported from {source}, row {row}: replace with why "
                       f"{name or 'this supplier'} matters to us, in one to three sentences."),
        "status": _or(value, "status", "active"),
        "impact": {"level": impact},
        "governance": {"model": _or(value, "model", "collaborative" if impact == "high"
                                    else "transactional")},
        "owner": {"name": _or(value, "owner", owner or "")},
        "contacts": [{"name": _or(value, "contact", PLACEHOLDER_CONTACT), "side": "supplier",
                      "level": _or(value, "contact_level", "relationship"),
                      "role": _or(value, "contact_role", "Key Account Manager")}],
        "log": [{"date": today.isoformat(), "kind": "note",
                 "text": f"Imported from {source}, row {row}."}],
    }
    if value.get("tags"):
        data["tags"] = [t.strip() for t in re.split(r"[,;]", value["tags"]) if t.strip()]
    for optional in OPTIONAL:
        if value.get(optional):
            _set(data, FIELDS[optional], value[optional])
    return data


def row_document(data: dict[str, Any], sheet: Sheet, row: int,
                 columns: Mapping[str, int]) -> Document:
    """A document whose marks are the cells: a problem at a field reads ROW:COLUMN."""
    doc = Document(sheet.path, data)
    doc.values[()] = (row, 1)
    for name, i in columns.items():
        path = FIELDS[name]
        for depth in range(1, len(path) + 1):
            doc.values.setdefault(path[:depth], (row, i + 1))
        doc.values[path] = (row, i + 1)
        if name == "tags":
            for j in range(len(data.get("tags", []))):
                doc.values[("tags", j)] = (row, i + 1)
    for parent in (("impact",), ("governance",), ("owner",), ("contacts",), ("contacts", 0)):
        if parent not in {FIELDS[n][:len(parent)] for n in columns}:
            doc.values[parent] = (row, 1)
    return doc


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


def _yaml_text(data: dict[str, Any], source: str, row: int) -> str:
    """The starter file of one row, laid out like the example suppliers (written by hand:
    the fields are fixed, and the result is checked by reading it back)."""
    out = [f"# Imported from {source}, row {row}, by `handbook import`. Run `handbook check`",
           "# after editing. Guide: content/guides/supplier-file.md.", ""]
    for key in ("name", "category", "summary", "status"):
        out.append(f"{key}: {_scalar(data[key])}")
    if data.get("tags"):
        out.append(f"tags: [{', '.join(_scalar(t) for t in data['tags'])}]")
    for key in ("impact", "governance", "owner"):
        out += ["", f"{key}:", *(f"  {k}: {_scalar(v)}" for k, v in data[key].items())]
    out += ["", "contacts:"]
    for contact in data["contacts"]:
        first = True
        for k, v in contact.items():
            line = f"{'  - ' if first else '    '}{k}: {_scalar(v)}"
            if first and v == PLACEHOLDER_CONTACT:
                line += "  # replace with a real person"
            out.append(line)
            first = False
    out += ["", "log:"]
    for entry in data["log"]:
        out += [f"  - date: {entry['date']}", f"    kind: {entry['kind']}",
                f"    text: {_scalar(entry['text'])}"]
    return "\n".join(out) + "\n"


def plan_import(sheet: Sheet, folder: Path, overrides: Mapping[str, str] | None = None,
                owner: str | None = None, today: dt.date | None = None) -> ImportResult:
    """Check every row; plan a file for each good one. Writes nothing."""
    today = today or dt.date.today()
    columns = column_map(sheet.header, overrides or {})
    if "owner" not in columns and not owner:
        raise MappingError("no column for the owner (a header such as 'Owner' or 'Buyer', "
                           "--map HEADER=owner, or --owner NAME for every row)")
    result = ImportResult(sheet, columns)
    source = Path(sheet.path).name
    slugs: dict[str, int] = {}
    for row, cells in sheet.rows:
        data = row_data(cells, columns, owner, source, row, today)
        doc = row_document(data, sheet, row, columns)
        slug = slugify(data["name"], max_length=80, word_boundary=True)
        problems = _slug_problems(doc, slug, row, slugs, folder)
        supplier, found = check_document(doc, slug or "supplier")
        problems.extend(found)
        if supplier is not None and not problems:
            text = _yaml_text(data, source, row)
            back = load_text(text, "generated")
            again = check_document(back, slug)[1]
            if again or back.data != data:  # the text must read back as the row, and pass
                why = again[0].message if again else "it does not read back as the row"
                problems.append(Problem(sheet.path, row, 1, "error",
                                        f"internal: the file for this row fails ({why})"))
            else:
                result.planned.append(Planned(row, slug, folder / f"{slug}.yaml", text))
        result.problems.extend(_with_header(p, sheet, columns) for p in sorted(problems))
    return result


def _with_header(problem: Problem, sheet: Sheet, columns: Mapping[str, int]) -> Problem:
    """The problem, naming the column's header when it is about a cell."""
    index = problem.col - 1
    if index not in columns.values() or problem.message.startswith("missing required key"):
        return problem
    head = sheet.header[index] if index < len(sheet.header) else ""
    return dataclasses.replace(problem, message=f"{problem.message} (column {head!r})")


def _slug_problems(doc: Document, slug: str, row: int, slugs: dict[str, int],
                   folder: Path) -> list[Problem]:
    line, col = doc.value_mark(("name",))
    name = doc.data["name"]
    if not name:
        return []  # the check says the name is empty
    if not slug:
        return [Problem(doc.path, line, col, "error",
                        f"name: {quote(name)} gives no slug (expected letters or digits)")]
    if slug in slugs:
        return [Problem(doc.path, line, col, "error",
                        f"name: {quote(name)} gives the slug {slug!r}, like row {slugs[slug]} "
                        "(expected each supplier once)")]
    slugs[slug] = row
    target = folder / f"{slug}.yaml"
    if target.exists() or target.is_symlink():
        return [Problem(doc.path, line, col, "warning",
                        f"{target} exists already; it is not overwritten")]
    return []


def write_planned(result: ImportResult) -> list[Path]:
    """Write the planned files; never replaces a file (one created meanwhile is skipped)."""
    for planned in result.planned:
        planned.target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with planned.target.open("x", encoding="utf-8") as handle:
                handle.write(planned.text)
        except FileExistsError:
            result.problems.append(Problem(result.sheet.path, planned.row, 1, "warning",
                                           f"{planned.target} exists already; it is not "
                                           "overwritten"))
            continue
        result.written.append(planned.target)
    return result.written
