"""Attention flags about reviews, the action plan and owners, at their boundaries."""

from __future__ import annotations

import datetime as dt

import pytest

from .builders import (
    AS_OF,
    OWNER,
    action,
    contact,
    default_contacts,
    derive_one,
    handover,
    review,
)

# --- review overdue -------------------------------------------------------------------------

QUARTER_ENDS = {  # the spec: a period ends on its quarter's last day
    "2025-Q4": dt.date(2025, 12, 31),
    "2026-Q1": dt.date(2026, 3, 31),
    "2026-Q2": dt.date(2026, 6, 30),
    "2026-Q3": dt.date(2026, 9, 30),
    "2026-Q4": dt.date(2026, 12, 31),
}
REVIEW_DAYS = {"collaborative": 100, "alliance": 100, "transactional": 400}
OVERDUE_CASES = [
    pytest.param(model, period, days + extra, extra > 0,
                 id=f"{model}-{period}-ended-{days + extra}-days-before")
    for model, days in REVIEW_DAYS.items()
    for period in QUARTER_ENDS
    for extra in (0, 1)
]


@pytest.mark.parametrize(("model", "period", "late", "flagged"), OVERDUE_CASES)
def test_review_overdue(model: str, period: str, late: int, flagged: bool) -> None:
    as_of = QUARTER_ENDS[period] + dt.timedelta(days=late)
    d = derive_one(as_of=as_of, model=model, health=[review(period)])
    assert d.flag_ids == (["review-overdue"] if flagged else [])


@pytest.mark.parametrize(("model", "flagged"),
                         [("collaborative", True), ("alliance", True), ("transactional", False)])
def test_no_review_at_all(model: str, flagged: bool) -> None:
    d = derive_one(model=model, health=[])
    assert d.flag_ids == (["review-overdue"] if flagged else [])


@pytest.mark.parametrize(
    ("periods", "flagged"),
    [
        (["2026-Q3", "2025-Q1"], False),
        (["2025-Q1", "2026-Q3"], False),
        (["2026-Q3", "2024-Q2", "2025-Q1"], False),
        (["2026-Q1", "2025-Q4"], True),  # latest 2026-Q1 ended 237 days before
    ],
    ids=["latest-first-in-file", "latest-last-in-file", "latest-first-then-shuffled",
         "latest-is-old-even-if-first"],
)
def test_review_overdue_uses_the_latest_period(periods: list[str], flagged: bool) -> None:
    d = derive_one(model="collaborative", health=[review(p) for p in periods])
    assert d.flag_ids == (["review-overdue"] if flagged else [])


# --- action overdue, open and overdue counts ------------------------------------------------

DAY_BEFORE, DAY_AFTER = AS_OF - dt.timedelta(days=1), AS_OF + dt.timedelta(days=1)
ACTION_CASES = [
    ("open", DAY_BEFORE, True, 1, 1),
    ("in-progress", DAY_BEFORE, True, 1, 1),
    ("open", AS_OF, False, 1, 0),
    ("in-progress", AS_OF, False, 1, 0),
    ("open", DAY_AFTER, False, 1, 0),
    ("done", DAY_BEFORE, False, 0, 0),
    ("dropped", DAY_BEFORE, False, 0, 0),
    ("done", DAY_AFTER, False, 0, 0),
]


@pytest.mark.parametrize(
    ("status", "due", "flagged", "n_open", "n_overdue"),
    ACTION_CASES,
    ids=[f"{s}-due-{'before' if d < AS_OF else 'on' if d == AS_OF else 'after'}-as-of"
         for s, d, *_ in ACTION_CASES],
)
def test_action_overdue(status: str, due: dt.date, flagged: bool, n_open: int,
                        n_overdue: int) -> None:
    d = derive_one(actions=[action("JAP-1", due, status)])
    assert d.flag_ids == (["action-overdue"] if flagged else [])
    assert len(d.open_actions) == n_open
    assert len(d.overdue_actions) == n_overdue


