"""Read a supplier list from a spreadsheet: CSV (standard library) or XLSX (``openpyxl``).

A sheet comes back as its header row and its data rows, every cell as text ("" when empty)
and every row with its number in the file (the header is row 1), so that an import can say
``FILE:ROW:COLUMN`` for a bad cell.

The work is bounded by the bytes read, whatever the file claims: a CSV line, a cell, the
number of columns and rows are capped (``MAX_*``) and a file over a cap is refused with a
located error; the delimiter is found by counting in the header line (no ``csv.Sniffer``,
whose backtracking is quadratic on a long line); a workbook is streamed (``read_only``), its
declared dimension is ignored (a 1.6 KB file can declare ``A1:XFD100000``), only the first
``MAX_COLUMNS`` columns of a row are looked at, and the sizes its archive declares are judged
before anything is unpacked (a shared-strings table that unpacks to gigabytes is refused).
``Sheet.cells_visited`` and ``Sheet.bytes_read`` say how much was done.

CSV files from ERP exports come in many encodings. A byte order mark decides (UTF-8 or
UTF-16), and then the bytes must be valid in it; else valid UTF-8 is UTF-8; else the
encoding is detected (``charset-normalizer``) and used only when the guess is certain: when
two encodings read the bytes equally well but as different text (cp1250 and cp1252 differ
in a few letters), the import stops and asks for ``--encoding``, showing the two readings.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 50_000_000
MAX_ROWS = 100_000  # rows with a value
MAX_ROW_NUMBER = 1_048_576  # Excel's last row: a row past it is not a spreadsheet's
MAX_COLUMNS = 200
MAX_CELL = 10_000  # characters in one cell
MAX_LINE = 200_000  # characters in one CSV line
MAX_UNPACKED = 200_000_000  # bytes the parts of a workbook may unpack to, together
MAX_SHARED_STRINGS = 20_000_000  # bytes of the shared-strings part, unpacked
_DELIMITERS = ",;\t|"
_SAMPLE = 65_536  # bytes the encoding detector looks at
_RIVAL = 0.1  # an encoding this close to the best guess (in "chaos") makes the guess uncertain


class SheetError(Exception):
    """The file cannot be read as a sheet (the message names the file, and the line or row
    where it can, and says why)."""


@dataclass(frozen=True)
class Sheet:
    path: str
    encoding: str  # what the bytes were decoded as ("xlsx" for a workbook)
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number in the file, cells)
    cells_visited: int = 0
    bytes_read: int = 0


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _bad_bytes(path: Path, data: bytes, exc: UnicodeDecodeError, offset: int,
               what: str) -> SheetError:
    good = data[offset:offset + exc.start].decode(what, errors="replace")
    line, col = _line_col(good, len(good))
    return SheetError(f"{path}:{line}:{col}: byte 0x{data[offset + exc.start]:02x} is not "
                      f"{what} text ({exc.reason}); save the file as UTF-8, or give "
                      "--encoding NAME")


def _where_they_differ(readings: list[str]) -> list[str]:
    """Each reading cut to a few characters around the first place where they differ."""
    first = readings[0]
    at = min((next((i for i, (x, y) in enumerate(zip(first, other, strict=False)) if x != y),
                   min(len(first), len(other))) for other in readings[1:]), default=0)
    start = max(first.rfind("\n", 0, at) + 1, at - 20)
    return [" ".join(r[start:at + 30].split()) for r in readings]


def decode(data: bytes, path: Path = Path("file"), encoding: str | None = None
           ) -> tuple[str, str]:
    """(text, encoding name); raises a located ``SheetError`` for bytes that are not text
    in the encoding found, and when the encoding cannot be told for certain."""
    if encoding is not None:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise SheetError(f"--encoding {encoding!r}: no such encoding (e.g. utf-8, "
                             "cp1250, cp1252, gbk, utf-16)") from None
        try:
            return data.decode(name).removeprefix("\ufeff"), name
        except UnicodeDecodeError as exc:
            raise _bad_bytes(path, data, exc, 0, name) from None
    for mark, name in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(mark):
            body = data[len(mark):]
            shown = "utf-8-sig" if name == "utf-8" else "utf-16"
            if name != "utf-8" and len(body) % 2:
                raise SheetError(f"{path}: UTF-16 text (it starts with a UTF-16 byte order "
                                 f"mark) of an odd number of bytes ({len(data):,}): the file "
                                 "is cut off or not UTF-16; export it again")
            try:
                return body.decode(name), shown
            except UnicodeDecodeError as exc:
                raise _bad_bytes(path, data, exc, len(mark), name) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _detect(data, path)


def _detect(data: bytes, path: Path) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    sample = data[:_SAMPLE]
    if len(data) > _SAMPLE:  # do not cut a character: end the sample at a line end
        end = sample.rfind(b"\n")
        sample = sample[:end + 1] if end > 0 else sample
    matches = list(from_bytes(sample))
    if not matches:
        raise SheetError(f"{path}: the bytes are not text in any encoding known; give "
                         "--encoding NAME (e.g. cp1250, cp1252, gbk)")
    best = matches[0]
    readings: dict[str, str] = {str(best): best.encoding}
    for match in matches[1:8]:
        if match.chaos <= best.chaos + _RIVAL:
            readings.setdefault(str(match), match.encoding)
    if len(readings) > 1 or best.chaos > 0.2:
        if len(readings) > 1:
            texts = list(readings)[:4]
            cut = _where_they_differ(texts)
            why = "it reads as " + ", or as ".join(
                f"{shown!r} in {readings[text]}" for shown, text in zip(cut, texts, strict=True))
        else:
            why = f"the best guess, {best.encoding}, reads as garbled text"
        raise SheetError(f"{path}: the file is not UTF-8 and its encoding is not certain: "
                         f"{why}; give --encoding NAME (or save the file as UTF-8)")
    name = codecs.lookup(best.encoding).name
    try:
        return data.decode(name), name
    except UnicodeDecodeError as exc:
        raise _bad_bytes(path, data, exc, 0, name) from None


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _header_and_rows(numbered: list[tuple[int, list[str]]]
                     ) -> tuple[list[str], list[tuple[int, list[str]]]]:
    if not numbered:
        return [], []
    (_, header), body = numbered[0], numbered[1:]
    width = len(header)
    return header, [(n, (row + [""] * width)[:max(width, len(row))]) for n, row in body]


def delimiter_of(header_line: str) -> str:
    """The delimiter of a CSV header: the one of ``,;<tab>|`` found most often outside
    quotes (comma when none is); one pass over the line."""
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for char in header_line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _lines(text: str, path: Path) -> Iterator[str]:
    """The lines of ``text``, each refused past ``MAX_LINE`` characters."""
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if len(line) > MAX_LINE:
            raise SheetError(f"{path}:{number}: a line of more than {MAX_LINE:,} characters; "
                             "a supplier list needs far less")
        yield line


def read_csv(path: Path, data: bytes, encoding: str | None = None) -> Sheet:
    text, found = decode(data, path, encoding)
    first_line = next(iter(io.StringIO(text[:MAX_LINE + 1], newline="")), "")
    if len(first_line) > MAX_LINE:
        raise SheetError(f"{path}:1: a line of more than {MAX_LINE:,} characters; a supplier "
                         "list needs far less")
    delimiter = delimiter_of(first_line)
    numbered: list[tuple[int, list[str]]] = []
    visited = 0
    reader = csv.reader(_lines(text, path), csv.excel, delimiter=delimiter)
    limit = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL)
    row = 0
    try:
        for row, cells in enumerate(reader, start=1):
            visited += len(cells)
            if len(cells) > MAX_COLUMNS and any(cells[MAX_COLUMNS:]):
                raise SheetError(f"{path}:{row}: more than {MAX_COLUMNS} columns; a supplier "
                                 "list needs far fewer")
            if not any(cells):  # a row of empty cells (checked at C speed, then dropped)
                continue
            cells = [" ".join(c.split()) for c in cells[:MAX_COLUMNS]]
            if any(cells):
                numbered.append((row, cells))
                if len(numbered) > MAX_ROWS:
                    raise SheetError(f"{path}:{row}: more than {MAX_ROWS:,} rows")
    except csv.Error as exc:
        raise SheetError(f"{path}:{row + 1}: not readable as CSV ({exc})") from None
    finally:
        csv.field_size_limit(limit)
    header, rows = _header_and_rows(numbered)
    return Sheet(str(path), found, header, rows, visited, len(data))


def _check_archive(path: Path) -> int:
    """The bytes the workbook's parts unpack to, as its archive declares them (``zipfile``
    never unpacks more than declared); refuses a workbook that would unpack to too much."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise SheetError(f"{path}: not a readable .xlsx workbook ({exc})") from None
    total = sum(p.file_size for p in parts)
    if total > MAX_UNPACKED or len(parts) > 10_000:
        raise SheetError(f"{path}: the workbook unpacks to {total:,} bytes in {len(parts):,} "
                         f"parts (at most {MAX_UNPACKED:,}); a supplier list needs far less")
    for part in parts:
        if part.filename.lower().endswith("sharedstrings.xml") and \
                part.file_size > MAX_SHARED_STRINGS:
            raise SheetError(f"{path}: its table of shared strings unpacks to "
                             f"{part.file_size:,} bytes (at most {MAX_SHARED_STRINGS:,}); a "
                             "supplier list needs far less")
    return total


