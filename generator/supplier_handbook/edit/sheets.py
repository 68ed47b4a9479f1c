"""Read a supplier list from a spreadsheet: CSV (standard library) or XLSX (``openpyxl``).

A sheet comes back as its header row and its data rows, every cell as text ("" when empty)
and every row with its number in the file (the header is row 1), so that an import can say
``FILE:ROW:COLUMN`` for a bad cell. CSV files from ERP exports come in several encodings:
UTF-8 with or without a byte order mark, UTF-16 with a mark (Excel's "Unicode text"), and
Windows-1252 (cp1252) from older systems. The delimiter (comma, semicolon, tab or bar) is
read from the header line.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from supplier_handbook.base.errors import HandbookError

MAX_BYTES = 50_000_000
MAX_ROWS = 100_000


class SheetError(HandbookError):
    """The file cannot be read as a sheet (the message names the file and says why)."""

    usage = True


@dataclass(frozen=True)
class Sheet:
    path: str
    encoding: str  # what the bytes were decoded as ("xlsx" for a workbook)
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number in the file, cells)


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name): a byte order mark decides; else UTF-8 when the bytes are valid
    UTF-8; else cp1252, the usual encoding of Windows ERP exports."""
    for mark, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(mark):
            return data.decode(name), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # cp1252 leaves five bytes undefined; they become "?" instead of failing the whole file
    # (they cannot be text in a cp1252 export anyway).
    return data.decode("cp1252", errors="replace").replace("\ufffd", "?"), "cp1252"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _rows(cells: list[list[str]]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    numbered = [(n, row) for n, row in enumerate(cells, start=1) if any(c for c in row)]
    if not numbered:
        return [], []
    (_, header), body = numbered[0], numbered[1:]
    width = len(header)
    return header, [(n, (row + [""] * width)[:max(width, len(row))]) for n, row in body]


def read_csv(path: Path, data: bytes) -> Sheet:
    text, encoding = decode(data)
    first = text.split("\n", 1)[0]
    try:  # only the delimiter is read from the header; quoting is Excel's
        delimiter = csv.Sniffer().sniff(first, ",;\t|").delimiter
    except csv.Error:
        delimiter = ","
    cells: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter):
            cells.append([" ".join(c.split()) for c in row])
            if len(cells) > MAX_ROWS:
                raise SheetError(f"{path}: more than {MAX_ROWS} rows")
    except csv.Error as exc:
        raise SheetError(f"{path}:{len(cells) + 1}: not readable as CSV ({exc})") from None
    header, rows = _rows(cells)
    return Sheet(str(path), encoding, header, rows)


def read_xlsx(path: Path, sheet: str | None) -> Sheet:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise SheetError(f"{path}: not a readable .xlsx workbook ({exc})") from None
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise SheetError(f"{path}: no sheet {sheet!r} (sheets: {', '.join(book.sheetnames)})")
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        cells: list[list[str]] = []
        for values in ws.iter_rows(values_only=True):
            cells.append([_cell(v) for v in values])
            if len(cells) > MAX_ROWS:
                raise SheetError(f"{path}: more than {MAX_ROWS} rows")
    finally:
        book.close()
    header, rows = _rows(cells)
    return Sheet(str(path), "xlsx", header, rows)


def read_sheet(path: Path, sheet: str | None = None) -> Sheet:
    """The sheet in ``path`` (``.csv``, ``.txt``, ``.tsv`` or ``.xlsx``)."""
    if not path.is_file():
        raise SheetError(f"{path}: no such file")
    if path.stat().st_size > MAX_BYTES:
        raise SheetError(f"{path}: larger than {MAX_BYTES // 1_000_000} MB")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, sheet)
    if suffix in (".csv", ".txt", ".tsv"):
        return read_csv(path, path.read_bytes())
    raise SheetError(f"{path}: expected a .csv or .xlsx file, got {suffix or 'no suffix'!r}")
