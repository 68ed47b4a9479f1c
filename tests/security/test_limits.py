"""Hostile sizes end in a clear, located error after bounded work and in bounded memory.

Each case is checked in a fresh interpreter (capped at 1 GB of address space, so that a
failure cannot take the machine down) that reports what ``check_paths`` alone did: the
bytes it read from supplier files, the YAML values it built, the Python functions it called
(counted by a profile hook), and the growth of its peak resident memory (``ru_maxrss``).
Work is counted, never timed: timings are measured by ``bench/``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from supplier_handbook.read.load import MAX_BYTES, MAX_VALUES

from tests.conftest import ROOT
from tests.samples import MINIMAL_SUPPLIER

MEGABYTES = 300
CALLS_PER_VALUE = 50
"""Python calls the check may make per YAML value it may build (a valid file of 9,000
contacts, 45,000 values, makes about 32 per value)."""
CALLS = CALLS_PER_VALUE * MAX_VALUES

CHILD = """
import json, resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
import supplier_handbook.read.load as load
from supplier_handbook.model.check import check_paths
work = {"bytes_read": 0, "values": 0, "calls": 0}
read = load.read_file_bytes
def counted_read(path, *args, **kwargs):
    raw = read(path, *args, **kwargs)
    work["bytes_read"] += len(raw)
    return raw
load.read_file_bytes = counted_read
build = load._Builder.build
def counted_build(self, *args):
    work["values"] += 1
    return build(self, *args)
load._Builder.build = counted_build
def profile(frame, event, arg):
    if event in ("call", "c_call"):
        work["calls"] += 1
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
sys.setprofile(profile)
result = check_paths([Path(sys.argv[1])])
sys.setprofile(None)
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024
print(json.dumps({**work, "grown_mb": grown, "valid": len(result.suppliers),
                  "problems": [[p.path, p.line, p.col, p.severity, p.message]
                               for p in result.problems]}))
"""


def measure(path: Path, timeout: float = 60) -> dict[str, Any]:
    try:
        done = subprocess.run([sys.executable, "-c", CHILD, str(path)], cwd=ROOT,
                              capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:  # a hang (a pipe read, an endless device), not a speed
        pytest.fail(f"checking {path.name} did not end within {timeout} s")
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def assert_bounded(report: dict[str, Any]) -> None:
    """At most one file's worth of bytes read and values built, and calls to match."""
    work = {k: report[k] for k in ("bytes_read", "values", "calls", "grown_mb")}
    assert report["bytes_read"] <= MAX_BYTES, work
    assert report["values"] <= MAX_VALUES + 1, work  # the one over the limit stops the build
    assert report["calls"] <= CALLS, work
    assert report["grown_mb"] < MEGABYTES, work


def assert_one_located_error(report: dict[str, Any], line: int | None, fragment: str) -> None:
    assert_bounded(report)
    assert report["valid"] == 0
    errors = [p for p in report["problems"] if p[3] == "error"]
    assert len(errors) == 1, errors
    _, at_line, col, _, message = errors[0]
    assert fragment in message, message
    assert col >= 1
    if line is not None:
        assert at_line == line, errors[0]


def write(tmp_path: Path, text: str | bytes, name: str = "acme-castings.yaml") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return path


HEAD = MINIMAL_SUPPLIER.split("contacts:")[0] + "contacts:\n"  # 10 lines


