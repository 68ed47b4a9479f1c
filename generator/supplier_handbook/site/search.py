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

This module owns the index itself (Pagefind's run, the index moved into the site, its
update in the background under serve, and what it holds, for tests); the documents it
indexes are ``search_documents``, Material's pages and index ``search_material``.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from supplier_handbook.derive.portfolio import Derived
from supplier_handbook.site.search_documents import INDEX_FOLDER, Documents
from supplier_handbook.site.search_material import empty_material_index

log = logging.getLogger("mkdocs.plugins.handbook")


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
