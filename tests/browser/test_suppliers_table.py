"""The suppliers index: the filter box and click-to-sort headings (assets/handbook.js)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.browser.harness import MAIN, expect, showing

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROWS_JS = """table => Array.from(table.tBodies[0].rows)
    .filter(row => !row.hidden)
    .map(row => Array.from(row.cells).map(cell => cell.textContent.trim()))"""


def open_index(page: Page) -> tuple[list[str], list[dict[str, str]]]:
    """Open /suppliers/; the column names and every row (by column name) before any filter."""
    page.goto("suppliers/")
    with showing(page, "the suppliers index has a filter box above a sortable table"):
        expect(page.locator("input.hb-filter")).to_be_visible()
        expect(page.locator(f"{MAIN} table th.hb-sortable").first).to_be_visible()
    columns = [t.strip() for t in page.locator(f"{MAIN} table thead th").all_inner_texts()]
    return columns, visible_rows(page, columns)


def visible_rows(page: Page, columns: list[str]) -> list[dict[str, str]]:
    cells: list[list[str]] = page.locator(f"{MAIN} table").first.evaluate(ROWS_JS)
    return [dict(zip(columns, row, strict=True)) for row in cells]


def filter_table(page: Page, text: str, expected_count: int) -> None:
    page.locator("input.hb-filter").fill(text)
    expect(page.locator(f"{MAIN} table tbody tr:visible")).to_have_count(expected_count)


def test_filter_by_owner_keeps_only_that_owners_rows(page: Page) -> None:
    columns, rows = open_index(page)
    assert len(rows) == 7, rows
    owner = "Elif Demir"
    theirs = [r for r in rows if r["Owner"] == owner]
    assert theirs, rows
    with showing(page, f"typing the owner {owner!r} keeps only their rows"):
        filter_table(page, owner, len(theirs))
        assert visible_rows(page, columns) == theirs
    with showing(page, "clearing the filter shows every row again"):
        filter_table(page, "", len(rows))


def test_clicking_health_sorts_by_health_then_reverses(page: Page) -> None:
    columns, rows = open_index(page)
    header = page.locator(f"{MAIN} table thead th", has_text="Health")
    # Health sorts by severity, not by the alphabet: green, amber, red; a supplier with no
    # review has no health to sort by and stays last in either direction.
    severity = {"green": 0, "amber": 1, "red": 2, "no review": 3}
    ascending = sorted((r["Health"] for r in rows), key=severity.__getitem__)
    descending = sorted((r["Health"] for r in rows), key=lambda h: (h == "no review",
                                                                    -severity[h]))
    assert len(set(ascending)) >= 3, ascending  # a sort that does nothing could not pass
    with showing(page, "first click on Health sorts the column ascending"):
        header.click()
        expect(header).to_have_attribute("aria-sort", "ascending")
        assert [r["Health"] for r in visible_rows(page, columns)] == ascending
    with showing(page, "second click on Health sorts it descending"):
        header.click()
        expect(header).to_have_attribute("aria-sort", "descending")
        assert [r["Health"] for r in visible_rows(page, columns)] == descending


def test_clicking_open_actions_sorts_the_counts(page: Page) -> None:
    # The example counts are all single digits: this shows the column sorts, not that "10"
    # comes after "9" (handbook.js's numeric branch), which the example data cannot tell.
    columns, rows = open_index(page)
    header = page.locator(f"{MAIN} table thead th", has_text="Open actions")
    with showing(page, "Open actions sorts from the fewest to the most"):
        header.click()
        expect(header).to_have_attribute("aria-sort", "ascending")
        shown = [int(r["Open actions"]) for r in visible_rows(page, columns)]
        assert shown == sorted(int(r["Open actions"]) for r in rows)
        assert shown != [int(r["Open actions"]) for r in rows]  # the click changed the order


def test_filter_by_model_and_by_health(page: Page) -> None:
    columns, rows = open_index(page)
    alliance = [r for r in rows if r["Model"] == "alliance"]
    red = [r for r in rows if r["Health"] == "red"]
    red_collaborative = [r for r in red if r["Model"] == "collaborative"]
    assert alliance and len(red) >= 2 and red_collaborative, rows
    with showing(page, "the filter 'alliance' keeps the alliance suppliers"):
        filter_table(page, "alliance", len(alliance))
        assert visible_rows(page, columns) == alliance
    with showing(page, "the filter 'red' keeps the suppliers in red health"):
        filter_table(page, "red", len(red))
        assert visible_rows(page, columns) == red
    with showing(page, "two words must both match: 'collaborative red'"):
        filter_table(page, "collaborative red", len(red_collaborative))
        assert visible_rows(page, columns) == red_collaborative
    with showing(page, "a filter that matches nothing hides every row"):
        filter_table(page, "no-such-supplier", 0)
