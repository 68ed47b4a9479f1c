"""``mkdocs serve`` with a broken supplier file: never stuck, always telling.

MkDocs' server holds every page request until a rebuild succeeds, so a plugin that raised
on a supplier file with an error kept the browser waiting until the file was fixed. Under
``serve`` the plugin instead keeps the pages of the last good build and shows, on every page,
a banner with each located problem (``PATH:LINE:COL: error: message``). Before any good
build (the server started on a broken file), the generated pages of the navigation are an
error page. ``handbook build`` and ``mkdocs build`` still fail, all or nothing.
"""

from __future__ import annotations

import dataclasses
import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from supplier_handbook.base.errors import HandbookError
from supplier_handbook.base.problems import Problem
from supplier_handbook.base.wording import plural
from supplier_handbook.site.servecache import PageCache


def as_typed(problem: Problem) -> Problem:
    """The problem with its path as a person in the project folder would type it: relative
    to the working folder when the file lies under it (``mkdocs serve`` makes the supplier
    folder absolute; ``handbook check`` names files as they were given)."""
    path = Path(problem.path)
    if not path.is_absolute():
        return problem
    try:
        return dataclasses.replace(problem, path=str(path.relative_to(Path.cwd())))
    except ValueError:  # outside the working folder: the whole path says where
        return problem


class SupplierFileErrors(HandbookError, PluginError):
    """A build stopped by errors in supplier files; ``problems`` are the located ones."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


ERROR_PAGE = """\
# The handbook cannot be built

A supplier file has errors, listed above with their file, line and column. Fix them and
save: this page reloads by itself, and the handbook comes back.
"""


def nav_pages(nav: Any) -> list[str]:
    """Every ``.md`` path named in a MkDocs ``nav`` (nested lists and mappings)."""
    found: list[str] = []
    if isinstance(nav, str):
        if nav.endswith(".md"):
            found.append(nav)
    elif isinstance(nav, dict):
        for value in nav.values():
            found.extend(nav_pages(value))
    elif isinstance(nav, list):
        for item in nav:
            found.extend(nav_pages(item))
    return found


@dataclass
class ServeState:
    """What the plugin remembers between the rebuilds of one ``mkdocs serve``."""

    last_good: dict[str, str] | None = None
    lines: list[str] = field(default_factory=list)
    """The problems to show on every page; empty when the last build was good."""

    def pages(self, build: Callable[[], dict[str, str]], nav: Any,
              existing: Iterable[str]) -> dict[str, str]:
        """The pages of ``build()``; when it fails, the last good ones (or error pages)."""
        try:
            pages = build()
        except SupplierFileErrors as exc:
            self.lines = [as_typed(p).format() for p in exc.problems] or [str(exc)]
        except PluginError as exc:
            self.lines = [str(exc)]
        else:
            self.last_good = pages
            self.lines = []
            return pages
        if self.last_good is not None:
            return self.last_good
        have = set(existing)
        wanted = ["index.md", *nav_pages(nav)]
        return {path: ERROR_PAGE for path in dict.fromkeys(wanted) if path not in have}

    def banner(self) -> str:
        """The banner HTML for the top of every page; empty when there is nothing to show."""
        if not self.lines:
            return ""
        errors = sum(": error: " in line for line in self.lines)
        title = (f"{plural(errors or len(self.lines), 'error')} in the supplier files: "
                 + ("this is the last good version of the handbook"
                    if self.last_good is not None else "nothing could be built"))
        items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in self.lines)
        return (f'<div class="admonition failure handbook-errors" role="alert">'
                f'<p class="admonition-title">{html.escape(title)}</p><ul>{items}</ul></div>\n')


@dataclass
class Serving:
    """Everything the plugin keeps between the rebuilds of one ``mkdocs serve``, in one
    object (made by ``on_startup``, dropped by ``on_shutdown``): the last good pages and the
    banner (``state``); under a dirty serve also the cache folder of generated pages
    (``cache``), the pages' titles of the last build (``titles``, for the pages MkDocs does
    not read again), the built file of each generated page (``built``, to prune the pages
    of suppliers that are gone) and the banner the built pages carry (``banner``)."""

    cache: PageCache | None = None
    state: ServeState = field(default_factory=ServeState)
    titles: dict[str, str] = field(default_factory=dict)
    built: dict[str, str] = field(default_factory=dict)
    banner: str = ""

    def close(self) -> None:
        """The end of the serve: the cache folder is removed."""
        if self.cache is not None:
            self.cache.close()
            self.cache = None
