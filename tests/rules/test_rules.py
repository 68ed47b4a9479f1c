"""Each cross-field rule of supplier_handbook/rules.py, called directly with plain dicts."""

from __future__ import annotations

from typing import Any

import pytest
from supplier_handbook.model.rules import (
    RULES,
    Finding,
    action_owners_are_on_their_side,
    done_actions_have_done_on,
    handover_notes_written,
    high_impact_has_rationale,
    persons_are_known,
    run_rules,
    unique_action_ids,
    unique_contact_names,
    unique_health_periods,
)


def contact(name: Any, side: Any = "supplier") -> dict[str, Any]:
    return {"name": name, "side": side, "level": "operational", "role": "r"}


def data(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "owner": {"name": "Dana Okafor"},
        "contacts": [contact("Maria Schmidt"), contact("Jonas Weber"),
                     contact("Lee Chen", "internal")],
    }
    base.update(fields)
    return base


# --- uniqueness ------------------------------------------------------------------------------

def test_unique_contact_names() -> None:
    d = data(contacts=[contact("A"), contact("B"), contact("A"), contact("A")])
    assert list(unique_contact_names(d)) == [
        Finding(("contacts", 2, "name"), "name: 'A' is used twice; contact names must be "
                "unique in the file (first is contacts[0])"),
        Finding(("contacts", 3, "name"), "name: 'A' is used twice; contact names must be "
                "unique in the file (first is contacts[0])"),
    ]
    assert list(unique_contact_names(data())) == []


def test_names_are_compared_exactly() -> None:
    assert list(unique_contact_names(data(contacts=[contact("A"), contact("a"),
                                                    contact("A ")]))) == []


def test_unique_action_ids() -> None:
    d = data(actions=[{"id": "JAP-1"}, {"id": "JAP-2"}, {"id": "JAP-2"}])
    assert list(unique_action_ids(d)) == [
        Finding(("actions", 2, "id"), "id: 'JAP-2' is used twice; action ids must be unique "
                "in the file (first is actions[1])"),
    ]


def test_unique_health_periods() -> None:
    d = data(health=[{"period": "2026-Q1"}, {"period": "2026-Q1"}, {"period": "2026-Q2"}])
    assert list(unique_health_periods(d)) == [
        Finding(("health", 1, "period"), "period: '2026-Q1' is used twice; health review "
                "periods must be unique in the file (first is health[0])"),
    ]


def test_uniqueness_rules_have_names_and_docs() -> None:
    assert unique_contact_names.__name__ == "unique_contacts_name"
    assert unique_action_ids.__name__ == "unique_actions_id"
    assert unique_health_periods.__name__ == "unique_health_period"
    assert unique_contact_names.__doc__ == "contact names are unique in the file."


@pytest.mark.parametrize(
    "value",
    [None, "text", {"a": 1}, [None, "x", 3, ["list"]], [{"name": None}, {"name": None}],
     [{"name": ["A"]}, {"name": ["A"]}], [{}, {}]],
)
def test_uniqueness_ignores_malformed_entries(value: Any) -> None:
    d = {"contacts": value, "actions": value, "health": value}
    assert list(unique_contact_names(d)) == []
    assert list(unique_action_ids(d)) == []
    assert list(unique_health_periods(d)) == []


# --- persons -------------------------------------------------------------------------------

def governance(attendees: Any = None, escalation: Any = None) -> dict[str, Any]:
    meetings = [{"name": "Sync", "every": "weekly", "attendees": attendees or []}]
    return {"model": "collaborative", "meetings": meetings, "escalation": escalation or []}


def test_persons_known_as_contacts_or_owner() -> None:
    d = data(governance=governance(["Dana Okafor", "Lee Chen"], ["Maria Schmidt", "Jonas Weber"]))
    assert list(persons_are_known(d)) == []


