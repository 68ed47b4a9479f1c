"""Long pages: the top of a supplier's page and of a person's page says what needs attention,
with links to the sections; a long table there folds to its first rows with its count in the
button ("Show all 11 rows"); a supplier page's long sections fold to their headings, which say
what each holds ("Contacts · 7 people"), and open on a click, a link, find-in-page (text
fragments, hidden="until-found") and printing; without JavaScript nothing folds."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.harness import MAIN, expect, require_axe, showing
from tests.browser.test_accessibility import BLOCKING, describe

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page


def toggle(page: Page, section: str) -> Locator:
    """The button in the heading of a supplier page's section (its id)."""
    return page.locator(f"{MAIN} h2#{section} > button.hb-section-toggle")


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
        toggle(page, "contacts").click()
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
    body = f"{MAIN} h2#health-reviews + .hb-section-body"
    button = page.locator(f"{body} > button.hb-fold").first
    newest = page.locator(f"{body} > p:has(strong:text-is('2026-Q4'))")
    older = page.locator(f"{body} > p:has(strong:text-is('2026-Q3'))")
    with showing(page, "Vantor's review notes: the newest, and a button for the 2 others"):
        toggle(page, "health-reviews").click()
        expect(button).to_have_text("Show all 3 review notes (2 more)")
        expect(newest).to_be_visible()
        expect(older).to_be_hidden()
        button.click()
        expect(older).to_be_visible()


VANTOR = "suppliers/vantor-elektronika/"
# Vantor's sections taller than 30 % of the 800 px window, and what their headings say.
FOLDED = {
    "impact-and-governance": "Impact and governance · 3 meetings",
    "contacts": "Contacts · 7 people",
    "health-reviews": "Health reviews · 4 reviews",
    "joint-action-plan": "Joint Action Plan · 8 actions, 3 overdue",
    "timeline": "Timeline · 5 entries",
}
OPEN = {  # short, or what a new owner reads first (the last owner's handover notes)
    "owner-and-handovers": "Owner and handovers · 0 handovers",
    "culture-check": "Culture check · 1 question, 2 answers",
}
HEIGHT_JS = "() => document.documentElement.scrollHeight"
OPEN_ALL_JS = """main => document.querySelectorAll(
  main + ' button.hb-section-toggle[aria-expanded=false]').forEach(b => b.click())"""


def body(page: Page, section: str) -> Locator:
    return page.locator(f"{MAIN} h2#{section} + .hb-section-body")


def test_long_sections_fold_to_headings_that_say_what_they_hold(page: Page) -> None:
    page.goto(VANTOR)
    with showing(page, "Vantor's long sections are folded, each heading with its count"):
        for section, text in FOLDED.items():
            button = toggle(page, section)
            expect(button).to_have_text(text)
            expect(button).to_have_attribute("aria-expanded", "false")
            expect(button).to_have_attribute("aria-controls", f"{section}--body")
            expect(body(page, section)).to_have_attribute("id", f"{section}--body")
            expect(body(page, section)).to_be_hidden()
        for section, text in OPEN.items():
            expect(toggle(page, section)).to_have_text(text)
            expect(toggle(page, section)).to_have_attribute("aria-expanded", "true")
            expect(body(page, section)).to_be_visible()
        # what needs attention is never folded: no toggle, every warning in view on the page
        assert page.locator(f"{MAIN} h2#what-needs-attention button").count() == 0
        warnings = page.locator(f"{MAIN} .admonition.warning")
        assert warnings.count() >= 2
        for i in range(warnings.count()):
            expect(warnings.nth(i)).to_be_visible()
        folded = page.evaluate(HEIGHT_JS)
        page.evaluate(OPEN_ALL_JS, MAIN)
        for section in FOLDED:
            expect(body(page, section)).to_be_visible()
        unfolded = page.evaluate(HEIGHT_JS)
        # 2,723 of 6,295 px when measured; the page was 5,961 px with every section open
        assert folded <= 0.5 * unfolded, (folded, unfolded)


