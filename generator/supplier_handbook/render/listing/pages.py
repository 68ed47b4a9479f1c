"""The listing pages, each cut into parts of a bounded size (``paging``): the suppliers
index, the joint actions, the agenda, the handovers, the culture check and the owners index.

Every part is the page's template with the rows of that part, the navigation between the
parts (``nav``, at the top and the bottom) and the whole list's count (``total``). The rows
come from ``listing``; filters and sorting (``assets/handbook.js``) work on the part shown,
and the page says so when there is more than one part.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from supplier_handbook.base.wording import plural
from supplier_handbook.derive.agenda import AgendaItem
from supplier_handbook.derive.people import Book, OwnerChange, Person
from supplier_handbook.derive.portfolio import Derived, Portfolio
from supplier_handbook.render.listing import rows as listing
from supplier_handbook.render.markup import cell_label, md_inline, supplier_link
from supplier_handbook.render.memo import (
    ACTION_ROWS,
    AGENDA_ROW,
    CULTURE,
    INDEX_ORDER,
    INDEX_ROW,
    OWNER_ROW,
    Keep,
    fresh,
)
from supplier_handbook.render.paging import Paged, Part, paginate, relative, span_of


@dataclass(frozen=True)
class Page:
    """A page to render: its template and the template's context."""

    template: str
    context: dict[str, Any]


HEADING = 700
"""What a heading adds to the built page besides its text: its id, its permalink, and its
entry in the page's table of contents (measured: a culture check of 2,000 suppliers)."""


def row_size(cells: Sequence[str]) -> int:
    """Characters of one Markdown table row."""
    return sum(len(c) + 3 for c in cells) + 2


def part_context(paged: Paged[Any], part: Part[Any]) -> dict[str, Any]:
    """What every part's template is told of the parts."""
    title_suffix = f" (part {part.number} of {len(paged.parts)})" if len(paged.parts) > 1 else ""
    return {"nav": paged.nav(part), "total": paged.total, "many": len(paged.parts) > 1,
            "title_suffix": title_suffix}


# --- the suppliers index ----------------------------------------------------------------------

def suppliers_index(p: Portfolio, owners: dict[str, str], keep: Keep = fresh
                    ) -> dict[str, Page]:
    base = "suppliers/index.md"

    def row(d: Derived, page: str) -> list[Markup]:
        return keep(INDEX_ROW, (d, owners[d.supplier.owner.name], page),
                    lambda: listing.index_row(d, owners, page))

    ordered = keep(INDEX_ORDER, (tuple(p.suppliers),), lambda: listing.by_name(p.suppliers))
    paged = paginate(ordered, base, "supplier", lambda d: row_size(row(d, base)),
                     lambda run: span_of(run[0].supplier.name, run[-1].supplier.name))
    filters = listing.filter_bar(listing.INDEX_FILTERS)
    return {part.path: Page("suppliers_index.md.j2", {
        "headings": listing.INDEX_HEADINGS, "rows": [row(d, part.path) for d in part.items],
        "filters": filters, **part_context(paged, part)}) for part in paged.parts}


# --- joint actions ----------------------------------------------------------------------------

def _due_span(run: list[listing.ActionRow]) -> str:
    dates = sorted(r.due for r in run)
    due = "due " + span_of(dates[0].isoformat(), dates[-1].isoformat())
    return f"overdue, {due}" if all(r.overdue for r in run) else due


def actions(p: Portfolio, keep: Keep = fresh) -> dict[str, Page]:
    entries = listing.action_entries(p, lambda d: keep(
        ACTION_ROWS, (d,), lambda: listing.supplier_action_rows(d)))
    paged = paginate(entries, "actions.md", "action", lambda r: row_size(r.cells), _due_span)
    filters = listing.filter_bar(listing.ACTION_FILTERS)
    return {part.path: Page("actions.md.j2", {
        "headings": listing.ACTION_HEADINGS, "rows": [r.cells for r in part.items],
        "filters": filters, **part_context(paged, part)}) for part in paged.parts}


# --- the agenda -------------------------------------------------------------------------------

@dataclass(frozen=True)
class AgendaEntry:
    week: str  # the week's heading, "Week of 2026-11-23" or "Missed (3)"
    item: AgendaItem
    cells: list[Markup]


@dataclass(frozen=True)
class AgendaGroup:
    """One week's rows on one part; ``title`` says "(continued)" when the week began on the
    part before."""

    title: str
    rows: list[list[Markup]]


