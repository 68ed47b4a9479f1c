"""Shared fixtures: the repository's own example handbook, checked once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from supplier_handbook.check import CheckResult, check_paths

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(scope="session")
def examples() -> CheckResult:
    result = check_paths([ROOT / "suppliers"])
    assert result.errors == [], [p.format() for p in result.errors]
    return result