def test_open_and_overdue_counts_of_a_mixed_plan() -> None:
    d = derive_one(actions=[
        action("JAP-1", DAY_BEFORE, "open"),
        action("JAP-2", DAY_BEFORE, "in-progress"),
        action("JAP-3", AS_OF, "open"),
        action("JAP-4", DAY_AFTER, "in-progress"),
        action("JAP-5", DAY_BEFORE, "done"),
        action("JAP-6", DAY_BEFORE, "dropped"),
    ])
    assert [a.id for a in d.open_actions] == ["JAP-1", "JAP-2", "JAP-3", "JAP-4"]
    assert [a.id for a in d.overdue_actions] == ["JAP-1", "JAP-2"]
    assert d.flag_ids == ["action-overdue"]


# --- plan unfocused -------------------------------------------------------------------------

PLAN_CASES = [
    ({"open": 5}, False, "5-open"),
    ({"open": 6}, True, "6-open"),
    ({"in-progress": 5}, False, "5-in-progress"),
    ({"in-progress": 6}, True, "6-in-progress"),
    ({"open": 3, "in-progress": 2}, False, "3-open-2-in-progress"),
    ({"open": 3, "in-progress": 3}, True, "3-open-3-in-progress"),
    ({"open": 5, "done": 4, "dropped": 3}, False, "5-open-done-and-dropped-do-not-count"),
    ({"done": 6}, False, "6-done"),
    ({"dropped": 6}, False, "6-dropped"),
]


@pytest.mark.parametrize(("statuses", "flagged"), [c[:2] for c in PLAN_CASES],
                         ids=[c[2] for c in PLAN_CASES])
def test_plan_unfocused(statuses: dict[str, int], flagged: bool) -> None:
    actions = [action(f"JAP-{status}-{i}", DAY_AFTER, status)
               for status, n in statuses.items() for i in range(n)]
    d = derive_one(actions=actions)
    assert d.flag_ids == (["plan-unfocused"] if flagged else [])
    assert len(d.open_actions) == statuses.get("open", 0) + statuses.get("in-progress", 0)


# --- health falling -------------------------------------------------------------------------

FALLING_CASES = [
    # (reviews in file order as (period, ratings, signals), flagged, id)
    ([("2026-Q2", "GGGG", None), ("2026-Q3", "AAAA", None)], True, "green-to-amber"),
    ([("2026-Q2", "AAAA", None), ("2026-Q3", "RRRR", None)], True, "amber-to-red"),
    ([("2026-Q2", "GGGG", None), ("2026-Q3", "RRRR", None)], True, "green-to-red"),
    ([("2026-Q2", "AAAA", None), ("2026-Q3", "AAAA", None)], False, "amber-to-amber"),
    ([("2026-Q2", "RRRR", None), ("2026-Q3", "AAAA", None)], False, "red-to-amber"),
    ([("2026-Q2", "AAAA", None), ("2026-Q3", "GGGG", None)], False, "amber-to-green"),
    ([("2026-Q3", "AAAA", None), ("2026-Q2", "GGGG", None)], True,
     "green-to-amber-newest-first-in-file"),
    ([("2026-Q3", "GGGG", None), ("2026-Q2", "AAAA", None)], False,
     "amber-to-green-newest-first-in-file"),
    ([("2025-Q4", "GGGG", None), ("2026-Q1", "RRRR", None)], True, "across-years-falling"),
    ([("2026-Q1", "GGGG", None), ("2025-Q4", "RRRR", None)], False, "across-years-rising"),
    ([("2026-Q1", "RRRR", None), ("2026-Q2", "GGGG", None), ("2026-Q3", "AAAA", None)], True,
     "compares-with-the-one-before-not-the-first"),
    ([("2026-Q1", "GGGG", None), ("2026-Q2", "RRRR", None), ("2026-Q3", "AAAA", None)], False,
     "rising-from-the-one-before"),
    ([("2026-Q2", "RRRR", None), ("2026-Q3", "GGGG", ["slower_responses"])], True,
     "better-but-latest-lists-signals"),
    ([("2026-Q2", "AAAA", ["more_disputes"]), ("2026-Q3", "AAAA", None)], False,
     "signals-only-on-the-previous-review"),
    ([("2026-Q3", "GGGG", None)], False, "single-review-without-signals"),
    ([("2026-Q3", "GGGG", ["fewer_suggestions", "more_formality"])], True,
     "single-review-with-signals"),
    ([("2026-Q2", "GGGG", None), ("2026-Q3", "GGAR", None)], False,
     "computed-overall-green-is-not-falling"),
    ([("2026-Q2", "GGAR", None), ("2026-Q3", "GGAA", None)], True,
     "computed-green-to-computed-amber"),
]


