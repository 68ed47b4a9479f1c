"""Stage 2: turn loaded documents into ``Supplier`` objects, or located problems.

``check_paths`` is the whole front half of the pipeline: find the files, load each one,
validate it against the models and the cross-field rules, and collect every problem of
every file. Nothing is raised for bad input; nothing is written.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from supplier_handbook.base.errors import HandbookError
from supplier_handbook.base.problems import Problem, display_path, quote
from supplier_handbook.model.fields import models_in
from supplier_handbook.model.links import LinkRef, link_problems, relative_links, site_for
from supplier_handbook.model.placeholders import placeholders_left
from supplier_handbook.model.rules import Finding, run_rules
from supplier_handbook.model.supplier import SLUG_RE, Supplier
from supplier_handbook.read.load import Document, PathKey, is_supplier_file, load_file


@dataclass(frozen=True)
class SupplierFile:
    """A supplier file that passed the check."""

    slug: str
    path: str
    supplier: Supplier
    links: tuple[LinkRef, ...] = ()
    """The relative links in its text, judged against the whole site by ``check_links``."""


@dataclass
class CheckResult:
    suppliers: list[SupplierFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files_checked: int = 0

    def add(self, supplier: SupplierFile | None, problems: list[Problem]) -> None:
        """Count one checked file, with its problems and, when it passed, its supplier."""
        self.files_checked += 1
        self.problems.extend(problems)
        if supplier is not None:
            self.suppliers.append(supplier)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def find_files(paths: Sequence[Path]) -> list[Path]:
    """Every ``*.yaml``/``*.yml`` file named or found (non-recursively) in a named folder."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir() and path.is_symlink():
            raise HandbookError(
                "the supplier folder is a symbolic link; it must be a folder of the repository "
                "(a link could read anything on the build machine)",
                path=display_path(str(path)), usage=True)
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if is_supplier_file(p)))
        elif path.is_file() or path.is_symlink() or path.exists():
            found.append(path)
        else:
            raise HandbookError("no such file or folder", path=display_path(str(path)), usage=True)
    return found


def _model_at(loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class whose fields sit at ``loc`` (a pydantic error location)."""
    cls: type[BaseModel] = Supplier
    for part in loc:
        if isinstance(part, int):
            continue
        fields = {f.alias or name: f for name, f in cls.model_fields.items()}
        if part not in fields:
            return None
        nested = models_in(fields[part].annotation)
        if not nested:
            return None
        cls = nested[0]
    return cls


def _describe(value: Any) -> str:
    return "an empty value" if value is None else quote(value)


_EXPECTED = {
    "string_type": "text",
    "list_type": "a list",
    "model_type": "a mapping of fields",
    "dict_type": "a mapping of fields",
    "model_attributes_type": "a mapping of fields",
}


def _unknown_key(loc: PathKey) -> str:
    model = _model_at(loc[:-1])
    known = [f.alias or n for n, f in model.model_fields.items()] if model else []
    close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
    hint = f" (did you mean {quote(close[0])}?)" if close else f" (known: {', '.join(known)})"
    return f"unknown key {quote(loc[-1])}{hint}"


# Errors told in one sentence: (field name, the bad value, the error's context) -> words.
_SAID: dict[str, Callable[[str, Any, dict[str, Any]], str]] = {
    "literal_error": lambda name, value, ctx:
        f"{name}: {_describe(value)} is not allowed (expected {ctx.get('expected', '')})",
    "bool_parsing": lambda name, value, ctx: f"{name}: {_describe(value)} is not true or false",
    "bool_type": lambda name, value, ctx: f"{name}: {_describe(value)} is not true or false",
    "string_too_short": lambda name, value, ctx: f"{name}: must not be empty",
    "string_too_long": lambda name, value, ctx:
        f"{name}: is longer than {ctx.get('max_length')} characters",
    "too_short": lambda name, value, ctx: f"{name}: needs at least one entry",
}


def _message(error: ErrorDetails, doc: Document) -> tuple[PathKey, str, bool]:
    """A pydantic error as (path, message, point-at-key) in the product's own words."""
    loc: PathKey = tuple(error["loc"])
    kind = error["type"]
    value = error["input"]
    name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "file")
    if kind == "missing":
        return loc[:-1], f"missing required key {quote(loc[-1])}", False
    if kind == "extra_forbidden":
        return loc, _unknown_key(loc), True
    if kind.startswith("hb_"):
        return loc, f"{name}: {error['msg']}", False
    if kind in _EXPECTED:
        if value is None and loc and isinstance(loc[-1], str):
            return loc, f"{name}: is empty (expected {_EXPECTED[kind]})", False
        return loc, f"{name}: expected {_EXPECTED[kind]}, got {_describe(value)}", False
    if kind in _SAID:
        return loc, _SAID[kind](name, value, dict(error.get("ctx") or {})), False
    return loc, f"{name}: {error['msg']} (got {_describe(value)})", False


