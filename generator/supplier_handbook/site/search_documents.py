"""What Pagefind indexes of each built page: one small document per page, in a folder of
their own.

Owns the document of a page (``page_document``: Material's article, its permalink signs
left out; on a supplier page, each contact, action, handover and review as a heading at its
anchor in place of the sections they replace, ``item_headings``), the pages that list
suppliers, whose tables stay out of the index (``is_listing_page``,
``mark_listing_tables``), and the folder of documents kept across the rebuilds of a serve
(``Documents``: a page's document is written again only when its built file or its
supplier's items changed). Material's HTML is read by ``search_material``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from supplier_handbook.derive.portfolio import Derived
from supplier_handbook.render.search_items import (
    REPLACED_SECTIONS,
    handover_section,
    item_documents,
)
from supplier_handbook.site.search_material import (
    IGNORE,
    MaterialShapeError,
    element_text,
    material_article,
    material_config,
    start_tags,
)

INDEX_FOLDER = "pagefind"
_TABLE = re.compile(r"<table\b")


def is_listing_page(src_uri: str) -> bool:
    """A generated page that lists suppliers: every one but a supplier's own pages. Its
    tables stay out of the search index (its headings and text stay in): each supplier's
    facts are found on the supplier's own page, and the index stays small."""
    folder, _, rest = src_uri.partition("/")
    return not (folder == "suppliers" and rest != "index.md")


def mark_listing_tables(html: str, src_uri: str, generated: bool) -> str:
    """The page's HTML with its tables kept out of the index, when it is a listing."""
    if generated and is_listing_page(src_uri):
        return _TABLE.sub(f"<table {IGNORE}", html)
    return html



def _headings(article: str) -> list[tuple[int, int, str]]:
    """(start, level, id) of every heading of ``article``."""
    return [(pos, int(tag[1]), attrs.get("id") or "")
            for pos, _, tag, attrs in start_tags(article, "h")
            if len(tag) == 2 and tag[1] in "123456"]


def _cut_sections(article: str) -> str:
    """A supplier page's article without the sections that the item entries replace."""
    heads = _headings(article)
    kept: list[str] = []
    position = 0
    for n, (start, level, name) in enumerate(heads):
        if start < position:
            continue
        if name in REPLACED_SECTIONS or handover_section(name):
            kept.append(article[position:start])
            position = next((h[0] for h in heads[n + 1:] if h[1] <= level), len(article))
    kept.append(article[position:])
    return "".join(kept)


def item_headings(derived: Derived) -> str:
    """A supplier's items as headings, each at its anchor: Pagefind makes a section of each
    (its own result, under the supplier page, linking to the item)."""
    parts = []
    for doc in item_documents(derived):  # HTML-escaped
        anchor = html.escape(doc["location"].partition("#")[2])
        parts.append(f'<h4 id="{anchor}">{doc["title"]}</h4><p>{doc["text"]}</p>')
    return "".join(parts)


def page_document(page_html: str, url: str, items: str = "", *,
                  material: bool = False) -> str | None:
    """What Pagefind indexes of one built page: its article, as a small document of its own,
    and, on a supplier page, its ``items`` in place of the sections they replace; ``None``
    for a page without an article or one that stays out of search. A page of Material
    (``material``: the site's theme; the page has Material's configuration block) without
    Material's article stops the build (``MaterialShapeError``), never an empty search."""
    found = material_article(page_html)
    if found is None:
        if material and material_config(page_html) is not None:
            raise MaterialShapeError('the article (<article class="md-content__inner">)', url)
        return None
    _, start, end, attrs = found
    if "data-pagefind-ignore" in attrs:
        return None  # marked to stay out
    article = page_html[start:end]
    supplier = url.startswith("suppliers/") and url != "suppliers/"
    if supplier:
        article = _cut_sections(article) + items
    title = element_text(page_html, "title")
    text = page_html[title[0]:title[1]] if title is not None else ""
    return (f'<html lang="en"><head><title>{text}</title></head>'
            f"<body><article data-pagefind-body>{article}</article></body></html>")


def built_pages(site: Path) -> Iterable[tuple[str, Path]]:
    """Every built page of the site as (URL relative to the site, file), the 404 page and
    the index's own folder left out."""
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel == "404.html" or rel.startswith((f"{INDEX_FOLDER}/", ".")):
            continue
        yield (rel[: -len("index.html")] if rel.endswith("index.html") else rel), path


class Documents:
    """What Pagefind indexes of each built page, in a folder of their own (same paths as
    the site). Kept across the rebuilds of ``mkdocs serve``: a page's document is written
    again only when its built file or its supplier's items changed, so that indexing after
    a save reads the few pages MkDocs rebuilt, not the whole site (at 1,000 suppliers,
    reading every page took the server's Python time while a reader waited for a page)."""

    def __init__(self, folder: Path, material: bool = False) -> None:
        self.folder = folder
        self.material = material  # the site's theme is Material (``page_document``)
        self._seen: dict[str, tuple[int, int, str]] = {}  # document -> built file and items
        self._present: set[str] = set()  # the documents in the folder
        self._items: dict[str, tuple[Derived, str]] = {}  # slug -> its items' headings
        self.written = 0  # documents the last update wrote

    def _headings(self, suppliers: Sequence[Derived]) -> dict[str, str]:
        kept: dict[str, tuple[Derived, str]] = {}
        for d in suppliers:
            hit = self._items.get(d.slug)
            kept[d.slug] = hit if hit is not None and hit[0] is d else (d, item_headings(d))
        self._items = kept
        return {f"suppliers/{slug}/": text for slug, (_, text) in kept.items()}

    def update(self, site: Path, suppliers: Sequence[Derived]) -> int:
        """Bring the folder to the built ``site``; returns how many documents it holds."""
        items = self._headings(suppliers)
        seen: dict[str, tuple[int, int, str]] = {}
        self.written = 0
        for url, path in built_pages(site):
            info = path.stat()
            target = self.folder / path.relative_to(site)
            key = (info.st_mtime_ns, info.st_size, items.get(url, ""))
            if self._seen.get(str(target)) == key:
                seen[str(target)] = key
                continue
            seen[str(target)] = key
            document = page_document(path.read_text(encoding="utf-8"), url, key[2],
                                     material=self.material)
            if document is None:  # no article, or one that stays out of search
                target.unlink(missing_ok=True)
                self._present.discard(str(target))
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(document, encoding="utf-8")
            self._present.add(str(target))
            self.written += 1
        for gone in self._seen.keys() - seen.keys():
            Path(gone).unlink(missing_ok=True)
            self._present.discard(gone)
        self._seen = seen
        return len(self._present)
