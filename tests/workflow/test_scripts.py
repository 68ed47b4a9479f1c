"""The quick start's scripts install what they need and no more: ``scripts/build`` and
``scripts/serve`` install the handbook without the test tools (which ``scripts/test``
adds); run with stand-ins for the virtual environment's python and handbook."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

LOGGER = '#!/bin/sh\necho "$(basename "$0") $*" >> "$LOG"\n'


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    root = tmp_path / "clone"
    (root / "scripts").mkdir(parents=True)
    for name in ("build", "serve", "setup"):
        shutil.copy2(ROOT / "scripts" / name, root / "scripts" / name)
    bin_dir = root / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for tool in ("python", "handbook"):
        (bin_dir / tool).write_text(LOGGER)
        (bin_dir / tool).chmod(0o755)
    return root


def _run(checkout: Path, *args: str) -> list[str]:
    log = checkout / "log"
    subprocess.run(["bash", *args], cwd=checkout, env={"PATH": "/usr/bin:/bin", "LOG": str(log)},
                   check=True, capture_output=True, text=True, timeout=60)
    return log.read_text().splitlines()


@pytest.mark.parametrize("script", ["build", "serve"])
def test_build_and_serve_install_only_what_building_needs(checkout: Path, script: str) -> None:
    ran = _run(checkout, f"scripts/{script}", "--as-of", "2026-11-23")
    assert ran == [
        "python -m pip install --quiet --disable-pip-version-check -e .",
        f"handbook {script} --as-of 2026-11-23",
    ]


def test_the_test_setup_adds_the_test_tools(checkout: Path) -> None:
    assert _run(checkout, "scripts/setup") == [
        "python -m pip install --quiet --disable-pip-version-check -e .[test]"]
