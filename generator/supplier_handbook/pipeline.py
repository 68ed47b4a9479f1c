"""The stages in a row (check -> derive -> render), remembering per-file work between runs.

``mkdocs serve`` rebuilds after every save. A ``Pipeline`` kept alive across those rebuilds
re-checks only the files whose size or modification time changed, re-derives only those
suppliers and re-renders only their pages plus the pages that list every supplier
(dashboard, index, owners, actions, culture check, changes, the JSON export). ``stats``
tells what the last run did, so tests and the benchmark can see it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .calendar import FeedCache
from .check import (
    CheckResult,
    SupplierFile,
    check_file,
    check_links,
    find_files,
    same_slug_problems,
)
from .derive import Derived, Portfolio, Settings, derive_one
from .history import History, head_commit, read_history
from .problems import Problem
from .render import Renderer
from .servecache import PageMemo
from .staleness import STALE_DAYS

FileKey = tuple[int, int]  # (mtime in ns, size)


@dataclass
class Stats:
    checked: int = 0
    derived: int = 0
    rendered: int = 0


@dataclass
class _Entry:
    key: FileKey
    supplier: SupplierFile | None
    problems: list[Problem]
    derived: tuple[dt.date, Derived] | None = None
    page: tuple[tuple[object, ...], str] | None = None
    brief: tuple[tuple[object, ...], str] | None = None  # the handover brief


@dataclass
class Pipeline:
    folder: Path
    settings: Settings = field(default_factory=Settings)
    with_history: bool = True
    changes_days: int = 90
    stale_days: int = STALE_DAYS
    directory_urls: bool = True  # MkDocs' use_directory_urls: relative links in text
    stats: Stats = field(default_factory=Stats)
    _files: dict[Path, _Entry] = field(default_factory=dict)
    _history: tuple[str | None, History] | None = None
    portfolio: Portfolio | None = None  # what the last run derived
    feeds: FeedCache = field(default_factory=FeedCache)  # the calendar events of the last run
    memo: PageMemo = field(default_factory=PageMemo)  # pages kept by their inputs (owners)

    def check(self) -> CheckResult:
        """Check every file, reusing the result of files that did not change."""
        result = CheckResult()
        seen: dict[Path, _Entry] = {}
        paths = find_files([self.folder])
        same = same_slug_problems(paths)
        for path in paths:
            info = path.lstat()  # like load_file: a link is judged, never followed
            key = (info.st_mtime_ns, info.st_size)
            entry = self._files.get(path)
            if entry is None or entry.key != key:
                entry = _Entry(key, *check_file(path))
                self.stats.checked += 1
            seen[path] = entry
            if path in same:
                result.add(None, sorted([*entry.problems, same[path]]))
                continue
            result.add(entry.supplier, entry.problems)
        self._files = seen
        result.suppliers.sort(key=lambda s: s.slug)
        check_links(result)
        return result

    def history(self) -> History | None:
        if not self.with_history:
            return None
        head = head_commit(self.folder)
        if self._history is None or self._history[0] != head or head is None:
            self._history = (head, read_history(self.folder))
        return self._history[1]

    def pages(self, checked: CheckResult, as_of: dt.date) -> dict[str, str]:
        """Every generated page; ``checked`` must have no error."""
        entries = {e.supplier.slug: e for e in self._files.values() if e.supplier is not None}
        derived: list[Derived] = []
        for supplier in checked.suppliers:
            entry = entries.get(supplier.slug)
            if entry is not None and entry.supplier is supplier and entry.derived and \
                    entry.derived[0] == as_of:
                derived.append(entry.derived[1])
                continue
            one = derive_one(supplier, as_of, self.settings)
            self.stats.derived += 1
            if entry is not None and entry.supplier is supplier:
                entry.derived = (as_of, one)
            derived.append(one)
        history = self.history()
        self.portfolio = Portfolio(as_of, derived)
        renderer = Renderer(self.portfolio, history, self.changes_days, self.settings,
                            stale_days=self.stale_days, directory_urls=self.directory_urls,
                            memo=self.memo)
        self.memo.start()
        pages = renderer.shared_pages()
        history_key = self._history[0] if self._history else None
        for d in derived:
            entry = entries.get(d.slug)
            key = (as_of, history_key, renderer.owners[d.supplier.owner.name])
            if entry is not None and entry.supplier is not None and entry.page and \
                    entry.page[0] == key and entry.derived and entry.derived[1] is d:
                text = entry.page[1]
            else:
                text = renderer.supplier_page(d)
                self.stats.rendered += 1
                if entry is not None:
                    entry.page = (key, text)
            pages[f"suppliers/{d.slug}.md"] = text
            pages[f"suppliers/{d.slug}/handover.md"] = self._brief(renderer, entry, d, key)
        return pages

    @staticmethod
    def _brief(renderer: Renderer, entry: _Entry | None, d: Derived,
               key: tuple[object, ...]) -> str:
        """The handover brief of ``d``, reused while the supplier page is."""
        if entry is not None and entry.brief and entry.brief[0] == key and \
                entry.derived and entry.derived[1] is d:
            return entry.brief[1]
        text = renderer.handover_page(d)
        if entry is not None:
            entry.brief = (key, text)
        return text

    def run(self, as_of: dt.date, checked: CheckResult | None = None
            ) -> tuple[CheckResult, dict[str, str] | None]:
        """Check (unless given), then derive and render when there is no error."""
        self.stats = Stats()
        result = checked if checked is not None else self.check()
        if result.errors:
            return result, None
        return result, self.pages(result, as_of)
