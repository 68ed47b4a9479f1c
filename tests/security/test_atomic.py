"""Builds are all or nothing, even when killed or run twice at once; no command writes to
suppliers/.

The site is judged by a hash of every file: after anything, it must be exactly the previous
complete build or exactly a new complete build. Killing uses SIGKILL (no cleanup runs); the
moment is found by polling the site's parent folder with a deadline, or fixed exactly by a
wrapper that kills the build right after one of its own renames. No sleeps.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from supplier_handbook.cli import main

from tests.conftest import ROOT

OLD, NEW = "2026-11-23", "2026-12-07"  # two as-of dates: two different complete sites
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
Hashes = dict[str, str]

# Runs ``handbook build`` with the moves of the swap wrapped (Path.rename, and the atomic
# exchange of generator.site): with HB_KILL_AFTER=N the process SIGKILLs itself after the
# site folder's Nth move, N=0 meaning just before the first one; or two builds meet at the
# swap (HB_MEET): each waits
# for the other before its first rename, and again after it, so that both have made their
# first move before either makes its second (a legal schedule of two processes).
WRAPPER = """
import os, pathlib, signal, sys, time
parent = pathlib.Path(os.environ["HB_PARENT"])
kill_after, meet = int(os.environ.get("HB_KILL_AFTER", "0")), os.environ.get("HB_MEET")
original, count = pathlib.Path.rename, 0
def wait(step):
    pathlib.Path(meet, f"{os.getpid()}.{step}").touch()
    deadline = time.monotonic() + 60
    while len([n for n in os.listdir(meet) if n.endswith(step)]) < 2:
        if time.monotonic() > deadline:
            break
        os.sched_yield()
def rename(self, target):
    global count
    if pathlib.Path(self).resolve().parent != parent:
        return original(self, target)
    if kill_after == 0 and not meet:
        os.kill(os.getpid(), signal.SIGKILL)
    if meet and count == 0:
        wait("ready")
        try:
            return original(self, target)
        finally:
            count += 1
            wait("moved")
    result = original(self, target)
    count += 1
    if count == kill_after:
        os.kill(os.getpid(), signal.SIGKILL)
    return result
pathlib.Path.rename = rename
import supplier_handbook.site as site_module
original_exchange = site_module._exchange
def exchange(a, b):
    global count
    if kill_after == 0 and not meet:
        os.kill(os.getpid(), signal.SIGKILL)
    done = original_exchange(a, b)
    count += 1
    if done and count == kill_after:
        os.kill(os.getpid(), signal.SIGKILL)
    return done
site_module._exchange = exchange
from supplier_handbook.cli import main
main(sys.argv[1:], prog_name="handbook")
"""


def hashes(site: Path) -> Hashes:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def command(root: Path, site: Path, as_of: str) -> list[str]:
    return ["build", "-f", str(root / "mkdocs.yml"), "--as-of", as_of, "--site-dir", str(site)]


def start(root: Path, site: Path, as_of: str, wrapper: bool = False,
          **env: str) -> subprocess.Popen[str]:
    head = ["-c", WRAPPER] if wrapper else ["-m", "supplier_handbook"]
    return subprocess.Popen(
        [sys.executable, *head, *command(root, site, as_of)], cwd=root, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env={**ENV, "HB_PARENT": str(site.parent.resolve()), **env},
    )


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("atomic")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "suppliers", root / "suppliers")
    return root


@pytest.fixture(scope="module")
def built(handbook: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A complete site for each as-of date, built once."""
    sites = {}
    for as_of in (OLD, NEW):
        site = tmp_path_factory.mktemp(f"built-{as_of}") / "site"
        result = CliRunner().invoke(main, command(handbook, site, as_of), env=ENV)
        assert result.exit_code == 0, result.output
        sites[as_of] = site
    assert hashes(sites[OLD]) != hashes(sites[NEW])
    return sites


@pytest.fixture
def site(built: dict[str, Path], tmp_path: Path) -> Path:
    """A fresh copy of the previous (OLD) site to build over."""
    target = tmp_path / "out" / "site"
    shutil.copytree(built[OLD], target)
    return target


def assert_complete(site: Path, built: dict[str, Path], allowed: tuple[str, ...]) -> None:
    assert site.is_dir(), f"no site folder; beside it: {leftovers(site)}"
    now = hashes(site)
    matches = [as_of for as_of in allowed if now == hashes(built[as_of])]
    assert matches, f"the site is neither complete build {allowed}: {len(now)} files"
    json.loads((site / "api" / "suppliers.json").read_text(encoding="utf-8"))


