"""The agenda: every dated item, missed first, with the same boundaries as the flags."""

from __future__ import annotations

import datetime as dt

import pytest
from supplier_handbook.derive.agenda import (
    AgendaItem,
    AgendaPerson,
    agenda,
    by_week,
    item_key,
    supplier_items,
)
from supplier_handbook.derive.portfolio import Derived, Settings

from .builders import (
    AS_OF,
    OWNER,
    SUPPLIER_EXEC,
    SUPPLIER_OPS,
    action,
    contact,
    default_contacts,
    derive_one,
    entry,
    portfolio,
    review,
)

SPEC = Settings()


def dated(d: Derived, settings: Settings = SPEC) -> list[AgendaItem]:
    """The supplier's items, without the first review that a supplier with no review has
    (``test_a_review_that_never_happened_*`` test that one)."""
    return [i for i in supplier_items(d, AS_OF, settings) if i.item != "first"]


def _contacts(**check_ins: str) -> list[dict[str, object]]:
    people = default_contacts()
    for c in people:
        if c["name"] in check_ins:
            c["next_check_in"] = check_ins[c["name"]]
    return people


def test_check_in_names_the_contact_side_and_supplier() -> None:
    d = derive_one(contacts=_contacts(**{SUPPLIER_EXEC: "2026-11-30"}), health=[])
    [item] = dated(d)
    assert item.kind == "check-in"
    assert item.date == dt.date(2026, 11, 30)
    assert item.people == (AgendaPerson(SUPPLIER_EXEC, "supplier", "executive supplier"),)
    assert item.owner == OWNER
    assert item.supplier == "Acme Castings GmbH" and item.slug == "acme-castings"
    assert SUPPLIER_EXEC in item.title and "Acme Castings GmbH" in item.title
    assert "supplier" in item.title
    assert item.url == "suppliers/acme-castings/#contact-maria-schmidt"


@pytest.mark.parametrize(("days", "missed"), [(1, True), (0, False), (-1, False)])
def test_missed_is_before_the_as_of_date(days: int, missed: bool) -> None:
    day = AS_OF - dt.timedelta(days=days)
    d = derive_one(contacts=_contacts(**{SUPPLIER_OPS: day.isoformat()}), health=[])
    [item] = dated(d)
    assert item.missed is missed
    # the contact-gone-quiet flag uses the same comparison
    assert ("contact-gone-quiet" in d.flag_ids) is missed


def test_action_due_names_both_owners_and_skips_closed_actions() -> None:
    d = derive_one(health=[], actions=[
        action("JAP-1", "2026-12-15"), action("JAP-2", "2026-11-01", "in-progress"),
        action("JAP-3", "2026-10-01", "done"), action("JAP-4", "2026-10-01", "dropped"),
    ])
    items = dated(d)
    assert [i.item for i in items] == ["JAP-2", "JAP-1"]  # missed first
    assert [i.missed for i in items] == [True, False]
    late = items[0]
    assert late.kind == "action-due"
    assert [p.name for p in late.people] == [OWNER, SUPPLIER_OPS]
    assert [p.side for p in late.people] == ["internal", "supplier"]
    assert OWNER in late.title and SUPPLIER_OPS in late.title
    assert late.detail == "Do the thing JAP-2."


@pytest.mark.parametrize(
    ("model", "period", "due"),
    [
        ("collaborative", "2026-Q3", dt.date(2026, 9, 30) + dt.timedelta(days=100)),
        ("alliance", "2026-Q2", dt.date(2026, 6, 30) + dt.timedelta(days=100)),
        ("transactional", "2025-Q4", dt.date(2025, 12, 31) + dt.timedelta(days=400)),
    ],
)
def test_review_due_is_the_period_end_plus_the_threshold(model: str, period: str,
                                                         due: dt.date) -> None:
    d = derive_one(model=model, health=[review("2025-Q1"), review(period)])
    [item] = dated(d)
    assert item.kind == "review-due" and item.date == due
    assert item.missed is (due < AS_OF)
    assert ("review-overdue" in d.flag_ids) is item.missed


def test_review_due_follows_the_configured_threshold() -> None:
    settings = Settings(review_overdue_days={"alliance": 100, "collaborative": 30,
                                             "transactional": 400})
    d = derive_one(health=[review("2026-Q3")])
    [item] = dated(d, settings)
    assert item.date == dt.date(2026, 10, 30)


def test_no_review_gives_no_review_due_item_to_a_transactional_supplier() -> None:
    assert supplier_items(derive_one(model="transactional", health=[]), AS_OF, SPEC) == []


