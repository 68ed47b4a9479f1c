"""Benchmark: `handbook check` of N supplier files against a bare libyaml parse of them.

    .venv/bin/python -m bench.check_speed [--n 1000] [--runs 5]

Both are measured side by side in one run, alternating, and the medians compared.
The floor is `yaml.load(text, Loader=yaml.CSafeLoader)` of each file, read from disk as the
check reads it. Goal (issue "Supplier files that check themselves"): ratio <= 2.0.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import tempfile
import time
from pathlib import Path

import yaml
from supplier_handbook.model.check import check_files

from bench.synth import write_suppliers


def bare_parse(paths: list[Path]) -> None:
    for path in paths:
        yaml.load(path.read_bytes().decode("utf-8"), Loader=yaml.CSafeLoader)


def handbook_check(paths: list[Path]) -> None:
    result = check_files(paths)
    assert not result.errors, result.errors[:3]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_suppliers(Path(tmp), args.n)
        size = sum(p.stat().st_size for p in paths) / len(paths)
        times: dict[str, list[float]] = {"bare libyaml parse": [], "handbook check": []}
        handbook_check(paths)  # warm-up: imports, pydantic schema build, file cache
        for _ in range(args.runs):
            for name, fn in (("bare libyaml parse", bare_parse),
                             ("handbook check", handbook_check)):
                start = time.perf_counter()
                fn(paths)
                times[name].append(time.perf_counter() - start)
    floor = statistics.median(times["bare libyaml parse"])
    ours = statistics.median(times["handbook check"])
    print(f"machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, files: {args.n} x {size / 1024:.1f} KB, "
          f"runs: {args.runs}")
    print(f"{'measure':<22}{'median s':>10}{'per file ms':>13}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<22}{median:>10.3f}{median / args.n * 1000:>13.3f}")
    print(f"ratio check / parse: {ours / floor:.2f} (goal <= 2.00)")


if __name__ == "__main__":
    main()
