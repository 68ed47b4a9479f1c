"""``handbook import`` does work bounded by the bytes it reads, and every malformed input is
one located error (issue 26, items 6 and 7). The reproducers are built here: a workbook
declaring ``A1:XFD100000``, a shared-strings bomb, a long CSV header, a 49 MB CSV of empty
cells, malformed workbooks. Bounds are asserted as counts (cells visited, bytes unpacked,
calls made), never as time."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from supplier_handbook.edit import sheets
from supplier_handbook.edit.sheets import MAX_COLUMNS, SheetError, read_sheet

from tests.clirun import run

ROWS = [["Supplier", "Owner", "Category"], ["Acme Castings", "Dana Okafor", "Housings"],
        ["Brennwald", "Jana Horvath", "Die casting"]]


def workbook(path: Path, rows: list[list[str]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def rewrite(path: Path, change: dict[str, bytes | None]) -> None:
    """Replace (or, with None, drop) parts of a workbook's archive."""
    with zipfile.ZipFile(path) as archive:
        parts = {i.filename: archive.read(i) for i in archive.infolist()}
    for name, data in change.items():
        if data is None:
            parts.pop(name, None)
        else:
            parts[name] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_a_huge_declared_dimension_is_not_walked(in_tmp: Path) -> None:
    path = workbook(in_tmp / "vendors.xlsx", ROWS)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    huge, count = re.subn(rb'<dimension ref="A1:C3"\s*/>', b'<dimension ref="A1:XFD100000"/>',
                          xml)
    assert count == 1
    # and an empty last row: every row up to it is padded to the declared 16,384 columns
    huge = huge.replace(b"</sheetData>", b'<row r="100000"/></sheetData>')
    rewrite(path, {"xl/worksheets/sheet1.xml": huge})
    assert path.stat().st_size < 6_000
    sheet = read_sheet(path)
    assert [cells for _, cells in sheet.rows] == [ROWS[1], ROWS[2]]
    # 3 rows and one gap of at most MAX_COLUMNS cells, not 16,384 x 100,000
    assert sheet.cells_visited <= 5 * MAX_COLUMNS
    result = run("import", "vendors.xlsx")
    assert result.exit_code == 0, result.output
    assert "wrote 2 of 2 rows (xlsx)" in result.output


def test_a_row_far_down_and_a_cell_far_right_cost_nothing_between(in_tmp: Path) -> None:
    path = workbook(in_tmp / "vendors.xlsx", ROWS)
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    far = (b'<row r="1000000"><c r="XFD1000000" t="inlineStr"><is><t>far</t></is></c></row>'
           b"</sheetData>")
    rewrite(path, {"xl/worksheets/sheet1.xml": xml.replace(b"</sheetData>", far)})
    sheet = read_sheet(path)
    assert len(sheet.rows) == 2  # the far cell is past the columns read: an empty row
    assert sheet.cells_visited <= 5 * MAX_COLUMNS  # the million rows between: not visited


