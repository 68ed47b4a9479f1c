"""View data of the dashboard and of the two lists it leads to: the whole attention list
(``attention.md``) and the suppliers of each cell of the portfolio matrix
(``positions.md``), both cut into parts (``paging``).

The dashboard shows the whole picture at any size: the counts, the matrix with a count per
cell and at most ``MATRIX_NAMES`` names (the cell links to all of them), and the first
``ATTENTION_SHOWN`` entries of the attention list, linked to the rest.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from supplier_handbook.base.wording import plural
from supplier_handbook.derive.portfolio import Derived, Portfolio
from supplier_handbook.history.staleness import LastChange
from supplier_handbook.render.facets import entry, section_filters
from supplier_handbook.render.listing.pages import Page, part_context
from supplier_handbook.render.markup import escape_text, position, rag, supplier_link
from supplier_handbook.render.memo import ATTENTION, POSITION, Keep, fresh
from supplier_handbook.render.paging import Paged, paginate, relative, span_of
from supplier_handbook.render.views.common import MatrixCell, matrix

ATTENTION_SHOWN = 10
MATRIX_NAMES = 5


@dataclass(frozen=True)
class AttentionItem:
    """One entry of the attention list: its heading, the line under it, and its points
    (each a line of Markdown)."""

    number: int
    heading: Markup
    summary: Markup
    points: list[Markup]
    facets: Markup  # what the attention list filters it by (``facets.entry``)


def attention_item(number: int, d: Derived, owners: dict[str, str]) -> AttentionItem:
    s = d.supplier
    owner = f"[{escape_text(s.owner.name)}](owners/{owners[s.owner.name]}.md)"
    summary = (f"{position(d.position)} · health {rag(d.health)} · "
               f"{escape_text(s.impact.level)} impact · {escape_text(s.governance.model)} · "
               f"owner {owner}")
    points = [f"**{escape_text(f.title)}:** {escape_text(f.what)}"
              + (f" *{escape_text(f.todo)}*" if f.todo else "") for f in d.points]
    if not points:
        review = f" (latest review {escape_text(d.latest.review.period)})" if d.latest else ""
        points.append(f"**{escape_text(d.position_title)}:** "
                      f"{escape_text(s.impact.level)} impact with {d.health or 'no'} health"
                      f"{review}.")
    kinds = ([f"Governance {d.fit}"] if d.fit != "fit" else []) + [f.title for f in d.flags]
    return AttentionItem(number, Markup(f"{number}. {supplier_link(d, '')}"), Markup(summary),
                         [Markup(p) for p in points],
                         entry({"flag": list(dict.fromkeys(kinds)), "owner": s.owner.name}))


def attention_items(p: Portfolio, owners: dict[str, str], keep: Keep = fresh
                    ) -> list[AttentionItem]:
    return [keep(ATTENTION, (n, d, owners[d.supplier.owner.name]),
                 functools.partial(attention_item, n, d, owners))
            for n, d in enumerate(p.attention(), start=1)]


def _item_size(item: AttentionItem) -> int:
    return len(item.heading) + len(item.summary) + sum(len(x) + 4 for x in item.points) + 12


ATTENTION_FILTERS = (("Flag", "flag", False), ("Owner", "owner", False))


def attention_pages(items: Sequence[AttentionItem]) -> dict[str, Page]:
    paged = paginate(items, "attention.md", "supplier", _item_size,
                     lambda run: "no. " + span_of(str(run[0].number), str(run[-1].number)))
    filters = section_filters(ATTENTION_FILTERS)
    return {part.path: Page("attention.md.j2", {"items": part.items, "filters": filters,
                                                 **part_context(paged, part)})
            for part in paged.parts}


# --- the matrix -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Group:
    """The suppliers of one matrix cell on one part of ``positions.md``: ``anchor`` is the
    cell's id ("high-red"), empty on the parts after the first the cell appears on."""

    anchor: str
    title: str
    rows: list[list[Markup]]


@dataclass(frozen=True)
class Entry:
    cell: MatrixCell
    anchor: str
    cells: list[Markup]


def cell_anchor(cell: MatrixCell) -> str:
    return f"{cell.impact}-{cell.health or 'no-review'}"


def cell_title(cell: MatrixCell) -> str:
    health = f"health {cell.health}" if cell.health else "no review"
    return f"{cell.impact.capitalize()} impact, {health}: {cell.title} ({cell.count})"


def _entry_row(d: Derived, owners: dict[str, str]) -> list[Markup]:
    s = d.supplier
    return [supplier_link(d, ""), Markup(f"[{escape_text(s.owner.name)}]"
                                         f"(owners/{owners[s.owner.name]}.md)"),
            Markup(escape_text(s.category)), Markup(escape_text(plural(len(d.flags), "flag")))]


POSITION_HEADINGS = ("Supplier", "Owner", "Category", "Flags")


