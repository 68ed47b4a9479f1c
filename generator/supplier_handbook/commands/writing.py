"""The commands that write supplier files: ``handover`` (the relationship handed to a new
owner, in the file itself, with the previous owner's notes from a file, standard input or
``$EDITOR``) and ``import`` (a supplier file for every row of a spreadsheet).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from supplier_handbook.base.problems import display_path
from supplier_handbook.commands.errors import HandbookCommand
from supplier_handbook.commands.options import DateType
from supplier_handbook.commands.reading import check_or_exit
from supplier_handbook.edit.columns import COLUMNS, headers_help


@click.command(cls=HandbookCommand)
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
    check_or_exit([path], quiet_ok=True)
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


@click.command("import", cls=HandbookCommand, help=_IMPORT_HELP + headers_help())
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
