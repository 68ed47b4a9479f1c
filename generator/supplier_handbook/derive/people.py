"""The one derived book of a build: every person on our side and every role they hold, every
change of owner and every ownership interval, every dated item. Derived once per run from
the portfolio (``book``: the pipeline calls it and hands the book to the renderer and to the
calendar feeds; nothing here keeps it); every view (supplier pages, person pages, the agenda,
the calendar feeds, the handovers page, the brief, the attention list) selects from it and
lays it out, so no two views can tell a fact differently.

- A *change of owner* is a handover written in the file, or a change the file shows only by
  its owner (the last handover went to someone else, or the chain of handovers skips a
  person): that one is dated by the new owner's ``since`` when known, else "date unknown",
  and marked "no handover recorded".
- An *ownership interval* is one person's time as owner of one supplier: from the change
  that gave it to them (or their ``since``) to the change that took it away (or now).
- Every internal person the files name has a ``Person``: the owner, the people of each
  handover, every internal contact, every action's ``owner_internal``, every meeting
  attendee and escalation place on our side.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from supplier_handbook.derive.agenda import AgendaItem, agenda, sort_key
from supplier_handbook.derive.anchors import supplier_anchors
from supplier_handbook.derive.naming import collation_key, person_addresses
from supplier_handbook.derive.portfolio import Derived, Portfolio
from supplier_handbook.model.supplier import Action, Handover

OWNER_SECTION = "owner-and-handovers"  # the supplier page's section of the owner's history
UNKNOWN = "date unknown"


@dataclass(frozen=True)
class OwnerChange:
    """One change of owner of one supplier."""

    slug: str
    supplier: str
    date: dt.date | None  # None: the file does not say when
    from_: str
    to: str
    handover: Handover | None  # None: no handover is recorded for this change
    anchor: str  # where the supplier page shows it
    owner_now: str

    @property
    def recorded(self) -> bool:
        return self.handover is not None

    @property
    def when(self) -> str:
        return self.date.isoformat() if self.date else UNKNOWN


@dataclass(frozen=True)
class Interval:
    """One person's time as owner of one supplier."""

    slug: str
    supplier: str
    person: str
    since: dt.date | None  # None: not known
    until: dt.date | None  # None: still the owner (``current``), or not known
    current: bool
    next_owner: str | None  # who took over (None while current)
    handed_over: bool  # the interval ended with a handover written
    anchor: str  # where the supplier page shows its end (or the owner, while current)
    owner_now: str

    @property
    def since_text(self) -> str:
        return self.since.isoformat() if self.since else UNKNOWN

    @property
    def until_text(self) -> str:
        if self.current:
            return "now"
        return self.until.isoformat() if self.until else UNKNOWN


@dataclass(frozen=True)
class Seat:
    """A place a person holds on a supplier besides its ownership: a recurring meeting's
    seat, a place on the escalation path, an internal contact."""

    kind: str  # "meeting", "escalation", "contact"
    slug: str
    supplier: str
    text: str  # plain text: "Quarterly business review (every quarter)", "2 of 3", a role

    @property
    def label(self) -> str:
        return SEAT_LABELS[self.kind]


SEAT_LABELS = {"meeting": "meeting", "escalation": "escalation path",
               "contact": "contact on our side"}


@dataclass(frozen=True)
class OwnedAction:
    """An open action a person owns on our side, on any supplier."""

    slug: str
    supplier: str
    action: Action
    overdue: bool
    anchor: str


@dataclass(frozen=True)
class Person:
    """One person on our side and everything the files give them."""

    name: str
    address: str  # owners/<address>/ and calendar/owners/<address>.ics
    owns: tuple[str, ...]  # slugs of the suppliers they own now, by supplier name
    intervals: tuple[Interval, ...]  # past ownership (not the current ones), oldest first
    changes: tuple[OwnerChange, ...]  # every change from or to them, oldest first
    actions: tuple[OwnedAction, ...]  # open actions they own, on any supplier
    seats: tuple[Seat, ...]
    items: tuple[AgendaItem, ...]  # every dated item that names them, in agenda order

    @property
    def feed(self) -> str | None:
        """Their calendar feed, published only when it holds an event."""
        return f"calendar/owners/{self.address}.ics" if self.items else None


