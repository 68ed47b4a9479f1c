"""Benchmark: the largest pages of the built site at N synthetic suppliers.

    .venv/bin/python -m bench.page_sizes [--sizes 1000 2000 5000] [--top 10]
        [--out bench/results/page_sizes.md]

For each N it writes N synthetic supplier files (``bench.synth``) into a throwaway handbook,
runs ``handbook build`` in a child process and lists the ``--top`` largest HTML files of the
site (the built page is what a reader downloads; the goal is at most 300 KB each). The
table is printed and written to ``--out``.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
from pathlib import Path

from bench.build_speed import BIN, ENV, ROOT, make_handbook

BOUND_KB = 300


def largest_pages(site: Path, top: int) -> list[tuple[str, int]]:
    pages = [(str(p.relative_to(site)), p.stat().st_size) for p in site.rglob("*.html")]
    return sorted(pages, key=lambda item: (-item[1], item[0]))[:top]


def measure(n: int, top: int) -> list[tuple[str, int]]:
    with tempfile.TemporaryDirectory() as tmp:
        root = make_handbook(Path(tmp), n)
        subprocess.run([str(BIN / "handbook"), "build", "-f", "mkdocs.yml", "--site-dir",
                        "site"], cwd=root, env=ENV, check=True, capture_output=True)
        return largest_pages(root / "site", top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000])
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--out", type=Path,
                        default=ROOT / "bench" / "results" / "page_sizes.md")
    args = parser.parse_args()
    lines: list[str] = []
    for n in args.sizes:
        pages = measure(n, args.top)
        over = sum(1 for _, size in pages if size > BOUND_KB * 1024)
        lines += [f"## {n:,} suppliers: the {len(pages)} largest HTML files "
                  f"({over} over {BOUND_KB} KB)", "", "| page | KB |", "|---|---|"]
        lines += [f"| {path} | {size / 1024:,.0f} |" for path, size in pages]
        lines.append("")
        print("\n".join(lines[-len(pages) - 5:]), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    main()
