"""A build (and so ``mike deploy``, which runs it) prints what matters: the pages the
handbook generates beside the navigation (supplier, handover and owner pages, the parts of
long lists) are not listed as "not included in the nav"; a page a team writes and forgets
in the nav still is."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from supplier_handbook.adopt.scaffold import EXAMPLE_PATH, init_handbook
from supplier_handbook.adopt.toolpin import from_repo

from tests.conftest import AS_OF, ROOT

NOT_IN_NAV = 'but are not included in the "nav" configuration'


def _build(root: Path, site: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), "-d",
         str(site)],
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
        check=False)
    assert done.returncode == 0, done.stderr
    return done.stderr


def test_generated_pages_are_not_listed_but_a_forgotten_page_is(tmp_path: Path) -> None:
    root = tmp_path / "handbook"
    init_handbook(root, AS_OF,
                  from_repo("https://git.corp.internal/procurement/supplier-handbook.git"))
    for name in sorted((ROOT / "suppliers").glob("*.yaml")):  # the demo's, with handovers
        shutil.copyfile(name, root / "suppliers" / name.name)
    shutil.copyfile(root / EXAMPLE_PATH, root / "suppliers" / "example-supplier.yaml")
    said = _build(root, tmp_path / "site")
    assert NOT_IN_NAV not in said
    assert (tmp_path / "site" / "suppliers" / "brennwald-druckguss" / "index.html").is_file()

    (root / "content" / "notes.md").write_text("# Our notes\n", encoding="utf-8")
    said = _build(root, tmp_path / "site")
    listed = said.split(NOT_IN_NAV, 1)[1].split("\n")
    assert [line.strip() for line in listed[1:] if line.startswith("  - ")] == ["- notes.md"]
