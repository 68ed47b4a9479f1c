"""The one error boundary of the ``handbook`` command.

Every expected failure of a command ends as one line on standard error, in one place, told
apart by type alone:

- a ``HandbookError`` (``base.errors``: the base of every error the handbook raises for bad
  input or usage) that is a usage error (a wrong argument or option) is shown as click
  shows one: the command's usage line, then ``Error: ...``, exit status 2;
- any other ``HandbookError``, a file system error (``OSError``), a number or date out of
  range (``OverflowError``), a YAML error, or an error of MkDocs (its exceptions are
  ``click.ClickException``s that are not usage errors) ends as ``error: ...`` (or
  ``PATH:LINE:COL: error: ...`` when the error has a location) and exit status 1; for
  ``build`` and ``export`` it adds that the previous output is unchanged, which the staging
  folder and the swap guarantee.

Never a traceback for bad input or a bad environment. Nothing here imports MkDocs:
``handbook check`` stays free of it.
"""

from __future__ import annotations

import os

import click
import yaml

from supplier_handbook.base.errors import HandbookError
from supplier_handbook.base.problems import display_path

_WRITES = {"build": "the previous site is unchanged",
           "export": "the previous export is unchanged"}


def expected(exc: BaseException) -> bool:
    """Whether ``exc`` is a failure to report in words (not a bug to show in full)."""
    if isinstance(exc, HandbookError | OSError | OverflowError | yaml.YAMLError):
        return True
    # MkDocs' errors (``MkDocsException``) are click exceptions that are not usage errors;
    # click's own usage errors are left to click.
    return isinstance(exc, click.ClickException) and not isinstance(exc, click.UsageError)


def _stopped_by_mkdocs(exc: BaseException) -> bool:
    """MkDocs' ``Abort`` (a click exception that is also a ``SystemExit``): the build
    stopped, and MkDocs has already logged why."""
    return isinstance(exc, click.ClickException) and isinstance(exc, SystemExit)


def error_text(exc: BaseException) -> str:
    """The failure in one line, with any file name escaped."""
    if isinstance(exc, HandbookError):
        text = exc.text
    elif isinstance(exc, OSError) and exc.strerror:
        where = exc.filename
        name = display_path(os.fsdecode(where)) if isinstance(where, str | bytes) else None
        return f"{name}: {exc.strerror}" if name else exc.strerror
    elif _stopped_by_mkdocs(exc):
        return "MkDocs stopped the build (the reason is in the messages above)"
    elif isinstance(exc, OverflowError):
        return (f"{exc} (a date or a number is out of range: check --as-of, "
                "SOURCE_DATE_EPOCH and the handbook's options in mkdocs.yml)")
    else:
        text = exc.format_message() if isinstance(exc, click.ClickException) else str(exc)
    return " ".join(display_path(line) for line in (text or type(exc).__name__).splitlines())


def error_line(exc: BaseException, tail: str = "") -> str:
    """``error: message`` or, for an error located in a file, ``PATH:LINE:COL: error:
    message`` (as the check reports a problem)."""
    where = exc.location if isinstance(exc, HandbookError) else None
    prefix = f"{display_path(where)}: " if where is not None else ""
    return f"{prefix}error: {error_text(exc)}{tail}"


class HandbookCommand(click.Command):
    """A command whose usage errors (``HandbookError.usage``) are shown with its own usage
    line, as click shows its own."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except HandbookError as exc:
            if not exc.usage:
                raise
            # escaped as every message is: text from a file cannot drive the terminal
            shown = "\n".join(display_path(line) for line in str(exc).splitlines())
            raise click.UsageError(shown, ctx) from None


class HandbookGroup(click.Group):
    """A click group whose commands end in ``error: ...`` and exit 1 on expected failures."""

    command_class = HandbookCommand

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except Exception as exc:
            if not expected(exc):
                raise
            command = ctx.invoked_subcommand or ""
            tail = f"; {_WRITES[command]}" if command in _WRITES else ""
            click.echo(error_line(exc, tail), err=True)
            ctx.exit(1)
