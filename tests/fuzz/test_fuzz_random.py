"""Random documents and random text: loading and checking never raise, problems are located.

Documents are built from nested dicts, lists and scalars (with the format's own keys and
words mixed in, so that validation gets deep) and dumped in many YAML styles; raw text is
drawn from YAML's punctuation. The corpus files are explicit examples of both tests.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st
from supplier_handbook.read.load import load_text

from tests.fuzz.properties import (
    FUZZ,
    check_bytes,
    check_text,
    corpus_files,
    field_names,
)

KEYS = st.sampled_from(field_names()) | st.text(max_size=12)
WORDS = st.sampled_from(
    [
        "no", "No", "NO", "yes", "on", "off", "y", "n", "~", "null", "true", "12:30",
        "0x1F", "0o17", "1e3", ".inf", ".nan", "2026-02-30", "2026-11-23", "20261123",
        "2026-Q3", "2026-Q5", "weekly", "3 weeks", "0 days", "10000 months", "green",
        "amber", "purple", "high", "collaborative", "alliance", "executive", "supplier",
        "internal", "done", "dropped", "win", "a@b.example", "not-an-email", "JAP-1",
        "Dana Okafor", "Maria Schmidt", "<script>alert(1)</script>", "[x](javascript:1)",
        "", " ", "\t", "#", "- x", "&a", "*a", "<<", "!!binary", "\x00", "\x1b", "\ufeff",
    ]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.dates(min_value=dt.date(1, 1, 1))
    | st.text(max_size=40)
    | WORDS
)
DATA = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(KEYS, children, max_size=6),
    max_leaves=40,
)
TOP = st.dictionaries(KEYS, DATA, max_size=12) | DATA


@st.composite
def yaml_documents(draw: st.DrawFn) -> str:
    data = draw(TOP)
    options: dict[str, Any] = {
        "default_flow_style": draw(st.sampled_from([False, True, None])),
        "allow_unicode": draw(st.booleans()),
        "width": draw(st.sampled_from([20, 80, 10_000])),
        "indent": draw(st.integers(2, 9)),
        "explicit_start": draw(st.booleans()),
        "sort_keys": False,
    }
    if draw(st.booleans()):
        options["default_style"] = draw(st.sampled_from(["'", '"', "|", ">"]))
    text: str = yaml.dump(data, Dumper=yaml.CSafeDumper, **options)
    return text.replace("\n", draw(st.sampled_from(["\n", "\r\n", "\r"])))


YAML_CHARS = st.sampled_from([*":-?[]{},#&*!|>'\"%@` \n\t\r", "  ", "\n  ", "- ", ": "])
WORDS_RAW = st.sampled_from(["name", "contacts", "~", "<<", "---", "..."])
RAW_TEXT = st.lists(YAML_CHARS | WORDS_RAW | st.text(max_size=8), max_size=80).map("".join)

CORPUS_TEXTS: list[str] = []
for _path in corpus_files():
    with contextlib.suppress(UnicodeDecodeError):
        CORPUS_TEXTS.append(_path.read_bytes().decode("utf-8"))


F = TypeVar("F", bound=Callable[..., None])


def _with_examples(values: list[Any]) -> Callable[[F], F]:
    def decorate(test: F) -> F:
        for value in values:
            test = example(value)(test)
        return test

    return decorate


@FUZZ
@given(yaml_documents())
def test_random_yaml_documents_never_raise(text: str) -> None:
    check_text(text)


@FUZZ
@given(RAW_TEXT)
@_with_examples(CORPUS_TEXTS)
@example("")
@example("\ufeff")
@example("\r\n\r\n")
@example("- \n" * 3)
def test_random_text_never_raises(text: str) -> None:
    check_text(text)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-bytes")


@FUZZ
@given(raw=st.binary(max_size=300) | RAW_TEXT.map(lambda t: t.encode("utf-8")))
@_with_examples([p.read_bytes() for p in corpus_files()])
@example(b"\xef\xbb\xbf\xef\xbb\xbf")
@example(b"\xff\xfen\x00a\x00")
@example(b"name: \xed\xa0\x80\n")  # an encoded lone surrogate: not UTF-8
def test_random_bytes_never_raise(folder: Path, raw: bytes) -> None:
    check_bytes(raw, folder)


@FUZZ
@given(st.text(alphabet=st.characters(codec=None, categories=["Cs", "Ll", "Zs", "Po"]),
               max_size=20))
def test_load_text_with_lone_surrogates_records_a_problem(text: str) -> None:
    """``load_text`` promises that problems are recorded, never raised; a ``str`` decoded
    with ``surrogateescape`` (or built by a caller) may hold lone surrogates."""
    doc = load_text(f"name: {text}\n", "acme-castings.yaml")
    assert doc.data is not None or doc.problems
