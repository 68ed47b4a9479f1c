"""Stage 1: read a YAML file into plain data plus the line:col of every value and key.

Knows nothing of suppliers. Uses libyaml's C composer (``yaml.CSafeLoader``) for speed and
builds the Python values itself, so that YAML 1.1 surprises cannot change meaning: every
plain scalar stays the text the user wrote (``no``, ``NO``, ``on`` and ``12:30`` included);
only an empty value, ``~`` and ``null`` become ``None``. Later stages decide what a text
means where a boolean or a date is expected.

Aliases are followed, but the number of values after expansion and the nesting depth are
bounded, so an alias bomb ends in an error, not in exhausted memory.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

import yaml

from supplier_handbook.base.errors import HandbookError
from supplier_handbook.base.problems import Problem, quote

PathKey = tuple[str | int, ...]
Mark = tuple[int, int]

MAX_BYTES = 1_000_000
SUPPLIER_SUFFIXES = (".yaml", ".yml")
MAX_VALUES = 50_000
MAX_DEPTH = 40

_NULL_TAG = "tag:yaml.org,2002:null"
_SURROGATE = re.compile("[\ud800-\udfff]")
_STR_TAG = "tag:yaml.org,2002:str"
_NULLS = frozenset(("", "~", "null", "Null", "NULL"))  # the YAML 1.1 null words, exactly
_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc]
    """libyaml's composer with a resolver that only tells null from text.

    Every plain scalar stays the text written (see the module docstring), so the regular
    expressions the safe resolver tries on each one (booleans, numbers, timestamps) decide
    nothing here; they were the larger part of the time a check spent loading a file."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit[0]:
            return _NULL_TAG if value in _NULLS else _STR_TAG
        return super().resolve(kind, value, implicit)


def is_supplier_file(name: str | PurePath) -> bool:
    """Whether a name in the supplier folder is a supplier file: ``SLUG.yaml`` or
    ``SLUG.yml`` (a hidden ``.yaml`` is not). The folder itself is the caller's to judge."""
    return PurePath(name).suffix in SUPPLIER_SUFFIXES


@dataclass
class Document:
    """A loaded file: its data (``None`` when it could not be read) and where things are."""

    path: str
    data: Any = None
    values: dict[PathKey, Mark] = field(default_factory=dict)
    keys: dict[PathKey, Mark] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    source: str = field(default="", repr=False)
    """The text that was parsed (for locating a part of a value, such as a link)."""

    def value_mark(self, path: PathKey) -> Mark:
        """Where the value at ``path`` starts, or its nearest enclosing value."""
        while path not in self.values and path:
            path = path[:-1]
        return self.values.get(path, (1, 1))

    def key_mark(self, path: PathKey) -> Mark:
        """Where the key of the mapping entry at ``path`` is, else where its value is."""
        return self.keys.get(path) or self.value_mark(path)

    def error(self, mark: Mark, message: str) -> None:
        self.problems.append(Problem(self.path, mark[0], mark[1], "error", message))


class _Abort(HandbookError):
    def __init__(self, mark: Mark, message: str) -> None:
        super().__init__(message, line=mark[0], col=mark[1])
        self.mark = mark


def _mark(node: yaml.Node) -> Mark:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's line breaks


def _position(text: str, index: int) -> Mark:
    breaks = list(_BREAK.finditer(text, 0, index))
    start = breaks[-1].end() if breaks else 0
    return (len(breaks) + 1, index - start + 1)


