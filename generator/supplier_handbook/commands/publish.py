"""The commands that build the site from the checked supplier files: ``build`` (the whole
site, or the one page to share with a supplier) and ``export`` (the Markdown tree and a plain
``mkdocs.yml``); both load ``mkdocs.yml`` once (``load_config``) and check first.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from supplier_handbook.commands.errors import HandbookCommand
from supplier_handbook.commands.options import AS_OF, CONFIG, config_path
from supplier_handbook.commands.reading import check_or_exit

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from supplier_handbook.model.check import CheckResult


def load_config(config_file: Path, **overrides: object) -> tuple[MkDocsConfig, Path]:
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


@click.command(cls=HandbookCommand)
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
    config, folder = load_config(config_file, strict=strict)
    checked = check_or_exit([folder], quiet_ok=True)
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


@click.command(cls=HandbookCommand)
@click.argument("out_dir", type=click.Path(path_type=Path))
@CONFIG
@AS_OF
def export(out_dir: Path, config_file: Path, as_of: dt.date | None) -> None:
    """Write the complete Markdown tree and a plain mkdocs.yml to OUT_DIR."""
    from supplier_handbook.site.config import as_of_for_run
    from supplier_handbook.site.export import export_tree

    config_file = config_path(config_file)
    config, folder = load_config(config_file)
    checked = check_or_exit([folder], quiet_ok=True)
    with as_of_for_run(as_of):
        export_tree(config, out_dir, checked)
    click.echo(f"exported to {out_dir}; build it with: mkdocs build -f {out_dir / 'mkdocs.yml'}")
