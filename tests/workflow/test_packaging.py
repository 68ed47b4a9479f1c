"""The package builds from a clone whatever its ``suppliers/`` holds: nothing of the demo's
supplier files is shipped (the wheel carries its own example), and the constraints of the
release are."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from supplier_handbook import __version__

from tests.conftest import ROOT

NEEDED = ["pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "mkdocs.yml",
          "content/guides", "constraints", "generator"]


def test_a_clone_whose_suppliers_were_replaced_builds(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    for name in NEEDED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, clone / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, clone / name)
    (clone / "suppliers").mkdir()  # the team's own suppliers, not the demo's
    (clone / "suppliers" / "acme-castings.yaml").write_text("name: Acme Castings\n")
    out = tmp_path / "lib"
    done = subprocess.run([sys.executable, "setup.py", "-q", "build_py", "--build-lib", str(out)],
                          cwd=clone, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    package = out / "supplier_handbook"
    assert (package / "scaffold" / "example-supplier.yaml").is_file()
    assert (package / "shipped" / "mkdocs.yml").is_file()
    constraints = (package / "shipped" / "constraints.txt").read_text(encoding="utf-8")
    assert constraints == (ROOT / "constraints" / f"{__version__}.txt").read_text("utf-8")
    shipped = [p.name for p in (package / "shipped").rglob("*.yaml")]
    assert shipped == []  # no supplier file of the clone's


def test_the_constraints_of_this_release_pin_every_runtime_dependency() -> None:
    from importlib import metadata

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    lines = (ROOT / "constraints" / f"{__version__}.txt").read_text("utf-8").splitlines()
    pinned = {canonicalize_name(line.split("==")[0]) for line in lines
              if line and not line.startswith("#")}
    assert all("==" in line for line in lines if line and not line.startswith("#"))
    direct = {canonicalize_name(Requirement(r).name)
              for r in metadata.requires("supplier-handbook") or [] if "extra ==" not in r}
    assert direct <= pinned, direct - pinned
