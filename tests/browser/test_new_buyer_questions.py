"""A scripted new buyer: eight questions about the example suppliers, each answered on at most
the second page visited from the home page (the home page counts as the first). Each test
asserts the answer's own text on the page where the reader finds it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.browser.harness import MAIN, expect, showing

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page

ATTENTION = f"{MAIN} h2#attention-list ~ h3"


class Reader:
    """Counts the pages a reader visits, starting from the home page."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.visited: list[str] = []
        page.goto("")
        self._seen()

    def _seen(self) -> None:
        expect(self.page.locator(f"{MAIN} h1")).to_be_visible()
        self.visited.append(self.page.url)
        assert len(self.visited) <= 2, f"the answer needed a third page: {self.visited}"

    def follow(self, link: Locator) -> None:
        link.click()
        self.page.wait_for_url(lambda url: url not in self.visited)
        self._seen()

    def attention_item(self, supplier: str) -> Locator:
        """The attention-list entry of ``supplier``: its heading and the list after it."""
        heading = self.page.locator(ATTENTION, has_text=supplier)
        expect(heading).to_have_count(1)
        return heading.locator("xpath=following-sibling::ul[1]")


def test_whom_to_call_first_at_vantor_and_on_which_number(page: Page) -> None:
    reader = Reader(page)
    reader.follow(page.locator(f"{ATTENTION} a", has_text="Vantor Elektronika s.r.o."))
    first = page.locator(f"{MAIN} .hb-call ol > li").first
    with showing(page, "the card names the first person on the path, with the phone"):
        expect(first).to_contain_text(
            "Lucie Novotná, Key Account Manager · phone +420 545 555 031")
        expect(first).to_be_in_viewport()


def test_what_is_overdue_at_vantor_and_who_owns_it(page: Page) -> None:
    reader = Reader(page)
    with showing(page, "the dashboard names the overdue action and both owners"):
        expect(reader.attention_item("Vantor Elektronika")).to_contain_text(
            "JAP-2 (ours: Nadia Haddad, theirs: Jiří Svoboda) was due 2026-11-15, 8 days ago")


def test_the_worst_health_dimension_of_vantor(page: Page) -> None:
    reader = Reader(page)
    with showing(page, "the dashboard names the worst dimension"):
        expect(reader.attention_item("Vantor Elektronika")).to_contain_text(
            "worst now: Conflict resolution and Innovation (red)")


def test_what_the_last_owner_of_brennwald_warned_about(page: Page) -> None:
    reader = Reader(page)
    reader.follow(page.locator(f"{MAIN} table a", has_text="Brennwald Druckguss GmbH"))
    with showing(page, "the supplier page shows the newest handover's notes"):
        section = page.locator(f"{MAIN} h3", has_text="2026-03-02: Marco Bellini to Jana Horvath")
        expect(section).to_be_visible()
        expect(page.locator(f"{MAIN}")).to_contain_text(
            "Katrin answers calls, not e-mail; a short WhatsApp before a call is welcome.")


def test_which_suppliers_elif_demir_holds(page: Page) -> None:
    reader = Reader(page)
    reader.follow(page.locator(f"{ATTENTION} ~ p a", has_text="Elif Demir").first)
    with showing(page, "the owner page lists her suppliers, each as a section"):
        expect(page.locator(f"{MAIN} h1")).to_contain_text("Elif Demir: your suppliers")
        expect(page.locator(f"{MAIN}")).to_contain_text("1 supplier relationship")
        expect(page.locator(f"{MAIN} h2", has_text="Vantor Elektronika s.r.o.")).to_be_visible()


def test_which_high_impact_supplier_has_no_escalation_path(page: Page) -> None:
    reader = Reader(page)
    with showing(page, "the dashboard flags the supplier and says whom to ask"):
        expect(reader.attention_item("Dongguan Huaxin")).to_contain_text(
            "No escalation path: This high-impact supplier has no escalation path")
        expect(reader.attention_item("Dongguan Huaxin")).to_contain_text(
            "Henrik Dahl should agree the escalation path with Li Wei")


def test_who_held_cartonnages_morvan_before_the_current_owner(page: Page) -> None:
    reader = Reader(page)
    with showing(page, "the handover-missing flag names the last recorded and the current owner"):
        expect(reader.attention_item("Cartonnages Morvan")).to_contain_text(
            "The last recorded owner is Tomasz Nowak")
        expect(reader.attention_item("Cartonnages Morvan")).to_contain_text(
            "the owner now is Ines Carvalho (since 2026-10-12)")


def test_how_long_ingrid_kjolberg_has_been_quiet_and_whom_to_call_instead(page: Page) -> None:
    reader = Reader(page)
    with showing(page, "the dashboard says how long ago the last contact was"):
        expect(reader.attention_item("Kjølberg Lim AS")).to_contain_text(
            "Last contact with Ingrid Kjølberg 82 days ago (2026-09-02), alliance check-in "
            "every 14 days")
    reader.follow(page.locator(f"{ATTENTION} a", has_text="Kjølberg Lim AS"))
    with showing(page, "the card gives the first person on the path, with the phone"):
        expect(page.locator(f"{MAIN} .hb-call ol > li").first).to_contain_text(
            "Håkon Berg")
        expect(page.locator(f"{MAIN} .hb-call ol > li").first).to_contain_text(
            "phone +47 55 55 01 12")
