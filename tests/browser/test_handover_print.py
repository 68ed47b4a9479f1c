"""The handover brief prints as a document: no site chrome, nothing cut off, a real PDF."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Page

BRIEF = "suppliers/brennwald-druckguss/handover/"
CHROME = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"]


def visible(page: Page, selector: str) -> bool:
    return bool(page.evaluate(
        "(s) => { const el = document.querySelector(s);"
        " return !!el && getComputedStyle(el).display !== 'none'; }", selector))


def test_print_hides_the_site_chrome(page: Page) -> None:
    page.goto(BRIEF)
    assert all(visible(page, s) for s in CHROME[:1])  # on screen, the header is there
    page.emulate_media(media="print")
    assert [s for s in CHROME if visible(page, s)] == []
    assert page.locator("article h2").count() == 9  # every section of the brief


def test_the_brief_saves_as_a_pdf_with_all_its_text(page: Page) -> None:
    page.goto(BRIEF)
    page.emulate_media(media="print")
    width = page.evaluate("() => document.querySelector('article').scrollWidth")
    inner = page.evaluate("() => document.querySelector('article').clientWidth")
    assert width <= inner  # nothing cut off at the right edge of the paper
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF-") and pdf.count(b"/Type /Page") >= 2


def test_no_table_of_the_brief_scrolls_sideways_at_1280(page: Page) -> None:
    """The health table (seven columns) fits the text column as every other table does."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("suppliers/vantor-elektronika/handover/")
    widths = page.evaluate(
        "() => Array.from(document.querySelectorAll('article .md-typeset__scrollwrap'))"
        ".map(w => [w.scrollWidth, w.clientWidth])")
    assert len(widths) >= 3, widths  # contacts, actions, health reviews (and changes)
    assert [w for w in widths if w[0] > w[1]] == [], widths
