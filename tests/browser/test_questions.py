"""Questions across suppliers, answered on one page: the agenda, ownership history, the index
filters, the joint-action filters, and search by item (exact phrases, one entry per item)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from supplier_handbook.site.search import indexed_entries

from tests.browser.harness import MAIN, expect, open_page, search, showing

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

VISIBLE_ROWS_JS = """el => Array.from(el.querySelectorAll('tbody tr'))
    .filter(row => !row.hidden && row.offsetParent !== null)
    .map(row => Array.from(row.cells).map(cell => cell.textContent.trim()))"""


def visible_rows(page: Page, selector: str = f"{MAIN}") -> list[list[str]]:
    rows: list[list[str]] = page.locator(selector).first.evaluate(VISIBLE_ROWS_JS)
    return rows


def choose(page: Page, label: str, value: str) -> None:
    page.locator(f'select[data-filter="{label}"]').select_option(value)


def test_agenda_lists_a_missed_check_in_before_the_upcoming_ones(page: Page) -> None:
    page.goto("agenda/")
    with showing(page, "the agenda opens with the missed items, marked"):
        headings = page.locator(f"{MAIN} h2").all_inner_texts()
        assert headings[0].startswith("Missed ("), headings
        assert all(h.startswith("Week of ") for h in headings[1:]), headings
    rows = visible_rows(page)
    check_ins = [(n, r) for n, r in enumerate(rows) if r[1] == "Check-in"]
    missed = [(n, r) for n, r in check_ins if "missed" in r[0]]
    upcoming = [(n, r) for n, r in check_ins if "missed" not in r[0]]
    assert missed and upcoming, rows
    first_missed, row = missed[0]
    assert row[0] == "2026-11-18 missed" and "Ingrid Kjølberg" in row[3], row
    assert row[2] == "Kjølberg Lim AS"
    assert first_missed < upcoming[0][0]
    with showing(page, "the supplier link opens the contact on the supplier page"):
        page.locator(f"{MAIN} a[href*='#contact-ingrid-kjolberg']").first.click()
        page.wait_for_url("**/suppliers/kjolberg-lim/#contact-ingrid-kjolberg")
        expect(page.locator("#contact-ingrid-kjolberg")).to_be_attached()


def test_agenda_filters_by_kind_person_and_supplier(page: Page) -> None:
    page.goto("agenda/")
    total = len(visible_rows(page))
    choose(page, "Kind", "Review due")
    reviews = visible_rows(page)
    assert reviews and len(reviews) < total
    assert {r[1] for r in reviews} == {"Review due"}
    choose(page, "Kind", "")
    choose(page, "Person", "Elif Demir")
    mine = visible_rows(page)
    assert mine and all("Elif Demir" in r[5].split(", ") for r in mine)
    choose(page, "Supplier", "Kjølberg Lim AS")
    with showing(page, "owner and supplier of different people leave nothing, and say so"):
        assert visible_rows(page) == []
        expect(page.locator(".hb-filter-status")).to_have_text(f"0 of {total} shown")
        expect(page.locator(f"{MAIN} h2:visible")).to_have_count(0)


def test_owner_page_lists_a_supplier_owned_before_and_who_owns_it_now(page: Page) -> None:
    page.goto("owners/henrik-dahl/")
    with showing(page, "Henrik Dahl's page shows the suppliers he passed on"):
        expect(page.get_by_role("heading", name="Ownership history")).to_be_visible()
        table = page.locator(f"{MAIN} h2#ownership-history ~ .md-typeset__scrollwrap table")
        rows = visible_rows(page, f"{MAIN} h2#ownership-history ~ .md-typeset__scrollwrap")
        # Until, Supplier, Passed to, Owner now (then Since and whether a handover was written)
        # each cell carries its column's name (shown on phones, where a row is a card)
        labels = ("Until: ", "Supplier: ", "Passed to: ", "Owner now: ")
        heads = [[c.removeprefix(label) for c, label in zip(r[:4], labels, strict=True)]
                 for r in rows]
        assert ["2024-06-03", "Cartonnages Morvan SAS", "Tomasz Nowak", "Ines Carvalho"] in heads
        assert ["2026-03-02", "Kjølberg Lim AS", "Marco Bellini", "Marco Bellini"] in heads
        expect(table.first).to_be_visible()
        expect(page.locator(MAIN)).to_contain_text("Handover notes Henrik Dahl wrote")


def test_index_filtered_to_high_impact_without_escalation_path(page: Page) -> None:
    page.goto("suppliers/")
    everyone = visible_rows(page)
    choose(page, "Impact", "high")
    with showing(page, "impact high leaves the high-impact suppliers"):
        high = visible_rows(page)
        assert 1 < len(high) < len(everyone)
        assert {r[2] for r in high} == {"high"}
    choose(page, "Escalation path", "none")
    with showing(page, "and no escalation path leaves exactly Huaxin"):
        assert [r[0] for r in visible_rows(page)] == [
            "Dongguan Huaxin Precision Manufacturing Co., Ltd."]


def test_index_sorts_by_displayed_name_and_offers_review_filters(page: Page) -> None:
    page.goto("suppliers/")
    names = [r[0] for r in visible_rows(page)]
    assert names[0].startswith("Brennwald") and names[3].startswith("Dongguan"), names
    header = page.locator(f"{MAIN} table thead th", has_text="Supplier").first
    header.click()
    header.click()
    assert [r[0] for r in visible_rows(page)] == names[::-1]
    choose(page, "Review held", "our side only")
    with showing(page, "reviews held on our side only"):
        rows = visible_rows(page)
        assert sorted(r[0] for r in rows) == [
            "Calder Technical Services B.V.", "Kjølberg Lim AS", "Vantor Elektronika s.r.o."]
        assert all("our side only" in r[8] for r in rows)


def test_joint_actions_filter_by_either_owner_and_status(page: Page) -> None:
    page.goto("actions/")
    rows = visible_rows(page)
    overdue = [n for n, r in enumerate(rows) if "overdue" in r[6]]
    assert overdue == list(range(len(overdue))) and 0 < len(overdue) < len(rows)
    choose(page, "Owner (either side)", "Jiří Svoboda")  # their side
    theirs = visible_rows(page)
    assert theirs and all(r[5] == "Jiří Svoboda" for r in theirs)
    choose(page, "Owner (either side)", "Nadia Haddad")  # our side
    choose(page, "Status", "overdue")
    with showing(page, "Nadia Haddad's overdue actions"):
        assert [(r[1], r[2]) for r in visible_rows(page)] == [
            ("Dongguan Huaxin Precision Manufacturing Co., Ltd.", "JAP-2"),
            ("Vantor Elektronika s.r.o.", "JAP-2")]


def test_search_for_a_contacts_full_name_returns_their_entry_first(page: Page) -> None:
    page.goto("")
    with showing(page, "searching a contact's full name", ".md-search-result"):
        search(page, "Lucie Novotná")
        first = page.locator(".md-search-result__item").first
        links: list[str] = first.locator("a.md-search-result__link").evaluate_all(
            "ls => ls.map(a => new URL(a.href).pathname + new URL(a.href).hash)")
        assert links[0] == "/suppliers/vantor-elektronika/", links
        assert next(h for h in links if "#" in h) == \
            "/suppliers/vantor-elektronika/#contact-lucie-novotna", links


def _index_text(site: Path) -> dict[str, str]:
    return {d["location"]: " ".join(f"{d['title']} {d['text']}".split()).lower()
            for d in indexed_entries(site)}


def _shown_locations(page: Page) -> list[str]:
    """Every result link shown, as a search-index location (``page/#anchor``)."""
    found: list[str] = page.eval_on_selector_all(
        ".md-search-result__item a.md-search-result__link",
        "ls => ls.map(a => { const u = new URL(a.href); return u.pathname.slice(1) + u.hash; })")
    return found


def test_a_quoted_phrase_matches_only_the_phrase(browser: Browser, base_url: str,
                                                 site: Path) -> None:
    texts = _index_text(site)
    phrase = "answers calls"
    holding = {loc for loc, text in texts.items() if phrase in text}
    assert holding, "the demo data holds the phrase"
    with open_page(browser, base_url) as page:
        page.goto("")
        search(page, "answers calls")
        # results of the last keystroke: the guide that quotes the phrase is among them
        expect(page.locator('.md-search-result__item a[href*="guides/"]').first).to_be_attached()
        loose = _shown_locations(page)
        # supplier pages rank above the guides for supplier facts (the guide quotes it too)
        assert loose[0].startswith("suppliers/"), loose
        assert any(loc.startswith("guides/") for loc in loose), loose
    with open_page(browser, base_url) as page:
        page.goto("")
        with showing(page, "a quoted phrase keeps only entries holding it", ".md-search-result"):
            search(page, f'"{phrase}"')
            expect(page.locator(".md-search-result__meta")).to_contain_text("the phrase")
            shown = _shown_locations(page)
            sections = [loc for loc in shown if "#" in loc]
            assert sections, shown
            assert all(loc in holding for loc in sections), (sections, holding)
            pages = {loc.split("#")[0] for loc in shown}
            assert pages <= {loc.split("#")[0] for loc in holding}, (pages, holding)
            assert len(shown) < len(loose), (shown, loose)
            # a supplier page that holds the phrase comes first (Brennwald's handover and
            # Rheinhafen's who-to-call card both do)
            assert shown[0] in {"suppliers/brennwald-druckguss/",
                                "suppliers/rheinhafen-kontraktlogistik/"}, shown


def test_listing_tables_fit_at_1280_and_390(browser: Browser, base_url: str) -> None:
    for width in (1280, 390):
        with open_page(browser, base_url, width=width) as page:
            for path in ("suppliers/", "agenda/", "actions/", "handovers/"):
                page.goto(path)
                page.locator(".hb-filter-bar").first.wait_for()
                sizes = page.evaluate("""() => Array.from(
                    document.querySelectorAll('article table[data-hb-cards]')).map(t => {
                      const w = t.closest('.md-typeset__scrollwrap') || t.parentElement;
                      return [t.scrollWidth, w.clientWidth]; })""")
                assert sizes, path
                with showing(page, f"{path} at {width} px needs no sideways scroll"):
                    assert all(table <= wrap for table, wrap in sizes), sizes
                    assert page.evaluate("document.documentElement.scrollWidth") <= width
