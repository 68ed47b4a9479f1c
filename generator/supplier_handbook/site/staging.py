"""Stage 5: build the site with MkDocs, all or nothing, only where the user asked.

``build_site`` checks the target (``folders.check_target``: never the project or its
folders, never a folder the handbook did not write), takes the target's lock, builds into a
fresh staging folder beside it and swaps it in only when MkDocs succeeded, so a failed build
leaves the previous site untouched. A target that is a mount point (a container volume as
the web root) cannot be swapped: the new site is built aside, then synced into it.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from supplier_handbook.derive.agenda import agenda
from supplier_handbook.model.check import CheckResult
from supplier_handbook.read.project import ProjectError, outside_links_error, supplier_folder_error
from supplier_handbook.render.calendar import SHARED_KINDS, shared_feed
from supplier_handbook.render.textfmt import title_text
from supplier_handbook.site.config import build_date, handbook_plugin, suppliers_folder
from supplier_handbook.site.folders import (
    SITE_MARKER,
    check_target,
    locked,
    new_staging,
    remove_leftovers,
    sync_into,
    write_marker,
)
from supplier_handbook.site.generate import make_pipeline


def site_target(config_file: Path, config: MkDocsConfig, site_dir: Path | None) -> Path:
    """The resolved folder to build into, refused (``TargetError``) where the handbook must
    not write; ``ProjectError`` when the project holds what must not be read or published."""
    suppliers_dir = suppliers_folder(config, handbook_plugin(config).config)
    target = check_target(Path(site_dir or config.site_dir), SITE_MARKER,
                          project=config_file.parent, docs_dir=Path(config.docs_dir),
                          suppliers_dir=suppliers_dir, config_file=config_file)
    error = (supplier_folder_error(suppliers_dir, config_file.parent)
             or outside_links_error(Path(config.docs_dir), config_file.parent))
    if error is not None:
        raise ProjectError(error)
    return target


def replace_target(target: Path, fill: Callable[[Path], None]) -> None:
    """Under the target's lock: ``fill`` a fresh staging folder, then put it in place of
    ``target``. When ``fill`` raises, ``target`` is untouched and the staging removed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with locked(target):
        remove_leftovers(target)
        staging = new_staging(target)
        try:
            fill(staging)
            _swap(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def build_site(config: MkDocsConfig, site_dir: Path | None,
               checked: CheckResult | None = None) -> Path:
    """Build the site of the loaded ``config`` into ``site_dir`` (default: the config's)
    atomically; returns it. ``checked``: the supplier files, checked already."""
    config_file = Path(config.config_file_path or "mkdocs.yml")
    target = site_target(config_file, config, site_dir)

    def fill(staging: Path) -> None:
        config.site_dir = str(staging)
        handbook_plugin(config).checked = checked
        build(config)
        write_marker(staging, SITE_MARKER, "build")

    try:
        replace_target(target, fill)
    finally:
        config.site_dir = str(target)
    return target


def build_shared_site(config: MkDocsConfig, slug: str, site_dir: Path,
                      checked: CheckResult) -> Path:
    """A one-page site for one supplier, safe to share with them: shared fields only, no
    other supplier, no derived assessment. Built beside ``site_dir`` and swapped in."""
    config_file = Path(config.config_file_path or "mkdocs.yml")
    plugin = handbook_plugin(config)
    entry = next((s for s in checked.suppliers if s.slug == slug), None)
    if entry is None:
        raise KeyError(slug)
    target = site_target(config_file, config, site_dir)
    portfolio, page = make_pipeline(config, plugin.config).shared_page(
        entry, build_date(plugin.config))

    def fill(staging: Path) -> None:
        with tempfile.TemporaryDirectory() as work:
            project = Path(work)
            (project / "docs").mkdir()
            (project / "docs" / "index.md").write_text(page, encoding="utf-8")
            if any(i.kind in SHARED_KINDS for i in agenda(portfolio)):  # the actions' dates
                (project / "docs" / "calendar.ics").write_text(
                    shared_feed(portfolio.suppliers[0], portfolio.as_of, portfolio.settings),
                    encoding="utf-8")
            (project / "mkdocs.yml").write_text(
                yaml.safe_dump({
                    # The theme prints site_name unescaped (header, <title>): given
                    # escaped.
                    "site_name": f"{title_text(entry.supplier.name)}: our joint page",
                    "theme": {"name": "material", "font": False},
                    "plugins": [],
                    "markdown_extensions": ["tables"],
                }, allow_unicode=True),
                encoding="utf-8",
            )
            build(load_config(str(project / "mkdocs.yml"), site_dir=str(staging)))
        write_marker(staging, SITE_MARKER, "build --audience supplier")

    replace_target(target, fill)
    return target


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False when the
    system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    done = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if done == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # not on this file system
        return False
    raise OSError(code, os.strerror(code), str(b))


_CANNOT_MOVE = (errno.EBUSY, errno.EXDEV, errno.EPERM)  # a mount point, another device


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is. Where the system allows, in one atomic step: at every
    moment ``target`` is either the complete old site or the complete new one, also when the
    build is killed. A mount point stays in place and gets the new files synced into it."""
    if os.path.ismount(target):
        sync_into(new, target)
        return
    try:
        if not target.exists():
            new.rename(target)
            return
        if _exchange(new, target):
            shutil.rmtree(new, ignore_errors=True)  # ``new`` now holds the old site
            return
        old = new.parent / f".{target.name}.old-{new.name.rsplit('-', 1)[-1]}"
        target.rename(old)  # the fallback: two renames, a short moment without a site
        new.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        if exc.errno not in _CANNOT_MOVE or not target.is_dir():
            raise
        sync_into(new, target)