def test_unknown_attendee_and_escalation() -> None:
    d = data(governance=governance(["Dana Okafor", "Maria Schmit"], ["Jon Weber"]))
    known = "Dana Okafor, Jonas Weber, Lee Chen, Maria Schmidt"
    assert list(persons_are_known(d)) == [
        Finding(("governance", "meetings", 0, "attendees", 1),
                f"attendees: 'Maria Schmit' is not a contact of this file or the owner "
                f"(known: {known})"),
        Finding(("governance", "escalation", 0),
                f"escalation: 'Jon Weber' is not a contact of this file or the owner "
                f"(known: {known})"),
    ]


def test_unknown_person_with_nobody_known() -> None:
    d = {"governance": governance(["X"])}
    assert [f.message for f in persons_are_known(d)] == [
        "attendees: 'X' is not a contact of this file or the owner (known: none)"
    ]


def test_persons_are_case_sensitive() -> None:
    d = data(governance=governance(["dana okafor"]))
    assert [f.path for f in persons_are_known(d)] == [
        ("governance", "meetings", 0, "attendees", 0)
    ]


@pytest.mark.parametrize(
    "gov",
    [None, "collaborative", [], {"meetings": "x"}, {"meetings": [None, "x"]},
     {"meetings": [{"attendees": "Dana"}]}, {"meetings": [{"attendees": [None, 3, ["x"]]}]},
     {"escalation": "Dana"}, {"escalation": [None, {"a": 1}]}],
)
def test_persons_rule_ignores_malformed_governance(gov: Any) -> None:
    assert list(persons_are_known(data(governance=gov))) == []


# --- action owners ---------------------------------------------------------------------------

def action(internal: Any, supplier: Any, **more: Any) -> dict[str, Any]:
    return {"id": "JAP-1", "owner_internal": internal, "owner_supplier": supplier, **more}


@pytest.mark.parametrize("internal", ["Dana Okafor", "Lee Chen"])
def test_owner_internal_is_the_owner_or_an_internal_contact(internal: str) -> None:
    assert list(action_owners_are_on_their_side(data(actions=[action(internal,
                                                                     "Maria Schmidt")]))) == []


def test_owner_internal_on_the_supplier_side() -> None:
    d = data(actions=[action("Maria Schmidt", "Jonas Weber")])
    assert list(action_owners_are_on_their_side(d)) == [
        Finding(("actions", 0, "owner_internal"), "owner_internal: 'Maria Schmidt' is not the "
                "owner or an internal contact (known: Dana Okafor, Lee Chen)"),
    ]


@pytest.mark.parametrize("supplier", ["Jon Weber", "Dana Okafor", "Lee Chen"])
def test_owner_supplier_must_be_a_supplier_side_contact(supplier: str) -> None:
    d = data(actions=[action("Dana Okafor", supplier)])
    assert list(action_owners_are_on_their_side(d)) == [
        Finding(("actions", 0, "owner_supplier"), f"owner_supplier: {supplier!r} is not a "
                "supplier-side contact (known: Jonas Weber, Maria Schmidt)"),
    ]


def test_first_contact_of_a_duplicated_name_decides_the_side() -> None:
    d = data(contacts=[contact("Kim", "internal"), contact("Kim", "supplier")],
             actions=[action("Kim", "Kim")])
    assert [f.path[-1] for f in action_owners_are_on_their_side(d)] == ["owner_supplier"]


def test_action_owner_rule_without_owner_or_contacts() -> None:
    d = {"actions": [action("X", "Y")]}
    assert [f.message for f in action_owners_are_on_their_side(d)] == [
        "owner_internal: 'X' is not the owner or an internal contact (known: none)",
        "owner_supplier: 'Y' is not a supplier-side contact (known: none)",
    ]


@pytest.mark.parametrize("actions", [None, "x", [None, "a"], [action(None, ["x"])]])
def test_action_owner_rule_ignores_malformed_actions(actions: Any) -> None:
    assert list(action_owners_are_on_their_side(data(actions=actions))) == []


# --- done_on ---------------------------------------------------------------------------------

