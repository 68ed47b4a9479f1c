"""Benchmark: `handbook import` of a 1,000-row supplier list, as CSV and as XLSX.

    .venv/bin/python -m bench.import_speed [--n 1000] [--runs 3]

Each run imports the whole sheet into an empty folder (read, map, check every row, write
one file per row) through the command itself, then checks that every row was written.
Goal (issue "Beyond the suites"): a 1,000-row sheet imports in seconds.
"""

from __future__ import annotations

import argparse
import csv
import platform
import statistics
import tempfile
import time
from pathlib import Path

import openpyxl
from click.testing import CliRunner
from supplier_handbook.commands.cli import main as handbook

HEADER = ["Supplier", "Category", "Buyer", "Impact", "Governance", "Contact", "Contact email",
          "Contact role", "Rationale", "Tags"]
IMPACTS = ["low", "medium", "high"]


def rows(n: int) -> list[list[str]]:
    return [[f"Lieferant Nr. {i} Groß & Söhne GmbH", f"Category {i % 40}", f"Buyer {i % 25}",
             IMPACTS[i % 3], "", f"Contact Person {i}", f"contact{i}@supplier{i}.example",
             "Key Account Manager", "Twelve weeks to qualify another source.", "emea, parts"]
            for i in range(n)]


def write_sources(folder: Path, n: int) -> dict[str, Path]:
    data = [HEADER, *rows(n)]
    csv_path = folder / "suppliers.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(data)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in data:
        sheet.append(row)
    xlsx_path = folder / "suppliers.xlsx"
    book.save(xlsx_path)
    return {"csv (utf-8-sig, ;)": csv_path, "xlsx": xlsx_path}


def import_once(source: Path, target: Path, n: int) -> float:
    start = time.perf_counter()
    result = CliRunner().invoke(handbook, ["import", str(source), "--dir", str(target)],
                                catch_exceptions=False)
    elapsed = time.perf_counter() - start
    assert result.exit_code == 0, result.output[-2000:]
    assert len(list(target.glob("*.yaml"))) == n
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sources = write_sources(work, args.n)
        times: dict[str, list[float]] = {name: [] for name in sources}
        for run in range(args.runs):
            for name, source in sources.items():
                target = work / f"out-{run}-{source.suffix[1:]}"
                times[name].append(import_once(source, target, args.n))
    print(f"machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, rows: {args.n}, runs: {args.runs}")
    print(f"{'source':<20}{'median s':>10}{'per row ms':>12}{'rows/s':>10}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<20}{median:>10.2f}{median / args.n * 1000:>12.2f}"
              f"{args.n / median:>10.0f}")


if __name__ == "__main__":
    main()
