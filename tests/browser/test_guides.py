"""The guides a team receives (``handbook init`` copies them): they speak of the reader's own
handbook or of clearly made-up examples, never of the demo's people and suppliers, and the
start-here guide shows where history lives (History, What changed, editions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import yaml

from tests.browser.harness import MAIN, ROOT, expect, showing

if TYPE_CHECKING:
    from playwright.sync_api import Page

GUIDES = sorted(p.stem for p in (ROOT / "content" / "guides").glob("*.md"))


def demo_names() -> set[str]:
    """Every supplier, owner, contact and colleague named in the demo's supplier files."""
    names: set[str] = set()
    for path in (ROOT / "suppliers").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        names.add(data["name"])
        names.add(data["owner"]["name"])
        names.update(c["name"] for c in data.get("contacts", []))
        names.update(h[k] for h in data.get("handovers", []) for k in ("from", "to"))
        names.update(a["owner_internal"] for a in data.get("actions", []))
    return names


@pytest.mark.parametrize("guide", GUIDES)
def test_a_guide_names_none_of_the_demos_people(page: Page, guide: str) -> None:
    names = demo_names()
    assert len(names) > 20, names
    page.goto(f"guides/{guide}/")
    with showing(page, f"the guide {guide} names nobody of the demo handbook"):
        expect(page.locator(f"{MAIN} h1")).to_be_visible()
        text = page.inner_text(MAIN)
        found = sorted(n for n in names if n in text)
        assert not found, found


def test_the_start_here_guide_shows_where_history_lives(page: Page) -> None:
    page.goto("")
    page.locator(f"{MAIN} a", has_text="how to use the handbook").first.click()
    section = page.locator(f"{MAIN} h2#history-what-changed-and-editions")
    with showing(page, "the start-here guide has a section on history, What changed, editions"):
        expect(section).to_be_visible()
        text = page.inner_text(MAIN)
        for words in ("History", "What changed", "older edition", "version selector"):
            assert words in text, words
        expect(page.locator(f"{MAIN} a[href$='changes/']").first).to_be_attached()
