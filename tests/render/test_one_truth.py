"""Issue 22, "One truth for every view": each disagreement between two views, reproduced on
the pages a build renders (through the ``Pipeline``), and issue 26, items 11 and 16 (a
person's address depends on their name only; anchor ids cost linear work)."""

from __future__ import annotations

import datetime as dt
import random
import re

from icalendar import Calendar
from supplier_handbook.derive.anchors import Unique, _supplier_anchors
from supplier_handbook.derive.naming import person_addresses, slug, tag
from supplier_handbook.derive.people import book
from supplier_handbook.derive.portfolio import Settings
from supplier_handbook.render.calendar import calendar_feeds

from tests.derive.builders import (
    AS_OF,
    INTERNAL_EXEC,
    OWNER,
    SUPPLIER_EXEC,
    SUPPLIER_OPS,
    action,
    contact,
    default_contacts,
    entry,
    handover,
    make_supplier,
    pages,
    pages_of,
    portfolio,
    review,
)

JULIEN = "Julien Moreau"
NADIA = "Nadia Haddad"


LABEL = re.compile(r'<span class="hb-l">[^<]*</span>')


def section(page: str, heading: str) -> str:
    """The text of a page from ``heading`` to the next heading of the same level, without
    the column names a phone shows in each cell."""
    page = LABEL.sub("", page)
    level = heading.split(" ")[0]
    start = page.index(heading + "\n")
    rest = page[start + len(heading) + 1:]
    ends = [i for i in (rest.find(f"\n{level} "),) if i >= 0]
    return rest[:min(ends)] if ends else rest


def _julien() -> tuple[object, dict[str, str]]:
    """Julien received Hollerer in 2025-02 (a handover); the owner became Nadia (since
    2025-09-01) with no handover written. He also passed Alpha on, with a handover."""
    p = portfolio(
        entry("hollerer", name="Hollerer Technischer Handel", owner={
            "name": NADIA, "since": "2025-09-01"},
            handovers=[handover("2025-02-03", OWNER, JULIEN)]),
        entry("alpha", name="Alpha", owner={"name": "Cleo Now"},
              handovers=[handover("2024-05-01", JULIEN, "Cleo Now")]),
    )
    return p, pages_of(p)


def test_1_an_owner_change_without_a_handover_is_an_interval_on_both_pages() -> None:
    _, out = _julien()
    julien = section(out["owners/julien-moreau.md"], "## Ownership history")
    # both suppliers he owned before, the one passed on without a handover marked so
    assert "[Alpha](../suppliers/alpha.md#handover-2024-05-01)" in julien
    line = next(x for x in julien.splitlines() if x.startswith("| 2025-09-01 | [Hollerer"))
    assert "[Nadia Haddad](nadia-haddad.md)" in line and "2025-02-03" in line
    assert "**no handover recorded**" in line
    nadia = section(out["owners/nadia-haddad.md"], "## Ownership history")
    assert "| 2025-09-01 | [Hollerer Technischer Handel]" in nadia
    assert "Julien Moreau | Nadia Haddad | **no handover recorded** |" in nadia
    supplier = out["suppliers/hollerer.md"]
    assert "[Julien Moreau](../owners/julien-moreau.md) | <span class=\"hb-l\">From: </span>" \
        "2025-02-03 | <span class=\"hb-l\">Until: </span>2025-09-01" in supplier
    handovers = out["handovers.md"]
    assert "Julien Moreau | Nadia Haddad | [Nadia Haddad](owners/nadia-haddad.md) | " \
        "**none recorded** |" in handovers
    assert handovers.count("| 2025-09-01 |") == 1


def test_1_an_unknown_date_reads_date_unknown() -> None:
    p = portfolio(entry("h", name="H", owner={"name": NADIA},
                        handovers=[handover("2025-02-03", OWNER, JULIEN)]))
    (change,) = [c for c in book(p).changes if not c.recorded]
    assert (change.from_, change.to, change.when) == (JULIEN, NADIA, "date unknown")
    assert "| date unknown | [H](suppliers/h.md#owner-and-handovers) | Julien Moreau | " \
        "Nadia Haddad | [Nadia Haddad](owners/nadia-haddad.md) | **none recorded** |" in \
        pages_of(p)["handovers.md"]


