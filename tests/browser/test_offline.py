"""The handbook is read on intranets and offline: no page asks any other host for anything."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.browser.harness import MAIN, expect, expect_search_result, search, showing

if TYPE_CHECKING:
    from playwright.sync_api import Page, Request, Response


def test_every_request_goes_to_the_site_itself(page: Page, base_url: str) -> None:
    requested: list[str] = []
    failed: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    def record(response: Response) -> None:
        if response.status >= 400:
            failed.append(f"{response.status} {response.url}")

    def record_failure(request: Request) -> None:
        # Leaving a page aborts what it still loads (the search worker, the favicon): that is
        # not a failure. Requests to other hosts are checked below and by the page's guard.
        if request.failure != "net::ERR_ABORTED":
            failed.append(f"{request.failure} {request.url}")

    page.on("response", record)
    page.on("requestfailed", record_failure)
    for path in ["", "suppliers/vantor-elektronika/", "suppliers/", "owners/elif-demir/",
                 "actions/", "guides/using-the-handbook/"]:
        page.goto(path)
        with showing(page, f"/{path} loads"):
            expect(page.locator(f"{MAIN} h1")).to_be_visible()
    with showing(page, "a search runs (it loads the worker and Pagefind's index)",
                 ".md-search-result"):
        search(page, "Novotná")
        expect_search_result(page, "suppliers/vantor-elektronika/")
    page.wait_for_load_state("networkidle")

    elsewhere = [url for url in requested
                 if not url.startswith(base_url) and not url.startswith("data:")]
    assert not elsewhere, f"requests to other hosts: {sorted(set(elsewhere))}"
    # The recording is real: the pages, their assets and the search index were all seen.
    for part in ("suppliers/vantor-elektronika/", "owners/elif-demir/", "assets/handbook.js",
                 "assets/handbook.css", "search/search_index.json", "assets/search-worker.js",
                 "pagefind/pagefind-entry.json", "pagefind/fragment/"):
        assert any(url.startswith(base_url + part) for url in requested), (part, requested)
    assert not failed, f"requests that failed: {failed}"
    # A plain build has no version selector, so it never asks for mike's versions.json
    # (tests/browser/test_versions.py covers a site published with mike).
    assert not any(url.endswith("versions.json") for url in requested), requested
