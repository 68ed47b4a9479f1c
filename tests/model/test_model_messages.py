"""Pydantic errors translated into the product's own words; Problem, quote, summary, JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError
from pydantic_core import ErrorDetails
from supplier_handbook.base.problems import Problem, count_errors, quote
from supplier_handbook.commands.reporter import CHECK_REPORTERS, summary
from supplier_handbook.model.check import _message, _model_at
from supplier_handbook.model.supplier import (
    Contact,
    Impact,
    Meeting,
    Ratings,
    Supplier,
    interval_days,
)
from supplier_handbook.read.load import Document

VALID: dict[str, Any] = {
    "name": "Acme", "category": "Housings", "summary": "Why.",
    "impact": {"level": "low"}, "governance": {"model": "transactional"},
    "owner": {"name": "Dana"},
    "contacts": [{"name": "Maria", "side": "supplier", "level": "executive", "role": "MD"}],
}


def translate(change: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str, bool]]:
    data = {k: v for k, v in {**VALID, **change}.items() if v is not ...}  # ... drops a key
    with pytest.raises(ValidationError) as info:
        Supplier.model_validate(data)
    return [_message(e, Document("t.yaml")) for e in info.value.errors(include_url=False)]


def test_valid_data_validates() -> None:
    assert Supplier.model_validate(VALID).name == "Acme"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"contacts": ..., "contcts": []}, [((), "missing required key 'contacts'", False),
                           (("contcts",), "unknown key 'contcts' (did you mean 'contacts'?)",
                            True)]),
        ({"status": "Active"}, [(("status",), "status: 'Active' is not allowed (expected "
                                 "'active', 'onboarding', 'phasing-out' or 'inactive')", False)]),
        ({"tags": "emea"}, [(("tags",), "tags: expected a list, got 'emea'", False)]),
        ({"tags": None}, [(("tags",), "tags: is empty (expected a list)", False)]),
        ({"tags": ["a", None]}, [(("tags", 1), "tags: expected text, got an empty value",
                                  False)]),
        ({"impact": "high"}, [(("impact",), "impact: expected a mapping of fields, got 'high'",
                               False)]),
        ({"impact": {"level": "low", "sole_source": "maybe"}},
         [(("impact", "sole_source"), "sole_source: 'maybe' is not true or false "
             "(expected true, false, yes, no, on or off)", False)]),
        ({"contacts": []}, [(("contacts",), "contacts: needs at least one entry", False)]),
        ({"summary": ""}, [(("summary",), "summary: must not be empty", False)]),
        ({"summary": " \n "}, [(("summary",), "summary: must not be empty", False)]),
        ({"name": "x" * 201}, [(("name",), "name: is longer than 200 characters", False)]),
        ({"log": [{"date": "2026-13-45", "kind": "win", "text": "t"}]},
         [(("log", 0, "date"),
           "date: '2026-13-45' is not a date: there is no month 13 (months are 01 to 12)",
           False)]),
        ({"health": [{"period": "2026-Q5", "ratings": {
            "strategic_dialogue": "green", "conflict_resolution": "green",
            "innovation": "green", "partnership_value": "green"}}]},
         [(("health", 0, "period"), "period: '2026-Q5' is not a period (expected YYYY-Qn "
           "with n from 1 to 4, e.g. 2026-Q3)", False)]),
        ({"owner": {"name": "Dana", "email": "dana"}},
         [(("owner", "email"), "email: 'dana' does not look like an e-mail address "
           "(expected name@domain.tld)", False)]),
        ({"handovers": [{"date": "2026-01-01", "frm": "A", "to": "B", "notes": "n"}]},
         [(("handovers", 0), "missing required key 'from'", False),
          (("handovers", 0, "frm"), "unknown key 'frm' (did you mean 'from'?)", True)]),
    ],
)
def test_translated_messages(change: dict[str, Any],
                             expected: list[tuple[tuple[str | int, ...], str, bool]]) -> None:
    assert translate(change) == expected


def test_long_bad_value_is_shortened_in_the_message() -> None:
    [(_, message, _)] = translate({"status": "x" * 100})
    assert message.startswith("status: '" + "x" * 57 + "...' is not allowed")


def test_unknown_error_kind_falls_back_to_pydantics_words() -> None:
    error: ErrorDetails = {"type": "weird", "loc": ("contacts", 0, "role"), "msg": "Boom",
                           "input": 7}
    assert _message(error, Document("t.yaml")) == (
        ("contacts", 0, "role"), "role: Boom (got '7')", False
    )


def test_error_at_the_file_level_is_named_file() -> None:
    error: ErrorDetails = {"type": "weird", "loc": (), "msg": "Boom", "input": None}
    assert _message(error, Document("t.yaml")) == ((), "file: Boom (got an empty value)", False)


@pytest.mark.parametrize(
    ("loc", "model"),
    [((), Supplier), (("impact",), Impact), (("contacts", 0), Contact),
     (("governance", "meetings", 3), Meeting), (("health", 0, "ratings"), Ratings),
     (("name",), None), (("nowhere",), None)],
)
def test_model_at(loc: tuple[str | int, ...], model: type | None) -> None:
    assert _model_at(loc) is model


# --- problems.py ---------------------------------------------------------------------------

def test_problem_format() -> None:
    problem = Problem("suppliers/acme.yaml", 14, 12, "error", "due: '2026-13-45' is not a date")
    assert problem.format() == "suppliers/acme.yaml:14:12: error: due: '2026-13-45' is not a date"
    assert Problem("a.yaml", 1, 1, "warning", "w").format() == "a.yaml:1:1: warning: w"


def test_problems_sort_by_file_then_line_then_column() -> None:
    problems = [Problem("b", 1, 1, "error", "x"), Problem("a", 2, 1, "error", "x"),
                Problem("a", 1, 9, "error", "x"), Problem("a", 1, 2, "error", "x")]
    assert [(p.path, p.line, p.col) for p in sorted(problems)] == [
        ("a", 1, 2), ("a", 1, 9), ("a", 2, 1), ("b", 1, 1)
    ]


@pytest.mark.parametrize(
    ("value", "shown"),
    [(None, "an empty value"), ({"a": 1}, "a mapping"), ([1], "a list"), ("no", "'no'"),
     ("it's", '"it\'s"'), (12, "'12'"), ("x" * 60, "'" + "x" * 60 + "'"),
     ("x" * 61, "'" + "x" * 57 + "...'")],
)
def test_quote(value: object, shown: str) -> None:
    assert quote(value) == shown


def errors(n: int, files: int) -> list[Problem]:
    return [Problem(f"f{i % files}.yaml", 1, 1, "error", "e") for i in range(n)]


@pytest.mark.parametrize(
    ("problems", "checked", "expected"),
    [
        ([], 1, "no problems in 1 file"),
        ([], 41, "no problems in 41 files"),
        (errors(3, 2), 41, "3 errors in 2 of 41 files"),
        (errors(1, 1), 7, "1 error in 1 of 7 files"),
        ([*errors(2, 1), Problem("w.yaml", 1, 1, "warning", "w")], 3,
         "2 errors in 1 of 3 files, 1 warning in 1 of 3 files"),
        ([Problem("w.yaml", 1, 1, "warning", "w")] * 2, 3, "2 warnings in 1 of 3 files"),
    ],
)
def test_summary(problems: list[Problem], checked: int, expected: str) -> None:
    assert summary(problems, checked) == expected


def test_to_json() -> None:
    problems = [Problem("a.yaml", 3, 5, "error", "bad 'x'"),
                Problem("a.yaml", 4, 1, "warning", "hmm")]
    assert count_errors(problems) == 1
    output = CHECK_REPORTERS["json"].report(problems, 2)
    assert output.err == "" and output.out.endswith("}\n")
    assert json.loads(output.out) == {
        "files_checked": 2, "errors": 1, "warnings": 1,
        "problems": [
            {"path": "a.yaml", "line": 3, "col": 5, "severity": "error", "message": "bad 'x'"},
            {"path": "a.yaml", "line": 4, "col": 1, "severity": "warning", "message": "hmm"},
        ],
    }


@pytest.mark.parametrize(
    ("value", "days"),
    [("weekly", 7), ("biweekly", 14), ("monthly", 30), ("quarterly", 91), ("yearly", 365),
     ("1 day", 1), ("3 weeks", 21), ("2 months", 60), ("9999 days", 9999)],
)
def test_interval_days(value: str, days: int) -> None:
    assert interval_days(value) == days


@pytest.mark.parametrize("value", ["fortnightly", "0 days", "10000 days", "3weeks", ""])
def test_interval_days_rejects(value: str) -> None:
    with pytest.raises(ValueError):
        interval_days(value)
