"""View models: what the templates lay out, computed in Python.

Plain data for the supplier page (who to call, the coverage map, the previous and next
supplier), the dashboard (the portfolio matrix) and the owner pages (the previous owner and
their notes). Text stays text here: the templates escape it or pass it through ``md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from supplier_handbook.base.wording import days_ago, plural
from supplier_handbook.derive import positions
from supplier_handbook.derive.agenda import AgendaItem
from supplier_handbook.derive.naming import collation_key
from supplier_handbook.derive.portfolio import Derived, Portfolio
from supplier_handbook.model.supplier import Contact, Handover, Supplier

LEVELS = ("executive", "relationship", "operational", "technical")
HEALTH_COLUMNS: tuple[str | None, ...] = ("green", "amber", "red", None)


@dataclass(frozen=True)
class Person:
    """A contact as the who-to-call card shows them."""

    name: str
    role: str
    level: str
    side: str
    phone: str | None
    email: str | None
    last_contact: dt.date | None
    last_contact_ago: str | None  # "4 days ago"
    next_check_in: dt.date | None
    what_matters: str | None  # Markdown text
    notes: str | None  # Markdown text


@dataclass(frozen=True)
class WhoToCall:
    escalation: list[Person]  # the escalation path in order; empty when none is recorded
    theirs: list[Person]  # supplier-side people to call when there is no escalation path
    ours: list[Person]  # our-side counterparts
    owner: str
    owner_since: dt.date | None
    owner_email: str | None


def person(c: Contact, as_of: dt.date) -> Person:
    return Person(
        name=c.name, role=c.role, level=c.level, side=c.side, phone=c.phone, email=c.email,
        last_contact=c.last_contact,
        last_contact_ago=days_ago(c.last_contact, as_of) if c.last_contact else None,
        next_check_in=c.next_check_in, what_matters=c.what_matters, notes=c.notes,
    )


def _by_level(contacts: Sequence[Contact]) -> list[Contact]:
    return sorted(contacts, key=lambda c: LEVELS.index(c.level))


def who_to_call(s: Supplier, as_of: dt.date) -> WhoToCall:
    """The escalation path in order (each name is a contact or the owner, by the rules),
    else the supplier-side contacts from the relationship level down; our counterparts."""
    by_name = {c.name: c for c in s.contacts}
    escalation = [person(by_name[n], as_of) for n in s.governance.escalation if n in by_name]
    theirs: list[Person] = []
    if not escalation:
        order = ("relationship", "executive", "operational", "technical")
        supplier_side = sorted((c for c in s.contacts if c.side == "supplier"),
                               key=lambda c: order.index(c.level))
        theirs = [person(c, as_of) for c in supplier_side]
    ours = [person(c, as_of) for c in _by_level([c for c in s.contacts if c.side == "internal"])]
    return WhoToCall(escalation, theirs, ours, s.owner.name, s.owner.since, s.owner.email)


@dataclass(frozen=True)
class CoverageRow:
    level: str
    theirs: list[Contact]
    ours: list[Contact]

    @property
    def title(self) -> str:
        return self.level.capitalize()


@dataclass(frozen=True)
class Coverage:
    rows: list[CoverageRow]  # the four levels, executive first
    summary: str  # the map in one sentence (the text alternative)


def coverage(s: Supplier) -> Coverage:
    rows = [CoverageRow(level,
                        [c for c in s.contacts if c.level == level and c.side == "supplier"],
                        [c for c in s.contacts if c.level == level and c.side == "internal"])
            for level in LEVELS]
    theirs = sum(1 for r in rows if r.theirs)
    ours = sum(1 for r in rows if r.ours)
    gaps = _coverage_gaps(rows)
    summary = (f"The supplier's side covers {theirs} of 4 levels, our side {ours} of 4."
               + (f" Nobody at: {', '.join(gaps)}." if gaps else " Every level is covered."))
    return Coverage(rows, summary)


def _coverage_gaps(rows: list[CoverageRow]) -> list[str]:
    """The levels one side leaves empty (in level order), then those both sides do."""
    one_side = [f"{r.level} ({'ours' if r.theirs else 'theirs'})" for r in rows
                if bool(r.theirs) != bool(r.ours)]
    return one_side + [f"{r.level} (both sides)" for r in rows if not r.theirs and not r.ours]


@dataclass(frozen=True)
class Neighbours:
    previous: Derived | None
    next: Derived | None


def all_neighbours(portfolio: Portfolio) -> dict[str, Neighbours]:
    """Every supplier's previous and next in the suppliers index's order (by name), in one
    sort."""
    ordered = sorted(portfolio.suppliers, key=lambda x: (collation_key(x.supplier.name), x.slug))
    return {x.slug: Neighbours(ordered[i - 1] if i > 0 else None,
                               ordered[i + 1] if i + 1 < len(ordered) else None)
            for i, x in enumerate(ordered)}


def neighbours(portfolio: Portfolio, d: Derived) -> Neighbours:
    """The previous and next supplier in the suppliers index's order (by name)."""
    return all_neighbours(portfolio)[d.slug]