def test_2_person_pages_use_the_configured_day_counts() -> None:
    """A collaborative supplier reviewed within 30 days (not 100): the owner page, the
    owner's feed and the agenda give the same review date."""
    settings = Settings(review_overdue_days={"alliance": 100, "collaborative": 30,
                                             "transactional": 400})
    e = entry("acme", health=[review("2026-Q3")])
    out = pages([e], AS_OF, settings)
    due = (dt.date(2026, 9, 30) + dt.timedelta(days=30)).isoformat()  # 2026-10-30
    default = (dt.date(2026, 9, 30) + dt.timedelta(days=100)).isoformat()
    owner = section(out["owners/dana-okafor.md"], "## Dates, in order")
    assert due in owner and default not in owner
    assert due in out["agenda.md"] and default not in out["agenda.md"]
    feed = calendar_feeds(book(portfolio(e, settings=settings)))[
        "calendar/owners/dana-okafor.ics"]
    starts = [ev.decoded("DTSTART") for ev in Calendar.from_ical(feed).walk("VEVENT")]
    assert dt.date.fromisoformat(due) in starts


def test_3_people_who_own_work_but_no_supplier_have_a_page_and_a_feed() -> None:
    """An internal contact owns an overdue action and sits in a meeting and on the
    escalation path; a buyer owns an action on a colleague's supplier."""
    meeting = {"name": "Quarterly review", "every": "quarterly", "attendees": [INTERNAL_EXEC]}
    e = entry("acme", impact="high", governance={
        "model": "collaborative", "escalation": [SUPPLIER_EXEC, INTERNAL_EXEC],
        "meetings": [meeting]},
        contacts=[*default_contacts(), contact("Bea Buyer", "internal", "relationship")],
        actions=[{**action("JAP-1", "2026-11-01"), "owner_internal": INTERNAL_EXEC},
                 {**action("JAP-2", "2026-12-15"), "owner_internal": "Bea Buyer"}])
    bea_own = entry("beta", name="Beta", owner={"name": "Bea Buyer"})
    p = portfolio(e, bea_own)
    out = pages_of(p)
    ines = out["owners/ines-internal.md"]
    assert "JAP-1" in section(ines, "## Actions Ines Internal owns")
    seats = section(ines, "## Seats")
    assert "Quarterly review (quarterly)" in seats and "2 of 2" in seats
    assert "JAP-1 due" in section(ines, "## Dates, in order")
    feeds = calendar_feeds(book(p))
    assert "acme/action-due/JAP-1" in feeds["calendar/owners/ines-internal.ics"]
    # the buyer's own action on a colleague's supplier: on her page and in her feed
    bea = out["owners/bea-buyer.md"]
    assert "JAP-2 due" in section(bea, "## Dates, in order")
    assert "acme/action-due/JAP-2" in feeds["calendar/owners/bea-buyer.ics"]
    # and the agenda's person filter offers both, with the rows naming them
    agenda = out["agenda.md"]
    bar = next(line for line in agenda.splitlines() if "hb-filters" in line)
    assert "Person" in bar and "Ines Internal" in bar and "Bea Buyer" in bar
    row = next(line for line in agenda.splitlines() if "JAP-2" in line)
    assert row.rstrip(" |").endswith("Dana Okafor, Bea Buyer")
    assert "[Ines Internal](ines-internal.md)" in out["owners/index.md"]


def test_4_a_governance_misfit_is_under_what_needs_attention_everywhere() -> None:
    p = portfolio(entry("acme", impact="high", model="transactional"))
    (d,) = p.suppliers
    assert d.fit == "misfit" and not d.flags
    out = pages_of(p)
    attention = section(out["suppliers/acme.md"], "## What needs attention")
    assert '!!! warning "Governance misfit"' in attention
    assert "Governance misfit" in out["attention.md"]
    owner = out["owners/dana-okafor.md"]
    assert "**Governance misfit:**" in owner


