"""The agenda: its counts follow the filter ("Missed (3 of 7)" above three rows), a date range
(with "next 7 days" from the as-of date, whatever the day of the week) narrows it, and its
first paragraph lists only the kinds of items it holds (no meetings promised when none is
dated)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

from tests.browser.harness import MAIN, expect, showing
from tests.conftest import AS_OF_TEXT as AS_OF

if TYPE_CHECKING:
    from playwright.sync_api import Page

# Each visible week: its heading and the dates of its visible rows.
WEEKS_JS = """main => Array.from(document.querySelectorAll(main + ' h2')).filter(h => !h.hidden
    && h.nextElementSibling && h.nextElementSibling.querySelector('table[data-hb-cards]'))
  .map(h => ({heading: h.textContent.replace('¶', '').trim(),
    dates: Array.from(h.nextElementSibling.querySelectorAll('tbody tr'))
      .filter(r => !r.hidden).map(r => r.cells[0].textContent.trim().slice(0, 10))}))"""


def weeks(page: Page) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = page.evaluate(WEEKS_JS, MAIN)
    return found


def test_the_missed_count_follows_the_filter(page: Page) -> None:
    page.goto("agenda/")
    owner = page.locator(f"{MAIN} select[data-filter='Person']")
    with showing(page, "the agenda, unfiltered: 'Missed (7)'"):
        expect(owner).to_be_visible()
        first = weeks(page)[0]
        assert first["heading"] == "Missed (7)", first
    owner.select_option("Elif Demir")
    with showing(page, "Elif Demir's items: every heading counts the rows it shows"):
        expect(page.locator(f"{MAIN} .hb-filter-status")).to_contain_text(" of 40 shown")
        shown = weeks(page)
        missed = shown[0]
        assert missed["heading"] == f"Missed ({len(missed['dates'])} of 7)", missed
        assert 0 < len(missed["dates"]) < 7, missed


def test_next_seven_days_spans_the_weeks(page: Page) -> None:
    page.goto("agenda/")
    page.get_by_role("button", name="next 7 days").click()
    with showing(page, "next 7 days: the items from the as-of date to six days later"):
        expect(page.locator(f"{MAIN} .hb-filter-status")).to_contain_text(" of 40 shown")
        shown = weeks(page)
        dates = [d for w in shown for d in w["dates"]]
        assert dates and all(AS_OF <= d <= "2026-11-29" for d in dates), shown
        assert parse_qs(urlsplit(page.url).query) == {
            "date-from": [AS_OF], "date-to": ["2026-11-29"]}, page.url
    page.reload()
    with showing(page, "reloaded: the same range"):
        expect(page.locator(f"{MAIN} input[data-filter='Date from']")).to_have_value(AS_OF)
        assert [d for w in weeks(page) for d in w["dates"]] == dates
    page.get_by_role("button", name="any date").click()
    expect(page.locator(f"{MAIN} .hb-filter-status")).to_have_text("40 shown")


def test_the_agenda_promises_only_what_it_lists(page: Page) -> None:
    page.goto("agenda/")
    intro = page.locator(f"{MAIN} h1 + p")
    with showing(page, "the demo dates no meeting: the agenda says so, and promises none"):
        expect(intro).to_contain_text("No meeting is planned")
        expect(intro).not_to_contain_text("planned meetings")
        expect(intro).to_contain_text("a week starts on Monday")


PERSON_CELLS_JS = """main => Array.from(
      document.querySelectorAll(main + ' table[data-hb-cards] tbody tr'))
    .filter(row => !row.hidden).map(row => row.cells[5].textContent.trim())"""


def test_a_person_is_matched_by_the_whole_name(page: Page) -> None:
    """The Person filter matches a whole name among the comma-separated *Our people*, never
    the beginning of another name: "Elif Demir" keeps no row of "Elif Demirel", and a person
    named second in a cell ("Elif Demir, Stefan Wolf") is found."""

    def with_a_longer_name(route: Any) -> None:  # Marco Bellini's rows also name Elif Demirel
        response = route.fetch()
        body = response.text().replace("<td>Marco Bellini</td>",
                                        "<td>Marco Bellini, Elif Demirel</td>")
        route.fulfill(response=response, body=body)

    page.route("**/agenda/", with_a_longer_name)
    page.goto("agenda/")
    person = page.locator(f"{MAIN} select[data-filter='Person']")
    expect(person).to_be_visible()
    every: list[str] = page.evaluate(PERSON_CELLS_JS, MAIN)
    assert sum("Elif Demirel" in c for c in every) == 5, every
    person.select_option("Elif Demir")
    with showing(page, "Elif Demir: her rows, none of Elif Demirel's"):
        cells: list[str] = page.evaluate(PERSON_CELLS_JS, MAIN)
        assert cells and all("Elif Demir" in c.split(", ") for c in cells), cells
        assert len(cells) == sum("Elif Demir" in c.split(", ") for c in every), cells
    person.select_option("Stefan Wolf")
    with showing(page, "Stefan Wolf, named second in his rows, is found"):
        cells = page.evaluate(PERSON_CELLS_JS, MAIN)
        assert cells == ["Elif Demir, Stefan Wolf"] * 2, cells
