"""The one base of every error the handbook raises for bad input or bad usage.

``HandbookError`` carries a message and, when the error is about a place in a file, its
location (``path``, and ``line`` and ``col`` when known). ``str(error)`` is
``PATH:LINE:COL: message`` (as much of the location as is known), the message alone without
one. ``usage`` says whether the error is a wrong argument or option of the command (shown
with the command's usage line, exit status 2) rather than a failure of the work (``error:
...``, exit status 1). The ``handbook`` command turns every ``HandbookError`` into one line
in one place (``commands.errors``); nothing else needs to know the subclasses.
"""

from __future__ import annotations


class HandbookError(Exception):
    """A failure the user can fix (a file, an argument, a folder): reported in words, never
    as a traceback."""

    usage = False  # True: a wrong argument or option of the command (exit status 2)

    def __init__(self, message: str, *, path: str | None = None, line: int | None = None,
                 col: int | None = None, usage: bool | None = None) -> None:
        super().__init__(message)
        self.text = message  # the message without the location
        self.path = path
        self.line = line
        self.col = col
        if usage is not None:
            self.usage = usage

    @property
    def location(self) -> str | None:
        """``PATH``, ``PATH:LINE`` or ``PATH:LINE:COL``; ``None`` without a path."""
        if self.path is None:
            return None
        parts = [self.path] + [str(n) for n in (self.line, self.col) if n is not None]
        return ":".join(parts)

    def __str__(self) -> str:
        where = self.location
        return f"{where}: {self.text}" if where is not None else self.text
