"""Mutations of real supplier files: the example files in suppliers/ and the valid corpus.

Two kinds: structural mutations of the loaded data (keys dropped, renamed, retyped, values
swapped between fields, deep nesting, huge strings, control characters), dumped back to YAML;
and byte mutations of the file as written (BOMs, CRLF and CR line ends, control and
non-UTF-8 bytes, nasty YAML snippets, lines cut, doubled or shifted), read with
``load_file`` like ``handbook check`` does.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz.properties import FUZZ, check_bytes, check_text, field_names, seed_bytes, seed_data

SEEDS = seed_data()
RAW_SEEDS = seed_bytes()
NAMES = field_names()
Path_ = tuple[Any, ...]

CONTROL = ["\x00", "\x01", "\x07", "\x08", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\ufffe",
           "\u202e", "\r", "\t", "\x0b"]
SCALARS = (
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20)
    | st.sampled_from(["no", "on", "12:30", "2026-13-01", "2026-Q9", "fortnightly", "purple",
                       "", " ", "~", "JAP-1", "Dana Okafor"])
)
VALUES = st.recursive(
    SCALARS, lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c,
                                                                  max_size=3),
    max_leaves=8,
)


def _walk(node: Any, path: Path_ = ()) -> list[Path_]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(_walk(value, (*path, key)))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found.extend(_walk(value, (*path, i)))
    return found


def _get(root: Any, path: Path_) -> Any:
    for part in path:
        root = root[part]
    return root


def _set(root: dict[str, Any], path: Path_, value: Any) -> dict[str, Any]:
    if not path:
        return value  # type: ignore[no-any-return]
    _get(root, path[:-1])[path[-1]] = value
    return root


def _rename(root: dict[str, Any], path: Path_, new: str) -> None:
    parent = _get(root, path[:-1])
    if isinstance(parent, dict) and new not in parent:
        parent[new] = parent.pop(path[-1])


def _typo(draw: st.DrawFn, key: str) -> str:
    how = draw(st.sampled_from(["drop", "upper", "other", "space", "random"]))
    if how == "drop" and len(key) > 1:
        i = draw(st.integers(0, len(key) - 1))
        return key[:i] + key[i + 1:]
    if how == "upper":
        return key.upper()
    if how == "other":
        return draw(st.sampled_from(NAMES))
    if how == "space":
        return f" {key} "
    return draw(st.text(max_size=10))


@st.composite
def mutated_documents(draw: st.DrawFn) -> str:
    data: Any = copy.deepcopy(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        paths = _walk(data)
        path = draw(st.sampled_from(paths))
        op = draw(st.sampled_from(["drop", "rename", "retype", "swap", "nest", "huge",
                                   "control", "duplicate"]))
        target = _get(data, path)
        if op == "drop" and path:
            parent = _get(data, path[:-1])
            del parent[path[-1]]
        elif op == "rename" and path and isinstance(path[-1], str):
            _rename(data, path, _typo(draw, path[-1]))
        elif op == "retype":
            data = _set(data, path, draw(VALUES))
        elif op == "swap" and path:
            other = draw(st.sampled_from(paths))
            if other and other[: len(path)] != path and path[: len(other)] != other:
                value = copy.deepcopy(_get(data, other))
                data = _set(data, other, copy.deepcopy(target))
                data = _set(data, path, value)
        elif op == "nest":
            wrapped = target
            for _ in range(draw(st.integers(1, 60))):
                wrapped = [wrapped] if draw(st.booleans()) else {"k": wrapped}
            data = _set(data, path, wrapped)
        elif op == "huge":
            size = draw(st.sampled_from([200, 201, 20_000, 20_001, 300_000]))
            data = _set(data, path, draw(st.sampled_from(["x", "é", " ", "#", "😀"])) * size)
        elif op == "control" and isinstance(target, str):
            i = draw(st.integers(0, len(target)))
            data = _set(data, path, target[:i] + draw(st.sampled_from(CONTROL)) + target[i:])
        elif op == "duplicate" and isinstance(target, list) and target:
            target.append(copy.deepcopy(draw(st.sampled_from(target))))
    return yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=draw(st.booleans()),
                     sort_keys=False, default_flow_style=draw(st.sampled_from([False, None])))


def test_every_seed_is_a_valid_supplier() -> None:
    assert len(SEEDS) >= 7  # the examples, at least
    for data in SEEDS:
        assert check_text(yaml.dump(data, Dumper=yaml.CSafeDumper, allow_unicode=True))


@FUZZ
@given(mutated_documents())
def test_structural_mutations_never_raise(text: str) -> None:
    check_text(text)


SNIPPETS = [
    b": ", b"- ", b"[", b"]", b"{", b"}", b"&a ", b"*a", b"<<: *a\n", b"? ", b"---\n", b"...\n",
    b"%YAML 1.1\n", b"!!python/object/apply:os.system ['true'] ", b"!!binary ", b"!!set ",
    b"|\n", b">-\n", b"'", b'"', b"#", b"@", b"`", b"%", b"\t", b"  ", b"\\", b'"\\ud800"',
    b'"\\x00"', b"~", b"-", b"\n",
]
BYTES = [
    b"\x00", b"\x07", b"\x1b", b"\x7f", b"\x80", b"\xff", b"\xfe", b"\xc3", b"\xed\xa0\x80",
    b"\xef\xbb\xbf", b"\xc2\x85", b"\xe2\x80\xa8", b"\xf4\x90\x80\x80", b"\r",
]


@st.composite
def mutated_bytes(draw: st.DrawFn) -> bytes:
    raw = draw(st.sampled_from(RAW_SEEDS))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["bom", "crlf", "cr", "byte", "snippet", "cut", "line",
                                   "indent", "truncate", "swap"]))
        at = draw(st.integers(0, len(raw)))
        lines = raw.split(b"\n")
        n = draw(st.integers(0, max(len(lines) - 1, 0)))
        if op == "bom":
            raw = draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"])) + raw
        elif op == "crlf":
            raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        elif op == "cr":
            raw = raw.replace(b"\r\n", b"\n").replace(b"\n", b"\r")
        elif op == "byte":
            raw = raw[:at] + draw(st.sampled_from(BYTES)) + raw[at:]
        elif op == "snippet":
            raw = raw[:at] + draw(st.sampled_from(SNIPPETS)) + raw[at:]
        elif op == "cut":
            raw = raw[:at] + raw[at + draw(st.integers(1, 40)):]
        elif op == "line" and lines:
            lines.insert(n, lines[n]) if draw(st.booleans()) else lines.pop(n)
            raw = b"\n".join(lines)
        elif op == "indent" and lines:
            lines[n] = b" " * draw(st.integers(-4, 6)) + lines[n].lstrip(b" ")
            raw = b"\n".join(lines)
        elif op == "swap" and len(lines) > 1:
            m = draw(st.integers(0, len(lines) - 1))
            lines[n], lines[m] = lines[m], lines[n]
            raw = b"\n".join(lines)
        elif op == "truncate":
            raw = raw[:at]
    return raw


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-mutations")


@FUZZ
@given(raw=mutated_bytes())
def test_byte_mutations_never_raise(folder: Path, raw: bytes) -> None:
    check_bytes(raw, folder)
