"""Every generated file of a handbook, from its loaded ``mkdocs.yml``: the pages the
``Pipeline`` checks, derives and renders, the calendar feeds and the two assets.

Used by the plugin (each build and rebuild) and by ``handbook export``; neither the site
stage nor the export imports the plugin.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from supplier_handbook.base.errors import HandbookError
from supplier_handbook.base.wording import plural
from supplier_handbook.model.check import CheckResult
from supplier_handbook.read.project import supplier_folder_error
from supplier_handbook.site.config import (
    PLUGIN_NAME,
    HandbookConfig,
    build_date,
    settings_from,
    suppliers_folder,
)
from supplier_handbook.site.pipeline import Pipeline
from supplier_handbook.site.search_material import WORKER
from supplier_handbook.site.serving import SupplierFileErrors, as_typed

log = get_plugin_logger(PLUGIN_NAME)

ASSETS = ("assets/handbook.css", "assets/handbook.js")


def asset_text(name: str) -> str:
    return resources.files("supplier_handbook").joinpath(name).read_text(encoding="utf-8")


def make_pipeline(config: MkDocsConfig, plugin_config: HandbookConfig) -> Pipeline:
    return Pipeline(suppliers_folder(config, plugin_config), settings_from(plugin_config),
                    plugin_config.history, plugin_config.changes_days,
                    stale_days=plugin_config.stale_days,
                    directory_urls=config.use_directory_urls)


def generated_pages(
    config: MkDocsConfig, plugin_config: HandbookConfig, checked: CheckResult | None = None,
    pipeline: Pipeline | None = None,
) -> dict[str, str]:
    """Check, derive and render: every generated file, ``{path: text}``. Raises
    ``PluginError`` (after logging each located problem) when a supplier file has errors."""
    as_of = build_date(plugin_config)
    project = Path(config.config_file_path or ".").parent
    error = supplier_folder_error(suppliers_folder(config, plugin_config), project)
    if error is not None:
        raise PluginError(f"handbook: {error}")
    pipeline = pipeline or make_pipeline(config, plugin_config)
    try:
        result, pages = pipeline.run(as_of, checked)
    except HandbookError as exc:  # the supplier folder is missing: say so, never a traceback
        if not exc.usage:
            raise
        raise PluginError(f"handbook: {exc} (the plugin's suppliers_dir)") from None
    for problem in result.problems:
        (log.error if problem.severity == "error" else log.warning)(as_typed(problem).format())
    if pages is None:
        raise SupplierFileErrors(
            f"{plural(len(result.errors), 'error')} in supplier files; nothing was built",
            result.errors,
        )
    pages.update(pipeline.feeds(config.site_url))
    for name in (*ASSETS, WORKER):  # the search worker is not a page script: not in ASSETS
        pages[name] = asset_text(name)
    return pages


