"""What every test folder shares: the repository root, the day the demo handbook is read
as of, the demo handbook checked once, and fresh copies of it to build from."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import venv
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


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group markers
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tier markers; and every slow test in its module's pytest-xdist group, unless its
    module names a group of its own: with ``--dist loadgroup`` (scripts/test) a slow module's
    costly module fixtures (a site of 2,000 suppliers, the poisoned sites, the pre-commit
    environment) are built by one worker, not once by each worker its tests land on."""
    for item in items:
        for marker, folder in TIERS.items():
            if folder in item.path.parents:
                item.add_marker(marker)
        if item.get_closest_marker("slow") and not item.get_closest_marker("xdist_group"):
            item.add_marker(pytest.mark.xdist_group(item.path.relative_to(ROOT).as_posix()))


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


@pytest.fixture(scope="session")
def zensical(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Zensical's command, installed from the package index (the newest version pip
    resolves, ``--upgrade``) into a virtual environment of its own: it is not a dependency
    of the handbook. Where it cannot be installed, the test is skipped and says why.
    ``HANDBOOK_ZENSICAL=/path/to/zensical`` uses one already installed."""
    given = os.environ.get("HANDBOOK_ZENSICAL")
    if given:
        return Path(given)
    env_dir = tmp_path_factory.mktemp("zensical-venv")
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--upgrade", "zensical"], capture_output=True, text=True, timeout=600, check=False)
    if install.returncode != 0:
        pytest.skip("Zensical cannot be installed from the package index here: "
                    + (install.stderr.strip().splitlines() or ["no output"])[-1])
    return env_dir / "bin" / "zensical"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``tmp_path``, made the working folder for the test."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
