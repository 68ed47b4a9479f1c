"""Calendar feeds: every generated feed parsed back with ``icalendar``; events, UIDs, their
stability across builds, the Subscribe links, and the supplier-shared feed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any, cast

import pytest
from click.testing import CliRunner
from icalendar import Calendar
from icalendar.prop import vCategory
from supplier_handbook.commands.cli import main
from supplier_handbook.derive.agenda import agenda, quiet_check_ins
from supplier_handbook.derive.people import book
from supplier_handbook.derive.portfolio import Settings, derive
from supplier_handbook.model.check import CheckResult
from supplier_handbook.render.calendar import calendar_feeds, feed_items
from supplier_handbook.render.memo import PageMemo

from tests.conftest import AS_OF, ROOT, copy_demo
from tests.derive.builders import contact, default_contacts, entry, pages_of

QUIET = {"NO_MKDOCS_2_WARNING": "1"}


def build(site: Path, *extra: str) -> None:
    result = CliRunner().invoke(main, ["build", "--as-of", AS_OF.isoformat(), "-f",
                                       str(ROOT / "mkdocs.yml"), "--site-dir", str(site),
                                       *extra], catch_exceptions=False, env=QUIET)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    first, second = (tmp_path_factory.mktemp("cal") / "a", tmp_path_factory.mktemp("cal") / "b")
    build(first)
    build(second)
    return first, second


def feeds_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted((site / "calendar").rglob("*.ics"))}


def parse(data: bytes) -> Calendar:
    """Parse strictly as RFC 5545 text: CRLF line ends, lines folded at 75 octets."""
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    cal = Calendar.from_ical(data)
    assert isinstance(cal, Calendar)
    assert (str(cal["VERSION"]), cal.get("CALSCALE")) == ("2.0", "GREGORIAN")
    assert str(cal["PRODID"]).startswith("-//")
    for event in cal.walk("VEVENT"):
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert required in event, required
        assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(days=1)
    return cal


def uids(cal: Calendar) -> list[str]:
    return [str(e["UID"]) for e in cal.walk("VEVENT")]


def test_every_feed_is_published_and_parses(sites: tuple[Path, Path],
                                            examples: CheckResult) -> None:
    feeds = feeds_of(sites[0])
    slugs = {s.slug for s in examples.suppliers}
    b = book(derive(examples.suppliers, AS_OF, Settings()))
    assert {p for p in feeds if p.startswith("calendar/suppliers/")} == {
        f"calendar/suppliers/{slug}.ics" for slug in slugs}
    assert {p for p in feeds if p.startswith("calendar/owners/")} == {
        f"calendar/owners/{person.address}.ics" for person in b.people.values() if person.items}
    assert "calendar/all.ics" in feeds
    for data in feeds.values():
        assert uids(parse(data))  # RFC 5545: a calendar holds at least one component


def test_a_feed_with_no_event_is_neither_published_nor_linked() -> None:
    """Issue 22, item 7: a feed is published only where it has events, and linked only then
    (RFC 5545 requires a component; strict clients refuse an empty calendar). A first
    handbook: one supplier with no dated item, one with a check-in."""
    quiet = entry("quiet", name="Quiet AG", model="transactional", health=[])
    busy = entry("busy", name="Busy AG", owner={"name": "Bo Busy"}, contacts=[
        *default_contacts(), contact("Cal Check", next_check_in="2026-12-01")])
    p = derive([quiet, busy], AS_OF, Settings())
    feeds = calendar_feeds(book(p))
    assert set(feeds) == {"calendar/all.ics", "calendar/suppliers/busy.ics",
                          "calendar/owners/bo-busy.ics"}
    for text in feeds.values():
        cal = Calendar.from_ical(text)
        assert len(cal.walk("VEVENT")) >= 1
    pages = pages_of(p)
    assert "calendar/suppliers/quiet.ics" not in pages["suppliers/quiet.md"]
    assert "no dated item, so no calendar feed" in pages["suppliers/quiet.md"]
    assert "(../calendar/suppliers/busy.ics)" in pages["suppliers/busy.md"]
    assert "calendar/owners/" not in pages["owners/dana-okafor.md"]
    assert "(../calendar/owners/bo-busy.ics)" in pages["owners/bo-busy.md"]


def test_the_events_are_the_agenda_including_contacts_gone_quiet(
        sites: tuple[Path, Path], examples: CheckResult) -> None:
    portfolio = derive(examples.suppliers, AS_OF, Settings())
    items = agenda(portfolio)
    quiet = [i for d in portfolio.suppliers for i in quiet_check_ins(d, AS_OF, Settings())]
    assert {i.key for i in quiet} <= {i.key for i in items}  # on the agenda page too
    everything = parse(feeds_of(sites[0])["calendar/all.ics"])
    assert sorted(uids(everything)) == sorted(f"{i.key}@supplier-handbook" for i in items)
    assert len(set(uids(everything))) == len(uids(everything))  # no duplicate UID
    kinds = {str(c) for e in everything.walk("VEVENT")
             for c in cast(vCategory, e["CATEGORIES"]).cats}
    assert {"Check-in", "Action due", "Review due"} <= kinds


def test_an_action_names_both_owners_and_links_to_its_supplier(
        sites: tuple[Path, Path]) -> None:
    vantor = parse(feeds_of(sites[0])["calendar/suppliers/vantor-elektronika.ics"])
    jap4 = next(e for e in vantor.walk("VEVENT")
                if str(e["UID"]) == "vantor-elektronika/action-due/JAP-4/2026-10-15"
                "@supplier-handbook")
    assert "ours: Elif Demir, theirs: Lucie Novotná" in str(jap4["SUMMARY"])
    description = str(jap4["DESCRIPTION"])
    assert "Supplier: Vantor Elektronika s.r.o." in description
    assert "Elif Demir (ours), Lucie Novotná (theirs)" in description
    # mkdocs.yml has no site_url: no URL property (it must be absolute), the page's path
    assert "URL" not in jap4
    assert "Page: suppliers/vantor-elektronika/#" in description
    assert jap4.decoded("DTSTART") == dt.date(2026, 10, 15)
    assert jap4.decoded("DTSTAMP") == dt.datetime(2026, 11, 23, tzinfo=dt.UTC)


def test_with_a_site_url_each_event_links_to_its_supplier_page(examples: CheckResult) -> None:
    feeds = calendar_feeds(book(derive(examples.suppliers, AS_OF, Settings())),
                           base_url="https://handbook.test/")
    for path, text in feeds.items():
        for e in Calendar.from_ical(text).walk("VEVENT"):
            slug = str(e["UID"]).split("/")[0]
            assert str(e["URL"]).startswith(f"https://handbook.test/suppliers/{slug}/#"), path


def test_a_review_due_date_and_a_quiet_contact(examples: CheckResult) -> None:
    portfolio = derive(examples.suppliers, AS_OF, Settings())
    items = feed_items(book(portfolio))
    reviews = {i.slug: i.date for i in items if i.kind == "review-due"}
    # Brennwald (collaborative): latest review 2026-Q3 ended 2026-09-30, + 100 days
    assert reviews["brennwald-druckguss"] == dt.date(2026, 9, 30) + dt.timedelta(days=100)
    quiet = [i for i in items if i.key.split("/")[1] == "quiet"]
    for item in quiet:
        assert item.date < AS_OF and "gone quiet" in item.title


def test_person_feeds_hold_the_items_that_name_them(sites: tuple[Path, Path],
                                                    examples: CheckResult) -> None:
    """A person's feed: every item of the suppliers they own, and the items of other
    suppliers that name them on our side (an action of theirs); every event of all.ics is in
    the feed of its supplier's owner."""
    feeds = feeds_of(sites[0])
    jana = parse(feeds["calendar/owners/jana-horvath.ics"])
    owned = {s.slug for s in examples.suppliers if s.supplier.owner.name == "Jana Horvath"}
    mine = [u for u in uids(jana) if u.split("/")[0] in owned]
    assert mine and {u.split("/")[0] for u in mine} == owned
    elsewhere = {u for u in uids(jana) if u.split("/")[0] not in owned}
    assert all(u.split("/")[1] in ("action-due", "check-in") for u in elsewhere)
    everyone = set().union(*(uids(parse(d)) for p, d in feeds.items()
                             if p.startswith("calendar/owners/")))
    assert everyone == set(uids(parse(feeds["calendar/all.ics"])))


