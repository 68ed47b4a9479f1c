"""Material for MkDocs' pages as the site search reads and changes them.

Owns the HTML Material writes, read with Python's HTML parser one start tag at a time
(``start_tags``): its configuration block (``material_config``), where the page names the
search worker, swapped for the handbook's Pagefind worker (``use_search_worker``), and its
article (``material_article``); a page of Material not shaped as expected stops the build,
naming the installed Material (``MaterialShapeError``). Also Material's own search index,
which keeps its settings only: every page is told through Material's ``search: exclude``
front matter to leave no document there (``keep_out_of_material_index``), and the
written ``search/search_index.json`` is emptied of documents (``empty_material_index``).
What Pagefind indexes of a page is ``search_documents``; the index itself, ``search``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, MutableMapping
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from typing import Any

from supplier_handbook.base.errors import HandbookError

WORKER = "assets/search-worker.js"
IGNORE = 'data-pagefind-ignore="all"'  # Pagefind's own mark (Material strips data-search-*)
_MATERIAL_WORKER = re.compile(r"assets/javascripts/workers/search\.[0-9a-f]+\.min\.js")
TESTED_MATERIAL = "9.x (the minor range pinned in pyproject.toml)"


def material_version() -> str:
    """The installed Material for MkDocs, for the error that says its HTML is not the
    expected shape."""
    try:
        return metadata.version("mkdocs-material")
    except metadata.PackageNotFoundError:
        return "(not installed)"


class MaterialShapeError(HandbookError):
    """A built page is not shaped as the handbook's search expects Material's pages to be
    (a Material release changed its templates): the build stops instead of publishing a
    search that finds nothing."""

    def __init__(self, what: str, url: str) -> None:
        super().__init__(
            f"search: {what} not found in the page {url or '(index)'} built by Material for "
            f"MkDocs {material_version()}; the handbook's search was made for Material "
            f"{TESTED_MATERIAL}: install that (pip install -r requirements.txt)")


class _FirstTag(HTMLParser):
    """The first start tag of a piece of HTML, as the HTML parser reads it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.tag: str | None = None
        self.attrs: dict[str, str | None] = {}
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.tag is None:
            self.tag, self.attrs, self.text = tag, dict(attrs), self.get_starttag_text() or ""


def start_tags(page: str, prefix: str, start: int = 0,
               stop: int | None = None) -> Iterator[tuple[int, int, str, dict[str, str | None]]]:
    """Every start tag in ``page[start:stop]`` whose name begins with ``prefix``: (its start,
    its end, its name, its attributes), each read by Python's HTML parser (quoting,
    attribute order, character references, a ``>`` inside a quoted value). Only the tags
    are parsed, not the whole page: a large handbook has thousands of pages, and the parser
    reads a few megabytes a second."""
    pos = page.find(f"<{prefix}", start, stop)
    while pos != -1:
        parser = _FirstTag()
        end = page.find(">", pos, stop)
        while end != -1:
            parser.reset()
            parser.feed(page[pos:end + 1])
            if parser.tag is not None:
                yield pos, end + 1, parser.tag, parser.attrs
                break
            end = page.find(">", end + 1, stop)
        pos = page.find(f"<{prefix}", pos + 1, stop)


def _classes(attrs: Mapping[str, str | None]) -> list[str]:
    return (attrs.get("class") or "").split()


def element_text(page: str, name: str) -> tuple[int, int, dict[str, str | None]] | None:
    """The first ``<name>`` element whose content is text to its end tag (``script``,
    ``title``: the parser reads them as raw text): (content start, content end, attrs)."""
    for _, end, tag, attrs in start_tags(page, name):
        if tag == name:
            close = page.find(f"</{name}", end)
            return (end, close, attrs) if close != -1 else None
    return None


def material_config(page: str) -> tuple[int, int] | None:
    """Where Material's configuration block (``<script id="__config">``, JSON) holds its
    JSON in ``page``; ``None`` when the page has none."""
    for _, end, tag, attrs in start_tags(page, "script"):
        if tag == "script" and attrs.get("id") == "__config":
            close = page.find("</script", end)
            return (end, close) if close != -1 else None
    return None


def material_article(page: str) -> tuple[int, int, int, dict[str, str | None]] | None:
    """Material's article (``<article class="md-content__inner ...">``): (its start tag's
    start, its content's start, its content's end, its attributes); ``None`` without one.
    The content ends at the page's last ``</article>`` (the page's own text cannot hold an
    article: supplier text is sanitised, see ``textfmt``)."""
    for pos, end, tag, attrs in start_tags(page, "article"):
        if tag == "article" and "md-content__inner" in _classes(attrs):
            close = page.rfind("</article>")
            return (pos, end, close, attrs) if close >= end else None
    return None



def search_excluded(meta: Mapping[str, Any]) -> bool:
    """Whether a page's front matter keeps it out of search (``search: {exclude: true}``)."""
    search = meta.get("search")
    return isinstance(search, Mapping) and bool(search.get("exclude"))


def use_search_worker(output: str, exclude: bool = False, *, material: bool = False,
                      url: str = "") -> str:
    """A built page whose search box asks the handbook's search worker (Pagefind) instead of
    Material's (which would load and index the whole site first): the worker's address in
    Material's configuration block is replaced, the rest of the page stays as it was. A page
    that says ``search: exclude: true`` (Material's own setting) has its article marked,
    and stays out of the index. Pages of another theme are returned as they are; a page of
    Material (``material``) without the block, or with a block of another shape, stops the
    build (``MaterialShapeError``): a search box asking Material's worker would find
    nothing."""
    if exclude:
        article = material_article(output)
        if article is not None:
            cut = article[0] + len("<article")
            output = f"{output[:cut]} {IGNORE}{output[cut:]}"
    return _with_worker(output, material, url)


def _with_worker(output: str, material: bool, url: str) -> str:
    """The page with the handbook's worker in Material's configuration block."""
    where = material_config(output)
    if where is None:
        if material:
            raise MaterialShapeError('the configuration block (<script id="__config">)', url)
        return output
    start, end = where
    block = output[start:end]
    try:
        config = json.loads(block)
    except ValueError:
        config = None
    worker = config.get("search") if isinstance(config, dict) else None
    old = json.dumps(worker)
    if not isinstance(worker, str) or not _MATERIAL_WORKER.search(worker) or old not in block:
        if material:
            raise MaterialShapeError("the search worker in the configuration block", url)
        return output
    new = json.dumps(_MATERIAL_WORKER.sub(WORKER, worker, count=1))
    return output[:start] + block.replace(old, new, 1) + output[end:]


def keep_out_of_material_index(meta: MutableMapping[str, Any]) -> bool:
    """Material's search plugin, told through the page's front matter (Material's own
    ``search: exclude: true``) to keep no document of the page: it still writes
    ``search/search_index.json`` with its settings (its page script reads them), but no
    longer reads every built page for an index nobody loads (the worker answers from
    Pagefind). Returns whether the page's own front matter excluded it from search (the
    handbook keeps that page out of Pagefind's index too)."""
    excluded = search_excluded(meta)
    search = meta.get("search")
    meta["search"] = {**(search if isinstance(search, Mapping) else {}), "exclude": True}
    return excluded


def empty_material_index(path: Path) -> None:
    """Material's page script still fetches ``search/search_index.json`` for its settings
    before it starts the worker: keep the settings, drop the documents (the worker reads
    Pagefind's index instead)."""
    if not path.is_file():
        return
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({"config": data.get("config", {}), "docs": []},
                               separators=(",", ":")), encoding="ascii")
