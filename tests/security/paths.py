"""Every way a supplier's text reaches a reader, as functions the injection tests share:
the internal build (the plugin), the page shared with one supplier (``--audience supplier``),
and the export built with plain MkDocs (no handbook code at all).

The project's ``mkdocs.yml`` gets the Markdown extensions that would let Markdown text add
attributes or elements if it ever reached them: attr_list, md_in_html, pymdownx.blocks.html.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from click.testing import CliRunner
from supplier_handbook.commands.cli import main

from tests.conftest import AS_OF_TEXT as AS_OF
from tests.conftest import ROOT

RISKY_EXTENSIONS = ["attr_list", "md_in_html", "pymdownx.blocks.html"]
ENV = {"NO_MKDOCS_2_WARNING": "1"}


def project(root: Path, suppliers: dict[str, str]) -> Path:
    """A handbook in ``root``: the repository's guides and mkdocs.yml (plus the risky
    extensions), and ``suppliers`` (slug -> YAML text). Returns its mkdocs.yml."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["markdown_extensions"] = [*config["markdown_extensions"], *RISKY_EXTENSIONS]
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    shutil.copytree(ROOT / "content", root / "content")
    (root / "suppliers").mkdir()
    for slug, text in suppliers.items():
        (root / "suppliers" / f"{slug}.yaml").write_text(text, encoding="utf-8")
    return root / "mkdocs.yml"


def _handbook(*args: str) -> None:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False, env=ENV)
    assert result.exit_code == 0, result.output


def build_internal(config: Path, site: Path) -> Path:
    _handbook("build", "-f", str(config), "--as-of", AS_OF, "--site-dir", str(site))
    return site


def build_shared(config: Path, slug: str, site: Path) -> Path:
    _handbook("build", "-f", str(config), "--as-of", AS_OF, "--site-dir", str(site),
              "--audience", "supplier", slug)
    return site


def build_export(config: Path, out: Path) -> Path:
    """``handbook export`` then plain ``mkdocs build`` of the exported tree."""
    _handbook("export", str(out), "-f", str(config), "--as-of", AS_OF)
    exported = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert not [p for p in exported.get("plugins", []) if "handbook" in str(p)], exported
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(out / "mkdocs.yml"),
         "-d", str(out / "site")],
        capture_output=True, text=True, env={**os.environ, **ENV}, check=False,
    )
    assert done.returncode == 0, done.stderr
    return out / "site"
