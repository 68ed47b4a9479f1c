"""The commands that start a handbook and edit it: ``init``, ``new``, ``serve``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

import click

from supplier_handbook.base.problems import display_path
from supplier_handbook.commands.errors import HandbookCommand
from supplier_handbook.commands.options import AS_OF, CONFIG, START_HINT, config_path

_INIT_HELP = """Create a handbook repository in FOLDER (default: here).

FOLDER may be new, empty, or an existing repository (README.md, LICENSE, .git, a
.gitignore...): only the missing files are added, nothing is overwritten, the files kept
are listed, and the handbook's lines are appended to an existing .gitignore.

requirements.txt and .pre-commit-config.yaml pin this tool where it was installed from
(its PEP 610 record): installed from git, the same URL at the same tag or commit; from a
package index, supplier-handbook==VERSION. Installed from a local folder or in editable
mode there is nothing a new repository could install: give --tool-repo (the team's git
repository of this tool, with the release tag vVERSION) or --requirement.

\b
Examples:
  handbook init ourhandbook
  handbook init . --tool-repo "$(git -C ../supplier-handbook remote get-url origin)"
  handbook init . --tool-repo git@github.com:ORG/supplier-handbook.git
  handbook init . --requirement 'supplier-handbook==0.1.0'
"""


@click.command(cls=HandbookCommand, help=_INIT_HELP)
@click.argument("folder", type=click.Path(path_type=Path), default=Path("."))
@click.option("--tool-repo", default=None, metavar="GIT_URL",
              help="The git repository new handbooks install this tool from, pinned at the "
              "tag of this version: https://HOST/PATH, ssh://git@HOST/PATH, git@HOST:PATH "
              "(becomes ssh://), file:///PATH or a folder path.")
@click.option("--requirement", default=None, metavar="LINE",
              help="A complete pip requirement instead, e.g. 'supplier-handbook==0.1.0' "
              "from an internal package index.")
def init(folder: Path, tool_repo: str | None, requirement: str | None) -> None:
    from supplier_handbook.adopt.scaffold import init_handbook
    from supplier_handbook.adopt.toolpin import from_repo, from_requirement, installed_pin
    from supplier_handbook.base.wording import plural

    if tool_repo is not None and requirement is not None:
        raise click.UsageError("give --tool-repo or --requirement, not both")
    # a ToolSourceError or a TargetNotFolderError is a usage error (``commands.errors``)
    if tool_repo is not None:
        pin = from_repo(tool_repo)
    elif requirement is not None:
        pin = from_requirement(requirement)
    else:
        pin = installed_pin()
    done = init_handbook(folder, dt.date.today(), pin)
    click.echo(f"wrote {plural(len(done.written), 'file')} into {folder}")
    if done.kept:
        click.echo(f"kept, as they were: {', '.join(done.kept)}")
    if done.appended:
        click.echo(f"added the handbook's lines to: {', '.join(done.appended)}")
    click.echo(f"the tool is pinned to {pin.requirement}")
    click.echo(f"  ({pin.origin})")
    step = "" if folder.resolve() == Path.cwd().resolve() else f"cd {folder} && "
    click.echo("next:")
    click.echo(f"  {step}python3 -m venv .venv && . .venv/bin/activate")
    click.echo("  pip install -r requirements.txt")
    click.echo("  handbook new SLUG        # a commented starter file for your first supplier")
    click.echo("  handbook serve           # the site with live reload")


@click.command(cls=HandbookCommand)
@click.argument("slug")
@click.option("--dir", "folder", type=click.Path(path_type=Path), default=Path("suppliers"),
              show_default=True, help="Folder of the supplier files.")
def new(slug: str, folder: Path) -> None:
    """Write a commented starter file suppliers/SLUG.yaml (never overwrites).

    It shows an example of every section; its placeholder values fail the check until
    they are replaced.
    """
    from supplier_handbook.edit.starter import starter_text
    from supplier_handbook.model.supplier import SLUG_RE

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
    click.echo(f"wrote {target}; replace its placeholders (the check lists them), then run: "
               f"handbook check {target}")


def serve_address(dev_addr: str, site_url: str | None) -> str:
    """The address ``mkdocs serve`` answers on: the dev address plus site_url's path."""
    host, _, port = dev_addr.rpartition(":")
    path = urlsplit(site_url or "/").path or "/"
    if not path.endswith("/"):
        path += "/"
    return f"http://{host or '127.0.0.1'}:{port}{path}"


@click.command(cls=HandbookCommand)
@CONFIG
@AS_OF
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True,
              help="Address to serve on.")
def serve(config_file: Path, as_of: dt.date | None, dev_addr: str) -> None:
    """Serve the handbook with live reload (saving a supplier file rebuilds it).

    A supplier file with errors never stops the server: the last good site stays served,
    and every page shows the located errors until the file is fixed.
    """
    from mkdocs.commands.serve import serve as mkdocs_serve

    from supplier_handbook.site.config import (
        as_of_for_run,
        handbook_plugin,
        load_handbook_config,
        suppliers_folder,
    )

    config_file = config_path(config_file)
    # loaded here for its address and to report a bad option before the server starts;
    # ``mkdocs serve`` then loads it for each build it makes
    config = load_handbook_config(config_file, dev_addr=dev_addr)
    options = handbook_plugin(config).config
    folder = suppliers_folder(config, options)
    if options.enabled and not folder.is_dir():  # judged before the server starts
        raise click.UsageError(f"{display_path(str(folder))}: no such folder; {START_HINT}")
    site_url = config.site_url
    click.echo(f"serving the handbook on {serve_address(dev_addr, site_url)} "
               "(saving a file rebuilds it; Ctrl+C stops)")
    # dirty: MkDocs rebuilds only the pages whose source changed; the plugin writes the
    # generated pages to a cache folder, rewriting only those whose text changed
    # the server hears a save through the file system's events, not by polling (the
    # plugin's on_serve gives it the observer)
    with as_of_for_run(as_of):
        mkdocs_serve(str(config_file), dev_addr=dev_addr, build_type="dirty")
