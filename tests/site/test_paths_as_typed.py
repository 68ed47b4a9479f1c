"""Under ``mkdocs serve`` the supplier folder is absolute; located problems still name the
file as a person in the project folder types it (``serving.as_typed``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from supplier_handbook.base.problems import Problem
from supplier_handbook.site.serving import as_typed


def test_a_file_under_the_working_folder_is_named_relative(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    problem = Problem(str(tmp_path / "suppliers" / "acme.yaml"), 12, 10, "error", "bad")
    assert as_typed(problem).format() == "suppliers/acme.yaml:12:10: error: bad"


def test_a_file_elsewhere_keeps_its_whole_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    problem = Problem(str(tmp_path / "suppliers" / "acme.yaml"), 1, 1, "error", "bad")
    assert as_typed(problem) == problem
    relative = Problem("suppliers/acme.yaml", 1, 1, "error", "bad")
    assert as_typed(relative) == relative
