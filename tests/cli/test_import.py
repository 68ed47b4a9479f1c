"""``handbook import FILE.csv|FILE.xlsx``: one supplier file per well-formed row, by the rule
of ``handbook new``: what the sheet lacks is a placeholder the check reports (issue 24,
item 3); encodings (issue 26, item 7); locations and ``.yml`` files (issue 26, item 15)."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import io
import os
import re
from pathlib import Path

import openpyxl
import pytest
from supplier_handbook.edit.columns import COLUMNS
from supplier_handbook.model.check import check_paths

from tests.clirun import run

HEADER = ["Supplier", "Category", "Summary", "Buyer", "Impact", "Governance", "Contact",
          "Role", "Level", "Contact email", "Phone", "Rationale", "Sole source"]
GOOD = [
    ["Kjølberg Lim AS", "Structural adhesives", "Sole qualified adhesive.", "Marco Bellini",
     "High", "alliance", "Ingrid Kjølberg", "Sales director", "executive",
     "ingrid@kjolberg.example", "+47 22 55 01 99", "Requalification takes a year.", "yes"],
    ["Straße & Söhne GmbH", "Screws", "Cheap screws.", "Jana Horvath", "low", "transactional",
     "Hans Maier", "Sales", "relationship", "", "", "", "no"],
    ["Œuvre Métal SARL", "Brackets", "Brackets for X300.", "Ines Carvalho", "medium",
     "transactional", "Zoë Martin", "Key account", "relationship", "", "", "", ""],
]
SLUGS = ["kjolberg-lim-as", "oeuvre-metal-sarl", "strasse-sohne-gmbh"]


def csv_bytes(rows: list[list[str]], encoding: str, delimiter: str = ",") -> bytes:
    """The rows as an ERP would export them (CRLF line ends, quotes where needed)."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


