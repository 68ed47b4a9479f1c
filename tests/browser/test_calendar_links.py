"""Calendar subscriptions: where ``site_url`` is set, every feed's link has a ``webcal://``
link to the feed's published address beside it (calendar apps subscribe to that, and
refresh it); without ``site_url`` the page says why only a download is offered."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.browser.harness import MAIN, build_example_site, expect, open_page, serve, showing

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SITE_URL = "https://handbook.example.org/buying/"
FEEDS = {
    "suppliers/vantor-elektronika/": "calendar/suppliers/vantor-elektronika.ics",
    "owners/elif-demir/": "calendar/owners/elif-demir.ics",
}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = build_example_site(tmp_path_factory.mktemp("site-url"), f"site_url: {SITE_URL}\n")
    with serve(site) as url:
        yield url


@pytest.mark.parametrize("path", sorted(FEEDS))
def test_with_site_url_a_feed_can_be_subscribed(browser: Browser, published: str,
                                                 path: str) -> None:
    with open_page(browser, published) as page:
        page.goto(path)
        with showing(page, f"/{path} with site_url: a webcal:// link beside the download"):
            webcal = page.locator(f"{MAIN} a.hb-webcal").first
            expect(webcal).to_have_attribute(
                "href", "webcal://handbook.example.org/buying/" + FEEDS[path])
            expect(webcal).to_have_text("subscribe in your calendar app")
            download = page.locator(f"{MAIN} a[href$='.ics']").first
            expect(download).to_have_attribute("download", "")
            response = page.request.get(download.evaluate("a => a.href"))
            assert response.ok and b"BEGIN:VCALENDAR" in response.body()


@pytest.mark.parametrize("path", sorted(FEEDS))
def test_without_site_url_the_page_says_why_only_a_download(page: Page, path: str) -> None:
    page.goto(path)
    with showing(page, f"/{path} without site_url: a download, and why"):
        expect(page.locator(f"{MAIN} a[href$='.ics']").first).to_be_visible()
        assert page.locator(f"{MAIN} a[href^='webcal:']").count() == 0
        expect(page.locator(f"{MAIN} .hb-feed").first).to_contain_text("sets no site_url")
