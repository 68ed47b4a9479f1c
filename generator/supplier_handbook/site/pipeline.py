"""The stages in a row (check -> derive -> render), remembering per-file work between runs.

The one orchestration: the plugin (every build and every rebuild of ``mkdocs serve``),
``handbook export``, ``handbook build --audience supplier`` and the tests all render through
a ``Pipeline``. Kept alive across the rebuilds of ``mkdocs serve``, it re-checks only the
files whose size or modification time changed, re-derives only those suppliers and
re-renders only their pages plus the pages that list every supplier (dashboard, index,
owners, actions, culture check, changes, the JSON export). Its caches are dictionaries
keyed by what the result depends on (``DeriveKey``, ``PageKey``); ``stats`` tells what the
last run did, so tests and the benchmark can see it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from supplier_handbook.base.problems import Problem
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
from supplier_handbook.render.calendar import FeedCache
from supplier_handbook.render.renderer import Renderer
from supplier_handbook.site.servecache import PageMemo


@dataclass(frozen=True)
class FileKey:
    """One version of a supplier file, as ``lstat`` sees it."""

    path: str
    mtime_ns: int
    size: int


@dataclass(frozen=True)
class DeriveKey:
    """What a supplier's derived signals depend on: its file and the as-of date (the
    settings are the pipeline's own)."""

    file: FileKey
    as_of: dt.date


@dataclass(frozen=True)
class PageKey:
    """What one page of a supplier depends on besides its derived signals: which page, the
    commit the history was read at, and the owner's page it links to."""

    kind: str  # "supplier" (suppliers/SLUG.md) or "handover" (suppliers/SLUG/handover.md)
    derived: DeriveKey
    history: str | None
    owner_slug: str
    near: tuple[str, ...] = ()  # the neighbours the supplier page links to


@dataclass
class Stats:
    checked: int = 0
    derived: int = 0
    rendered: int = 0


@dataclass
class _Checked:
    key: FileKey
    supplier: SupplierFile | None
    problems: list[Problem]


@dataclass
class Pipeline:
    folder: Path
    settings: Settings = field(default_factory=Settings)
    with_history: bool = True
    changes_days: int = 90
    stale_days: int = STALE_DAYS
    directory_urls: bool = True  # MkDocs' use_directory_urls: relative links in text
    stats: Stats = field(default_factory=Stats)
    _checked: dict[Path, _Checked] = field(default_factory=dict)
    _derived: dict[DeriveKey, Derived] = field(default_factory=dict)
    _pages: dict[PageKey, str] = field(default_factory=dict)
    _histories: dict[str, History] = field(default_factory=dict)  # by head commit
    _history_head: str | None = None  # the head commit of the last history read
    portfolio: Portfolio | None = None  # what the last run derived
    feeds: FeedCache = field(default_factory=FeedCache)  # the calendar events of the last run
    memo: PageMemo = field(default_factory=PageMemo)  # pages kept by their inputs (owners)

    def made_like(self, other: Pipeline) -> bool:
        """Whether ``other`` renders with the same options (its caches would hold the same)."""
        return (self.folder, self.settings, self.with_history, self.changes_days,
                self.stale_days, self.directory_urls) == (
            other.folder, other.settings, other.with_history, other.changes_days,
            other.stale_days, other.directory_urls)

    def check(self) -> CheckResult:
        """Check every file, reusing the result of files that did not change."""
        result = CheckResult()
        seen: dict[Path, _Checked] = {}
        paths = find_files([self.folder])
        same = same_slug_problems(paths)
        for path in paths:
            info = path.lstat()  # like load_file: a link is judged, never followed
            key = FileKey(str(path), info.st_mtime_ns, info.st_size)
            entry = self._checked.get(path)
            if entry is None or entry.key != key:
                entry = _Checked(key, *check_file(path))
                self.stats.checked += 1
            seen[path] = entry
            if path in same:
                result.add(None, sorted([*entry.problems, same[path]]))
                continue
            result.add(entry.supplier, entry.problems)
        self._checked = seen
        result.suppliers.sort(key=lambda s: s.slug)
        check_links(result)
        return result

    def history(self) -> History | None:
        """The git history, read again only when the checked-out commit moved."""
        if not self.with_history:
            return None
        head = head_commit(self.folder)
        self._history_head = head
        if head is None:  # no commit to key it by: read what there is
            return read_history(self.folder)
        if head not in self._histories:
            self._histories = {head: read_history(self.folder)}
        return self._histories[head]

    def _file_keys(self) -> dict[str, FileKey]:
        """The file version of each supplier the last ``check`` passed, by slug."""
        return {e.supplier.slug: e.key for e in self._checked.values()
                if e.supplier is not None}

    def derived(self, suppliers: Sequence[SupplierFile], as_of: dt.date) -> Portfolio:
        """Derive each supplier, reusing the signals of each file version already derived
        as of the same date. A supplier this pipeline did not check is derived afresh."""
        keys = self._file_keys()
        kept: dict[DeriveKey, Derived] = {}
        derived: list[Derived] = []
        for supplier in sorted(suppliers, key=lambda s: s.slug):
            file = keys.get(supplier.slug)
            key = DeriveKey(file, as_of) if file is not None else None
            one = self._derived.get(key) if key is not None else None
            if one is None:
                one = derive_one(supplier, as_of, self.settings)
                self.stats.derived += 1
            if key is not None:
                kept[key] = one
            derived.append(one)
        self._derived = kept
        return Portfolio(as_of, derived, self.settings)

    def pages(self, checked: CheckResult, as_of: dt.date) -> dict[str, str]:
        """Every generated page; ``checked`` must have no error."""
        self.portfolio = self.derived(checked.suppliers, as_of)
        history = self.history()
        renderer = Renderer(self.portfolio, history, self.changes_days, self.settings,
                            stale_days=self.stale_days, directory_urls=self.directory_urls,
                            memo=self.memo)
        self.memo.start()
        pages = renderer.shared_pages()
        keys = self._file_keys()
        kept: dict[PageKey, str] = {}
        for d in self.portfolio.suppliers:
            file = keys.get(d.slug)
            owner = renderer.owners[d.supplier.owner.name]
            for kind, path, make in (
                ("supplier", f"suppliers/{d.slug}.md", renderer.supplier_page),
                ("handover", f"suppliers/{d.slug}/handover.md", renderer.handover_page),
            ):
                key = (PageKey(kind, DeriveKey(file, as_of), self._history_head, owner,
                               renderer.near_key(d))
                       if file is not None else None)
                text = self._pages.get(key) if key is not None else None
                if text is None:
                    text = make(d)
                    self.stats.rendered += kind == "supplier"
                if key is not None:
                    kept[key] = text
                pages[path] = text
        self._pages = kept
        return pages

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
        if checked is not None:
            self._checked = {}
        result = checked if checked is not None else self.check()
        if result.errors:
            return result, None
        return result, self.pages(result, as_of)
