"""Filters over sections, kept in the address like the tables' filters: What changed by
supplier, author and date range (on a handbook with a git history), and the attention list by
flag kind and owner."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from tests.browser.harness import MAIN, expect, open_page, showing

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SHOWN_H_JS = """(args) => Array.from(document.querySelectorAll(args[0] + ' ' + args[1]))
    .filter(h => !h.hidden).map(h => h.textContent.replace('¶', '').trim())"""
C7 = "2026-11-20: Vantor: Q4 interim review, JAP-2 done, Lee Chen takes over"
C6 = "2026-11-18: Vantor: Martin Král left"
C5 = "2026-10-20: Old Foundry is no longer a supplier"
C4 = "2026-10-01: Rename Kjølberg to its full slug"


def headings(page: Page, level: str) -> list[str]:
    found: list[str] = page.evaluate(SHOWN_H_JS, [MAIN, level])
    return found


def test_what_changed_filters_by_author_supplier_and_dates(browser: Browser,
                                                           story_url: str) -> None:
    with open_page(browser, story_url) as page:
        page.goto("changes/")
        author = page.locator(f"{MAIN} select[data-filter='Author']")
        with showing(page, "What changed lists the commits of 90 days, newest first"):
            expect(author).to_be_visible()
            every = headings(page, "h2")
            assert every[:4] == [C7, C6, C5, C4], every
        author.select_option("Ana Alvarez")
        with showing(page, "the changes Ana Alvarez made"):
            assert headings(page, "h2") == [C7, C4]
            assert parse_qs(urlsplit(page.url).query) == {"author": ["Ana Alvarez"]}
        author.select_option("")
        page.locator(f"{MAIN} input[data-filter='Date from']").fill("2026-10-20")
        with showing(page, "what changed on and after 2026-10-20"):
            expect(page.locator(f"{MAIN} .hb-filter-status")).to_contain_text(
                f"3 of {len(every)} shown")
            assert headings(page, "h2") == [C7, C6, C5]
        page.locator(f"{MAIN} select[data-filter='Supplier']").select_option(
            "Vantor Elektronika s.r.o.")
        with showing(page, "Vantor's changes since 2026-10-20"):
            assert headings(page, "h2") == [C7, C6]
        address = page.url
        page.goto("")
        page.goto(address)
        with showing(page, f"{address} opened again: the same commits"):
            expect(page.locator(f"{MAIN} input[data-filter='Date from']")).to_have_value(
                "2026-10-20")
            assert headings(page, "h2") == [C7, C6]
        for _ in range(3):  # the address opened again, the home page, the same address
            page.go_back()
        with showing(page, "back: the date filter without the supplier"):
            expect(page.locator(f"{MAIN} select[data-filter='Supplier']")).to_have_value("")
            assert headings(page, "h2") == [C7, C6, C5]


def test_the_attention_list_filters_by_flag_and_owner(page: Page) -> None:
    page.goto("attention/")
    flag = page.locator(f"{MAIN} select[data-filter='Flag']")
    with showing(page, "the attention list has a flag filter"):
        expect(flag).to_be_visible()
        every = headings(page, "h3")
        assert len(every) >= 5, every
    flag.select_option("Review not shared")
    with showing(page, "the suppliers whose latest review was not shared"):
        shown = headings(page, "h3")
        assert 0 < len(shown) < len(every), shown
        for title in shown:
            entry = page.locator(f"{MAIN} h3", has_text=title).locator(
                "xpath=following-sibling::ul[1]")
            expect(entry).to_contain_text("Review not shared:")
    page.locator(f"{MAIN} select[data-filter='Owner']").select_option("Elif Demir")
    with showing(page, "Elif Demir's suppliers with a review not shared"):
        assert headings(page, "h3") == ["1. Vantor Elektronika s.r.o."]
        assert parse_qs(urlsplit(page.url).query) == {
            "flag": ["Review not shared"], "owner": ["Elif Demir"]}
    page.reload()
    with showing(page, "reloaded: the same entry"):
        expect(flag).to_have_value("Review not shared")
        assert headings(page, "h3") == ["1. Vantor Elektronika s.r.o."]
