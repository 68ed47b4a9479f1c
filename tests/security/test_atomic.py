"""Builds are all or nothing, even when killed or run twice at once; no command writes to
suppliers/.

The site is judged by a hash of every file: after anything, it must be exactly the previous
complete build or exactly a new complete build. Killing uses SIGKILL (no cleanup runs); the
moment is fixed exactly by a wrapper that kills the build right after it wrote a given file
into its staging folder or right after one of its own moves. Two builds are made to meet at
the swap through pipes to the test. No sleeps, no polling.
"""

from __future__ import annotations

import hashlib
import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from supplier_handbook.commands.cli import main

from tests.conftest import copy_demo

pytestmark = pytest.mark.slow(seconds=30)  # builds whole sites in subprocesses

OLD, NEW = "2026-11-23", "2026-12-07"  # two as-of dates: two different complete sites
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
Hashes = dict[str, str]

# Runs ``handbook build`` with its steps wrapped, so that each test picks the exact moment:
# - HB_KILL_AT_FILE=NAME: the process SIGKILLs itself right after it wrote NAME into its
#   staging folder (an empty NAME: the first file it wrote there);
# - HB_KILL_AFTER=N: it SIGKILLs itself after the site folder's Nth move (Path.rename or the
#   atomic exchange of ``site._exchange``), N=0 meaning just before the first one;
# - HB_EVENTS=FD, HB_GO=FD: it writes "waiting" to FD when it finds the target's lock held
#   by another build, and "swap" when it reaches ``site._swap``, where it stops until the
#   test writes one byte to the HB_GO pipe.
WRAPPER = """
import os, pathlib, signal, sys
site = pathlib.Path(os.environ["HB_SITE"])
kill_after = int(os.environ.get("HB_KILL_AFTER", "-1"))
kill_at_file = os.environ.get("HB_KILL_AT_FILE")
events, go = os.environ.get("HB_EVENTS"), os.environ.get("HB_GO")
count = 0
def die():
    os.kill(os.getpid(), signal.SIGKILL)
def moved():
    global count
    count += 1
    if count == kill_after:
        die()
def in_staging(path):
    relative = pathlib.Path(path).resolve().relative_to(site.parent)
    return relative.parts[0].startswith(f".{site.name}.new-")
import mkdocs.utils
def after_writing(real):
    def wrapped(first, output_path):
        real(first, output_path)
        name = pathlib.Path(output_path).name
        if kill_at_file is not None and in_staging(output_path) and kill_at_file in ("", name):
            die()
    return wrapped
mkdocs.utils.write_file = after_writing(mkdocs.utils.write_file)
mkdocs.utils.copy_file = after_writing(mkdocs.utils.copy_file)
original_rename = pathlib.Path.rename
def rename(self, target):
    if pathlib.Path(self).resolve().parent != site.parent:
        return original_rename(self, target)
    if kill_after == 0:
        die()
    result = original_rename(self, target)
    moved()
    return result
pathlib.Path.rename = rename
import supplier_handbook.site.staging as site_module
original_exchange = site_module._exchange
def exchange(a, b):
    if kill_after == 0:
        die()
    done = original_exchange(a, b)
    if done:
        moved()
    return done
site_module._exchange = exchange
if events is not None:
    import supplier_handbook.site.folders as folders
    original_acquire = folders.FileLock.acquire
    def acquire(self, timeout=None, *args, **kwargs):
        try:
            return original_acquire(self, timeout, *args, **kwargs)
        except folders.Timeout:
            if timeout == 0:
                os.write(int(events), b"waiting\\n")
            raise
    folders.FileLock.acquire = acquire
    original_swap = site_module._swap
    def swap(new, target):
        os.write(int(events), b"swap\\n")
        os.read(int(go), 1)
        return original_swap(new, target)
    site_module._swap = swap
from supplier_handbook.commands.cli import main
main(sys.argv[1:], prog_name="handbook")
"""


def hashes(site: Path) -> Hashes:
    return {str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def command(root: Path, site: Path, as_of: str) -> list[str]:
    return ["build", "-f", str(root / "mkdocs.yml"), "--as-of", as_of, "--site-dir", str(site)]


def start(root: Path, site: Path, as_of: str, wrapper: bool = False,
          pass_fds: tuple[int, ...] = (), **env: str) -> subprocess.Popen[str]:
    head = ["-c", WRAPPER] if wrapper else ["-m", "supplier_handbook"]
    return subprocess.Popen(
        [sys.executable, *head, *command(root, site, as_of)], cwd=root, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, pass_fds=pass_fds,
        env={**ENV, "HB_SITE": str(site.resolve()), **env},
    )


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir() if p.name.startswith(f".{site.name}."))


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("atomic")
    copy_demo(root)
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


@pytest.mark.parametrize("written", ["", "sitemap.xml"], ids=["first-file", "near-the-end"])
def test_sigkill_during_a_build_leaves_the_previous_site(
    handbook: Path, built: dict[str, Path], site: Path, written: str
) -> None:
    proc = start(handbook, site, NEW, wrapper=True, HB_KILL_AT_FILE=written)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == -signal.SIGKILL, err
    assert_complete(site, built, (OLD,))
    assert leftovers(site) and all(n.startswith(f".{site.name}.new-") for n in leftovers(site))


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
    proc = start(handbook, site, NEW, wrapper=True, HB_KILL_AT_FILE="")
    proc.communicate(timeout=120)
    assert proc.returncode == -signal.SIGKILL
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
    handbook: Path, built: dict[str, Path], site: Path
) -> None:
    """The build that holds the lock stops at its swap until the other one is waiting for
    the lock; then each swaps in turn."""
    procs: list[subprocess.Popen[str]] = []
    go: list[int] = []
    names: dict[int, int] = {}
    for _ in range(2):
        events_r, events_w = os.pipe()
        go_r, go_w = os.pipe()
        procs.append(start(handbook, site, NEW, wrapper=True, pass_fds=(events_w, go_r),
                           HB_EVENTS=str(events_w), HB_GO=str(go_r)))
        os.close(events_w)
        os.close(go_r)
        names[events_r] = len(go)
        go.append(go_w)
    seen: list[tuple[int, str]] = []  # (build, event), "go" when the test let it swap
    held: set[int] = set()
    with selectors.DefaultSelector() as selector:
        for fd, build in names.items():
            selector.register(fd, selectors.EVENT_READ, build)
        while selector.get_map():
            ready = selector.select(timeout=180)
            assert ready, f"no build reported for 180 s: {seen}"
            for key, _ in ready:
                data = os.read(key.fd, 1024)
                if not data:
                    selector.unregister(key.fd)
                    os.close(key.fd)
                    continue
                events = data.decode().split()
                seen += [(key.data, event) for event in events]
                held |= {key.data for event in events if event == "swap"}
            for build in sorted(held):
                if (1 - build, "waiting") in seen or (1 - build, "go") in seen:
                    held.discard(build)
                    seen.append((build, "go"))
                    os.write(go[build], b"g")
    for fd in go:
        os.close(fd)
    errors = [p.communicate(timeout=180)[1].strip().splitlines()[-1:] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    first = next(build for build, event in seen if event == "swap")
    second = 1 - first
    at = seen.index
    assert at((second, "waiting")) < at((first, "go")) < at((second, "swap")), seen
    assert (first, "waiting") not in seen  # the first to swap never waited for the lock
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