def written(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.yaml"))


@pytest.mark.parametrize(("encoding", "delimiter", "shown"), [
    ("utf-8", ",", "utf-8"), ("utf-8-sig", ",", "utf-8-sig"), ("utf-16", "\t", "utf-16"),
])
def test_well_formed_rows_pass_the_check_as_written(
    in_tmp: Path, encoding: str, delimiter: str, shown: str
) -> None:
    (in_tmp / "list.csv").write_bytes(csv_bytes([HEADER, *GOOD], encoding, delimiter))
    result = run("import", "list.csv")
    assert result.exit_code == 0, result.output
    assert written(in_tmp / "suppliers") == SLUGS
    assert f"wrote 3 of 3 rows ({shown}); 0 rows with errors" in result.output
    assert "placeholder" not in result.output and "columns not used" not in result.output
    checked = check_paths([in_tmp / "suppliers"])
    assert (checked.files_checked, checked.problems) == (3, [])
    suppliers = {s.slug: s.supplier for s in checked.suppliers}
    kjolberg = suppliers["kjolberg-lim-as"]
    assert kjolberg.name == "Kjølberg Lim AS"
    assert kjolberg.contacts[0].phone == "+47 22 55 01 99"  # the Phone column
    assert kjolberg.contacts[0].role == "Sales director"
    assert kjolberg.impact.sole_source is True
    text = (in_tmp / "suppliers" / "kjolberg-lim-as.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/supplier.schema.json\n")
    assert "  sole_source: true\n" in text  # a boolean, not the text "yes"
    assert "\ufeff" not in text and "Ã" not in text


EASTERN = [["Supplier", "Category", "Buyer"],
           ["Zakłady Mechaniczne Łódź Sp. z o.o.", "Odlewy", "Paweł Wiśniewski"],
           ["Železárny Třinec a.s.", "Ocel", "Lukáš Šťastný"],
           ["Vantor Elektronika s.r.o.", "PCBA", "Jiří Dvořák"]]
CHINESE = [["Supplier", "Category", "Buyer"],
           ["东莞华信精密制造有限公司", "外壳", "王伟"],
           ["深圳市电子科技有限公司", "电路板", "张敏"]]


@pytest.mark.parametrize(("rows", "encoding"), [(EASTERN, "cp1250"), (CHINESE, "gbk")])
def test_cp1250_and_gbk_exports_are_not_mojibake(
    in_tmp: Path, rows: list[list[str]], encoding: str
) -> None:
    (in_tmp / "list.csv").write_bytes(csv_bytes(rows, encoding))
    result = run("import", "list.csv")
    assert result.exit_code == 0, result.output
    names = sorted(s.supplier.name for s in
                   check_paths([in_tmp / "suppliers"]).suppliers) or sorted(
        re.findall(r"^name: \"?(.+?)\"?$", "\n".join(
            p.read_text(encoding="utf-8") for p in (in_tmp / "suppliers").iterdir()), re.M))
    assert names == sorted(row[0] for row in rows[1:])


def test_an_uncertain_encoding_asks_for_encoding(in_tmp: Path) -> None:
    rows = [["Supplier", "Category", "Buyer"], ["Kjølberg Lim AS", "Adhesives", "Ola Dahl"]]
    (in_tmp / "list.csv").write_bytes(csv_bytes(rows, "cp1252", ";"))
    unsure = run("import", "list.csv")
    assert unsure.exit_code == 2
    assert "give --encoding NAME" in unsure.output and "Kjølberg" in unsure.output
    assert not (in_tmp / "suppliers").exists()
    sure = run("import", "list.csv", "--encoding", "cp1252")
    assert sure.exit_code == 0, sure.output
    assert "name: Kjølberg Lim AS\n" in (in_tmp / "suppliers" / "kjolberg-lim-as.yaml"
                                         ).read_text(encoding="utf-8")


@pytest.mark.parametrize(("data", "message"), [
    (b"\xef\xbb\xbfSupplier,Buyer\nAcme,Dana \xff Okafor\n",
     "list.csv:2:11: byte 0xff is not utf-8 text"),
    (b"\xff\xfeS\x00u\x00p\x00r", "odd number of bytes"),
    (b"\xff\xfe" + "Supplier\n\ud800".encode("utf-16-le", "surrogatepass"),
     "is not utf-16-le text"),
])
def test_bad_text_is_one_located_error(in_tmp: Path, data: bytes, message: str) -> None:
    (in_tmp / "list.csv").write_bytes(data)
    result = run("import", "list.csv")
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert result.output.count("Error:") == 1


LACKING = [["Vendor", "Owner", "Phone", "Vendor no."],
           ["Acme Castings", "Dana Okafor", "+49 711 555 0100", "100234"]]


def test_what_the_sheet_lacks_is_a_placeholder_the_check_reports(in_tmp: Path) -> None:
    (in_tmp / "vendors.csv").write_bytes(csv_bytes(LACKING, "utf-8"))
    result = run("import", "vendors.csv")
    assert result.exit_code == 0, result.output
    assert "columns not used: 'Vendor no.'" in result.output
    assert "wrote suppliers/acme-castings.yaml (7 placeholders to replace)" in result.output
    assert "wrote 1 of 1 row (utf-8); 0 rows with errors" in result.output
    text = (in_tmp / "suppliers" / "acme-castings.yaml").read_text(encoding="utf-8")
    assert "Key Account Manager" not in text  # nothing invented
    assert "status:" not in text  # the format's default applies
    assert '    phone: "+49 711 555 0100"\n' in text  # the Phone column is the contact's
    checked = run("check", "suppliers/acme-castings.yaml")
    assert checked.exit_code == 1
    lines = text.splitlines()
    located = [line for line in checked.stdout.splitlines() if "placeholder" in line]
    assert len(located) == 7
    # each placeholder is one error, as many as the import said: a placeholder for a word
    # the format knows (impact, model) is not also reported as a word it does not know
    errors = [line for line in checked.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 7, errors
    for line in located:  # each placeholder, at its line in the file
        number = int(line.split(":")[1])
        assert "REPLACE:" in lines[number - 1], line


def test_an_old_imported_placeholder_summary_fails_the_check(in_tmp: Path) -> None:
    folder = in_tmp / "suppliers"
    folder.mkdir()
    old = folder / "acme.yaml"
    old.write_text(
        "name: Acme\ncategory: Housings\nsummary: \"Imported from vendors.csv, row 2: replace "
        "with why Acme matters to us, in one to three sentences.\"\nimpact:\n  level: low\n"
        "governance:\n  model: transactional\nowner:\n  name: Dana Okafor\ncontacts:\n"
        "  - name: Supplier Contact\n    side: supplier\n    level: relationship\n"
        "    role: Key Account Manager\n", encoding="utf-8")
    problems = check_paths([old]).problems
    assert [(p.line, p.severity) for p in problems] == [(3, "error")]
    assert "placeholder" in problems[0].message


def test_help_lists_every_header_and_its_synonyms() -> None:
    result = run("import", "--help")
    assert result.exit_code == 0
    flat = " ".join(result.output.split())
    for name, (_, _, heads) in COLUMNS.items():
        assert f"{name}: " in flat
        assert ", ".join(heads) in flat, name
    assert "Phone, Telephone" in flat


BAD = [
    ["", "Nothing", "", "Tomasz Nowak", "low", "", "", "", "", "", "", "", ""],
    ["Acme Castings", "Housings", "", "Dana Okafor", "huge", "", "", "", "", "", "", "", ""],
    ["Calder", "MRO", "", "Tomasz Nowak", "low", "", "Ruud", "", "", "not-an-address", "", "",
     ""],
    ["kjolberg lim as", "Again", "", "Marco Bellini", "low", "", "", "", "", "", "", "", ""],
    ["Brennwald", "Housings", "", "Jana Horvath", "low", "", "", "", "", "", "", "",
     "maybe"],
    ["Vantor", "PCBA", "", "Jana Horvath", "low", "cooperative", "", "", "", "", "", "", ""],
]


def test_bad_rows_get_errors_at_their_row_and_column(in_tmp: Path) -> None:
    (in_tmp / "list.csv").write_bytes(csv_bytes([HEADER, *GOOD, *BAD], "utf-8"))
    result = run("import", "list.csv")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if ": error: " in line]
    assert errors == [
        "list.csv:5:1: error: name: must not be empty (column 'Supplier')",
        "list.csv:6:5: error: level: 'huge' is not allowed (expected 'high', 'medium' or "
        "'low') (column 'Impact')",
        "list.csv:7:10: error: email: 'not-an-address' does not look like an e-mail address "
        "(expected name@domain.tld) (column 'Contact email')",
        "list.csv:8:1: error: name: 'kjolberg lim as' gives the slug 'kjolberg-lim-as', like "
        "row 2 (expected each supplier once) (column 'Supplier')",
        "list.csv:9:13: error: sole_source: 'maybe' is not yes or no (expected yes, no, true, "
        "false, 1, 0 or x) (column 'Sole source')",
        "list.csv:10:6: error: model: 'cooperative' is not allowed (expected 'transactional', "
        "'collaborative' or 'alliance') (column 'Governance')",
    ]
    assert written(in_tmp / "suppliers") == SLUGS  # the good rows only
    assert "wrote 3 of 9 rows (utf-8); 6 rows with errors" in result.output


def test_never_overwrites_a_yaml_or_yml_file_and_dry_run_writes_nothing(in_tmp: Path) -> None:
    (in_tmp / "list.csv").write_bytes(csv_bytes([HEADER, *GOOD], "utf-8"))
    folder = in_tmp / "suppliers"
    folder.mkdir()
    mine = folder / "strasse-sohne-gmbh.yaml"
    mine.write_text("# my own file\n", encoding="utf-8")
    other = folder / "oeuvre-metal-sarl.yml"
    other.write_text("# my .yml file\n", encoding="utf-8")
    dry = run("import", "list.csv", "--dry-run")
    assert dry.exit_code == 0
    assert written(folder) == ["strasse-sohne-gmbh"]
    assert "would write suppliers/kjolberg-lim-as.yaml" in dry.output
    assert re.search(r"list\.csv:3:1: warning: suppliers/strasse-sohne-gmbh\.yaml exists "
                     r"already; it is not overwritten", dry.output)
    assert re.search(r"list\.csv:4:1: warning: suppliers/oeuvre-metal-sarl\.yml exists "
                     r"already", dry.output)
    assert "would write 1 of 3 rows" in dry.output
    real = run("import", "list.csv")
    assert real.exit_code == 0
    assert written(folder) == ["kjolberg-lim-as", "strasse-sohne-gmbh"]
    assert not (folder / "oeuvre-metal-sarl.yaml").exists()  # not beside the .yml
    assert mine.read_text(encoding="utf-8") == "# my own file\n"
    again = run("import", "list.csv")
    assert again.exit_code == 0 and "wrote 0 of 3 rows" in again.output
    assert again.output.count("exists already; it is not overwritten") == 3


def test_a_supplier_already_in_the_folder_under_another_slug_is_not_imported_again(
        in_tmp: Path) -> None:
    folder = in_tmp / "suppliers"
    folder.mkdir()
    assert run("new", "kjolberg").exit_code == 0  # the same supplier, by another slug
    mine = folder / "kjolberg.yaml"
    mine.write_text(mine.read_text(encoding="utf-8").replace(
        "name: ", "name: KJØLBERG  Lim AS  # was: ", 1), encoding="utf-8")
    (in_tmp / "list.csv").write_bytes(csv_bytes([HEADER, *GOOD], "utf-8"))
    result = run("import", "list.csv")
    assert result.exit_code == 0, result.output
    assert re.search(r"list\.csv:2:1: warning: name: 'Kjølberg Lim AS' is the supplier of "
                     r"suppliers/kjolberg\.yaml already", result.output), result.output
    assert "kjolberg-lim-as" not in written(folder)
    assert "wrote 2 of 3 rows" in result.output


def test_a_failed_write_leaves_no_half_file(in_tmp: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    (in_tmp / "list.csv").write_bytes(csv_bytes([HEADER, GOOD[0]], "utf-8"))
    real_fsync = os.fsync

    def full(fd: int) -> None:  # the disk fills while the file is written
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    failed = run("import", "list.csv")
    assert failed.exit_code == 1 and "No space left on device" in failed.output
    assert list((in_tmp / "suppliers").iterdir()) == []  # no half file, no temporary
    monkeypatch.setattr(os, "fsync", real_fsync)
    again = run("import", "list.csv")  # nothing is in the way of the next import
    assert again.exit_code == 0 and written(in_tmp / "suppliers") == ["kjolberg-lim-as"]


def test_xlsx_with_a_map_typed_cells_and_booleans(in_tmp: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Vendors"
    sheet.append(["Vendor no.", "Vendor Name 1", "Material group", "Crit.", "Single source",
                  "Telephone", "Created"])
    sheet.append([100234, "Huaxin Precision 华信精密", "Fasteners", "Medium", True,
                  8675512345678, dt.datetime(2024, 5, 1)])
    sheet.append([100235, "Vantor Elektronika s.r.o.", "PCBA", "low", False, None,
                  dt.datetime(2024, 6, 1)])
    sheet.append([None, None, None, None, None, None, None])  # an empty row is skipped
    book.save(in_tmp / "vendors.xlsx")
    result = run("import", "vendors.xlsx", "--map", "Vendor Name 1=name", "--map",
                 "Crit.=impact", "--owner", "Henrik Dahl", "--sheet", "Vendors")
    assert result.exit_code == 0, result.output
    assert "columns not used: 'Vendor no.', 'Created'" in result.output
    assert written(in_tmp / "suppliers") == ["huaxin-precision-hua-xin-jing-mi",
                                             "vantor-elektronika-s-r-o"]
    assert "wrote 2 of 2 rows (xlsx); 0 rows with errors" in result.output
    text = (in_tmp / "suppliers" / "huaxin-precision-hua-xin-jing-mi.yaml").read_text(
        encoding="utf-8")
    assert "  sole_source: true\n" in text and '    phone: "8675512345678"\n' in text
    assert "  level: medium\n" in text and "  name: Henrik Dahl\n" in text
    vantor = (in_tmp / "suppliers" / "vantor-elektronika-s-r-o.yaml").read_text(
        encoding="utf-8")
    assert "  sole_source: false\n" in vantor


@pytest.mark.parametrize(("args", "message"), [
    (["--map", "Nope=name"], "no column 'Nope'"),
    (["--map", "Supplier=nmae"], "unknown field 'nmae'"),
    (["--map", "Supplier"], "expected HEADER=FIELD"),
    (["--encoding", "klingon"], "no such encoding"),
])
def test_usage_mistakes_are_usage_errors(in_tmp: Path, args: list[str], message: str) -> None:
    (in_tmp / "list.csv").write_bytes(csv_bytes([HEADER, *GOOD], "utf-8"))
    result = run("import", "list.csv", *args)
    assert result.exit_code == 2 and message in result.output, result.output
    assert not (in_tmp / "suppliers").exists()


def test_unreadable_inputs_are_usage_errors(in_tmp: Path) -> None:
    (in_tmp / "fake.xlsx").write_bytes(b"not a zip")
    (in_tmp / "list.ods").write_bytes(b"x")
    (in_tmp / "noname.csv").write_bytes(b"Category,Owner\nHousings,Dana\n")
    for name, message in (("fake.xlsx", "not a readable .xlsx workbook"),
                          ("list.ods", "expected a .csv or .xlsx file"),
                          ("missing.csv", "no such file"),
                          ("noname.csv", "no column for the supplier's name")):
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
    # only placeholders are reported: every name and tag is read back as written
    assert all("placeholder" in p.message or "is not allowed" in p.message
               for p in checked.problems)
    names = []
    for path in (in_tmp / "suppliers").glob("*.yaml"):
        from supplier_handbook.read.load import load_file
        doc = load_file(path)
        names.append(doc.data["name"])
        assert doc.data["tags"] == ["a", "b", "No"]
    assert sorted(names) == sorted(" ".join(n.split()) for n in TRICKY)
