"""The MkDocs plugin: a thin adapter that runs the stages and adds their pages.

``plugins: [search, handbook]`` in ``mkdocs.yml``. Generated pages are virtual files
(``File.generated``); nothing is written into ``docs_dir``. Under ``mkdocs serve`` the
supplier folder is watched, so saving a supplier file rebuilds the site.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .calendar import calendar_feeds
from .check import CheckResult
from .derive import Settings, as_of_date
from .pipeline import Pipeline
from .problems import plural
from .project import outside_links_error, supplier_folder_error
from .search_items import extend_index_file
from .servecache import PageCache, SearchEntries, prune
from .serving import ServeState, SupplierFileErrors

_TABLE = re.compile(r"<table\b")

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
    stale_days = c.Type(int, default=180)  # a file whose last commit is older is stale


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
                    stale_days=plugin_config.stale_days,
                    directory_urls=config.use_directory_urls)


def build_date(plugin_config: HandbookConfig) -> dt.date:
    """The as-of date of this build: the ``as_of`` option, else ``SOURCE_DATE_EPOCH``, else
    today. Raises ``PluginError`` when either is not a date."""
    try:
        option = dt.date.fromisoformat(plugin_config.as_of) if plugin_config.as_of else None
        return as_of_date(option, os.environ, dt.date.today())
    except (ValueError, OverflowError, OSError) as exc:
        raise PluginError(f"handbook: as_of / SOURCE_DATE_EPOCH is not a date: {exc}") from None


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
    result, pages = pipeline.run(as_of, checked)
    for problem in result.problems:
        (log.error if problem.severity == "error" else log.warning)(problem.format())
    if pages is None:
        raise SupplierFileErrors(
            f"{plural(len(result.errors), 'error')} in supplier files; nothing was built",
            result.errors,
        )
    if pipeline.portfolio is not None:
        pages.update(calendar_feeds(pipeline.portfolio, pipeline.settings, config.site_url,
                                    pipeline.feeds))
    for name in ASSETS:
        pages[name] = asset_text(name)
    return pages


def is_listing_page(src_uri: str) -> bool:
    """A generated page that lists suppliers: every one but a supplier's own pages. Its
    tables stay out of the search index (its headings and text stay in): each supplier's
    facts are found on the supplier's own page, and the index stays small enough to load
    at once."""
    folder, _, rest = src_uri.partition("/")
    return not (folder == "suppliers" and rest != "index.md")


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
        self.cache: PageCache | None = None  # under ``mkdocs serve --dirty`` only
        self._titles: dict[str, str] = {}
        self._rebuilt: set[str] = set()
        self._search = SearchEntries()
        self._built: dict[str, str] = {}  # generated src_uri -> its built file
        self._page_urls: list[str] = []
        self._banner = ""  # the error banner the built pages carry

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining this hook keeps the plugin alive for the whole ``mkdocs serve``. A dirty
        serve (``handbook serve``, ``mkdocs serve --dirty``) keeps the generated pages in a
        cache folder, so that MkDocs rebuilds only the pages whose text changed."""
        self.on_shutdown()
        self.serve_state = ServeState() if command == "serve" else None
        if command == "serve" and dirty:
            self.cache = PageCache()

    def on_shutdown(self) -> None:
        """The end of ``mkdocs serve`` (or of a build): the kept instance forgets it, and
        the cache folder of generated pages is removed."""
        self.pipeline = None
        self.serve_state = None
        if self.cache is not None:
            self.cache.close()
            self.cache = None

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
                                     self.pipeline.with_history, self.pipeline.changes_days,
                                     self.pipeline.stale_days) != (
            fresh.folder, fresh.settings, fresh.with_history, fresh.changes_days, fresh.stale_days
        ):
            self.pipeline = fresh  # first build, or mkdocs.yml changed under ``mkdocs serve``
        error = outside_links_error(Path(config.docs_dir),
                                    Path(config.config_file_path or ".").parent)
        if error is not None:
            raise PluginError(f"handbook: {error}")
        checked, pipeline = self.checked, self.pipeline
        if self.serve_state is None:
            pages = generated_pages(config, self.config, checked, pipeline)
        else:  # a broken supplier file must never leave the browser waiting
            pages = self.serve_state.pages(
                lambda: generated_pages(config, self.config, checked, pipeline),
                config.nav, (f.src_uri for f in files),
            )
        self.checked = None
        for path in pages:
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"handbook: {path} is generated; remove it from {config.docs_dir}"
                )
        if self.cache is None:
            for path, content in pages.items():
                files.append(File.generated(config, path, content=content))
            return files
        for path, source in self.cache.write(pages).items():
            files.append(File.generated(config, path, abs_src_path=str(source)))
        built = {f.src_uri: f.abs_dest_path for f in files if f.generated_by is not None}
        prune(self._built, built)
        self._built = built
        banner = self.serve_state.banner() if self.serve_state is not None else ""
        if banner != self._banner:  # errors came or went: every page shows it, so rebuild all
            self._banner = banner
            for f in files.documentation_pages():
                if os.path.isfile(f.abs_dest_path):
                    os.remove(f.abs_dest_path)
        self._page_urls = [f.url for f in files.documentation_pages()]
        return files

    @event_priority(100)  # before the search plugin loads its first template
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Under a dirty serve, the theme's templates are compiled once, not every rebuild."""
        if self.cache is not None:
            env.bytecode_cache = self.cache.templates
        return env

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Under a dirty serve, pages that are not read again keep their titles."""
        self._rebuilt = set()
        if self.cache is not None:
            for page in nav.pages:
                title = self._titles.get(page.file.src_uri)
                if title is not None and not page.file.is_modified():
                    page.title = title
        return nav

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> Any:
        if self.cache is not None:
            self._rebuilt.add(page.url)
            if page.title is not None:
                self._titles[page.file.src_uri] = page.title
        return context

    @event_priority(50)  # before the search plugin writes its index
    def _merge_search_entries(self, *, config: MkDocsConfig) -> None:
        """Under a dirty serve, the search index holds every page, not just the rebuilt."""
        search: Any = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(search, "search_index", None)
        if self.cache is None or index is None or not hasattr(search, "search_index_prev"):
            return
        index.entries = self._search.merge(index.entries, self._rebuilt, self._page_urls)
        search.search_index_prev = None  # its own merge assumes one rebuilt page

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        """Under ``mkdocs serve``, every page starts with the located errors while a supplier
        file has any; listing tables stay out of the search index. (Supplier text needs no
        pass here: it reaches the page as sanitised HTML, see ``textfmt``.)"""
        if page.file.generated_by is not None and is_listing_page(page.file.src_uri):
            html = _TABLE.sub('<table data-search-exclude="listing"', html)
        banner = self.serve_state.banner() if self.serve_state is not None else ""
        return banner + html

    @event_priority(-100)  # after the search plugin has written its index
    def _extend_search_index(self, *, config: MkDocsConfig) -> None:
        """Search by item: each contact, action, handover and review its own entry."""
        if self.pipeline is not None and self.pipeline.portfolio is not None:
            extend_index_file(Path(config.site_dir) / "search" / "search_index.json",
                              self.pipeline.portfolio.suppliers)

    on_post_build = CombinedEvent(_merge_search_entries, _extend_search_index)

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(suppliers_folder(config, self.config)))
        return server
