"""The MkDocs plugin: a thin adapter that runs the stages and adds their pages.

``plugins: [search, handbook]`` in ``mkdocs.yml``. Generated pages are virtual files
(``File.generated``); nothing is written into ``docs_dir``. Under ``mkdocs serve`` the
supplier folder is watched, so saving a supplier file rebuilds the site.

The plugin runs in one of four modes (``Mode``), decided once, from MkDocs' ``on_startup``
(as Material's own plugins do): a build, a serve, a dirty serve (``handbook serve``,
``mkdocs serve --dirty``: the generated pages live in a cache folder, so that MkDocs
rebuilds only the pages whose text changed), or disabled (``enabled: false``). What a serve
keeps between its rebuilds is one object, ``Serving``.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from supplier_handbook.model.check import CheckResult
from supplier_handbook.read.project import outside_links_error
from supplier_handbook.site.config import HandbookConfig, suppliers_folder
from supplier_handbook.site.editlinks import (
    EditTarget,
    resolved,
    supplier_edit_targets,
    with_edit_line,
)
from supplier_handbook.site.generate import ASSETS, generated_pages, make_pipeline
from supplier_handbook.site.pipeline import Pipeline
from supplier_handbook.site.search import SearchIndex
from supplier_handbook.site.search_documents import mark_listing_tables
from supplier_handbook.site.search_material import keep_out_of_material_index, use_search_worker
from supplier_handbook.site.servecache import PageCache, prune
from supplier_handbook.site.serving import Serving
from supplier_handbook.site.watching import hear_changes

MIKE_VERSION_VARIABLE = "MIKE_DOCS_VERSION"  # set by ``mike deploy`` for the build it runs


class Mode(enum.Enum):
    """What the plugin is running for, decided once (``mode_for``)."""

    DISABLED = "disabled"
    BUILD = "build"
    SERVE = "serve"
    DIRTY_SERVE = "dirty serve"


def mode_for(command: str, dirty: bool, enabled: bool) -> Mode:
    """The mode of a run of ``command`` (``build``, ``gh-deploy`` or ``serve``)."""
    if not enabled:
        return Mode.DISABLED
    if command != "serve":
        return Mode.BUILD
    return Mode.DIRTY_SERVE if dirty else Mode.SERVE


def drop_version_selector_unless_mike(config: MkDocsConfig, environ: Mapping[str, str]) -> None:
    """Material's version selector (``extra.version.provider: mike``) asks the server for
    ``/versions.json``, which only a site published with mike has. On any other build the
    request would fail on every page, so the selector is left out there."""
    version = config.extra.get("version")
    if (isinstance(version, dict) and version.get("provider") == "mike"
            and not environ.get(MIKE_VERSION_VARIABLE)):
        del config.extra["version"]


THEME_TEMPLATES = Path(__file__).resolve().parent / "templates" / "theme"


def add_theme_templates(config: MkDocsConfig) -> None:
    """The handbook's ``main.html`` (the outdated-edition notice) before the theme's own
    templates, after the project's ``custom_dir`` (whose ``main.html`` wins)."""
    dirs = config.theme.dirs
    if str(THEME_TEMPLATES) in dirs:
        return
    custom = config.theme.custom_dir
    dirs.insert(1 if custom is not None and dirs and dirs[0] == custom else 0,
                str(THEME_TEMPLATES))


