"""Sorting by meaning (assets/handbook.js): impact from high to low, health by severity,
dates as dates, names by one collation (accents in place), and a cell with nothing in it
("no review", "—") after every value in either direction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.browser.harness import MAIN, expect, showing
from tests.browser.test_suppliers_table import open_index, visible_rows

if TYPE_CHECKING:
    from playwright.sync_api import Page

IMPACT = {"high": 0, "medium": 1, "low": 2}


def sort_by(page: Page, name: str, direction: str) -> None:
    heading = page.locator(f"{MAIN} table thead th", has_text=name).first
    heading.click()
    if heading.get_attribute("aria-sort") != direction:
        heading.click()
    expect(heading).to_have_attribute("aria-sort", direction)


def test_impact_sorts_by_rank_and_its_drop_down_too(page: Page) -> None:
    columns, rows = open_index(page)
    by_rank = sorted((r["Impact"] for r in rows), key=IMPACT.__getitem__)
    assert len(set(by_rank)) == 3, by_rank  # the demo has all three: the test can fail
    with showing(page, "Impact ascending: high, medium, low"):
        sort_by(page, "Impact", "ascending")
        assert [r["Impact"] for r in visible_rows(page, columns)] == by_rank
    with showing(page, "Impact descending: low, medium, high"):
        sort_by(page, "Impact", "descending")
        assert [r["Impact"] for r in visible_rows(page, columns)] == by_rank[::-1]
    options = page.locator(f"{MAIN} select[data-filter='Impact'] option").all_inner_texts()
    assert options == ["all", "high", "medium", "low"], options


def test_a_review_missing_stays_last_both_ways(page: Page) -> None:
    columns, rows = open_index(page)
    assert any(r["Latest review"] == "no review" for r in rows), rows
    for direction in ("ascending", "descending"):
        with showing(page, f"Latest review {direction}: 'no review' last"):
            sort_by(page, "Latest review", direction)
            shown = [r["Latest review"] for r in visible_rows(page, columns)]
            assert shown[-1] == "no review", shown
            periods = [s.split(",")[0] for s in shown if s != "no review"]
            assert periods == sorted(periods, reverse=direction == "descending"), shown


def test_dates_sort_as_dates_and_names_in_one_collation(page: Page) -> None:
    columns, _ = open_index(page)
    with showing(page, "Next check-in ascending: by date"):
        sort_by(page, "Next check-in", "ascending")
        dates = [r["Next check-in"][:10] for r in visible_rows(page, columns)]
        assert dates == sorted(dates) and len(set(dates)) > 3, dates
    with showing(page, "Supplier ascending: Kjølberg between D and R (accents in place)"):
        sort_by(page, "Supplier", "ascending")
        names = [r["Supplier"] for r in visible_rows(page, columns)]
        assert names.index("Kjølberg Lim AS") == \
            names.index("Dongguan Huaxin Precision Manufacturing Co., Ltd.") + 1, names
        assert names[-1] == "Vantor Elektronika s.r.o.", names