def test_a_click_on_a_heading_opens_and_closes_its_section(page: Page) -> None:
    page.goto(VANTOR)
    button = toggle(page, "contacts")
    coverage = page.locator(f"{MAIN} h3#coverage-map")
    with showing(page, "Contacts opens on a click on its heading and closes on the next"):
        expect(coverage).to_be_hidden()
        button.click()
        expect(button).to_have_attribute("aria-expanded", "true")
        expect(coverage).to_be_visible()
        expect(page.locator(f"{MAIN} table:has(.hb-who)")).to_be_visible()
        button.press("Enter")  # a real button: the keyboard works too
        expect(button).to_have_attribute("aria-expanded", "false")
        expect(coverage).to_be_hidden()


def test_a_link_to_a_section_or_into_it_opens_it(page: Page) -> None:
    page.goto(f"{VANTOR}#action-jap-8")
    row = page.locator(f"{MAIN} tr:has(#action-jap-8)")
    with showing(page, "a link to an action (as the agenda and search give) opens the plan"):
        expect(toggle(page, "joint-action-plan")).to_have_attribute("aria-expanded", "true")
        expect(row).to_be_in_viewport()
    page.goto(VANTOR)
    with showing(page, "the 'overdue actions' link at the top opens the Joint Action Plan"):
        expect(body(page, "joint-action-plan")).to_be_hidden()
        page.locator(f"{MAIN} p:has(strong:text-is('Needs attention:'))").get_by_role(
            "link", name="overdue actions").click()
        expect(body(page, "joint-action-plan")).to_be_visible()
        expect(toggle(page, "joint-action-plan")).to_have_attribute("aria-expanded", "true")
        # the table of contents' link to a folded section opens it too
        expect(body(page, "timeline")).to_be_hidden()
        page.locator(".md-nav--secondary a[href='#timeline']").first.click()
        expect(body(page, "timeline")).to_be_visible()
        expect(page.locator(f"{MAIN} h2#timeline")).to_be_in_viewport()


def test_find_in_page_reaches_a_folded_section(page: Page) -> None:
    # A text fragment is Chromium's find-in-page by address: it searches hidden="until-found"
    # content, and fires beforematch on it, as Ctrl+F does (content hidden with display:none
    # is never found, nor opened).
    page.goto(f"{VANTOR}#:~:text=workshop%20cut%206%20seconds")
    with showing(page, "find-in-page finds a folded Timeline entry and opens the section"):
        expect(page.locator(f"{MAIN} td", has_text="workshop cut 6 seconds")).to_be_in_viewport()
        expect(toggle(page, "timeline")).to_have_attribute("aria-expanded", "true")
        expect(body(page, "contacts")).to_be_hidden()  # and only that section


def test_printing_shows_every_section(page: Page) -> None:
    page.goto(VANTOR)
    last_action = page.locator(f"{MAIN} tr:has(#action-jap-8)")
    with showing(page, "print media shows the folded sections"):
        expect(last_action).to_be_hidden()
        page.emulate_media(media="print")
        for section in FOLDED:
            expect(body(page, section)).to_be_visible()
        expect(page.locator(f"{MAIN} h3#coverage-map")).to_be_visible()
        page.emulate_media(media="screen")
        expect(body(page, "contacts")).to_be_hidden()
        page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")  # as printing does
        for section in FOLDED:
            expect(toggle(page, section)).to_have_attribute("aria-expanded", "true")
        expect(last_action).to_be_visible()


def test_without_javascript_every_section_is_open(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=base_url,
                                  java_script_enabled=False)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(
        base_url) else route.abort())
    try:
        page = context.new_page()
        page.goto(VANTOR)
        with showing(page, "without JavaScript the page is whole"):
            for section in FOLDED:
                expect(page.locator(f"{MAIN} h2#{section} + *")).to_be_visible()
            expect(page.locator(f"{MAIN} tr:has(#action-jap-8)")).to_be_visible()
            assert page.locator(f"{MAIN} button").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_the_opened_sections_pass_axe(page: Page, scheme: str) -> None:
    """test_accessibility runs axe on the page as it opens (folded); here every section open."""
    axe = require_axe()
    page.goto(VANTOR)
    if scheme != "default":
        page.locator("form[data-md-component=palette] label:visible").click()
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
    page.evaluate(OPEN_ALL_JS, MAIN)
    with showing(page, "every section open"):
        for section in FOLDED:
            expect(body(page, section)).to_be_visible()
    page.add_script_tag(path=str(axe))
    results = page.evaluate("async () => await axe.run(document)")
    assert results["passes"], "axe ran no passing check: it did not really run"
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"axe on Vantor, every section open ({scheme}):\n{describe(blocking)}"
