"""No listing page exceeds its size bound at 2,000 synthetic suppliers.

The generated pages other than the suppliers' own (the dashboard, every listing and all
their parts, the owners' pages) are rendered and built once by MkDocs with the handbook's
theme and navigation, without the supplier pages (they are not what grows, and leaving them
out keeps the build cheap); then each built page is weighed, and the links between the
parts are followed."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from supplier_handbook.derive.portfolio import Settings, derive
from supplier_handbook.model.check import check_paths
from supplier_handbook.render.renderer import Renderer

from bench.synth import write_suppliers
from tests.conftest import AS_OF, ROOT

# Renders 2,000 suppliers and builds their listing pages.
pytestmark = pytest.mark.slow(seconds=50)

N = 2000
BOUND = 300 * 1024  # bytes of one built page


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sizes")
    write_suppliers(root / "suppliers", N)
    checked = check_paths([root / "suppliers"])
    assert checked.errors == []
    pages = Renderer(derive(checked.suppliers, AS_OF, Settings())).shared_pages()
    for path, text in pages.items():
        target = root / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(docs_dir="docs", site_dir="site", plugins=[],
                  validation={"nav": {"omitted_files": "info"},
                              "links": {"not_found": "info", "unrecognized_links": "info"}})
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                            str(root / "mkdocs.yml")], capture_output=True, text=True,
                           check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert built.returncode == 0, built.stderr[-3000:]
    return root / "site"


def test_no_listing_page_exceeds_its_bound(site: Path) -> None:
    sizes = {str(p.relative_to(site)): p.stat().st_size for p in site.rglob("*.html")}
    assert len(sizes) > 100  # the owners' pages and the parts are all there
    assert {k: v for k, v in sizes.items() if v > BOUND} == {}
    for listing in ("actions", "agenda", "suppliers", "attention"):
        assert f"{listing}-2/index.html" in sizes, listing  # cut into parts


def _hrefs(page: Path) -> list[str]:
    return re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8"))


def test_each_part_links_to_every_other_part(site: Path) -> None:
    parts = sorted((p for p in site.iterdir() if re.fullmatch(r"actions-\d+", p.name)),
                   key=lambda p: int(p.name.split("-")[1]))
    pages = [site / "actions" / "index.html"] + [p / "index.html" for p in parts]
    for page in pages:
        reached = {(page.parent / h).resolve() for h in _hrefs(page) if h.startswith("../")}
        others = {p.parent.resolve() for p in pages if p != page}
        assert others <= reached, page
        text = page.read_text(encoding="utf-8")
        assert text.count(f"in {len(pages)} parts; this is part") == 2  # top and bottom


def test_the_matrix_links_to_the_part_holding_each_cell(site: Path) -> None:
    links = [h for h in _hrefs(site / "index.html") if h.startswith("positions") and "#" in h]
    assert links  # the cells are too full to list every name on the dashboard
    for href in links:
        path, _, anchor = href.partition("#")
        target = (site / path / "index.html").read_text(encoding="utf-8")
        assert f'id="{anchor}"' in target, href
