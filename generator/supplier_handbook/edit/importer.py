"""``handbook import``: one supplier file per spreadsheet row, by the rule of ``handbook new``.

Columns map to fields by their header (``Supplier``, ``Vendor name``, ``Buyer``, ``Phone``...:
see ``columns.COLUMNS``, listed by ``handbook import --help``) or by ``--map HEADER=field``;
columns no field uses are named in the output. The rule is the starter's: a row whose data
is well formed is written; every value the format needs and the row lacks (no column, or an
empty cell) becomes a placeholder starting with ``REPLACE:`` (``placeholders.MARK``), which
``handbook check`` reports, located, until a person writes the real value. Nothing is
invented: no role, no impact, no governance model the sheet did not give. A row whose data
is wrong (a word the format does not know, an e-mail that is no address, no name) is
reported as ``FILE:ROW:COLUMN: error: message`` and nothing is written for it.

The slug is the name transliterated to ASCII (``python-slugify``); an existing supplier
file (``SLUG.yaml`` or ``SLUG.yml``) is never overwritten, and every file is written all at
once (``base.atomic``).
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

from supplier_handbook.base.atomic import write_atomic
from supplier_handbook.base.problems import Problem, quote
from supplier_handbook.derive.naming import file_slug
from supplier_handbook.edit.columns import FIELDS, HEADERS, norm
from supplier_handbook.edit.sheets import Sheet
from supplier_handbook.edit.starter import SCHEMA_URL
from supplier_handbook.model.check import check_document
from supplier_handbook.model.placeholders import MARK
from supplier_handbook.read.load import Document, PathKey, load_text

__all__ = ["FIELDS", "HEADERS", "MappingError", "plan_import", "write_planned"]

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
_NOT_A_CELL = 0  # the column of a value no cell holds (shown as column 1, without a header)


class MappingError(Exception):
    """The columns cannot be mapped (a usage error: the message says what to give)."""


def column_map(header: Sequence[str], overrides: Mapping[str, str]) -> dict[str, int]:
    """{field: column index}: the overrides (header -> field) first, then known headers."""
    by_norm = {norm(h): i for i, h in reversed(list(enumerate(header))) if h}
    columns: dict[str, int] = {}
    for head, name in overrides.items():
        if name not in FIELDS:
            raise MappingError(f"--map {head}={name}: unknown field {name!r} "
                               f"(fields: {', '.join(FIELDS)})")
        if norm(head) not in by_norm:
            raise MappingError(f"--map {head}={name}: no column {head!r} "
                               f"(columns: {', '.join(h for h in header if h)})")
        columns[name] = by_norm[norm(head)]
    taken = set(columns.values())
    for i, head in enumerate(header):
        known = HEADERS.get(norm(head))
        if known and known not in columns and i not in taken:
            columns[known] = i
            taken.add(i)
    if "name" not in columns:
        raise MappingError("no column for the supplier's name (a header such as 'Supplier' "
                           "or 'Name', or --map HEADER=name; `handbook import --help` lists "
                           "the headers)")
    return columns


def unused_columns(header: Sequence[str], columns: Mapping[str, int]) -> list[str]:
    """The headers of the columns no field reads."""
    used = set(columns.values())
    return [h for i, h in enumerate(header) if h and i not in used]


@dataclass
class Planned:
    row: int
    slug: str
    target: Path
    text: str
    placeholders: int = 0


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

    @property
    def unused(self) -> list[str]:
        return unused_columns(self.sheet.header, self.columns)


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
    value no cell holds is marked at column ``_NOT_A_CELL``."""
    doc = Document(sheet.path, data)
    doc.values[()] = (row, _NOT_A_CELL)
    for name, i in columns.items():
        path = FIELDS[name]
        doc.values[path] = (row, i + 1)
        if name == "tags":
            for j in range(len(data.get("tags", []))):
                doc.values[("tags", j)] = (row, i + 1)
    for path in list(_paths(data)):
        doc.values.setdefault(path, (row, _NOT_A_CELL))
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


