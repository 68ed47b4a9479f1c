"""Golden Markdown: the generated pages of two example suppliers, reviewed and committed,
rendered through the production path (``Pipeline``, as every build renders them).

When a template changes on purpose, regenerate with ``UPDATE_GOLDEN=1 pytest tests/render``
and review the diff of ``tests/render/golden/`` like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from supplier_handbook.model.check import CheckResult

from tests.derive.builders import pages as pipeline_pages

GOLDEN = Path(__file__).parent / "golden"
PAGES = ["suppliers/vantor-elektronika.md", "suppliers/brennwald-druckguss.md", "index.md",
         "suppliers/brennwald-druckguss/handover.md", "owners/index.md",
         "owners/tomasz-nowak.md"]


@pytest.mark.parametrize("page", PAGES)
def test_page_matches_golden(examples: CheckResult, page: str) -> None:
    pages = pipeline_pages(examples.suppliers)
    golden = GOLDEN / page.replace("/", "__")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(pages[page], encoding="utf-8")
    assert pages[page] == golden.read_text(encoding="utf-8")


def test_rendering_is_deterministic(examples: CheckResult) -> None:
    first = pipeline_pages(examples.suppliers)
    second = pipeline_pages(list(reversed(examples.suppliers)))
    assert first == second