class HandbookPlugin(BasePlugin[HandbookConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.mode: Mode | None = None  # decided by ``on_startup`` (a build without: ``on_config``)
        self.started = False  # ``on_startup`` decided the mode of this MkDocs run
        self.checked: CheckResult | None = None  # set by ``handbook build``: no second check
        self.pipeline: Pipeline | None = None  # kept across the rebuilds of ``mkdocs serve``
        self.serving: Serving | None = None  # only under ``mkdocs serve``
        self.search = SearchIndex()  # Pagefind's index of the built site
        self.material = False  # the theme is Material (its HTML must have the expected shape)
        self.excluded: set[str] = set()  # pages whose front matter keeps them out of search
        self._edit: dict[str, EditTarget] = {}  # supplier page -> its YAML file (editlinks)

    # --- the mode ----------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining this hook keeps the plugin alive for the whole ``mkdocs serve``; the mode
        is decided here, once."""
        self.on_shutdown()
        self.mode = mode_for(command, dirty, self.config.enabled)
        self.started = True
        if self.mode is Mode.SERVE:
            self.serving = Serving()
        elif self.mode is Mode.DIRTY_SERVE:
            self.serving = Serving(cache=PageCache())

    def on_shutdown(self) -> None:
        """The end of ``mkdocs serve`` (or of a build): the kept instance forgets it, and
        the cache folder of generated pages is removed."""
        self.mode, self.started = None, False
        self.pipeline = None
        self.search.close()
        if self.serving is not None:
            self.serving.close()
            self.serving = None

    @property
    def enabled(self) -> bool:
        return self.mode is not Mode.DISABLED

    @property
    def cache(self) -> PageCache | None:
        """The cache folder of generated pages: under a dirty serve only."""
        return self.serving.cache if self.serving is not None else None

    # --- the build -----------------------------------------------------------------------------

    @event_priority(-100)  # after the search plugin read its configuration
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.started:  # a build run without ``on_startup`` (MkDocs' Python API; MkDocs
            # may hand the same instance to the next such build)
            self.mode = mode_for("build", False, self.config.enabled)
        if not self.enabled:
            return config
        self.material = config.theme.name == "material"
        self.excluded = set()
        drop_version_selector_unless_mike(config, os.environ)
        add_theme_templates(config)
        for name in ASSETS:
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if name not in target:
                target.append(name)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.enabled:
            return files
        pages = self._generated(files, config)
        for path in pages:
            if files.get_file_from_path(path) is not None:
                raise PluginError(
                    f"handbook: {path} is generated; remove it from {config.docs_dir}"
                )
        assert self.pipeline is not None
        self._edit = self._edit_targets(config, self.pipeline)
        if self.mode is Mode.DIRTY_SERVE and self.serving is not None:
            return _add_from_cache(files, config, pages, self.serving, self._edit)
        # a build, or a serve that is not dirty
        return _add_in_memory(files, config, pages, self._edit)

    def _generated(self, files: Files, config: MkDocsConfig) -> dict[str, str]:
        """The generated pages: those of the pipeline (kept across the rebuilds of a serve
        while ``mkdocs.yml`` is unchanged); under a serve, a broken supplier file gives the
        last good pages and a banner, never an error that leaves the browser waiting."""
        fresh = make_pipeline(config, self.config)
        if self.pipeline is None or not self.pipeline.made_like(fresh):
            self.pipeline = fresh  # first build, or mkdocs.yml changed under ``mkdocs serve``
        error = outside_links_error(Path(config.docs_dir),
                                    Path(config.config_file_path or ".").parent)
        if error is not None:
            raise PluginError(f"handbook: {error}")
        checked, pipeline = self.checked, self.pipeline
        self.checked = None
        if self.serving is None:
            return generated_pages(config, self.config, checked, pipeline)
        return self.serving.state.pages(
            lambda: generated_pages(config, self.config, checked, pipeline),
            config.nav, (f.src_uri for f in files),
        )

    @staticmethod
    def _edit_targets(config: MkDocsConfig, pipeline: Pipeline) -> dict[str, EditTarget]:
        """Each supplier page and brief -> its YAML file (``editlinks``)."""
        suppliers = pipeline.portfolio.suppliers if pipeline.portfolio is not None else []
        return supplier_edit_targets(suppliers, Path(config.docs_dir),
                                     Path(config.config_file_path or ".").parent)

    @event_priority(100)  # before the search plugin loads its first template
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Under a dirty serve, the theme's templates are compiled once, not every rebuild."""
        if self.cache is not None:
            env.bytecode_cache = self.cache.templates
        return env

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Under a dirty serve, pages that are not read again keep their titles."""
        if self.serving is not None and self.serving.cache is not None:
            for page in nav.pages:
                title = self.serving.titles.get(page.file.src_uri)
                if title is not None and not page.file.is_modified():
                    page.title = title
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        """Material's search keeps no document of the page (``keep_out_of_material_index``):
        the handbook's search answers from Pagefind."""
        if self.enabled and keep_out_of_material_index(page.meta):
            self.excluded.add(page.file.src_uri)
        return markdown

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> Any:
        if self.cache is not None and self.serving is not None and page.title is not None:
            self.serving.titles[page.file.src_uri] = page.title
        return context

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        """Under ``mkdocs serve``, every page starts with the located errors while a supplier
        file has any; listing tables stay out of the search index. (Supplier text needs no
        pass here: it reaches the page as sanitised HTML, see ``textfmt``.)"""
        html = mark_listing_tables(html, page.file.src_uri, page.file.generated_by is not None)
        target = self._edit.get(page.file.src_uri)
        if target is not None and page.edit_url:
            page.edit_url = resolved(page.edit_url)
            html = with_edit_line(html, page.edit_url, target.path)
        banner = self.serving.state.banner() if self.serving is not None and self.enabled \
            else ""
        return banner + html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """The search box asks the handbook's search worker (Pagefind's index)."""
        if not self.enabled:
            return output
        return use_search_worker(output, page.file.src_uri in self.excluded,
                                 material=self.material, url=page.url)

    @event_priority(-100)  # after the search plugin has written its settings
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the built site for search; under ``mkdocs serve`` in the background, so that
        the rebuilt page shows at once (its search answers from the previous index until the
        new one is in place, a moment later)."""
        if self.pipeline is not None and self.pipeline.portfolio is not None:
            self.search.update(Path(config.site_dir), self.pipeline.portfolio.suppliers,
                               background=self.serving is not None, material=self.material)

    # --- the serve -----------------------------------------------------------------------------

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig,
                 builder: Any) -> LiveReloadServer:
        """The server hears a save through the file system's events (``watching``), and
        watches the supplier folder too."""
        if self.enabled:
            watched = [config.docs_dir, *config.theme.dirs]
            hear_changes(server, watched + ([config.config_file_path]
                                            if config.config_file_path else []))
            server.watch(str(suppliers_folder(config, self.config)))
        return server


def _with_edit(file: File, edit: Mapping[str, EditTarget]) -> File:
    """A generated file; a supplier page's edit link opens its YAML file (editlinks)."""
    target = edit.get(file.src_uri)
    if target is not None:
        file.edit_uri = target.edit_uri
    return file


def _add_in_memory(files: Files, config: MkDocsConfig, pages: dict[str, str],
                   edit: Mapping[str, EditTarget]) -> Files:
    """A build (or a serve that is not dirty): the generated pages as virtual files."""
    for path, content in pages.items():
        files.append(_with_edit(File.generated(config, path, content=content), edit))
    return files


def _add_from_cache(files: Files, config: MkDocsConfig, pages: dict[str, str],
                    serving: Serving, edit: Mapping[str, EditTarget]) -> Files:
    """A dirty serve: the generated pages as files of the cache folder, each rewritten only
    when its text changed (so MkDocs rebuilds only those); the built pages of suppliers that
    are gone are removed; when errors came or went, every page is built again (every page
    shows the banner)."""
    assert serving.cache is not None
    for path, source in serving.cache.write(pages).items():
        files.append(_with_edit(File.generated(config, path, abs_src_path=str(source)), edit))
    built = {f.src_uri: f.abs_dest_path for f in files if f.generated_by is not None}
    prune(serving.built, built)
    serving.built = built
    banner = serving.state.banner()
    if banner != serving.banner:
        serving.banner = banner
        for f in files.documentation_pages():
            if os.path.isfile(f.abs_dest_path):
                os.remove(f.abs_dest_path)
    return files
