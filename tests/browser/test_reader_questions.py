"""A scripted reader with questions that span suppliers: from the home page, each answer is
on the first or second page visited (the home page counts as the first).

The reader clicks what a person would click: a tab of the top navigation, then the page's own
drop-downs (a filter is not a page visit). Each answer's text is asserted on that page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from tests.browser.harness import MAIN, expect, showing

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROWS_JS = """el => Array.from(el.querySelectorAll('tbody tr'))
    .filter(row => !row.hidden && row.offsetParent !== null)
    .map(row => Array.from(row.cells).map(cell => cell.textContent.trim()))"""


class Reader:
    """Counts the pages a reader loads, starting from the home page."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.visits: list[str] = []
        page.on("load", lambda _page: self.visits.append(page.url))
        page.goto("")

    def tab(self, name: str) -> None:
        self.page.locator(".md-tabs").get_by_role("link", name=name, exact=True).click()
        self.page.wait_for_load_state("load")

    def choose(self, label: str, value: str) -> None:
        self.page.locator(f'select[data-filter="{label}"]').select_option(value)

    def rows(self, selector: str = MAIN) -> list[list[str]]:
        rows: list[list[str]] = self.page.locator(selector).first.evaluate(ROWS_JS)
        return rows


@dataclass(frozen=True)
class Question:
    text: str
    answer: Callable[[Reader], None]


def missed_check_in(r: Reader) -> None:
    r.tab("Agenda")
    missed = [row for row in r.rows(f"{MAIN} h2:has-text('Missed (') + .md-typeset__scrollwrap")
              if row[1] == "Check-in"]
    assert [row[3].split(" (")[0] for row in missed] == ["Ingrid Kjølberg"]
    expect(r.page.locator(MAIN)).to_contain_text("2026-11-18 missed")


def check_ins_this_week(r: Reader) -> None:
    r.tab("Agenda")
    r.choose("Kind", "Check-in")
    week = r.rows(f"{MAIN} h2#week-of-2026-11-23 + .md-typeset__scrollwrap")
    people = sorted(row[4] for row in week)
    assert people == ["Jiří Svoboda (theirs)", "Lucie Novotná (theirs)",
                      "Martin Král (theirs)"], people


def high_impact_without_escalation(r: Reader) -> None:
    r.tab("Suppliers")
    r.choose("Impact", "high")
    r.choose("Escalation path", "none")
    assert [row[0] for row in r.rows()] == ["Dongguan Huaxin Precision Manufacturing Co., Ltd."]


def owned_before_and_owner_now(r: Reader) -> None:
    r.tab("Handovers")
    r.choose("From", "Henrik Dahl")
    rows = r.rows()
    assert [(row[1], row[3], row[4]) for row in rows] == [
        ("Cartonnages Morvan SAS", "Tomasz Nowak", "Ines Carvalho"),
        ("Kjølberg Lim AS", "Marco Bellini", "Marco Bellini")], rows


def overdue_actions_of_a_person(r: Reader) -> None:
    r.tab("Joint actions")
    r.choose("Owner (either side)", "Nadia Haddad")
    r.choose("Status", "overdue")
    rows = r.rows()
    assert [(row[1], row[2]) for row in rows] == [
        ("Dongguan Huaxin Precision Manufacturing Co., Ltd.", "JAP-2"),
        ("Vantor Elektronika s.r.o.", "JAP-2")], rows


def reviews_not_held_with_the_supplier(r: Reader) -> None:
    r.tab("Suppliers")
    r.choose("Review held", "our side only")
    names = sorted(row[0] for row in r.rows())
    assert names == ["Calder Technical Services B.V.", "Kjølberg Lim AS",
                     "Vantor Elektronika s.r.o."], names


QUESTIONS = [
    Question("Which check-in was already missed?", missed_check_in),
    Question("Which check-ins fall this week?", check_ins_this_week),
    Question("Which high-impact suppliers have no escalation path?",
             high_impact_without_escalation),
    Question("Which suppliers did Henrik Dahl own before, and who owns them now?",
             owned_before_and_owner_now),
    Question("Which overdue actions does Nadia Haddad own?", overdue_actions_of_a_person),
    Question("Which reviews were not held with the supplier?",
             reviews_not_held_with_the_supplier),
]


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.answer.__name__ for q in QUESTIONS])
def test_answer_is_on_the_first_or_second_page(page: Page, question: Question) -> None:
    reader = Reader(page)
    with showing(page, question.text):
        question.answer(reader)
    assert len(reader.visits) <= 2, (question.text, reader.visits)
    assert len(reader.visits) >= 1