def test_two_builds_of_one_commit_give_byte_identical_feeds(sites: tuple[Path, Path]) -> None:
    first, second = feeds_of(sites[0]), feeds_of(sites[1])
    assert first.keys() == second.keys() and len(first) >= 9
    assert first == second


def test_uids_do_not_depend_on_the_build_date(examples: CheckResult) -> None:
    """A later build (another day) updates events: the same item keeps its UID."""
    today = calendar_feeds(book(derive(examples.suppliers, AS_OF, Settings())))["calendar/all.ics"]
    later = calendar_feeds(book(derive(examples.suppliers, AS_OF + dt.timedelta(days=3),
                                      Settings())))
    assert today != later["calendar/all.ics"]  # DTSTAMP moved on
    before = set(uids(Calendar.from_ical(today)))
    after = set(uids(Calendar.from_ical(later["calendar/all.ics"])))
    assert len(before & after) > 20
    # only items that exist because of the date (a contact newly gone quiet, a planned
    # meeting now past) may come or go; every other item keeps its UID
    assert all(u.split("/")[1] in ("quiet", "meeting") for u in before ^ after)


def test_subscribe_links_on_owner_and_supplier_pages(sites: tuple[Path, Path]) -> None:
    supplier = (sites[0] / "suppliers" / "vantor-elektronika" / "index.html").read_text("utf-8")
    assert 'href="../../calendar/suppliers/vantor-elektronika.ics"' in supplier
    owner = (sites[0] / "owners" / "elif-demir" / "index.html").read_text("utf-8")
    assert 'href="../../calendar/owners/elif-demir.ics"' in owner