def test_done_without_done_on_is_an_error_at_status() -> None:
    d = data(actions=[action("Dana Okafor", "Jonas Weber", status="done")])
    assert list(done_actions_have_done_on(d)) == [
        Finding(("actions", 0, "status"), "action 'JAP-1' is done but has no done_on "
                "(expected done_on: YYYY-MM-DD)"),
    ]


def test_done_with_done_on_is_fine() -> None:
    d = data(actions=[action("Dana Okafor", "Jonas Weber", status="done", done_on="2026-01-02")])
    assert list(done_actions_have_done_on(d)) == []


@pytest.mark.parametrize("status", ["open", "in-progress", "dropped", None])
def test_done_on_without_done_is_a_warning_at_the_key(status: str | None) -> None:
    extra = {"done_on": "2026-01-02"} if status is None else {"status": status,
                                                              "done_on": "2026-01-02"}
    d = data(actions=[action("Dana Okafor", "Jonas Weber", **extra)])
    shown = status or "open"
    assert list(done_actions_have_done_on(d)) == [
        Finding(("actions", 0, "done_on"), f"done_on is set but status is {shown!r}; set "
                "status: done, or remove done_on", severity="warning", at_key=True),
    ]


def test_done_on_rule_ignores_malformed_status() -> None:
    d = data(actions=[action("a", "b", status=["done"], done_on="2026-01-02"), "x", None])
    assert list(done_actions_have_done_on(d)) == []


# --- impact rationale --------------------------------------------------------------------

@pytest.mark.parametrize("rationale", [None, "", "   ", ["x"]])
def test_high_impact_needs_a_rationale(rationale: Any) -> None:
    impact: dict[str, Any] = {"level": "high"}
    if rationale is not None:
        impact["rationale"] = rationale
    assert list(high_impact_has_rationale({"impact": impact})) == [
        Finding(("impact", "level"), "impact level is 'high' but there is no rationale "
                "(expected impact.rationale: why a failure would hurt, e.g. time to qualify "
                "another source)"),
    ]


@pytest.mark.parametrize(
    "impact",
    [{"level": "high", "rationale": "12 weeks to qualify"}, {"level": "medium"},
     {"level": "low"}, {"level": "High"}, None, "high", ["high"]],
)
def test_no_rationale_needed(impact: Any) -> None:
    assert list(high_impact_has_rationale({"impact": impact})) == []


# --- the list of rules ---------------------------------------------------------------------

def test_rules_in_the_specs_order() -> None:
    expected = [
        unique_contact_names, unique_action_ids, unique_health_periods, persons_are_known,
        action_owners_are_on_their_side, done_actions_have_done_on, high_impact_has_rationale,
        handover_notes_written,
    ]
    assert expected == RULES


def test_run_rules_collects_every_finding_in_rule_order() -> None:
    d = data(contacts=[contact("A"), contact("A")], impact={"level": "high"},
             actions=[action("Dana Okafor", "A", status="done")])
    assert [f.path for f in run_rules(d)] == [
        ("contacts", 1, "name"), ("actions", 0, "status"), ("impact", "level"),
    ]


@pytest.mark.parametrize("garbage", [{}, {"contacts": 1, "actions": 2, "health": 3,
                                          "governance": 4, "owner": 5, "impact": 6},
                                     {"owner": {"name": ["x"]}, "contacts": [{"side": 1}]}])
def test_run_rules_never_raises_on_malformed_data(garbage: dict[str, Any]) -> None:
    assert run_rules(garbage) == []


def test_a_placeholder_spelled_with_an_escape_is_still_found() -> None:
    from supplier_handbook.model.check import check_document
    from supplier_handbook.read.load import load_text

    from tests.samples import MINIMAL_SUPPLIER

    plain = MINIMAL_SUPPLIER.replace("category: ", 'category: "REPLACE: a category" #', 1)
    escaped = plain.replace('"REPLACE:', '"\\x52EPLACE:', 1)
    for text in (plain, escaped):
        _, problems = check_document(load_text(text, "acme-castings.yaml"), "acme-castings")
        assert any("starter's placeholder" in p.message for p in problems), text