@dataclass(frozen=True)
class Book:
    """Everything a build shows, derived once."""

    portfolio: Portfolio
    items: list[AgendaItem]  # every dated item, in agenda order
    changes: list[OwnerChange]  # every change of owner, oldest first (unknown dates last)
    intervals: dict[str, list[Interval]]  # by slug, oldest first, the current one last
    people: dict[str, Person]  # by name, in name order
    latest: dict[str, OwnerChange]  # by slug: the change that gave the owner now the supplier

    @functools.cached_property
    def unrecorded(self) -> dict[str, OwnerChange]:
        """By slug: the latest change of owner, where no handover records it."""
        return {slug: c for slug, c in self.latest.items() if not c.recorded}

    @property
    def addresses(self) -> dict[str, str]:
        return {name: p.address for name, p in self.people.items()}

    def supplier_feed(self, slug: str) -> str | None:
        """A supplier's calendar feed, published only when it holds an event."""
        return f"calendar/suppliers/{slug}.ics" if slug in self._with_items else None

    @functools.cached_property
    def _with_items(self) -> set[str]:
        return {i.slug for i in self.items}

    @property
    def all_feed(self) -> str | None:
        return "calendar/all.ics" if self.items else None


def ownership(d: Derived) -> tuple[list[OwnerChange], list[Interval]]:
    """The changes of owner of one supplier and its ownership intervals, oldest first."""
    s = d.supplier
    anchors = supplier_anchors(s).handovers
    owner = s.owner.name
    changes: list[OwnerChange] = []
    intervals: list[Interval] = []
    holder: str | None = None
    since: dt.date | None = None

    def change(date: dt.date | None, from_: str, to: str, h: Handover | None, anchor: str
               ) -> None:
        nonlocal holder, since
        changes.append(OwnerChange(d.slug, s.name, date, from_, to, h, anchor, owner))
        intervals.append(Interval(d.slug, s.name, from_, since, date, False, to, h is not None,
                                  anchor, owner))
        holder, since = to, date

    for n, h in sorted(enumerate(s.handovers), key=lambda p: (p[1].date, p[0])):
        if holder is not None and holder != h.from_:
            change(None, holder, h.from_, None, OWNER_SECTION)
        holder = h.from_
        change(h.date, h.from_, h.to, h, anchors[n])
    if holder is not None and holder != owner:
        change(s.owner.since, holder, owner, None, OWNER_SECTION)
    current_since = s.owner.since or (since if holder == owner else None)
    intervals.append(Interval(d.slug, s.name, owner, current_since, None, True, None, False,
                              OWNER_SECTION, owner))
    return changes, intervals


def _change_order(c: OwnerChange) -> tuple[bool, dt.date, tuple[str, str, str], str]:
    return c.date is None, c.date or dt.date.min, collation_key(c.supplier), c.anchor


def internal_names(d: Derived) -> set[str]:
    """Every person on our side that one supplier file names."""
    s = d.supplier
    ours = {c.name for c in s.contacts if c.side == "internal"}
    names = {s.owner.name, *ours}
    names.update(n for h in s.handovers for n in (h.from_, h.to))
    names.update(a.owner_internal for a in s.actions)
    named = [*s.governance.escalation, *(n for m in s.governance.meetings for n in m.attendees)]
    names.update(n for n in named if n in ours or n == s.owner.name)
    return names


