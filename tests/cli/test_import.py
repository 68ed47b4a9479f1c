"""``handbook import FILE.csv|FILE.xlsx``: one checked starter file per good row."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner, Result
from supplier_handbook.commands.cli import main
from supplier_handbook.model.check import check_paths

HEADER = ["Supplier", "Category", "Buyer", "Impact", "Governance", "Contact", "Contact email",
          "Rationale"]
GOOD = [
    ["Kjølberg Lim AS", "Structural adhesives", "Marco Bellini", "High", "alliance",
     "Ingrid Kjølberg", "ingrid@kjolberg.example", "Sole qualified adhesive for X300."],
    ["Straße & Söhne GmbH", "Screws", "Jana Horvath", "low", "", "Hans Maier", "", ""],
    ["Œuvre Métal SARL", "Brackets", "Ines Carvalho", "medium", "transactional", "", "", ""],
]
SLUGS = ["kjolberg-lim-as", "strasse-sohne-gmbh", "oeuvre-metal-sarl"]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def csv_bytes(rows: list[list[str]], encoding: str, delimiter: str = ",") -> bytes:
    """The rows as an ERP would export them (CRLF line ends, quotes where needed)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def written(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.yaml"))


@pytest.mark.parametrize(("encoding", "delimiter"), [
    ("utf-8", ","), ("utf-8-sig", ","), ("cp1252", ";"), ("utf-16", "\t"),
])
def test_csv_encodings_of_erp_exports(in_tmp: Path, encoding: str, delimiter: str) -> None:
    (in_tmp / "list.csv").write_bytes(csv_bytes([HEADER, *GOOD], encoding, delimiter))
    result = run("import", "list.csv")
    assert result.exit_code == 0, result.output
    assert written(in_tmp / "suppliers") == sorted(SLUGS)
    text = (in_tmp / "suppliers" / "kjolberg-lim-as.yaml").read_text(encoding="utf-8")
    assert "name: Kjølberg Lim AS\n" in text and "  - name: Ingrid Kjølberg\n" in text
    assert "\ufeff" not in text and "Ã" not in text  # decoded, not mojibake
    expected = {"utf-8-sig": "utf-8-sig", "utf-16": "utf-16"}.get(encoding, encoding)
    assert f"wrote 3 of 3 rows ({expected})" in result.output
    checked = check_paths([in_tmp / "suppliers"])
    assert (checked.files_checked, checked.problems) == (3, [])


def test_the_written_files_pass_handbook_check_and_hold_the_row(in_tmp: Path) -> None:
    (in_tmp / "list.csv").write_bytes(csv_bytes([HEADER, *GOOD], "utf-8"))
    assert run("import", "list.csv").exit_code == 0
    assert run("check").exit_code == 0
    checked = {s.slug: s.supplier for s in check_paths([in_tmp / "suppliers"]).suppliers}
    kjolberg = checked["kjolberg-lim-as"]
    assert (kjolberg.name, kjolberg.category, kjolberg.owner.name) == (
        "Kjølberg Lim AS", "Structural adhesives", "Marco Bellini")
    assert (kjolberg.impact.level, kjolberg.governance.model) == ("high", "alliance")
    assert kjolberg.contacts[0].email == "ingrid@kjolberg.example"
    assert checked["strasse-sohne-gmbh"].governance.model == "transactional"  # low impact
    assert checked["oeuvre-metal-sarl"].contacts[0].name == "Supplier Contact"


BAD = [
    ["", "Nothing", "Tomasz Nowak", "low", "", "", "", ""],
    ["Acme Castings", "Housings", "Dana Okafor", "huge", "", "", "", ""],
    ["Brennwald", "Housings", "Jana Horvath", "high", "", "", "", ""],
    ["Calder", "MRO", "Tomasz Nowak", "low", "", "Ruud", "not-an-address", ""],
    ["Straße und Söhne GmbH", "Screws", "", "low", "", "", "", ""],
    ["kjolberg lim as", "Again", "Marco Bellini", "low", "", "", "", ""],
]


def test_bad_rows_get_located_errors_and_no_file(in_tmp: Path) -> None:
    (in_tmp / "list.csv").write_bytes(csv_bytes([HEADER, *GOOD, *BAD], "utf-8"))
    result = run("import", "list.csv")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert errors == [
        "list.csv:5:1: error: name: must not be empty (column 'Supplier')",
        "list.csv:6:4: error: level: 'huge' is not allowed (expected 'high', 'medium' or "
        "'low') (column 'Impact')",
        "list.csv:7:4: error: impact level is 'high' but there is no rationale (expected "
        "impact.rationale: why a failure would hurt, e.g. time to qualify another source) "
        "(column 'Impact')",
        "list.csv:8:7: error: email: 'not-an-address' does not look like an e-mail address "
        "(expected name@domain.tld) (column 'Contact email')",
        "list.csv:9:3: error: name: must not be empty (column 'Buyer')",
        "list.csv:10:1: error: name: 'kjolberg lim as' gives the slug 'kjolberg-lim-as', like "
        "row 2 (expected each supplier once) (column 'Supplier')",
    ]
    assert written(in_tmp / "suppliers") == sorted(SLUGS)  # the good rows only
    assert "wrote 3 of 9 rows (utf-8); 6 rows with errors" in result.output


def test_never_overwrites_and_dry_run_writes_nothing(in_tmp: Path) -> None:
    (in_tmp / "list.csv").write_bytes(csv_bytes([HEADER, *GOOD], "utf-8"))
    folder = in_tmp / "suppliers"
    folder.mkdir()
    mine = folder / "strasse-sohne-gmbh.yaml"
    mine.write_text("# my own file\n", encoding="utf-8")
    dry = run("import", "list.csv", "--dry-run")
    assert dry.exit_code == 0
    assert written(folder) == ["strasse-sohne-gmbh"]
    assert "would write suppliers/kjolberg-lim-as.yaml" in dry.output
    assert re.search(r"list\.csv:3:1: warning: suppliers/strasse-sohne-gmbh\.yaml exists "
                     r"already; it is not overwritten", dry.output)
    assert "would write 2 of 3 rows" in dry.output
    real = run("import", "list.csv")
    assert real.exit_code == 0
    assert written(folder) == sorted(SLUGS)
    assert mine.read_text(encoding="utf-8") == "# my own file\n"
    again = run("import", "list.csv")
    assert again.exit_code == 0 and "wrote 0 of 3 rows" in again.output
    assert again.output.count("exists already; it is not overwritten") == 3


def test_xlsx_with_a_map_and_typed_cells(in_tmp: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Vendors"
    sheet.append(["Vendor no.", "Vendor Name 1", "Material group", "Crit.", "Created"])
    sheet.append([100234, "Huaxin Precision 华信精密", "Fasteners", "Medium",
                  dt.datetime(2024, 5, 1)])
    sheet.append([100235, "Vantor Elektronika s.r.o.", "PCBA", "low", dt.datetime(2024, 6, 1)])
    sheet.append([None, None, None, None, None])  # an empty row is skipped
    book.save(in_tmp / "vendors.xlsx")
    result = run("import", "vendors.xlsx", "--map", "Vendor Name 1=name", "--map",
                 "Crit.=impact", "--owner", "Henrik Dahl", "--sheet", "Vendors")
    assert result.exit_code == 0, result.output
    assert written(in_tmp / "suppliers") == ["huaxin-precision-hua-xin-jing-mi",
                                             "vantor-elektronika-s-r-o"]
    checked = {s.slug: s.supplier for s in check_paths([in_tmp / "suppliers"]).suppliers}
    huaxin = checked["huaxin-precision-hua-xin-jing-mi"]
    assert (huaxin.name, huaxin.category, huaxin.impact.level, huaxin.owner.name) == (
        "Huaxin Precision 华信精密", "Fasteners", "medium", "Henrik Dahl")
    assert "wrote 2 of 2 rows (xlsx); 0 rows with errors" in result.output


@pytest.mark.parametrize(("args", "message"), [
    (["--map", "Nope=name"], "no column 'Nope'"),
    (["--map", "Supplier=nmae"], "unknown field 'nmae'"),
    (["--map", "Supplier"], "expected HEADER=FIELD"),
])
def test_mapping_mistakes_are_usage_errors(in_tmp: Path, args: list[str], message: str) -> None:
    (in_tmp / "list.csv").write_bytes(csv_bytes([HEADER, *GOOD], "utf-8"))
    result = run("import", "list.csv", *args)
    assert result.exit_code == 2 and message in result.output
    assert not (in_tmp / "suppliers").exists()


def test_unreadable_inputs_are_usage_errors(in_tmp: Path) -> None:
    (in_tmp / "fake.xlsx").write_bytes(b"not a zip")
    (in_tmp / "list.ods").write_bytes(b"x")
    (in_tmp / "noowner.csv").write_bytes(b"Supplier,Category\nAcme,Housings\n")
    for name, message in (("fake.xlsx", "not a readable .xlsx workbook"),
                          ("list.ods", "expected a .csv or .xlsx file"),
                          ("missing.csv", "no such file"),
                          ("noowner.csv", "no column for the owner")):
        result = run("import", name)
        assert result.exit_code == 2, (name, result.output)
        assert message in result.output and "Traceback" not in result.output
    assert not (in_tmp / "suppliers").exists()


TRICKY = ["No", "12:30 Logistics", "Müller: Teile & Co", '"Quoted" Ltd', "- Dash AG",
          "#1 Supplier", "true", "2026-01-01 Holding", "[Bracket] {Brace}, Inc.",
          "Tab\u00a0Space", "O'Neil & Sons"]


def test_every_name_reads_back_exactly_as_written(in_tmp: Path) -> None:
    rows = [["Supplier", "Category", "Owner", "Tags"],
            *[[name, f"Parts: {i}", "Dana Okafor", "a, b; No"] for i, name in
              enumerate(TRICKY)]]
    (in_tmp / "list.csv").write_bytes(csv_bytes(rows, "utf-8"))
    result = run("import", "list.csv")
    assert result.exit_code == 0, result.output
    checked = check_paths([in_tmp / "suppliers"])
    assert checked.problems == []
    names = sorted(s.supplier.name for s in checked.suppliers)
    assert names == sorted(" ".join(n.split()) for n in TRICKY)
    assert {tuple(s.supplier.tags) for s in checked.suppliers} == {("a", "b", "No")}
