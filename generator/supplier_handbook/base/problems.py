"""A located problem in a supplier file (the output formats are in ``reporter``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(char: str) -> str:
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def display_path(path: str) -> str:
    """A file name safe to print in every output format: bytes that are not UTF-8 (which a
    name read from the file system keeps as surrogate escapes) shown as ``\\xNN``, control
    characters (line breaks, terminal escape sequences) as ``\\n``, ``\\x1b`` and the like,
    so that no name can start a line, a workflow command or an escape sequence."""
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raw = path.encode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda m: _escape(m.group()), raw.decode("utf-8", "backslashreplace"))



@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one file, at the line and column where the user wrote it."""

    path: str
    line: int
    col: int
    severity: Severity
    message: str

    def format(self) -> str:
        """The compiler convention: ``PATH:LINE:COL: error: message``."""
        return (f"{display_path(self.path)}:{self.line}:{self.col}: {self.severity}: "
                f"{display_path(self.message)}")  # a value quoted raw cannot reach the terminal


def quote(value: object, limit: int = 60) -> str:
    """Show a bad value the way the user wrote it, shortened when long."""
    if value is None:
        return "an empty value"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return repr(text)


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 supplier``, ``2 suppliers``, ``0 files``; ``many`` for irregular plurals."""
    return f"{count} {word if count == 1 else many or word + 's'}"


def count_errors(problems: Iterable[Problem]) -> int:
    return sum(1 for p in problems if p.severity == "error")
