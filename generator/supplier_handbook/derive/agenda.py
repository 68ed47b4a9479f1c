"""The agenda: every dated item of every supplier, as pure data.

One list of ``AgendaItem`` from the derived portfolio and the as-of date. The agenda page and
the calendar feeds are both built from exactly these items, so they always hold the same data.

The items (issue 17, "An agenda page"):

- ``check-in``: a contact's ``next_check_in`` (the contact, their side, the supplier);
- ``action-due``: the ``due`` date of an open or in-progress action (both owners);
- ``review-due``: when the next health review is due, from the spec's thresholds: the end of
  the latest review's quarter plus the model's review limit (100 days for collaborative and
  alliance, 400 for transactional; configurable, as for the *review overdue* flag); for a
  collaborative or alliance supplier with no review at all, the first review: due the limit
  after the owner took over (``flags.first_review_due``), missed when that day has passed;
- ``meeting``: a meeting whose date is known: a log entry of kind ``meeting`` dated on or
  after the as-of date (a meeting planned and written into the timeline).

An item dated before the as-of date is ``missed``; the same comparison as the flags
(*contact gone quiet*, *action overdue*, *review overdue*), so the agenda and the flags agree.

Each item names the people on our side it concerns (``ours``): the supplier's owner, and the
internal people of the item (an action's ``owner_internal``, an internal contact's
check-in). A person's page, their calendar feed and the agenda filtered by them all hold
exactly the items that name them there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from supplier_handbook.base.wording import nested
from supplier_handbook.derive.anchors import supplier_anchors
from supplier_handbook.derive.flags import first_review_due
from supplier_handbook.derive.naming import collation_key
from supplier_handbook.derive.portfolio import Derived, Portfolio, Settings, period_end

KINDS = ("check-in", "action-due", "review-due", "meeting")
KIND_TITLES = {
    "check-in": "Check-in",
    "action-due": "Action due",
    "review-due": "Review due",
    "meeting": "Meeting",
}


@dataclass(frozen=True)
class AgendaPerson:
    """A person involved in an item: a name and the side they are on."""

    name: str
    side: str  # "supplier" or "internal"
    role: str | None = None  # their role, when they are a contact of the file


@dataclass(frozen=True)
class AgendaItem:
    """One dated item of one supplier."""

    date: dt.date
    kind: str  # one of KINDS
    slug: str  # the supplier's slug
    supplier: str  # the supplier's name
    title: str  # one plain-text sentence, e.g. "Check-in with Maria Schmidt (supplier)."
    people: tuple[AgendaPerson, ...]  # who is involved (for an action: both owners)
    owner: str  # the buyer who owns the relationship
    missed: bool  # dated before the as-of date
    key: str  # stable id: supplier, kind, item and date (the calendar feeds' UID)
    anchor: str  # the section of the supplier page the item belongs to (no '#')
    detail: str | None = None  # Markdown text of the item (an action's text), if any
    item: str = ""  # the item's own name: contact name, action id, period, meeting text
    ours: tuple[str, ...] = ()  # the people on our side it concerns: the owner first

    def __post_init__(self) -> None:
        if not self.ours:
            names = [self.owner, *(p.name for p in self.people if p.side == "internal")]
            object.__setattr__(self, "ours", tuple(dict.fromkeys(names)))

    @property
    def url(self) -> str:
        """The supplier page (relative to the site root), at the item's section."""
        return f"suppliers/{self.slug}/#{self.anchor}"

    @property
    def week(self) -> tuple[int, int]:
        """The ISO (year, week) the item falls in."""
        iso = self.date.isocalendar()
        return iso.year, iso.week


def item_key(slug: str, kind: str, item: str, date: dt.date) -> str:
    """``slug/kind/item/date``; ``item`` percent-encoded so that the key is one token,
    distinct for distinct items, and the same from build to build."""
    return f"{slug}/{kind}/{quote(item, safe='')}/{date.isoformat()}"


def _item(d: Derived, as_of: dt.date, date: dt.date, kind: str, item: str, title: str,
          people: Iterable[AgendaPerson], anchor: str, detail: str | None = None
          ) -> AgendaItem:
    s = d.supplier
    return AgendaItem(
        date=date, kind=kind, slug=d.slug, supplier=s.name, title=title,
        people=tuple(people), owner=s.owner.name, missed=date < as_of,
        key=item_key(d.slug, kind, item, date), anchor=anchor, detail=detail, item=item,
    )


def _person(d: Derived, name: str) -> AgendaPerson:
    for c in d.supplier.contacts:
        if c.name == name:
            return AgendaPerson(c.name, c.side, c.role)
    return AgendaPerson(name, "internal", "owner" if name == d.supplier.owner.name else None)


def _sentence(text: str) -> str:
    """End with one full stop, also after a name that ends in one (``s.r.o.``)."""
    return text if text.endswith(".") else text + "."


def check_ins(d: Derived, as_of: dt.date) -> list[AgendaItem]:
    ids = supplier_anchors(d.supplier)
    items = []
    for c in d.supplier.contacts:
        if c.next_check_in is None:
            continue
        side = "the supplier's side" if c.side == "supplier" else "our side"
        items.append(_item(
            d, as_of, c.next_check_in, "check-in", c.name,
            _sentence(f"Check-in with {c.name} ({c.role}, {side}) at {d.supplier.name}"),
            [AgendaPerson(c.name, c.side, c.role)], ids.contact(c.name),
        ))
    return items