def test_5_the_brief_says_the_latest_change_has_no_handover() -> None:
    p = portfolio(entry("acme", impact="high", governance={"model": "collaborative"},
                        owner={"name": NADIA, "since": "2026-01-05"},
                        handovers=[handover("2025-02-03", OWNER, JULIEN)]))
    brief = pages_of(p)["suppliers/acme/handover.md"]
    assert '!!! warning "No handover recorded"' in brief
    assert "from Julien Moreau to Nadia Haddad (2026-01-05), has no handover recorded" in \
        " ".join(brief.split())
    assert "has **no handover recorded**" in section(brief, "## Earlier handover notes")
    # the missing escalation path is its own section, not under "Who to call, in this order"
    calls = section(brief, "## Who to call, in this order")
    assert "escalation" not in calls.lower()
    assert "No escalation path is recorded" in section(brief, "## Escalation path")
    assert brief.index("## Escalation path") < brief.index("## Who to call, in this order")


def test_6_is_covered_in_test_agenda() -> None:
    """A review that never happened: ``tests/derive/test_agenda.py::
    test_a_review_that_never_happened_has_a_date_in_every_view``; here the same date on the
    owner page, the agenda and the feed."""
    p = portfolio(entry("acme", health=[], owner={"name": OWNER, "since": "2026-01-10"}))
    out = pages_of(p)
    assert "2026-04-20 **missed" in out["owners/dana-okafor.md"]
    assert "2026-04-20 **missed**" in out["agenda.md"]
    feed = calendar_feeds(book(p))["calendar/owners/dana-okafor.ics"]
    assert "acme/review-due/first/2026-04-20" in feed


def test_9_one_slug_function_for_every_address() -> None:
    people = ["Sofía Herrera", "Lea Schäfer", "Łukasz Wójcik"]
    entries = [entry(f"s{n}", name=f"S{n}", owner={"name": name})
               for n, name in enumerate(people)]
    out = pages_of(portfolio(*entries))
    for address in ("sofia-herrera", "lea-schafer", "lukasz-wojcik"):
        assert f"owners/{address}.md" in out
    assert slug("Müller") == "muller" and slug("Kjølberg Lim") == "kjolberg-lim"
    anchors = _supplier_anchors(make_supplier(contacts=[
        *default_contacts(), contact("Łukasz Wójcik", "supplier", "technical")]))
    assert anchors.contact("Łukasz Wójcik") == "contact-lukasz-wojcik"


def test_10_one_collation_for_every_list_of_names() -> None:
    """The matrix cells sort Ångström, Česká and Øresund in place, as the tables do."""
    names = ["Øresund Marine", "Bravo Tools", "Ångström Optics", "Česká Ocel", "Delta AG"]
    p = portfolio(*[entry(f"s{n}", name=name) for n, name in enumerate(names)])
    dashboard = pages_of(p)["index.md"]
    cell = next(line for line in dashboard.splitlines() if "Ångström" in line)
    order = [n for n in ("Ångström", "Bravo", "Česká", "Delta", "Øresund") if n in cell]
    assert sorted(order, key=cell.index) == order
    index = pages_of(p)["suppliers/index.md"]
    assert sorted(names, key=index.index) == [
        "Ångström Optics", "Bravo Tools", "Česká Ocel", "Delta AG", "Øresund Marine"]


# --- issue 26 ----------------------------------------------------------------------------------

def test_26_11_an_address_never_moves_when_someone_else_is_added() -> None:
    base = ["王伟", "Dana Okafor", "Lea Schafer", "Sofía Herrera"]
    before = person_addresses(base)
    for newcomer in ("李娜", "汪伟", "Lea Schäfer", "dana okafor", "Index", "Sofía Herrera Díaz"):
        after = person_addresses([*base, newcomer])
        assert {n: after[n] for n in base} == before, newcomer
        assert len(set(after.values())) == len(after)
    assert before["王伟"] == f"wang-wei-{tag('王伟')}"
    assert person_addresses(["汪伟"])["汪伟"] != before["王伟"]
    # the one exception (documented in ``person_addresses``): the same name written in plain
    # ASCII takes the slug from an accented one (most often one person written twice)
    assert person_addresses([*base, "Sofia Herrera"])["Sofia Herrera"] == "sofia-herrera"
    shuffled = base[:]
    random.Random(4).shuffle(shuffled)
    assert person_addresses(shuffled) == before


