"""View models of the git history: the rows of a supplier's history table (its page and its
handover brief) and the commits of the *What changed* page.

Dates, short commit ids and the link target of each supplier are decided here; the templates
``supplier.md.j2``, ``handover.md.j2`` and ``changes.md.j2`` only lay them out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from supplier_handbook.derive.portfolio import Derived
from supplier_handbook.history.changes import Change
from supplier_handbook.history.gitlog import Commit, Entry, History
from supplier_handbook.render.facets import entry, section_filters

SHORT_SHA = 7
CHANGES_FILTERS = section_filters([("Supplier", "supplier", False), ("Author", "author", False),
                                   ("Date", "date", True)])


@dataclass(frozen=True)
class HistoryRow:
    """One commit's change to one supplier file, as a table row."""

    date: dt.date  # when the commit landed (the committer date)
    author: str
    subject: str
    sha: str  # the short commit id
    changes: list[Change]  # in words; a warning is marked as such


def history_rows(entries: Sequence[Entry]) -> list[HistoryRow]:
    return [HistoryRow(e.commit.landed.date(), e.commit.author, e.commit.subject,
                       e.commit.sha[:SHORT_SHA], e.changes) for e in entries]


@dataclass(frozen=True)
class ChangedFile:
    """One supplier file in a commit: the supplier when it is still in the handbook."""

    slug: str
    d: Derived | None  # None: the file is no longer in the handbook
    changes: list[Change]


@dataclass(frozen=True)
class CommitView:
    date: dt.date  # when the commit landed (the committer date): what the page goes by
    subject: str
    author: str
    sha: str  # the short commit id
    files: list[ChangedFile]  # by slug
    facets: Markup  # what the page filters it by: suppliers, author, date (``facets``)
    written: dt.date | None = None  # the author date, shown when it is another day


@dataclass(frozen=True)
class ChangesPage:
    """The *What changed* page: every commit of the last ``days`` days, newest first."""

    days: int
    start: dt.date
    note: str | None  # why the history is missing or may be incomplete
    commits: list[CommitView]
    filters: Markup = CHANGES_FILTERS  # the filter bar over the commits


def commit_view(commit: Commit, entries: Sequence[Entry],
                known: Mapping[str, Derived]) -> CommitView:
    landed, written = commit.landed.date(), commit.date.date()
    files = [ChangedFile(e.slug, known.get(e.slug), e.changes) for e in entries]
    names = [f.d.supplier.name if f.d is not None else f.slug for f in files]
    return CommitView(landed, commit.subject, commit.author, commit.sha[:SHORT_SHA], files,
                      entry({"supplier": list(dict.fromkeys(names)), "author": commit.author,
                             "date": landed.isoformat()}),
                      written if written != landed else None)


def changes_page(history: History, suppliers: Sequence[Derived], as_of: dt.date,
                 days: int) -> ChangesPage:
    start = as_of - dt.timedelta(days=days)
    known = {d.slug: d for d in suppliers}
    commits = [commit_view(c, entries, known) for c, entries in history.between(start, as_of)]
    return ChangesPage(days, start, history.note, commits)
