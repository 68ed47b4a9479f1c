"""Benchmark: the handbook build at scale, against plain MkDocs, side by side in one run.

    .venv/bin/python -m bench.build_speed [--sizes 100 1000 5000] [--runs 3]
        [--serve-size 1000] [--zensical PATH] [--out bench/results/build.md]

For each N it writes N synthetic supplier files (every section filled) into a throwaway
handbook and measures, medians of ``--runs`` runs, alternating:
- ``handbook build`` (check + generator + MkDocs), in a child process;
- ``mkdocs build`` of the same site exported with ``handbook export`` (plain MkDocs, no
  plugin): the difference is the generator's own share;
- the site's size, bytes per supplier, and the peak memory (max RSS) of the build process.
Then the ``mkdocs serve`` case at ``--serve-size`` suppliers, the way serve rebuilds (the
plugin instance and its pipeline kept, the configuration loaded again): a full first build,
then one supplier file saved and the site rebuilt; the generator's share is timed apart.
With ``--zensical`` (the path of a ``zensical`` command) the export is also built with it.
The table is printed and written to ``--out``.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from unittest import mock

from bench.synth import write_suppliers

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1795435200"}
BIN = Path(sys.executable).parent


def make_handbook(root: Path, n: int) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "content", root / "content")
    write_suppliers(root / "suppliers", n)
    return root


def timed(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Seconds, and the child's peak RSS in KiB (Linux: ru_maxrss of that child alone)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{stderr[-2000:]}")
    return elapsed, usage.ru_maxrss


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(n: int, runs: int, zensical: str | None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "hb"
        root.mkdir()
        make_handbook(root, n)
        handbook = [str(BIN / "handbook"), "build", "-f", "mkdocs.yml", "--site-dir", "site"]
        subprocess.run([str(BIN / "handbook"), "export", "export", "-f", "mkdocs.yml"],
                       cwd=root, env=ENV, check=True, capture_output=True)
        plain = [str(BIN / "mkdocs"), "build", "-q", "-f", "export/mkdocs.yml"]
        ours: list[float] = []
        theirs: list[float] = []
        peak = 0
        for _ in range(runs):
            seconds, rss = timed(handbook, root)
            ours.append(seconds)
            peak = max(peak, rss)
            theirs.append(timed(plain, root)[0])
        site = size_of(root / "site")
        row: dict[str, Any] = {
            "n": n, "handbook": statistics.median(ours), "mkdocs": statistics.median(theirs),
            "site_mb": site / 1e6, "bytes_per_supplier": site / n, "peak_mb": peak / 1024,
            "largest_page_kb": max(p.stat().st_size for p in (root / "site").rglob("*.html"))
            / 1024,
        }
        if zensical:
            try:
                row["zensical"] = statistics.median(
                    timed([zensical, "build", "-f", "export/mkdocs.yml"], root)[0]
                    for _ in range(runs)
                )
            except SystemExit as failure:  # report it in the table, go on measuring
                row["zensical_error"] = str(failure).strip().splitlines()[-1][:160]
        return row


def measure_serve(n: int) -> dict[str, float]:
    """A serve-style rebuild after one saved file, in this process."""
    from mkdocs.commands.build import build
    from supplier_handbook import plugin as plugin_module
    from supplier_handbook.site import generate
    from supplier_handbook.site.config import load_handbook_config

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_handbook(root, n)
        os.environ.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1795435200")

        def rebuild(first: bool) -> tuple[float, float]:
            config = load_handbook_config(root / "mkdocs.yml", site_dir=str(root / "site"))
            if first:  # like mkdocs serve: on_startup once, the configuration every rebuild
                config.plugins.on_startup(command="serve", dirty=False)
            inner = generate.generated_pages
            spent = [0.0]

            def timed_pages(*args: Any, **kwargs: Any) -> dict[str, str]:
                start = time.perf_counter()
                try:
                    return inner(*args, **kwargs)
                finally:
                    spent[0] += time.perf_counter() - start

            start = time.perf_counter()
            with mock.patch.object(plugin_module, "generated_pages", timed_pages):
                build(config)
            return time.perf_counter() - start, spent[0]

        first, first_gen = rebuild(True)
        path = root / "suppliers" / "synthetic-supplier-00007.yaml"
        path.write_text(path.read_text().replace("Aluminium", "Magnesium", 1))
        second, second_gen = rebuild(False)
        return {"n": n, "first": first, "first_gen": first_gen, "second": second,
                "second_gen": second_gen}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--serve-size", type=int, default=1000)
    parser.add_argument("--zensical", default=None)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "build.md")
    args = parser.parse_args()
    rows = [measure(n, args.runs, args.zensical) for n in args.sizes]
    serve = measure_serve(args.serve_size)
    lines = [
        f"machine: {platform.machine()}, {os.cpu_count()} cores, CPython "
        f"{platform.python_version()}; medians of {args.runs} runs",
        "",
        "| suppliers | handbook build s | plain mkdocs build of the export s | ratio | "
        + ("zensical build of the export s | " if args.zensical else "")
        + "site MB | bytes per supplier | largest page KB | peak RSS MB |",
        "|---|---|---|---|" + ("---|" if args.zensical else "") + "---|---|---|---|",
    ]
    for r in rows:
        z = (f" {r['zensical']:.2f} |" if "zensical" in r else " fails (below) |"
             ) if args.zensical else ""
        lines.append(
            f"| {r['n']:,} | {r['handbook']:.2f} | {r['mkdocs']:.2f} | "
            f"{r['handbook'] / r['mkdocs']:.2f} |{z} {r['site_mb']:.1f} | "
            f"{r['bytes_per_supplier']:,.0f} | {r['largest_page_kb']:.0f} | {r['peak_mb']:.0f} |"
        )
    for r in rows:
        if "zensical_error" in r:
            lines.append(f"\nzensical at {r['n']:,}: {r['zensical_error']}")
    first, last = rows[0], rows[-1]
    lines += [
        "",
        f"bytes per supplier at {last['n']:,} / at {first['n']:,}: "
        f"{last['bytes_per_supplier'] / first['bytes_per_supplier']:.2f} (goal <= 1.5); "
        f"build seconds per supplier at {last['n']:,} / at {first['n']:,}: "
        f"{(last['handbook'] / last['n']) / (first['handbook'] / first['n']):.2f}",
        "",
        f"serve at {serve['n']:,} suppliers: first build {serve['first']:.2f} s "
        f"(generator {serve['first_gen']:.2f} s); after saving one supplier file: "
        f"{serve['second']:.2f} s (generator {serve['second_gen']:.2f} s)",
    ]
    text = "\n".join(lines) + "\n"
    print(text, end="")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
