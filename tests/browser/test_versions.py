"""Published versions in the browser: Material's version selector on a site published with
mike (two editions, see tests/history/publish.py) switches to the same supplier page in the
other edition.

Material maps the page across versions through the other version's sitemap.xml, whose
addresses exist only when ``site_url`` is set; so the test's copy of mkdocs.yml gets the
local server's address (the port is chosen before the deploy) as site_url.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from tests.browser.harness import (
    MAIN,
    _QuietHandler,
    _Server,
    expect,
    open_page,
    serve,
    showing,
)
from tests.history.publish import OWNERS, extract_gh_pages, publish_two_versions

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

VANTOR = "suppliers/vantor-elektronika/"


@pytest.fixture(scope="module")
def published_without_site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same two editions published from a mkdocs.yml without site_url."""
    root = tmp_path_factory.mktemp("versions-no-site-url")
    tree = root / "gh-pages"
    extract_gh_pages(publish_two_versions(root), tree)
    with serve(tree) as url:
        yield url


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The gh-pages tree of the two editions, served on 127.0.0.1; yields the base URL."""
    root = tmp_path_factory.mktemp("versions")
    tree = root / "gh-pages"
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(tree)))
    try:
        base_url = f"http://127.0.0.1:{server.server_address[1]}/"
        extract_gh_pages(publish_two_versions(root, site_url=base_url), tree)
        thread = threading.Thread(target=server.serve_forever, name="versions-server",
                                  daemon=True)
        thread.start()
        try:
            yield base_url
        finally:
            server.shutdown()
            thread.join()
    finally:
        server.server_close()


def owner_cell(page: Page) -> Locator:
    return page.locator(f"{MAIN} tr:has(td:text-is('Owner')) td").nth(1)


def test_version_selector_opens_the_same_supplier_in_the_other_version(
    browser: Browser, published: str
) -> None:
    with open_page(browser, published) as page:
        page.goto(f"2026-Q4/{VANTOR}")
        selector = page.locator(".md-version")
        with showing(page, "the 2026-Q4 page shows Material's version selector"):
            expect(selector).to_be_visible()
            expect(page.locator(".md-version__current")).to_have_text("2026-Q4")
            expect(owner_cell(page)).to_contain_text(OWNERS["2026-Q4"])
        selector.hover()
        choice = page.locator(".md-version__link", has_text="2026-Q3")
        with showing(page, "hovering the selector lists 2026-Q3", ".md-version"):
            expect(choice).to_be_visible()
        choice.click()
        with showing(page, "choosing 2026-Q3 opens the same supplier in 2026-Q3"):
            page.wait_for_url(f"{published}2026-Q3/{VANTOR}")
            expect(page.locator(".md-version__current")).to_have_text("2026-Q3")
            expect(page.locator(f"{MAIN} h1")).to_contain_text("Vantor Elektronika s.r.o.")
            expect(owner_cell(page)).to_contain_text(OWNERS["2026-Q3"])
            expect(owner_cell(page)).not_to_contain_text(OWNERS["2026-Q4"])


def test_the_default_version_is_latest(browser: Browser, published: str) -> None:
    with open_page(browser, published) as page:
        page.goto("")
        with showing(page, "the site root redirects to latest, the 2026-Q4 edition"):
            page.wait_for_url(f"{published}latest/")
            expect(page.locator(".md-version__current")).to_have_text("2026-Q4")



def switch_to(page: Page, version: str) -> None:
    page.locator(".md-version").hover()
    choice = page.locator(".md-version__link", has_text=version)
    with showing(page, f"hovering the selector lists {version}", ".md-version"):
        expect(choice).to_be_visible()
    choice.click()


def test_without_site_url_the_selector_still_keeps_the_page(
    browser: Browser, published_without_site_url: str
) -> None:
    url = published_without_site_url
    with open_page(browser, url) as page:
        page.goto(f"2026-Q4/{VANTOR}")
        switch_to(page, "2026-Q3")
        with showing(page, "no site_url: choosing 2026-Q3 still opens the same supplier"):
            page.wait_for_url(f"{url}2026-Q3/{VANTOR}")
            expect(owner_cell(page)).to_contain_text(OWNERS["2026-Q3"])
        page.goto("2026-Q4/guides/handover/")
        switch_to(page, "2026-Q3")
        with showing(page, "a guide opens as the same guide in the other edition"):
            page.wait_for_url(f"{url}2026-Q3/guides/handover/")


def test_an_older_edition_says_so_and_the_latest_does_not(
    browser: Browser, published: str
) -> None:
    with open_page(browser, published) as page:
        page.goto(f"2026-Q3/{VANTOR}")
        notice = page.locator("[data-md-component=outdated]")
        with showing(page, "2026-Q3 (not the latest) shows Material's outdated notice"):
            expect(notice).to_be_visible()
            expect(notice).to_contain_text("You are reading an older edition of this handbook.")
            latest = notice.get_by_role("link", name="Open the latest edition")
            latest.click()
            page.wait_for_url(f"{published}latest/")
        page.goto(f"2026-Q4/{VANTOR}")
        with showing(page, "2026-Q4, the latest, shows no notice"):
            expect(page.locator(".md-version__current")).to_have_text("2026-Q4")
            expect(page.locator("[data-md-component=outdated]")).to_be_hidden()
