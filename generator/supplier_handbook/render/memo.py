"""The one store of what the handbook keeps from one run to the next (a leaf of ``render``).

``mkdocs serve`` rebuilds after every save, and most of what a rebuild needs did not change.
Everything kept across rebuilds lives in one ``PageMemo`` (one per ``site.pipeline.Pipeline``,
kept for the whole serve): an entry is a key (which thing), the inputs it was made from
(what it depends on) and the value. An entry is made again when one of its inputs is neither
the same object nor equal to the last one; what a run did not ask for is forgotten at the
start of the next (``start``), so the store holds one run's worth, never more. A plain build
makes one run: nothing is kept beyond it. ``Keep`` is how code that may be kept takes the
store: ``PageMemo.value`` under serve, ``fresh`` (make it now) otherwise.

Every entry: its key, the inputs it is checked against, where it is made, and the CPU
seconds it takes to make it again for all suppliers, at 1,000 synthetic suppliers with an
empty store (``python -m bench.store_costs --n 1000``: 7.3 s for the whole run; after a
save, one supplier's entries are made again, and the rest is kept):

- ``("checked", path)``: a file's check. Inputs: the file's ``lstat`` (path, mtime, size).
  ``Pipeline.check``. 1.13 s.
- ``("derived", slug)``: a supplier's signals. Inputs: its file version, the as-of date.
  ``Pipeline.derived``. 0.07 s.
- ``("history",)``: the git history. Inputs: the checked-out commit. ``Pipeline.history``.
  0.74 s.
- ``("supplier-page", slug)``, ``("handover-page", slug)``: a supplier's page and brief.
  Inputs: its file version, the as-of date, the commit, its owner's slug, every person's
  address (as one digest, ``Renderer.addresses_key``), its neighbours (``near_key``).
  ``Pipeline.pages``. 1.56 s and 0.24 s.
- ``("page", path)``: a listing page's part. Inputs: its template and context, the as-of
  date, the history, the owner slugs. ``Renderer._pages``. 0.06 s (its rows apart).
- ``("page", "owners/SLUG.md")``: an owner's page, all parts. Inputs: the as-of date, the
  history, the owner slugs, the settings, the owner's suppliers. ``Renderer.shared_pages``.
  0.69 s.
- a supplier's rows in the listings: ``("index", slug, part)``, ``("index-order",)``,
  ``("actions", slug)``, ``("culture", slug)``, ``("owner", name, part)``, ``("attention",
  slug)``, ``("position", slug)``. Inputs: the supplier's signals (with its owner's slug,
  its rank). ``listing.pages``, ``dashboard``. 0.19 s together.
- ``("agenda", slug)``, ``("agenda-row", key)``: a supplier's agenda items, and each
  item's row. Inputs: the signals and the as-of date; the item. ``Renderer``,
  ``listing.pages.agenda``. 0.12 s and 0.19 s.
- ``("export", slug)``: a supplier's record in ``api/suppliers.json``. Inputs: its signals,
  its last change. ``renderer.export_json``. 0.02 s.
- ``("feed", slug)``: a supplier's calendar events. Inputs: its dated items (which hold
  the settings' day counts), the as-of date, the site's address.
  ``calendar.calendar_feeds``. 1.85 s.

Kept elsewhere, and why: the cache folder of generated pages under a dirty serve
(``site.servecache.PageCache``: files on disk, so that MkDocs' dirty rebuild sees which
changed) with the theme's compiled templates (``TemplateCode``: MkDocs makes the theme's
environment again every rebuild); the documents of the search index (``site.search.
Documents``: files Pagefind reads); a few ``functools`` caches of pure functions of small
values (badges, the Jinja environment); the derived book of the last two portfolios
(``derive.people.book``, by the portfolio object: the renderer and the calendar feeds of one
run share it).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Protocol, TypeVar, cast

V = TypeVar("V")


class Keep(Protocol):
    """How a listing gets a supplier's rows: made afresh (``fresh``), or kept across the
    rebuilds of ``mkdocs serve`` by their key and inputs (``PageMemo.value``)."""

    def __call__(self, key: Hashable, inputs: tuple[object, ...], make: Callable[[], V]) -> V:
        ...


def fresh(key: Hashable, inputs: tuple[object, ...], make: Callable[[], V]) -> V:
    """``make()``: nothing is kept (a build)."""
    return make()


class PageMemo:
    """Pages, and parts of pages, kept with the inputs they were made from (``mkdocs serve``
    rebuilds after every save, and most inputs did not change): each is made again only
    when one of its inputs is neither the same object nor equal to the last one. What a
    rebuild did not ask for is forgotten at the start of the next. ``rendered`` names the
    pages the last rebuild rendered again, ``made`` counts the parts it made again."""

    def __init__(self) -> None:
        self.rendered: list[str] = []
        self._values: dict[Hashable, tuple[tuple[object, ...], Any]] = {}
        self._values_before: dict[Hashable, tuple[tuple[object, ...], Any]] = {}
        self.made = 0  # values the last rebuild made again

    def __len__(self) -> int:
        """How many entries the store holds (one run's worth)."""
        return len(self._values)

    def start(self) -> None:
        """A new rebuild: forget what the last one rendered, and the values it did not use."""
        self.rendered = []
        self._values_before, self._values = self._values, {}
        self.made = 0

    def _remember(self, key: Hashable, inputs: tuple[object, ...],
                  make: Callable[[], V]) -> tuple[V, bool]:
        """What ``make`` gave last time for ``key`` when ``inputs`` are the same, else
        ``make()``; and whether it was made now."""
        hit = self._values.get(key) or self._values_before.get(key)
        if hit is not None and _same(hit[0], inputs):
            self._values[key] = hit
            return cast(V, hit[1]), False
        made = make()
        self._values[key] = (inputs, made)
        return made, True

    def value(self, key: Hashable, inputs: tuple[object, ...], make: Callable[[], V]) -> V:
        """A part of a page (a supplier's row in a table, its agenda items): ``make()``, or
        what it gave last time for ``key`` when ``inputs`` are the same."""
        found, made = self._remember(key, inputs, make)
        self.made += made
        return found

    def keep(self, path: str, inputs: tuple[object, ...],
             make: Callable[[], str]) -> Callable[[], str]:
        """``make``, or the text it gave last time when ``inputs`` are the same."""

        def page() -> str:
            text, made = self._remember(("page", path), inputs, make)
            if made:
                self.rendered.append(path)
            return text

        return page


def _same(old: tuple[object, ...], new: tuple[object, ...]) -> bool:
    return len(old) == len(new) and all(a is b or a == b for a, b in zip(old, new, strict=True))
