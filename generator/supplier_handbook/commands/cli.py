"""The ``handbook`` command: parses options, calls the stages, turns problems into exit codes.

Each command imports the stages it needs inside its own body: ``handbook check`` starts
without loading MkDocs, Jinja, git history or the derive stage.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from supplier_handbook import __version__
from supplier_handbook.base.errors import HandbookError
from supplier_handbook.base.problems import display_path
from supplier_handbook.commands.errors import HandbookGroup
from supplier_handbook.commands.options import AS_OF, CONFIG, START_HINT, DateType, config_path
from supplier_handbook.commands.reporter import (
    CHECK_REPORTERS,
    DIFF_REPORTERS,
    choices_help,
    supplier_names,
    with_overdue_arrivals,
)
from supplier_handbook.commands.start import init, new, serve
from supplier_handbook.edit.columns import COLUMNS, headers_help

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from supplier_handbook.model.check import CheckResult


def _report(result: CheckResult, fmt: str) -> None:
    output = CHECK_REPORTERS[fmt].report(result.problems, result.files_checked)
    click.echo(output.out, nl=False)
    if output.err:
        click.echo(output.err, nl=False, err=True)


def _check_or_exit(paths: list[Path], fmt: str = "text", quiet_ok: bool = False,
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


@click.group(cls=HandbookGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handbook")
def main() -> None:
    """The supplier relationship handbook: check supplier files, build the site."""
    # Material prints a banner about MkDocs 2 on every build unless this is set; the
    # handbook's own output should stay the problems and the result.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format", "fmt", type=click.Choice(list(CHECK_REPORTERS)), default="text",
    show_default=True, help=choices_help(CHECK_REPORTERS),
)
def check(paths: tuple[Path, ...], fmt: str) -> None:
    """Check supplier files (default: every file in suppliers/).

    Prints every problem of every file; exits 1 when there is an error.
    """
    _check_or_exit(list(paths) or [Path("suppliers")], fmt, default=not paths)


@main.command()
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


def _load(config_file: Path, **overrides: object) -> tuple[MkDocsConfig, Path]:
    """``mkdocs.yml``, loaded once for the whole command, and its supplier folder."""
    from supplier_handbook.read.project import ProjectError, supplier_folder_error
    from supplier_handbook.site.config import (
        handbook_plugin,
        load_handbook_config,
        suppliers_folder,
    )

    config = load_handbook_config(config_file, **overrides)
    folder = suppliers_folder(config, handbook_plugin(config).config, config_file)
    error = supplier_folder_error(folder, config_file.parent)
    if error is not None:  # judged before a single file of it is read
        raise ProjectError(error)
    return config, folder


@main.command()
@CONFIG
@AS_OF
@click.option("--site-dir", "-d", type=click.Path(path_type=Path), default=None,
              help="Where to write the site (default: site_dir of mkdocs.yml).")
@click.option("--strict", is_flag=True, help="Fail on MkDocs warnings too (broken links...).")
@click.option("--audience", type=click.Choice(["internal", "supplier"]), default="internal",
              show_default=True,
              help="supplier: a one-page site for the supplier SLUG, safe to share with them.")
@click.argument("slug", required=False)
def build(config_file: Path, as_of: dt.date | None, site_dir: Path | None,
          strict: bool, audience: str, slug: str | None) -> None:
    """Check the supplier files, then build the site (all or nothing).

    With --audience supplier SLUG: only that supplier's shared fields (meetings, contacts,
    the Joint Action Plan), into site-for-SLUG/ unless --site-dir is given.
    """
    from supplier_handbook.site.config import as_of_for_run

    config_file = config_path(config_file)
    if (audience == "supplier") != (slug is not None):
        raise click.UsageError("give a SLUG with --audience supplier, and only then")
    config, folder = _load(config_file, strict=strict)
    checked = _check_or_exit([folder], quiet_ok=True)
    with as_of_for_run(as_of):
        _build(config, checked, site_dir, strict, slug)


def _build(config: MkDocsConfig, checked: CheckResult, site_dir: Path | None, strict: bool,
           slug: str | None) -> None:
    from mkdocs.exceptions import MkDocsException

    from supplier_handbook.base.wording import plural
    from supplier_handbook.site.mkdocs_log import MkDocsWarnings
    from supplier_handbook.site.staging import build_shared_site, build_site

    if slug is not None:
        try:
            target = build_shared_site(config, slug, site_dir or Path(f"site-for-{slug}"),
                                       checked)
        except KeyError:
            known = ", ".join(s.slug for s in checked.suppliers)
            raise click.UsageError(f"no supplier {slug!r} (known: {known})") from None
        click.echo(f"built the page for {slug} to share with them into {target}")
        return
    with MkDocsWarnings() as warnings:
        try:
            target = build_site(config, site_dir, checked)
        except MkDocsException as exc:
            for line in warnings.lines():
                click.echo(line, err=True)
            count = len(warnings.messages)
            above = "the warning above" if count == 1 else f"the {count} warnings above"
            cause = f"the strict build stopped on {above}" if strict and count else str(exc)
            click.echo(f"error: {cause}; the previous site is unchanged", err=True)
            sys.exit(1)
    for line in warnings.lines():
        click.echo(line, err=True)
    click.echo(f"built {plural(len(checked.suppliers), 'supplier')} into {target}")


@main.command()
@click.argument("out_dir", type=click.Path(path_type=Path))
@CONFIG
@AS_OF
def export(out_dir: Path, config_file: Path, as_of: dt.date | None) -> None:
    """Write the complete Markdown tree and a plain mkdocs.yml to OUT_DIR."""
    from supplier_handbook.site.config import as_of_for_run
    from supplier_handbook.site.export import export_tree

    config_file = config_path(config_file)
    config, folder = _load(config_file)
    checked = _check_or_exit([folder], quiet_ok=True)
    with as_of_for_run(as_of):
        export_tree(config, out_dir, checked)
    click.echo(f"exported to {out_dir}; build it with: mkdocs build -f {out_dir / 'mkdocs.yml'}")


@main.command()
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


main.add_command(init)
main.add_command(new)
main.add_command(serve)


# --- handover, import: commands that write supplier files ---------------------------------


@main.command()
@click.argument("slug")
@click.option("--to", "to", required=True, help="The new owner's full name.")
@click.option("--notes", "notes_file", type=click.Path(path_type=Path, allow_dash=True),
              default=None, metavar="FILE",
              help="The handover notes (what the next owner must know), from FILE; - reads "
              "standard input. Without it, in a terminal, $EDITOR opens on a template.")
@click.option("--no-notes", is_flag=True,
              help="Write a notes scaffold instead (the check fails until the notes are "
              "written in the file).")
@click.option("--date", "date", type=DateType(), default=None,
              help="The handover date, YYYY-MM-DD (default: today).")
@click.option("--email", default=None, help="The new owner's e-mail address.")
@click.option("--dir", "folder", type=click.Path(path_type=Path), default=Path("suppliers"),
              show_default=True, help="Folder of the supplier files.")
def handover(slug: str, to: str, notes_file: Path | None, no_notes: bool,
             date: dt.date | None, email: str | None, folder: Path) -> None:
    """Hand the relationship SLUG over to a new owner, editing suppliers/SLUG.yaml in place.

    owner.name and owner.since change and a handovers entry is added with the previous
    owner's notes (--notes FILE, --notes - for standard input, or $EDITOR); only the
    changed lines are touched: comments, line ends, quoting and the file's mode stay.
    With --no-notes a scaffold is written, and `handbook check` fails until the notes are
    written.
    """
    from supplier_handbook.edit.handover import hand_over
    from supplier_handbook.model.supplier import SLUG_RE

    path = folder / f"{slug}.yaml"
    if not SLUG_RE.match(slug) or not path.is_file():
        known = ", ".join(p.stem for p in sorted(folder.glob("*.yaml"))) or "none"
        raise click.UsageError(f"no supplier file {display_path(str(path))} "
                               f"(known: {display_path(known)})")
    if no_notes and notes_file is not None:
        raise click.UsageError("give --notes FILE or --no-notes, not both")
    _check_or_exit([path], quiet_ok=True)
    when = date if date is not None else dt.date.today()
    # made first without writing, so that nobody writes notes for a handover refused (a
    # HandoverError is a usage error: ``commands.errors``)
    rehearsal = hand_over(path, to, when, email, dry_run=True)
    notes = _handover_notes(notes_file, no_notes, rehearsal.new)
    result = hand_over(path, to, when, email, notes)
    shown, previous, new = (display_path(str(path)), display_path(result.previous),
                            display_path(result.new))
    click.echo(f"{shown}: {previous} hands over to {new} on {when.isoformat()}")
    for line in result.changed:
        click.echo(f"  {display_path(line)}")
    if result.notes_written:
        click.echo(f"next: review the diff and commit it; the brief for {new} is "
                   f"suppliers/{slug}/handover/")
    else:
        click.echo(f"next: {previous} writes the handover notes in {shown}, in place of the "
                   "scaffold under `handovers` (TO FILL IN), before the pull request is "
                   "merged; `handbook check` and the pre-commit hook fail until then")


def _interactive() -> bool:
    """Whether a person is at a terminal (then an editor can open, as ``git commit`` does)."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def _handover_notes(notes_file: Path | None, no_notes: bool, new: str) -> str | None:
    """The notes: from FILE, standard input, or $EDITOR; None with --no-notes."""
    from supplier_handbook.edit.handover import NOTES_TEMPLATE, clean_notes, notes_from_editor
    from supplier_handbook.edit.handover_lines import HandoverError

    if no_notes:
        return None
    if notes_file is not None:
        limit = 100_000
        if str(notes_file) == "-":
            raw = sys.stdin.buffer.read(limit + 1)
        else:
            try:
                with notes_file.open("rb") as handle:
                    raw = handle.read(limit + 1)
            except OSError as exc:
                raise click.UsageError(f"--notes {display_path(str(notes_file))}: "
                                       f"{exc.strerror or exc}") from None
        if len(raw) > limit:
            raise HandoverError(f"the notes are longer than {limit:,} bytes")
        try:
            return clean_notes(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise HandoverError("the notes are not UTF-8 text") from None
    if not _interactive():
        raise click.UsageError("give the handover notes: --notes FILE, --notes - (standard "
                               "input), or --no-notes to write them in the file later")
    edited = click.edit(NOTES_TEMPLATE.format(new=new), extension=".md", require_save=True)
    if edited is None:
        raise HandoverError("the notes were not saved; the handover was not made")
    return notes_from_editor(edited)


_IMPORT_HELP = """Write a supplier file for every row of FILE (.csv or .xlsx).

The rule of `handbook new`: a row whose data is well formed is written; every value the
format needs and the row lacks becomes a placeholder starting with REPLACE:, which
`handbook check` reports until a person writes the real value. Rows with wrong data are
reported as FILE:ROW:COLUMN: error: message and nothing is written for them; an existing
supplier file is never overwritten. Columns no field uses are named. Exits 1 when a row
has an error.

"""


@main.command("import", help=_IMPORT_HELP + headers_help())
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--map", "mapping", multiple=True, metavar="HEADER=FIELD",
              help="Read FIELD from the column HEADER (repeatable). Fields: "
              f"{', '.join(COLUMNS)}.")
