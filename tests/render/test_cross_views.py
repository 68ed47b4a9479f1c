"""Issue 22's cross-view properties, over generated portfolios (owners changing with and
without handovers, actions owned by people who own no supplier, internal contacts with
check-ins, configured day counts), on the pages and feeds a build renders:

1. for every person, the dated items on their page = the events in their feed = the agenda
   rows filtered by them;
2. every flag of a supplier (and a governance model that does not fit) appears on its page,
   in the attention list and on its owner's page;
3. every ownership interval appears on the supplier page and on both people's pages (the
   person who held it, and the one who took over).

Examples are few (the machine is shared) and derandomised, so a run is reproducible.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from supplier_handbook.derive.people import Book, book
from supplier_handbook.derive.portfolio import Portfolio, Settings
from supplier_handbook.render.calendar import calendar_feeds
from supplier_handbook.render.markup import escape_text

from tests.derive.builders import (
    AS_OF,
    SUPPLIER_EXEC,
    SUPPLIER_OPS,
    contact,
    entry,
    handover,
    pages_of,
    portfolio,
    review,
)

PROFILE = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
OWNERS = ("Ana Ruiz", "Bo Berg", "Cleo Ng", "Dario Øst")
INTERNALS = ("Ines Inner", "Ivo Ivanov", "Bo Berg")
MODELS = ("transactional", "collaborative", "alliance")
PERIODS = ("2025-Q2", "2025-Q4", "2026-Q2", "2026-Q3")
NAMES = ("Ångström Optics", "Bravo Tools", "Česká Ocel", "Delta AG", "Øresund Marine")


def day(offset: int) -> str:
    return (AS_OF + dt.timedelta(days=offset)).isoformat()


@st.composite
def supplier(draw: st.DrawFn, n: int) -> Any:
    model = draw(st.sampled_from(MODELS))
    impact = draw(st.sampled_from(("low", "medium", "high")))
    owner = draw(st.sampled_from(OWNERS))
    ours = sorted(draw(st.sets(st.sampled_from([i for i in INTERNALS if i != owner]),
                               max_size=2)))
    contacts = [contact(SUPPLIER_EXEC, "supplier", "executive"),
                contact(SUPPLIER_OPS, "supplier", "operational",
                        **({"next_check_in": day(draw(st.integers(-40, 40)))}
                           if draw(st.booleans()) else {}))]
    for name in ours:
        extra = {"next_check_in": day(draw(st.integers(-20, 60)))} if draw(st.booleans()) \
            else {}
        contacts.append(contact(name, "internal", "executive", **extra))
    # a chain of owners: each step written as a handover or not (then the next handover
    # starts from someone else, or the owner now differs from the last one handed to)
    chain = draw(st.lists(st.tuples(st.sampled_from(OWNERS), st.booleans()), max_size=4))
    handovers = []
    start = dt.date(2023, 1, 2)
    holder = draw(st.sampled_from(OWNERS))
    for k, (nxt, written) in enumerate(chain):
        if nxt == holder:
            continue
        when = start + dt.timedelta(days=150 * (k + 1))
        if written:
            handovers.append(handover(when.isoformat(), holder, nxt))
        holder = nxt
    owner_data: dict[str, Any] = {"name": owner}
    if draw(st.booleans()):
        owner_data["since"] = day(-draw(st.integers(10, 700)))
    doers = [owner, *ours]
    actions = []
    for k in range(draw(st.integers(0, 3))):
        actions.append({
            "id": f"JAP-{k + 1}", "action": f"Do thing {k + 1}.",
            "owner_internal": draw(st.sampled_from(doers)), "owner_supplier": SUPPLIER_OPS,
            "due": day(draw(st.integers(-60, 90))),
            "status": draw(st.sampled_from(("open", "in-progress"))),
        })
    health = [review(p) for p in draw(st.lists(st.sampled_from(PERIODS), max_size=2,
                                               unique=True))]
    governance: dict[str, Any] = {"model": model}
    if draw(st.booleans()):
        governance["meetings"] = [{"name": "Review", "every": "quarterly",
                                   "attendees": draw(st.lists(st.sampled_from(
                                       [owner, *ours, SUPPLIER_EXEC]), min_size=1,
                                       max_size=3, unique=True))}]
    if impact == "high" or draw(st.booleans()):
        governance["escalation"] = [SUPPLIER_EXEC, *draw(st.lists(st.sampled_from(doers),
                                                                 max_size=1))]
    return entry(f"s{n}", name=NAMES[n], impact=impact, model=model, owner=owner_data,
                 contacts=contacts, handovers=handovers, actions=actions, health=health,
                 governance=governance)


@st.composite
def portfolios(draw: st.DrawFn) -> Portfolio:
    count = draw(st.integers(1, 4))
    entries = [draw(supplier(n)) for n in range(count)]
    days = st.integers(7, 400)
    configured = Settings(
        check_in_days={m: draw(days) for m in MODELS},
        review_overdue_days={m: draw(days) for m in MODELS},
        max_open_actions=draw(st.integers(1, 5)))
    return portfolio(*entries, settings=configured)


# --- reading the rendered pages back ----------------------------------------------------------

Item = tuple[str, str, str]  # (date, slug, anchor)
_PAGE_ROW = re.compile(r'^\| <span class="hb-l">Date: </span>(\d{4}-\d{2}-\d{2}).*?'
                       r"\(\.\./suppliers/([^)#]+)\.md#([^)]+)\)")
_AGENDA_ROW = re.compile(r"^\| (\d{4}-\d{2}-\d{2})[^|]*\| [^|]*\| \[[^\]]*\]"
                         r"\(suppliers/([^)#]+)\.md#([^)]+)\)")
_FEED_PAGE = re.compile(r"Page: suppliers/([^/]+)/#(\S+)")


def person_parts(out: dict[str, str], address: str) -> list[str]:
    return [text for path, text in out.items()
            if path == f"owners/{address}.md" or path.startswith(f"owners/{address}--")]


def page_items(out: dict[str, str], address: str) -> Counter[Item]:
    found: Counter[Item] = Counter()
    for text in person_parts(out, address):
        at = text.index("## Dates, in order")
        end = text.find("\n## ", at + 3)
        for line in text[at:end if end >= 0 else len(text)].splitlines():
            m = _PAGE_ROW.match(line)
            if m:
                found[m.groups()] += 1  # type: ignore[index]
    return found


def agenda_items(out: dict[str, str], name: str) -> Counter[Item]:
    found: Counter[Item] = Counter()
    for path, text in out.items():
        if path != "agenda.md" and not path.startswith("agenda-"):
            continue
        for line in text.splitlines():
            m = _AGENDA_ROW.match(line)
            if m and name in line.rstrip().rstrip("|").split(" | ")[-1].strip().split(", "):
                found[m.groups()] += 1  # type: ignore[index]
    return found


def feed_items(feeds: dict[str, str], path: str | None) -> Counter[Item]:
    found: Counter[Item] = Counter()
    if path is None:
        return found
    for event in Calendar.from_ical(feeds[path]).walk("VEVENT"):
        m = _FEED_PAGE.search(str(event["DESCRIPTION"]))
        assert m is not None
        found[(event.decoded("DTSTART").isoformat(), m.group(1), m.group(2))] += 1
    return found


LABEL = re.compile(r'<span class="hb-l">[^<]*</span>')


def section(text: str, start: str, level: str = "## ") -> str:
    """From ``start`` to the next heading of ``level``, without the cells' column names."""
    text = LABEL.sub("", text)
    at = text.index(start)
    end = text.find("\n" + level, at + len(start))
    return text[at:end if end >= 0 else len(text)]


