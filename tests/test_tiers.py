"""How the test tiers spread over pytest-xdist's workers: every slow test is in the group of
its module (so a module's costly fixtures, built once per worker, are built once), the two
Zensical modules in one group (one Zensical install), and scripts/test asks for the groups
(``--dist loadgroup``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SHOW_GROUPS = '''
def pytest_collection_finish(session):
    for item in session.items:
        names = sorted({str(m.args[0] if m.args else m.kwargs.get("name"))
                        for m in item.iter_markers("xdist_group")})
        print("GROUP", item.nodeid, ",".join(names) or "-")
'''
MODULES = ["tests/site/test_zensical.py", "tests/security/test_injection_zensical.py",
           "tests/site/test_listing_sizes.py", "tests/workflow/test_pre_commit_hook.py"]


def collected_groups(tmp_path: Path, *args: str) -> dict[str, str]:
    (tmp_path / "show_groups.py").write_text(SHOW_GROUPS, encoding="utf-8")
    path = os.pathsep.join([str(tmp_path), str(ROOT / "generator"), str(ROOT)])
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "-p", "show_groups", *args], cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": path, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    lines = [line.split() for line in done.stdout.splitlines() if line.startswith("GROUP ")]
    return {nodeid: group for _, nodeid, group in lines}


def test_each_slow_module_is_one_group_and_zensical_is_installed_once(tmp_path: Path) -> None:
    groups = collected_groups(tmp_path, "-m", "slow", *MODULES)
    by_module: dict[str, set[str]] = {}
    for nodeid, group in groups.items():
        by_module.setdefault(nodeid.split("::")[0], set()).add(group)
    assert set(by_module) == set(MODULES), sorted(by_module)
    assert all(len(names) == 1 and "-" not in names for names in by_module.values()), by_module
    assert by_module[MODULES[0]] == by_module[MODULES[1]] == {"zensical"}
    assert by_module[MODULES[2]] == {"tests/site/test_listing_sizes.py"}


def test_a_fast_test_is_in_no_group(tmp_path: Path) -> None:
    groups = collected_groups(tmp_path, "tests/test_tiers.py")
    assert set(groups.values()) == {"-"}, groups  # spread test by test, as before


def test_scripts_test_runs_the_groups_on_one_worker_each() -> None:
    script = (ROOT / "scripts" / "test").read_text(encoding="utf-8")
    (jobs,) = [line for line in script.splitlines() if line.startswith("jobs=(")]
    assert "--dist loadgroup" in jobs
