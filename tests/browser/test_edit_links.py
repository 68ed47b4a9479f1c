""""Edit this supplier": with ``repo_url`` and ``edit_uri`` in ``mkdocs.yml``, every supplier
page and its printable brief link to ``suppliers/<slug>.yaml`` in the git host's web editor
(GitHub's and GitLab's forms, derived from ``edit_uri`` as Material derives a hand-written
page's link), and hand-written pages keep Material's own link."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from tests.browser.harness import (
    MAIN,
    build_example_site,
    expect,
    open_page,
    require_axe,
    serve,
    showing,
)
from tests.browser.test_accessibility import BLOCKING, describe

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

HOSTS = {
    "github": ("https://github.com/acme-buying/supplier-handbook", "edit/main/content/",
               "https://github.com/acme-buying/supplier-handbook/edit/main/"),
    "gitlab": ("https://gitlab.com/acme/buying/supplier-handbook", "-/edit/main/content/",
               "https://gitlab.com/acme/buying/supplier-handbook/-/edit/main/"),
}
SLUGS = ["vantor-elektronika", "kjolberg-lim"]


def repo_config(host: str) -> str:
    repo_url, edit_uri, _ = HOSTS[host]
    return f"repo_url: {repo_url}\nedit_uri: {edit_uri}\n"


@pytest.fixture(scope="module", params=sorted(HOSTS))
def hosted(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """(host, base URL) of the demo built with that host's repo_url and edit_uri."""
    site = build_example_site(tmp_path_factory.mktemp(request.param),
                              repo_config(request.param))
    with serve(site) as url:
        yield request.param, url


ASKED: list[str] = []  # what the pages asked of the git host


def no_repo_facts(route: Any) -> None:
    """Material's header would ask the host's API for the repository's stars: recorded and
    answered here, offline (the handbook's asks nothing: ``test_no_page_asks_the_git_host``)."""
    ASKED.append(route.request.url)
    route.fulfill(status=200, content_type="application/json", body="{}")


@pytest.fixture()
def repo_page(browser: Browser, hosted: tuple[str, str]) -> Iterator[tuple[str, Page]]:
    host, url = hosted
    with open_page(browser, url) as page:
        page.route("https://api.github.com/**", no_repo_facts)
        page.route("https://gitlab.com/api/**", no_repo_facts)
        yield host, page


def test_no_page_asks_the_git_host(repo_page: tuple[str, Page]) -> None:
    host, page = repo_page
    ASKED.clear()
    for path in ("", "suppliers/vantor-elektronika/", "guides/handover/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        with showing(page, f"/{path} ({host}): the repository link, and no request for it"):
            expect(page.locator(".md-header .md-source")).to_have_count(1)
    assert ASKED == []


@pytest.mark.parametrize("slug", SLUGS)
def test_supplier_page_and_brief_open_the_yaml_file_in_the_web_editor(
        repo_page: tuple[str, Page], slug: str) -> None:
    host, page = repo_page
    expected = f"{HOSTS[host][2]}suppliers/{slug}.yaml"
    for path in (f"suppliers/{slug}/", f"suppliers/{slug}/handover/"):
        page.goto(path)
        with showing(page, f"/{path} ({host}) links to {expected}"):
            visible = page.locator(f"{MAIN} p.hb-edit a")
            expect(visible).to_have_text("Edit this supplier")
            expect(visible).to_have_attribute("href", expected)
            expect(page.locator(f"{MAIN} p.hb-edit")).to_contain_text(f"suppliers/{slug}.yaml")
            # Material's own edit button opens the same file
            expect(page.locator(f"{MAIN} a.md-content__button[rel=edit]")).to_have_attribute(
                "href", expected)


def test_hand_written_pages_keep_materials_link(repo_page: tuple[str, Page]) -> None:
    host, page = repo_page
    page.goto("guides/handover/")
    with showing(page, f"a guide ({host}) links to its own Markdown file"):
        expect(page.locator(f"{MAIN} a.md-content__button[rel=edit]")).to_have_attribute(
            "href", f"{HOSTS[host][2]}content/guides/handover.md")
        assert page.locator(f"{MAIN} p.hb-edit").count() == 0


def test_without_repo_url_no_page_offers_an_edit_link(page: Page) -> None:
    page.goto("suppliers/vantor-elektronika/")
    with showing(page, "the demo (no repo_url): no edit link"):
        expect(page.locator(f"{MAIN} h1")).to_be_visible()
        assert page.locator(f"{MAIN} a[rel=edit]").count() == 0


def test_the_edit_line_passes_axe(repo_page: tuple[str, Page]) -> None:
    host, page = repo_page
    page.goto("suppliers/vantor-elektronika/")
    expect(page.locator(f"{MAIN} p.hb-edit")).to_be_visible()
    page.add_script_tag(path=str(require_axe()))
    results = page.evaluate("async () => await axe.run(document)")
    assert results["passes"], "axe ran no passing check"
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, f"axe on a supplier page with edit links ({host}):\n{describe(blocking)}"