def _groups(entries: Sequence[AgendaEntry], before: str | None) -> list[AgendaGroup]:
    groups: list[AgendaGroup] = []
    for e in entries:
        if not groups or groups[-1].title.removesuffix(" (continued)") != e.week:
            title = f"{e.week} (continued)" if not groups and e.week == before else e.week
            groups.append(AgendaGroup(title, []))
        groups[-1].rows.append(e.cells)
    return groups


AGENDA_KINDS = {  # what the agenda lists of each kind, and what it needs to list any
    "check-in": ("next check-ins", "no contact has a next_check_in date"),
    "action-due": ("the due dates of open actions", "no open action has a due date"),
    "review-due": ("health review due dates", "no health review is due: no supplier has a "
                   "review yet, and none is collaborative or alliance (whose first is due)"),
    "meeting": ("planned meetings", "no meeting is planned: a meeting is listed when a log "
                "entry of kind meeting is dated on or after the as-of date"),
}


def agenda_scope(items: Sequence[AgendaItem]) -> tuple[str, str]:
    """What the agenda lists ("next check-ins, ... and planned meetings") and, for each kind
    it has none of, why (so that it promises nothing it does not show)."""
    present = {i.kind for i in items}
    listed = [words for kind, (words, _) in AGENDA_KINDS.items() if kind in present]
    absent = [why for kind, (_, why) in AGENDA_KINDS.items() if kind not in present]
    lists = (", ".join(listed[:-1]) + " and " + listed[-1] if len(listed) > 1
             else "".join(listed))
    missing = "; ".join(absent)
    return lists, (missing[:1].upper() + missing[1:] + ".") if missing else ""


def next_days(as_of: dt.date, days: int = 7) -> tuple[str, str, str]:
    """The agenda's quick date range: the as-of date and the days after it."""
    return (f"next {days} days", as_of.isoformat(),
            (as_of + dt.timedelta(days=days - 1)).isoformat())


def agenda(items: Sequence[AgendaItem], people: Sequence[str], keep: Keep = fresh,
           as_of: dt.date | None = None) -> dict[str, Page]:
    """The agenda in parts; ``people`` in the order the filter offers them (each part offers
    those its rows name); ``as_of`` gives the date filter its quick range (the next 7 days)."""
    weeks = listing.agenda_weeks(items, lambda i: keep(AGENDA_ROW, (i,),
                                                       lambda: listing.agenda_row(i)))
    entries = [AgendaEntry(w.week.title, i, row)
               for w in weeks for i, row in zip(w.week.items, w.rows, strict=True)]
    paged = paginate(entries, "agenda.md", "item", lambda e: row_size(e.cells),
                     lambda run: span_of(min(e.item.date for e in run).isoformat(),
                                         max(e.item.date for e in run).isoformat()))
    dates = listing.Filter("Date", ("Date",), range=True,
                           presets=(next_days(as_of),) if as_of is not None else ())
    missed = sum(1 for i in items if i.missed)
    lists, absent = agenda_scope(items)
    pages = {}
    before: str | None = None
    for part in paged.parts:
        named = {name for e in part.items for name in e.item.ours}
        filters = listing.filter_bar(
            (*listing.agenda_filters([n for n in people if n in named]), dates), scope="page")
        pages[part.path] = Page("agenda.md.j2", {
            "headings": listing.AGENDA_HEADINGS, "filters": filters,
            "weeks": _groups(part.items, before), "count": plural(len(items), "item"),
            "missed": missed, "lists": lists, "absent": absent, **part_context(paged, part)})
        before = part.items[-1].week if part.items else None
    return pages


# --- handovers --------------------------------------------------------------------------------

def _notes_size(c: OwnerChange) -> int:
    return len(c.handover.notes) * 2 + HEADING if c.handover is not None else 0


def handovers(changes: Sequence[OwnerChange], owners: dict[str, str]) -> dict[str, Page]:
    """Every change of owner of every supplier: the handovers, and the changes no handover
    records (``people.ownership``)."""
    views = list(changes)
    rows = [listing.handover_row(c, owners) for c in views]
    paged = paginate(list(zip(views, rows, strict=True)), "handovers.md", "change of owner",
                     lambda vr: row_size(vr[1]) + _notes_size(vr[0]),
                     lambda run: span_of(run[0][0].when, run[-1][0].when))
    filters = listing.filter_bar(listing.HANDOVER_FILTERS)
    return {part.path: Page("handovers.md.j2", {
        "headings": listing.HANDOVER_HEADINGS, "filters": filters,
        "views": [v for v, _ in part.items if v.handover is not None],
        "unrecorded": sum(1 for v, _ in part.items if v.handover is None),
        "rows": [r for _, r in part.items],
        **part_context(paged, part)}) for part in paged.parts}


