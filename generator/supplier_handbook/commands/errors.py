"""The one error boundary of the ``handbook`` command.

Every expected failure of a command (a file system error, a number or date out of range, a
YAML or MkDocs configuration error, a refused target, a project part that may not be read,
a git failure) ends as one ``error: ...`` line on standard error and exit status 1; for
``build`` and ``export`` it adds that the previous output is unchanged, which the staging
folder and the swap guarantee. Never a traceback for bad input or a bad environment.

The classes are looked up only in modules already imported: an exception of a module that
was never loaded cannot occur, and ``handbook check`` stays free of MkDocs and git.
"""

from __future__ import annotations

import os
import sys

import click

from supplier_handbook.base.problems import display_path

_WRITES = {"build": "the previous site is unchanged",
           "export": "the previous export is unchanged"}

_EXPECTED = (
    ("yaml", "YAMLError"),
    ("mkdocs.exceptions", "MkDocsException"),
    ("supplier_handbook.site.folders", "TargetError"),
    ("supplier_handbook.read.project", "ProjectError"),
    ("supplier_handbook.history.gitlog", "GitError"),
)


def expected(exc: BaseException) -> bool:
    """Whether ``exc`` is a failure to report in words (not a bug to show in full)."""
    if isinstance(exc, OSError | OverflowError):
        return True
    for module, name in _EXPECTED:
        loaded = sys.modules.get(module)
        cls = getattr(loaded, name, None) if loaded is not None else None
        if isinstance(cls, type) and isinstance(exc, cls):
            return True
    return False


def error_text(exc: BaseException) -> str:
    """The failure in one line, with any file name escaped."""
    if isinstance(exc, OSError) and exc.strerror:
        where = exc.filename
        name = display_path(os.fsdecode(where)) if isinstance(where, str | bytes) else None
        return f"{name}: {exc.strerror}" if name else exc.strerror
    if type(exc).__name__ == "Abort" and type(exc).__module__ == "mkdocs.exceptions":
        return "MkDocs stopped the build (the reason is in the messages above)"
    if isinstance(exc, OverflowError):
        return (f"{exc} (a date or a number is out of range: check --as-of, "
                "SOURCE_DATE_EPOCH and the handbook's options in mkdocs.yml)")
    text = exc.format_message() if isinstance(exc, click.ClickException) else str(exc)
    return " ".join(display_path(line) for line in (text or type(exc).__name__).splitlines())


class HandbookGroup(click.Group):
    """A click group whose commands end in ``error: ...`` and exit 1 on expected failures."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            if not expected(exc):
                raise
            command = ctx.invoked_subcommand or ""
            tail = f"; {_WRITES[command]}" if command in _WRITES else ""
            click.echo(f"error: {error_text(exc)}{tail}", err=True)
            ctx.exit(1)
