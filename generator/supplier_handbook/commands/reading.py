"""The commands that read the supplier files and change none: ``check``, ``schema``, ``diff``;
and the check every other command runs first (``check_or_exit``: the problems reported,
exit status 1 on an error).

Each command imports the stages it needs inside its own body: ``handbook check`` starts
without loading MkDocs, Jinja, git history or the derive stage.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from supplier_handbook.base.errors import HandbookError
from supplier_handbook.base.problems import display_path
from supplier_handbook.commands.errors import HandbookCommand
from supplier_handbook.commands.options import START_HINT
from supplier_handbook.commands.reporter import (
    CHECK_REPORTERS,
    DIFF_REPORTERS,
    choices_help,
    supplier_names,
    with_overdue_arrivals,
)

if TYPE_CHECKING:
    from supplier_handbook.model.check import CheckResult


def _report(result: CheckResult, fmt: str) -> None:
    output = CHECK_REPORTERS[fmt].report(result.problems, result.files_checked)
    click.echo(output.out, nl=False)
    if output.err:
        click.echo(output.err, nl=False, err=True)


def check_or_exit(paths: list[Path], fmt: str = "text", quiet_ok: bool = False,
                   default: bool = False) -> CheckResult:
    from supplier_handbook.model.check import check_paths

    try:
        result = check_paths(paths)
    except HandbookError as exc:
        if not default:
            raise
        raise HandbookError(f"{exc}; {START_HINT}", usage=exc.usage) from None
    if result.files_checked == 0:
        raise click.UsageError(
            f"no supplier files (*.yaml) in {', '.join(map(str, paths))}; write the first "
            "one with `handbook new SLUG`, or start a handbook with `handbook init FOLDER`"
        )
    if result.errors or not quiet_ok or fmt != "text":
        _report(result, fmt)
    if result.errors:
        sys.exit(1)
    return result



@click.command(cls=HandbookCommand)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(list(CHECK_REPORTERS)), default="text",
    show_default=True, help=choices_help(CHECK_REPORTERS),
)
def check(paths: tuple[Path, ...], fmt: str) -> None:
    """Check supplier files (default: every file in suppliers/).

    Prints every problem of every file; exits 1 when there is an error.
    """
    check_or_exit(list(paths) or [Path("suppliers")], fmt, default=not paths)


@click.command(cls=HandbookCommand)
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="Write to this file instead of standard output.")
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the supplier file (for editors' YAML language servers)."""
    import json

    from supplier_handbook.model.supplier import json_schema

    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        from supplier_handbook.base.atomic import write_atomic

        try:
            write_atomic(output, text.encode("utf-8"))
        except OSError as exc:
            raise click.UsageError(f"{display_path(str(output))}: not written "
                                   f"({exc.strerror or exc})") from None


@click.command(cls=HandbookCommand)
@click.argument("base", required=False, default="HEAD")
@click.argument("head", required=False)
@click.option("--dir", "folder", type=click.Path(path_type=Path), default=Path("suppliers"),
              show_default=True, help="Folder of the supplier files.")
@click.option("--format", "fmt", type=click.Choice(list(DIFF_REPORTERS)), default="text",
              show_default=True, help=choices_help(DIFF_REPORTERS))
def diff(base: str, head: str | None, folder: Path, fmt: str) -> None:
    """What changed in the supplier files between BASE and HEAD, in words.

    BASE defaults to HEAD (the last commit), HEAD to the working tree.
    """
    from supplier_handbook.history.gitcall import GitError, repository
    from supplier_handbook.history.gitlog import head_commit
    from supplier_handbook.history.versions import diff_versions, files_at, files_on_disk

    if not folder.is_dir():
        raise click.UsageError(f"{display_path(str(folder))}: no such folder; {START_HINT}")
    if folder.is_symlink():
        raise click.UsageError(f"{display_path(str(folder))}: the supplier folder is a symbolic "
                               "link; it must be a folder of the repository")
    repo = repository(folder)
    if repo is None:
        raise click.UsageError(f"{folder} is not inside a git checkout")
    top, rel = repo
    try:
        old = files_at(top, base, rel)
        new = files_on_disk(folder) if head is None else files_at(top, head, rel)
    except GitError as exc:
        if base == "HEAD" and head_commit(top) is None:  # a repository without a commit yet
            raise click.UsageError(
                "no commit yet to compare with: commit the supplier files first "
                "(then `handbook diff` shows what changed since)") from None
        raise click.UsageError(f"git: {exc}") from None
    changes = diff_versions(old, new)
    label = f"{base}..{head or 'working tree'}"
    changes = with_overdue_arrivals(changes, old, new, dt.date.today())
    names = supplier_names(changes, new, old)  # the sections are headed by the name
    click.echo(DIFF_REPORTERS[fmt].report(changes, label, names), nl=False)
