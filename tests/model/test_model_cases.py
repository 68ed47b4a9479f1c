"""Folder-driven cases: every file in cases/valid passes, every file in cases/invalid fails
exactly as its ``# expect:`` lines say.

An expectation reads ``# expect: LINE:COL: SEVERITY: FRAGMENT``: a reported problem matches it
when its line, column and severity are equal and FRAGMENT is part of its message. The set of
reported problems must equal the set expected: no more, no fewer.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from supplier_handbook.model.check import check_paths

CASES = Path(__file__).parent / "cases"
VALID = sorted((CASES / "valid").glob("*.yaml"))
INVALID = sorted((CASES / "invalid").glob("*.yaml"))

_EXPECT = re.compile(r"^# expect: (\d+):(\d+): (error|warning): (.+)$")

Expectation = tuple[int, int, str, str]


def expectations(path: Path) -> list[Expectation]:
    """The ``# expect:`` lines among the leading comment lines of a case file."""
    found: list[Expectation] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        match = _EXPECT.match(line)
        if match:
            found.append((int(match[1]), int(match[2]), match[3], match[4]))
    return found


def test_there_are_enough_cases() -> None:
    assert len(VALID) >= 5
    assert len(INVALID) >= 25


@pytest.mark.parametrize("path", INVALID, ids=[p.name for p in INVALID])
def test_every_invalid_case_states_its_expectation(path: Path) -> None:
    assert expectations(path), f"{path.name} has no '# expect:' line"


@pytest.mark.parametrize("path", VALID, ids=[p.name for p in VALID])
def test_valid_case_has_no_problem(path: Path) -> None:
    result = check_paths([path])
    assert [p.format() for p in result.problems] == []
    assert result.files_checked == 1
    assert [s.slug for s in result.suppliers] == [path.stem]


@pytest.mark.parametrize("path", INVALID, ids=[p.name for p in INVALID])
def test_invalid_case_reports_exactly_what_it_expects(path: Path) -> None:
    expected = expectations(path)
    result = check_paths([path])
    if any(severity == "error" for _, _, severity, _ in expected):
        assert result.suppliers == []
    assert all(p.path == str(path) for p in result.problems)
    reported = [(p.line, p.col, p.severity, p.message) for p in result.problems]
    unmatched = list(reported)
    missing = []
    for line, col, severity, fragment in expected:
        hit = next(
            (r for r in unmatched if r[:3] == (line, col, severity) and fragment in r[3]), None
        )
        if hit is None:
            missing.append(f"{line}:{col}: {severity}: {fragment}")
        else:
            unmatched.remove(hit)
    extra = [f"{r[0]}:{r[1]}: {r[2]}: {r[3]}" for r in unmatched]
    assert (missing, extra) == ([], []), f"missing (expected, not reported): {missing}; " \
        f"extra (reported, not expected): {extra}"


def test_invalid_file_names_are_slugs_except_the_slug_cases() -> None:
    slug = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
    not_slugs = sorted(p.name for p in INVALID if not slug.match(p.stem))
    assert not_slugs == ["Acme Castings.yaml", "acme_castings.yaml"]
    assert all(slug.match(p.stem) for p in VALID)


def test_crlf_case_really_has_crlf_line_ends() -> None:
    raw = (CASES / "valid" / "crlf-line-ends.yaml").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") > 10


def test_valid_cases_load_with_the_meaning_written() -> None:
    """YAML 1.1 words stay text except where a boolean is expected (checked on the objects)."""
    result = check_paths([CASES / "valid" / "yaml11-words.yaml"])
    assert result.problems == []
    supplier = result.suppliers[0].supplier
    assert supplier.name == "No"
    assert supplier.category == "Off"
    assert supplier.summary == "yes"
    assert supplier.tags == ["NO", "on", "yes", "off", "y", "n", "12:30", "1e3", "0x1F", "010"]
    assert supplier.impact.sole_source is True
    meeting = supplier.governance.meetings[0]
    assert (meeting.name, meeting.purpose, meeting.attendees) == ("On", "12:30", ["Y"])
    assert supplier.contacts[0].name == "N"
    assert supplier.contacts[0].role == "1:30"
    assert supplier.contacts[0].phone == "+49 711 555 0100"
    assert supplier.health[0].with_supplier is False
    assert supplier.actions[0].id == "1"
    assert supplier.actions[0].action == "null"
    assert supplier.actions[0].due == dt.date(2026, 1, 1)


def test_quoted_and_unquoted_dates_are_the_same_dates() -> None:
    result = check_paths([CASES / "valid" / "quoted-dates.yaml"])
    supplier = result.suppliers[0].supplier
    assert supplier.governance.since == dt.date(2025, 3, 1)
    assert supplier.owner.since == dt.date(2026, 2, 1)
    assert supplier.contacts[0].last_contact == dt.date(2026, 10, 15)
    assert supplier.contacts[0].next_check_in == dt.date(2026, 12, 1)
    assert [e.date for e in supplier.log] == [
        dt.date(2026, 8, 1), dt.date(2026, 8, 2), dt.date(2026, 8, 3)
    ]


def test_defaults_of_the_minimal_case() -> None:
    supplier = check_paths([CASES / "valid" / "minimal.yaml"]).suppliers[0].supplier
    assert supplier.status == "active"
    assert supplier.tags == []
    assert supplier.impact.sole_source is False
    assert supplier.impact.rationale is None
    assert supplier.governance.meetings == [] and supplier.governance.escalation == []
    assert supplier.handovers == [] and supplier.health == [] and supplier.actions == []
    assert supplier.culture_check == [] and supplier.log == []


def test_every_field_case_covers_every_status_and_kind() -> None:
    supplier = check_paths([CASES / "valid" / "alliance-every-field.yaml"]).suppliers[0].supplier
    assert supplier.governance.model == "alliance"
    assert [a.status for a in supplier.actions] == [
        "done", "in-progress", "open", "dropped", "open"
    ]
    assert supplier.actions[0].done_on == dt.date(2026, 11, 2)
    assert sorted({e.kind for e in supplier.log}) == [
        "decision", "handover", "incident", "meeting", "note", "win"
    ]
    assert [m.every for m in supplier.governance.meetings] == [
        "biweekly", "3 weeks", "2 months", "1 day", "weekly", "monthly", "quarterly",
        "yearly", "10 days",
    ]
    assert supplier.handovers[0].from_ == "Lee Chen"
    assert supplier.health[0].signals == [
        "fewer_suggestions", "slower_responses", "more_formality", "more_disputes"
    ]
    assert "<b>HTML</b>" in supplier.summary
    statuses = {
        check_paths([p]).suppliers[0].supplier.status for p in VALID
    }
    assert statuses == {"active", "onboarding", "phasing-out", "inactive"}
    models = {check_paths([p]).suppliers[0].supplier.governance.model for p in VALID}
    assert models == {"transactional", "collaborative", "alliance"}
