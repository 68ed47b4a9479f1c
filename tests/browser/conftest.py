"""Browser tier: the built example handbook in Debian's Chromium, driven by Playwright.

One site build, one local server and one browser per session; a fresh browser context (and so
a fresh page) per test. Every test here carries the ``browser`` marker:
``pytest -m "not browser"`` leaves the tier out, ``pytest -m browser`` runs only it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.browser.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    build_example_site,
    open_page,
    require_browser,
    serve,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require_browser()  # fail before the build when the tier cannot run at all
    return build_example_site(tmp_path_factory.mktemp("browser"))


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def story_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The history tests' story (seven commits by three authors, June to November 2026)
    built and served: a handbook with a git history (What changed, Oldest files)."""
    from tests.history.conftest import make_story
    from tests.history.gitrepo import build

    story = make_story(tmp_path_factory.mktemp("story") / "handbook")
    site = tmp_path_factory.mktemp("story-site") / "site"
    build(story.repo, site)
    with serve(site) as url:
        yield url


@pytest.fixture()
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    """A desktop-width page (1280x800) that cannot reach any host but the local server."""
    with open_page(browser, base_url) as page:
        yield page
