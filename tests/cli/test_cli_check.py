"""``handbook check``: output format, summary, exit codes, JSON, and that it never writes."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.clirun import run
from tests.conftest import ROOT
from tests.samples import MINIMAL_SUPPLIER

INVALID = ROOT / "tests" / "model" / "cases" / "invalid"
VALID = ROOT / "tests" / "model" / "cases" / "valid"

GOOD = MINIMAL_SUPPLIER
BAD_DATE = GOOD + "log:\n  - date: 2026-13-45\n    kind: note\n    text: x\n"
TWO_ERRORS = GOOD.replace("level: low", "level: huge").replace("transactional", "partner")
WARNING_ONLY = GOOD + (
    "actions:\n  - id: A-1\n    action: x\n    owner_internal: Dana Okafor\n"
    "    owner_supplier: Maria Schmidt\n    due: 2026-01-01\n    done_on: 2026-01-02\n"
)

LINE = re.compile(r"^.+:\d+:\d+: (error|warning): .+$")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    suppliers = tmp_path / "suppliers"
    suppliers.mkdir()
    (suppliers / "acme.yaml").write_text(GOOD, encoding="utf-8")
    (suppliers / "bad-date.yaml").write_text(BAD_DATE, encoding="utf-8")
    (suppliers / "two-errors.yaml").write_text(TWO_ERRORS, encoding="utf-8")
    (suppliers / "notes.txt").write_text("not a supplier file: [", encoding="utf-8")
    return suppliers


def test_valid_files_exit_0(tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "beta.yml").write_text(GOOD, encoding="utf-8")
    result = run("check", str(tmp_path))
    assert result.exit_code == 0
    assert result.stdout == "no problems in 2 files\n"
    assert result.stderr == ""


def test_errors_exit_1_with_located_lines_and_a_summary(folder: Path) -> None:
    result = run("check", str(folder))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{folder / 'bad-date.yaml'}:16:11: error: date: '2026-13-45' is not a date: "
        "there is no month 13 (months are 01 to 12)",
        f"{folder / 'two-errors.yaml'}:5:10: error: level: 'huge' is not allowed "
        "(expected 'high', 'medium' or 'low')",
        f"{folder / 'two-errors.yaml'}:7:10: error: model: 'partner' is not allowed "
        "(expected 'transactional', 'collaborative' or 'alliance')",
    ]
    assert result.stderr == "3 errors in 2 of 3 files\n"
    assert result.output.splitlines()[-1] == "3 errors in 2 of 3 files"


def test_warnings_alone_exit_0(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(WARNING_ONLY, encoding="utf-8")
    result = run("check", str(path))
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{path}:21:5: warning: done_on is set but status is 'open'; set status: done, "
        "or remove done_on"
    ]
    assert result.stderr == "1 warning in 1 of 1 file\n"


def test_default_path_is_suppliers_in_the_working_folder(folder: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder.parent)
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0].startswith(
        f"{Path('suppliers') / 'bad-date.yaml'}:16:11: error: "
    )
    assert result.stderr == "3 errors in 2 of 3 files\n"


def test_files_and_folders_can_be_mixed(folder: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "zeta.yaml").write_text(GOOD, encoding="utf-8")
    result = run("check", str(folder / "acme.yaml"), str(other))
    assert (result.exit_code, result.stdout) == (0, "no problems in 2 files\n")


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", str(tmp_path / "nope"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"Error: {tmp_path / 'nope'}: no such file or folder" in result.stderr


def test_missing_default_folder_is_a_usage_error(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("check")
    assert result.exit_code == 2
    assert "Error: suppliers: no such file or folder" in result.stderr


@pytest.mark.parametrize("content", [[], ["readme.md", "notes.txt"]])
def test_folder_without_yaml_is_a_usage_error(tmp_path: Path, content: list[str]) -> None:
    for name in content:
        (tmp_path / name).write_text("x", encoding="utf-8")
    result = run("check", str(tmp_path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"Error: no supplier files (*.yaml) in {tmp_path}" in result.stderr


def test_one_missing_path_among_good_ones_is_a_usage_error(folder: Path) -> None:
    result = run("check", str(folder / "acme.yaml"), str(folder / "gone.yaml"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr


def test_unknown_format_is_a_usage_error(folder: Path) -> None:
    assert run("check", "--format", "xml", str(folder)).exit_code == 2


def test_json_format_prints_the_same_problems(folder: Path) -> None:
    text = run("check", str(folder))
    result = run("check", "--format", "json", str(folder))
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert (report["files_checked"], report["errors"], report["warnings"]) == (3, 3, 0)
    as_text = [f"{p['path']}:{p['line']}:{p['col']}: {p['severity']}: {p['message']}"
               for p in report["problems"]]
    assert as_text == text.stdout.splitlines()
    assert report["problems"][0] == {
        "path": str(folder / "bad-date.yaml"), "line": 16, "col": 11, "severity": "error",
        "message": "date: '2026-13-45' is not a date: there is no month 13 (months are 01 to 12)",
    }


def test_json_format_without_problems_exits_0(tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(GOOD, encoding="utf-8")
    result = run("check", "--format", "json", str(tmp_path))
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "files_checked": 1, "errors": 0, "warnings": 0, "problems": []
    }


def test_json_format_usage_error_exits_2(tmp_path: Path) -> None:
    assert run("check", "--format", "json", str(tmp_path)).exit_code == 2


def test_the_repositorys_examples_pass() -> None:
    examples = sorted((ROOT / "suppliers").glob("*.yaml"))
    result = run("check", str(ROOT / "suppliers"))
    assert result.exit_code == 0
    assert result.stdout == f"no problems in {len(examples)} files\n"


def test_all_invalid_cases_at_once(tmp_path: Path) -> None:
    files = sorted(INVALID.glob("*.yaml"))
    expect = {p: [line for line in p.read_text(encoding="utf-8").splitlines()
                  if line.startswith("# expect: ")] for p in files}
    errors = sum(1 for lines in expect.values() for line in lines if ": error: " in line)
    warnings = sum(1 for lines in expect.values() for line in lines if ": warning: " in line)
    error_files = sum(1 for lines in expect.values() if any(": error: " in x for x in lines))
    warning_files = sum(1 for lines in expect.values() if any(": warning: " in x for x in lines))
    result = run("check", str(INVALID))
    assert result.exit_code == 1
    assert all(LINE.match(line) for line in result.stdout.splitlines())
    assert len(result.stdout.splitlines()) == errors + warnings
    assert result.stderr == (
        f"{errors} errors in {error_files} of {len(files)} files, "
        f"{warnings} warning{'s' if warnings != 1 else ''} in {warning_files} of {len(files)} "
        "files\n"
    )


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode)
            for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_check_never_writes_to_the_files_it_checks(folder: Path, fmt: str) -> None:
    (folder / "crlf.yaml").write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    (folder / "latin1.yaml").write_bytes(GOOD.replace("Managing", "Gesch\xe4fts").encode("latin-1"))
    past = 1_600_000_000_000_000_000
    for path in folder.iterdir():
        os.utime(path, ns=(past, past))
    before = snapshot(folder)
    run("check", "--format", fmt, str(folder))
    assert snapshot(folder) == before
    assert sorted(p.name for p in folder.parent.iterdir()) == ["suppliers"]


def test_console_script_exit_codes(tmp_path: Path) -> None:
    """The installed ``handbook`` entry point, as a buyer runs it."""
    script = Path(sys.executable).parent / "handbook"
    (tmp_path / "acme.yaml").write_text(GOOD, encoding="utf-8")
    ok = subprocess.run([script, "check", str(tmp_path)], capture_output=True, text=True,
                        check=False, timeout=60)
    assert (ok.returncode, ok.stdout) == (0, "no problems in 1 file\n")
    (tmp_path / "bad.yaml").write_text(BAD_DATE, encoding="utf-8")
    bad = subprocess.run([script, "check", str(tmp_path)], capture_output=True, text=True,
                         check=False, timeout=60)
    assert bad.returncode == 1
    assert bad.stdout == (f"{tmp_path / 'bad.yaml'}:16:11: error: date: '2026-13-45' is not "
                          "a date: there is no month 13 (months are 01 to 12)\n")
    assert bad.stderr == "1 error in 1 of 2 files\n"
    usage = subprocess.run([script, "check", str(tmp_path / "nope")], capture_output=True,
                           text=True, check=False, timeout=60)
    assert usage.returncode == 2
    assert "no such file or folder" in usage.stderr
    assert "Traceback" not in usage.stderr
