"""View data of the pages that answer questions across suppliers: the agenda, the suppliers
index, the joint actions, the handovers and each owner's history.

Python computes; the templates lay out. Every cell here is Markdown that is safe to place in a
table cell: plain text goes through ``escape_text``, Markdown text fields through
``md_inline``. Filters are declared here too (``Filter``); ``assets/handbook.js`` reads them
from the page and builds one drop-down per filter.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from supplier_handbook.base.wording import nested
from supplier_handbook.derive.agenda import KIND_TITLES, AgendaItem, Week, by_week
from supplier_handbook.derive.anchors import collation_key, supplier_anchors
from supplier_handbook.derive.health import computed_overall as _computed
from supplier_handbook.derive.people import OwnerChange
from supplier_handbook.derive.portfolio import Derived, Portfolio, RatedReview
from supplier_handbook.model.supplier import OPEN_STATUSES
from supplier_handbook.render.markup import escape_text, md_inline, rag
from supplier_handbook.render.paging import relative


@dataclass(frozen=True)
class Filter:
    """One drop-down above a table: ``label``; the ``columns`` (headings) it looks at, a row
    matching when any of them matches; ``choices``: fixed options, a cell holding a choice
    when one of its comma-separated parts begins with it (``open, overdue`` holds ``open``
    and ``overdue``), or none to offer every distinct cell value, matched exactly; ``whole``:
    a choice is a whole part, not its beginning (names: "Ann" is not "Anna Berg")."""

    label: str
    columns: tuple[str, ...]
    choices: tuple[str, ...] = ()
    range: bool = False  # a date range (two date boxes, "from" and "to") instead of choices
    presets: tuple[tuple[str, str, str], ...] = ()  # a range's quick choices: (label, from, to)
    whole: bool = False


def _spec(f: Filter) -> dict[str, object]:
    spec: dict[str, object] = {"label": f.label, "columns": list(f.columns),
                               "choices": list(f.choices)}
    if f.whole:
        spec["whole"] = True
    if f.range:
        spec["range"] = True
        spec["presets"] = [{"label": label, "from": start, "to": end}
                           for label, start, end in f.presets]
    return spec


def filter_bar(filters: Sequence[Filter], scope: str = "table") -> Markup:
    """The element ``handbook.js`` turns into drop-downs and date ranges; ``scope`` is
    ``table`` (the next table) or ``page`` (every table after it, e.g. the agenda's weeks)."""
    spec = [_spec(f) for f in filters]
    return Markup('<div class="hb-filters" data-scope="{0}" data-filters="{1}"></div>').format(
        scope, json.dumps(spec, ensure_ascii=False))


def text(value: object) -> Markup:
    return Markup(escape_text(str(value)))


def link(label: str, target: str) -> Markup:
    """A Markdown link; ``target`` is built by the handbook, never taken from a file. (Plain
    concatenation of safe parts: ``Markup.format`` costs more than the rest of a row.)"""
    return Markup(f"[{escape_text(label)}]({target})")


def by_name(suppliers: Sequence[Derived]) -> list[Derived]:
    """Suppliers in the order of their displayed names (locale-aware, not by file name)."""
    return sorted(suppliers, key=lambda d: (*collation_key(d.supplier.name), d.slug))


# --- the suppliers index ----------------------------------------------------------------------

INDEX_HEADINGS = ("Supplier", "Category", "Impact", "Model", "Owner", "Health", "Position",
                  "Escalation path", "Latest review", "Open actions", "Overdue",
                  "Next check-in")
INDEX_FILTERS = (
    Filter("Impact", ("Impact",)),
    Filter("Model", ("Model",)),
    Filter("Owner", ("Owner",)),
    Filter("Health", ("Health",)),
    Filter("Position", ("Position",)),
    Filter("Escalation path", ("Escalation path",), ("yes", "none")),
    Filter("Review held", ("Latest review",),
           ("with the supplier", "our side only", "no review")),
    Filter("Rating", ("Latest review",), ("set by hand", "computed")),
)


def computed_overall(r: RatedReview) -> str:
    """What the four ratings give, whether or not the file set ``overall`` by hand."""
    return _computed(r.review)


def review_summary(r: RatedReview | None) -> str:
    """``2026-Q3, red, our side only, set by hand (computed: amber)``."""
    if r is None:
        return "no review"
    held = "with the supplier" if r.review.with_supplier else "our side only"
    if r.computed:
        rating = "computed"
    else:
        computed = computed_overall(r)
        rating = "set by hand" + (f" (computed: {computed})" if computed != r.overall else "")
    return f"{r.review.period}, {r.overall}, {held}, {rating}"


def next_check_in(d: Derived) -> str:
    """The earliest next check-in with the contact's name, e.g. ``2026-11-30 Sven Achterberg``."""
    dated = [c for c in d.supplier.contacts if c.next_check_in]
    if not dated:
        return "—"
    c = min(dated, key=lambda c: (c.next_check_in, c.name))
    return f"{c.next_check_in} {c.name}"


def index_row(d: Derived, owners: dict[str, str], page: str = "suppliers/index.md"
              ) -> list[Markup]:
    """One supplier's row, its links written from the source page ``page``."""
    s = d.supplier
    escalation = s.governance.escalation
    return [
        link(s.name, relative(page, f"suppliers/{d.slug}.md")),
        text(s.category),
        text(s.impact.level),
        text(s.governance.model),
        link(s.owner.name, relative(page, f"owners/{owners[s.owner.name]}.md")),
        rag(d.health),
        text(d.position_title),
        text(f"yes ({len(escalation)})" if escalation else "none"),
        text(review_summary(d.reviews[-1] if d.reviews else None)),
        text(len(d.open_actions)),
        text(len(d.overdue_actions)),
        text(next_check_in(d)),
    ]


# --- joint actions ----------------------------------------------------------------------------

ACTION_HEADINGS = ("Due", "Supplier", "Id", "Action", "Our owner", "Their owner", "Status")
ACTION_FILTERS = (
    Filter("Owner (either side)", ("Our owner", "Their owner")),
    Filter("Supplier", ("Supplier",)),
    Filter("Status", ("Status",), (*OPEN_STATUSES, "overdue")),
)


@dataclass(frozen=True)
class ActionRow:
    """One open action's row, with what the parts of the page say of it."""

    due: dt.date
    overdue: bool
    cells: list[Markup]


ActionKey = tuple[bool, dt.date, tuple[str, str, str], str]


def supplier_action_rows(d: Derived) -> list[tuple[ActionKey, ActionRow]]:
    """One supplier's open or in-progress actions, each with its place in the list."""
    anchors = supplier_anchors(d.supplier)
    rows = []
    for a in d.open_actions:
        late = a in d.overdue_actions
        rows.append(((not late, a.due, collation_key(d.supplier.name), a.id), ActionRow(
            a.due, late, [
            text(a.due),
            link(d.supplier.name, f"suppliers/{d.slug}.md#{anchors.action(a.id)}"),
            text(a.id),
            md_inline(a.action),
            text(a.owner_internal),
            text(a.owner_supplier),
            text(f"{a.status}, overdue" if late else a.status),
        ])))
    return rows


def action_entries(portfolio: Portfolio, rows_of: Callable[
        [Derived], list[tuple[ActionKey, ActionRow]]] = supplier_action_rows) -> list[ActionRow]:
    """Every open or in-progress action: overdue first, then by due date."""
    rows = [row for d in portfolio.suppliers for row in rows_of(d)]
    return [row for _, row in sorted(rows, key=lambda r: r[0])]


# --- the agenda -------------------------------------------------------------------------------

AGENDA_HEADINGS = ("Date", "Kind", "Supplier", "What", "People", "Our people")


def agenda_filters(people: Sequence[str]) -> tuple[Filter, ...]:
    """The agenda's filters; "Person" offers everyone on our side and keeps the rows that
    name them under *Our people* (the owner first, then an action's or a check-in's person
    on our side): the same items as their page and their calendar feed."""
    return (
        Filter("Person", ("Our people",), tuple(people), whole=True),
        Filter("Supplier", ("Supplier",)),
        Filter("Kind", ("Kind",)),
    )


def _people(item: AgendaItem) -> str:
    return ", ".join(f"{p.name} ({'theirs' if p.side == 'supplier' else 'ours'})"
                     for p in item.people)


def _what(item: AgendaItem) -> Markup:
    """The item in a few words (the row's other cells say the supplier, people and owner)."""
    if item.kind == "check-in":
        role = item.people[0].role if item.people else None
        return text(f"{item.item} ({nested(role)})" if role else item.item)
    if item.kind == "action-due":
        return Markup(f"{escape_text(item.item)}: {md_inline(item.detail or '')}")
    if item.kind == "review-due":
        return text(f"next review after {item.item}")
    return md_inline(item.detail or "")


def agenda_row(item: AgendaItem) -> list[Markup]:
    day = text(item.date)
    if item.missed:
        day = Markup(f"{day} **missed**")
    return [
        day,
        text(KIND_TITLES[item.kind]),
        link(item.supplier, f"suppliers/{item.slug}.md#{item.anchor}"),
        _what(item),
        text(_people(item)),
        text(", ".join(item.ours)),
    ]


@dataclass(frozen=True)
class AgendaWeek:
    week: Week
    rows: list[list[Markup]]


def agenda_weeks(items: Sequence[AgendaItem],
                 row: Callable[[AgendaItem], list[Markup]] = agenda_row) -> list[AgendaWeek]:
    return [AgendaWeek(w, [row(i) for i in w.items]) for w in by_week(items)]


# --- handovers ------------------------------------------------------------------------------

HANDOVER_HEADINGS = ("Date", "Supplier", "From", "To", "Owner now", "Handover")
HANDOVER_FILTERS = (
    Filter("Supplier", ("Supplier",)),
    Filter("From", ("From",)),
    Filter("To", ("To",)),
    Filter("Handover", ("Handover",), ("written", "none recorded")),
)


def handover_row(c: OwnerChange, owners: dict[str, str]) -> list[Markup]:
    """One change of owner: written as a handover, or seen only in the file's owner."""
    return [
        text(c.when),
        link(c.supplier, f"suppliers/{c.slug}.md#{c.anchor}"),
        text(c.from_),
        text(c.to),
        link(c.owner_now, f"owners/{owners[c.owner_now]}.md"),
        text("written") if c.recorded else Markup("**none recorded**"),
    ]