def positions(p: Portfolio, owners: dict[str, str], keep: Keep = fresh
              ) -> tuple[dict[str, Page], Paged[Entry]]:
    """``positions.md`` in parts, and the parts (for the matrix's links)."""
    def cells(d: Derived) -> list[Markup]:
        return keep(POSITION, (d, owners[d.supplier.owner.name]),
                    lambda: _entry_row(d, owners))

    entries = [Entry(cell, cell_anchor(cell), cells(d))
               for row in matrix(p) for cell in row.cells for d in cell.suppliers]
    paged = paginate(entries, "positions.md", "supplier",
                     lambda e: sum(len(c) + 3 for c in e.cells) + 2,
                     lambda run: span_of(cell_title(run[0].cell).split(":")[0],
                                         cell_title(run[-1].cell).split(":")[0]))
    pages = {}
    seen: set[str] = set()
    for part in paged.parts:
        groups: list[Group] = []
        for e in part.items:
            if not groups or groups[-1].title.removesuffix(" (continued)") != cell_title(e.cell):
                first = e.anchor not in seen
                seen.add(e.anchor)
                groups.append(Group(e.anchor if first else "",
                                    cell_title(e.cell) + ("" if first else " (continued)"),
                                    []))
            groups[-1].rows.append(e.cells)
        pages[part.path] = Page("positions.md.j2", {
            "groups": groups, "headings": POSITION_HEADINGS, **part_context(paged, part)})
    return pages, paged


@dataclass(frozen=True)
class MatrixLine:
    """One row of the matrix on the dashboard: the impact's label and one cell per health
    column, each cell as Markdown for one table cell."""

    label: Markup
    cells: list[Markup]


def matrix_lines(p: Portfolio, paged: Paged[Entry]) -> list[MatrixLine]:
    lines = []
    for row in matrix(p):
        cells = []
        for cell in row.cells:
            health = cell.health or "none"
            label = f"{row.impact.capitalize()} impact, {cell.health or 'no review'}"
            text = (f'<span class="hb-mx hb-mx-{health}"></span>'
                    f'<span class="hb-l">{escape_text(label)}: </span>'
                    f"**{escape_text(cell.title)}** · {escape_text(cell.count)}")
            names = "".join(f"<br>{supplier_link(d, '')}"
                            for d in cell.suppliers[:MATRIX_NAMES])
            more = ""
            if len(cell.suppliers) > MATRIX_NAMES:
                anchor = cell_anchor(cell)
                part = next((p for p in paged.parts
                             if any(e.anchor == anchor for e in p.items)), None)
                target = relative("index.md", part.path if part else "positions.md")
                more = f"<br>[all {len(cell.suppliers):,}]({target}#{anchor})"
            cells.append(Markup(text + names + more))
        lines.append(MatrixLine(Markup(f"**{escape_text(row.impact.capitalize())} impact**"),
                                cells))
    return lines


@dataclass(frozen=True)
class OldestRow:
    """One row of the dashboard's "Oldest files" table."""

    supplier: Markup  # the link to the supplier page
    date: dt.date
    author: str
    days: int
    mark: Markup  # "**stale**" or a dash


@dataclass(frozen=True)
class CountTable:
    title: str  # "Governance model"
    rows: list[tuple[str, int]]  # (value, suppliers), by value


@dataclass(frozen=True)
class DashboardView:
    """Everything the dashboard shows, computed; ``dashboard.md.j2`` only lays it out."""

    suppliers: str  # "7 suppliers"
    attention: list[AttentionItem]  # the first ``ATTENTION_SHOWN`` entries
    more: str | None  # "the first 10 of 34", when the list goes on
    matrix: list[MatrixLine]
    oldest: list[OldestRow]
    oldest_shown: str  # "the 10 of 34 files" or "all 7 files": how many the table shows
    no_history: str  # said instead of the oldest files when there are none
    counts: list[CountTable]


COUNTED = (("model", "Governance model"), ("status", "Status"))


def dashboard_view(p: Portfolio, attention: Sequence[AttentionItem], paged: Paged[Entry],
                   oldest: Sequence[LastChange], history_note: str | None) -> DashboardView:
    shown = list(attention[:ATTENTION_SHOWN])
    more = (f"the first {len(shown)} of {len(attention)}" if len(attention) > len(shown)
            else None)
    by_slug = {d.slug: d for d in p.suppliers}
    rows = [OldestRow(supplier_link(by_slug[c.slug], ""), c.date, c.author, c.days,
                      Markup("**stale**" if c.stale else "—")) for c in oldest]
    total = len(p.suppliers)
    oldest_shown = (f"the {len(rows)} of {total} supplier files" if len(rows) < total
                    else f"all {plural(total, 'supplier file')}")
    return DashboardView(
        plural(len(p.suppliers), "supplier"), shown, more, matrix_lines(p, paged), rows,
        oldest_shown,
        history_note or "No supplier file has been committed yet.",
        [CountTable(title, p.counts(attribute)) for attribute, title in COUNTED])
