"""axe-core (node_modules/axe-core, pinned in package-lock.json) on the main pages: no serious
or critical violation. A finding here is a product bug to fix, not a rule to switch off."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from tests.browser.harness import MAIN, article_text, expect, require_axe, showing

if TYPE_CHECKING:
    from playwright.sync_api import Page

BLOCKING = {"serious", "critical"}


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} {v['helpUrl']}")
        for node in v["nodes"][:8]:
            lines.append(f"    target {json.dumps(node['target'])}: {node['html'][:200]}")
            if node.get("failureSummary"):
                summary = " ".join(node["failureSummary"].split())
                lines.append(f"      {summary[:300]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    ... and {len(v['nodes']) - 8} more nodes")
    return "\n".join(lines)


PAGES = [
    pytest.param("", "default", id="dashboard"),
    pytest.param("suppliers/vantor-elektronika/", "default", id="supplier-page"),
    pytest.param("suppliers/", "default", id="suppliers-index"),
    pytest.param("owners/elif-demir/", "default", id="owner-page"),
    pytest.param("actions/", "default", id="actions"),
    pytest.param("agenda/", "default", id="agenda"),
    pytest.param("handovers/", "default", id="handovers"),
    pytest.param("attention/", "default", id="attention"),
    pytest.param("changes/", "default", id="changes"),
    pytest.param("suppliers/vantor-elektronika/handover/", "default", id="brief"),
    pytest.param("guides/edit-in-the-browser/", "default", id="guide"),
    # mkdocs.yml offers a dark scheme (slate): the handbook's own colours must work there too.
    pytest.param("", "slate", id="dashboard-dark"),
    pytest.param("suppliers/vantor-elektronika/", "slate", id="supplier-page-dark"),
    pytest.param("suppliers/", "slate", id="suppliers-index-dark"),
    pytest.param("agenda/", "slate", id="agenda-dark"),
]


@pytest.mark.parametrize(("path", "scheme"), PAGES)
def test_no_serious_or_critical_axe_violation(page: Page, path: str, scheme: str) -> None:
    axe = require_axe()
    page.goto(path)
    with showing(page, f"/{path} loads in the {scheme} colour scheme"):
        expect(page.locator(f"{MAIN} h1")).to_be_visible()
        if scheme != "default":
            page.locator("form[data-md-component=palette] label:visible").click()
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
    page.add_script_tag(path=str(axe))
    results = page.evaluate("async () => await axe.run(document)")
    assert results["passes"], "axe ran no passing check: it did not really run"
    blocking = [v for v in results["violations"] if v["impact"] in BLOCKING]
    assert not blocking, (
        f"axe found serious or critical violations on /{path} ({scheme} scheme):\n"
        f"{describe(blocking)}\n--- the page showed:\n{article_text(page)}"
    )
