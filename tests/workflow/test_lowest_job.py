"""The repository's own CI job that installs the lowest declared versions: its files
validate against their platforms' schemas (vendored by check-jsonschema, no network), and
``scripts/lowest-constraints`` pins every runtime dependency at its ``>=`` bound."""

from __future__ import annotations

import subprocess
import sys
import tomllib

import pytest

from tests.conftest import ROOT

CI_FILES = {".github/workflows/lowest.yml": "vendor.github-workflows",
            ".gitlab-ci.yml": "vendor.gitlab-ci"}


@pytest.mark.parametrize(("name", "schema"), CI_FILES.items())
def test_the_lowest_job_validates_against_its_platforms_schema(name: str, schema: str) -> None:
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is in the test extra")
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema,
         str(ROOT / name)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "lowest-constraints" in (ROOT / name).read_text(encoding="utf-8")


def _script(*args: str) -> list[str]:
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "lowest-constraints"), *args],
                          capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.splitlines()


def test_every_runtime_dependency_is_pinned_at_its_lower_bound() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = dict(line.split("==") for line in _script())
    assert len(pins) == len(project["dependencies"])
    assert pins["mkdocs-material"] == "9.8" and pins["pagefind"] == "1.5"  # no extras
    for requirement in project["dependencies"]:
        assert "<" in requirement, f"{requirement} has no upper bound"
    tools = _script("--test-tools")
    assert "check-jsonschema>=0.28" not in tools and "pytest>=8" in tools
