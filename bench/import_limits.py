"""Benchmark: `handbook import`'s reader on the red team's hostile inputs (issue 26, item 6).

    PYTHONPATH=generator .venv/bin/python -m bench.import_limits [--timeout 120]

Builds each input in a temporary folder, then reads it with ``edit.sheets.read_sheet`` in a
fresh process (so that the peak memory is the read's own) and reports the outcome, the
seconds, the peak resident memory, and the cells visited and bytes read where the reader
counts them. Run it with ``PYTHONPATH`` pointing at an older checkout's ``generator`` for the
"before" figures (a run past ``--timeout`` seconds is stopped and reported as such).

Measured on the 2-core build machine (``ulimit -v 3000000`` for the "before" run; before:
commit e730d3d, after: this branch), seconds / peak MB / outcome:

    input                               before                   after
    workbook declaring A1:XFD100000     37.1 / 2894 MemoryError  0.4 / 219, 800 cells visited
    shared-strings bomb (100 MB)        0.2 / 219 read           0.4 / 219 refused unread
    96 KB CSV header (Sniffer's worst)  72.9 / 219 read          0.1 / 219 refused, one pass
    49 MB CSV of empty cells            4.3 / 456                3.0 / 295, 49,000,002 cells
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import openpyxl

CHILD = """
import json, resource, sys
from pathlib import Path
from supplier_handbook.edit.sheets import SheetError, read_sheet
try:
    sheet = read_sheet(Path(sys.argv[1]))
    outcome = f"{len(sheet.rows)} rows"
    counts = {"cells_visited": getattr(sheet, "cells_visited", None),
              "bytes_read": getattr(sheet, "bytes_read", None)}
except SheetError as exc:
    outcome, counts = "refused: " + str(exc).split(": ", 1)[-1][:60], {}
except MemoryError:
    outcome, counts = "MemoryError", {}
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(json.dumps({"outcome": outcome, "peak_mb": peak, **counts}))
"""


def _workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["Supplier", "Owner"], ["Acme Castings", "Dana Okafor"]):
        sheet.append(row)
    book.save(path)
    return path


def _rewrite(path: Path, name: str, data: bytes) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    parts[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, content in parts.items():
            archive.writestr(part, content)


def inputs(folder: Path) -> dict[str, Path]:
    found: dict[str, Path] = {}
    huge = _workbook(folder / "dimension.xlsx")
    with zipfile.ZipFile(huge) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    _rewrite(huge, "xl/worksheets/sheet1.xml",
             re.sub(rb'<dimension ref="[A-Z0-9:]+"\s*/>', b'<dimension ref="A1:XFD100000"/>',
                    xml).replace(b"</sheetData>", b'<row r="100000"/></sheetData>'))
    found["workbook declaring A1:XFD100000"] = huge
    bomb = _workbook(folder / "bomb.xlsx")
    ns = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    _rewrite(bomb, "xl/sharedStrings.xml",
             b'<sst xmlns="' + ns + b'">' + b"<si><t>x</t></si>" * 6_000_000 + b"</sst>")
    found["shared-strings bomb (100 MB unpacked)"] = bomb
    header = folder / "header.csv"
    header.write_bytes(("Supplier;Owner;" + ";".join(['"' + "a, " * 2_950 + '"'] * 11)
                        + "\r\nAcme;Dana;x\r\n").encode())
    found["96 KB CSV header"] = header
    backtracking = folder / "backtracking.csv"
    backtracking.write_bytes(b"Supplier,Owner" + b',"' * 48_000 + b"\r\nAcme,Dana\r\n")
    found["96 KB CSV header (Sniffer's worst)"] = backtracking
    empty = folder / "empty.csv"
    empty.write_bytes(b"Supplier,Owner\r\n" + (b"," * 199 + b"\r\n") * 245_000)
    found["49 MB CSV of empty cells"] = empty
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--timeout", type=float, default=120.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'input':<40}{'size':>12}{'s':>8}{'peak MB':>9}  outcome, counts")
        for name, path in inputs(Path(tmp)).items():
            start = time.perf_counter()
            try:
                done = subprocess.run([sys.executable, "-c", CHILD, str(path)],
                                      capture_output=True, text=True, timeout=args.timeout)
                line = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else \
                    json.dumps({"outcome": "crashed: " + done.stderr.strip()[-60:]})
            except subprocess.TimeoutExpired:
                line = json.dumps({"outcome": f"stopped after {args.timeout:.0f} s"})
            elapsed = time.perf_counter() - start
            report = json.loads(line)
            counts = ", ".join(f"{k} {v:,}" for k, v in report.items()
                               if k not in ("outcome", "peak_mb") and v is not None)
            print(f"{name:<40}{path.stat().st_size:>12,}{elapsed:>8.1f}"
                  f"{report.get('peak_mb', 0):>9}  {report['outcome']}"
                  f"{'; ' + counts if counts else ''}")


if __name__ == "__main__":
    main()
