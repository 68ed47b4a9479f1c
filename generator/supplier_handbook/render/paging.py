"""Listing pages in parts: a page that lists every supplier, action or date grows with the
handbook, so it is cut into parts of a bounded size, in the page's own order.

The first part keeps the page's address (``actions.md``), so that the navigation, the guides
and every link written to it keep working; the others sit next to it at the site's root
(``actions-2.md``, ``actions-3.md``; ``suppliers/index.md`` -> ``suppliers-2.md``), so that
a relative link in a supplier's text means the same on each part. Each part shows the same
navigation at its top and bottom: every part with its number, its count and the first and
last entry it holds.

A part is cut by the size of its Markdown (``BUDGET`` characters of rows), not by a count:
rows differ in length, and the built page is what a reader downloads.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from markupsafe import Markup

from supplier_handbook.base.wording import plural
from supplier_handbook.render.textfmt import plain_html

T = TypeVar("T")

BUDGET = 100_000
"""Characters of Markdown rows in one part: with the theme's frame around them, the built
page stays well under 300 KB (``tests/site/test_listing_sizes.py`` builds it)."""


def split(items: Sequence[T], size: Callable[[T], int], budget: int = BUDGET) -> list[list[T]]:
    """``items`` in order, cut into runs whose sizes add up to at most ``budget`` (an item
    larger than that is a run of its own). Always at least one run, which may be empty."""
    runs: list[list[T]] = [[]]
    used = 0
    for item in items:
        cost = size(item)
        if runs[-1] and used + cost > budget:
            runs.append([])
            used = 0
        runs[-1].append(item)
        used += cost
    return runs


def part_path(base: str, number: int, sep: str = "-") -> str:
    """The source path of part ``number`` (from 1) of the page ``base``: ``actions-2.md``,
    ``suppliers/index.md`` -> ``suppliers-2.md``; ``sep`` joins the number (an owner's page
    takes ``--``, which no owner's slug holds)."""
    if number == 1:
        return base
    stem = base[:-3]
    stem = stem[:-6] if stem.endswith("/index") else stem
    return f"{stem}{sep}{number}.md"


@functools.lru_cache(maxsize=65536)  # the same few thousand pairs on every build
def relative(page: str, target: str) -> str:
    """A Markdown link target from the source page ``page`` to the source file ``target``,
    both paths from the docs folder's root (``posixpath.relpath`` gives the same, but asks
    the operating system for the working folder on every call)."""
    here = page.split("/")[:-1]
    there = target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


@dataclass(frozen=True)
class Part(Generic[T]):
    """One part of a listing: its ``number`` (from 1), its source ``path``, its ``items``,
    and what the navigation says of it (``count``: "250 actions"; ``span``: the first and
    last entry, "2026-01-15 to 2026-03-15")."""

    number: int
    path: str
    items: list[T]
    count: str
    span: str


@dataclass(frozen=True)
class Paged(Generic[T]):
    """A listing cut into parts; ``total``: how many entries all parts hold ("1,204
    actions")."""

    parts: list[Part[T]]
    total: str

    def nav(self, part: Part[T]) -> Markup:
        """The line shown at the top and bottom of ``part`` (Markdown: MkDocs resolves and
        checks its links): every part with its count and span, this one in bold. Nothing
        when there is only one part."""
        if len(self.parts) == 1:
            return Markup("")
        entries = []
        for p in self.parts:
            label = plain_html(f"{p.number}: {p.count}" + (f", {p.span}" if p.span else ""))
            entries.append(f"**{label} (this page)**" if p is part
                           else f"[{label}]({relative(part.path, p.path)})")
        head = plain_html(f"{self.total} in {len(self.parts)} parts; this is part "
                          f"{part.number}. Parts:")
        return Markup(f"{head} " + " · ".join(entries))


def paginate(items: Sequence[T], base: str, noun: str, size: Callable[[T], int],
             span: Callable[[list[T]], str], budget: int = BUDGET) -> Paged[T]:
    """``items`` cut into parts of the page ``base``; ``noun`` counts them ("action"),
    ``span`` says what a run holds ("2026-01-15 to 2026-03-15")."""
    return from_runs(split(items, size, budget), base, noun, span)


def from_runs(runs: list[list[T]], base: str, noun: str, span: Callable[[list[T]], str],
              sep: str = "-") -> Paged[T]:
    """Runs already cut, as the parts of the page ``base``."""
    parts = [Part(n, part_path(base, n, sep), run, plural(len(run), noun),
                  span(run) if run else "") for n, run in enumerate(runs, start=1)]
    return Paged(parts, plural(sum(len(run) for run in runs), noun))


def even_runs(items: Sequence[T], count: int) -> list[list[T]]:
    """``items`` in order, in ``count`` runs of nearly the same length."""
    count = max(1, min(count, len(items)))
    step, extra = divmod(len(items), count)
    runs, start = [], 0
    for n in range(count):
        end = start + step + (n < extra)
        runs.append(list(items[start:end]))
        start = end
    return runs


def span_of(first: str, last: str) -> str:
    return first if first == last else f"{first} to {last}"
