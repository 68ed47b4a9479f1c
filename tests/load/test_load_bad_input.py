"""Bad input never raises: every way a file can be broken ends in a located error."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from supplier_handbook.model.check import check_paths
from supplier_handbook.read import load
from supplier_handbook.read.load import MAX_DEPTH, load_file, load_text

from tests.samples import MINIMAL_SUPPLIER

GOOD = MINIMAL_SUPPLIER

BILLION_LAUGHS = "".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n',
        *(
            f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n"
            for a, b in zip("abcdefgh", "bcdefghi", strict=True)
        ),
    ]
)


def only(text: str) -> tuple[int, int, str]:
    """The one problem of a text: (line, col, message)."""
    doc = load_text(text, "t.yaml")
    assert len(doc.problems) == 1, [p.format() for p in doc.problems]
    assert doc.data is None
    problem = doc.problems[0]
    assert problem.severity == "error"
    return problem.line, problem.col, problem.message


def check_bytes(tmp_path: Path, raw: bytes, name: str = "acme.yaml") -> list[str]:
    path = tmp_path / name
    path.write_bytes(raw)
    result = check_paths([path])
    assert result.suppliers == []
    return [p.format().removeprefix(f"{path}:") for p in result.problems]


@pytest.mark.parametrize(
    ("text", "line", "col", "fragment"),
    [
        ("name: a\nsummary: Sole source: of\n", 2, 21, "mapping values are not allowed"),
        ("name: a\ncategory: [x, y\nsummary: z\n", 3, 8, "did not find expected ',' or ']'"),
        ("name: a\n\tcategory: x\n", 2, 1, "found a tab character"),
        ("name: a\n  category: x\n", 2, 11, "mapping values are not allowed"),
        ("name: a\ncontacts:\n  - name: x\n - name: y\n", 4, 2, ""),
        ("name: *nowhere\n", 1, 7, "found undefined alias"),
    ],
)
def test_yaml_syntax_error_at_the_parsers_line(text: str, line: int, col: int,
                                               fragment: str) -> None:
    got_line, got_col, message = only(text)
    assert (got_line, got_col) == (line, col)
    assert message.startswith("YAML syntax error: ")
    assert fragment in message


@pytest.mark.parametrize("text", ["", "\n\n", "   \n", "# only\n# comments\n"])
def test_empty_file(text: str) -> None:
    assert only(text) == (1, 1, "the file is empty (expected a mapping of supplier fields)")


@pytest.mark.parametrize(
    ("text", "line"), [("~\n", 1), ("null\n", 1), ("---\n~\n", 2), ("---\n", None)]
)
def test_a_file_holding_only_null_is_an_error_not_silently_skipped(
    tmp_path: Path, text: str, line: int | None
) -> None:
    """Nothing to check must not pass as "no problems": the supplier would vanish."""
    problems = check_bytes(tmp_path, text.encode())
    assert len(problems) == 1, problems
    if line is not None:
        assert problems[0].startswith(f"{line}:1: error: ")
    assert "expected a mapping of supplier fields" in problems[0]


def test_list_and_scalar_at_the_top_are_located_errors(tmp_path: Path) -> None:
    assert check_bytes(tmp_path, b"- name: a\n- name: b\n") == [
        "1:1: error: expected a mapping of supplier fields, got a list"
    ]
    assert check_bytes(tmp_path, b"# comment\n\nAcme Castings\n") == [
        "3:1: error: expected a mapping of supplier fields, got 'Acme Castings'"
    ]


def test_non_utf8_bytes_point_at_the_first_bad_byte(tmp_path: Path) -> None:
    raw = GOOD.replace("Managing Director", "Gesch\u00e4ftsf\u00fchrer").encode("latin-1")
    assert check_bytes(tmp_path, raw) == [
        "14:16: error: the file is not UTF-8 text (byte 0xe4); save it as UTF-8"
    ]


def test_non_utf8_after_utf8_text_counts_characters(tmp_path: Path) -> None:
    raw = "name: Kjølberg\n".encode() + b"category: Caf\xe9\n"
    assert check_bytes(tmp_path, raw) == [
        "2:14: error: the file is not UTF-8 text (byte 0xe9); save it as UTF-8"
    ]


def test_utf16_file_is_not_utf8(tmp_path: Path) -> None:
    assert check_bytes(tmp_path, GOOD.encode("utf-16")) == [
        "1:1: error: the file is not UTF-8 text (byte 0xff); save it as UTF-8"
    ]


def test_utf8_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode())
    result = check_paths([path])
    assert result.problems == []
    assert result.suppliers[0].supplier.contacts[0].role == "Managing Director"


def test_bom_and_crlf_keep_error_positions(tmp_path: Path) -> None:
    text = GOOD.replace("level: low", "level: huge").replace("\n", "\r\n")
    assert check_bytes(tmp_path, b"\xef\xbb\xbf" + text.encode()) == [
        "5:10: error: level: 'huge' is not allowed (expected 'high', 'medium' or 'low')"
    ]


def test_file_over_one_megabyte_is_refused(tmp_path: Path) -> None:
    raw = GOOD.encode() + b"# " + b"x" * 1_048_576 + b"\n"
    assert check_bytes(tmp_path, raw) == [
        f"1:1: error: the file is {len(raw):,} bytes; a supplier file may be at most 1,000,000"
    ]


def test_multiple_documents_are_an_error_that_says_one_is_expected() -> None:
    line, col, message = only(GOOD + "---\nname: Other\n")
    assert (line, col) == (15, 1)
    assert message.startswith("YAML syntax error: ")
    assert re.search(r"\b(one|single) document", message), message


@pytest.fixture
def values_built(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many YAML values the loader built (one item per value), counted as it builds."""
    built: list[int] = []
    build = load._Builder.build

    def counted(self: load._Builder, *args: Any) -> Any:
        built.append(1)
        return build(self, *args)

    monkeypatch.setattr(load._Builder, "build", counted)
    return built


