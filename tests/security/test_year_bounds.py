"""Year 9999 (issue 26, item 10): a date the build cannot compute with is refused by
``handbook check`` where it was typed, never by a failing build that blames ``--as-of``;
every date the check lets through builds, also at the edge (2999-12-31 with the longest
interval)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import AS_OF_TEXT as AS_OF
from tests.samples import MINIMAL_SUPPLIER
from tests.security.project import make_project, no_traceback, run

RATINGS = ("    ratings: {strategic_dialogue: green, conflict_resolution: green, "
           "innovation: green, partnership_value: green}\n")


def supplier(day: str, period: str) -> dict[str, tuple[str, str]]:
    """Each field that holds a date, set to ``day`` (``period`` for the review): the file,
    and the ``line:column: error: field`` the check must name."""
    collaborative = MINIMAL_SUPPLIER.replace(
        "governance:\n  model: transactional\n",
        "governance:\n  model: collaborative\n  since: 2026-01-01\n  meetings:\n"
        "    - name: Quarterly review\n      every: 9999 months\n"
        "      attendees: [Dana Okafor]\n")
    return {
        "due": (MINIMAL_SUPPLIER + "actions:\n  - id: JAP-1\n    action: Agree a plan\n"
                "    owner_internal: Dana Okafor\n    owner_supplier: Maria Schmidt\n"
                f"    due: {day}\n", "20:10: error: due"),
        "next_check_in": (MINIMAL_SUPPLIER + f"    next_check_in: {day}\n",
                          "15:20: error: next_check_in"),
        "last_contact": (collaborative + f"    last_contact: {day}\n",
                         "20:19: error: last_contact"),
        "period": (collaborative + f"health:\n  - period: {period}\n" + RATINGS,
                   "21:13: error: period"),
        "review date": (collaborative + f"health:\n  - period: 2026-Q1\n    date: {day}\n"
                        + RATINGS, "22:11: error: date"),
        "owner since": (MINIMAL_SUPPLIER.replace("  name: Dana Okafor\n",
                                                 f"  name: Dana Okafor\n  since: {day}\n"),
                        "10:10: error: since"),
        "governance since": (collaborative.replace("since: 2026-01-01", f"since: {day}"),
                             "8:10: error: since"),
        "log": (MINIMAL_SUPPLIER + f"log:\n  - date: {day}\n    kind: note\n    text: x\n",
                "16:11: error: date"),
    }


FIELDS = list(supplier("", ""))


@pytest.mark.parametrize(("day", "period"), [("9999-12-31", "9999-Q4"),
                                             ("1899-12-31", "1899-Q4")])
@pytest.mark.parametrize("field", FIELDS)
def test_the_check_refuses_a_year_the_build_cannot_handle(tmp_path: Path, field: str,
                                                          day: str, period: str) -> None:
    text, where = supplier(day, period)[field]
    root = make_project(tmp_path / "hb", {"acme-castings.yaml": text})
    result = run(root, "check")
    no_traceback(result)
    assert result.exit_code == 1, result.output
    assert f"suppliers/acme-castings.yaml:{where}:" in result.output, result.output
    assert "the handbook takes years 1900 to 2999" in result.output, result.output
    built = run(root, "build", "--as-of", AS_OF)
    assert built.exit_code == 1 and "--as-of" not in built.output, built.output
    assert where in built.output, built.output


@pytest.mark.parametrize("field", FIELDS)
def test_every_date_the_check_takes_builds(tmp_path: Path, field: str) -> None:
    text, _ = supplier("2999-12-31", "2999-Q4")[field]
    root = make_project(tmp_path / "hb", {"acme-castings.yaml": text})
    result = run(root, "build", "--as-of", AS_OF)
    no_traceback(result)
    assert result.exit_code == 0, result.output
    early = supplier("1900-01-01", "1900-Q1")[field][0]
    root = make_project(tmp_path / "early", {"acme-castings.yaml": early})
    result = run(root, "build", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