def views(p: Portfolio) -> tuple[Book, dict[str, str], dict[str, str]]:
    b = book(p)
    return b, pages_of(p), calendar_feeds(b)


# --- the properties ---------------------------------------------------------------------------

@PROFILE
@given(portfolios())
def test_a_persons_page_feed_and_agenda_hold_the_same_dated_items(p: Portfolio) -> None:
    b, out, feeds = views(p)
    assert set(b.people)  # every owner at least
    for name, person in b.people.items():
        expected = Counter((i.date.isoformat(), i.slug, i.anchor) for i in person.items)
        assert page_items(out, person.address) == expected, name
        assert feed_items(feeds, person.feed) == expected, name
        assert agenda_items(out, name) == expected, name
        assert (f"calendar/owners/{person.address}.ics" in feeds) is bool(person.items)


@PROFILE
@given(portfolios())
def test_every_flag_is_on_the_supplier_page_the_attention_list_and_the_owners_page(
        p: Portfolio) -> None:
    b, out, _ = views(p)
    attention = "\n".join(text for path, text in out.items()
                          if path == "attention.md" or path.startswith("attention-"))
    for d in p.suppliers:
        page = section(out[f"suppliers/{d.slug}.md"], "## What needs attention")
        owner = b.people[d.supplier.owner.name]
        owned = "\n".join(person_parts(out, owner.address))
        mine = section(owned, f"## {escape_text(d.supplier.name)}\n")
        listed = [chunk for chunk in attention.split("\n### ")
                  if f"(suppliers/{d.slug}.md)" in chunk.split("\n", 1)[0]]
        if d.points:
            assert len(listed) == 1, d.slug
        for point in d.points:
            what = escape_text(point.what)
            assert f'!!! warning "{point.title}"' in page and what in page, (d.slug, point)
            assert f"**{point.title}:** {what}" in listed[0], (d.slug, point)
            assert f"**{point.title}:** {what}" in mine, (d.slug, point)