def wait_for(predicate: object, proc: subprocess.Popen[str], what: str) -> bool:
    """Busy-poll ``predicate`` with a deadline; False when the build ended first."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        if proc.poll() is not None:
            return False
        os.sched_yield()
    pytest.fail(f"{what} did not happen within 120 s")


def _staging_has(site: Path, name: str) -> bool:
    return any((p / name).exists() if name else any(p.iterdir())
               for p in site.parent.glob(f".{site.name}.new-*"))


@pytest.mark.parametrize("written", ["", "sitemap.xml"], ids=["first-file", "near-the-end"])
def test_sigkill_during_a_build_leaves_the_previous_site(
    handbook: Path, built: dict[str, Path], site: Path, written: str
) -> None:
    proc = start(handbook, site, NEW)
    started = wait_for(lambda: _staging_has(site, written), proc, "staging")
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    if started and proc.returncode == -signal.SIGKILL:
        assert_complete(site, built, (OLD,))
        assert all(n.startswith(f".{site.name}.new-") for n in leftovers(site))
    else:  # the build won the race and ended first: then it must be the new site, whole
        assert_complete(site, built, (NEW,))


@pytest.mark.parametrize("renames", [0, 1], ids=["before-the-swap", "right-after-the-swap"])
def test_sigkill_at_each_step_of_the_swap(
    handbook: Path, built: dict[str, Path], site: Path, renames: int
) -> None:
    """The swap is one atomic exchange; a SIGKILL around it never leaves the site missing."""
    proc = start(handbook, site, NEW, wrapper=True, HB_KILL_AFTER=str(renames))
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == -signal.SIGKILL, err
    assert_complete(site, built, (OLD, NEW))


def test_next_build_removes_leftovers_of_a_killed_build(
    handbook: Path, built: dict[str, Path], site: Path
) -> None:
    proc = start(handbook, site, NEW)
    wait_for(lambda: _staging_has(site, ""), proc, "staging")
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=60)
    assert leftovers(site)
    result = CliRunner().invoke(main, command(handbook, site, NEW), env=ENV)
    assert result.exit_code == 0, result.output
    assert_complete(site, built, (NEW,))
    assert leftovers(site) == []


def test_two_builds_at_once(handbook: Path, built: dict[str, Path], site: Path) -> None:
    procs = [start(handbook, site, NEW), start(handbook, site, NEW)]
    errors = [p.communicate(timeout=180)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    assert_complete(site, built, (NEW,))
    assert leftovers(site) == []


def test_two_builds_meeting_at_the_swap(
    handbook: Path, built: dict[str, Path], site: Path, tmp_path: Path
) -> None:
    """Both builds reach the swap together (each waits for the other before renaming)."""
    meet = tmp_path / "meet"
    meet.mkdir()
    procs = [start(handbook, site, NEW, wrapper=True, HB_MEET=str(meet)) for _ in range(2)]
    errors = [p.communicate(timeout=180)[1].strip().splitlines()[-1:] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    assert_complete(site, built, (NEW,))
    assert leftovers(site) == []


# --- no command writes to suppliers/ (or to the hand-written content) ---------------------

Snapshot = dict[str, tuple[bytes, int]]


def snapshot(*folders: Path) -> Snapshot:
    found: Snapshot = {}
    for folder in folders:
        for p in sorted([folder, *folder.rglob("*")]):
            stat = p.stat()
            found[str(p)] = (p.read_bytes() if p.is_file() else b"<dir>", stat.st_mtime_ns)
    return found


@pytest.fixture
def copy(handbook: Path, tmp_path: Path) -> Path:
    root = tmp_path / "hb"
    shutil.copytree(handbook, root)
    return root


def test_no_command_writes_to_suppliers(copy: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(copy)
    before = snapshot(copy / "suppliers", copy / "content")
    cfg = str(copy / "mkdocs.yml")
    runs = [
        ["check"], ["check", "suppliers"], ["check", "--format", "json"],
        ["build", "-f", cfg, "--as-of", OLD, "--site-dir", str(tmp_path / "site")],
        ["export", str(tmp_path / "export"), "-f", cfg, "--as-of", OLD],
        ["schema"], ["schema", "-o", str(tmp_path / "schema.json")],
        ["new", "brennwald-druckguss"],  # exists: refused, untouched
    ]
    for args in runs:
        result = CliRunner().invoke(main, args, env=ENV)
        assert result.exit_code == (2 if args[0] == "new" else 0), (args, result.output)
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", cfg, "-d",
                           str(tmp_path / "plain")], cwd=copy, env=ENV, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert snapshot(copy / "suppliers", copy / "content") == before


def test_new_never_overwrites(copy: Path) -> None:
    folder = copy / "suppliers"
    before = snapshot(folder)
    for slug in [p.stem for p in folder.glob("*.yaml")]:
        result = CliRunner().invoke(main, ["new", slug, "--dir", str(folder)])
        assert result.exit_code == 2
        assert "not overwritten" in result.output
    assert snapshot(folder) == before
    result = CliRunner().invoke(main, ["new", "fresh-supplier", "--dir", str(folder)])
    assert result.exit_code == 0, result.output
    after = snapshot(folder)
    new = str(folder / "fresh-supplier.yaml")
    assert sorted(set(after) - set(before)) == [new]
    assert {k: v for k, v in after.items() if k not in (new, str(folder))} == {
        k: v for k, v in before.items() if k != str(folder)}
