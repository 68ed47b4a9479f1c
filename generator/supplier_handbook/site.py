"""Stage 5: build the site with MkDocs, all or nothing, and export the Markdown tree.

``build_site`` builds into a fresh temporary folder beside the target and swaps it in only
when MkDocs succeeded, so a failed build leaves the previous site untouched.
``export_tree`` writes the hand-written and generated Markdown plus a plain ``mkdocs.yml``
that any MkDocs-compatible builder can read without this package's plugin.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from .check import CheckResult
from .derive import derive
from .plugin import HandbookPlugin, build_date, generated_pages
from .render import Renderer
from .textfmt import title_text


def load_mkdocs_config(config_file: Path, as_of: dt.date | None, **overrides: Any) -> MkDocsConfig:
    config = load_config(str(config_file), **overrides)
    plugin = handbook_plugin(config)
    if as_of is not None:
        plugin.config.as_of = as_of.isoformat()
    return config


def handbook_plugin(config: MkDocsConfig) -> HandbookPlugin:
    for plugin in config.plugins.values():
        if isinstance(plugin, HandbookPlugin):
            return plugin
    raise ValueError(f"{config.config_file_path}: the 'handbook' plugin is not in plugins")


def build_site(
    config_file: Path, site_dir: Path | None, as_of: dt.date | None, strict: bool,
    checked: CheckResult | None = None,
) -> Path:
    """Build the site into ``site_dir`` (default: the config's) atomically; returns it."""
    probe = load_config(str(config_file))
    target = Path(site_dir or probe.site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_dir(target)
    try:
        config = load_mkdocs_config(config_file, as_of, site_dir=str(staging), strict=strict)
        handbook_plugin(config).checked = checked
        build(config)
        _swap(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def build_shared_site(config_file: Path, slug: str, site_dir: Path, as_of: dt.date | None,
                      checked: CheckResult) -> Path:
    """A one-page site for one supplier, safe to share with them: shared fields only, no
    other supplier, no derived assessment. Built beside ``site_dir`` and swapped in."""
    config = load_mkdocs_config(config_file, as_of)
    plugin = handbook_plugin(config)
    entry = next((s for s in checked.suppliers if s.slug == slug), None)
    if entry is None:
        raise KeyError(slug)
    portfolio = derive([entry], build_date(plugin.config))
    page = Renderer(portfolio).shared_supplier_page(portfolio.suppliers[0])
    target = site_dir.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        project = Path(work)
        (project / "docs").mkdir()
        (project / "docs" / "index.md").write_text(page, encoding="utf-8")
        (project / "mkdocs.yml").write_text(
            yaml.safe_dump({
                # The theme prints site_name unescaped (header, <title>): given escaped.
                "site_name": f"{title_text(entry.supplier.name)}: our joint page",
                "theme": {"name": "material", "font": False},
                "plugins": [],
                "markdown_extensions": ["tables"],
            }, allow_unicode=True),
            encoding="utf-8",
        )
        staging = staging_dir(target)
        try:
            build(load_config(str(project / "mkdocs.yml"), site_dir=str(staging)))
            _swap(staging, target)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return target


def staging_dir(target: Path) -> Path:
    """A fresh folder beside ``target`` to build into, named after this process so that a
    later build can tell the leftovers of a killed build from those of a running one."""
    _remove_leftovers(target)
    return Path(tempfile.mkdtemp(prefix=f".{target.name}.new-{os.getpid()}-", dir=target.parent))


def _remove_leftovers(target: Path) -> None:
    for path in target.parent.glob(f".{target.name}.new-*"):
        pid = path.name.removeprefix(f".{target.name}.new-").split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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
    errno = ctypes.get_errno()
    if errno in (38, 22, 95):  # ENOSYS, EINVAL, EOPNOTSUPP: not on this file system
        return False
    raise OSError(errno, os.strerror(errno), str(b))


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` where ``target`` is. Where the system allows, in one atomic step: at every
    moment ``target`` is either the complete old site or the complete new one, also when the
    build is killed or another build swaps at the same time."""
    for _ in range(3):
        if not target.exists():
            try:
                new.rename(target)
                return
            except OSError:  # another build put a site there meanwhile: exchange with it
                continue
        if _exchange(new, target):
            shutil.rmtree(new, ignore_errors=True)  # ``new`` now holds the old site
            return
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
        old.rmdir()
        target.rename(old)  # the fallback: two renames, a short moment without a site
        new.rename(target)
        shutil.rmtree(old, ignore_errors=True)
        return
    raise OSError(f"{target}: could not put the new site in place")


def export_tree(config_file: Path, out_dir: Path, as_of: dt.date | None,
                checked: CheckResult | None = None) -> Path:
    """Write ``out_dir/docs`` (every page) and ``out_dir/mkdocs.yml`` (without the plugin)."""
    config = load_mkdocs_config(config_file, as_of)
    plugin = handbook_plugin(config)
    pages = generated_pages(config, plugin.config, checked)
    docs = out_dir / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(config.docs_dir, docs)
    for path, text in pages.items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    raw = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    raw["docs_dir"] = "docs"
    raw["site_dir"] = "site"
    raw["plugins"] = [p for p in raw.get("plugins", []) if _plugin_name(p) != "handbook"]
    raw["extra_css"] = [*raw.get("extra_css", []), "assets/handbook.css"]
    raw["extra_javascript"] = [*raw.get("extra_javascript", []), "assets/handbook.js"]
    (out_dir / "mkdocs.yml").write_text(
        "# Exported by `handbook export`: plain MkDocs, no handbook plugin needed.\n"
        + yaml.safe_dump(raw, sort_keys=False, allow_unicode=True),
        encoding="utf-8",
    )
    return out_dir


def _plugin_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry), "")