@PROFILE
@given(portfolios())
def test_every_ownership_interval_is_on_the_supplier_page_and_both_peoples_pages(
        p: Portfolio) -> None:
    b, out, _ = views(p)
    names = {d.slug: escape_text(d.supplier.name) for d in p.suppliers}
    by_slug = {d.slug: d for d in p.suppliers}
    for slug, spans in b.intervals.items():
        # the intervals are one chain: every handover ends one, each ends where the next
        # begins, and the last is the owner's now
        s = by_slug[slug].supplier
        assert [i.next_owner for i in spans[:-1]] == [i.person for i in spans[1:]]
        assert spans[-1].current and spans[-1].person == s.owner.name
        ends = Counter((i.person, i.until, i.next_owner) for i in spans if i.handed_over)
        assert ends == Counter((h.from_, h.date, h.to) for h in s.handovers)
        page = section(out[f"suppliers/{slug}.md"], "## Owner and handovers")
        for i in spans:
            person = b.people[i.person]
            if len(spans) > 1:
                row = next((line for line in page.splitlines()
                            if f"[{i.person}](../owners/{person.address}.md) | "
                            f"{i.since_text} | {i.until_text} |" in line), None)
                assert row is not None, (slug, i)
            else:
                assert f"**{i.person}** owns this relationship" in page
            theirs = "\n".join(person_parts(out, person.address))
            if i.current:
                assert f"\n## {names[slug]}\n" in theirs, (slug, i)
                continue
            history = section(theirs, "## Ownership history")
            link = f"[{names[slug]}](../suppliers/{slug}.md#{i.anchor})"
            assert any(line.startswith(f"| {i.until_text} | {link}") and i.since_text in line
                       for line in history.splitlines()), (slug, i)
            assert i.next_owner is not None
            taker = b.people[i.next_owner]
            taken = section("\n".join(person_parts(out, taker.address)),
                            "## Ownership history")
            assert f"{link} | {i.person} | {i.next_owner} |" in taken, (slug, i)
