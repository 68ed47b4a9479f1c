"""Calendar feeds: the agenda as iCalendar (RFC 5545) files that Outlook or Google Calendar
subscribe to, written with the ``icalendar`` library.

A build publishes ``calendar/all.ics``, ``calendar/owners/<person>.ics`` and
``calendar/suppliers/<slug>.ics``, each only when it holds at least one event: RFC 5545
requires a calendar to hold a component, and strict clients refuse an empty one. The pages
link a feed only when it is published (``people.Person.feed``, ``Book.supplier_feed``).
The events are the build's dated items (``people.Book.items``: check-ins, including the one
that fell due for a contact gone quiet, open actions' due dates with both owners, review due
dates, the first review of a supplier that never had one, meetings), so the agenda page, the
person pages and the feeds hold the same data. A person's feed holds the items that name them
on our side (``AgendaItem.ours``): the suppliers they own, and the actions and check-ins of
theirs on other suppliers.

An event's UID is the item's stable key (supplier, kind, item, date), so a calendar that
fetches the feed again updates its events instead of duplicating them; DTSTAMP is the
build's as-of date, so two builds of one commit give byte-identical feeds.

The feed for the supplier itself (``handbook build --audience supplier SLUG``) holds only
items built from shared fields: the open actions of the Joint Action Plan.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence

from icalendar import Calendar, Event

from supplier_handbook.derive.agenda import KIND_TITLES, AgendaItem, agenda
from supplier_handbook.derive.people import Book
from supplier_handbook.derive.portfolio import Derived, Portfolio, Settings
from supplier_handbook.render.memo import FEED, Keep, fresh

PRODID = "-//Supplier relationship handbook//Calendar feeds//EN"
UID_DOMAIN = "supplier-handbook"
REFRESH = dt.timedelta(hours=12)


def feed_items(b: Book) -> list[AgendaItem]:
    """Every event of the internal feeds, by date then key."""
    return sorted(b.items, key=lambda i: (i.date, i.key))


_NO_TAGS = str.maketrans({"<": "\u2039", ">": "\u203a"})


def plain(text: str, one_line: bool = False) -> str:
    """Text for a calendar client: some (Google Calendar) read HTML tags in DESCRIPTION, so
    angle brackets become the look-alike quotation marks and no tag can form. ``one_line``
    folds line breaks into spaces (names, titles, categories)."""
    if one_line:
        text = " ".join(text.split())
    return text.translate(_NO_TAGS)


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
    e.add("summary", plain(item.title, one_line=True))
    people = ", ".join(f"{p.name} ({'theirs' if p.side == 'supplier' else 'ours'})"
                       for p in item.people)
    lines = [" ".join(item.detail.split()), ""] if item.detail else []
    lines += [f"Supplier: {item.supplier}", f"Owner: {item.owner}"]
    if people:
        lines.append(f"People: {people}")
    url = _url(base_url, item)
    if page_link:
        lines.append(f"Page: {url or item.url}")
    e.add("description", plain("\n".join(lines)))
    e.add("categories", [KIND_TITLES[item.kind], plain(item.supplier, one_line=True)])
    e.add("transp", "TRANSPARENT")  # a reminder, not a meeting that blocks the day
    if url:
        e.add("url", url)
    return e


def feed(name: str, events: Iterable[str]) -> str:
    """One VCALENDAR as text: the calendar's own properties written by ``icalendar``, then
    the events, each serialised once by ``icalendar`` (CRLF line ends, lines folded at 75
    octets) and shared by every feed that holds it."""
    head, end = _frame(name)
    return head + "".join(events) + "END:VCALENDAR" + end


@functools.lru_cache(maxsize=1 << 14)
def _frame(name: str) -> tuple[str, str]:
    """The text of a feed before its events and after ``END:VCALENDAR``: it depends on the
    feed's name only, so each is written by ``icalendar`` once per process (a rebuild under
    ``mkdocs serve`` writes every feed again, one per owner and one per supplier)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", plain(name, one_line=True))
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", REFRESH)
    text: str = cal.to_ical().decode("utf-8")
    head, end = text.rsplit("END:VCALENDAR", 1)
    return head, end


