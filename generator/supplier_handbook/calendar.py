"""Calendar feeds: the agenda as iCalendar (RFC 5545) files that Outlook or Google Calendar
subscribe to, written with the ``icalendar`` library.

Every build publishes ``calendar/all.ics``, ``calendar/owners/<owner>.ics`` and
``calendar/suppliers/<slug>.ics``. The events are the agenda's items (``agenda.agenda``:
check-ins, open actions' due dates with both owners, review due dates), so the agenda page
and the feeds hold the same data, plus one event per contact gone quiet: the check-in that
fell due when the model's interval after their last contact ran out.

An event's UID is the item's stable key (supplier, kind, item, date), so a calendar that
fetches the feed again updates its events instead of duplicating them; DTSTAMP is the
build's as-of date, so two builds of one commit give byte-identical feeds.

The feed for the supplier itself (``handbook build --audience supplier SLUG``) holds only
items built from shared fields: the open actions of the Joint Action Plan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from icalendar import Calendar, Event

from .agenda import KIND_TITLES, AgendaItem, AgendaPerson, agenda, item_key
from .anchors import supplier_anchors
from .derive import Derived, Portfolio, Settings
from .render import owner_slugs

PRODID = "-//Supplier relationship handbook//Calendar feeds//EN"
UID_DOMAIN = "supplier-handbook"
REFRESH = dt.timedelta(hours=12)


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
            title=f"Check-in with {c.name} ({c.role}) at {d.supplier.name}: gone quiet, "
                  f"no conversation since {c.last_contact.isoformat()}.",
            people=(AgendaPerson(c.name, c.side, c.role),), owner=d.supplier.owner.name,
            missed=True, key=item_key(d.slug, "quiet", c.name, due),
            anchor=supplier_anchors(d.supplier).contact(c.name), item=c.name,
        ))
    return items


def feed_items(portfolio: Portfolio, settings: Settings) -> list[AgendaItem]:
    """Every event of the internal feeds, by date then key."""
    items = agenda(portfolio, settings)
    for d in portfolio.suppliers:
        items.extend(quiet_check_ins(d, portfolio.as_of, settings))
    return sorted(items, key=lambda i: (i.date, i.key))


def _url(base: str | None, item: AgendaItem) -> str | None:
    if not base:
        return None
    return base.rstrip("/") + "/" + item.url


def event(item: AgendaItem, as_of: dt.date, base_url: str | None,
          page_link: bool = True) -> Event:
    e = Event()
    e.add("uid", f"{item.key}@{UID_DOMAIN}")
    e.add("dtstamp", dt.datetime.combine(as_of, dt.time(), dt.UTC))
    e.add("dtstart", item.date)
    e.add("dtend", item.date + dt.timedelta(days=1))
    e.add("summary", item.title)
    people = ", ".join(f"{p.name} ({'theirs' if p.side == 'supplier' else 'ours'})"
                       for p in item.people)
    lines = [item.title]
    if item.detail:
        lines += ["", " ".join(item.detail.split())]
    lines += ["", f"Supplier: {item.supplier}", f"Owner: {item.owner}"]
    if people:
        lines.append(f"People: {people}")
    url = _url(base_url, item)
    if page_link:
        lines.append(f"Page: {url or item.url}")
    e.add("description", "\n".join(lines))
    e.add("categories", [KIND_TITLES[item.kind], item.supplier])
    e.add("transp", "TRANSPARENT")  # a reminder, not a meeting that blocks the day
    if url:
        e.add("url", url)
    return e


def feed(name: str, items: Iterable[AgendaItem], as_of: dt.date,
         base_url: str | None, page_links: bool = True) -> str:
    """One VCALENDAR as text (CRLF line ends, lines folded at 75 octets)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", REFRESH)
    for item in items:
        cal.add_component(event(item, as_of, base_url, page_links))
    text: str = cal.to_ical().decode("utf-8")
    return text


def feed_paths(portfolio: Portfolio) -> tuple[dict[str, str], dict[str, str]]:
    """({owner name: feed path}, {slug: feed path}), relative to the site root."""
    owners = {name: f"calendar/owners/{slug}.ics"
              for name, slug in owner_slugs(d.supplier.owner.name
                                            for d in portfolio.suppliers).items()}
    suppliers = {d.slug: f"calendar/suppliers/{d.slug}.ics" for d in portfolio.suppliers}
    return owners, suppliers


def calendar_feeds(portfolio: Portfolio, settings: Settings | None = None,
                   base_url: str | None = None) -> dict[str, str]:
    """Every feed of the site: ``{path: iCalendar text}``."""
    settings = settings or Settings()
    items = feed_items(portfolio, settings)
    as_of = portfolio.as_of
    owners, suppliers = feed_paths(portfolio)
    feeds = {"calendar/all.ics": feed("Supplier handbook: all suppliers", items, as_of,
                                      base_url)}
    for name, path in owners.items():
        feeds[path] = feed(f"Supplier handbook: {name}",
                           [i for i in items if i.owner == name], as_of, base_url)
    for d in portfolio.suppliers:
        feeds[suppliers[d.slug]] = feed(f"Supplier handbook: {d.supplier.name}",
                                        [i for i in items if i.slug == d.slug], as_of,
                                        base_url)
    return feeds


SHARED_KINDS: Sequence[str] = ("action-due",)  # built from shared fields only


def shared_feed(d: Derived, as_of: dt.date) -> str:
    """The feed for the supplier itself: the Joint Action Plan's open actions, whose events
    hold shared fields only (the action's id, text and due date, both owners' names, the
    supplier's name, the owner's name)."""
    items = [i for i in agenda(Portfolio(as_of, [d])) if i.kind in SHARED_KINDS]
    return feed(f"{d.supplier.name}: our joint actions", sorted(items, key=lambda i: (
        i.date, i.key)), as_of, None, page_links=False)
