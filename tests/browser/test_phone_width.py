"""On a phone (375x812) a page never scrolls sideways; wide tables scroll in their own box."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.harness import MAIN, expect, open_page, showing

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# Elements that stick out of the viewport and are not inside a box that scrolls by itself.
OVERFLOW_JS = """() => {
  const width = window.innerWidth;
  const scrolls = el => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const x = getComputedStyle(p).overflowX;
      if ((x === "auto" || x === "scroll" || x === "hidden") && p !== document.body
          && p !== document.documentElement) { return true; }
    }
    return false;
  };
  return Array.from(document.querySelectorAll("body *"))
    .filter(el => el.getBoundingClientRect().right > width + 0.5 && !scrolls(el))
    .slice(0, 10)
    .map(el => `${el.tagName.toLowerCase()}.${el.className} right=${
      Math.round(el.getBoundingClientRect().right)}: ${el.outerHTML.slice(0, 160)}`);
}"""


@pytest.mark.parametrize("path", ["suppliers/vantor-elektronika/", "suppliers/", ""],
                         ids=["supplier-page", "suppliers-index", "dashboard"])
def test_no_horizontal_scrolling_at_phone_width(
    browser: Browser, base_url: str, path: str
) -> None:
    with open_page(browser, base_url, width=375, height=812) as page:
        page.goto(path)
        with showing(page, f"/{path} at 375 px wide"):
            expect(page.locator(f"{MAIN} h1")).to_be_visible()
            scroll_width, inner_width = page.evaluate(
                "() => [document.documentElement.scrollWidth, window.innerWidth]"
            )
            sticking_out = page.evaluate(OVERFLOW_JS)
            assert scroll_width <= inner_width, (
                f"the page scrolls sideways: scrollWidth {scroll_width} > innerWidth "
                f"{inner_width}; elements sticking out: {sticking_out}"
            )
