"""The loader on good input: plain values, the line:col of every key and value, YAML 1.1."""

from __future__ import annotations

from pathlib import Path

import pytest
from supplier_handbook.base.problems import Problem
from supplier_handbook.read.load import Document, load_file, load_text

TEXT = """\
# a comment first
name: Acme
tags: [NO, on, yes, off, 12:30, 1e3, 0o17, 2026-01-05, ~, null, "null", '']
impact:
  level: high
  sole_source: yes
contacts:
  - name: No
    side: supplier
  - name: Maria
empty:
"""


def test_every_plain_scalar_stays_the_text_written() -> None:
    doc = load_text(TEXT, "t.yaml")
    assert doc.problems == []
    assert doc.data == {
        "name": "Acme",
        "tags": ["NO", "on", "yes", "off", "12:30", "1e3", "0o17", "2026-01-05",
                 None, None, "null", ""],
        "impact": {"level": "high", "sole_source": "yes"},
        "contacts": [{"name": "No", "side": "supplier"}, {"name": "Maria"}],
        "empty": None,
    }


def test_marks_of_values_are_one_based_line_and_column() -> None:
    doc = load_text(TEXT, "t.yaml")
    assert doc.values[()] == (2, 1)
    assert doc.values[("name",)] == (2, 7)
    assert doc.values[("tags",)] == (3, 7)
    assert doc.values[("tags", 0)] == (3, 8)
    assert doc.values[("tags", 4)] == (3, 26)
    assert doc.values[("impact",)] == (5, 3)
    assert doc.values[("impact", "sole_source")] == (6, 16)
    assert doc.values[("contacts", 0)] == (8, 5)
    assert doc.values[("contacts", 1, "name")] == (10, 11)


def test_marks_of_keys() -> None:
    doc = load_text(TEXT, "t.yaml")
    assert doc.keys[("name",)] == (2, 1)
    assert doc.keys[("impact", "sole_source")] == (6, 3)
    assert doc.keys[("contacts", 0, "side")] == (9, 5)
    assert doc.keys[("empty",)] == (11, 1)


def test_value_mark_falls_back_to_the_nearest_enclosing_value() -> None:
    doc = load_text(TEXT, "t.yaml")
    assert doc.value_mark(("contacts", 1, "side")) == (10, 5)
    assert doc.value_mark(("nowhere", "at", "all")) == (2, 1)
    assert doc.key_mark(("contacts", 1, "name")) == (10, 5)
    assert doc.key_mark(("contacts", 1, "missing")) == (10, 5)
    assert Document("x").value_mark(("a",)) == (1, 1)


def test_aliases_are_followed() -> None:
    doc = load_text("a: &x [1, 2]\nb: *x\nc: &y {k: v}\nd: *y\n", "t.yaml")
    assert doc.problems == []
    assert doc.data == {"a": ["1", "2"], "b": ["1", "2"], "c": {"k": "v"}, "d": {"k": "v"}}


def test_tags_do_not_change_the_text() -> None:
    doc = load_text("a: !!int 5\nb: !!bool yes\nc: !!float 1.5\n", "t.yaml")
    assert doc.data == {"a": "5", "b": "yes", "c": "1.5"}


def test_duplicate_key_is_reported_at_the_second_key() -> None:
    doc = load_text("name: a\ncontacts:\n  - name: x\n    role: r\n    name: y\n", "t.yaml")
    assert doc.problems == [
        Problem("t.yaml", 5, 5, "error", "duplicate key 'name' (first at line 3)")
    ]
    assert doc.data == {"name": "a", "contacts": [{"name": "x", "role": "r"}]}


def test_duplicate_key_at_top_level() -> None:
    doc = load_text("name: a\ncategory: b\nname: c\n", "t.yaml")
    assert [p.format() for p in doc.problems] == [
        "t.yaml:3:1: error: duplicate key 'name' (first at line 1)"
    ]


def test_a_key_that_is_a_list_is_an_error() -> None:
    doc = load_text("name: a\n? [x, y]\n: z\n", "t.yaml")
    assert [p.format() for p in doc.problems] == [
        "t.yaml:2:3: error: a key must be a plain word, not a list or mapping"
    ]
    assert doc.data == {"name": "a"}


def test_bom_is_accepted_and_does_not_shift_columns(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_bytes(b"\xef\xbb\xbfname: Acme\ncategory: x\n")
    doc = load_file(path)
    assert doc.problems == []
    assert doc.data == {"name": "Acme", "category": "x"}
    assert doc.keys[("name",)] == (1, 1)
    assert doc.values[("name",)] == (1, 7)


def test_crlf_line_ends_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_bytes(b"name: Acme\r\nsummary: >\r\n  one\r\n  two\r\ntags: [a]\r\n")
    doc = load_file(path)
    assert doc.problems == []
    assert doc.data == {"name": "Acme", "summary": "one two\n", "tags": ["a"]}
    assert doc.values[("tags", 0)] == (5, 8)


def test_load_file_names_the_file_as_displayed(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text("name: [\n", encoding="utf-8")
    assert load_file(path, "suppliers/acme.yaml").problems[0].path == "suppliers/acme.yaml"
    assert load_file(path).problems[0].path == str(path)


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("name: Kjølberg Lim AS\n", {"name": "Kjølberg Lim AS"}),
        ("name: '12:30'\n", {"name": "12:30"}),
        ("name: |\n  two\n  lines\n", {"name": "two\nlines\n"}),
        ("name: 'it''s'\n", {"name": "it's"}),
        ("a:\n  b:\n    c: [d]\n", {"a": {"b": {"c": ["d"]}}}),
    ],
)
def test_other_scalars(text: str, data: object) -> None:
    doc = load_text(text, "t.yaml")
    assert doc.problems == []
    assert doc.data == data


def test_unicode_before_a_value_does_not_shift_its_column() -> None:
    doc = load_text("name: Ærø Åsgård\ncategory: [Kjølberg, x]\n", "t.yaml")
    assert doc.values[("category", 1)] == (2, 22)
