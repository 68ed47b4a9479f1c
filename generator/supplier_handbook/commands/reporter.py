"""Reporters: how ``handbook check`` and ``handbook diff`` write what they found, one class
per output format, each escaping for its format. The commands' ``--format`` choices and
their help are read from the two registries, ``CHECK_REPORTERS`` and ``DIFF_REPORTERS``.

Check reporters (``report(problems, files_checked) -> Output``):

- ``text``: ``PATH:LINE:COL: error: message``, one per line, then the summary line (on
  standard error when there is a problem). File names go through ``display_path``.
- ``json``: one JSON object for tools: counts and every problem, the paths escaped.
- ``github``: GitHub Actions workflow commands, one line per problem,
  ``::error file=PATH,line=L,col=C,title=handbook check::MESSAGE`` (``::warning`` for a
  warning). The runner reads them from a step's output and annotates the pull request's
  diff. Escaping follows the runner's toolkit (``@actions/core``, ``command.ts``): the
  message is *data* (``%``, CR, LF become ``%25``, ``%0D``, ``%0A``); a property value also
  has ``:`` and ``,`` escaped (``%3A``, ``%2C``), since those delimit the properties.
- ``gitlab``: a GitLab Code Quality report, the JSON array GitLab reads from a job's
  ``artifacts:reports:codequality`` file. Every object carries the keys GitLab's
  documentation requires: ``description``, ``check_name``, ``fingerprint``, ``severity``
  (one of info/minor/major/critical/blocker), ``location.path`` (relative to the repository
  root) and ``location.lines.begin``. GitLab merges findings with the same fingerprint, so
  the fingerprint is the SHA-256 of path, line, column and message: stable across runs and
  distinct for distinct problems. The text is plain ASCII JSON, without a byte order mark.

The github and gitlab reporters keep standard output pure (commands, JSON) and write the
summary to standard error.

Diff reporters (``report(changes, label) -> str``):

- ``text``: ``SLUG: change``, one per line, ``warning: `` before a warning; the slug and the
  change are printed with control characters escaped, so that no value read from a file can
  start a line of its own or send an escape sequence to the terminal.
- ``markdown``: a pull-request comment; every value is escaped with
  ``textfmt.commonmark_text`` and the slug is a code span no backtick can end early. Text
  from the files is also kept from notifying anyone or linking anything from a bot's
  comment (``quiet``): GitHub and GitLab find mentions (``@team``, also after a backslash),
  issue references (``#1``, ``org/repo#42``, ``GH-1``, GitLab's ``!1``, ``~label``,
  ``%milestone``, ``&epic``), emoji codes (``:tada:``) and bare addresses (``https://``,
  ``www.``) in plain text; a word joiner (U+2060, invisible) right after the character that
  starts each keeps it as text.
"""

from __future__ import annotations

import abc
import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypedDict

from supplier_handbook.base.problems import Problem, count_errors, display_path, plural

if TYPE_CHECKING:
    from supplier_handbook.history.changes import Change

TITLE = "handbook check"
CHECK_NAME = "handbook"
GITLAB_SEVERITY = {"error": "major", "warning": "minor"}


@dataclass(frozen=True)
class Output:
    """What a check reporter writes: ``out`` to standard output, then ``err`` to standard
    error (either may be empty)."""

    out: str = ""
    err: str = ""


# --- check ----------------------------------------------------------------------------------


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


class CheckReporter(abc.ABC):
    name: ClassVar[str]
    help: ClassVar[str]  # for ``handbook check --help``

    @abc.abstractmethod
    def report(self, problems: Sequence[Problem], files_checked: int) -> Output:
        raise NotImplementedError


class TextReporter(CheckReporter):
    name = "text"
    help = "PATH:LINE:COL: error: message, one per line"

    def report(self, problems: Sequence[Problem], files_checked: int) -> Output:
        lines = "".join(p.format() + "\n" for p in problems)
        last = summary(problems, files_checked) + "\n"
        return Output(lines + last, "") if not problems else Output(lines, last)