def test_a_50_mb_file(tmp_path: Path) -> None:
    line = b"  - {name: A contact, side: supplier, level: technical, role: Role}\n"
    body = line * (50 * 2**20 // len(line) + 1)
    path = write(tmp_path, HEAD.encode() + body)
    assert path.stat().st_size > 50 * 2**20
    report = measure(path)
    assert_one_located_error(report, 1, "a supplier file may be at most 1,000,000")


def test_10000_contacts_in_full(tmp_path: Path) -> None:
    contacts = "".join(
        f"  - name: Contact Number {i}\n    side: supplier\n    level: technical\n"
        f"    role: Technical expert\n    email: contact{i}@supplier.example\n"
        f"    phone: '+49 711 555 {i:04d}'\n" for i in range(10_000))
    path = write(tmp_path, HEAD + contacts)
    assert 1_000_000 < path.stat().st_size < 2_000_000
    assert_one_located_error(measure(path), 1, "may be at most 1,000,000")


def test_10000_contacts_under_the_size_limit(tmp_path: Path) -> None:
    """Under 1 MB, but more values than a supplier file needs: located at the value."""
    contacts = "".join(f"  - {{name: c{i}, side: supplier, level: technical, role: r}}\n"
                       for i in range(10_000))
    path = write(tmp_path, HEAD + contacts)
    assert path.stat().st_size < 1_000_000
    report = measure(path)
    assert_one_located_error(report, None, "more than 50000 values")
    assert 11 <= report["problems"][0][1] <= 10_010


def contacts_file(folder: Path, count: int) -> Path:
    folder.mkdir()
    contacts = "".join(f"  - {{name: c{i}, side: supplier, level: technical, role: r}}\n"
                       for i in range(count))
    return write(folder, HEAD + contacts)


def test_9000_contacts_are_checked_with_work_linear_in_their_number(tmp_path: Path) -> None:
    small = measure(contacts_file(tmp_path / "small", 900))
    large = measure(contacts_file(tmp_path / "large", 9_000))
    assert small["valid"] == large["valid"] == 1, large["problems"][:3]
    assert_bounded(large)
    assert large["values"] > 45_000
    ratio = large["calls"] / small["calls"]
    assert ratio < 20, ratio  # ten times the contacts: linear work near 10, quadratic near 100


@pytest.mark.parametrize("style", ["block", "flow", "flow-mapping"])
def test_100_levels_of_nesting(tmp_path: Path, style: str) -> None:
    if style == "block":
        deep = "deep:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 101))
        deep += "  " * 101 + "bottom\n"
    elif style == "flow":
        deep = "deep: " + "[" * 100 + "]" * 100 + "\n"
    else:
        deep = "deep: " + "{a: " * 100 + "x" + "}" * 100 + "\n"
    assert_one_located_error(measure(write(tmp_path, MINIMAL_SUPPLIER + deep)), None,
                             "nested more than 40 levels")


def test_a_million_brackets(tmp_path: Path) -> None:
    text = MINIMAL_SUPPLIER + "deep: " + "[" * 490_000 + "]" * 490_000 + "\n"
    assert_one_located_error(measure(write(tmp_path, text)), 15, "nested more than 40 levels")


@pytest.mark.parametrize("kind", ["billion-laughs", "wide", "mapping"])
def test_alias_bomb(tmp_path: Path, kind: str) -> None:
    if kind == "billion-laughs":
        bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
            f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n"
            for a, b in zip("abcdefgh", "bcdefghi", strict=True))
    elif kind == "wide":
        bomb = "a: &a [" + ", ".join(["x"] * 10_000) + "]\nb: [" + ", ".join(["*a"] * 100) + "]\n"
    else:
        bomb = "a: &a {" + ", ".join(f"k{i}: v" for i in range(100)) + "}\n"
        for j in range(8):  # each level: ten aliases of the level before
            inner = "a" if j == 0 else f"m{j - 1}"
            bomb += f"m{j}: &m{j} {{" + ", ".join(f"x{i}: *{inner}" for i in range(10)) + "}\n"
    assert_one_located_error(measure(write(tmp_path, MINIMAL_SUPPLIER + bomb)), None,
                             "more than 50000 values")


def test_one_line_of_nearly_a_megabyte(tmp_path: Path) -> None:
    text = MINIMAL_SUPPLIER.replace("Sole source of housings.", "x" * 990_000)
    assert_one_located_error(measure(write(tmp_path, text)), 3, "longer than 20000 characters")


def test_a_supplier_file_that_is_a_link_to_an_endless_device(tmp_path: Path) -> None:
    """A symbolic link can be committed: suppliers/x.yaml -> /dev/zero must not be read
    until memory runs out."""
    folder = tmp_path / "suppliers"
    folder.mkdir()
    write(folder, MINIMAL_SUPPLIER)
    (folder / "endless.yaml").symlink_to("/dev/zero")
    report = measure(folder, timeout=60)
    assert_bounded(report)
    assert report["bytes_read"] == len(MINIMAL_SUPPLIER.encode())  # the link is never opened
    assert [p[0].endswith("endless.yaml") for p in report["problems"]] == [True]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_in_the_suppliers_folder_does_not_hang_the_check(tmp_path: Path) -> None:
    folder = tmp_path / "suppliers"
    folder.mkdir()
    write(folder, MINIMAL_SUPPLIER)
    os.mkfifo(folder / "pipe.yaml")
    report = measure(folder, timeout=60)
    assert_bounded(report)
    assert report["bytes_read"] == len(MINIMAL_SUPPLIER.encode())  # the pipe is never opened
    assert [p[0].endswith("pipe.yaml") for p in report["problems"]] == [True]