class _Builder:
    """Turns a composed node tree into dicts, lists and strings, recording marks."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.count = 0

    def build(self, node: yaml.Node, path: PathKey, depth: int) -> Any:
        self.count += 1
        if self.count > MAX_VALUES:
            raise _Abort(
                _mark(node),
                f"the file holds more than {MAX_VALUES} values (aliases included); "
                "a supplier file needs far fewer",
            )
        if depth > MAX_DEPTH:
            raise _Abort(
                _mark(node),
                f"values are nested more than {MAX_DEPTH} levels deep (or an alias refers "
                "to itself); a supplier file needs at most a few levels",
            )
        self.doc.values[path] = _mark(node)
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _NULL_TAG and not node.style:
                return None
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self.mapping(node, path, depth)

    def mapping(self, node: yaml.Node, path: PathKey, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.doc.error(_mark(key_node), "a key must be a plain word, not a list or mapping")
                continue
            key = key_node.value
            if key in result:
                self.doc.error(
                    _mark(key_node),
                    f"duplicate key {quote(key)} (first at line {self.doc.keys[(*path, key)][0]})",
                )
                continue
            self.doc.keys[(*path, key)] = _mark(key_node)
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result


def _may_nest_deeply(text: str) -> bool:
    """Cheap test: nesting deeper than about a thousand levels needs either a line longer
    than a thousand characters (block style) or over a thousand brackets (flow style)."""
    brackets = text.count("[") + text.count("{")
    return brackets > 1000 or any(len(line) > 1000 for line in text.splitlines())


def _too_deep(text: str) -> Mark | None:
    """Where nesting first exceeds ``MAX_DEPTH``, found on the event stream (no recursion:
    libyaml's composer recurses in C and would overflow the stack first)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                mark = event.start_mark
                if depth > MAX_DEPTH:
                    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # newer libyaml refuses deep flow nesting itself while scanning ahead of the events
        if "nesting depth" not in (exc.problem or "") or exc.problem_mark is None:
            raise
        return (exc.problem_mark.line + 1, exc.problem_mark.column + 1)
    return None


def _syntax_message(exc: yaml.MarkedYAMLError) -> str:
    if exc.context and "single document" in exc.context:
        return (
            "YAML syntax error: the file holds more than one document "
            "(expected a single document)"
        )
    what = exc.problem or exc.context or "invalid YAML"
    return f"YAML syntax error: {what}"


def load_text(text: str, path: str) -> Document:
    """Parse YAML text; problems are recorded, never raised."""
    doc = Document(path)
    if text.startswith("\ufeff"):
        text = text[1:]
    doc.source = text
    bad = _SURROGATE.search(text)
    if bad is not None:
        doc.error(_position(text, bad.start()),
                  f"the text holds an invalid character (code {ord(bad.group())}); "
                  "save the file as UTF-8")
        return doc
    try:
        deep = _too_deep(text) if _may_nest_deeply(text) else None
        if deep is not None:
            doc.error(deep, f"values are nested more than {MAX_DEPTH} levels deep; a supplier "
                      "file needs at most a few levels")
            return doc
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        doc.error(where, _syntax_message(exc))
        return doc
    except yaml.reader.ReaderError as exc:
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        # libyaml counts the position in bytes of the UTF-8 text, not in characters
        before = text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore")
        doc.error(
            _position(before, len(before)),
            f"the file holds the control character {char!r} (code {ord(char[:1] or ' ')}), "
            "which YAML does not allow; remove it",
        )
        return doc
    except yaml.YAMLError as exc:  # any other parser complaint, without a position
        doc.error((1, 1), f"YAML syntax error: {exc}")
        return doc
    if root is None:
        doc.error((1, 1), "the file is empty (expected a mapping of supplier fields)")
        return doc
    if root.tag == _NULL_TAG and not getattr(root, "style", None):
        doc.error(_mark(root), "the file holds no fields (expected a mapping of supplier fields)")
        return doc
    try:
        doc.data = _Builder(doc).build(root, (), 0)
    except _Abort as exc:
        doc.data = None
        doc.values.clear()
        doc.keys.clear()
        doc.error(exc.mark, exc.text)
    except RecursionError:
        doc.data = None
        doc.error(_mark(root), "values are nested too deeply")
    return doc


class Refused(HandbookError):
    """A file the reader will not read, and why (in words for the user)."""


def read_file_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The one way the handbook reads a supplier file (check, build, serve, diff): judged by
    ``lstat`` before it is opened, so a symbolic link, a pipe, a device or a folder is
    refused without being followed or opened, and a file over ``limit`` bytes is refused
    without being read. Raises ``Refused`` with the reason; never hangs or follows."""
    try:
        info = path.lstat()
    except OSError as exc:
        raise Refused(f"cannot read the file: {exc.strerror or exc}") from None
    if stat.S_ISLNK(info.st_mode):
        raise Refused("the file is a symbolic link; a supplier file must be a regular "
                      "file in the folder (links could read anything on the build machine)")
    if not stat.S_ISREG(info.st_mode):
        raise Refused("not a regular file (a device, pipe or folder named like a "
                      "supplier file); remove it")
    if info.st_size > limit:
        raise Refused(f"the file is {info.st_size:,} bytes; a supplier file may be at most "
                      f"{limit:,}")
    try:
        # O_NOFOLLOW | O_NONBLOCK: should the path change between lstat and open, a link is
        # still not followed and a pipe does not block
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0)
                     | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise Refused(f"cannot read the file: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise Refused("not a regular file; remove it")
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise Refused(f"the file is over {limit:,} bytes; a supplier file may be at most "
                      f"{limit:,}")
    return raw


def load_bytes(raw: bytes, name: str) -> Document:
    """Parse the bytes of a file; non-UTF-8 text is a located problem."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        doc = Document(name)
        good = raw[: exc.start].decode("utf-8", errors="replace")
        doc.error(
            _position(good, len(good)),
            f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
        )
        return doc
    return load_text(text, name)


def load_file(path: Path, display: str | None = None) -> Document:
    """Read and parse one file; unreadable, oversized and non-UTF-8 files become problems."""
    name = display if display is not None else str(path)
    try:
        raw = read_file_bytes(path)
    except Refused as exc:
        doc = Document(name)
        doc.error((1, 1), str(exc))
        return doc
    return load_bytes(raw, name)
