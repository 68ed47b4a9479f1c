"""View model of a supplier's page: every row, cell and pair of ``supplier.md.j2``.

The order of each list, the anchors of the items, the words that qualify a rating ("set by
hand; computed: amber") and the joined lists of names are decided here; the template only
lays them out. Text stays text (the template escapes it or passes it through ``md``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from supplier_handbook.derive.anchors import supplier_anchors
from supplier_handbook.derive.health import computed_overall
from supplier_handbook.derive.people import Interval
from supplier_handbook.derive.portfolio import Derived, Point, Portfolio, RatedReview
from supplier_handbook.history.gitlog import Entry
from supplier_handbook.history.staleness import LastChange
from supplier_handbook.model.supplier import (
    OPEN_STATUSES,
    Action,
    Contact,
    Handover,
    LogEntry,
    Meeting,
    Supplier,
)
from supplier_handbook.render.views.common import (
    Coverage,
    Neighbours,
    WhoToCall,
    coverage,
    neighbours,
    who_to_call,
)
from supplier_handbook.render.views.history import HistoryRow, history_rows

ESCALATION_ARROW = " → "


@dataclass(frozen=True)
class MeetingRow:
    name: str
    every: str
    purpose: str | None  # Markdown text
    attendees: str  # the names, comma-separated


def meeting_rows(meetings: Sequence[Meeting]) -> list[MeetingRow]:
    return [MeetingRow(m.name, m.every, m.purpose, ", ".join(m.attendees)) for m in meetings]


@dataclass(frozen=True)
class ContactLine:
    """One person of the *Everyone* list: their side first, then the file's order."""

    anchor: str
    contact: Contact
    side: str  # "their" or "our"


@dataclass(frozen=True)
class ReviewRow:
    anchor: str
    rated: RatedReview
    overall_note: str  # "computed", "set by hand", "set by hand; computed: amber"
    reviewed_with: str  # ", with the supplier" or ", our side only"
    signals: str | None  # the signals in words, comma-separated; None when there are none


@dataclass(frozen=True)
class ActionRow:
    anchor: str
    action: Action
    overdue: bool


@dataclass(frozen=True)
class SupplierPage:
    """Everything the supplier page shows besides the plain fields of ``s``."""

    d: Derived
    s: Supplier
    tags: str | None  # comma-separated
    near: Neighbours
    call: WhoToCall
    owner_slug: str
    health_note: str | None  # "set by hand; computed: red" when the file's rating differs
    open_actions: int
    overdue_actions: int
    last_updated: HistoryRow | None  # the newest commit that changed the file
    stale: LastChange | None  # set only when the file is stale
    stale_days: int
    meetings: list[MeetingRow]
    escalation: str | None  # the names, in order, joined by arrows
    handovers: list[tuple[str, Handover]]  # (anchor, handover), newest first
    coverage: Coverage
    contacts: list[ContactLine]
    heatmap: Markup  # the health heatmap SVG (``pictures``)
    reviews: list[ReviewRow]  # newest first
    review_notes: list[tuple[str, str]]  # (period, notes) of the reviews with notes
    actions: list[ActionRow]  # the file's order
    log: list[LogEntry]  # newest first; entries of one day keep the file's order
    history_note: str | None
    history_available: bool
    history: list[HistoryRow]  # newest first
    points: list[Point]  # what needs attention (``Derived.points``)
    feed: str | None  # the calendar feed, published only when it holds an event
    intervals: list[tuple[Interval, str | None, str | None]]  # every ownership interval,
    # oldest first, with the addresses of the person and of who took over (none when the
    # owner now is the only one the file names)


def overall_note(r: RatedReview) -> str:
    if r.computed:
        return "computed"
    computed = computed_overall(r.review)
    return "set by hand" if computed == r.overall else f"set by hand; computed: {computed}"


def review_row(anchor: str, r: RatedReview) -> ReviewRow:
    signals = ", ".join(r.review.signals).replace("_", " ") if r.review.signals else None
    return ReviewRow(anchor, r, overall_note(r),
                     ", with the supplier" if r.review.with_supplier else ", our side only",
                     signals)


def _by_side(contacts: Sequence[Contact]) -> list[Contact]:
    """Their side first, then ours; each side in the file's order."""
    return sorted(contacts, key=lambda c: c.side, reverse=True)


def supplier_page(d: Derived, portfolio: Portfolio, *, owner_slug: str, entries: list[Entry],
                  heatmap: Markup, last_change: LastChange | None, stale_days: int,
                  history_note: str | None, history_available: bool,
                  intervals: Sequence[Interval], feed: str | None,
                  addresses: Mapping[str, str], near: Neighbours | None = None
                  ) -> SupplierPage:
    s = d.supplier
    ids = supplier_anchors(s)
    health_differs = d.health_set_by_hand and d.computed_health != d.health
    rows = history_rows(entries)
    reviews = list(reversed(d.reviews))
    return SupplierPage(
        d=d, s=s, tags=", ".join(s.tags) if s.tags else None,
        near=near or neighbours(portfolio, d), call=who_to_call(s, portfolio.as_of),
        owner_slug=owner_slug,
        health_note=f"set by hand; computed: {d.computed_health}" if health_differs else None,
        open_actions=len(d.open_actions), overdue_actions=len(d.overdue_actions),
        last_updated=rows[0] if rows else None,
        stale=last_change if last_change is not None and last_change.stale else None,
        stale_days=stale_days,
        meetings=meeting_rows(s.governance.meetings),
        escalation=ESCALATION_ARROW.join(s.governance.escalation) or None,
        handovers=ids.newest_handovers(s),
        coverage=coverage(s),
        contacts=[ContactLine(ids.contact(c.name), c,
                              "their" if c.side == "supplier" else "our")
                  for c in _by_side(s.contacts)],
        heatmap=heatmap,
        reviews=[review_row(ids.review(r.review.period), r) for r in reviews],
        review_notes=[(r.review.period, r.review.notes) for r in reviews if r.review.notes],
        actions=[ActionRow(ids.action(a.id), a, a in d.overdue_actions) for a in s.actions],
        log=sorted(s.log, key=lambda e: e.date, reverse=True),
        history_note=history_note, history_available=history_available, history=rows,
        points=d.points, feed=feed,
        intervals=[(i, addresses.get(i.person), addresses.get(i.next_owner or ""))
                   for i in intervals] if len(intervals) > 1 else [],
    )


@dataclass(frozen=True)
class SharedPage:
    """The page shared with the supplier itself: its shared fields only, laid out."""

    s: Supplier  # internal fields emptied by ``audience.for_supplier``
    title: str
    calendar: bool  # an open joint action has a due date for the calendar feed
    meetings: list[MeetingRow]
    escalation: str | None  # the names, in order, joined by arrows
    contacts: list[tuple[str, Contact]]  # ("yours" or "ours", contact): their side first


def shared_page(s: Supplier) -> SharedPage:
    return SharedPage(
        s=s, title=f"{s.name}: our joint page",
        calendar=any(a.status in OPEN_STATUSES for a in s.actions),
        meetings=meeting_rows(s.governance.meetings),
        escalation=ESCALATION_ARROW.join(s.governance.escalation) or None,
        contacts=[("yours" if c.side == "supplier" else "ours", c)
                  for c in _by_side(s.contacts)],
    )
