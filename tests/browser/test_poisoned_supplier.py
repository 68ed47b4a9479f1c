"""Suppliers whose every text field carries a script: in Chromium, no script of theirs runs on
the page shared with them (``--audience supplier``) nor anywhere in the export built with
plain MkDocs (no handbook code at all), and no link they wrote leads to ``javascript:``.

Each payload would set ``data-pwned`` on the page's root element (on load, on an image
error, on autofocus); the tests assert the attribute is absent. A first test shows that the
same detection catches a page that does run such a payload.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import yaml
from supplier_handbook.read.load import load_file

from tests.browser.harness import ROOT, open_page, search, serve, showing
from tests.security.paths import build_export, build_internal, build_shared, project
from tests.security.poison import poisoned

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

SET = "document.documentElement.dataset.pwned"
PAYLOADS = {
    "B1": f"<img src=x onerror=\"{SET}='img'\"></title><script>{SET}='script'</script>",
    "B2": f"*call*{{ autofocus onfocus=\"{SET}='focus'\" }} <svg onload=\"{SET}='svg'\">",
    "B3": f"[brief]( javascript:{SET}='link') [r][x]\n\n[x]: javascript:{SET}='ref'",
    "B4": f"[tab](\tjavascript:{SET}='tab') <a href=\"javascript:{SET}='a'\">a</a> "
          f"/// html | div\n///",
}
BASE = "brennwald-druckguss"
SETTLED = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
UNSAFE_LINKS = ("links => links.map(a => a.protocol).filter(p => !['http:', 'https:', "
                "'mailto:'].includes(p))")


def slug(payload_id: str) -> str:
    return f"poison-{payload_id.lower()}"


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = load_file(ROOT / "suppliers" / f"{BASE}.yaml").data
    files = {slug(pid): yaml.safe_dump(poisoned(data, pid, payload), allow_unicode=True,
                                       sort_keys=False, width=10_000)
             for pid, payload in PAYLOADS.items()}
    return project(tmp_path_factory.mktemp("poisoned-browser"), files)


def pwned(page: Page, url: str) -> tuple[str | None, list[str]]:
    """Open ``url``, let every load, error and focus handler run; return the marker (None when
    no script ran) and the protocols of links other than http, https and mailto."""
    page.goto(url, wait_until="load")
    page.evaluate(SETTLED)
    marker: str | None = page.evaluate(f"() => {SET} ?? null")
    protocols: list[str] = page.eval_on_selector_all("a[href]", UNSAFE_LINKS)
    return marker, protocols


def test_the_detection_sees_a_payload_that_runs(browser: Browser, tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        f"<!doctype html><title>x</title><img src=missing onerror=\"{SET}='img'\">"
        "<a href=\"javascript:void(0)\">x</a>", encoding="utf-8")
    with serve(tmp_path) as url, open_page(browser, url) as page:
        assert pwned(page, url) == ("img", ["javascript:"])


@pytest.mark.parametrize("payload_id", sorted(PAYLOADS))
def test_no_script_runs_on_the_shared_page(browser: Browser, config: Path, tmp_path: Path,
                                           payload_id: str) -> None:
    site = build_shared(config, slug(payload_id), tmp_path / "shared")
    with serve(site) as url, open_page(browser, url) as page, showing(page, payload_id):
        marker, protocols = pwned(page, url)
        assert marker is None, f"a payload ran: {marker}"
        assert protocols == [], protocols
        assert "our joint page" in page.title()
        assert page.evaluate("() => document.querySelectorAll('[autofocus]').length") == 0


def test_no_script_runs_anywhere_in_the_export(browser: Browser, config: Path,
                                               tmp_path: Path) -> None:
    site = build_export(config, tmp_path / "export")
    generated = [p for p in sorted(site.rglob("index.html"))
                 if not {"guides", "search", "assets"} & set(p.relative_to(site).parts)]
    slugs = {slug(pid) for pid in PAYLOADS}
    assert {f"suppliers/{s}/index.html" for s in slugs} <= {
        str(p.relative_to(site)) for p in generated}
    ran: dict[str, object] = {}
    with serve(site) as url, open_page(browser, url) as page:
        for path in generated:
            where = str(path.relative_to(site).parent)
            marker, protocols = pwned(page, url + ("" if where == "." else where + "/"))
            if marker is not None or protocols:
                ran[where] = (marker, protocols)
    assert ran == {}, json.dumps(ran, indent=1)
    assert len(generated) > len(slugs)


def test_no_script_runs_from_the_search_results(browser: Browser, config: Path,
                                                tmp_path: Path) -> None:
    """The search index holds the payloads as text; the results show them as text."""
    site = build_internal(config, tmp_path / "site")
    with serve(site) as url, open_page(browser, url) as page, showing(
            page, "searching the poisoned suppliers", ".md-search-result"):
        page.goto(url, wait_until="load")
        search(page, "PAYLOAD")
        page.locator(".md-search-result__item").nth(3).wait_for()
        page.evaluate(SETTLED)
        assert page.evaluate(f"() => {SET} ?? null") is None
        shown = page.locator(".md-search-result__list")
        assert shown.locator("img, script, svg, iframe, [onerror], [onload]").count() == 0
        assert "<script>" in shown.inner_text() or "onerror" in shown.inner_text()
