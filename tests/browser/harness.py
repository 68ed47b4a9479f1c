"""What the browser tests share: the requirements, one site build, a quiet local server,
pages that cannot reach another host, and failure messages that say what the page showed.

Playwright is imported lazily (inside functions and under TYPE_CHECKING), so that a machine
without it still collects these tests and fails each one with a message saying what to
install, instead of aborting the whole pytest run with a collection error.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner
from supplier_handbook.commands.cli import main

from tests.conftest import AS_OF_TEXT as AS_OF
from tests.conftest import ROOT as ROOT  # re-exported for the browser tests
from tests.conftest import copy_demo

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path(os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
TIMEOUT_MS = 10_000
MAIN = "article.md-content__inner"  # the page's own article (search results are articles too)
SETUP_HINT = "run scripts/setup and scripts/setup-browser"


def require_browser() -> None:
    """Fail (never skip: CI must run these tests) when Chromium or Playwright is missing."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        pytest.fail(f"browser tests need Chromium at {CHROMIUM} (Debian package chromium): "
                    f"{SETUP_HINT}", pytrace=False)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        pytest.fail(f"browser tests need the Python package playwright ({exc}): {SETUP_HINT}; "
                    "never `playwright install`, the tests use Debian's Chromium", pytrace=False)


def require_axe() -> Path:
    if not AXE.is_file():
        pytest.fail(f"accessibility tests need {AXE.relative_to(ROOT)} (npm package axe-core, "
                    f"pinned in package-lock.json): {SETUP_HINT}", pytrace=False)
    return AXE


def build_example_site(workdir: Path, config: str = "") -> Path:
    """Build the repository's handbook (a copy of config, guides and suppliers) as of AS_OF;
    ``config`` (YAML lines, ``repo_url: ...``) goes on top of its ``mkdocs.yml``."""
    source = workdir / "handbook"
    copy_demo(source)
    if config:
        config_file = source / "mkdocs.yml"
        config_file.write_text(config + config_file.read_text(encoding="utf-8"),
                               encoding="utf-8")
    site = workdir / "site"
    result = CliRunner().invoke(
        main,
        ["build", "-f", str(source / "mkdocs.yml"), "--as-of", AS_OF,
         "--site-dir", str(site), "--strict"],
        catch_exceptions=False,
        env={"NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.exit_code == 0, result.output
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a browser that drops a connection it no longer needs is not a test failure


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (a port the OS picks); yields the base URL, ending in /."""
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def open_page(browser: Browser, base_url: str, width: int = 1280,
              height: int = 800) -> Iterator[Page]:
    """A page in a fresh context whose requests to any other host are aborted and reported:
    the tests never reach the network, even when the product starts asking for it."""
    context = browser.new_context(viewport={"width": width, "height": height},
                                  base_url=base_url, service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    blocked: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(base_url):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    context.route("**/*", guard)
    try:
        yield context.new_page()
        assert not blocked, f"pages asked for another host (aborted): {sorted(set(blocked))}"
    finally:
        context.close()


def article_text(page: Page, limit: int = 1500) -> str:
    """What the reader sees in the page's article (or body), for failure messages."""
    try:
        selector = MAIN if page.locator(MAIN).count() else "body"
        return page.inner_text(selector, timeout=2_000)[:limit]
    except Exception as exc:  # the page may be gone; say so rather than hide the failure
        return f"(could not read the page: {exc})"


@contextmanager
def showing(page: Page, what: str, also: str | None = None) -> Iterator[None]:
    """Re-raise a failed assertion or a Playwright timeout with the page's URL and text (and
    the text of the element ``also``, e.g. the search results, when given)."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        yield
    except (AssertionError, PlaywrightError) as exc:
        extra = ""
        if also is not None:
            try:
                extra = f"\n--- {also} showed:\n{page.inner_text(also, timeout=2_000)[:1500]}"
            except PlaywrightError as missing:
                extra = f"\n--- {also}: {missing}"
        raise AssertionError(
            f"{what}\n{type(exc).__name__}: {exc}{extra}\n"
            f"--- {page.url} showed:\n{article_text(page)}"
        ) from None


def expect(target: Any, message: str | None = None) -> Any:
    """Playwright's ``expect`` (auto-waiting assertions), imported only when used."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(target, message)


SEARCH_READY = "Type to start searching"  # Material's placeholder once its index is loaded


def open_search(page: Page) -> Any:
    """Focus Material's search box the way a reader does (the "/" key) and wait until the
    search index is loaded (typed earlier, a query may never be answered); returns the box."""
    box = page.locator(".md-search__input")
    page.keyboard.press("/")
    expect(box).to_be_focused()
    expect(page.locator(".md-search-result__meta")).to_have_text(SEARCH_READY)
    return box


def highlight_param(query: str) -> str:
    """The ``h=`` parameter of the result links answering ``query`` (the words found, then
    each quoted phrase), as the search worker and Material write it: results of a query
    typed only in part (every keystroke is a query) have another."""
    quoted = re.compile(r'"([^"]+)"')
    phrases = [" ".join(p.split()).lower() for p in quoted.findall(query) if p.strip()]
    words = quoted.sub(" ", query).replace('"', " ").split()
    return urlencode({"h": " ".join(dict.fromkeys([*words, *phrases]))})


def search(page: Page, query: str) -> None:
    """Type ``query`` into the search box once the index is loaded, then wait for the results
    of the whole query. Key by key, as a person types: Material reads the box on keyup
    (``fill`` sends none)."""
    box = open_search(page)
    box.press_sequentially(query)
    box.press("End")  # a key typed as text (an accented letter, say) sends no keyup of its own
    page.locator(f'.md-search-result__item a[href*="{highlight_param(query)}"]').first.wait_for()


def search_result_paths(page: Page) -> list[str]:
    """The paths (no query, no fragment) of the search results shown now."""
    paths: list[str] = page.eval_on_selector_all(
        ".md-search-result__item a", "links => links.map(a => new URL(a.href).pathname)"
    )
    return paths


def expect_search_result(page: Page, path: str) -> None:
    """Wait until a search result links to ``path`` (relative to the site, e.g. suppliers/x/);
    the failure message lists the results shown instead."""
    link = page.locator(f'.md-search-result__item a[href*="{path}"]').first
    try:
        expect(link).to_be_attached()
    except AssertionError:
        raise AssertionError(f"no search result links to {path}; results: "
                             f"{search_result_paths(page)}") from None
