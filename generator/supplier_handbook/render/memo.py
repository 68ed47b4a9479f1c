"""The one store of what the handbook keeps from one run to the next (a leaf of ``render``).

``mkdocs serve`` rebuilds after every save, and most of what a rebuild needs did not change.
Everything kept across rebuilds lives in one ``PageMemo`` (one per ``site.pipeline.Pipeline``,
kept for the whole serve): an entry is of a ``Kind``, it has the inputs it was made from and
its value. An entry is made again when one of its inputs is neither the same object nor
equal to the last one; what a run did not ask for is forgotten at the start of the next
(``start``), so the store holds one run's worth, never more. A plain build makes one run:
nothing is kept beyond it. ``Keep`` is how code that may be kept takes the store:
``PageMemo.value`` under serve, ``fresh`` (make it now) otherwise.

One key discipline: no caller writes a key. A caller names the entry's kind and gives its
inputs, ``keep(INDEX_ROW, (d, owner, page), make)``; the key is the kind and what the kind's
``slot`` reads from those inputs (which supplier, which part), so a key cannot disagree
with the inputs, and two kinds cannot collide. The type checker holds every call to the
kind's inputs (their number, order and types: the parameters of its ``slot``). Every kind is
declared once, below, and listed in ``KINDS``, each with what its inputs are, where it is
made and the CPU seconds it takes to make every entry of the kind again at 1,000 synthetic
suppliers with an empty store (``python -m bench.store_costs --n 1000``: 7.6 s for the whole
run, the machine's load average about 6). The list that follows is generated from ``KINDS``
(``entries``); ``tests/render/test_memo.py`` fails when a run keeps an entry of a kind not
in ``KINDS``, or ``KINDS`` lists a kind no run keeps. After a save, one supplier's entries
are made again, and the rest is kept.

Kept elsewhere, and why: the cache folder of generated pages under a dirty serve
(``site.servecache.PageCache``: files on disk, so that MkDocs' dirty rebuild sees which
changed) with the theme's compiled templates (``TemplateCode``: MkDocs makes the theme's
environment again every rebuild); the documents of the search index (``site.search_documents.
Documents``: files Pagefind reads); caches of pure functions, whose value a key cannot
make stale: a few ``functools`` caches of small values (badges, the Jinja environment, a
name's slug and collation key in ``derive.naming``: a rebuild at 1,000 suppliers sorts by
some 34,000 names), the HTML of each Markdown text (``textfmt``, by the text and the page
it links from) and each supplier's item anchors (``derive.anchors``, by the supplier
object, which it holds). The
derived book of a run (``derive.people.book``) is not kept: the pipeline derives it once per
run from the kept agenda items and hands it to the renderer and the calendar feeds.

The entries:
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar, TypeVarTuple, Unpack, cast

from supplier_handbook.derive.agenda import AgendaItem
from supplier_handbook.derive.people import OwnerChange, Person
from supplier_handbook.derive.portfolio import Derived, Settings
from supplier_handbook.history.gitlog import History

V = TypeVar("V")
Ts = TypeVarTuple("Ts")


@dataclass(frozen=True, eq=False)
class Kind(Generic[*Ts]):
    """One kind of entry of the store. Its inputs are the parameters of ``slot``, which
    reads from them which entry of the kind they make (a path, a slug, a slug and a part):
    the key is the kind and that slot, never written by a caller. ``made_in`` says where
    the entries are made; ``cost`` is the CPU seconds making every entry of the kind again
    takes at 1,000 synthetic suppliers with an empty store (``bench.store_costs``)."""

    name: str
    slot: Callable[[Unpack[Ts]], Hashable]
    made_in: str
    cost: float
    note: str = ""

    @property
    def inputs(self) -> tuple[str, ...]:
        """The names of the inputs (the parameters of ``slot``)."""
        return tuple(inspect.signature(self.slot).parameters)

    def key(self, inputs: tuple[*Ts]) -> tuple[Kind[*Ts], Hashable]:
        """The entry ``inputs`` make: this kind and its slot."""
        return self, self.slot(*inputs)

    def __repr__(self) -> str:
        return f"Kind({self.name!r})"


class FileVersion(Protocol):
    """One version of a supplier file as ``lstat`` sees it (``site.pipeline.FileKey``)."""

    @property
    def path(self) -> str:
        ...


# --- what the pipeline keeps (``site.pipeline``) ------------------------------------------


def _checked(file: FileVersion) -> Hashable:
    return file.path


def _history(folder: Path, head: str) -> Hashable:
    return ()


def _derived(slug: str, file: FileVersion, as_of: dt.date, settings: Settings) -> Hashable:
    return slug


def _supplier_page(slug: str, file: FileVersion, as_of: dt.date, settings: Settings,
                   head: str | None, owner: str, people: str, near: tuple[str, ...],
                   stale_days: int, directory_urls: bool) -> Hashable:
    return slug


CHECKED = Kind("checked", _checked, "Pipeline.check", 1.04,
               "a file's check; its version is its lstat (path, mtime, size)")
HISTORY = Kind("history", _history, "Pipeline.history", 0.77,
               "the git history of the folder, read again when the checked-out commit moved")
DERIVED = Kind("derived", _derived, "Pipeline.derived", 0.06, "a supplier's signals")
SUPPLIER_PAGE = Kind(
    "supplier-page", _supplier_page, "Pipeline.pages", 1.10,
    "a supplier's page; ``people``: every person's address as one digest "
    "(``Renderer.addresses_key``), ``near``: its neighbours (``Renderer.near_key``)")
HANDOVER_PAGE = Kind("handover-page", _supplier_page, "Pipeline.pages", 0.26,
                     "a supplier's handover brief (the inputs of its page)")


def _agenda(d: Derived, as_of: dt.date, settings: Settings) -> Hashable:
    return d.slug


AGENDA = Kind("agenda", _agenda, "Pipeline.book_of", 0.17,
              "a supplier's dated items, from which the run's book is derived")


# --- pages (``Renderer``) -----------------------------------------------------------------


def _listing_page(path: str, template: str, context: Mapping[str, Any], as_of: dt.date,
                  history: History, owners: Mapping[str, str], directory_urls: bool
                  ) -> Hashable:
    return path


def _owner_page(path: str, as_of: dt.date, history: History, owners: Mapping[str, str],
                stale_days: int, directory_urls: bool, person: Person,
                unrecorded: tuple[OwnerChange | None, ...], suppliers: tuple[Derived, ...]
                ) -> Hashable:
    return path


LISTING_PAGE = Kind("page", _listing_page, "Renderer._pages", 0.07,
                    "a part of a listing page (its rows apart, kept as rows)")
OWNER_PAGE = Kind("owner-page", _owner_page, "Renderer.shared_pages", 1.30,
                  "a person's page, all its parts; ``unrecorded``: the latest change of "
                  "owner of each of their suppliers that no handover records")


# --- a supplier's rows of the listings, its record, its events ---------------------------


def _index_row(d: Derived, owner: str, page: str) -> Hashable:
    return d.slug, page


def _index_order(suppliers: tuple[Derived, ...]) -> Hashable:
    return ()


def _of_supplier(d: Derived) -> Hashable:
    return d.slug


def _agenda_row(item: AgendaItem) -> Hashable:
    return item.key


def _owner_row(person: Person, address: str, page: str, suppliers: tuple[Derived, ...]
               ) -> Hashable:
    return person.name, page


def _attention(number: int, d: Derived, owner: str) -> Hashable:
    return d.slug


def _position(d: Derived, owner: str) -> Hashable:
    return d.slug


def _export(d: Derived, last_changed: object) -> Hashable:
    return d.slug


def _feed(items: tuple[AgendaItem, ...], as_of: dt.date, base_url: str | None) -> Hashable:
    return items[0].slug


INDEX_ROW = Kind("index", _index_row, "listing.pages.suppliers_index", 0.14,
                 "a supplier's row of the suppliers index on one part (``owner``: its "
                 "owner's address)")
INDEX_ORDER = Kind("index-order", _index_order, "listing.pages.suppliers_index", 0.00,
                   "the suppliers in the index's order")
ACTION_ROWS = Kind("actions", _of_supplier, "listing.pages.actions", 0.04,
                   "a supplier's rows of the joint actions")
AGENDA_ROW = Kind("agenda-row", _agenda_row, "listing.pages.agenda", 0.23,
                  "one dated item's row of the agenda")
CULTURE = Kind("culture", _of_supplier, "listing.pages.culture_check", 0.01,
               "a supplier's questions on the culture check")
OWNER_ROW = Kind("owner", _owner_row, "listing.pages.owners_index", 0.01,
                 "a person's row of the people index on one part")
ATTENTION = Kind("attention", _attention, "dashboard.attention_items", 0.07,
                 "a supplier's entry of the attention list (``number``: its rank)")
POSITION = Kind("position", _position, "dashboard.positions", 0.00,
                "a supplier's row of the positions page")
EXPORT = Kind("export", _export, "renderer.export_json", 0.16,
              "a supplier's record in ``api/suppliers.json`` (``last_changed``: its last "
              "commit's date)")
FEED = Kind("feed", _feed, "calendar.calendar_feeds", 1.55,
            "a supplier's calendar events (its dated items hold the settings' day counts)")

KINDS: tuple[Kind[*tuple[Any, ...]], ...] = (
    CHECKED, HISTORY, DERIVED, SUPPLIER_PAGE, HANDOVER_PAGE, AGENDA, LISTING_PAGE, OWNER_PAGE,
    INDEX_ROW, INDEX_ORDER, ACTION_ROWS, AGENDA_ROW, CULTURE, OWNER_ROW, ATTENTION, POSITION,
    EXPORT, FEED,
)
"""Every kind of entry, in the order the docstring lists them."""


def entries() -> str:
    """The list of every kind of entry (appended to this module's docstring)."""
    return "".join(
        f"\n- ``{k.name}``: {k.note}. Inputs: {', '.join(k.inputs)}. ``{k.made_in}``. "
        f"{k.cost:.2f} s." for k in KINDS)


__doc__ = (__doc__ or "") + entries() + "\n"


class Keep(Protocol):
    """How code that may be kept gets a value: made afresh (``fresh``), or kept across the
    rebuilds of ``mkdocs serve`` by its kind and inputs (``PageMemo.value``)."""

    def __call__(self, kind: Kind[*Ts], inputs: tuple[*Ts],
                 make: Callable[[], V]) -> V:
        ...


def fresh(kind: Kind[*Ts], inputs: tuple[*Ts], make: Callable[[], V]) -> V:
    """``make()``: nothing is kept (a build)."""
    return make()


_Entry = tuple[tuple[object, ...], Any]


class PageMemo:
    """Pages, and parts of pages, kept with the inputs they were made from (``mkdocs serve``
    rebuilds after every save, and most inputs did not change): each is made again only
    when one of its inputs is neither the same object nor equal to the last one. What a
    rebuild did not ask for is forgotten at the start of the next. ``rendered`` names the
    pages the last rebuild rendered again, ``made`` counts the parts it made again."""

    def __init__(self) -> None:
        self.rendered: list[str] = []
        self._values: dict[Hashable, _Entry] = {}
        self._values_before: dict[Hashable, _Entry] = {}
        self.made = 0  # values the last rebuild made again

    def __len__(self) -> int:
        """How many entries the store holds (one run's worth)."""
        return len(self._values)

    def kinds(self) -> set[Kind[*tuple[Any, ...]]]:
        """The kinds of the entries the store holds."""
        return {cast(Kind[*tuple[Any, ...]], key[0]) for key in self._values
                if isinstance(key, tuple)}

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

    def value(self, kind: Kind[*Ts], inputs: tuple[*Ts],
              make: Callable[[], V]) -> V:
        """A value of ``kind`` (a supplier's row in a table, its agenda items, a file's
        check): ``make()``, or what it gave last time when ``inputs`` are the same."""
        found, made = self._remember((kind, kind.slot(*inputs)), inputs, make)  # kind.key
        self.made += made
        return found

    def page(self, kind: Kind[*Ts], inputs: tuple[*Ts],
             make: Callable[[], str]) -> Callable[[], str]:
        """A page of ``kind``, whose slot is its path, to render when asked: ``make``, or
        the text it gave last time when ``inputs`` are the same (``rendered`` names it
        when it was rendered again)."""
        key = kind.key(inputs)

        def page() -> str:
            text, made = self._remember(key, inputs, make)
            if made:
                self.rendered.append(str(key[1]))
            return text

        return page


def _same(old: tuple[object, ...], new: tuple[object, ...]) -> bool:
    return len(old) == len(new) and all(a is b or a == b for a, b in zip(old, new, strict=True))
