"""``--format github`` and ``--format gitlab``: the documented formats, exactly.

GitHub: workflow commands ``::error file=F,line=L,col=C,title=T::MESSAGE``, data escaped as
``@actions/core`` does (``%`` ``\\r`` ``\\n``), properties additionally ``:`` and ``,``.
GitLab: the Code Quality report, a JSON array whose objects have ``description``,
``check_name``, ``fingerprint``, ``severity`` and ``location.path`` / ``location.lines.begin``.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from supplier_handbook.base.problems import Problem
from supplier_handbook.commands.reporter import (
    CHECK_REPORTERS,
    GitLabReporter,
    fingerprint,
    repository_path,
)
from supplier_handbook.model.check import check_paths

from tests.samples import MINIMAL_SUPPLIER

ERROR = Problem("suppliers/acme.yaml", 3, 5, "error", "owner: missing required key 'name'")
WARNING = Problem("suppliers/acme.yaml", 12, 7, "warning", "actions: done_on without status done")
ODD = Problem("odd:dir/a,b%.yaml", 1, 1, "error", "50% off\nnext, line: here\r")


def github_annotations(problems: list[Problem]) -> str:
    """Standard output of ``handbook check --format github``."""
    return CHECK_REPORTERS["github"].report(problems, 1).out


def gitlab_code_quality(problems: list[Problem], root: Path | None = None) -> str:
    """Standard output of ``handbook check --format gitlab`` run in ``root``."""
    return GitLabReporter(root).report(problems, 1).out


# --- GitHub ------------------------------------------------------------------------------


def test_one_line_per_problem_in_the_documented_shape() -> None:
    assert github_annotations([ERROR, WARNING]) == (
        "::error file=suppliers/acme.yaml,line=3,col=5,title=handbook check::"
        "owner: missing required key 'name'\n"
        "::warning file=suppliers/acme.yaml,line=12,col=7,title=handbook check::"
        "actions: done_on without status done\n"
    )


def test_escaping_of_properties_and_data() -> None:
    # Properties: % CR LF : , are escaped; the message (data): only % CR LF.
    assert github_annotations([ODD]) == (
        "::error file=odd%3Adir/a%2Cb%25.yaml,line=1,col=1,title=handbook check::"
        "50%25 off%0Anext, line: here%0D\n"
    )


def test_percent_is_escaped_first_so_escapes_in_the_text_survive() -> None:
    text = github_annotations([Problem("a%0A.yaml", 1, 1, "error", "literal %0A and %25")])
    assert text == (
        "::error file=a%250A.yaml,line=1,col=1,title=handbook check::literal %250A and %2525\n"
    )


def test_no_problem_no_output() -> None:
    assert github_annotations([]) == ""


_COMMAND = re.compile(r"^::(?P<command>[a-z]+) (?P<properties>[^:]*)::(?P<data>.*)$")


def _unescape(text: str, property_value: bool) -> str:
    # The runner's decoding (actions/runner ActionCommand): the reverse of the escaping.
    pairs = [("%0D", "\r"), ("%0A", "\n")]
    if property_value:
        pairs += [("%3A", ":"), ("%2C", ",")]
    for escaped, plain in [*pairs, ("%25", "%")]:
        text = text.replace(escaped, plain)
    return text


def _parse(line: str) -> tuple[str, dict[str, str], str]:
    match = _COMMAND.match(line)
    assert match, line
    properties = dict(part.split("=", 1) for part in match["properties"].split(","))
    decoded = {key: _unescape(value, True) for key, value in properties.items()}
    return match["command"], decoded, _unescape(match["data"], False)


@pytest.mark.parametrize(
    "problem",
    [
        ERROR,
        WARNING,
        ODD,
        Problem("a b/ü.yaml", 99, 12, "warning", "name: 'x::y' = z, %, \r\n, ::error::"),
    ],
)
def test_a_runner_reads_back_exactly_the_problem(problem: Problem) -> None:
    lines = github_annotations([problem]).splitlines()
    assert len(lines) == 1  # newlines in the message never start a second command
    command, properties, message = _parse(lines[0])
    assert command == problem.severity
    assert properties == {
        "file": problem.path,
        "line": str(problem.line),
        "col": str(problem.col),
        "title": "handbook check",
    }
    assert message == problem.message


# --- GitLab ------------------------------------------------------------------------------

GITLAB_SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def _report(problems: list[Problem], root: Path | None = None) -> list[dict[str, Any]]:
    text = gitlab_code_quality(problems, root)
    assert not text.startswith("\ufeff")  # GitLab's parser rejects a byte order mark
    data = json.loads(text)
    assert isinstance(data, list)
    return data


def _assert_valid_issue(issue: object) -> None:
    assert isinstance(issue, dict)
    assert {"description", "check_name", "fingerprint", "severity", "location"} <= set(issue)
    assert isinstance(issue["description"], str) and issue["description"]
    assert issue["check_name"] == "handbook"
    assert isinstance(issue["fingerprint"], str)
    assert re.fullmatch(r"[0-9a-f]{64}", issue["fingerprint"])
    assert issue["severity"] in GITLAB_SEVERITIES
    location = issue["location"]
    assert isinstance(location, dict)
    assert isinstance(location["path"], str)
    assert not location["path"].startswith(("/", "./")) and "\\" not in location["path"]
    assert isinstance(location["lines"], dict)
    begin = location["lines"]["begin"]
    assert isinstance(begin, int) and begin >= 1


def test_the_documented_report_shape() -> None:
    data = _report([ERROR, WARNING])
    for issue in data:
        _assert_valid_issue(issue)
    assert data[0] == {
        "description": "owner: missing required key 'name'",
        "check_name": "handbook",
        "fingerprint": hashlib.sha256(
            b"suppliers/acme.yaml\x003\x005\x00owner: missing required key 'name'"
        ).hexdigest(),
        "severity": "major",
        "location": {"path": "suppliers/acme.yaml", "lines": {"begin": 3}},
    }
    assert data[1]["severity"] == "minor"
    assert data[1]["location"] == {"path": "suppliers/acme.yaml", "lines": {"begin": 12}}


def test_no_problem_is_an_empty_array() -> None:
    assert gitlab_code_quality([]) == "[]\n"


def test_text_with_quotes_newlines_and_unicode_survives() -> None:
    (issue,) = _report([Problem("s/ä.yaml", 2, 3, "error", 'say "no"\ttab ü')])
    assert issue["description"] == 'say "no"\ttab ü'
    (odd,) = _report([ODD])
    assert odd["description"] == ODD.message
    assert odd["location"] == {"path": ODD.path, "lines": {"begin": 1}}


def test_fingerprints_are_stable_across_runs_and_order() -> None:
    first = [i["fingerprint"] for i in _report([ERROR, WARNING, ODD])]
    again = [i["fingerprint"] for i in _report([ODD, ERROR, WARNING])]
    assert sorted(first) == sorted(again)
    assert first == [i["fingerprint"] for i in _report([ERROR, WARNING, ODD])]


def test_fingerprints_are_unique_for_distinct_problems() -> None:
    variants = [
        ERROR,
        Problem("suppliers/other.yaml", 3, 5, "error", ERROR.message),
        Problem(ERROR.path, 4, 5, "error", ERROR.message),
        Problem(ERROR.path, 3, 6, "error", ERROR.message),
        Problem(ERROR.path, 3, 5, "error", ERROR.message + "!"),
        # Parts are separated, so shifting text between them changes the fingerprint.
        Problem("suppliers/acme.yaml3", 5, 5, "error", ERROR.message),
        Problem(ERROR.path, 35, 5, "error", ERROR.message),
    ]
    marks = [i["fingerprint"] for i in _report(variants)]
    assert len(marks) == len(set(marks)) == len(variants)


def test_an_exact_repeat_is_reported_once() -> None:
    assert len(_report([ERROR, ERROR, WARNING])) == 2


def test_paths_are_relative_to_the_repository_root(tmp_path: Path) -> None:
    inside = tmp_path / "suppliers" / "acme.yaml"
    data = _report([Problem(str(inside), 1, 1, "error", "x")], root=tmp_path)
    assert data[0]["location"] == {"path": "suppliers/acme.yaml", "lines": {"begin": 1}}
    assert repository_path("./suppliers/acme.yaml") == "suppliers/acme.yaml"
    assert repository_path("suppliers/acme.yaml") == "suppliers/acme.yaml"
    assert repository_path(str(inside), tmp_path) == "suppliers/acme.yaml"
    outside = str(tmp_path.parent / "elsewhere.yaml")
    assert repository_path(outside, tmp_path) == Path(outside).as_posix()


def test_fingerprint_uses_the_repository_path(tmp_path: Path) -> None:
    absolute = Problem(str(tmp_path / "suppliers" / "a.yaml"), 2, 3, "error", "m")
    relative = Problem("suppliers/a.yaml", 2, 3, "error", "m")
    (one,) = _report([absolute], root=tmp_path)
    (two,) = _report([relative])
    assert one["fingerprint"] == two["fingerprint"] == fingerprint("suppliers/a.yaml", 2, 3, "m")


def test_real_check_results_in_both_formats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What CI runs: the checker's own problems, paths as given on the command line."""
    suppliers = tmp_path / "suppliers"
    suppliers.mkdir()
    (suppliers / "acme-castings.yaml").write_text(
        MINIMAL_SUPPLIER.replace("level: low", "level: huge"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    problems = check_paths([Path("suppliers")]).problems
    assert [p.severity for p in problems] == ["error"]
    (problem,) = problems
    (line,) = github_annotations(problems).splitlines()
    assert line.startswith(
        f"::error file=suppliers/acme-castings.yaml,line={problem.line},col={problem.col},"
        "title=handbook check::"
    )
    assert "huge" in line
    (issue,) = _report(problems)
    _assert_valid_issue(issue)
    assert issue["location"] == {
        "path": "suppliers/acme-castings.yaml",
        "lines": {"begin": problem.line},
    }
