"""Files that say when they went stale: the last commit of each supplier file, and whether it
is older than the configured age (plugin option ``stale_days``, default 180 days).

A note beside the flags, not a flag: the flags are computed from the file alone, and git is
optional. The dates come from the git history the build has already read (``history``),
using the committer date (when the change landed). Without history there is nothing to say.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from supplier_handbook.history.gitlog import History

STALE_DAYS = 180
OLDEST_SHOWN = 10


@dataclass(frozen=True)
class LastChange:
    slug: str
    date: dt.date  # when the last commit that changed the file landed
    author: str  # who wrote that commit
    days: int  # days from then to the as-of date
    stale: bool  # older than the configured age


def last_changes(history: History, slugs: Iterable[str], as_of: dt.date,
                 stale_days: int = STALE_DAYS) -> dict[str, LastChange]:
    """{slug: its last change}, for each supplier file that a commit has touched."""
    found: dict[str, LastChange] = {}
    for slug in slugs:
        entries = history.by_slug.get(slug)
        if not history.available or not entries:
            continue
        commit = max((e.commit for e in entries), key=lambda c: c.landed)
        date = commit.landed.date()
        days = (as_of - date).days
        found[slug] = LastChange(slug, date, commit.author, days, days > stale_days)
    return found


def oldest(changes: dict[str, LastChange], limit: int = OLDEST_SHOWN) -> list[LastChange]:
    """The files changed longest ago, oldest first (ties by slug)."""
    return sorted(changes.values(), key=lambda c: (c.date, c.slug))[:limit]
