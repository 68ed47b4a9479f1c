"""``handbook export``: the hand-written and generated Markdown plus a plain ``mkdocs.yml``
that any MkDocs-compatible builder reads without this package's plugin.

The export is written like a site: into a staging folder beside the target, then swapped in,
under the target's lock, and only into a folder that is new, empty or a previous export
(``folders.check_target``). The configuration is copied with its YAML tags kept as written
(``!ENV``, ``!relative``, ``!!python/name:`` as in Material's emoji setup): only the
``handbook`` plugin is taken out and the folders are pointed at the export.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig

from supplier_handbook.model.check import CheckResult
from supplier_handbook.read.project import (
    ProjectError,
    ignored_paths,
    outside_links_error,
    project_root,
    supplier_folder_error,
)
from supplier_handbook.site.config import handbook_plugin, suppliers_folder
from supplier_handbook.site.folders import EXPORT_MARKER, check_target, write_marker
from supplier_handbook.site.generate import generated_pages
from supplier_handbook.site.staging import replace_target


class _Tagged:
    """A value under a tag this package does not interpret, kept as its YAML node."""

    def __init__(self, node: yaml.Node) -> None:
        self.node = node


class _Loader(yaml.SafeLoader):
    pass


class _Dumper(yaml.SafeDumper):
    pass


def _keep(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    return _Tagged(node)


def _node(dumper: yaml.SafeDumper, value: _Tagged) -> yaml.Node:
    return value.node


_Loader.add_multi_constructor("!", _keep)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _keep)
_Dumper.add_representer(_Tagged, _node)


def read_config(config_file: Path) -> dict[str, Any]:
    """The configuration as written (tags kept), for copying; raises ``yaml.YAMLError``."""
    raw = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Loader)
    if not isinstance(raw, dict):
        raise yaml.YAMLError(f"{config_file}: expected a mapping of settings")
    return raw


def export_config(raw: dict[str, Any], with_assets: bool = True) -> str:
    raw = dict(raw)
    raw["docs_dir"] = "docs"
    raw["site_dir"] = "site"
    plugins = raw.get("plugins") or []
    raw["plugins"] = ({k: v for k, v in plugins.items() if k != "handbook"}
                      if isinstance(plugins, dict)
                      else [p for p in plugins if _plugin_name(p) != "handbook"])
    if with_assets:
        raw["extra_css"] = [*(raw.get("extra_css") or []), "assets/handbook.css"]
        raw["extra_javascript"] = [*(raw.get("extra_javascript") or []), "assets/handbook.js"]
    return ("# Exported by `handbook export`: plain MkDocs, no handbook plugin needed.\n"
            + yaml.dump(raw, Dumper=_Dumper, sort_keys=False, allow_unicode=True))


def export_tree(config: MkDocsConfig, out_dir: Path,
                checked: CheckResult | None = None) -> Path:
    """Write ``out_dir/docs`` (every page) and ``out_dir/mkdocs.yml`` (without the plugin),
    all or nothing; ``out_dir`` must be new, empty or a previous export."""
    config_file = Path(config.config_file_path or "mkdocs.yml")
    plugin = handbook_plugin(config)
    docs_dir = Path(config.docs_dir)
    suppliers_dir = suppliers_folder(config, plugin.config)
    target = check_target(out_dir, EXPORT_MARKER, project=config_file.parent,
                          docs_dir=docs_dir, suppliers_dir=suppliers_dir, config_file=config_file)
    error = (supplier_folder_error(suppliers_dir, config_file.parent)
             or outside_links_error(docs_dir, config_file.parent))
    if error is not None:
        raise ProjectError(error)
    enabled = plugin.config.enabled  # false: the plugin adds nothing, nor does the export
    text = export_config(read_config(config_file), with_assets=enabled)
    pages = generated_pages(config, plugin.config, checked) if enabled else {}

    # What git ignores is never published; a dot file git ignores (MkDocs never builds it)
    # is not refused above, so it is left out of the copy here.
    ignored = ignored_paths(docs_dir, project_root(config_file.parent))

    def leave_out(folder: str, names: list[str]) -> set[str]:
        return {n for n in names
                if n == ".git" or (Path(folder) / n).resolve() in ignored}

    def fill(staging: Path) -> None:
        docs = staging / "docs"
        shutil.copytree(docs_dir, docs, ignore=leave_out)
        for path, content in pages.items():
            page = docs / path
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(content, encoding="utf-8")
        (staging / "mkdocs.yml").write_text(text, encoding="utf-8")
        write_marker(staging, EXPORT_MARKER, "export")

    replace_target(target, fill)
    return out_dir


def _plugin_name(entry: Any) -> str:
    if isinstance(entry, str):
        return entry
    return next(iter(entry), "") if isinstance(entry, dict) else ""
