"""The stages in a row (check -> derive -> render), remembering per-file work between runs.

The one orchestration: the plugin (every build and every rebuild of ``mkdocs serve``),
``handbook export``, ``handbook build --audience supplier`` and the tests all render through
a ``Pipeline``. Kept alive across the rebuilds of ``mkdocs serve``, it re-checks only the
files whose size or modification time changed, re-derives only those suppliers and
re-renders only their pages plus the pages that list every supplier (dashboard, index,
owners, actions, culture check, changes, the JSON export). Everything it keeps is in one
store, ``memo`` (``render.memo.PageMemo``: each entry made again only when one of its
inputs changed; the kinds of entries and their inputs are declared in that module). Each run
derives the book of the portfolio once (``book``, from the kept agenda items) and hands it
to the renderer and the calendar feeds (``feeds``). ``stats`` tells what the last run did,
so tests and the benchmark can see it.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from supplier_handbook.base.problems import Problem
from supplier_handbook.derive.agenda import supplier_items
from supplier_handbook.derive.people import Book, book
from supplier_handbook.derive.portfolio import Derived, Portfolio, Settings, derive_one
from supplier_handbook.history.gitlog import History, head_commit, read_history
from supplier_handbook.history.staleness import STALE_DAYS
from supplier_handbook.model.check import (
    CheckResult,
    SupplierFile,
    check_file,
    check_links,
    find_files,
    same_slug_problems,
)
from supplier_handbook.render.calendar import calendar_feeds
from supplier_handbook.render.memo import (
    AGENDA,
    CHECKED,
    DERIVED,
    HANDOVER_PAGE,
    HISTORY,
    SUPPLIER_PAGE,
    PageMemo,
)
from supplier_handbook.render.renderer import Renderer


@dataclass(frozen=True)
class FileKey:
    """One version of a supplier file, as ``lstat`` sees it."""

    path: str
    mtime_ns: int
    size: int


@dataclass
class Stats:
    checked: int = 0
    derived: int = 0
    rendered: int = 0


@dataclass
class Pipeline:
    folder: Path
    settings: Settings = field(default_factory=Settings)
    with_history: bool = True
    changes_days: int = 90
    stale_days: int = STALE_DAYS
    directory_urls: bool = True  # MkDocs' use_directory_urls: relative links in text
    stats: Stats = field(default_factory=Stats)
    memo: PageMemo = field(default_factory=PageMemo)  # all it keeps from run to run
    portfolio: Portfolio | None = None  # what the last run derived
    book: Book | None = None  # the book of that portfolio, derived once per run
    _files: dict[str, FileKey] = field(default_factory=dict)  # slug -> file version, this run
    _history_head: str | None = None  # the head commit of the last history read

    def made_like(self, other: Pipeline) -> bool:
        """Whether ``other`` renders with the same options (its caches would hold the same)."""
        return (self.folder, self.settings, self.with_history, self.changes_days,
                self.stale_days, self.directory_urls) == (
            other.folder, other.settings, other.with_history, other.changes_days,
            other.stale_days, other.directory_urls)

    def check(self) -> CheckResult:
        """Check every file, reusing the result of files that did not change."""
        result = CheckResult()
        self._files = {}
        paths = find_files([self.folder])
        same = same_slug_problems(paths)
        for path in paths:
            info = path.lstat()  # like load_file: a link is judged, never followed
            key = FileKey(str(path), info.st_mtime_ns, info.st_size)
            supplier, problems = self.memo.value(
                CHECKED, (key,), functools.partial(self._check_file, path))
            if path in same:
                result.add(None, sorted([*problems, same[path]]))
                continue
            if supplier is not None:
                self._files[supplier.slug] = key
            result.add(supplier, problems)
        result.suppliers.sort(key=lambda s: s.slug)
        check_links(result)
        return result

    def _check_file(self, path: Path) -> tuple[SupplierFile | None, list[Problem]]:
        self.stats.checked += 1
        return check_file(path)

    def history(self) -> History | None:
        """The git history, read again only when the checked-out commit moved."""
        if not self.with_history:
            return None
        head = head_commit(self.folder)
        self._history_head = head
        if head is None:  # no commit to key it by: read what there is
            return read_history(self.folder)
        return self.memo.value(HISTORY, (self.folder, head), lambda: read_history(self.folder))

    def _derive(self, supplier: SupplierFile, as_of: dt.date) -> Derived:
        self.stats.derived += 1
        return derive_one(supplier, as_of, self.settings)

    def derived(self, suppliers: Sequence[SupplierFile], as_of: dt.date) -> Portfolio:
        """Derive each supplier, reusing the signals of each file version already derived
        as of the same date. A supplier this pipeline did not check is derived afresh."""
        derived: list[Derived] = []
        for supplier in sorted(suppliers, key=lambda s: s.slug):
            file = self._files.get(supplier.slug)
            make = functools.partial(self._derive, supplier, as_of)
            derived.append(make() if file is None else self.memo.value(
                DERIVED, (supplier.slug, file, as_of, self.settings), make))
        return Portfolio(as_of, derived, self.settings)

    def _render(self, kind: str, make: Callable[[Derived], str], d: Derived) -> str:
        self.stats.rendered += kind == SUPPLIER_PAGE.name
        return make(d)

    def book_of(self, portfolio: Portfolio) -> Book:
        """The book of ``portfolio``, from each supplier's dated items kept across runs."""
        as_of, settings = portfolio.as_of, portfolio.settings
        return book(portfolio, lambda d: self.memo.value(
            AGENDA, (d, as_of, settings), lambda: supplier_items(d, as_of, settings)))

    def pages(self, checked: CheckResult, as_of: dt.date) -> dict[str, str]:
        """Every generated page; ``checked`` must have no error."""
        self.portfolio = self.derived(checked.suppliers, as_of)
        self.book = self.book_of(self.portfolio)
        history = self.history()
        renderer = Renderer(self.portfolio, history, self.changes_days, self.settings,
                            stale_days=self.stale_days, directory_urls=self.directory_urls,
                            memo=self.memo, book=self.book)
        pages = renderer.shared_pages()
        # every person's address, once per run: a page links to the people it names
        people = renderer.addresses_key
        for d in self.portfolio.suppliers:
            file = self._files.get(d.slug)
            owner = renderer.owners[d.supplier.owner.name]
            for kind, path, page in (
                (SUPPLIER_PAGE, f"suppliers/{d.slug}.md", renderer.supplier_page),
                (HANDOVER_PAGE, f"suppliers/{d.slug}/handover.md", renderer.handover_page),
            ):
                make = functools.partial(self._render, kind.name, page, d)
                pages[path] = make() if file is None else self.memo.value(kind, (
                    d.slug, file, as_of, self.settings, self._history_head, owner, people,
                    renderer.near_key(d), self.stale_days, self.directory_urls), make)
        return pages

    def feeds(self, base_url: str | None) -> dict[str, str]:
        """The calendar feeds of the last run (``render.calendar``), from its book, each
        supplier's events kept across runs; none before a run rendered pages."""
        if self.book is None:
            return {}
        return calendar_feeds(self.book, base_url, self.memo.value)

    def shared_page(self, supplier: SupplierFile, as_of: dt.date) -> tuple[Portfolio, str]:
        """The page safe to share with one supplier (``handbook build --audience
        supplier``): its portfolio of one, and the page."""
        portfolio = Portfolio(as_of, [derive_one(supplier, as_of, self.settings)], self.settings)
        self.stats.derived += 1
        # its one-page site is plain MkDocs with directory URLs, whatever the handbook's
        renderer = Renderer(portfolio, None, self.changes_days, self.settings,
                            stale_days=self.stale_days, directory_urls=True)
        return portfolio, renderer.shared_supplier_page(portfolio.suppliers[0])

    def run(self, as_of: dt.date, checked: CheckResult | None = None
            ) -> tuple[CheckResult, dict[str, str] | None]:
        """Check (unless given), then derive and render when there is no error. A result
        checked elsewhere is rendered afresh: the caches hold only files checked here."""
        self.stats = Stats()
        self.memo.start()  # what this run does not ask for is forgotten at the next
        if checked is not None:
            self._files = {}
        result = checked if checked is not None else self.check()
        if result.errors:
            return result, None
        return result, self.pages(result, as_of)
