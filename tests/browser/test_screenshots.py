"""Screenshots at 1280 px for people to look at: test-artifacts/ (gitignored)."""

from __future__ import annotations

import struct
from typing import TYPE_CHECKING

import pytest

from tests.browser.harness import ARTIFACTS, MAIN, expect, showing

if TYPE_CHECKING:
    from playwright.sync_api import Page


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
