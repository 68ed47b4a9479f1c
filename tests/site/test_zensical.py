"""The exported tree builds with Zensical, Material for MkDocs' successor, at 1,000 synthetic
suppliers (listing pages used to exceed its search index limit per field, before they were
cut into parts).

Zensical is installed from the package index by the ``zensical`` fixture (``tests/conftest.py``:
the newest version pip resolves, in a virtual environment of its own, once per run); where it
cannot be installed the test is skipped and says why. By hand, at
5,000 suppliers: ``HANDBOOK_ZENSICAL_SUPPLIERS=5000 pytest tests/site/test_zensical.py``."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from supplier_handbook.commands.cli import main

from bench.synth import write_suppliers
from tests.conftest import AS_OF_TEXT, ROOT

pytestmark = pytest.mark.slow(seconds=90)  # installs Zensical into a fresh environment

N = int(os.environ.get("HANDBOOK_ZENSICAL_SUPPLIERS", "1000"))


def test_the_export_of_many_suppliers_builds_with_zensical(
        zensical: Path, tmp_path: Path) -> None:
    root = tmp_path / "hb"
    root.mkdir()
    (root / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    shutil.copytree(ROOT / "content", root / "content")
    write_suppliers(root / "suppliers", N)
    result = CliRunner().invoke(
        main, ["export", str(root / "export"), "-f", str(root / "mkdocs.yml"),
               "--as-of", AS_OF_TEXT],
        catch_exceptions=False, env={"NO_MKDOCS_2_WARNING": "1"})
    assert result.exit_code == 0, result.output
    built = subprocess.run([str(zensical), "build", "-f", str(root / "export" / "mkdocs.yml")],
                           cwd=root, capture_output=True, text=True, timeout=900, check=False,
                           env={**os.environ, "PYTHONPATH": ""})
    assert built.returncode == 0, (built.stdout + built.stderr)[-3000:]
    site = root / "export" / "site"
    assert (site / "suppliers" / "synthetic-supplier-00007" / "index.html").is_file()
    assert (site / "actions" / "index.html").is_file()
