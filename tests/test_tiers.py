"""How the test tiers spread over pytest-xdist's workers: in the slow tier a module's tests
run on one worker (so its costly module fixtures are built once, not once per worker), and
what the workers share (Zensical's environment) is made once per run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, once_per_run

MODULE = '''
import os
from pathlib import Path

def _seen():
    with open(Path(os.environ["SEEN"]), "a") as out:
        out.write(f"{__name__} {os.environ.get('PYTEST_XDIST_WORKER')}\\n")

'''


def test_the_slow_tier_runs_each_module_on_one_worker(tmp_path: Path) -> None:
    """Run as scripts/test runs the slow tier: every module's tests on one worker."""
    script = (ROOT / "scripts" / "test").read_text(encoding="utf-8")
    (slow,) = [line for line in script.replace("\\\n", " ").splitlines()
               if line.startswith("tier slow ")]
    assert slow.split()[-3:] == ["--dist", "loadscope", "--no-loadscope-reorder"], slow
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    for module in ("one", "two"):
        tests = "".join(f"def test_{i}():\n    _seen()\n\n" for i in range(8))
        (tmp_path / f"test_{module}.py").write_text(MODULE + tests, encoding="utf-8")
    seen = tmp_path / "seen.txt"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "xdist",
         "-n", "2", "--dist", "loadscope", "test_one.py", "test_two.py"], cwd=tmp_path,
        capture_output=True, text=True, check=False,
        # only xdist is loaded (not Playwright's, hypothesis' ... plugins): a run of seconds
        env={**os.environ, "SEEN": str(seen), "PYTHONPATH": "",
             "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    workers: dict[str, set[str]] = {}
    for line in seen.read_text(encoding="utf-8").splitlines():
        module, worker = line.split()
        workers.setdefault(module, set()).add(worker)
    assert sorted(workers) == ["test_one", "test_two"]
    assert all(len(ids) == 1 for ids in workers.values()), workers


def test_what_the_workers_share_is_made_once_per_run(tmp_path: Path) -> None:
    made: list[Path] = []

    def make(target: Path) -> str | None:
        made.append(target)
        target.mkdir()
        return None

    target = tmp_path / "run" / "zensical-venv"
    assert once_per_run(target, make) is None
    assert once_per_run(target, make) is None  # the other worker, later
    assert made == [target]


def test_a_reason_it_could_not_be_made_reaches_every_worker(tmp_path: Path) -> None:
    calls: list[Path] = []

    def fail(target: Path) -> str | None:
        calls.append(target)
        return "no index here"

    target = tmp_path / "zensical-venv"
    assert once_per_run(target, fail) == "no index here"
    assert once_per_run(target, fail) == "no index here"
    assert len(calls) == 1


def test_the_costliest_slow_modules_are_collected_first(tmp_path: Path) -> None:
    """In collection order (as the slow tier hands the modules out), Zensical's 1,000
    suppliers come before mike's two editions, though tests/history sorts before tests/site;
    the other modules keep their order."""
    modules = ["tests/history/test_mike.py", "tests/fuzz/test_linear_render.py",
               "tests/site/test_zensical.py", "tests/site/test_listing_sizes.py"]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "-m", "slow", *modules], cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "generator"), str(ROOT)])})
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    order = list(dict.fromkeys(line.split("::")[0] for line in done.stdout.splitlines()
                               if "::" in line))
    assert order == [modules[2], modules[3], modules[0], modules[1]], order


def test_the_browser_tier_runs_in_parallel_a_module_on_one_worker() -> None:
    script = (ROOT / "scripts" / "test").read_text(encoding="utf-8")
    (browser,) = [line for line in script.splitlines() if line.startswith("tier browser ")]
    assert '"${jobs[@]}" --dist loadscope' in browser, browser