def _yaml_text(data: dict[str, Any], source: str, row: int, placeholders: int) -> str:
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


def plan_import(sheet: Sheet, folder: Path, overrides: Mapping[str, str] | None = None,
                owner: str | None = None, today: dt.date | None = None) -> ImportResult:
    """Check every row; plan a file for each well-formed one. Writes nothing."""
    today = today or dt.date.today()
    columns = column_map(sheet.header, overrides or {})
    result = ImportResult(sheet, columns)
    source = Path(sheet.path).name
    slugs: dict[str, int] = {}
    for row, cells in sheet.rows:
        made = row_data(cells, columns, owner, source, row, today)
        probe = row_document(made.stand_in, sheet, row, columns)
        slug = file_slug(made.data["name"])
        problems = _slug_problems(probe, slug, row, slugs, folder)
        blocked = bool(problems)  # no slug, the slug of another row, or a file there already
        problems += [Problem(sheet.path, row, columns["sole_source"] + 1, "error",
                             f"sole_source: {quote(word)} is not yes or no (expected yes, "
                             "no, true, false, 1, 0 or x)") for word in made.bad_booleans]
        problems += check_document(probe, slug or "supplier")[1]
        if not blocked and not any(p.severity == "error" for p in problems):
            text = _yaml_text(made.data, source, row, len(made.placeholders))
            back = load_text(text, "generated")
            again = [p for p in check_document(back, slug)[1]
                     if p.severity == "error" and MARK not in p.message
                     and not _at_placeholder(back, p, made.placeholders)]
            if again or back.data != made.data:  # the text must read back as the row
                why = again[0].message if again else "it does not read back as the row"
                problems.append(Problem(sheet.path, row, 1, "error",
                                        f"internal: the file for this row fails ({why})"))
            else:
                result.planned.append(Planned(row, slug, folder / f"{slug}.yaml", text,
                                              len(made.placeholders)))
        result.problems.extend(_with_header(p, sheet, columns) for p in sorted(problems))
    return result


def _at_placeholder(doc: Document, problem: Problem, placeholders: Mapping[str, PathKey]
                    ) -> bool:
    """Whether ``problem`` is about a placeholder's value (a word the format does not know,
    which ``check`` reports next to the placeholder itself)."""
    return any(doc.value_mark(path) == (problem.line, problem.col)
               for path in placeholders.values())


def _with_header(problem: Problem, sheet: Sheet, columns: Mapping[str, int]) -> Problem:
    """The problem, naming the column's header when it is about a cell (a value no cell
    holds is shown at column 1, naming no header)."""
    if problem.col == _NOT_A_CELL:
        return dataclasses.replace(problem, col=1)
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
    for suffix in (".yaml", ".yml"):
        target = folder / f"{slug}{suffix}"
        if target.exists() or target.is_symlink():
            return [Problem(doc.path, line, col, "warning",
                            f"{target} exists already; it is not overwritten")]
    return []


def write_planned(result: ImportResult) -> list[Path]:
    """Write the planned files, each all at once; never replaces a file (one created
    meanwhile is skipped) and never writes through a link."""
    for planned in result.planned:
        planned.target.parent.mkdir(parents=True, exist_ok=True)
        other = planned.target.with_suffix(".yml")
        try:
            if other.exists() or other.is_symlink():
                raise FileExistsError(str(other))
            write_atomic(planned.target, planned.text.encode("utf-8"), replace=False,
                         real_folder=True)
        except FileExistsError as exc:
            result.problems.append(Problem(result.sheet.path, planned.row, 1, "warning",
                                           f"{exc.filename or exc} exists already; it is not "
                                           "overwritten"))
            continue
        except OSError as exc:
            result.problems.append(Problem(result.sheet.path, planned.row, 1, "error",
                                           f"{planned.target}: not written "
                                           f"({exc.strerror or exc})"))
            continue
        result.written.append(planned.target)
    return result.written