class JsonReporter(CheckReporter):
    name = "json"
    help = "the same for tools"

    def report(self, problems: Sequence[Problem], files_checked: int) -> Output:
        return Output(json.dumps(
            {
                "files_checked": files_checked,
                "errors": count_errors(problems),
                "warnings": sum(1 for p in problems if p.severity == "warning"),
                "problems": [{**asdict(p), "path": display_path(p.path)} for p in problems],
            },
            indent=2,
        ) + "\n")


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


class GitHubReporter(CheckReporter):
    name = "github"
    help = "Actions annotations"

    def report(self, problems: Sequence[Problem], files_checked: int) -> Output:
        """Every problem as a workflow command, one per line (none for no problem)."""
        commands = "".join(github_annotation(p) + "\n" for p in problems)
        return Output(commands, summary(problems, files_checked) + "\n")


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


class GitLabReporter(CheckReporter):
    name = "gitlab"
    help = "a Code Quality report"

    def __init__(self, root: Path | None = None) -> None:
        self.root = root  # the repository root (default: the working folder)

    def report(self, problems: Sequence[Problem], files_checked: int) -> Output:
        """The Code Quality report as JSON text (``[]`` for no problem)."""
        issues = code_quality_issues(problems, self.root)
        return Output(json.dumps(issues, indent=2) + "\n", summary(problems, files_checked) + "\n")


# --- diff -----------------------------------------------------------------------------------


def supplier_names(slugs: Iterable[str], *versions: Mapping[str, object]) -> dict[str, str]:
    """``{slug: the supplier's name}`` for ``slugs``, from the first of ``versions`` (newest
    first: ``{slug: file text}``) whose file names one; a slug without one is left out."""
    from supplier_handbook.read.load import load_text

    names: dict[str, str] = {}
    for slug in slugs:
        for found in versions:
            text = found.get(slug)
            data = load_text(text, slug).data if isinstance(text, str) else None
            name = data.get("name") if isinstance(data, dict) else None
            if isinstance(name, str) and name.strip():
                names[slug] = " ".join(name.split())
                break
    return names


def _data(text: object) -> dict[str, object]:
    from supplier_handbook.read.load import load_text

    data = load_text(text, "diff").data if isinstance(text, str) else None
    return data if isinstance(data, dict) else {}


def _actions(data: Mapping[str, object]) -> list[dict[str, object]]:
    found = data.get("actions")
    return [a for a in found if isinstance(a, dict)] if isinstance(found, list) else []


def with_overdue_arrivals(changes: Mapping[str, Sequence[Change]],
                          old: Mapping[str, object], new: Mapping[str, object],
                          today: dt.date) -> dict[str, list[Change]]:
    """``changes`` plus a warning after each action a change adds to an existing supplier
    file that is overdue on arrival: still open, due before ``today`` (a reviewer would
    otherwise read "added" and merge a missed date). A file that is new (or renamed) as a
    whole is left as it is: its actions are not news of this change."""
    from supplier_handbook.derive.health import OPEN_STATUSES
    from supplier_handbook.history.changes import Change as Word

    result: dict[str, list[Change]] = {}
    for slug, words in changes.items():
        result[slug] = list(words)
        if not isinstance(old.get(slug), str):
            continue
        before = {str(a.get("id")) for a in _actions(_data(old.get(slug)))}
        for action in _actions(_data(new.get(slug))):
            key, due = str(action.get("id")), action.get("due")
            if key in before or action.get("status", "open") not in OPEN_STATUSES:
                continue
            try:
                when = dt.date.fromisoformat(str(due))
            except ValueError:
                continue
            if when >= today:
                continue
            late = (today - when).days
            warning = Word(f"action {key} is added already overdue: due {when.isoformat()}, "
                           f"{plural(late, 'day')} before {today.isoformat()}", warning=True)
            added = next((i for i, w in enumerate(result[slug])
                          if w.text.startswith(f"action {key} added")), len(result[slug]) - 1)
            result[slug].insert(added + 1, warning)
    return result