def _problem(doc: Document, path: PathKey, message: str, severity: str, at_key: bool) -> Problem:
    line, col = doc.key_mark(path) if at_key else doc.value_mark(path)
    return Problem(doc.path, line, col, "warning" if severity == "warning" else "error", message)


RESERVED_SLUGS = frozenset({"index"})
"""File names that would replace a generated page (``suppliers/index.md`` lists them all)."""


def check_document(doc: Document, slug: str) -> tuple[SupplierFile | None, list[Problem]]:
    """Validate one loaded document: models first, then every cross-field rule."""
    problems = list(doc.problems)
    if slug in RESERVED_SLUGS:
        problems.append(Problem(
            doc.path, 1, 1, "error",
            f"file name {quote(slug)} is reserved: the handbook's page of all suppliers has "
            "that name (rename the file, e.g. to the supplier's name)",
        ))
    elif not SLUG_RE.match(slug):
        problems.append(
            Problem(
                doc.path, 1, 1, "error",
                f"file name {quote(slug)} is not a slug (expected lowercase letters and digits "
                "joined by single hyphens, e.g. acme-castings.yaml)",
            )
        )
    if doc.data is None:
        return None, problems
    if not isinstance(doc.data, dict):
        problems.append(
            _problem(doc, (), f"expected a mapping of supplier fields, got {quote(doc.data)}",
                     "error", False)
        )
        return None, problems
    supplier: Supplier | None = None
    try:
        supplier = Supplier.model_validate(doc.data)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            path, message, at_key = _message(error, doc)
            problems.append(_problem(doc, path, message, "error", at_key))
    left = [_problem(doc, f.path, f.message, f.severity, f.at_key)
            for f in placeholders_left(doc.data, doc.source)]
    if left:  # a placeholder is reported as one: not also as a word the format does not know
        marks = {(q.line, q.col) for q in left}
        problems = [q for q in problems if (q.line, q.col) not in marks]
    findings: list[Finding] = run_rules(doc.data)
    problems.extend(_problem(doc, f.path, f.message, f.severity, f.at_key) for f in findings)
    problems.extend(left)
    if supplier is None or any(p.severity == "error" for p in problems):
        return None, sorted(problems)
    return SupplierFile(slug, doc.path, supplier, tuple(relative_links(doc))), sorted(problems)


def check_file(path: Path) -> tuple[SupplierFile | None, list[Problem]]:
    """Load and check one file; its slug is the file name's stem."""
    return check_document(load_file(path), path.stem)


def same_slug_problems(files: Iterable[Path]) -> dict[Path, Problem]:
    """Two files of one folder whose names differ only in ``.yaml``/``.yml`` would be one
    page: each file after the first (in name order) gets an error naming the first."""
    first: dict[tuple[Path, str], Path] = {}
    found: dict[Path, Problem] = {}
    for path in sorted(files):
        key = (path.parent, path.stem)
        if key in first:
            found[path] = Problem(
                str(path), 1, 1, "error",
                f"{quote(path.name)} has the same supplier slug {quote(path.stem)} as "
                f"{quote(first[key].name)}; keep one of the two files",
            )
        else:
            first[key] = path
    return found


def check_files(files: Iterable[Path]) -> CheckResult:
    result = CheckResult()
    paths = list(files)
    same = same_slug_problems(paths)
    for path in paths:
        supplier, problems = check_file(path)
        if path in same:
            supplier, problems = None, sorted([*problems, same[path]])
        result.add(supplier, problems)
    result.suppliers.sort(key=lambda s: s.slug)
    return result


def check_links(result: CheckResult) -> None:
    """Add an error for every relative link in supplier text that reaches no page of the
    handbook's site (see ``links``); files outside a handbook (no mkdocs.yml above their
    folder) are not judged."""
    sites = {}
    for entry in result.suppliers:
        if not entry.links:
            continue
        folder = Path(entry.path).parent
        if folder not in sites:
            sites[folder] = site_for(folder)
        site = sites[folder]
        if site is not None:
            result.problems.extend(link_problems(entry.path, entry.links, site))
    result.problems.sort()


def check_paths(paths: Sequence[Path]) -> CheckResult:
    """Check every supplier file under ``paths``, and the links in their text; raises
    ``HandbookError`` (a usage error) for a missing path."""
    result = check_files(find_files(paths))
    check_links(result)
    return result