@click.option("--owner", default=None, help="The owner of every row without an owner cell.")
@click.option("--sheet", default=None, help="The worksheet of an .xlsx file (default: the first).")
@click.option("--encoding", default=None, metavar="NAME",
              help="The encoding of a CSV file (e.g. cp1250, gbk, utf-8), when it cannot be "
              "told from its bytes.")
@click.option("--dir", "folder", type=click.Path(path_type=Path), default=Path("suppliers"),
              show_default=True, help="Folder to write the supplier files into.")
@click.option("--dry-run", is_flag=True, help="List what would be written; write nothing.")
def import_(file: Path, mapping: tuple[str, ...], owner: str | None, sheet: str | None,
            encoding: str | None, folder: Path, dry_run: bool) -> None:
    from supplier_handbook.base.wording import plural
    from supplier_handbook.edit.importer import plan_import, write_planned
    from supplier_handbook.edit.sheets import read_sheet

    overrides: dict[str, str] = {}
    for item in mapping:
        head, sep, name = item.rpartition("=")
        if not sep or not head.strip() or not name.strip():
            raise click.UsageError(f"--map {item!r}: expected HEADER=FIELD")
        overrides[head.strip()] = name.strip()
    # a SheetError or a MappingError is a usage error (``commands.errors``)
    result = plan_import(read_sheet(file, sheet, encoding), folder, overrides, owner)
    if result.unused:
        click.echo("columns not used: " + ", ".join(display_path(repr(h)) for h in result.unused)
                   + " (--map HEADER=FIELD reads one; `handbook import --help` lists the "
                   "headers)")
    if not dry_run:
        write_planned(result)
    for problem in sorted(result.problems):
        click.echo(problem.format())
    verb = "would write" if dry_run else "wrote"
    held = 0
    for planned in result.planned:
        if dry_run or planned.target in result.written:
            held += planned.placeholders > 0
            extra = (f" ({plural(planned.placeholders, 'placeholder')} to replace)"
                     if planned.placeholders else "")
            click.echo(f"{verb} {display_path(str(planned.target))}{extra}")
    count = len(result.planned) if dry_run else len(result.written)
    rows = len(result.sheet.rows)
    bad = len({p.line for p in result.errors})
    click.echo(f"{verb} {count} of {plural(rows, 'row')} ({result.sheet.encoding}); "
               f"{plural(bad, 'row')} with errors", err=bool(result.errors))
    if held:
        click.echo(f"next: replace the placeholders in {plural(held, 'file')} (`handbook "
                   "check` lists them, located); the check fails until then")
    if result.errors:
        sys.exit(1)


def run() -> None:  # pragma: no cover - console entry for ``python -m supplier_handbook``
    main(prog_name="handbook")


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    run()