def event_texts(items: Iterable[AgendaItem], as_of: dt.date, base_url: str | None,
                page_links: bool = True) -> list[tuple[AgendaItem, str]]:
    return [(i, _text(event(i, as_of, base_url, page_links))) for i in items]


def _text(e: Event) -> str:
    """``e.to_ical()`` as text: ``icalendar`` writes the content lines, ``fold`` folds them
    (the same octets as ``icalendar``'s own folding, which goes character by character and
    took most of a build's time for the calendar feeds)."""
    return "".join(fold(str(line)) + "\r\n" for line in e.content_lines() if line)


FOLD_LIMIT = 75  # octets: a line reaching it is folded (RFC 5545, 3.1), as icalendar does


def fold(line: str) -> str:
    """One content line folded the way ``icalendar`` folds it: a new line (CRLF and a
    space) before the character that would make a line reach 75 octets, never between a
    backslash or a caret and the character it escapes."""
    if len(line) < FOLD_LIMIT and (line.isascii() or len(line.encode()) < FOLD_LIMIT):
        return line
    if not line.isascii():
        return _fold_octets(line)
    parts, start, width = [], 0, FOLD_LIMIT - 1
    while len(line) - start > width:
        end = start + width
        if line[end - 1] in "\\^":
            end -= 1
        parts.append(line[start:end])
        start = end
    parts.append(line[start:])
    return "\r\n ".join(parts)


def _fold_octets(line: str) -> str:
    parts: list[str] = []
    current: list[str] = []
    count = 0
    for char in line:
        size = len(char.encode())
        if current and count + size >= FOLD_LIMIT:
            carried = current.pop() if len(current) > 1 and current[-1] in "\\^" else ""
            parts.append("".join(current))
            current, count = ([carried], len(carried.encode())) if carried else ([], 0)
        current.append(char)
        count += size
    if current:
        parts.append("".join(current))
    return "\r\n ".join(parts)


def calendar_feeds(b: Book, base_url: str | None = None, keep: Keep = fresh) -> dict[str, str]:
    """Every feed of the site that holds an event, from the run's book (``people.book``):
    ``{path: iCalendar text}``. ``keep`` (the memo of ``mkdocs serve``) keeps each supplier's
    serialised events while its dated items, the as-of date and the site's address are the
    same."""
    portfolio = b.portfolio
    of_slug: dict[str, list[AgendaItem]] = {}
    for i in b.items:
        of_slug.setdefault(i.slug, []).append(i)
    text: dict[str, str] = {}
    by_slug: dict[str, list[tuple[AgendaItem, str]]] = {}
    for d in portfolio.suppliers:
        if d.slug in of_slug:
            items = of_slug[d.slug]
            events = keep(FEED, (tuple(items), portfolio.as_of, base_url),
                          functools.partial(event_texts, items, portfolio.as_of, base_url))
            by_slug[d.slug] = sorted(events, key=lambda e: (e[0].date, e[0].key))
            text.update((i.key, t) for i, t in events)
    feeds: dict[str, str] = {}
    if b.all_feed:
        feeds[b.all_feed] = feed("Supplier handbook: all suppliers",
                                 (text[i.key] for i in sorted(b.items,
                                                              key=lambda i: (i.date, i.key))))
    for person in b.people.values():
        if person.feed:
            feeds[person.feed] = feed(
                f"Supplier handbook: {person.name}",
                (text[i.key] for i in sorted(person.items, key=lambda i: (i.date, i.key))))
    for d in portfolio.suppliers:
        path = b.supplier_feed(d.slug)
        if path:
            feeds[path] = feed(f"Supplier handbook: {d.supplier.name}",
                               (t for _, t in by_slug[d.slug]))
    return feeds


SHARED_KINDS: Sequence[str] = ("action-due",)  # built from shared fields only


def shared_feed(d: Derived, as_of: dt.date, settings: Settings) -> str:
    """The feed for the supplier itself: the Joint Action Plan's open actions, whose events
    hold shared fields only (the action's id, text and due date, both owners' names, the
    supplier's name, the owner's name)."""
    items = sorted((i for i in agenda(Portfolio(as_of, [d], settings))
                    if i.kind in SHARED_KINDS), key=lambda i: (i.date, i.key))
    return feed(f"{d.supplier.name}: our joint actions",
                (text for _, text in event_texts(items, as_of, None, page_links=False)))
