"""View models of the person pages: one page per person on our side (``owner.md.j2`` with
their ownership history, ``_owner_history.md.j2``); the index of people is a listing page
(``listing_pages``).

Everything here is selected from the build's book (``people.Person``): the suppliers they
own now, the ones they owned before (every interval, handover written or not), the actions
they own and the seats they hold on any supplier, and every dated item that names them, the
same items as their calendar feed and the agenda filtered by them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from supplier_handbook.base.wording import plural
from supplier_handbook.derive.agenda import AgendaItem, sort_key
from supplier_handbook.derive.people import Interval, OwnedAction, OwnerChange, Person, Seat
from supplier_handbook.derive.portfolio import Derived, Point, RatedReview
from supplier_handbook.model.supplier import Supplier
from supplier_handbook.render.views.common import (
    Briefing,
    DateRow,
    WhoToCall,
    briefing,
    date_rows,
    who_to_call,
)


@dataclass(frozen=True)
class OwnedSupplier:
    """One supplier's briefing on its owner's page."""

    d: Derived
    s: Supplier
    brief: Briefing
    call: WhoToCall
    points: list[Point]  # what needs attention (``Derived.points``)
    nothing_flagged: bool
    earlier_notes: str | None  # what the last recorded owner was told (Markdown text)
    actions_todo: str | None  # "3 open actions, 1 of them overdue"
    last_review: RatedReview | None
    unrecorded: OwnerChange | None  # the change to this owner, when no handover records it

    @property
    def misfit(self) -> bool:
        return self.d.fit != "fit"


@dataclass(frozen=True)
class PastRow:
    """One ownership interval that ended, with the page of who owns the supplier now."""

    i: Interval
    owner_now_slug: str | None
    next_owner_slug: str | None


@dataclass(frozen=True)
class ChangeRow:
    """One change of owner that names the person (from or to them)."""

    c: OwnerChange
    other: str  # the other person
    other_slug: str | None
    gave: bool  # they passed the supplier on (else they took it over)


@dataclass(frozen=True)
class OwnershipView:
    """What a person page says of the past: every interval they held that ended, and every
    change of owner from or to them, with the handover notes they wrote and received."""

    owner: str
    empty: bool
    past: list[PastRow]  # oldest first
    changes: list[ChangeRow]  # oldest first (unknown dates last)
    notes: list[tuple[str, list[OwnerChange]]]  # (heading, changes), only those with any


@dataclass(frozen=True)
class Extra:
    """A person's work besides the briefings of the suppliers they own (all of it, or one
    slice of it when the page comes in parts): their dates on suppliers they do not own,
    the open actions they own, their seats, and their ownership history."""

    number: int  # which slice, from 1
    of: int  # how many slices
    dates: list[AgendaItem]
    actions: list[OwnedAction]
    seats: list[Seat]
    past: list[Interval]
    changes: list[OwnerChange]

    @property
    def first(self) -> bool:
        return self.number == 1

    @property
    def label(self) -> str:
        what = "other work and ownership history"
        return what if self.of == 1 else f"{what} ({self.number} of {self.of})"


def _slices(items: Sequence[Any], n: int) -> list[list[Any]]:
    step, extra = divmod(len(items), n)
    out, start = [], 0
    for k in range(n):
        end = start + step + (k < extra)
        out.append(list(items[start:end]))
        start = end
    return out


def extras(person: Person, n: int = 1) -> list[Extra]:
    """The person's other work in ``n`` slices of nearly the same length (each list cut
    evenly, in its order)."""
    owned = set(person.owns)
    lists = ([i for i in person.items if i.slug not in owned], list(person.actions),
             list(person.seats), list(person.intervals), list(person.changes))
    n = max(1, min(n, max(len(x) for x in lists) or 1))
    cut = [_slices(x, n) for x in lists]
    return [Extra(k + 1, n, *(c[k] for c in cut)) for k in range(n)]


@dataclass(frozen=True)
class OwnerPage:
    owner: str
    title: str
    slug: str
    summary: str  # what the person holds, in one sentence
    feed: str | None  # their calendar feed (published only when it holds an event)
    dates: list[DateRow]  # the dated items of this part, in agenda order
    suppliers: list[OwnedSupplier]
    extra: Extra | None  # their other work, on the part (or parts) that show it
    ownership: OwnershipView | None  # the ownership history of ``extra``
    flagged: list[OwnedSupplier]  # those with something that needs attention: at the top


def actions_todo(d: Derived) -> str | None:
    if not d.open_actions:
        return None
    text = plural(len(d.open_actions), "open action")
    if d.overdue_actions:
        text += f", {len(d.overdue_actions)} of them overdue"
    return text


def owned_supplier(d: Derived, as_of: dt.date, unrecorded: OwnerChange | None = None
                   ) -> OwnedSupplier:
    brief = briefing(d.supplier)
    points = d.points
    earlier = brief.earlier[0].notes if brief.received is None and brief.earlier else None
    return OwnedSupplier(
        d=d, s=d.supplier, brief=brief, call=who_to_call(d.supplier, as_of), points=points,
        nothing_flagged=not points, earlier_notes=earlier,
        actions_todo=actions_todo(d), last_review=d.reviews[-1] if d.reviews else None,
        unrecorded=unrecorded,
    )


def ownership_view(name: str, extra: Extra, owners: Mapping[str, str]) -> OwnershipView:
    changes = [ChangeRow(c, c.to if c.from_ == name else c.from_,
                         owners.get(c.to if c.from_ == name else c.from_), c.from_ == name)
               for c in extra.changes]
    wrote = [c for c in extra.changes if c.handover is not None and c.from_ == name]
    received = [c for c in extra.changes if c.handover is not None and c.to == name]
    notes = [(f"Handover notes {name} wrote", wrote),
             (f"Handover notes {name} received", received)]
    return OwnershipView(
        name, extra.first and not (extra.past or extra.changes),
        [PastRow(i, owners.get(i.owner_now), owners.get(i.next_owner or ""))
         for i in extra.past],
        changes,
        [(title, cs) for title, cs in notes if cs],
    )


def summary(person: Person) -> str:
    parts = []
    if person.owns:
        parts.append(f"owns {plural(len(person.owns), 'supplier relationship')}")
    if person.intervals:
        before = len({i.slug for i in person.intervals})
        parts.append(f"owned {plural(before, 'supplier')} before")
    if person.actions:
        parts.append(f"owns {plural(len(person.actions), 'open action')} on our side")
    seats = [s for s in person.seats if s.kind != "contact"]
    if seats:
        held = plural(len(seats), "meeting seat or escalation place",
                      "meeting seats and escalation places")
        parts.append(f"holds {held}")
    contact = {s.slug for s in person.seats if s.kind == "contact"}
    if contact:
        parts.append(f"is our contact for {plural(len(contact), 'supplier')}")
    if not parts:
        return f"{person.name} is named in the supplier files (a handover, an action or a seat)."
    return f"{person.name} " + ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") \
        + parts[-1] + "."


def owner_page(person: Person, suppliers: Sequence[Derived], extra: Extra | None,
               as_of: dt.date, owners: Mapping[str, str], by_slug: Mapping[str, Derived],
               unrecorded: Mapping[str, OwnerChange], title_suffix: str = "") -> OwnerPage:
    """The page of ``person`` (or one part of it: ``suppliers`` are the part's briefings,
    ``extra`` the slice of their other work it shows, and ``title_suffix`` says which part
    it is). The parts together hold every item that names them, once."""
    here = {d.slug for d in suppliers}
    items = [i for i in person.items if i.slug in here]
    if extra is not None:
        items = sorted([*items, *extra.dates], key=sort_key)
    owned = [owned_supplier(d, as_of, unrecorded.get(d.slug)) for d in suppliers]
    title = "your suppliers" if person.owns else "your work with suppliers"
    return OwnerPage(
        owner=person.name, title=f"{person.name}: {title}{title_suffix}",
        slug=owners[person.name], summary=summary(person), feed=person.feed,
        dates=date_rows(items, by_slug, as_of),
        suppliers=owned, flagged=[o for o in owned if not o.nothing_flagged],
        extra=extra,
        ownership=ownership_view(person.name, extra, owners) if extra is not None else None,
    )
