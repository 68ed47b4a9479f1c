"""What every test folder shares: the repository root, the day the demo handbook is read
as of, the demo handbook checked once, and fresh copies of it to build from."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from supplier_handbook.check import CheckResult, check_paths

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


@pytest.fixture
def demo_handbook(tmp_path: Path) -> Path:
    """A fresh copy of the demo handbook in ``tmp_path / "handbook"``, for one test."""
    return copy_demo(tmp_path / "handbook")


@pytest.fixture(scope="session")
def examples() -> CheckResult:
    result = check_paths([ROOT / "suppliers"])
    assert result.errors == [], [p.format() for p in result.errors]
    return result
