"""Options and argument types shared by the ``handbook`` commands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click


class DateType(click.ParamType):  # type: ignore[type-arg]
    """A ``YYYY-MM-DD`` date; one that does not exist is reported as such
    (``2026-02-30 is not a date: February 2026 has 28 days``)."""

    name = "date"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> dt.date:
        from supplier_handbook.model.scalars import why_not_a_date

        if isinstance(value, dt.date):
            return value
        text = str(value)
        reason = why_not_a_date(text)
        if reason is None:
            return dt.date.fromisoformat(text)
        if reason.startswith("expected"):
            self.fail(f"{text!r} is not a date ({reason}, e.g. 2026-11-23)", param, ctx)
        self.fail(f"{text!r} is not a date: {reason}", param, ctx)


AS_OF = click.option(
    "--as-of", type=DateType(), default=None, metavar="YYYY-MM-DD",
    help="The date every 'overdue' and 'gone quiet' is judged against (default: "
    "SOURCE_DATE_EPOCH, else today).",
)
CONFIG = click.option(
    "--config-file", "-f", type=click.Path(path_type=Path), default=Path("mkdocs.yml"),
    show_default=True, help="The handbook's mkdocs.yml.",
)

START_HINT = ("run it in a handbook repository, or start one with `handbook init FOLDER`")


def config_path(config_file: Path) -> Path:
    if not config_file.is_file():
        raise click.UsageError(
            f"{config_file}: no such MkDocs configuration file; {START_HINT}"
        )
    return config_file
