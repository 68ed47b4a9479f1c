"""The seed corpus, file by file: nasty YAML with the outcome each file must have.

Every file is read like ``handbook check`` reads it (``load_file``), must satisfy the fuzz
property, and ends either valid (``None`` below) or with an error at the given line and
column whose message holds the given words. The same files seed the fuzz tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from supplier_handbook.model.check import check_document
from supplier_handbook.read.load import load_file

from tests.fuzz.properties import CORPUS, check_bytes, corpus_files

VALID = None
EXPECTED: dict[str, tuple[int, int, str] | None] = {
    "alias-bomb.yaml": (15, 38, "more than 50000 values"),
    "anchors-aliases.yaml": VALID,
    "binary-tag.yaml": VALID,  # !!binary is ignored: the base64 stays text
    "bom-crlf.yaml": VALID,
    "collection-tags.yaml": (15, 7, "tags: expected a list, got a mapping"),  # !!set
    "complex-key.yaml": (15, 3, "a key must be a plain word"),
    "cr-only.yaml": VALID,
    # CR-only line ends: the control character is on line 3, column 1
    "cr-only-control-char.yaml": (3, 1, "control character '\\x07'"),
    "dates-and-numbers.yaml": (6, 16, "sole_source: '0o17' is not true or false"),
    "deep-nesting.yaml": (56, 83, "nested more than 40 levels"),
    "directives.yaml": VALID,
    "duplicate-keys.yaml": (15, 1, "duplicate key 'name' (first at line 1)"),
    "flow-block-mix.yaml": VALID,
    "html-in-values.yaml": VALID,  # shown as text by the renderer, see tests/security
    "long-line.yaml": (3, 10, "summary: is longer than 20000 characters"),
    "merge-key.yaml": (15, 1, "unknown key 'defaults'"),  # '<<' is no merge: a plain key
    "multi-document.yaml": (15, 1, "more than one document"),
    "nel-line-separators.yaml": VALID,
    "non-utf8-latin1.yaml": (9, 15, "not UTF-8 text (byte 0xfc)"),
    "nul-byte.yaml": (14, 19, "control character '\\x00'"),
    "null-root.yaml": (1, 5, "the file holds no fields"),
    "python-name-tag.yaml": (3, 10, "summary: must not be empty"),
    # the tag is ignored: nothing is constructed or run, the value is a plain list
    "python-object-tag.yaml": (1, 7, "name: expected text, got a list"),
    "scalar-root.yaml": (1, 1, "expected a mapping of supplier fields"),
    "self-alias.yaml": (15, 14, "an alias refers to itself"),
    "surrogate-escape.yaml": (3, 25, "invalid Unicode character escape"),
    "tabs.yaml": (12, 1, "tab character"),
    "undefined-alias.yaml": (14, 11, "found undefined alias"),
    "utf16-bom.yaml": (1, 1, "not UTF-8 text (byte 0xff)"),
    "yaml11-words.yaml": VALID,  # No, Yes, NO, on, 12:30 stay text
}


def test_the_corpus_is_listed_in_full() -> None:
    files = [p.name for p in corpus_files()]
    assert 15 <= len(files) <= 30
    assert sorted(files) == sorted(EXPECTED)
    assert all(p.stat().st_size < 40_000 for p in corpus_files())


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("corpus")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_file(folder: Path, name: str) -> None:
    raw = (CORPUS / name).read_bytes()
    checked = check_bytes(raw, folder)
    expected = EXPECTED[name]
    if expected is None:
        assert checked is not None, name
        return
    assert checked is None
    doc = load_file(folder / "acme-castings.yaml", name)
    _, problems = check_document(doc, "acme-castings")
    located = [(p.line, p.col) for p in problems if expected[2] in p.message]
    assert located, [p.format() for p in problems]
    assert located[0] == expected[:2], [p.format() for p in problems]
