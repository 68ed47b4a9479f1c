"""The two flags of format 1.1 (no-escalation-path, review-not-shared) at their boundaries,
their ids in the export, and flag sentences that name who, what and how long."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from supplier_handbook.derive.flags import BY_ID
from supplier_handbook.derive.portfolio import FLAG_IDS
from supplier_handbook.render.renderer import export_json

from .builders import (
    AS_OF,
    OWNER,
    SUPPLIER_EXEC,
    SUPPLIER_OPS,
    action,
    contact,
    days_before,
    default_contacts,
    derive_one,
    entry,
    handover,
    portfolio,
    review,
)

# --- no escalation path ---------------------------------------------------------------------


@pytest.mark.parametrize("model", ["transactional", "collaborative", "alliance"])
@pytest.mark.parametrize(
    ("impact", "escalation", "flagged"),
    [
        ("high", None, True),  # key absent
        ("high", [], True),  # present and empty
        ("high", [SUPPLIER_EXEC], False),
        ("high", [SUPPLIER_OPS, SUPPLIER_EXEC], False),
        ("medium", None, False),
        ("medium", [], False),
        ("low", None, False),
    ],
    ids=["high-absent", "high-empty", "high-one", "high-two", "medium-absent",
         "medium-empty", "low-absent"],
)
def test_no_escalation_path(model: str, impact: str, escalation: list[str] | None,
                            flagged: bool) -> None:
    governance: dict[str, Any] = {"model": model}
    if escalation is not None:
        governance["escalation"] = escalation
    d = derive_one(impact=impact, model=model, governance=governance)
    assert ("no-escalation-path" in d.flag_ids) is flagged
    assert d.has_escalation is bool(escalation)


def test_no_escalation_path_names_the_owner_and_whom_to_ask() -> None:
    d = derive_one(impact="high", governance={"model": "collaborative"})
    (flag,) = [f for f in d.flags if f.id == "no-escalation-path"]
    assert "high-impact supplier has no escalation path" in flag.what
    assert flag.todo.startswith(f"{OWNER} should agree the escalation path with {SUPPLIER_EXEC}")


# --- review not shared ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "with_supplier", "flagged"),
    [
        ("collaborative", True, False),
        ("collaborative", False, True),
        ("collaborative", None, True),  # absent means false
        ("alliance", True, False),
        ("alliance", False, True),
        ("alliance", None, True),
        ("transactional", False, False),  # collaborative and alliance only
        ("transactional", None, False),
    ],
)
def test_review_not_shared(model: str, with_supplier: bool | None, flagged: bool) -> None:
    d = derive_one(model=model, health=[review("2026-Q3", with_supplier=with_supplier)])
    assert d.flag_ids == (["review-not-shared"] if flagged else [])
    assert d.latest_shared is bool(with_supplier)


@pytest.mark.parametrize(
    ("reviews", "flagged"),
    [
        # the latest by period decides, whatever the order in the file
        ([("2026-Q2", False), ("2026-Q3", True)], False),
        ([("2026-Q3", True), ("2026-Q2", False)], False),
        ([("2026-Q3", False), ("2026-Q2", True)], True),
        ([("2026-Q2", True), ("2026-Q3", False)], True),
    ],
)
def test_review_not_shared_reads_the_latest_period(reviews: list[tuple[str, bool]],
                                                   flagged: bool) -> None:
    health = [review(period, with_supplier=shared) for period, shared in reviews]
    d = derive_one(health=health)
    assert ("review-not-shared" in d.flag_ids) is flagged


@pytest.mark.parametrize("model", ["collaborative", "alliance"])
def test_no_review_at_all_is_overdue_not_unshared(model: str) -> None:
    d = derive_one(model=model, health=[])
    assert d.flag_ids == ["review-overdue"]
    assert d.latest_shared is None


# --- the registry and the export ------------------------------------------------------------


def test_the_registry_holds_the_spec_flag_ids() -> None:
    assert FLAG_IDS == (
        "single-threaded", "contact-gone-quiet", "review-overdue", "action-overdue",
        "plan-unfocused", "health-falling", "handover-missing", "no-escalation-path",
        "review-not-shared",
    )
    assert all(BY_ID[i].title and BY_ID[i].advice.endswith(".") for i in FLAG_IDS)


def test_new_flag_ids_reach_the_export() -> None:
    p = portfolio(entry(impact="high", governance={"model": "alliance"},
                        health=[review("2026-Q3", with_supplier=False)]))
    data = json.loads(export_json(p))
    assert data["suppliers"][0]["flags"] == ["no-escalation-path", "review-not-shared"]


# --- sentences that name who, what and how long ---------------------------------------------


def _flag(flag_id: str, **overrides: Any) -> tuple[str, str]:
    d = derive_one(**overrides)
    (flag,) = [f for f in d.flags if f.id == flag_id]
    assert not flag.what.lower().startswith(BY_ID[flag_id].title.lower()), flag.what
    return flag.what, flag.todo


def test_action_overdue_names_both_owners_the_date_and_the_days() -> None:
    what, _ = _flag("action-overdue", actions=[action("JAP-2", AS_OF - dt.timedelta(days=7))])
    assert what == (f"JAP-2 (ours: {OWNER}, theirs: {SUPPLIER_OPS}) was due 2026-11-16, "
                    "7 days ago.")


def test_action_overdue_one_day_is_singular() -> None:
    what, _ = _flag("action-overdue", actions=[action("JAP-1", AS_OF - dt.timedelta(days=1))])
    assert what.endswith("was due 2026-11-22, 1 day ago.")


def test_contact_gone_quiet_names_the_contact_the_days_and_the_rhythm() -> None:
    contacts = [*default_contacts()]
    contacts[1] = contact(SUPPLIER_OPS, last_contact=days_before(53))
    what, todo = _flag("contact-gone-quiet", model="alliance", contacts=contacts)
    assert what == (f"Last contact with {SUPPLIER_OPS} 53 days ago (2026-10-01), alliance "
                    "check-in every 14 days.")
    assert todo.startswith(f"Call {SUPPLIER_OPS} this week")


def test_missed_check_in_names_the_contact_and_the_days() -> None:
    contacts = [*default_contacts()]
    contacts[0] = contact(SUPPLIER_EXEC, level="executive", next_check_in=days_before(3))
    what, _ = _flag("contact-gone-quiet", contacts=contacts)
    assert what == f"The check-in with {SUPPLIER_EXEC} was due 2026-11-20, 3 days ago."


def test_health_falling_names_the_dimension_that_fell_and_the_worst() -> None:
    what, _ = _flag("health-falling", health=[review("2026-Q2", "GGAA"),
                                              review("2026-Q3", "GARR")])
    assert what == ("Overall went amber → red (2026-Q2 to 2026-Q3); Conflict resolution went "
                    "green → amber; Innovation went amber → red; Partnership value went "
                    "amber → red; worst now: Innovation and Partnership value (red).")
    assert "Strategic dialogue went" not in what  # it stayed green


def test_handover_missing_names_the_last_recorded_owner_and_the_current_one() -> None:
    what, todo = _flag("handover-missing", handovers=[handover("2025-01-01", "Lee Chen",
                                                                "Sam Previous")])
    assert "The last recorded owner is Sam Previous" in what
    assert f"the owner now is {OWNER}" in what
    assert todo.startswith(f"{OWNER} should ask Sam Previous")


@pytest.mark.parametrize(("model", "expected"), [("alliance", "an alliance supplier"),
                                                 ("collaborative", "a collaborative supplier")])
def test_review_overdue_uses_the_right_article(model: str, expected: str) -> None:
    what, _ = _flag("review-overdue", model=model, health=[review("2025-Q1")])
    assert expected in what
    assert "A alliance" not in what and "a alliance" not in what


def test_review_not_shared_names_the_period_and_whom_to_go_through_it_with() -> None:
    data = review("2026-Q3", "GGAR", with_supplier=False)
    data["date"] = "2026-10-05"
    what, todo = _flag("review-not-shared", health=[data])
    assert what.startswith("The latest health review (2026-Q3, held 2026-10-05, rated green)")
    assert todo.startswith(f"Go through the scorecard with {SUPPLIER_EXEC}")
