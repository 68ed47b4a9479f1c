"""Site search: a static Pagefind index that the browser loads in fragments, answering
Material's own search box.

Material's search loads the whole ``search/search_index.json`` and indexes it in the browser
before it can answer: seconds at a thousand suppliers. Here the index is built once, at build
time, by Pagefind (``pagefind[bin]``, a binary from the package index): the browser loads a
small entry file, then only the fragments a query needs, all from the site itself (offline,
same origin). Material's search box stays as it is: its page script still asks a search
worker, and the worker named in each page is ``assets/search-worker.js``, which answers from
Pagefind (Material documents a custom worker as the way to bring one's own search).

What goes into the index (``Documents``: one small document per page, indexed from a
staging folder by one run of Pagefind's binary):
- every page's article (``article.md-content__inner``), its permalink signs left out; the
  HTML Material writes is read with Python's HTML parser (``start_tags``), and a page not
  shaped as expected stops the build, naming the installed Material (``MaterialShapeError``);
- pages that list suppliers keep their headings and text, not their tables
  (``is_listing_page``, ``mark_listing_tables``): each supplier's facts are found on the
  supplier's own page;
- each contact, action, handover and review is a section of its supplier page's document,
  a heading at the item's anchor (``item_headings``, from ``search_items.item_documents``),
  so Pagefind returns it as a result of its own under the page; the sections of the
  supplier page those items replace are left out (no text twice);
- no Pagefind filters: their files depend on the order in which Pagefind happens to read
  the pages, and two builds of one commit must be identical. The worker ranks supplier
  pages (``suppliers/<slug>/...``) above the others among the results it reads.
"""

from __future__ import annotations

import gzip
import html
import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Iterator, Mapping, MutableMapping, Sequence
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from typing import Any

from supplier_handbook.base.errors import HandbookError
from supplier_handbook.derive.portfolio import Derived
from supplier_handbook.render.search_items import (
    REPLACED_SECTIONS,
    handover_section,
    item_documents,
)

log = logging.getLogger("mkdocs.plugins.handbook")

WORKER = "assets/search-worker.js"
INDEX_FOLDER = "pagefind"
IGNORE = 'data-pagefind-ignore="all"'  # Pagefind's own mark (Material strips data-search-*)
_TABLE = re.compile(r"<table\b")
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


def _element_text(page: str, name: str) -> tuple[int, int, dict[str, str | None]] | None:
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
    title = _element_text(page_html, "title")
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


def run_pagefind(documents: Path, output: Path) -> None:
    """Index the folder of documents into ``output`` with Pagefind's binary (it writes every
    file before it exits). Its settings go in a ``pagefind.json`` beside the documents."""
    from pagefind.service import get_executable

    binary = get_executable()
    if binary is None:
        raise RuntimeError("Pagefind's binary is missing: pip install 'pagefind[bin]'")
    settings = {"site": documents.name, "output_path": str(output), "force_language": "en",
                "exclude_selectors": [".headerlink", ".hb-l"]}
    (documents.parent / "pagefind.json").write_text(json.dumps(settings), encoding="utf-8")
    done = subprocess.run([str(binary), "--silent"], cwd=documents.parent,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"Pagefind failed: {(done.stderr or done.stdout).strip()[-500:]}")


def write_index(site: Path, suppliers: Sequence[Derived],
                documents: Documents | None = None, material: bool = False) -> Path:
    """Build the Pagefind index of the built ``site`` into ``site/pagefind``. The documents
    to index are written in a folder of their own (``documents``, kept by a serve, or a
    temporary one); the index is written aside in the site and moved in, the entry file
    last, and the older fragments are kept: a page that loaded the previous entry still
    finds its fragments (``handbook serve`` indexes again after each save)."""
    target = site / INDEX_FOLDER
    scratch = None
    if documents is None:
        scratch = Path(tempfile.mkdtemp(prefix="handbook-search-"))
        documents = Documents(scratch / "pages", material)
    staging = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site))  # beside: moves are renames
    try:
        documents.update(site, suppliers)
        built = staging / INDEX_FOLDER
        run_pagefind(documents.folder, built)
        entry = "pagefind-entry.json"
        for path in sorted(built.rglob("*")):
            rel = path.relative_to(built)
            if path.is_dir() or rel.as_posix() == entry:
                continue
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, target / rel)
        os.replace(built / entry, target / entry)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    return target


