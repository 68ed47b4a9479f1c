"""The placeholders of ``handbook new`` and ``handbook import``: values written for the user
to replace. Each one left in a file is an error, so that a starter or an imported file
cannot be committed unnoticed with made-up values in it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from supplier_handbook.base.problems import quote
from supplier_handbook.model.rules import Finding
from supplier_handbook.read.load import PathKey

MARK = "REPLACE:"
"""Every placeholder value of the starter file (and of an imported file) starts with this."""

_IMPORTED = re.compile(r"Imported from .*, row \d+: replace with ")
"""The placeholder summary ``handbook import`` wrote before it used ``MARK``: files imported
then still hold it, and it must fail the check like any placeholder."""
_IMPORTED_HINT = ": replace with "


def _strings(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))


def placeholders_left(data: Any, source: str | None = None) -> list[Finding]:
    """An error for every value that is still one of the starter's placeholders. Given the
    file's text (``source``), a file that has neither the mark nor a backslash (an escape
    that could spell the mark in a quoted value) is passed without walking its values."""
    if source and MARK not in source and _IMPORTED_HINT not in source and \
            "\\" not in source:  # "": no text was read
        return []
    found = []
    for path, text in _strings(data):
        if text.lstrip().startswith(MARK) or _IMPORTED.match(text.lstrip()):
            name = next((str(p) for p in reversed(path) if isinstance(p, str)), "value")
            found.append(Finding(
                path,
                f"{name}: {quote(text)} is still the starter's placeholder "
                "(from `handbook new` or `handbook import`); write the real value, or delete "
                "the entry",
            ))
    return found
