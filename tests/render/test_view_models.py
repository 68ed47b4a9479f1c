"""The view models of the supplier, owner, handover, changes and shared pages: the orders,
counts and sentences the templates lay out, decided in Python."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from markupsafe import Markup
from supplier_handbook.derive.portfolio import Portfolio, Settings, derive
from supplier_handbook.history.changes import Change
from supplier_handbook.history.gitlog import Commit, Entry, History
from supplier_handbook.model.check import check_paths
from supplier_handbook.render.audience import for_supplier
from supplier_handbook.render.views.history import changes_page
from supplier_handbook.render.views.owner import actions_todo
from supplier_handbook.render.views.supplier import SupplierPage, shared_page, supplier_page

from tests.conftest import AS_OF

SUPPLIER = """\
name: Ostwerk Feinguss GmbH
category: Investment castings
summary: Castings for the pump housings.
impact:
  level: low
governance:
  model: collaborative
  meetings:
    - name: Monthly call
      every: monthly
      attendees: [Dana Okafor, Mia Roth]
  escalation: [Mia Roth, Jonas Berg]
owner:
  name: Dana Okafor
contacts:
  - name: Lea Vogt
    side: internal
    level: operational
    role: Planner
  - name: Mia Roth
    side: supplier
    level: relationship
    role: Account manager
  - name: Jonas Berg
    side: supplier
    level: executive
    role: Managing director
health:
  - period: 2026-Q1
    ratings:
      strategic_dialogue: amber
      conflict_resolution: amber
      innovation: green
      partnership_value: amber
  - period: 2026-Q2
    ratings:
      strategic_dialogue: green
      conflict_resolution: green
      innovation: green
      partnership_value: green
    overall: green
  - period: 2026-Q3
    ratings:
      strategic_dialogue: red
      conflict_resolution: red
      innovation: amber
      partnership_value: red
    overall: amber
    signals: [slower_responses, more_disputes]
actions:
  - id: JAP-1
    action: Agree the scrap rate.
    owner_internal: Lea Vogt
    owner_supplier: Mia Roth
    due: 2026-10-01
  - id: JAP-2
    action: Second source study.
    owner_internal: Dana Okafor
    owner_supplier: Jonas Berg
    due: 2027-03-01
  - id: JAP-3
    action: Old item.
    owner_internal: Dana Okafor
    owner_supplier: Jonas Berg
    due: 2026-01-01
    status: done
    done_on: 2026-01-02
log:
  - date: 2026-05-01
    kind: note
    text: First of the day.
  - date: 2026-06-01
    kind: win
    text: Newest.
  - date: 2026-05-01
    kind: meeting
    text: Second of the day.