def test_a_shared_strings_bomb_is_refused_before_it_is_unpacked(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = workbook(in_tmp / "bomb.xlsx", ROWS)
    ns = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    bomb = b'<sst xmlns="' + ns + b'">' + b"<si><t>x</t></si>" * 1_500_000 + b"</sst>"
    rewrite(path, {"xl/sharedStrings.xml": bomb})
    assert path.stat().st_size < 200_000  # 25 MB of strings in a small file
    opened: list[Path] = []
    real = openpyxl.load_workbook

    def counting(*args: object, **kwargs: object) -> object:
        opened.append(Path(str(args[0])))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(openpyxl, "load_workbook", counting)
    result = run("import", "bomb.xlsx")
    assert result.exit_code == 2
    assert "shared strings unpacks to 25,500," in result.output
    assert opened == []  # refused from the archive's directory: nothing was unpacked


def test_a_long_csv_header_is_read_in_one_pass(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_sniffing(*_: object, **__: object) -> None:
        raise AssertionError("csv.Sniffer backtracks quadratically on a long line")

    monkeypatch.setattr(csv.Sniffer, "sniff", no_sniffing)
    header = "Supplier;Owner;" + ";".join(['"' + "a, " * 2_950 + '"'] * 11)  # 96 KB
    path = in_tmp / "list.csv"
    path.write_bytes(f"{header}\r\nAcme Castings;Dana Okafor;x\r\n".encode())
    assert path.stat().st_size > 96_000
    sheet = read_sheet(path)
    assert sheet.header[:2] == ["Supplier", "Owner"]  # the ; outside quotes decided
    assert sheet.rows[0][1][:3] == ["Acme Castings", "Dana Okafor", "x"]
    assert sheet.cells_visited == 13 + 3 and sheet.bytes_read == path.stat().st_size
    # the red team's shape: csv.Sniffer takes 12 s on 32 KB of it, and 4 times that per
    # doubling; here it is one pass, then a located refusal (far too many columns)
    backtracking = in_tmp / "backtracking.csv"
    backtracking.write_bytes(b"Supplier,Owner" + b',"' * 48_000 + b"\r\nAcme,Dana\r\n")
    with pytest.raises(SheetError, match=rf"backtracking\.csv:1: more than {MAX_COLUMNS} "):
        read_sheet(backtracking)


def test_a_csv_of_empty_cells_costs_what_it_reads(in_tmp: Path) -> None:
    row = b"," * (MAX_COLUMNS - 1) + b"\r\n"
    path = in_tmp / "empty.csv"
    path.write_bytes(b"Supplier,Owner\r\n" + row * 20_000)  # 4 MB of empty cells
    sheet = read_sheet(path)
    assert sheet.rows == []  # nothing kept of them
    assert sheet.cells_visited == 2 + 20_000 * MAX_COLUMNS
    assert sheet.cells_visited <= sheet.bytes_read  # linear in the bytes read
    one_line = in_tmp / "one-line.csv"
    one_line.write_bytes(b"Supplier,Owner\r\n" + b"," * 49_000_000)  # the red team's 49 MB
    with pytest.raises(SheetError, match=r"one-line\.csv:2: a line of more than 200,000"):
        read_sheet(one_line)


def test_too_many_columns_and_too_long_cells_are_located_errors(in_tmp: Path) -> None:
    wide = in_tmp / "wide.csv"
    wide.write_bytes(b"Supplier,Owner\r\nAcme,Dana" + b",x" * MAX_COLUMNS + b"\r\n")
    with pytest.raises(SheetError, match=rf"wide\.csv:2: more than {MAX_COLUMNS} columns"):
        read_sheet(wide)
    long = in_tmp / "long.csv"
    long.write_bytes(b"Supplier,Owner\r\nAcme,Dana\r\n" + b"Brennwald," + b"x" * 20_000)
    with pytest.raises(SheetError, match=r"long\.csv:3: not readable as CSV \(field larger"):
        read_sheet(long)
    path = workbook(in_tmp / "long.xlsx", [*ROWS, ["Calder", "Tomasz Nowak", "x" * 20_000]])
    with pytest.raises(SheetError, match=r"long\.xlsx:4:3: a cell of more than 10,000"):
        read_sheet(path)


def _malformed(folder: Path) -> dict[str, Path]:
    good = workbook(folder / "good.xlsx", ROWS)
    found: dict[str, Path] = {}
    changes: dict[str, dict[str, bytes | None]] = {
        "no-workbook.xlsx": {"xl/workbook.xml": None},
        "broken-sheet.xlsx": {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row"},
        "garbage-types.xlsx": {"[Content_Types].xml": b"\x00\x01 not xml"},
        "bad-number.xlsx": {"xl/worksheets/sheet1.xml":
                            b'<worksheet xmlns="http://schemas.openxmlformats.org/'
                            b'spreadsheetml/2006/main"><sheetData><row r="1.5"><c r="A1">'
                            b"<v>1</v></c></row></sheetData></worksheet>"},
    }
    for name, change in changes.items():
        path = folder / name
        path.write_bytes(good.read_bytes())
        rewrite(path, change)
        found[name] = path
    truncated = folder / "truncated.xlsx"
    truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    found["truncated.xlsx"] = truncated
    return found


def test_malformed_workbooks_are_one_located_error_each(in_tmp: Path) -> None:
    for name in _malformed(in_tmp):
        result = run("import", name)
        assert result.exit_code == 2, (name, result.output)
        assert "Traceback" not in result.output, name
        (error,) = [line for line in result.output.splitlines() if line.startswith("Error:")]
        assert error.startswith(f"Error: {name}"), error
        assert "not a readable .xlsx" in error, error


def test_the_encoding_detector_reads_a_bounded_sample(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[int] = []
    import charset_normalizer

    real = charset_normalizer.from_bytes

    def counting(data: bytes, *args: object, **kwargs: object) -> object:
        seen.append(len(data))
        return real(data, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(charset_normalizer, "from_bytes", counting)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Supplier", "Owner"])
    for i in range(20_000):
        writer.writerow([f"Zakłady Mechaniczne Łódź nr {i}", "Paweł Wiśniewski"])
    path = in_tmp / "big.csv"
    path.write_bytes(buffer.getvalue().encode("cp1250"))
    try:
        sheet = read_sheet(path)
    except SheetError as exc:  # the detector is not sure: it asks, never guesses wrong
        assert "give --encoding NAME" in str(exc) and "Łódź" in str(exc)
    else:
        assert sheet.encoding == "cp1250" and len(sheet.rows) == 20_000
    assert seen and max(seen) <= sheets._SAMPLE < path.stat().st_size
    assert read_sheet(path, encoding="cp1250").rows[0][1][0] == "Zakłady Mechaniczne Łódź nr 0"
