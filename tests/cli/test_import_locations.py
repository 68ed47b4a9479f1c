"""``handbook import``: every error points at the row and column of its cell, whatever the
layout of the sheet (issue 26, item 15), and nothing from a file reaches the terminal raw
(issue 26, item 13)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from click.testing import Result

from tests.clirun import run


def errors(result: Result) -> list[str]:
    return [line for line in result.output.splitlines() if ": error: " in line]


def test_a_cell_over_two_lines_does_not_shift_the_rows_after_it(in_tmp: Path) -> None:
    (in_tmp / "list.csv").write_bytes(
        b'Supplier,Owner,Summary,Impact\r\n'
        b'Acme,Dana Okafor,"Two lines\r\nof summary",low\r\n'
        b'Brennwald,Jana Horvath,Castings,huge\r\n')
    result = run("import", "list.csv")
    # the spreadsheet's row 3 (what Excel shows), column D
    assert errors(result) == ["list.csv:3:4: error: level: 'huge' is not allowed (expected "
                              "'high', 'medium' or 'low') (column 'Impact')"]


def test_a_sheet_starting_below_and_right_of_a1(in_tmp: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["C3"], sheet["D3"], sheet["E3"] = "Supplier", "Owner", "Contact email"
    sheet["C4"], sheet["D4"], sheet["E4"] = "Acme", "Dana Okafor", "not-an-address"
    sheet["C6"], sheet["D6"], sheet["E6"] = "Brennwald", "", "ok@example.com"
    book.save(in_tmp / "list.xlsx")
    result = run("import", "list.xlsx")
    assert errors(result) == [
        "list.xlsx:4:5: error: email: 'not-an-address' does not look like an e-mail address "
        "(expected name@domain.tld) (column 'Contact email')",
    ]
    assert "list.xlsx:6" not in result.output  # an empty owner is a placeholder, not an error
    assert (in_tmp / "suppliers" / "brennwald.yaml").is_file()


def test_a_value_no_cell_holds_names_no_column(in_tmp: Path) -> None:
    # the rationale a high impact needs is a placeholder now; the row's only error is at
    # its own cell, and no message blames the first column for a value it does not hold
    (in_tmp / "list.csv").write_bytes(b"Supplier,Impact,Owner\r\nAcme,high,Dana Okafor\r\n")
    result = run("import", "list.csv")
    assert result.exit_code == 0, result.output
    text = (in_tmp / "suppliers" / "acme.yaml").read_text(encoding="utf-8")
    assert '  rationale: "REPLACE: why a failure of Acme would hurt' in text
    assert "(column 'Supplier')" not in result.output


def test_control_characters_from_the_sheet_are_escaped_in_the_output(in_tmp: Path) -> None:
    (in_tmp / "list.csv").write_bytes(
        b"Supplier,Owner,Impact,\x1b]0;title\x07Notes\r\n"
        b"Acme \x1b[31mred,Dana Okafor,\x1b[2Jhuge,x\r\n")
    result = run("import", "list.csv")
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b" in result.output  # shown, escaped
    missing = run("import", "list.csv", "--map", "\x1b[2J=name")
    assert missing.exit_code == 2 and "\x1b" not in missing.output
