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

This module owns the columns' map, the plan of the files (which rows are written, and
where; a slug or a supplier already there) and their writing; one row as a supplier file
(its data, placeholders, marks and text) is ``import_rows``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from supplier_handbook.base.atomic import write_atomic
from supplier_handbook.base.errors import HandbookError
from supplier_handbook.base.problems import Problem, quote
from supplier_handbook.derive.naming import collation_key, file_slug
from supplier_handbook.edit.columns import FIELDS, HEADERS, norm
from supplier_handbook.edit.import_rows import NOT_A_CELL, row_data, row_document, row_yaml
from supplier_handbook.edit.sheets import Sheet
from supplier_handbook.model.check import check_document
from supplier_handbook.model.placeholders import MARK
from supplier_handbook.read.load import Document, PathKey, load_file, load_text

__all__ = ["FIELDS", "HEADERS", "MappingError", "plan_import", "write_planned"]


class MappingError(HandbookError):
    """The columns cannot be mapped (a usage error: the message says what to give)."""

    usage = True


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


def plan_import(sheet: Sheet, folder: Path, overrides: Mapping[str, str] | None = None,
                owner: str | None = None, today: dt.date | None = None) -> ImportResult:
    """Check every row; plan a file for each well-formed one. Writes nothing."""
    today = today or dt.date.today()
    columns = column_map(sheet.header, overrides or {})
    result = ImportResult(sheet, columns)
    source = Path(sheet.path).name
    slugs: dict[str, int] = {}
    named = existing_names(folder)
    for row, cells in sheet.rows:
        made = row_data(cells, columns, owner, source, row, today)
        probe = row_document(made.stand_in, sheet, row, columns)
        slug = file_slug(made.data["name"])
        problems = (_slug_problems(probe, slug, row, slugs, folder)
                    or _name_problems(probe, named))
        # no slug, the slug of another row, a file there already, or the supplier in another
        blocked = bool(problems)
        problems += [Problem(sheet.path, row, columns["sole_source"] + 1, "error",
                             f"sole_source: {quote(word)} is not yes or no (expected yes, "
                             "no, true, false, 1, 0 or x)") for word in made.bad_booleans]
        problems += check_document(probe, slug or "supplier")[1]
        if not blocked and not any(p.severity == "error" for p in problems):
            text = row_yaml(made.data, source, row, len(made.placeholders))
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
    if problem.col == NOT_A_CELL:
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


def _same_name(name: str) -> str:
    """A supplier's name as compared for sameness: accents, case and spacing aside."""
    return " ".join(collation_key(name)[0].split())


def existing_names(folder: Path) -> dict[str, Path]:
    """{the name of each supplier file already in ``folder``, compared by ``_same_name``:
    its file}; files that cannot be read are left to ``handbook check``."""
    found: dict[str, Path] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".yaml", ".yml") or path.is_symlink() or not path.is_file():
            continue
        data = load_file(path).data
        name = data.get("name") if isinstance(data, dict) else None
        if isinstance(name, str) and name.strip():
            found.setdefault(_same_name(name), path)
    return found


def _name_problems(doc: Document, named: Mapping[str, Path]) -> list[Problem]:
    """A row for a supplier that a file of the folder already holds under another slug."""
    name = doc.data["name"]
    there = named.get(_same_name(name)) if isinstance(name, str) and name.strip() else None
    if there is None:
        return []
    line, col = doc.value_mark(("name",))
    return [Problem(doc.path, line, col, "warning",
                    f"name: {quote(name)} is the supplier of {there} already; it is not "
                    "imported again (edit that file, or give the row another name)")]


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