# --- the culture check ------------------------------------------------------------------------

@dataclass(frozen=True)
class CultureSupplier:
    """One supplier's questions on the culture check page, each as a line of Markdown."""

    name: str
    heading: Markup
    questions: list[Markup]


def culture_supplier(d: Derived) -> CultureSupplier:
    lines = []
    for q in d.supplier.culture_check:
        listen = f"<br>Listen for: {md_inline(q.listen_for)}" if q.listen_for else ""
        lines.append(Markup(f"Q: {md_inline(q.question)}{listen} "
                            f"({plural(len(q.answers), 'answer')})"))
    return CultureSupplier(d.supplier.name, supplier_link(d, ""), lines)


def culture_check(p: Portfolio, keep: Keep = fresh) -> dict[str, Page]:
    asked = [keep(CULTURE, (d,), functools.partial(culture_supplier, d))
             for d in p.suppliers if d.supplier.culture_check]
    paged = paginate(asked, "culture-check.md", "supplier",
                     lambda c: len(c.heading) + sum(len(q) + 4 for q in c.questions) + HEADING,
                     lambda run: span_of(run[0].name, run[-1].name))
    return {part.path: Page("culture_check.md.j2", {"suppliers": part.items,
                                                    **part_context(paged, part)})
            for part in paged.parts}


# --- the people index ------------------------------------------------------------------------

def owner_row(person: Person, by_slug: dict[str, Derived], owners: dict[str, str],
              page: str) -> list[Markup]:
    suppliers = [by_slug[slug] for slug in person.owns]
    flags = sum(len(d.points) for d in suppliers)
    other = []
    if person.intervals:
        other.append(plural(len({i.slug for i in person.intervals}), "supplier") + " before")
    if person.actions:
        other.append(plural(len(person.actions), "open action"))
    seats = [s for s in person.seats if s.kind != "contact"]
    if seats:
        other.append(plural(len(seats), "seat"))
    contact = {s.slug for s in person.seats if s.kind == "contact"}
    if contact:  # as the person's page says under Seats
        other.append(f"our contact for {plural(len(contact), 'supplier')}")
    return [
        cell_label("Person")
        + listing.link(person.name, relative(page, f"owners/{owners[person.name]}.md")),
        cell_label("Owns")
        + (Markup("<br>").join(supplier_link(d, "../" * page.count("/")) for d in suppliers)
           or Markup("—")),
        cell_label("Also") + listing.text(", ".join(other) or "—"),
        cell_label("Flags") + listing.text(flags),
    ]


def owners_index(p: Portfolio, owners: dict[str, str], book: Book, keep: Keep = fresh
                 ) -> dict[str, Page]:
    base = "owners/index.md"
    by_slug = {d.slug: d for d in p.suppliers}
    people = list(book.people.values())

    def row(person: Person, page: str) -> list[Markup]:
        suppliers = tuple(by_slug[slug] for slug in person.owns)
        return keep(OWNER_ROW, (person, owners[person.name], page, suppliers),
                    lambda: owner_row(person, by_slug, owners, page))

    paged = paginate(people, base, "person", lambda o: row_size(row(o, base)),
                     lambda run: span_of(run[0].name, run[-1].name))
    return {part.path: Page("owners_index.md.j2", {
        "rows": [row(person, part.path) for person in part.items],
        **part_context(paged, part)}) for part in paged.parts}


def all_pages(p: Portfolio, owners: dict[str, str], book: Book,
              keep: Keep = fresh) -> dict[str, Page]:
    """Every part of every listing page: ``{source path: Page}``; ``keep`` may keep each
    supplier's rows from the last rebuild."""
    makers: list[Callable[[], dict[str, Page]]] = [
        lambda: suppliers_index(p, owners, keep), lambda: actions(p, keep),
        lambda: agenda(book.items, list(book.people), keep, p.as_of),
        lambda: handovers(book.changes, owners), lambda: culture_check(p, keep),
        lambda: owners_index(p, owners, book, keep),
    ]
    pages: dict[str, Page] = {}
    for make in makers:
        pages.update(make())
    return pages
