"""Problems in the formats that CI systems show next to the changed lines.

``github_annotations``: GitHub Actions workflow commands, one line per problem,
``::error file=PATH,line=L,col=C,title=handbook check::MESSAGE`` (``::warning`` for a
warning). The runner reads them from a step's output and annotates the pull request's diff.
Escaping follows the runner's toolkit (``@actions/core``, ``command.ts``): the message is
*data* (``%``, CR, LF become ``%25``, ``%0D``, ``%0A``); a property value additionally has
``:`` and ``,`` escaped (``%3A``, ``%2C``), since those delimit the properties.

``gitlab_code_quality``: a GitLab Code Quality report, the JSON array GitLab reads from a
job's ``artifacts:reports:codequality`` file. Every object carries the keys GitLab's
documentation requires: ``description``, ``check_name``, ``fingerprint``, ``severity``
(one of info/minor/major/critical/blocker), ``location.path`` (relative to the repository
root) and ``location.lines.begin``. GitLab merges findings with the same fingerprint, so
the fingerprint is the SHA-256 of path, line, column and message: stable across runs and
distinct for distinct problems. The text is plain ASCII JSON, without a byte order mark.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import TypedDict

from .problems import Problem, display_path

TITLE = "handbook check"
CHECK_NAME = "handbook"
GITLAB_SEVERITY = {"error": "major", "warning": "minor"}


def escape_data(text: str) -> str:
    """A workflow command's message: ``%``, CR and LF percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: as data, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """One workflow command for one problem."""
    properties = {
        "file": display_path(problem.path),
        "line": str(problem.line),
        "col": str(problem.col),
        "title": TITLE,
    }
    listed = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{problem.severity} {listed}::{escape_data(problem.message)}"


def github_annotations(problems: Iterable[Problem]) -> str:
    """Every problem as a workflow command, one per line (empty text for no problem)."""
    return "".join(github_annotation(p) + "\n" for p in problems)


class _Lines(TypedDict):
    begin: int


class _Location(TypedDict):
    path: str
    lines: _Lines


class CodeQualityIssue(TypedDict):
    description: str
    check_name: str
    fingerprint: str
    severity: str
    location: _Location


def repository_path(path: str, root: Path | None = None) -> str:
    """``path`` relative to the repository root ``root`` (default: the working folder, where
    CI runs the check), with forward slashes and no ``./``. A relative path is taken as
    relative to the working folder; a path outside ``root`` is kept as given."""
    given = Path(path)
    if root is None and not given.is_absolute():
        return given.as_posix()
    try:
        return given.resolve().relative_to((root or Path.cwd()).resolve()).as_posix()
    except ValueError:
        return given.as_posix()


def fingerprint(path: str, line: int, col: int, message: str) -> str:
    """SHA-256 (hex) of the located message; the parts are NUL-separated so that no two
    different problems can join into the same text."""
    text = "\0".join((path, str(line), str(col), message))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def code_quality_issues(
    problems: Iterable[Problem], root: Path | None = None
) -> list[CodeQualityIssue]:
    """The report's objects, in the problems' order; an exact repeat of a problem (same
    place, same message) is left out, as GitLab would show it once anyway."""
    issues: list[CodeQualityIssue] = []
    seen: set[str] = set()
    for problem in problems:
        path = display_path(repository_path(problem.path, root))
        mark = fingerprint(path, problem.line, problem.col, problem.message)
        if mark in seen:
            continue
        seen.add(mark)
        issues.append(
            {
                "description": problem.message,
                "check_name": CHECK_NAME,
                "fingerprint": mark,
                "severity": GITLAB_SEVERITY[problem.severity],
                "location": {"path": path, "lines": {"begin": problem.line}},
            }
        )
    return issues


def gitlab_code_quality(problems: Iterable[Problem], root: Path | None = None) -> str:
    """The Code Quality report as JSON text (``[]`` for no problem)."""
    return json.dumps(code_quality_issues(problems, root), indent=2) + "\n"
