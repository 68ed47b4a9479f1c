"""The MkDocs plugin: a thin adapter that runs the stages and adds their pages.

``plugins: [search, handbook]`` in ``mkdocs.yml``. Generated pages are virtual files
(``File.generated``); nothing is written into ``docs_dir``. Under ``mkdocs serve`` the
supplier folder is watched, so saving a supplier file rebuilds the site.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
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
from supplier_handbook.site.search import (
    SearchIndex,
    mark_listing_tables,
    search_excluded,
    settings_only,
    use_search_worker,
)
from supplier_handbook.site.servecache import PageCache, hold, prune, settle_first_build, thaw
from supplier_handbook.site.serving import ServeState

MIKE_VERSION_VARIABLE = "MIKE_DOCS_VERSION"  # set by ``mike deploy`` for the build it runs


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
        self.checked: CheckResult | None = None  # set by ``handbook build``: no second check
        self.pipeline: Pipeline | None = None  # kept across the rebuilds of ``mkdocs serve``
        self.serve_state: ServeState | None = None  # only under ``mkdocs serve``
        self.cache: PageCache | None = None  # under ``mkdocs serve --dirty`` only
        self._titles: dict[str, str] = {}
        self.search = SearchIndex()  # Pagefind's index of the built site
        self._built: dict[str, str] = {}  # generated src_uri -> its built file
        self._banner = ""  # the error banner the built pages carry
        self._settled = False  # the first build of this serve is frozen (``servecache``)
        self._held = False  # this build's generated objects are frozen until its end
        self._edit: dict[str, EditTarget] = {}  # supplier page -> its YAML file (editlinks)

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
        self.search.close()
        if self.cache is not None:
            self.cache.close()
            self.cache = None
        if self._settled or self._held:
            thaw()
            self._settled = self._held = False

    def on_build_error(self, *, error: Exception) -> None:
        """A build that stopped after the pages were made: what ``hold`` froze is thawed."""
        if self._held:
            thaw()
            self._held = False

    @event_priority(-100)  # after the search plugin made its index (``settings_only``)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not self.config.enabled:
            return config
        settings_only(config.plugins)
        drop_version_selector_unless_mike(config, os.environ)
        add_theme_templates(config)
        for name in ASSETS:
            target = config.extra_css if name.endswith(".css") else config.extra_javascript
            if name not in target:
                target.append(name)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        fresh = make_pipeline(config, self.config)
        if self.pipeline is None or not self.pipeline.made_like(fresh):
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
        self._edit = self._edit_targets(config, pipeline)
        if self.cache is None:
            for path, content in pages.items():
                files.append(self._file(config, path, content=content))
            if self.serve_state is None:  # a build: thawed in ``on_post_build``
                hold()
                self._held = True
            return files
        for path, source in self.cache.write(pages).items():
            files.append(self._file(config, path, abs_src_path=str(source)))
        built = {f.src_uri: f.abs_dest_path for f in files if f.generated_by is not None}
        prune(self._built, built)
        self._built = built
        banner = self.serve_state.banner() if self.serve_state is not None else ""
        if banner != self._banner:  # errors came or went: every page shows it, so rebuild all
            self._banner = banner
            for f in files.documentation_pages():
                if os.path.isfile(f.abs_dest_path):
                    os.remove(f.abs_dest_path)
        return files

    @staticmethod
    def _edit_targets(config: MkDocsConfig, pipeline: Pipeline) -> dict[str, EditTarget]:
        """Each supplier page and brief -> its YAML file (``editlinks``)."""
        suppliers = pipeline.portfolio.suppliers if pipeline.portfolio is not None else []
        return supplier_edit_targets(suppliers, Path(config.docs_dir),
                                     Path(config.config_file_path or ".").parent)

    def _file(self, config: MkDocsConfig, path: str, content: str | None = None,
              abs_src_path: str | None = None) -> File:
        """A generated file; a supplier page's edit link opens its YAML file (editlinks)."""
        file = (File.generated(config, path, content=content) if content is not None else
                File.generated(config, path, abs_src_path=abs_src_path or ""))
        target = self._edit.get(path)
        if target is not None:
            file.edit_uri = target.edit_uri
        return file

    @event_priority(100)  # before the search plugin loads its first template
    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Under a dirty serve, the theme's templates are compiled once, not every rebuild."""
        if self.cache is not None:
            env.bytecode_cache = self.cache.templates
        return env

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Under a dirty serve, pages that are not read again keep their titles."""
        if self.cache is not None:
            for page in nav.pages:
                title = self._titles.get(page.file.src_uri)
                if title is not None and not page.file.is_modified():
                    page.title = title
        return nav

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> Any:
        if self.cache is not None and page.title is not None:
            self._titles[page.file.src_uri] = page.title
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
        banner = self.serve_state.banner() if self.serve_state is not None and \
            self.config.enabled else ""
        return banner + html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """The search box asks the handbook's search worker (Pagefind's index)."""
        if not self.config.enabled:
            return output
        return use_search_worker(output, search_excluded(page.meta))

    @event_priority(-100)  # after the search plugin has written its settings
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the built site for search; under ``mkdocs serve`` in the background, so that
        the rebuilt page shows at once (its search answers from the previous index until the
        new one is in place, a moment later)."""
        if self.pipeline is not None and self.pipeline.portfolio is not None:
            self.search.update(Path(config.site_dir), self.pipeline.portfolio.suppliers,
                               background=self.serve_state is not None)
        if self._held:
            thaw()
            self._held = False
        if self.cache is not None and not self._settled:  # a dirty serve's first build
            settle_first_build()
            self._settled = True

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.config.enabled:
            server.watch(str(suppliers_folder(config, self.config)))
        return server
