"""``scripts/check-tools`` (run by ``scripts/test``): what is missing, and how to get it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "check-tools"


def _bin(tmp_path: Path, *tools: str) -> Path:
    """A PATH folder holding only ``tools`` (links to the real ones)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    for tool in ("bash", "dirname", *tools):
        # python3: the interpreter itself (a pyenv shim or a venv link needs more around it)
        base = Path(sys.base_prefix) / "bin" / "python3"
        real = str(base) if tool == "python3" and base.exists() else shutil.which(tool)
        if real is None:
            pytest.skip(f"{tool} is not on this machine")
        (folder / tool).symlink_to(real)
    return folder


def _run(path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": str(path), "HOME": os.environ.get("HOME", "/root"), **extra}
    return subprocess.run([str(SCRIPT)], env=env, capture_output=True, text=True, timeout=60,
                          check=False)


def test_everything_there_says_nothing(tmp_path: Path) -> None:
    folder = _bin(tmp_path, "python3", "git", "node", "npm")
    (tmp_path / "chromium").write_text("#!/bin/sh\n")
    (tmp_path / "chromium").chmod(0o755)
    (tmp_path / "axe.min.js").write_text("")
    done = _run(folder, CHROMIUM=str(tmp_path / "chromium"), AXE=str(tmp_path / "axe.min.js"))
    assert (done.returncode, done.stderr) == (0, "")


def test_missing_browser_node_and_npm_are_named_with_how_to_get_them(tmp_path: Path) -> None:
    folder = _bin(tmp_path, "python3", "git")
    done = _run(folder, CHROMIUM=str(tmp_path / "no-chromium"), AXE=str(tmp_path / "no-axe"))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[0] == "missing what the tests need:"
    text = done.stderr
    assert f"{tmp_path / 'no-chromium'} (the browser tests drive Debian's Chromium): " \
        "apt-get install chromium; never playwright install" in text
    assert "node (runs axe-core for the accessibility tests): apt-get install nodejs npm" in text
    assert "npm (installs axe-core from package-lock.json): apt-get install nodejs npm" in text
    assert "npm ci, or scripts/setup-browser" in text
    assert "git" not in text.split("node")[0].split("\n", 1)[1]  # git is there: not listed


def test_missing_git_is_named(tmp_path: Path) -> None:
    folder = _bin(tmp_path, "python3", "node", "npm")
    done = _run(folder, CHROMIUM="/bin/sh", AXE=str(SCRIPT))
    assert done.returncode == 1
    assert "git (history, diff and adoption tests): apt-get install git" in done.stderr


def test_scripts_test_runs_it_before_the_tests() -> None:
    text = (ROOT / "scripts" / "test").read_text(encoding="utf-8")
    assert text.index("scripts/check-tools") < text.index(".venv/bin/pytest")
    assert "exec scripts/test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
