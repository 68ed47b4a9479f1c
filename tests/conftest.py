"""What every test folder shares: the repository root, the day the demo handbook is read
as of, the demo handbook checked once, and fresh copies of it to build from."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
import subprocess
import venv
from collections.abc import Callable
from pathlib import Path

import pytest
from supplier_handbook.model.check import CheckResult, check_paths

ROOT = Path(__file__).resolve().parent.parent
"""The repository: its ``mkdocs.yml``, ``content/`` and ``suppliers/`` are the demo handbook."""
AS_OF = dt.date(2026, 11, 23)
"""The day the demo suppliers were written for (``--as-of`` of every build in the tests)."""
AS_OF_TEXT = AS_OF.isoformat()
"""``AS_OF`` as the command line and ``mkdocs.yml`` take it."""
DEMO_PARTS = ("mkdocs.yml", "content", "suppliers")
"""What a copy of the demo handbook holds."""


def copy_demo(target: Path) -> Path:
    """A copy of the demo handbook (``mkdocs.yml``, the guides, the suppliers) in ``target``
    (created if missing); returns ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in DEMO_PARTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy(source, target / name)
    return target


TIERS = {"browser": ROOT / "tests" / "browser", "adoption": ROOT / "tests" / "adoption"}
"""Markers given to every test under a folder (registered in pyproject.toml, with ``slow``,
which slow modules set themselves)."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for marker, folder in TIERS.items():
            if folder in item.path.parents:
                item.add_marker(marker)
    items.sort(key=slow_seconds, reverse=True)  # stable: a module's tests stay in order


def slow_seconds(item: pytest.Item) -> float:
    """``seconds`` of the test's ``slow`` marker (``pytest.mark.slow(seconds=90)``: about
    how long its module takes on a quiet 2-core machine), else 0. The costliest modules are
    collected first: the slow tier (``--dist loadscope --no-loadscope-reorder``) hands them
    out first, so that no worker starts a 90-second module when the others are done."""
    marker = item.get_closest_marker("slow")
    return float(marker.kwargs.get("seconds", 0)) if marker else 0.0


@pytest.fixture
def demo_handbook(tmp_path: Path) -> Path:
    """A fresh copy of the demo handbook in ``tmp_path / "handbook"``, for one test."""
    return copy_demo(tmp_path / "handbook")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo handbook built once per session (once per pytest-xdist worker), as the
    command builds it (``handbook build --strict --as-of AS_OF``), for the tests that only
    read a built site: never write into it."""
    from click.testing import CliRunner
    from supplier_handbook.commands.cli import main

    root = copy_demo(tmp_path_factory.mktemp("demo-site") / "handbook")
    site = root.parent / "site"
    result = CliRunner().invoke(
        main, ["build", "-f", str(root / "mkdocs.yml"), "--as-of", AS_OF_TEXT, "--site-dir",
               str(site), "--strict"], catch_exceptions=False, env={"NO_MKDOCS_2_WARNING": "1"})
    assert result.exit_code == 0, result.output
    return site


@pytest.fixture(scope="session")
def examples() -> CheckResult:
    result = check_paths([ROOT / "suppliers"])
    assert result.errors == [], [p.format() for p in result.errors]
    return result


def run_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder this pytest run's temporary folders are in: shared by its pytest-xdist
    workers (each has a base folder of its own inside it), the base folder without them."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def once_per_run(target: Path, make: Callable[[Path], str | None]) -> str | None:
    """``make(target)`` once per run, however many workers ask: the others wait for it under
    a lock and get what it returned (a reason why ``target`` could not be made, or None)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    done = target.parent / f"{target.name}.done"
    with open(target.parent / f"{target.name}.lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not done.exists():
            done.write_text(make(target) or "", encoding="utf-8")
        return done.read_text(encoding="utf-8") or None


def _install_zensical(env_dir: Path) -> str | None:
    venv.create(env_dir, with_pip=True, clear=True)
    install = subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "pip", "install", "--quiet",
         "--disable-pip-version-check", "--upgrade", "zensical"],
        capture_output=True, text=True, timeout=600, check=False)
    if install.returncode != 0:
        return (install.stderr.strip().splitlines() or ["no output"])[-1]
    return None


@pytest.fixture(scope="session")
def zensical(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Zensical's command, installed from the package index (the newest version pip
    resolves, ``--upgrade``) into a virtual environment of its own, once per run (the
    pytest-xdist workers share it): it is not a dependency of the handbook. Where it cannot
    be installed, the test is skipped and says why.
    ``HANDBOOK_ZENSICAL=/path/to/zensical`` uses one already installed."""
    given = os.environ.get("HANDBOOK_ZENSICAL")
    if given:
        return Path(given)
    env_dir = run_folder(tmp_path_factory) / "zensical-venv"
    failed = once_per_run(env_dir, _install_zensical)
    if failed:
        pytest.skip(f"Zensical cannot be installed from the package index here: {failed}")
    return env_dir / "bin" / "zensical"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``tmp_path``, made the working folder for the test."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
