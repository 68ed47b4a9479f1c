"""The ``handbook`` command: parses options, calls the stages, turns problems into exit codes."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .check import CheckResult, UsageError, check_paths
from .model import SLUG_RE, json_schema
from .problems import summary, to_json
from .starter import starter_text


def _report(result: CheckResult, fmt: str) -> None:
    if fmt == "json":
        click.echo(to_json(result.problems, result.files_checked))
        return
    for problem in result.problems:
        click.echo(problem.format())
    click.echo(summary(result.problems, result.files_checked), err=bool(result.problems))


def _check_or_exit(paths: list[Path], fmt: str = "text", quiet_ok: bool = False) -> CheckResult:
    try:
        result = check_paths(paths)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None
    if result.files_checked == 0:
        raise click.UsageError(f"no supplier files (*.yaml) in {', '.join(map(str, paths))}")
    if result.errors or not quiet_ok or fmt != "text":
        _report(result, fmt)
    if result.errors:
        sys.exit(1)
    return result


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handbook")
def main() -> None:
    """The supplier relationship handbook: check supplier files, build the site."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="text: PATH:LINE:COL: error: message, one per line; json: the same for tools.",
)
def check(paths: tuple[Path, ...], fmt: str) -> None:
    """Check supplier files (default: every file in suppliers/).

    Prints every problem of every file; exits 1 when there is an error.
    """
    _check_or_exit(list(paths) or [Path("suppliers")], fmt)


@main.command()
@click.argument("slug")
@click.option("--dir", "folder", type=click.Path(path_type=Path), default=Path("suppliers"),
              show_default=True, help="Folder of the supplier files.")
def new(slug: str, folder: Path) -> None:
    """Write a commented starter file suppliers/SLUG.yaml (never overwrites)."""
    if not SLUG_RE.match(slug):
        raise click.UsageError(
            f"{slug!r} is not a slug (expected lowercase letters and digits joined by "
            "single hyphens, e.g. acme-castings)"
        )
    target = folder / f"{slug}.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        with target.open("x", encoding="utf-8") as handle:
            handle.write(starter_text(slug, dt.date.today()))
    except FileExistsError:
        raise click.UsageError(f"{target} exists already; it is not overwritten") from None
    click.echo(f"wrote {target}; edit it, then run: handbook check {target}")


@main.command()
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None,
              help="Write to this file instead of standard output.")
def schema(output: Path | None) -> None:
    """Print the JSON Schema of the supplier file (for editors' YAML language servers)."""
    text = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


def run() -> None:  # pragma: no cover - console entry for ``python -m generator``
    main(prog_name="handbook")


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    run()