def test_26_11_a_feed_stays_with_its_person() -> None:
    wang = entry("a", name="A", owner={"name": "王伟"})
    li = entry("b", name="B", owner={"name": "李娜"}, health=[])
    alone = calendar_feeds(book(portfolio(wang)))
    both = calendar_feeds(book(portfolio(wang, li)))
    path = f"calendar/owners/wang-wei-{tag('王伟')}.ics"
    assert path in alone and path in both
    assert "Supplier handbook: 王伟" in alone[path] and "王伟" in both[path]
    assert "李娜" not in both[path]


def test_26_16_anchor_ids_of_same_slug_names_cost_linear_work() -> None:
    """8,900 contacts whose names give the same slug: each id costs at most two probes
    (the old loop tried ``-2``, ``-3``, ... from the start for every name: n * n / 2)."""
    unique = Unique()
    n = 8_900
    ids = [unique("contact", "Ana" + "!" * (k % 7) + " B") for k in range(n)]
    assert len(set(ids)) == n
    assert unique.probes <= 2 * n
    assert ids[:3] == ["contact-ana-b", "contact-ana-b-2", "contact-ana-b-3"]


def test_26_16_a_real_base_taken_by_a_number_is_skipped() -> None:
    unique = Unique()
    assert [unique("contact", t) for t in ("A b", "A b 2", "A b", "A b")] == [
        "contact-a-b", "contact-a-b-2", "contact-a-b-3", "contact-a-b-4"]


def test_check_ins_of_our_contacts_name_them() -> None:
    """A check-in with an internal contact names them on our side: their page and feed."""
    p = portfolio(entry("acme", contacts=[
        contact(SUPPLIER_EXEC, "supplier", "executive"),
        contact(SUPPLIER_OPS, "supplier", "operational"),
        contact(INTERNAL_EXEC, "internal", "executive", next_check_in="2026-12-02")]))
    (item,) = [i for i in book(p).items if i.kind == "check-in"]
    assert item.ours == (OWNER, INTERNAL_EXEC)
    assert "2026-12-02" in pages_of(p)["owners/ines-internal.md"]


def test_a_long_history_is_cut_into_parts_that_together_hold_it_once() -> None:
    """A person who owned 300 suppliers before (and wrote long notes): their page comes in
    parts of a bounded size; every interval, change and dated item is on exactly one."""
    notes = "What the next owner must know. " * 25
    entries = [entry(f"s{n:03d}", name=f"Supplier {n:03d}", owner={"name": OWNER},
                     handovers=[{**handover("2025-01-02", "Pat Previous", OWNER),
                                 "notes": notes}],
                     actions=[{**action("JAP-1", "2026-12-01"),
                               "owner_internal": INTERNAL_EXEC}] if n % 3 == 0 else [])
               for n in range(300)]
    p = portfolio(*entries)
    out = pages_of(p)
    parts = {path: text for path, text in out.items()
             if path == "owners/pat-previous.md" or path.startswith("owners/pat-previous--")}
    assert len(parts) > 1 and all(len(t) <= 150_000 for t in parts.values())
    rows = [line for t in parts.values() for line in LABEL.sub("", t).splitlines()
            if line.startswith("| 2025-01-02 | [Supplier ")]
    assert len(rows) == 600  # each past interval and each change, once
    ines = {path: text for path, text in out.items()
            if path.startswith("owners/ines-internal")}
    dates = [line for t in ines.values() for line in t.splitlines()
             if "JAP-1 due" in line]
    assert len(dates) == len(book(p).people[INTERNAL_EXEC].items) == 100
