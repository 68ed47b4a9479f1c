"""A located problem in a supplier file, and the ways to print a list of them."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, at the line and column where the user wrote it."""

    path: str
    line: int
    col: int
    severity: Severity
    message: str

    def format(self) -> str:
        """The compiler convention: ``PATH:LINE:COL: error: message``."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message}"


def quote(value: object, limit: int = 60) -> str:
    """Show a bad value the way the user wrote it, shortened when long."""
    if value is None:
        return "an empty value"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return repr(text)


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 supplier``, ``2 suppliers``, ``0 files``; ``many`` for irregular plurals."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def count_errors(problems: Iterable[Problem]) -> int:
    return sum(1 for p in problems if p.severity == "error")


def summary(problems: Sequence[Problem], files_checked: int) -> str:
    """One line, e.g. ``3 errors in 2 of 41 files``."""
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    if not errors and not warnings:
        return f"no problems in {plural(files_checked, 'file')}"
    parts = []
    for items, word in ((errors, "error"), (warnings, "warning")):
        if items:
            files = len({p.path for p in items})
            parts.append(f"{plural(len(items), word)} in {files} of "
                         f"{plural(files_checked, 'file')}")
    return ", ".join(parts)


def to_json(problems: Sequence[Problem], files_checked: int) -> str:
    return json.dumps(
        {
            "files_checked": files_checked,
            "errors": count_errors(problems),
            "warnings": sum(1 for p in problems if p.severity == "warning"),
            "problems": [asdict(p) for p in problems],
        },
        indent=2,
    )