def neighbour_key(near: Neighbours) -> tuple[str, ...]:
    """What a supplier page shows of its neighbours (their slugs and names): a page kept
    across the rebuilds of ``mkdocs serve`` is made again when it changes (a neighbour
    deleted, renamed or added)."""
    return tuple(x.slug + "\n" + x.supplier.name if x is not None else ""
                 for x in (near.previous, near.next))


@dataclass(frozen=True)
class MatrixCell:
    impact: str
    health: str | None
    position: str
    title: str  # the position's title
    count: str  # "1 supplier"
    suppliers: list[Derived]


@dataclass(frozen=True)
class MatrixRow:
    impact: str
    cells: list[MatrixCell]


def matrix(portfolio: Portfolio) -> list[MatrixRow]:
    """Impact (high first) by current health (green, amber, red, no review)."""
    rows = []
    for impact in ("high", "medium", "low"):
        cells = []
        for health in HEALTH_COLUMNS:
            members = sorted((d for d in portfolio.suppliers
                              if d.supplier.impact.level == impact and d.health == health),
                             key=lambda d: (collation_key(d.supplier.name), d.slug))
            pos = positions.portfolio_position(impact, health)
            cells.append(MatrixCell(impact, health, pos.id, pos.title,
                                    plural(len(members), "supplier"), members))
        rows.append(MatrixRow(impact, cells))
    return rows


@dataclass(frozen=True)
class Briefing:
    """What an owner page says about how the owner came to hold a supplier."""

    received: Handover | None  # the newest handover to the current owner
    last_recorded: str | None  # the last recorded owner, when the chain does not reach them
    earlier: list[Handover]  # every other handover, newest first


def briefing(s: Supplier) -> Briefing:
    ordered = [h for _, h in sorted(enumerate(s.handovers),
                                    key=lambda p: (p[1].date, p[0]), reverse=True)]
    received = next((h for h in ordered if h.to == s.owner.name), None)
    newest = ordered[0] if ordered else None
    last = newest.to if newest is not None and newest.to != s.owner.name else None
    return Briefing(received, last, [h for h in ordered if h is not received])


@dataclass(frozen=True)
class DateRow:
    """One dated item on a person page."""

    date: dt.date
    missed: bool
    ago: str  # "3 days ago", "today", "in 4 days"
    d: Derived
    what: str  # plain text
    key: str  # the item's key (its calendar event's UID)
    anchor: str  # its section of the supplier page


def _what(item: AgendaItem) -> str:
    people = " and ".join(p.name for p in item.people)
    if item.kind == "check-in":
        return f"Check-in with {people}"
    if item.kind == "action-due":
        ours, theirs = (item.people + item.people)[:2]
        return f"{item.item} due (ours: {ours.name}, theirs: {theirs.name})"
    if item.kind == "review-due":
        if item.item == "first":
            return "First health review due (none is recorded)"
        return f"Health review due (latest: {item.item})"
    return f"Meeting: {item.detail}" if item.detail else "Meeting"


def date_rows(items: Iterable[AgendaItem], by_slug: Mapping[str, Derived], as_of: dt.date
              ) -> list[DateRow]:
    """The rows of a person page's dates: the agenda's items, in the agenda's order (missed
    first, then by date), each with its supplier."""
    return [DateRow(i.date, i.missed, days_ago(i.date, as_of), by_slug[i.slug], _what(i),
                    i.key, i.anchor) for i in items]
