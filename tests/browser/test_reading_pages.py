"""The pages a new buyer reads: who to call above the fold, tables inside the viewport at
1280 and 390 px, the pictures (portfolio matrix, health heatmap, coverage map) rendered and
accessible in both colour schemes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.harness import MAIN, expect, open_page, require_axe, showing
from tests.browser.test_accessibility import BLOCKING, describe

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SUPPLIERS = ["brennwald-druckguss", "calder-technical-services", "cartonnages-morvan",
             "huaxin-precision", "kjolberg-lim", "rheinhafen-kontraktlogistik",
             "vantor-elektronika"]
CARD = f"{MAIN} .admonition.hb-call"

# Tables (Material wraps each in a box that scrolls sideways) wider than their box, and the
# page's own width against the viewport.
FIT_JS = """() => ({
  page: document.documentElement.scrollWidth, viewport: window.innerWidth,
  tables: Array.from(document.querySelectorAll('article .md-typeset__scrollwrap'))
    .filter(w => w.scrollWidth > w.clientWidth + 1)
    .map(w => `${w.scrollWidth}>${w.clientWidth}: ` +
              Array.from(w.querySelectorAll('th')).map(th => th.textContent.trim()).join('|')),
})"""


def box(page: Page, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not rendered"
    return {"x": found["x"], "y": found["y"], "width": found["width"],
            "height": found["height"]}


@pytest.mark.parametrize("slug", SUPPLIERS)
def test_who_to_call_is_above_the_fold_at_1280x800(page: Page, slug: str) -> None:
    page.goto(f"suppliers/{slug}/")
    with showing(page, f"/suppliers/{slug}/ opens with the who-to-call card"):
        expect(page.locator(CARD)).to_be_visible()
        card = box(page, CARD)
        first = box(page, f"{CARD} li")
        assert first["y"] + first["height"] <= 800, (first, card)  # the first person, whole
        assert card["y"] < 400, card
        # the card comes before the summary and the facts table
        assert card["y"] < box(page, f"{MAIN} table")["y"]


def test_who_to_call_shows_the_phone_and_the_missing_ones(page: Page) -> None:
    page.goto("suppliers/vantor-elektronika/")
    card = page.locator(CARD)
    with showing(page, "Vantor's card: escalation path in order, with phones", CARD):
        expect(card.locator("ol > li").first).to_contain_text(
            "Lucie Novotná, Key Account Manager · phone +420 545 555 031")
        expect(card.locator("ol > li").nth(1)).to_contain_text("Petr Dvořák, CEO")
        expect(card).to_contain_text("Owner: Elif Demir since 2025-06-01")
        expect(card).to_contain_text("Our side: Claudia Reinhardt (Chief Procurement Officer")
        card_box = box(page, CARD)
        assert card_box["y"] + card_box["height"] <= 800, card_box  # the whole card
    page.goto("suppliers/cartonnages-morvan/")
    with showing(page, "Cartonnages: a person on the path without a phone says so", CARD):
        expect(page.locator(f"{CARD} ol > li").nth(1)).to_contain_text(
            "Yann Morvan, Président (owner) · no phone on record")
    page.goto("suppliers/huaxin-precision/")
    with showing(page, "Huaxin: no escalation path, said in the card", CARD):
        expect(page.locator(f"{CARD} .hb-missing").first).to_have_text("No escalation path")
        expect(page.locator(CARD)).to_contain_text("Li Wei")


def test_supplier_pages_link_the_index_and_their_neighbours(page: Page) -> None:
    page.goto("suppliers/kjolberg-lim/")
    nav = page.locator(f"{MAIN} p:has(a:text-is('All suppliers'))")
    with showing(page, "Kjølberg links back to the index and on to its neighbours by name"):
        expect(nav).to_contain_text("previous: Dongguan Huaxin Precision Manufacturing")
        expect(nav).to_contain_text("next: Rheinhafen Kontraktlogistik GmbH")
        nav.get_by_role("link", name="Rheinhafen Kontraktlogistik GmbH").click()
        page.wait_for_url("**/suppliers/rheinhafen-kontraktlogistik/")
    # the suppliers are not in the navigation: the page does not grow with the portfolio
    assert page.locator(".md-nav a[href*='suppliers/vantor-elektronika']").count() == 0


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", [*(f"suppliers/{s}/" for s in SUPPLIERS), "", "suppliers/",
                                  "owners/elif-demir/", "owners/", "culture-check/"])
def test_every_table_fits(browser: Browser, base_url: str, path: str, width: int) -> None:
    with open_page(browser, base_url, width=width, height=800) as page:
        page.goto(path)
        with showing(page, f"/{path} at {width} px: no table scrolls, the page does not"):
            expect(page.locator(f"{MAIN} h1")).to_be_visible()
            fit = page.evaluate(FIT_JS)
            assert fit["page"] <= fit["viewport"], fit
            assert fit["tables"] == [], fit


@pytest.mark.parametrize("width", [1280, 390])
def test_the_red_column_of_the_matrix_is_in_view(browser: Browser, base_url: str,
                                                 width: int) -> None:
    with open_page(browser, base_url, width=width, height=800) as page:
        page.goto("")
        red = page.locator(f"{MAIN} td:has(> .hb-mx-red)")
        with showing(page, f"the matrix's red cells at {width} px"):
            expect(red).to_have_count(3)
            expect(red.first).to_contain_text("Critical: run a recovery plan · 1 supplier")
            expect(red.first.get_by_role("link", name="Vantor Elektronika s.r.o.")).to_be_visible()
            for i in range(3):
                cell = red.nth(i).bounding_box()
                assert cell and cell["x"] >= 0 and cell["x"] + cell["width"] <= width, cell


PICTURES = {
    "": ["table:has(.hb-mx)", "figure.hb-distribution"],
    "suppliers/vantor-elektronika/": ["figure.hb-heatmap", "table:has(.hb-who)"],
}


@pytest.mark.parametrize("scheme", ["default", "slate"])
@pytest.mark.parametrize("path", sorted(PICTURES), ids=["dashboard", "supplier-page"])
def test_pictures_render_and_pass_axe(page: Page, path: str, scheme: str) -> None:
    axe = require_axe()
    page.goto(path)
    # a supplier page's long sections are folded (test_long_pages): open them, as a reader does
    page.locator(f"{MAIN} button.hb-section-toggle[aria-expanded=false]").evaluate_all(
        "buttons => buttons.forEach(b => b.click())")
    with showing(page, f"/{path} shows its pictures ({scheme} scheme)"):
        for selector in PICTURES[path]:
            expect(page.locator(f"{MAIN} {selector}")).to_be_visible()
        if scheme != "default":
            page.locator("form[data-md-component=palette] label:visible").click()
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
    heat = page.locator(f"{MAIN} figure.hb-heatmap svg")
    if heat.count():
        assert heat.get_attribute("role") == "img"
        assert "2026-Q4: strategic dialogue amber" in (heat.locator("desc").text_content() or "")
        assert heat.locator("text", has_text="red").count() >= 5  # words, not only colour
    page.add_script_tag(path=str(axe))
    include = [f"article {s}" for s in PICTURES[path]]
    results = page.evaluate("async include => await axe.run({include: include.map(s => [s])})",
                            include)
    assert results["passes"], "axe ran no passing check on the pictures"
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"axe on the pictures of /{path} ({scheme}):\n{describe(blocking)}"
