"""Search shows the sentence, not Markdown: each result shows the sentence around the match
as the page shows it (no ``*``, ``_`` or other marks of the file's Markdown), whole; a search
for a person's name lists their own page first, and a supplier's name its page first."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.browser.harness import search, search_result_paths, showing

if TYPE_CHECKING:
    from playwright.sync_api import Page

RESULTS = ".md-search-result"
# Each result: its title (h1 or h2) and the text after it (Material writes the excerpt as the
# article's own text, after the title).
TEXTS_JS = """() => Array.from(document.querySelectorAll(
    '.md-search-result__item article')).map(a => {
      const title = a.querySelector('h1, h2');
      const text = Array.from(a.childNodes).filter(n => n !== title && !(n.classList &&
        n.classList.contains('md-search-result__icon'))).map(n => n.textContent).join('');
      return {title: title ? title.textContent : '', text: text.replace(/\\s+/g, ' ').trim()};
    })"""


def result_texts(page: Page) -> list[dict[str, str]]:
    found: list[dict[str, str]] = page.evaluate(TEXTS_JS)
    return found


def test_a_snippet_is_the_whole_sentence_without_markdown_marks(page: Page) -> None:
    page.goto("")
    with showing(page, "searching 'resin shortage' (a handover note written with *is*)",
                 RESULTS):
        search(page, "resin shortage")
        texts = result_texts(page)
        assert texts, "no result"
        marked = [t for t in texts if "*" in t["text"] or "*" in t["title"]]
        assert not marked, marked
        handover = [t for t in texts if "resin shortage" in t["text"]
                    and "Handover" in t["title"]]
        assert handover, texts
        assert handover[0]["text"] == (
            "Ingrid Kjølberg is the relationship: she signed the JDA because she liked how we "
            "handled the 2024 resin shortage."), handover[0]


@pytest.mark.parametrize(("query", "path"), [
    ("Elif Demir", "/owners/elif-demir/"),
    ("Marco Bellini", "/owners/marco-bellini/"),
    ("Kjølberg Lim", "/suppliers/kjolberg-lim/"),
    ("Vantor Elektronika", "/suppliers/vantor-elektronika/"),
])
def test_a_name_lists_its_own_page_first(page: Page, query: str, path: str) -> None:
    page.goto("")
    with showing(page, f"searching {query!r}: {path} first", RESULTS):
        search(page, query)
        paths = search_result_paths(page)
        assert paths and paths[0] == path, paths