def indexed_entries(site: Path) -> list[dict[str, str]]:
    """What the site's search index holds, as ``{location, title, text}`` entries the way
    the search shows them: each page, each of its sections (by heading) and each item
    (contact, action, handover, review). Read from Pagefind's current fragments (older ones
    kept for pages still open are left out): for tests and checks."""
    folder = site / INDEX_FOLDER
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    metas = [gzip.decompress((folder / f"pagefind.{language['hash']}.pf_meta").read_bytes())
             for language in entry["languages"].values()]
    entries: list[dict[str, str]] = []
    for path in sorted((folder / "fragment").glob("*.pf_fragment")):
        if not any(path.stem.encode() in meta for meta in metas):
            continue
        raw = gzip.decompress(path.read_bytes())
        data: dict[str, Any] = json.loads(raw[raw.index(b"{"):])
        entries.extend(_entries_of(data))
    return entries


def _entries_of(data: dict[str, Any]) -> list[dict[str, str]]:
    location = str(data["url"]).lstrip("/")
    words = str(data["content"]).split()
    title = str(data.get("meta", {}).get("title", ""))
    heads = sorted((a for a in data.get("anchors", []) if str(a["element"]) in
                    ("h2", "h3", "h4", "h5", "h6")), key=lambda a: int(a["location"]))
    if "#" in location or not heads:
        return [{"location": location, "title": title, "text": " ".join(words)}]
    bounds = [int(a["location"]) for a in heads] + [len(words)]
    found = [{"location": location, "title": title, "text": " ".join(words[:bounds[0]])}]
    for n, head in enumerate(heads):
        found.append({"location": f"{location}#{head['id']}",
                      "title": str(head.get("text", "")),
                      "text": " ".join(words[bounds[n]:bounds[n + 1]])})
    return found


class SearchIndex:
    """The site's search index, brought up to date after each build: at once for a build;
    in a background thread under ``mkdocs serve`` (the newest request wins, one at a time),
    so that a rebuilt page is shown without waiting for the index."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._wanted: tuple[Path, Sequence[Derived], bool] | None = None
        self._thread: threading.Thread | None = None
        self.error: str | None = None  # the last indexing failure, under serve
        self.documents: Documents | None = None  # kept from one background run to the next

    def update(self, site: Path, suppliers: Sequence[Derived], *, background: bool,
               material: bool = False) -> None:
        """Index ``site`` when the search plugin wrote its index there (else the theme has no
        search box, and there is nothing to answer)."""
        settings = site / "search" / "search_index.json"
        if not settings.is_file():
            return
        empty_material_index(settings)
        if not background:
            write_index(site, suppliers, material=material)
            return
        with self._lock:
            self._wanted = (site, suppliers, material)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="search-index",
                                                daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                wanted, self._wanted = self._wanted, None
                if wanted is None:
                    return
            site, suppliers, material = wanted
            if self.documents is None:
                folder = Path(tempfile.mkdtemp(prefix="handbook-search-"))
                self.documents = Documents(folder / "pages", material)
            try:
                write_index(site, suppliers, self.documents)
                self.error = None
            except Exception as exc:  # the site folder went away under serve, say
                self.error = f"search index not updated: {exc}"
                log.warning("handbook: %s", self.error)

    def wait(self) -> None:
        """Wait for the background indexing to finish (end of serve, tests)."""
        thread = self._thread
        if thread is not None:
            thread.join()

    def close(self) -> None:
        """The end of a serve: wait for the indexing, and remove the kept documents."""
        self.wait()
        if self.documents is not None:
            shutil.rmtree(self.documents.folder.parent, ignore_errors=True)
            self.documents = None
