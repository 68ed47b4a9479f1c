"""The MkDocs plugin: a thin adapter that runs the stages and adds their pages.

``plugins: [search, handbook]`` in ``mkdocs.yml``. Generated pages are virtual files
(``File.generated``); nothing is written into ``docs_dir``. Under ``mkdocs serve`` the
supplier folder is watched, so saving a supplier file rebuilds the site.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .check import CheckResult
from .derive import Settings, as_of_date
from .pipeline import Pipeline
from .problems import plural
from .search_items import extend_index_file
from .serving import ServeState, SupplierFileErrors

log = logging.getLogger("mkdocs.plugins.handbook")

ASSETS = ("assets/handbook.css", "assets/handbook.js")


class HandbookConfig(base.Config):  # type: ignore[no-untyped-call]
    suppliers_dir = c.Type(str, default="suppliers")
    as_of = c.Optional(c.Type(str))
    check_in_days = c.Type(dict, default={})
    review_overdue_days = c.Type(dict, default={})
    max_open_actions = c.Type(int, default=5)
    history = c.Type(bool, default=True)
    changes_days = c.Type(int, default=90)


def settings_from(config: HandbookConfig) -> Settings:
    default = Settings()
    return Settings(
        check_in_days={**default.check_in_days, **config.check_in_days},
        review_overdue_days={**default.review_overdue_days, **config.review_overdue_days},
        max_open_actions=config.max_open_actions,
    )


def asset_text(name: str) -> str:
    return resources.files("supplier_handbook").joinpath(name).read_text(encoding="utf-8")


def suppliers_folder(config: MkDocsConfig, plugin_config: HandbookConfig) -> Path:
    folder = Path(plugin_config.suppliers_dir)
    if not folder.is_absolute():
        folder = Path(config.config_file_path or ".").parent / folder
    return folder


def make_pipeline(config: MkDocsConfig, plugin_config: HandbookConfig) -> Pipeline:
    return Pipeline(suppliers_folder(config, plugin_config), settings_from(plugin_config),
                    plugin_config.history, plugin_config.changes_days,
                    directory_urls=config.use_directory_urls)


def build_date(plugin_config: HandbookConfig) -> dt.date:
    """The as-of date of this build: the ``as_of`` option, else ``SOURCE_DATE_EPOCH``, else
    today. Raises ``PluginError`` when either is not a date."""
    try:
        option = dt.date.fromisoformat(plugin_config.as_of) if plugin_config.as_of else None
        return as_of_date(option, os.environ, dt.date.today())
    except ValueError as exc:
        raise PluginError(f"handbook: as_of / SOURCE_DATE_EPOCH is not a date: {exc}") from None


def generated_pages(
    config: MkDocsConfig, plugin_config: HandbookConfig, checked: CheckResult | None = None,
    pipeline: Pipeline | None = None,
) -> dict[str, str]:
    """Check, derive and render: every generated file, ``{path: text}``. Raises
    ``PluginError`` (after logging each located problem) when a supplier file has errors."""
    as_of = build_date(plugin_config)
    pipeline = pipeline or make_pipeline(config, plugin_config)
    result, pages = pipeline.run(as_of, checked)
    for problem in result.problems:
        (log.error if problem.severity == "error" else log.warning)(problem.format())
    if pages is None:
        raise SupplierFileErrors(
            f"{plural(len(result.errors), 'error')} in supplier files; nothing was built",
            result.errors,
        )
    for name in ASSETS:
        pages[name] = asset_text(name)
    return pages


MIKE_VERSION_VARIABLE = "MIKE_DOCS_VERSION"  # set by ``mike deploy`` for the build it runs


def drop_version_selector_unless_mike(config: MkDocsConfig, environ: Mapping[str, str]) -> None:
    """Material's version selector (``extra.version.provider: mike``) asks the server for
    ``/versions.json``, which only a site published with mike has. On any other build the
    request would fail on every page, so the selector is left out there."""
    version = config.extra.get("version")
    if (isinstance(version, dict) and version.get("provider") == "mike"
            and not environ.get(MIKE_VERSION_VARIABLE)):
        del config.extra["version"]


class HandbookPlugin(BasePlugin[HandbookConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.checked: CheckResult | None = None  # set by ``handbook build``: no second check
        self.pipeline: Pipeline | None = None  # kept across the rebuilds of ``mkdocs serve``
        self.serve_state: ServeState | None = None  # only under ``mkdocs serve``

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining this hook keeps the plugin alive for the whole ``mkdocs serve``."""
        self.pipeline = None
        self.serve_state = ServeState() if command == "serve" else None

    def on_shutdown(self) -> None:
        """The end of ``mkdocs serve`` (or of a build): the kept instance forgets it."""
        self.pipeline = None
        self.serve_state = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        drop_version_selector_unless_mike(config, os.environ)
        for name in ASSETS:
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if name not in target:
                target.append(name)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        fresh = make_pipeline(config, self.config)
        if self.pipeline is None or (self.pipeline.folder, self.pipeline.settings,
                                     self.pipeline.with_history, self.pipeline.changes_days) != (
            fresh.folder, fresh.settings, fresh.with_history, fresh.changes_days
        ):
            self.pipeline = fresh  # first build, or mkdocs.yml changed under ``mkdocs serve``
        checked, pipeline = self.checked, self.pipeline
        if self.serve_state is None:
            pages = generated_pages(config, self.config, checked, pipeline)
        else:  # a broken supplier file must never leave the browser waiting
            pages = self.serve_state.pages(
                lambda: generated_pages(config, self.config, checked, pipeline),
                config.nav, (f.src_uri for f in files),
            )
        self.checked = None
        for path, content in pages.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"handbook: {path} is generated; remove it from {config.docs_dir}"
                )
            files.append(File.generated(config, path, content=content))
        return files

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        """Under ``mkdocs serve``, every page starts with the located errors while a supplier
        file has any. (Supplier text needs no pass here: it reaches the page as sanitised
        HTML, see ``textfmt``.)"""
        banner = self.serve_state.banner() if self.serve_state is not None else ""
        return banner + html

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Search by item: each contact, action, handover and review its own entry."""
        if self.pipeline is not None and self.pipeline.portfolio is not None:
            extend_index_file(Path(config.site_dir) / "search" / "search_index.json",
                              self.pipeline.portfolio.suppliers)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(suppliers_folder(config, self.config)))
        return server