def read_xlsx(path: Path, sheet: str | None) -> Sheet:
    import openpyxl

    unpacked = _check_archive(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about styles and extensions
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # a malformed workbook fails in many ways
            raise SheetError(f"{path}: not a readable .xlsx workbook "
                             f"({type(exc).__name__}: {exc})") from None
        try:
            return _read_worksheet(book, path, sheet, unpacked)
        finally:
            book.close()


def _worksheet(book: object, path: Path, sheet: str | None) -> object:
    names: list[str] = list(getattr(book, "sheetnames", []))
    if sheet is not None and sheet not in names:
        raise SheetError(f"{path}: no sheet {sheet!r} (sheets: {', '.join(names)})")
    if not names:
        raise SheetError(f"{path}: the workbook has no sheet")
    ws = book[sheet or names[0]]  # type: ignore[index]
    if not hasattr(ws, "iter_rows"):
        raise SheetError(f"{path}: {sheet or names[0]!r} is a chart, not a sheet")
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()  # never trust the dimension the file declares
    return ws


def _xlsx_cells(values: tuple[object, ...], path: Path, number: int) -> list[str]:
    cells = [_cell(v) for v in values]
    for column, cell in enumerate(cells, start=1):
        if len(cell) > MAX_CELL:
            raise SheetError(f"{path}:{number}:{column}: a cell of more than "
                             f"{MAX_CELL:,} characters")
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _read_worksheet(book: object, path: Path, sheet: str | None, unpacked: int) -> Sheet:
    ws = _worksheet(book, path, sheet)
    numbered: list[tuple[int, list[str]]] = []
    visited = 0
    number = 0
    gap: object = None
    try:
        # max_row/max_col: a row numbered 2,000,000,000 is not walked to, a cell in column
        # XFD is not padded to; rows the file skips come as one shared empty tuple
        rows = ws.iter_rows(max_row=MAX_ROW_NUMBER, max_col=MAX_COLUMNS,  # type: ignore[attr-defined]
                            values_only=True)
        for number, values in enumerate(rows, start=1):
            if values is gap:
                continue
            visited += len(values)
            if not any(v is not None and v != "" for v in values):
                gap = values
                continue
            numbered.append((number, _xlsx_cells(values, path, number)))
            if len(numbered) > MAX_ROWS:
                raise SheetError(f"{path}:{number}: more than {MAX_ROWS:,} rows")
    except SheetError:
        raise
    except Exception as exc:  # a malformed sheet fails in many ways
        raise SheetError(f"{path}:{number + 1}: not a readable .xlsx sheet "
                         f"({type(exc).__name__}: {exc})") from None
    header, body = _header_and_rows(numbered)
    return Sheet(str(path), "xlsx", header, body, visited, unpacked)


def read_sheet(path: Path, sheet: str | None = None, encoding: str | None = None) -> Sheet:
    """The sheet in ``path`` (``.csv``, ``.txt``, ``.tsv`` or ``.xlsx``)."""
    if not path.is_file():
        raise SheetError(f"{path}: no such file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise SheetError(f"{path}: larger than {MAX_BYTES // 1_000_000} MB")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        if encoding is not None:
            raise SheetError("--encoding is for CSV files; a workbook knows its encoding")
        return read_xlsx(path, sheet)
    if suffix in (".csv", ".txt", ".tsv"):
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise SheetError(f"{path}: larger than {MAX_BYTES // 1_000_000} MB")
        return read_csv(path, data, encoding)
    raise SheetError(f"{path}: expected a .csv or .xlsx file, got {suffix or 'no suffix'!r}")