def _seats(d: Derived) -> list[tuple[str, Seat]]:
    s = d.supplier
    ours = {c.name: c for c in s.contacts if c.side == "internal"}
    seats: list[tuple[str, Seat]] = []
    for c in ours.values():
        seats.append((c.name, Seat("contact", d.slug, s.name, f"{c.role} ({c.level})")))
    for m in s.governance.meetings:
        for name in dict.fromkeys(m.attendees):
            if name in ours or name == s.owner.name:
                seats.append((name, Seat("meeting", d.slug, s.name, f"{m.name} ({m.every})")))
    path = s.governance.escalation
    for n, name in enumerate(path, start=1):
        if name in ours or name == s.owner.name:
            seats.append((name, Seat("escalation", d.slug, s.name, f"{n} of {len(path)}")))
    return seats


def book(portfolio: Portfolio,
         items_of: Callable[[Derived], list[AgendaItem]] | None = None) -> Book:
    """The book of ``portfolio``, derived afresh (nothing here keeps it): a run derives it
    once (``site.pipeline.Pipeline.book``) and gives it to the pages, the feeds and the
    export. ``items_of`` gives one supplier's dated items (those kept from the last rebuild
    of ``mkdocs serve``, or made afresh)."""
    items = agenda(portfolio, items_of)
    changes: list[OwnerChange] = []
    intervals: dict[str, list[Interval]] = {}
    names: set[str] = set()
    owns: dict[str, list[Derived]] = {}
    actions: dict[str, list[OwnedAction]] = {}
    seats: dict[str, list[Seat]] = {}
    latest: dict[str, OwnerChange] = {}
    for d in portfolio.suppliers:
        made, spans = ownership(d)
        if made and made[-1].to == d.supplier.owner.name:
            latest[d.slug] = made[-1]
        changes += made
        intervals[d.slug] = spans
        names |= internal_names(d)
        owns.setdefault(d.supplier.owner.name, []).append(d)
        ids = supplier_anchors(d.supplier)
        late = {id(a) for a in d.overdue_actions}
        for a in d.open_actions:
            actions.setdefault(a.owner_internal, []).append(OwnedAction(
                d.slug, d.supplier.name, a, id(a) in late, ids.action(a.id)))
        for name, seat in _seats(d):
            seats.setdefault(name, []).append(seat)
    changes.sort(key=_change_order)
    addresses = person_addresses(names)
    by_person: dict[str, list[AgendaItem]] = {}
    for i in items:
        for name in i.ours:
            by_person.setdefault(name, []).append(i)
    past: dict[str, list[Interval]] = {}
    for spans in intervals.values():
        for span in spans:
            if not span.current:
                past.setdefault(span.person, []).append(span)
    theirs: dict[str, list[OwnerChange]] = {}
    for c in changes:
        theirs.setdefault(c.from_, []).append(c)
        if c.to != c.from_:
            theirs.setdefault(c.to, []).append(c)
    people = {}
    for name in sorted(names, key=collation_key):
        owned = sorted(owns.get(name, []), key=lambda d: (collation_key(d.supplier.name),
                                                            d.slug))
        people[name] = Person(
            name=name, address=addresses[name], owns=tuple(d.slug for d in owned),
            intervals=tuple(sorted(past.get(name, []), key=_interval_order)),
            changes=tuple(theirs.get(name, [])),
            actions=tuple(sorted(actions.get(name, []), key=lambda a: (
                not a.overdue, a.action.due, collation_key(a.supplier), a.action.id))),
            seats=tuple(sorted(seats.get(name, []), key=lambda s: (
                collation_key(s.supplier), ("contact", "meeting", "escalation").index(s.kind),
                s.text))),
            items=tuple(by_person.get(name, [])),
        )
    return Book(portfolio, items, changes, intervals, people, latest)


def _interval_order(i: Interval) -> tuple[bool, dt.date, tuple[str, str, str]]:
    day = i.until or i.since
    return day is None, day or dt.date.min, collation_key(i.supplier)


def person_items(items: Iterable[AgendaItem], name: str) -> list[AgendaItem]:
    """The items that name ``name`` on our side, in agenda order (what the agenda filtered
    by them shows)."""
    return sorted((i for i in items if name in i.ours), key=sort_key)