def test_the_supplier_shared_build_gets_only_shared_items(tmp_path: Path) -> None:
    project = tmp_path / "handbook"
    copy_demo(project)
    site = tmp_path / "shared"
    build(site, "--audience", "supplier", "vantor-elektronika")
    feed = (site / "calendar.ics").read_bytes()
    cal = parse(feed)
    keys = [u.removesuffix("@supplier-handbook") for u in uids(cal)]
    assert keys and all(k.split("/")[1] == "action-due" for k in keys)
    assert {k.split("/")[2] for k in keys} == {"JAP-1", "JAP-2", "JAP-3", "JAP-4", "JAP-5",
                                               "JAP-6"}
    text = feed.decode("utf-8")
    for internal in ("Check-in", "Review due", "what_matters", "gone quiet", "https://"):
        assert internal not in text
    page = (site / "index.html").read_text("utf-8")
    assert 'href="calendar.ics"' in page


def test_a_rebuild_reuses_the_events_of_unchanged_suppliers(
        examples: CheckResult, monkeypatch: pytest.MonkeyPatch) -> None:
    import supplier_handbook.render.calendar as cal

    portfolio = derive(examples.suppliers, AS_OF, Settings())
    memo = PageMemo()  # what ``mkdocs serve`` keeps the events in
    memo.start()
    first = calendar_feeds(book(portfolio), None, memo.value)
    made: list[str] = []
    real = cal.event
    def counted(item: Any, *args: Any) -> Any:
        made.append(item.key)
        return real(item, *args)

    monkeypatch.setattr(cal, "event", counted)
    memo.start()
    assert calendar_feeds(book(portfolio), None, memo.value) == first
    assert made == []  # nothing serialised again
    vantor = [s for s in examples.suppliers if s.slug == "vantor-elektronika"]
    one = derive(vantor, AS_OF, Settings())
    same = type(portfolio)(AS_OF, [one.suppliers[0] if d.slug == "vantor-elektronika"
                                   else d for d in portfolio.suppliers], Settings())
    memo.start()
    assert calendar_feeds(book(same), None, memo.value) == first
    assert made == []  # the same data in a new object: equal inputs, nothing made again
    # a contact's check-in moved: its dated items changed, so its events are made again
    s = vantor[0].supplier
    first_contact = s.contacts[0].model_copy(update={"next_check_in": AS_OF + dt.timedelta(3)})
    moved = dataclasses.replace(vantor[0], supplier=s.model_copy(
        update={"contacts": [first_contact, *s.contacts[1:]]}))
    later = derive([moved], AS_OF, Settings()).suppliers[0]
    changed = type(portfolio)(AS_OF, [later if d.slug == "vantor-elektronika"
                                      else d for d in portfolio.suppliers], Settings())
    memo.start()
    calendar_feeds(book(changed), None, memo.value)
    assert made and {k.split("/")[0] for k in made} == {"vantor-elektronika"}


def test_text_from_the_file_cannot_form_a_tag(examples: CheckResult) -> None:
    """Some calendar clients read HTML in DESCRIPTION: no '<' reaches a feed."""
    vantor = next(s for s in examples.suppliers if s.slug == "vantor-elektronika")
    action = vantor.supplier.actions[0]
    hostile = vantor.supplier.model_copy(update={
        "name": "Vantor <b>s.r.o.</b>",
        "actions": [action.model_copy(update={"action": "<img src=x onerror=alert(1)> now"}),
                    *vantor.supplier.actions[1:]]})
    entry = type(vantor)(vantor.slug, vantor.path, hostile)
    feeds = calendar_feeds(book(derive([entry], AS_OF, Settings())))
    assert feeds and all("<" not in text and ">" not in text for text in feeds.values())
    assert "\u2039img src=x onerror=alert(1)\u203a now" in feeds["calendar/all.ics"].replace(
        "\r\n ", "")