"""


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory: pytest.TempPathFactory) -> Portfolio:
    folder: Path = tmp_path_factory.mktemp("suppliers")
    (folder / "ostwerk-feinguss.yaml").write_text(SUPPLIER, encoding="utf-8")
    result = check_paths([folder])
    assert result.errors == [], [p.format() for p in result.errors]
    return derive(result.suppliers, AS_OF, Settings())


def _page(portfolio: Portfolio, entries: list[Entry] | None = None) -> SupplierPage:
    return supplier_page(portfolio.suppliers[0], portfolio, owner_slug="dana-okafor",
                         entries=entries or [], heatmap=Markup(""), last_change=None,
                         stale_days=180, history_note=None, history_available=True,
                         intervals=[], feed=None, addresses={})


def _entry(slug: str, sha: str, day: int, *changes: Change) -> Entry:
    commit = Commit(sha, dt.datetime(2026, 11, day, 9, tzinfo=dt.UTC), "Ann Buyer",
                    f"Commit {sha[:3]}")
    return Entry(commit, slug, list(changes))


def test_reviews_newest_first_with_how_the_overall_was_set(portfolio: Portfolio) -> None:
    rows = _page(portfolio).reviews
    assert [r.rated.review.period for r in rows] == ["2026-Q3", "2026-Q2", "2026-Q1"]
    assert [r.overall_note for r in rows] == [
        "set by hand; computed: red", "set by hand", "computed"]
    assert [r.signals for r in rows] == ["slower responses, more disputes", None, None]
    assert rows[0].reviewed_with == ", our side only"


def test_health_set_by_hand_names_the_computed_rating(portfolio: Portfolio) -> None:
    assert _page(portfolio).health_note == "set by hand; computed: red"


def test_contacts_their_side_first_each_side_in_file_order(portfolio: Portfolio) -> None:
    lines = _page(portfolio).contacts
    assert [(line.side, line.contact.name) for line in lines] == [
        ("their", "Mia Roth"), ("their", "Jonas Berg"), ("our", "Lea Vogt")]
    assert all(line.anchor for line in lines)


def test_coverage_pairs_each_level_with_both_sides(portfolio: Portfolio) -> None:
    rows = {r.level: r for r in _page(portfolio).coverage.rows}
    assert [c.name for c in rows["relationship"].theirs] == ["Mia Roth"]
    assert [c.name for c in rows["operational"].ours] == ["Lea Vogt"]
    assert rows["technical"].theirs == rows["technical"].ours == []
    assert rows["executive"].title == "Executive"


def test_actions_marked_overdue_and_counted(portfolio: Portfolio) -> None:
    page = _page(portfolio)
    assert [(a.action.id, a.overdue) for a in page.actions] == [
        ("JAP-1", True), ("JAP-2", False), ("JAP-3", False)]
    assert (page.open_actions, page.overdue_actions) == (2, 1)
    assert actions_todo(portfolio.suppliers[0]) == "2 open actions, 1 of them overdue"


def test_timeline_newest_first_one_day_keeps_the_file_order(portfolio: Portfolio) -> None:
    assert [e.text for e in _page(portfolio).log] == [
        "Newest.", "First of the day.", "Second of the day."]


def test_joined_names(portfolio: Portfolio) -> None:
    page = _page(portfolio)
    assert page.escalation == "Mia Roth → Jonas Berg"
    assert [m.attendees for m in page.meetings] == ["Dana Okafor, Mia Roth"]
    assert page.tags is None


def test_history_rows_and_last_updated(portfolio: Portfolio) -> None:
    entries = [_entry("ostwerk-feinguss", "b" * 40, 12, Change("status a -> b")),
               _entry("ostwerk-feinguss", "a" * 40, 2, Change("added"))]
    page = _page(portfolio, entries)
    assert [(r.date, r.sha) for r in page.history] == [
        (dt.date(2026, 11, 12), "bbbbbbb"), (dt.date(2026, 11, 2), "aaaaaaa")]
    assert page.last_updated == page.history[0]


def test_changes_page_names_files_no_longer_in_the_handbook(portfolio: Portfolio) -> None:
    history = History(True, None, {
        "ostwerk-feinguss": [_entry("ostwerk-feinguss", "c" * 40, 20, Change("x"))],
        "gone": [_entry("gone", "c" * 40, 20, Change("removed")),
                 _entry("gone", "d" * 40, 1, Change("too old"))],
    })
    page = changes_page(history, portfolio.suppliers, AS_OF, 14)
    assert page.start == dt.date(2026, 11, 9)
    assert len(page.commits) == 1
    files = page.commits[0].files
    assert [(f.slug, f.d is not None) for f in files] == [
        ("gone", False), ("ostwerk-feinguss", True)]


def test_shared_page_calendar_only_with_an_open_action(portfolio: Portfolio) -> None:
    s = for_supplier(portfolio.suppliers[0].supplier)
    page = shared_page(s)
    assert page.calendar
    assert page.title == "Ostwerk Feinguss GmbH: our joint page"
    assert [side for side, _ in page.contacts] == ["yours", "yours", "ours"]
    closed = s.model_copy(update={"actions": [a for a in s.actions if a.status == "done"]})
    assert not shared_page(closed).calendar


def test_the_dashboard_shows_the_first_attention_entries_and_says_how_many_remain(
        portfolio: Portfolio) -> None:
    from supplier_handbook.render import dashboard

    items = [dashboard.AttentionItem(n, Markup(f"{n}"), Markup(""), [], Markup(""))
             for n in range(1, 14)]
    _, paged = dashboard.positions(portfolio, {d.supplier.owner.name: "x"
                                               for d in portfolio.suppliers})
    view = dashboard.dashboard_view(portfolio, items, paged, [], None)
    assert [i.number for i in view.attention] == list(range(1, dashboard.ATTENTION_SHOWN + 1))
    assert view.more == f"the first {dashboard.ATTENTION_SHOWN} of 13"
    assert view.no_history == "No supplier file has been committed yet."
    assert [t.title for t in view.counts] == ["Governance model", "Status"]
    assert sum(n for _, n in view.counts[0].rows) == len(portfolio.suppliers)
    few = dashboard.dashboard_view(portfolio, items[:3], paged, [], "no git here")
    assert few.more is None and few.no_history == "no git here"
