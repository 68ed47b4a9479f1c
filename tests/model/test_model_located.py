"""Model and rule errors through ``check_paths``: exact LINE:COL and exact messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from supplier_handbook.model.check import check_paths

BASE = """\
name: Acme Castings GmbH
category: Aluminium housings
summary: Sole source of housings.
impact:
  level: low
governance:
  model: collaborative
owner:
  name: Dana Okafor
contacts:
  - name: Maria Schmidt
    side: supplier
    level: executive
    role: Managing Director
  - name: Jonas Weber
    side: supplier
    level: operational
    role: Planner
  - name: Lee Chen
    side: internal
    level: technical
    role: Engineer
"""

RATINGS = """\
    ratings:
      strategic_dialogue: green
      conflict_resolution: green
      innovation: green
      partnership_value: green
"""


def problems(tmp_path: Path, text: str, name: str = "acme-castings.yaml") -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = check_paths([path])
    if any(p.severity == "error" for p in result.problems):
        assert result.suppliers == []
    return [p.format().removeprefix(f"{path}:") for p in result.problems]


def test_base_is_valid(tmp_path: Path) -> None:
    assert problems(tmp_path, BASE) == []


# --- unknown keys, at every nesting level, with did-you-mean -------------------------------

@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("category:", "categroy:", ["2:1: error: unknown key 'categroy' (did you mean 'category'?)",
                                    "1:1: error: missing required key 'category'"]),
        ("  level: low\n", "  level: low\n  sole_sourse: true\n",
         ["6:3: error: unknown key 'sole_sourse' (did you mean 'sole_source'?)"]),
        ("  name: Dana Okafor\n", "  name: Dana Okafor\n  emial: d@x.example\n",
         ["10:3: error: unknown key 'emial' (did you mean 'email'?)"]),
        ("    role: Planner\n", "    role: Planner\n    last_contcat: 2026-01-01\n",
         ["19:5: error: unknown key 'last_contcat' (did you mean 'last_contact'?)"]),
        ("  model: collaborative\n",
         "  model: collaborative\n  meetings:\n    - name: Sync\n      every: weekly\n"
         "      atendees: [Lee Chen]\n",
         ["11:7: error: unknown key 'atendees' (did you mean 'attendees'?)"]),
    ],
)
def test_unknown_key_with_did_you_mean(tmp_path: Path, old: str, new: str,
                                       expected: list[str]) -> None:
    assert problems(tmp_path, BASE.replace(old, new)) == sorted(expected, key=_line_col)


def _line_col(formatted: str) -> tuple[int, int]:
    line, col = formatted.split(":")[:2]
    return int(line), int(col)


def test_unknown_key_in_health_ratings(tmp_path: Path) -> None:
    text = BASE + "health:\n  - period: 2026-Q1\n" + RATINGS.replace("innovation", "inovation")
    assert problems(tmp_path, text) == [
        "26:7: error: missing required key 'innovation'",
        "28:7: error: unknown key 'inovation' (did you mean 'innovation'?)",
    ]


def test_unknown_key_in_handovers_suggests_the_alias_from(tmp_path: Path) -> None:
    text = BASE + "handovers:\n  - date: 2026-02-01\n    frm: Lee Chen\n    to: Dana Okafor\n" \
        "    notes: Keep the forecast promise.\n"
    assert problems(tmp_path, text) == [
        "24:5: error: missing required key 'from'",
        "25:5: error: unknown key 'frm' (did you mean 'from'?)",
    ]


def test_unknown_key_in_culture_check_answers(tmp_path: Path) -> None:
    text = BASE + "culture_check:\n  - question: Last dropped ball?\n    answers:\n" \
        "      - date: 2026-09-10\n        by: Dana Okafor\n        sumary: Nobody blamed.\n"
    assert problems(tmp_path, text) == [
        "26:9: error: missing required key 'summary'",
        "28:9: error: unknown key 'sumary' (did you mean 'summary'?)",
    ]


def test_unknown_key_without_a_close_match_lists_the_known_keys(tmp_path: Path) -> None:
    assert problems(tmp_path, BASE.replace("  level: low\n", "  level: low\n  zzz: 1\n")) == [
        "6:3: error: unknown key 'zzz' (known: level, sole_source, rationale)"
    ]


# --- missing required keys point at the parent mapping's first key --------------------------

def test_missing_key_in_a_nested_mapping(tmp_path: Path) -> None:
    text = BASE.replace("  model: collaborative\n", "  since: 2025-01-01\n")
    assert problems(tmp_path, text) == ["7:3: error: missing required key 'model'"]


def test_missing_key_at_the_top_after_leading_comments(tmp_path: Path) -> None:
    text = "# comment\n\n" + BASE.replace("summary: Sole source of housings.\n", "")
    assert problems(tmp_path, text) == ["3:1: error: missing required key 'summary'"]


def test_missing_key_in_a_flow_mapping_points_at_its_opening_brace(tmp_path: Path) -> None:
    """The parent mapping starts at its ``{``; a block mapping starts at its first key."""
    text = BASE + "health:\n  - period: 2026-Q1\n    ratings: {strategic_dialogue: green, " \
        "conflict_resolution: green, partnership_value: red}\n"
    assert problems(tmp_path, text) == ["25:14: error: missing required key 'innovation'"]


def test_missing_keys_of_a_meeting(tmp_path: Path) -> None:
    text = BASE.replace("  model: collaborative\n",
                        "  model: collaborative\n  meetings:\n    - purpose: Sync\n")
    assert problems(tmp_path, text) == [
        "9:7: error: missing required key 'every'",
        "9:7: error: missing required key 'name'",
    ]


# --- types and empty values -----------------------------------------------------------------

@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("name: Acme Castings GmbH", "name:", "1:6: error: name: is empty (expected text)"),
        ("name: Acme Castings GmbH", "name: ''", "1:7: error: name: must not be empty"),
        ("name: Acme Castings GmbH", "name: [a, b]", "1:7: error: name: expected text, got a list"),
        ("name: Acme Castings GmbH", "name: {a: b}",
         "1:7: error: name: expected text, got a mapping"),
        ("name: Acme Castings GmbH", "name: " + "x" * 201,
         "1:7: error: name: is longer than 200 characters"),
        ("summary: Sole source of housings.", "summary: '  '",
         "3:10: error: summary: must not be empty"),
        ("  level: low\n", "  level: low\n  sole_source: maybe\n",
         "6:16: error: sole_source: 'maybe' is not true or false "
             "(expected true, false, yes, no, on or off)"),
        ("  level: low\n", "  level: low\n  sole_source: [x]\n",
         "6:16: error: sole_source: a list is not true or false "
             "(expected true, false, yes, no, on or off)"),
        ("owner:\n  name: Dana Okafor\n", "owner: Dana Okafor\n",
         "8:8: error: owner: expected a mapping of fields, got 'Dana Okafor'"),
        ("    role: Engineer\n", "    role: Engineer\n    phone: [1]\n",
         "23:12: error: phone: expected text, got a list"),
    ],
)
def test_types_and_empty_values(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert problems(tmp_path, BASE.replace(old, new)) == [expected]


def test_a_list_of_the_wrong_items(tmp_path: Path) -> None:
    assert problems(tmp_path, BASE + "log: [one, two]\n") == [
        "23:7: error: log: expected a mapping of fields, got 'one'",
        "23:12: error: log: expected a mapping of fields, got 'two'",
    ]


@pytest.mark.parametrize("word", ["yes", "Yes", "YES", "on", "On", "true", "True", "y"])
def test_yaml11_true_words_are_true_where_a_boolean_is_expected(tmp_path: Path,
                                                                 word: str) -> None:
    path = tmp_path / "acme-castings.yaml"
    path.write_text(BASE.replace("  level: low\n", f"  level: low\n  sole_source: {word}\n"),
                    encoding="utf-8")
    result = check_paths([path])
    assert result.problems == []
    assert result.suppliers[0].supplier.impact.sole_source is True


@pytest.mark.parametrize("word", ["no", "No", "NO", "off", "Off", "false", "n"])
def test_yaml11_false_words_are_false_where_a_boolean_is_expected(tmp_path: Path,
                                                                   word: str) -> None:
    path = tmp_path / "acme-castings.yaml"
    text = BASE + f"health:\n  - period: 2026-Q1\n    with_supplier: {word}\n" + RATINGS
    path.write_text(text, encoding="utf-8")
    result = check_paths([path])
    assert result.problems == []
    assert result.suppliers[0].supplier.health[0].with_supplier is False


# --- dates, periods, intervals, e-mail ---------------------------------------------------

@pytest.mark.parametrize(
    ("value", "ok"),
    [("2026-12-15", True), ("'2026-12-15'", True), ('"2024-02-29"', True),
     ("2026-13-45", False), ("2026-02-29", False), ("2026-1-5", False), ("15.12.2026", False),
     ("2026-12-15T10:00:00", False), ("20261215", False), ("'2026-12-15 '", False)],
)
def test_dates(tmp_path: Path, value: str, ok: bool) -> None:
    text = BASE.replace("owner:\n  name: Dana Okafor\n",
                        f"owner:\n  name: Dana Okafor\n  since: {value}\n")
    shown = value.strip("'\"")
    reason = {"2026-13-45": ": there is no month 13 (months are 01 to 12)",
              "2026-02-29": ": February 2026 has 28 days"}.get(shown, " (expected YYYY-MM-DD)")
    expected = [] if ok else [f"10:10: error: since: {shown!r} is not a date{reason}"]
    assert problems(tmp_path, text) == expected


@pytest.mark.parametrize(
    ("value", "ok"),
    [("2026-Q1", True), ("2026-Q4", True), ("2026-Q5", False), ("2026-Q0", False),
     ("2026Q1", False), ("2026-q1", False), ("Q1-2026", False), ("26-Q1", False)],
)
def test_periods(tmp_path: Path, value: str, ok: bool) -> None:
    text = BASE + f"health:\n  - period: {value}\n" + RATINGS
    expected = [] if ok else [
        f"24:13: error: period: {value!r} is not a period (expected YYYY-Qn with n from 1 "
        "to 4, e.g. 2026-Q3)"
    ]
    assert problems(tmp_path, text) == expected


@pytest.mark.parametrize(
    ("value", "ok"),
    [("weekly", True), ("biweekly", True), ("monthly", True), ("quarterly", True),
     ("yearly", True), ("3 weeks", True), ("1 week", True), ("10 days", True),
     ("2 months", True), ("fortnightly", False), ("Weekly", False), ("0 days", False),
     ("3  weeks", False), ("3 fortnights", False), ("every week", False), ("-1 days", False)],
)
def test_intervals(tmp_path: Path, value: str, ok: bool) -> None:
    text = BASE.replace("  model: collaborative\n",
                        f"  model: collaborative\n  meetings:\n    - name: Sync\n"
                        f"      every: {value}\n")
    expected = [] if ok else [
        f"10:14: error: every: {value!r} is not an interval (expected weekly, biweekly, "
        "monthly, quarterly, yearly, or 'N days', 'N weeks', 'N months')"
    ]
    assert problems(tmp_path, text) == expected


@pytest.mark.parametrize(
    ("value", "ok"),
    [("dana@example.com", True), ("d.o+tag@mail.example.co.uk", True),
     ("dana at example.com", False), ("dana@example", False), ("dana@.example", False),
     ("dana@@example.com", False), ("<dana@example.com>", False)],
)
def test_email_shape(tmp_path: Path, value: str, ok: bool) -> None:
    text = BASE.replace("  name: Dana Okafor\n", f"  name: Dana Okafor\n  email: {value}\n")
    expected = [] if ok else [
        f"10:10: error: email: {value!r} does not look like an e-mail address "
        "(expected name@domain.tld)"
    ]
    assert problems(tmp_path, text) == expected


# --- slugs --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["Acme Castings.yaml", "acme_castings.yaml", "Acme.yaml",
                                  "acme--castings.yaml", "-acme.yaml", "acme-.yaml"])
def test_file_name_that_is_not_a_slug(tmp_path: Path, name: str) -> None:
    stem = name.removesuffix(".yaml")
    assert problems(tmp_path, BASE, name) == [
        f"1:1: error: file name {stem!r} is not a slug (expected lowercase letters and digits "
        "joined by single hyphens, e.g. acme-castings.yaml)"
    ]


@pytest.mark.parametrize("name", ["acme.yaml", "acme-castings-2.yaml", "3m.yaml", "a.yml"])
def test_file_name_that_is_a_slug(tmp_path: Path, name: str) -> None:
    assert problems(tmp_path, BASE, name) == []


# --- cross-field rules, located where the user wrote the offending value -------------------

def test_cross_field_rules_point_at_the_offending_value(tmp_path: Path) -> None:
    text = BASE.replace(
        "  model: collaborative\n",
        "  model: collaborative\n  meetings:\n    - name: Sync\n      every: weekly\n"
        "      attendees: [Dana Okafor, Maria Schmit]\n  escalation: [Lee Chen, Jon Weber]\n",
    ) + """\
  - name: Jonas Weber
    side: supplier
    level: technical
    role: Duplicate
actions:
  - id: JAP-1
    action: Forecast.
    owner_internal: Jonas Weber
    owner_supplier: Jon Weber
    due: 2026-12-15
  - id: JAP-1
    action: Workshop.
    owner_internal: Lee Chen
    owner_supplier: Maria Schmidt
    due: 2026-12-15
    status: done
health:
  - period: 2026-Q1
""" + RATINGS + "  - period: 2026-Q1\n" + RATINGS
    known = "Dana Okafor, Jonas Weber, Lee Chen, Maria Schmidt"
    assert problems(tmp_path, text) == [
        f"11:32: error: attendees: 'Maria Schmit' is not a contact of this file or the owner "
        f"(known: {known})",
        f"12:26: error: escalation: 'Jon Weber' is not a contact of this file or the owner "
        f"(known: {known})",
        "28:11: error: name: 'Jonas Weber' is used twice; contact names must be unique in the "
        "file (first is contacts[1])",
        "35:21: error: owner_internal: 'Jonas Weber' is not the owner or an internal contact "
        "(known: Dana Okafor, Lee Chen)",
        "36:21: error: owner_supplier: 'Jon Weber' is not a supplier-side contact "
        "(known: Jonas Weber, Maria Schmidt)",
        "38:9: error: id: 'JAP-1' is used twice; action ids must be unique in the file "
        "(first is actions[0])",
        "43:13: error: action 'JAP-1' is done but has no done_on (expected done_on: YYYY-MM-DD)",
        "51:13: error: period: '2026-Q1' is used twice; health review periods must be unique "
        "in the file (first is health[0])",
    ]


def test_high_impact_rationale(tmp_path: Path) -> None:
    high = BASE.replace("  level: low\n", "  level: high\n")
    message = ("5:10: error: impact level is 'high' but there is no rationale (expected "
               "impact.rationale: why a failure would hurt, e.g. time to qualify another source)")
    assert problems(tmp_path, high) == [message]
    assert problems(tmp_path, high.replace("high\n", "high\n  rationale: '  '\n")) == [message]
    assert problems(tmp_path, high.replace("high\n", "high\n  rationale: 12 weeks\n")) == []


def test_handover_notes_must_not_be_empty(tmp_path: Path) -> None:
    handover = "handovers:\n  - date: 2026-02-01\n    from: Lee Chen\n    to: Dana Okafor\n"
    assert problems(tmp_path, BASE + handover + "    notes: ''\n") == [
        "27:12: error: notes: must not be empty"
    ]
    assert problems(tmp_path, BASE + handover + "    notes: >\n      \n") == [
        "27:12: error: notes: must not be empty"
    ]
    assert problems(tmp_path, BASE + handover) == ["24:5: error: missing required key 'notes'"]


def test_every_problem_of_a_file_is_reported_at_once(tmp_path: Path) -> None:
    text = BASE.replace("level: low", "level: huge").replace("model: collaborative",
                                                            "model: partner")
    assert problems(tmp_path, text + "status: Active\n") == [
        "5:10: error: level: 'huge' is not allowed (expected 'high', 'medium' or 'low')",
        "7:10: error: model: 'partner' is not allowed (expected 'transactional', "
        "'collaborative' or 'alliance')",
        "23:9: error: status: 'Active' is not allowed (expected 'active', 'onboarding', "
        "'phasing-out' or 'inactive')",
    ]
