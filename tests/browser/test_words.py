"""Words and tables: reading pages speak of suppliers, not of the YAML file ("under
governance.escalation", "the file gives no overall"), never nest parentheses ("(Président
(owner))"), and the dashboard's "Oldest files" table labels every column, says how many it
shows of how many, and becomes cards on a phone like the other tables."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

from tests.browser.harness import MAIN, expect, open_page, showing

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

PAGES = ["", "attention/", "suppliers/cartonnages-morvan/", "suppliers/huaxin-precision/",
         "suppliers/rheinhafen-kontraktlogistik/", "suppliers/vantor-elektronika/",
         "suppliers/cartonnages-morvan/handover/", "owners/ines-carvalho/",
         "owners/henrik-dahl/", "owners/elif-demir/", "agenda/"]
JARGON = re.compile(r"governance\.\w+|\bthe file\b|\w+_\w+:")
NESTED = re.compile(r"\([^()]*\([^()]*\)[^()]*\)")


@pytest.mark.parametrize("path", PAGES)
def test_no_file_jargon_and_no_nested_parentheses(page: Page, path: str) -> None:
    page.goto(path)
    with showing(page, f"/{path} speaks of suppliers, not of the file"):
        expect(page.locator(f"{MAIN} h1")).to_be_visible()
        text = page.inner_text(MAIN)
        assert not JARGON.findall(text), sorted({m.strip() for m in JARGON.findall(text)})
        assert not NESTED.findall(text), NESTED.findall(text)


def test_the_oldest_files_table_labels_its_columns_and_counts(browser: Browser,
                                                              story_url: str) -> None:
    for width in (1280, 390):
        with open_page(browser, story_url, width=width) as page:
            page.goto("")
            section = page.locator(f"{MAIN} h2#oldest-files")
            table = page.locator(f"{MAIN} h2#oldest-files ~ .md-typeset__scrollwrap table").first
            with showing(page, f"the dashboard's Oldest files at {width} px"):
                expect(section).to_be_visible()
                headings = [t.strip() for t in table.locator("thead th").all_inner_texts()]
                if width == 1280:
                    assert headings == ["Supplier", "Last changed", "By", "Days since",
                                        "Stale"], headings
                    expect(page.locator(f"{MAIN} h2#oldest-files + p")).to_contain_text(
                        "supplier files")
                    rows = table.locator("tbody tr").count()
                    expect(page.locator(f"{MAIN} h2#oldest-files + p")).to_contain_text(
                        re.compile(rf"(the {rows} of \d+|all {rows}) supplier files"))
                else:  # a card per row, each value with its column's name
                    fit = page.evaluate("() => [document.documentElement.scrollWidth, "
                                        "window.innerWidth]")
                    assert fit[0] <= fit[1], fit
                    wrap = table.locator("xpath=ancestor::div[contains(@class,"
                                         "'md-typeset__scrollwrap')]").first
                    sizes = wrap.evaluate("w => [w.scrollWidth, w.clientWidth]")
                    assert sizes[0] <= sizes[1] + 1, sizes
                    expect(table.locator("tbody tr").first).to_contain_text("Last changed:")