def quiet_check_ins(d: Derived, as_of: dt.date, settings: Settings) -> list[AgendaItem]:
    """For each supplier-side contact gone quiet with no check-in planned: the check-in
    that fell due ``check_in_days`` of the model after their last contact."""
    limit = settings.check_in_days[d.supplier.governance.model]
    items = []
    for c in d.supplier.contacts:
        if c.side != "supplier" or c.last_contact is None or c.next_check_in is not None:
            continue
        due = c.last_contact + dt.timedelta(days=limit)
        if due >= as_of:
            continue  # not quiet (yet)
        items.append(AgendaItem(
            date=due, kind="check-in", slug=d.slug, supplier=d.supplier.name,
            title=f"Check-in with {c.name} ({nested(c.role)}) at {d.supplier.name}: gone quiet, "
                  f"no conversation since {c.last_contact.isoformat()}.",
            people=(AgendaPerson(c.name, c.side, c.role),), owner=d.supplier.owner.name,
            missed=True, key=item_key(d.slug, "quiet", c.name, due),
            anchor=supplier_anchors(d.supplier).contact(c.name), item=c.name,
        ))
    return items


def actions_due(d: Derived, as_of: dt.date) -> list[AgendaItem]:
    ids = supplier_anchors(d.supplier)
    items = []
    for a in d.open_actions:
        items.append(_item(
            d, as_of, a.due, "action-due", a.id,
            f"{a.id} of {d.supplier.name} is due (ours: {a.owner_internal}, "
            f"theirs: {a.owner_supplier}).",
            [_person(d, a.owner_internal), _person(d, a.owner_supplier)],
            ids.action(a.id), detail=a.action,
        ))
    return items


def review_due(d: Derived, as_of: dt.date, settings: Settings) -> list[AgendaItem]:
    """The next review's due date; with no review yet, the first review's (collaborative
    and alliance suppliers: the *review overdue* flag names the same date)."""
    model = d.supplier.governance.model
    if not d.reviews:
        if model == "transactional":
            return []
        due, since = first_review_due(d.supplier, as_of, settings)
        limit = settings.review_overdue_days[model]
        return [_item(
            d, as_of, due, "review-due", "first",
            f"First health review of {d.supplier.name} due: none is recorded (a {model} "
            f"supplier is reviewed within {limit} days; counted from: {since}).",
            [_person(d, d.supplier.owner.name)], "health-reviews",
        )]
    latest = d.reviews[-1].review.period
    limit = settings.review_overdue_days[model]
    due = period_end(latest) + dt.timedelta(days=limit)
    return [_item(
        d, as_of, due, "review-due", latest,
        f"Health review of {d.supplier.name} due (latest {latest}; a {model} supplier is "
        f"reviewed within {limit} days of the quarter's end).",
        [_person(d, d.supplier.owner.name)], supplier_anchors(d.supplier).review(latest),
    )]


def meetings(d: Derived, as_of: dt.date) -> list[AgendaItem]:
    items = []
    for n, e in enumerate(d.supplier.log):
        if e.kind != "meeting" or e.date < as_of:
            continue
        items.append(_item(
            d, as_of, e.date, "meeting", f"log-{n + 1}",
            _sentence(f"Meeting with {d.supplier.name}"),
            [_person(d, d.supplier.owner.name)], "timeline", detail=e.text,
        ))
    return items


def sort_key(item: AgendaItem) -> tuple[bool, dt.date, int, tuple[str, str, str], str]:
    """Missed items first, then by date; within a day by kind, supplier and key."""
    return (not item.missed, item.date, KINDS.index(item.kind), collation_key(item.supplier),
            item.key)


def supplier_items(d: Derived, as_of: dt.date, settings: Settings) -> list[AgendaItem]:
    """Every dated item of one supplier, sorted."""
    items = [*check_ins(d, as_of), *quiet_check_ins(d, as_of, settings), *actions_due(d, as_of),
             *review_due(d, as_of, settings), *meetings(d, as_of)]
    return sorted(items, key=sort_key)


def agenda(portfolio: Portfolio,
           items_of: Callable[[Derived], list[AgendaItem]] | None = None) -> list[AgendaItem]:
    """Every dated item of every supplier (with the portfolio's settings): missed items
    first, then in date order. ``items_of`` gives one supplier's items (``supplier_items``,
    or those kept from the last rebuild of ``mkdocs serve``)."""
    def of(d: Derived) -> list[AgendaItem]:
        return supplier_items(d, portfolio.as_of, portfolio.settings)

    items = [i for d in portfolio.suppliers for i in (items_of or of)(d)]
    return sorted(items, key=sort_key)


@dataclass(frozen=True)
class Week:
    """The items of one ISO week (or of the missed group)."""

    title: str  # "Missed (3)", or "Week of 2026-11-23"
    anchor: str  # "missed" or "week-2026-11-23"
    items: list[AgendaItem]


def by_week(items: Sequence[AgendaItem]) -> list[Week]:
    """Missed items in one group first, then one group per ISO week, in date order."""
    missed = [i for i in items if i.missed]
    weeks: list[Week] = []
    if missed:
        weeks.append(Week(f"Missed ({len(missed)})", "missed", sorted(missed, key=sort_key)))
    groups: dict[dt.date, list[AgendaItem]] = {}
    for i in items:
        if not i.missed:
            monday = i.date - dt.timedelta(days=i.date.weekday())
            groups.setdefault(monday, []).append(i)
    for monday in sorted(groups):
        weeks.append(Week(f"Week of {monday.isoformat()}", f"week-{monday.isoformat()}",
                          sorted(groups[monday], key=sort_key)))
    return weeks