@pytest.mark.parametrize(("model", "since", "due", "missed"), [
    ("collaborative", "2026-01-10", dt.date(2026, 4, 20), True),
    ("alliance", "2026-01-10", dt.date(2026, 4, 20), True),
    ("collaborative", "2026-11-01", AS_OF, False),  # not yet 100 days: due now
    ("collaborative", None, AS_OF, False),  # nothing to count from: due now
])
def test_a_review_that_never_happened_has_a_date_in_every_view(
        model: str, since: str | None, due: dt.date, missed: bool) -> None:
    """Issue 22, item 6: a collaborative or alliance supplier with no review is flagged
    *review overdue*; its first review is a dated item (the owner's ``since`` plus the
    limit), on the agenda and in the feeds, and the flag names the same date."""
    owner = {"name": OWNER, **({"since": since} if since else {})}
    d = derive_one(model=model, health=[], owner=owner)
    [item] = [i for i in supplier_items(d, AS_OF, SPEC) if i.kind == "review-due"]
    assert (item.date, item.missed, item.item) == (due, missed, "first")
    assert item.ours == (OWNER,) and item.anchor == "health-reviews"
    assert "review-overdue" in d.flag_ids
    flag = next(f for f in d.flags if f.id == "review-overdue")
    if missed:
        assert f"the first was due {due.isoformat()}" in flag.what
    else:
        assert "the first is due now" in flag.what


def test_meetings_are_planned_log_meetings_only() -> None:
    log = [
        {"date": "2026-12-03", "kind": "meeting", "text": "QBR in Heilbronn."},
        {"date": "2026-11-01", "kind": "meeting", "text": "Held, so not on the agenda."},
        {"date": "2026-12-04", "kind": "note", "text": "Not a meeting."},
    ]
    d = derive_one(health=[], log=log)
    [item] = dated(d)
    assert item.kind == "meeting" and item.date == dt.date(2026, 12, 3)
    assert item.detail == "QBR in Heilbronn." and not item.missed


def test_agenda_sorts_missed_first_then_by_date_across_suppliers() -> None:
    a = entry("alpha", name="Alpha", health=[],
              contacts=_contacts(**{SUPPLIER_EXEC: "2026-12-01", SUPPLIER_OPS: "2026-11-02"}))
    b = entry("beta", name="Beta", health=[],
              contacts=_contacts(**{SUPPLIER_EXEC: "2026-11-24"}),
              actions=[action("B-1", "2026-11-20")])
    items = [i for i in agenda(portfolio(a, b)) if i.item != "first"]
    assert [(i.slug, i.date.isoformat(), i.missed) for i in items] == [
        ("alpha", "2026-11-02", True),
        ("beta", "2026-11-20", True),
        ("beta", "2026-11-24", False),
        ("alpha", "2026-12-01", False),
    ]
    weeks = by_week(items)
    assert [w.title for w in weeks] == ["Missed (2)", "Week of 2026-11-23", "Week of 2026-11-30"]
    assert [len(w.items) for w in weeks] == [2, 1, 1]


def test_keys_are_stable_and_distinct() -> None:
    contacts = [*default_contacts(), contact("Ana/B", "supplier", "technical",
                                             next_check_in="2026-12-01"),
                contact("Ana B", "supplier", "technical", next_check_in="2026-12-01")]
    d = derive_one(health=[], contacts=contacts)
    keys = [i.key for i in dated(d)]
    assert len(keys) == len(set(keys)) == 2
    assert keys == [i.key for i in dated(derive_one(health=[], contacts=contacts))]
    assert item_key("acme", "check-in", "Ana/B", dt.date(2026, 12, 1)) == \
        "acme/check-in/Ana%2FB/2026-12-01"
    assert all(" " not in k for k in keys)


@pytest.mark.parametrize(("days", "on_agenda"), [(31, True), (30, False)])
def test_a_contact_gone_quiet_with_no_check_in_planned_is_on_the_agenda(
        days: int, on_agenda: bool) -> None:
    """The check-in that fell due when the model's interval (collaborative: 30 days) after the
    last contact ran out: on the agenda page, and so in the calendar feeds."""
    people = default_contacts()
    for c in people:
        c["last_contact"] = (AS_OF - dt.timedelta(days=days)).isoformat()
    d = derive_one(contacts=people, health=[])
    quiet = [i for i in dated(d) if "gone quiet" in i.title]
    supplier_side = [c for c in people if c["side"] == "supplier"]
    assert len(quiet) == (len(supplier_side) if on_agenda else 0)
    for item in quiet:
        assert item.kind == "check-in" and item.missed
        assert item.date == AS_OF - dt.timedelta(days=days) + dt.timedelta(days=30)
        assert item.key.split("/")[1] == "quiet"


def test_a_role_in_parentheses_is_not_nested_in_the_titles_parentheses() -> None:
    """"Check-in with Jan Novák (CEO [and co-owner])", never "(CEO (and co-owner))": the
    title is the calendar event's summary as written."""
    people = default_contacts()
    for c in people:
        c["last_contact"] = (AS_OF - dt.timedelta(days=40)).isoformat()
        if c["side"] == "supplier":
            c["role"] = "Prezes Zarządu (CEO and co-owner)"
    d = derive_one(contacts=people, health=[])
    quiet = [i for i in dated(d) if "gone quiet" in i.title]
    assert quiet
    for item in quiet:
        assert "(Prezes Zarządu [CEO and co-owner]) at " in item.title, item.title
        assert "((" not in item.title and "))" not in item.title
