"""A new buyer's first clicks: the attention list on the dashboard, then search."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.harness import MAIN, expect, expect_search_result, search, showing

if TYPE_CHECKING:
    from playwright.sync_api import Page


def test_attention_list_leads_to_the_critical_supplier_and_its_escalation_path(
    page: Page,
) -> None:
    page.goto("")
    with showing(page, "the dashboard shows the attention list, critical supplier first"):
        expect(page.get_by_role("heading", name="Attention list")).to_be_visible()
        first = page.locator(f"{MAIN} h2#attention-list ~ h3 a:not(.headerlink)").first
        expect(first).to_have_text("Vantor Elektronika s.r.o.")
    first.click()
    with showing(page, "the click opens the supplier page"):
        page.wait_for_url("**/suppliers/vantor-elektronika/")
        expect(page.locator(f"{MAIN} h1")).to_contain_text("Vantor Elektronika s.r.o.")
    with showing(page, "the supplier page shows the escalation path, in order"):
        escalation = page.locator(
            f"{MAIN} .hb-call p:has(strong:text-is('Escalation path')) + ol > li > strong")
        expect(escalation).to_have_text(["Lucie Novotná", "Petr Dvořák"])


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        pytest.param("Novotná", "vantor-elektronika", id="contact-name"),
        pytest.param("Verhoeven", "calder-technical-services", id="contact-surname"),
        pytest.param("adhesives", "kjolberg-lim", id="category"),
        pytest.param("consignment", "calder-technical-services", id="action-text"),
        pytest.param("dock-to-stock", "rheinhafen-kontraktlogistik", id="action-text-hyphen"),
    ],
)
def test_search_finds_the_supplier(page: Page, query: str, slug: str) -> None:
    page.goto("")
    with showing(page, f"searching {query!r} lists /suppliers/{slug}/", ".md-search-result"):
        search(page, query)
        expect_search_result(page, f"suppliers/{slug}/")
