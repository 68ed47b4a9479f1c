"""Long pages: the top of a supplier's page and of a person's page says what needs attention,
with links to the sections; a long table there folds to its first rows with its count in the
button ("Show all 11 rows")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.browser.harness import MAIN, expect, showing

if TYPE_CHECKING:
    from playwright.sync_api import Page


def top(page: Page, selector: str) -> float:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not rendered"
    return found["y"]


def test_a_supplier_page_says_what_needs_attention_at_the_top(page: Page) -> None:
    page.goto("suppliers/vantor-elektronika/")
    line = page.locator(f"{MAIN} p:has(strong:text-is('Needs attention:'))")
    with showing(page, "Vantor's page opens with its flags, linked to their section"):
        expect(line).to_be_visible()
        expect(line).to_contain_text("Action overdue")
        expect(line).to_contain_text("Health falling")
        assert top(page, f"{MAIN} p:has(strong:text-is('Needs attention:'))") < top(
            page, f"{MAIN} .hb-call")
        assert top(page, f"{MAIN} .hb-call li") + 30 < 800  # the card's first person still shows
        line.get_by_role("link", name="Health falling").click()
        page.wait_for_url("**#what-needs-attention")
        expect(page.locator(f"{MAIN} h2#what-needs-attention")).to_be_in_viewport()


def test_a_persons_page_lists_the_warnings_first(page: Page) -> None:
    page.goto("owners/elif-demir/")
    summary = page.locator(f"{MAIN} p:has(strong:text-is('What needs attention')) + ul").first
    with showing(page, "Elif Demir's page: the suppliers that need attention, before the dates"):
        expect(summary).to_contain_text("Vantor Elektronika s.r.o.: ")
        assert top(page, f"{MAIN} p:has(strong:text-is('What needs attention'))") < top(
            page, f"{MAIN} h2#dates-in-order") < 800
        summary.get_by_role("link", name="Vantor Elektronika s.r.o.").click()
        page.wait_for_url("**#vantor-elektronika")
        expect(page.locator(f"{MAIN} h2", has_text="Vantor Elektronika s.r.o.")).to_be_in_viewport()


def test_a_long_table_folds_with_its_count(page: Page) -> None:
    page.goto("owners/elif-demir/")
    table = page.locator(f"{MAIN} h2#dates-in-order ~ .md-typeset__scrollwrap table").first
    button = page.locator(f"{MAIN} button.hb-fold").first
    with showing(page, "Elif Demir's dates: five rows and 'Show all 11 rows (6 more)'"):
        expect(button).to_have_text("Show all 11 rows (6 more)")
        expect(table.locator("tbody tr:visible")).to_have_count(5)
        button.click()
        expect(table.locator("tbody tr:visible")).to_have_count(11)
        expect(button).to_have_attribute("aria-expanded", "true")


def test_a_long_list_folds_and_a_link_to_an_entry_unfolds_it(page: Page) -> None:
    page.goto("suppliers/vantor-elektronika/")
    everyone = page.locator(f"{MAIN} h3#everyone + ul")
    with showing(page, "Vantor's contacts: the first three and a button with the count"):
        total = everyone.locator("> li").count()
        assert total > 5, total
        button = everyone.locator("xpath=following-sibling::button[1]")
        expect(button).to_have_text(f"Show all {total} entries ({total - 3} more)")
        expect(everyone.locator("> li:visible")).to_have_count(3)
        last = everyone.locator("> li").last.locator(".hb-anchor").get_attribute("id")
    page.goto(f"suppliers/vantor-elektronika/#{last}")
    with showing(page, f"a link to #{last} (as a search result opens it) unfolds the list"):
        expect(everyone.locator("> li:visible")).to_have_count(total)
        expect(everyone.locator("> li").last).to_be_in_viewport()


def test_older_review_notes_fold_behind_their_count(page: Page) -> None:
    page.goto("suppliers/vantor-elektronika/")
    button = page.locator(f"{MAIN} h2#health-reviews ~ button.hb-fold").first
    newest = page.locator(f"{MAIN} h2#health-reviews ~ p:has(strong:text-is('2026-Q4'))")
    older = page.locator(f"{MAIN} h2#health-reviews ~ p:has(strong:text-is('2026-Q3'))")
    with showing(page, "Vantor's review notes: the newest, and a button for the 2 others"):
        expect(button).to_have_text("Show all 3 review notes (2 more)")
        expect(newest).to_be_visible()
        expect(older).to_be_hidden()
        button.click()
        expect(older).to_be_visible()