@pytest.mark.parametrize(("reviews", "flagged"), [c[:2] for c in FALLING_CASES],
                         ids=[c[2] for c in FALLING_CASES])
def test_health_falling(reviews: list[tuple[str, str, list[str] | None]], flagged: bool) -> None:
    # transactional: a review within 400 days is not overdue, and no single-threaded flag
    d = derive_one(model="transactional",
                   health=[review(p, r, signals=s) for p, r, s in reviews])
    assert d.flag_ids == (["health-falling"] if flagged else [])


def test_health_falling_uses_a_given_overall() -> None:
    reviews = [review("2026-Q2", "RRRR", overall="green"), review("2026-Q3", "GGGG", "amber")]
    assert derive_one(health=reviews).flag_ids == ["health-falling"]


def test_no_review_is_not_falling() -> None:
    assert derive_one(model="transactional", health=[]).flag_ids == []


# --- handover missing -----------------------------------------------------------------------

HANDOVER_CASES = [
    ([], False, "no-handovers"),
    ([("2026-02-01", "Lee Chen", OWNER)], False, "one-handover-to-owner"),
    ([("2026-02-01", OWNER, "Pat Doe")], True, "one-handover-to-someone-else"),
    ([("2025-01-10", "Kim Park", "Lee Chen"), ("2026-02-01", "Lee Chen", OWNER)], False,
     "chain-ends-at-owner-oldest-first"),
    ([("2026-02-01", "Lee Chen", OWNER), ("2025-01-10", "Kim Park", "Lee Chen")], False,
     "chain-ends-at-owner-newest-first"),
    ([("2025-01-10", "Kim Park", OWNER), ("2026-02-01", OWNER, "Lee Chen")], True,
     "newest-goes-to-someone-else-oldest-first"),
    ([("2026-02-01", OWNER, "Lee Chen"), ("2025-01-10", "Kim Park", OWNER)], True,
     "newest-goes-to-someone-else-newest-first"),
    ([("2024-05-01", "A One", "Kim Park"), ("2026-06-01", "Lee Chen", OWNER),
      ("2025-01-10", "Kim Park", "Lee Chen")], False, "newest-in-the-middle-to-owner"),
    ([("2024-05-01", "A One", OWNER), ("2026-06-01", OWNER, "Lee Chen"),
      ("2025-01-10", "Lee Chen", OWNER)], True, "newest-in-the-middle-to-someone-else"),
]


@pytest.mark.parametrize(("handovers", "flagged"), [c[:2] for c in HANDOVER_CASES],
                         ids=[c[2] for c in HANDOVER_CASES])
def test_handover_missing(handovers: list[tuple[str, str, str]], flagged: bool) -> None:
    d = derive_one(handovers=[handover(*h) for h in handovers])
    assert d.flag_ids == (["handover-missing"] if flagged else [])


# --- next check-in --------------------------------------------------------------------------


def _check_ins(dates: list[str | None]) -> list[dict[str, str]]:
    contacts = [*default_contacts(), contact("Tom Tech", "supplier", "technical")]
    for c, day in zip(contacts, dates, strict=True):
        if day is not None:
            c["next_check_in"] = day
    return contacts


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ([None, None, None, None], None),
        (["2026-12-15", None, None, None], dt.date(2026, 12, 15)),
        (["2027-01-10", "2026-12-20", None, "2026-12-05"], dt.date(2026, 12, 5)),
        ([None, "2027-02-01", "2026-12-01", "2026-12-24"], dt.date(2026, 12, 1)),
    ],
    ids=["none-set", "one-set", "earliest-last", "earliest-internal"],
)
def test_next_check_in_is_the_earliest(dates: list[str | None],
                                       expected: dt.date | None) -> None:
    d = derive_one(contacts=_check_ins(dates))
    assert d.next_check_in == expected
    assert d.flag_ids == []  # every date is after AS_OF
