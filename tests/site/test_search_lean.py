"""The search index (Pagefind's, read back from its fragments) holds no listing table: pages
that list suppliers are indexed by their headings and text, and each supplier's facts (a
contact's name, the category, an action's text) are found on that supplier's own page."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from supplier_handbook.site.search import indexed_entries
from supplier_handbook.site.search_documents import is_listing_page


def _page_key(location: str) -> str:
    """The page a search entry belongs to: its location without the fragment."""
    return location.split("#", 1)[0]


LISTINGS = ("", "suppliers/", "actions/", "agenda/", "handovers/", "owners/",
            "culture-check/")


class _Cells(HTMLParser):
    """The text of every table cell of a page's article, and its text outside tables."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.outside: list[str] = []
        self.article = 0
        self.table = 0
        self.cell = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.article += tag == "article"
        self.table += tag == "table"
        if tag in ("td", "th"):
            self.cell += 1
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        self.article -= tag == "article"
        self.table -= tag == "table"
        self.cell -= tag in ("td", "th")

    def handle_data(self, data: str) -> None:
        if self.cell:
            self.cells[-1] += data
        elif self.article and not self.table:
            self.outside.append(data)


@pytest.fixture(scope="module")
def site(demo_site: Path) -> Path:
    """The demo handbook, built (shared by the session: read only)."""
    return demo_site


def indexed(site: Path) -> dict[str, str]:
    pages: dict[str, str] = {}
    for doc in indexed_entries(site):
        key = _page_key(doc["location"])
        pages[key] = pages.get(key, "") + " " + doc["title"] + " " + doc["text"]
    return pages


def test_listing_tables_are_not_in_the_search_index(site: Path) -> None:
    pages = indexed(site)
    checked = 0
    for url in ("", "owners/", "culture-check/"):  # found by their headings and text
        assert url in pages, url or "the dashboard"
    for url in LISTINGS:  # some are kept out of the index entirely
        if url not in pages:
            continue
        parser = _Cells()
        parser.feed((site / url / "index.html").read_text(encoding="utf-8"))
        outside = " ".join(" ".join(parser.outside).split())
        cells = {" ".join(c.split()) for c in parser.cells if len(c.strip()) >= 12}
        # a cell's text may be in the index only where the page also says it outside tables
        leaked = sorted(c for c in cells
                        if c in " ".join(pages[url].split()) and c not in outside)
        assert leaked == [], url
        checked += len(cells)
    assert checked > 10  # the listing pages in the index do have tables


def test_a_supplier_is_found_by_contact_category_and_action(site: Path) -> None:
    page = indexed(site)["suppliers/brennwald-druckguss/"]
    for fact in ("Katrin Vogt", "Aluminium die-cast housings",
                 "13-week forecast with a 4-week frozen zone"):
        assert fact in page


def test_the_material_index_holds_no_documents(site: Path) -> None:
    """Material's page script still reads its settings from search_index.json; the documents
    are in Pagefind's fragments, loaded only as a query needs them."""
    text = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"docs":[]' in text and len(text) < 2_000
    assert len(list((site / "pagefind" / "fragment").glob("*.pf_fragment"))) > 20  # a page each
    html = (site / "suppliers" / "brennwald-druckguss" / "index.html").read_text("utf-8")
    assert '"../../assets/search-worker.js"' in html and "javascripts/workers/" not in html
    assert (site / "assets" / "search-worker.js").is_file()


@pytest.mark.parametrize(("src", "listing"), [
    ("index.md", True), ("suppliers/index.md", True), ("owners/dana-okafor.md", True),
    ("actions.md", True), ("suppliers/acme.md", False), ("suppliers/acme/handover.md", False),
])
def test_which_pages_are_listings(src: str, listing: bool) -> None:
    assert is_listing_page(src) is listing
