"""Screenshots at 1280 px for people to look at: test-artifacts/ (gitignored)."""

from __future__ import annotations

import os
import struct
from typing import TYPE_CHECKING

import pytest

from tests.browser.harness import (
    ARTIFACTS,
    MAIN,
    ROOT,
    build_example_site,
    expect,
    open_page,
    serve,
    showing,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page


@pytest.mark.parametrize(
    ("path", "name", "title"),
    [
        ("", "dashboard.png", "Supplier relationships: what needs attention"),
        ("suppliers/vantor-elektronika/", "supplier-vantor-elektronika.png",
         "Vantor Elektronika s.r.o."),
    ],
    ids=["dashboard", "supplier-page"],
)
def test_screenshot_at_1280(page: Page, path: str, name: str, title: str) -> None:
    page.goto(path)
    with showing(page, f"/{path} shows its title before the screenshot"):
        expect(page.locator(f"{MAIN} h1")).to_contain_text(title)
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / name
    target.unlink(missing_ok=True)
    # Material fades its tabs in: without "disabled" the screenshot can catch them invisible.
    page.screenshot(path=str(target), full_page=True, animations="disabled")
    header = target.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", target
    width, height = struct.unpack(">II", header[16:24])
    assert width == 1280 and height >= 800, (target, width, height)


README_SHOTS = [
    # (page, what to scroll to the top, file in content/images/)
    ("", "h2#portfolio-matrix", "dashboard.png"),
    ("suppliers/vantor-elektronika/", "h1", "supplier.png"),
    ("suppliers/vantor-elektronika/", "h2#health-reviews", "supplier-health.png"),
]


@pytest.mark.parametrize(("path", "anchor", "name"), README_SHOTS,
                         ids=[n.removesuffix(".png") for _, _, n in README_SHOTS])
def test_readme_screenshot(page: Page, path: str, anchor: str, name: str) -> None:
    """The README's pictures, 1280x800 as a reader first sees them, taken from the build.
    Written to test-artifacts/; with UPDATE_SCREENSHOTS=1 also to content/images/ (review
    them like the golden pages)."""
    page.goto(path)
    target = page.locator(f"{MAIN} {anchor}").first
    with showing(page, f"/{path} shows {anchor}"):
        expect(target).to_be_visible()
    toggle = target.locator(".hb-section-toggle")
    if toggle.count() and toggle.get_attribute("aria-expanded") == "false":
        toggle.click()  # a folded section opens as a reader opens it, by its heading
        expect(toggle).to_have_attribute("aria-expanded", "true")
    if anchor != "h1":
        target.evaluate("el => window.scrollTo(0, el.getBoundingClientRect().top"
                        " + window.scrollY - 64)")
    ARTIFACTS.mkdir(exist_ok=True)
    out = ARTIFACTS / f"readme-{name}"
    out.unlink(missing_ok=True)
    page.screenshot(path=str(out), animations="disabled")
    header = out.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", out
    assert struct.unpack(">II", header[16:24]) == (1280, 800), out
    if os.environ.get("UPDATE_SCREENSHOTS"):
        (ROOT / "content" / "images" / name).write_bytes(out.read_bytes())


GUIDE_SHOTS = [
    # (page of the demo built with a GitHub repo_url, what to show at the top, file)
    ("suppliers/vantor-elektronika/", "h1", "edit-this-supplier.png"),
]


@pytest.mark.parametrize(("path", "anchor", "name"), GUIDE_SHOTS,
                         ids=[n.removesuffix(".png") for _, _, n in GUIDE_SHOTS])
def test_guide_screenshot_with_a_repository(browser: Browser,
                                            tmp_path_factory: pytest.TempPathFactory,
                                            path: str, anchor: str, name: str) -> None:
    """The pictures of the guide "Change a supplier in your browser", from the demo built
    with ``repo_url`` and ``edit_uri`` (GitHub's form); like the README's, written to
    content/guides/images/ (shipped with the guides) with UPDATE_SCREENSHOTS=1."""
    site = build_example_site(
        tmp_path_factory.mktemp("guide-shots"),
        "repo_url: https://github.com/your-org/supplier-handbook\nedit_uri: edit/main/content/\n")
    with serve(site) as url, open_page(browser, url) as page:
        page.route("https://api.github.com/**", lambda route: route.fulfill(
            status=200, content_type="application/json", body="{}"))
        page.goto(path)
        with showing(page, f"/{path} shows the edit line"):
            expect(page.locator(f"{MAIN} p.hb-edit")).to_be_visible()
            expect(page.locator(f"{MAIN} {anchor}").first).to_be_visible()
        ARTIFACTS.mkdir(exist_ok=True)
        out = ARTIFACTS / f"guide-{name}"
        out.unlink(missing_ok=True)
        page.screenshot(path=str(out), animations="disabled",
                        clip={"x": 0, "y": 0, "width": 1280, "height": 400})
    header = out.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", out
    assert struct.unpack(">II", header[16:24]) == (1280, 400), out
    if os.environ.get("UPDATE_SCREENSHOTS"):
        (ROOT / "content" / "guides" / "images" / name).write_bytes(out.read_bytes())
