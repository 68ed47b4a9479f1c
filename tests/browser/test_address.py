"""Filters live in the address: on every listing page, each drop-down, the filter box and the
sort order are kept in the page's address, restored when the page is loaded again (a
bookmark, a link sent to a colleague, a reload) and on back and forward."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.harness import MAIN, expect, showing

if TYPE_CHECKING:
    from playwright.sync_api import Page

VISIBLE_JS = """main => Array.from(
      document.querySelectorAll(main + ' table[data-hb-cards] tbody tr'))
    .filter(row => !row.hidden).map(row => row.cells[0].textContent.trim()
                                    + ' | ' + row.textContent.replace(/\\s+/g, ' ').trim())"""
LISTINGS = ["suppliers/", "agenda/", "actions/", "handovers/"]


def shown(page: Page) -> list[str]:
    rows: list[str] = page.evaluate(VISIBLE_JS, MAIN)
    return rows


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_a_chosen_filter_survives_reload_back_and_forward(page: Page) -> None:
    page.goto("suppliers/")
    impact = page.locator(f"{MAIN} select[data-filter='Impact']")
    with showing(page, "the suppliers index, every row"):
        expect(impact).to_be_visible()
        everyone = shown(page)
        assert len(everyone) == 7, everyone
    impact.select_option("high")
    with showing(page, "impact 'high' chosen: the address says so"):
        expect(page.locator(f"{MAIN} .hb-filter-status")).to_contain_text("of 7 shown")
        high = shown(page)
        assert 0 < len(high) < 7, high
        assert query(page) == {"impact": ["high"]}, page.url
    page.reload()
    with showing(page, "reloaded: the same drop-down, the same rows"):
        expect(impact).to_have_value("high")
        assert shown(page) == high
    page.go_back()
    with showing(page, "back: every row, the drop-down on 'all'"):
        expect(impact).to_have_value("")
        expect(page.locator(f"{MAIN} .hb-filter-status")).to_have_text("7 shown")
        assert shown(page) == everyone
        assert query(page) == {}
    page.go_forward()
    with showing(page, "forward: 'high' again"):
        expect(impact).to_have_value("high")
        assert shown(page) == high


def test_the_filter_box_and_the_sort_are_in_the_address(page: Page) -> None:
    page.goto("suppliers/")
    box = page.locator(f"{MAIN} input.hb-filter")
    box.press_sequentially("collaborative")
    heading = page.locator(f"{MAIN} table thead th", has_text="Open actions")
    heading.click()
    with showing(page, "typed 'collaborative', sorted by open actions"):
        expect(heading).to_have_attribute("aria-sort", "ascending")
        rows = shown(page)
        assert query(page) == {"q": ["collaborative"], "sort": ["Open actions"]}, page.url
    heading.click()
    expect(heading).to_have_attribute("aria-sort", "descending")
    assert query(page)["sort"] == ["-Open actions"]
    descending = shown(page)
    page.reload()
    with showing(page, "reloaded: the same text, the same order"):
        expect(box).to_have_value("collaborative")
        expect(heading).to_have_attribute("aria-sort", "descending")
        assert shown(page) == descending
    page.go_back()
    with showing(page, "back: the ascending order"):
        expect(heading).to_have_attribute("aria-sort", "ascending")
        assert shown(page) == rows
    page.go_back()
    with showing(page, "back again: the text, in the page's own order"):
        expect(box).to_have_value("collaborative")
        expect(heading).not_to_have_attribute("aria-sort", "ascending")


@pytest.mark.parametrize("path", LISTINGS)
def test_every_listing_page_restores_its_filters_from_the_address(page: Page,
                                                                 path: str) -> None:
    page.goto(path)
    select = page.locator(f"{MAIN} .hb-filter-bar select").first
    with showing(page, f"/{path} has a drop-down with a choice"):
        expect(select).to_be_visible()
        value = select.locator("option").nth(1).get_attribute("value")
        assert value, "the first drop-down offers nothing to choose"
    select.select_option(value)
    chosen = shown(page)
    key = next(iter(query(page)), None)
    with showing(page, f"/{path}: choosing {value!r} put it in the address"):
        assert key is not None and query(page)[key] == [value], page.url
    address = page.url
    page.goto("")  # somewhere else, then the address itself, as a bookmark opens it
    page.goto(address)
    with showing(page, f"/{path} opened from {address}: the same rows"):
        expect(select).to_have_value(value)
        assert shown(page) == chosen
