"""A date stays on one line: in a narrow table column Chromium would break "2026-09-30"
after a hyphen ("2026-09-" above "30"); every ISO date in a table cell reads as one word,
and the cell's text is unchanged."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.harness import MAIN, expect, showing

if TYPE_CHECKING:
    from playwright.sync_api import Page

# The lines each ISO date of a visible table cell spans (one entry per date).
DATE_LINES = r"""(main) => {
  const out = [];
  document.querySelectorAll(main + ' td').forEach(td => {
    if (!td.offsetParent) { return; }
    const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const re = /\d{4}-\d{2}-\d{2}/g;
      let m;
      while ((m = re.exec(n.data))) {
        const range = document.createRange();
        range.setStart(n, m.index);
        range.setEnd(n, m.index + 10);
        const tops = new Set(Array.from(range.getClientRects())
          .filter(r => r.width > 0).map(r => Math.round(r.top)));
        out.push([m[0], tops.size]);
      }
    }
  });
  return out;
}"""

PAGES = ["actions/", "agenda/", "handovers/", "suppliers/vantor-elektronika/",
         "suppliers/vantor-elektronika/handover/", "owners/elif-demir/"]


@pytest.mark.parametrize("path", PAGES)
def test_no_date_in_a_table_breaks_over_two_lines(page: Page, path: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(path)
    with showing(page, f"/{path}: every date in its tables on one line"):
        expect(page.locator(f"{MAIN} h1")).to_be_visible()
        page.evaluate("(m) => document.querySelectorAll(m + ' button.hb-section-toggle"
                      "[aria-expanded=false]').forEach(b => b.click())", MAIN)
        dates = page.evaluate(DATE_LINES, MAIN)
        assert len(dates) >= 5, dates
        assert [d for d in dates if d[1] != 1] == []


def test_the_cells_text_is_unchanged(page: Page) -> None:
    """The span around a date adds no character: the filter box finds the date as typed."""
    page.goto("actions/")
    first = page.locator(f"{MAIN} table tbody tr").first.locator("td").first
    with showing(page, "the first action's due date, as text and as one word"):
        expect(first).to_have_text("2026-09-30")
        expect(first.locator("span.hb-date")).to_have_text("2026-09-30")