class DiffReporter(abc.ABC):
    name: ClassVar[str]
    help: ClassVar[str]  # for ``handbook diff --help`` (empty: the default needs none)

    @abc.abstractmethod
    def report(self, changes: Mapping[str, Sequence[Change]], label: str,
               names: Mapping[str, str] | None = None) -> str:
        """``names``: the suppliers' names by slug (``supplier_names``), for headings."""
        raise NotImplementedError


class DiffTextReporter(DiffReporter):
    name = "text"
    help = ""

    def report(self, changes: Mapping[str, Sequence[Change]], label: str,
               names: Mapping[str, str] | None = None) -> str:
        if not changes:
            return "no supplier file changed\n"
        lines = []
        for slug, words in changes.items():
            for c in words:
                lines.append(f"{'warning: ' if c.warning else ''}{display_path(slug)}: "
                             f"{display_path(c.text)}")
        return "\n".join(lines) + "\n"


WORD_JOINER = "\u2060"
# Where GitHub or GitLab would start a mention, a reference, an emoji or a link in plain
# text: the joiner goes right after the match, so the text reads the same.
_LIVE = re.compile(
    r"[@#:](?=\S)"  # @team, @org/team, a@b.example; #1, org/repo#42; :emoji:; https://
    r"|[!~%&$](?=[\w\"])"  # GitLab's !42 (merge request), ~label, %milestone, &epic, $snippet
    r"|(?<![0-9A-Za-z])(?i:gh)-(?=[0-9])"  # GH-42
    r"|(?i:www)(?=\.)",  # www.example.com
)


def quiet(text: str) -> str:
    """``text`` (already escaped for CommonMark) that mentions no one and links nothing on
    GitHub or GitLab: a word joiner after each character that could start a mention, a
    reference, an emoji code or a bare link (``https:`` then ``//`` is split by the one
    after ``:``)."""
    return _LIVE.sub(lambda m: m.group() + WORD_JOINER, text)


def code_span(text: str) -> str:
    """``text`` as a Markdown code span that no backtick in it can end early."""
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


class DiffMarkdownReporter(DiffReporter):
    name = "markdown"
    help = "a pull-request comment"

    def report(self, changes: Mapping[str, Sequence[Change]], label: str,
               names: Mapping[str, str] | None = None) -> str:
        """A pull-request comment, a section per supplier headed by its name (and its slug,
        which names the file). Every value from the files or the command line is escaped
        (``textfmt.commonmark_text``): it cannot add a line, a heading or a comment of its
        own, nor mention, reference or link (``quiet``)."""
        from supplier_handbook.render.textfmt import commonmark_text

        def esc(text: str) -> str:
            return quiet(commonmark_text(text))

        warnings = sum(c.warning for words in changes.values() for c in words)
        out = [f"## Supplier handbook changes ({esc(label)})", ""]
        if not changes:
            return "\n".join([*out, "No supplier file changed."]) + "\n"
        out += [f"{plural(len(changes), 'supplier file')} changed, "
                f"{plural(warnings, 'warning')}.", ""]
        for slug, words in changes.items():
            slug_span = code_span(display_path(slug))
            name = (names or {}).get(slug)
            out += [f"### {esc(name)} ({slug_span})" if name else f"### {slug_span}", ""]
            out += [f"- {':warning: **warning:** ' if c.warning else ''}{esc(c.text)}"
                    for c in words]
            out.append("")
        return "\n".join(out).rstrip("\n") + "\n"


# --- the registries -------------------------------------------------------------------------

CHECK_REPORTERS: dict[str, CheckReporter] = {
    r.name: r for r in (TextReporter(), JsonReporter(), GitHubReporter(), GitLabReporter())
}
DIFF_REPORTERS: dict[str, DiffReporter] = {
    r.name: r for r in (DiffTextReporter(), DiffMarkdownReporter())
}


def choices_help(registry: Mapping[str, CheckReporter | DiffReporter]) -> str:
    """The ``--format`` help: ``text: ...; json: ...`` for each format that has a help."""
    return "; ".join(f"{name}: {r.help}" for name, r in registry.items() if r.help) + "."