def test_billion_laughs_is_rejected_after_bounded_work(values_built: list[int]) -> None:
    line, col, message = only(BILLION_LAUGHS)
    assert len(values_built) == load.MAX_VALUES + 1  # not the 9**9 the aliases expand to
    assert line >= 1 and col >= 1
    assert "more than 50000 values (aliases included)" in message


def test_billion_laughs_through_check_paths(tmp_path: Path, values_built: list[int]) -> None:
    problems = check_bytes(tmp_path, BILLION_LAUGHS.encode())
    assert len(values_built) == load.MAX_VALUES + 1
    assert len(problems) == 1 and "more than 50000 values" in problems[0]


@pytest.mark.parametrize(
    ("text", "line", "col"),
    [("a: &a [*a]\n", 1, 4), ("name: x\nowner: &o\n  name: *o\n", 2, 8)],
)
def test_self_referencing_alias(text: str, line: int, col: int) -> None:
    got_line, got_col, message = only(text)
    assert got_line == line
    assert got_col >= col
    assert "nested more than 40 levels deep (or an alias refers to itself)" in message


def test_two_hundred_nested_flow_lists() -> None:
    line, col, message = only("name: " + "[" * 200 + "]" * 200 + "\n")
    assert (line, col) == (1, 7 + MAX_DEPTH)
    assert message.startswith("values are nested more than 40 levels deep")


def test_two_hundred_nested_block_lists() -> None:
    text = "tags:\n" + "".join("  " * i + "-\n" for i in range(1, 201))
    line, col, message = only(text)
    # the list at depth d starts on line d + 1, at its first "-" (column 2 * d + 1)
    assert (line, col) == (2 + MAX_DEPTH, 2 * (1 + MAX_DEPTH) + 1)
    assert message.startswith("values are nested more than 40 levels deep")


@pytest.mark.parametrize("opener", ["[", "{a: "])
def test_fifty_thousand_nested_levels_do_not_crash_the_checker(tmp_path: Path,
                                                               opener: str) -> None:
    """100 kB of brackets: far below the size limit. Run in a child process, since the
    failure seen is a crash of the interpreter (segmentation fault), not an exception."""
    closer = "]" if opener == "[" else "}"
    path = tmp_path / "deep.yaml"
    path.write_text("name: " + opener * 50_000 + "x" + closer * 50_000 + "\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "supplier_handbook", "check", str(path)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 1, f"exit {proc.returncode}; stderr: {proc.stderr[-500:]}"
    assert proc.stdout.startswith(f"{path}:1:")
    assert re.search(r"nest|deep", proc.stdout), proc.stdout


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x9f"])
def test_control_character_is_located_and_named(char: str) -> None:
    line, col, message = only(f"name: a\ncategory: b{char}c\n")
    assert (line, col) == (2, 12)
    assert f"(code {ord(char)})" in message, message


def test_control_character_after_non_ascii_text_keeps_its_column() -> None:
    line, col, _ = only("name: Ærø Åsgård Kjølberg\ncategory: a\x07b\n")
    assert (line, col) == (2, 12)


def test_control_character_after_many_non_ascii_characters_keeps_its_line() -> None:
    line, col, _ = only("name: " + "ø" * 30 + "\ncategory: abc\nsummary: a\x07b\n")
    assert (line, col) == (3, 11)


def test_unreadable_path_is_a_located_error(tmp_path: Path) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    doc = load_file(folder)
    assert len(doc.problems) == 1
    assert doc.problems[0].format() == (
        f"{folder}:1:1: error: not a regular file (a device, pipe or folder named like a "
        "supplier file); remove it"
    )


BAD_INPUTS = {
    "syntax": b"name: a\nsummary: Sole source: of\n",
    "empty": b"",
    "comments": b"# nothing\n",
    "list": b"- a\n",
    "scalar": b"hello\n",
    "non-utf8": b"name: caf\xe9\n",
    "multi-doc": GOOD.encode() + b"---\nname: b\n",
    "bomb": BILLION_LAUGHS.encode(),
    "self-ref": b"a: &a [*a]\n",
    "nested": ("name: " + "[" * 200 + "]" * 200 + "\n").encode(),
    "control": b"name: a\x07b\n",
    "nul": b"name: a\x00b\n",
    "null-top": b"~\n",
    "key-list": b"[a]: b\n",
    "undefined-alias": b"name: *x\n",
    "weird-tag": b"name: !!python/object:os.system x\n",
}


@pytest.mark.parametrize("raw", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_never_raises_and_is_always_located(tmp_path: Path, raw: bytes) -> None:
    path = tmp_path / "acme.yaml"
    path.write_bytes(raw)
    result = check_paths([path])
    assert result.suppliers == []
    assert result.errors
    for problem in result.problems:
        assert problem.path == str(path)
        assert problem.line >= 1 and problem.col >= 1
        assert re.fullmatch(r".+:\d+:\d+: (error|warning): .+", problem.format())
