"""The ``handbook`` command: the group every subcommand is registered in.

The subcommands live with their kind: ``reading`` (``check``, ``schema``, ``diff``: they
change no file), ``publish`` (``build``, ``export``: the site), ``writing`` (``handover``,
``import``: supplier files), ``start`` (``init``, ``new``, ``serve``). Each command imports
the stages it needs inside its own body: ``handbook check`` starts without loading MkDocs,
Jinja, git history or the derive stage. The group turns every expected failure into one
line and an exit status (``errors.HandbookGroup``).
"""

from __future__ import annotations

import os

import click

from supplier_handbook import __version__
from supplier_handbook.commands.errors import HandbookGroup
from supplier_handbook.commands.publish import build, export
from supplier_handbook.commands.reading import check, diff, schema
from supplier_handbook.commands.start import init, new, serve
from supplier_handbook.commands.writing import handover, import_


@click.group(cls=HandbookGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handbook")
def main() -> None:
    """The supplier relationship handbook: check supplier files, build the site."""
    # Material prints a banner about MkDocs 2 on every build unless this is set; the
    # handbook's own output should stay the problems and the result.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


main.add_command(check)  # reading: they change no file
main.add_command(schema)
main.add_command(diff)
main.add_command(build)  # publish: the site
main.add_command(export)
main.add_command(init)  # start: a handbook, a supplier file, the live preview
main.add_command(new)
main.add_command(serve)
main.add_command(handover)  # writing: supplier files
main.add_command(import_)


def run() -> None:  # pragma: no cover - console entry for ``python -m supplier_handbook``
    main(prog_name="handbook")


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    run()
