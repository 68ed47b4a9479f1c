"""Serve after a save: generated pages live in a cache folder and only the pages whose text
changed are rewritten, so MkDocs' dirty rebuild renders only those; the pages that list the
changed supplier are among them, the search index stays whole, a removed supplier's page
goes. The rebuilds are run the way ``mkdocs serve --dirty`` runs them (``on_startup`` once,
the configuration loaded again for every build, the plugin instances kept)."""

from __future__ import annotations

import gc
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from jinja2 import Environment
from mkdocs.commands.build import build
from supplier_handbook.plugin import HandbookPlugin
from supplier_handbook.site.config import as_of_for_run, handbook_plugin, load_handbook_config
from supplier_handbook.site.search import indexed_entries
from supplier_handbook.site.servecache import page_key

from tests.conftest import AS_OF, ROOT, copy_demo

EDITED = "kjolberg-lim"


class Serve:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.site = root / "site"
        self.plugin: HandbookPlugin | None = None

    def rebuild(self) -> HandbookPlugin:
        config = load_handbook_config(self.root / "mkdocs.yml", site_dir=str(self.site))
        if self.plugin is None:
            config.plugins.on_startup(command="serve", dirty=True)
        self.plugin = cast(HandbookPlugin, handbook_plugin(config))
        with as_of_for_run(AS_OF):
            build(config, dirty=True)
        return self.plugin

    def stamps(self) -> dict[str, int]:
        return {str(p.relative_to(self.site)): p.stat().st_mtime_ns
                for p in self.site.rglob("*.html")}

    def html(self, path: str) -> str:
        return (self.site / path).read_text(encoding="utf-8")

    def search_entries(self) -> list[dict[str, str]]:
        """The search index's entries, once the background indexing of the last rebuild is
        done."""
        assert self.plugin is not None
        self.plugin.search.wait()
        assert self.plugin.search.error is None
        return indexed_entries(self.site)

    def search_pages(self) -> dict[str, str]:
        """The search index, once the background indexing of the last rebuild is done."""
        assert self.plugin is not None
        self.plugin.search.wait()
        assert self.plugin.search.error is None
        pages: dict[str, str] = {}
        for entry in indexed_entries(self.site):
            key = page_key(entry["location"])
            pages[key] = pages.get(key, "") + entry["title"] + " " + entry["text"]
        return pages


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Serve]:
    root = tmp_path / "hb"
    copy_demo(root)
    session = Serve(root)
    yield session
    if session.plugin is not None:
        session.plugin.on_shutdown()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def html_of(page: str) -> str:
    """The built file of a generated Markdown page."""
    stem = page.removesuffix(".md")
    return "index.html" if stem == "index" else (
        f"{stem.removesuffix('/index')}/index.html")


def test_after_one_save_only_the_pages_that_show_it_are_rebuilt(serve: Serve) -> None:
    plugin = serve.rebuild()
    assert plugin.cache is not None
    first = set(plugin.cache.rewritten)
    assert f"suppliers/{EDITED}.md" in first and len(first) > 20
    stamps = serve.stamps()
    titles = {p: serve.html(p).split("<title>")[1].split("</title>")[0] for p in stamps}
    searched = serve.search_pages()

    edit(serve.root / "suppliers" / f"{EDITED}.yaml", "Structural and potting adhesives",
         "Structural adhesives of the new line")
    plugin = serve.rebuild()
    assert plugin.cache is not None
    rewritten = set(plugin.cache.rewritten)
    others = {p for p in first if p.startswith("suppliers/") and EDITED not in p
              and p != "suppliers/index.md"}
    assert f"suppliers/{EDITED}.md" in rewritten
    assert "suppliers/index.md" in rewritten  # the page that lists its category
    assert not rewritten & others  # no other supplier's page
    assert len(rewritten) < len(first) / 3

    after = serve.stamps()
    rebuilt = {p for p in after if after[p] != stamps.get(p)}
    expected = {html_of(p) for p in rewritten if p.endswith(".md")}
    assert rebuilt - {"404.html"} == expected  # MkDocs rendered exactly those pages
    assert "Structural adhesives of the new line" in serve.html(f"suppliers/{EDITED}/index.html")
    assert "Structural adhesives of the new line" in serve.html("suppliers/index.html")
    # pages that were not rendered again keep their titles in the navigation of those that were
    for page, title in titles.items():
        assert serve.html(page).split("<title>")[1].split("</title>")[0] == title
    nav = serve.html("suppliers/index.html")
    for guide in ("Writing a handover", "Running a health review", "Your first 30 days"):
        assert guide in nav  # the guide's heading, not a title made from its file name

    now = serve.search_pages()
    assert set(now) == set(searched)  # every page still in the index, none twice
    assert "Structural adhesives of the new line" in now[f"suppliers/{EDITED}/"]


def test_a_removed_supplier_is_no_longer_served(serve: Serve) -> None:
    serve.rebuild()
    page = serve.site / "suppliers" / EDITED / "index.html"
    assert page.is_file()
    (serve.root / "suppliers" / f"{EDITED}.yaml").unlink()
    serve.rebuild()
    assert not page.exists()
    assert f"suppliers/{EDITED}/" not in serve.search_pages()
    assert EDITED not in serve.html("suppliers/index.html")


def test_the_cache_folder_goes_with_the_server(serve: Serve) -> None:
    plugin = serve.rebuild()
    assert plugin.cache is not None
    folder = plugin.cache.folder
    assert (folder / f"suppliers/{EDITED}.md").is_file()
    plugin.on_shutdown()
    assert not folder.exists()


def test_a_plain_build_keeps_pages_in_memory(tmp_path: Path) -> None:
    config = load_handbook_config(ROOT / "mkdocs.yml", site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    with as_of_for_run(AS_OF):
        build(config)
    assert cast(HandbookPlugin, handbook_plugin(config)).cache is None


def test_an_error_banner_reaches_every_page_and_leaves_every_page(serve: Serve) -> None:
    serve.rebuild()
    path = serve.root / "suppliers" / f"{EDITED}.yaml"
    edit(path, "model: ", "model: not-a-model-")
    serve.rebuild()
    pages = set(serve.stamps()) - {"404.html"}  # a theme template, not a page
    assert len(pages) > 20
    assert [p for p in pages if "handbook-errors" not in serve.html(p)] == []
    edit(path, "model: not-a-model-", "model: ")
    serve.rebuild()
    assert not any("handbook-errors" in serve.html(p) for p in serve.stamps())


def test_after_a_saved_action_only_its_feeds_and_its_owner_are_rewritten(serve: Serve) -> None:
    plugin = serve.rebuild()
    assert plugin.cache is not None and plugin.pipeline is not None
    first = set(plugin.cache.rewritten)
    feeds = {p for p in first if p.startswith("calendar/")}
    owners = {p for p in first if p.startswith("owners/") and p != "owners/index.md"}
    assert len(feeds) > 10 and len(owners) > 5
    memo = plugin.pipeline.memo
    made = memo.made  # every supplier's rows, items and records
    assert set(memo.rendered) >= owners  # the first build renders every kept page
    assert {"suppliers/index.md", "actions.md", "agenda.md", "culture-check.md"} <= set(
        memo.rendered)
    entries = len(serve.search_entries())

    path = serve.root / "suppliers" / f"{EDITED}.yaml"
    edit(path, "Provide 40 production-line bonded", "Provide 60 production-line bonded")
    edit(path, "due: 2026-12-18", "due: 2026-12-21")  # a date on its owner's page
    plugin = serve.rebuild()
    assert plugin.cache is not None and plugin.pipeline is not None
    rewritten = set(plugin.cache.rewritten)
    owner = "owners/marco-bellini.md"
    # JAP-1's owner on our side: the action is on his page and in his feed too
    doer = "owners/dr-tobias-klein.md"
    # no other person's page is rendered again, and of the listings only those that list it
    assert sorted(p for p in memo.rendered if p.startswith("owners/")) == [doer, owner]
    assert set(memo.rendered) - {owner, doer} <= {"actions.md", "agenda.md", "attention.md",
                                                  "suppliers/index.md", "positions.md",
                                                  "owners/index.md"}
    assert {"actions.md", "agenda.md"} <= set(memo.rendered)
    # the rows of the other suppliers are kept, not made again
    assert 0 < memo.made < made / 5
    assert rewritten & owners == {owner, doer}
    assert rewritten & feeds == {"calendar/all.ics", "calendar/owners/marco-bellini.ics",
                                 "calendar/owners/dr-tobias-klein.ics",
                                 f"calendar/suppliers/{EDITED}.ics"}
    assert {f"suppliers/{EDITED}.md", "actions.md", "agenda.md"} <= rewritten
    assert "Provide 60 production-line bonded" in (
        plugin.cache.folder / f"calendar/suppliers/{EDITED}.ics").read_text(encoding="utf-8")
    assert "2026-12-21" in serve.html("owners/marco-bellini/index.html")
    assert "Provide 60 production-line bonded" in serve.html("actions/index.html")

    data = serve.search_entries()
    assert len(data) == entries  # every page and item once: none lost, none twice
    action = [e for e in data if e["location"].startswith(f"suppliers/{EDITED}/#")
              and "production-line bonded" in e["text"]]
    assert action and all("Provide 60" in e["text"] for e in action)


def test_a_rebuild_compiles_no_template_again(serve: Serve,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    serve.rebuild()
    compiled: list[str | None] = []
    original = Environment.compile

    def counting(self: Environment, source: Any, name: str | None = None,
                 *args: Any, **kwargs: Any) -> Any:
        compiled.append(name)
        return original(self, source, name, *args, **kwargs)

    monkeypatch.setattr(Environment, "compile", counting)
    edit(serve.root / "suppliers" / f"{EDITED}.yaml", "Structural and potting adhesives",
         "Structural adhesives of the new line")
    plugin = serve.rebuild()
    assert plugin.cache is not None
    assert "Structural adhesives of the new line" in serve.html("suppliers/index.html")
    # the theme's templates came from the kept code; only the search plugin's translations
    # (an environment of its own, made in its on_config) are compiled again
    assert "main.html" not in compiled and "partials/nav.html" not in compiled
    assert not [n for n in compiled if not str(n).startswith(("partials/language", "languages/"))]


def test_a_rebuild_reads_for_search_only_the_pages_it_rebuilt(serve: Serve) -> None:
    """The documents Pagefind indexes are kept between rebuilds: after a save, only the
    pages MkDocs rebuilt are read again (reading every page held the server's Python while
    a reader waited); Material's own index keeps its settings and no document."""
    plugin = serve.rebuild()
    serve.search_entries()
    documents = plugin.search.documents
    assert documents is not None and documents.written > 20
    material = json.loads((serve.site / "search" / "search_index.json").read_text())
    assert material["docs"] == [] and material["config"]["lang"] == ["en"]
    search = plugin.search

    edit(serve.root / "suppliers" / f"{EDITED}.yaml", "Structural and potting adhesives",
         "Structural adhesives of the new line")
    plugin = serve.rebuild()
    entries = serve.search_entries()
    assert plugin.search is search and search.documents is documents
    assert 0 < documents.written <= 3  # the supplier page, its brief, the suppliers index part
    assert any("Structural adhesives of the new line" in e["text"] for e in entries
               if e["location"].startswith(f"suppliers/{EDITED}/"))
    folder = documents.folder
    plugin.on_shutdown()
    serve.plugin = None
    assert not folder.exists()  # the kept documents go with the server


def test_the_first_build_is_frozen_for_the_collector_until_the_server_stops(
        serve: Serve) -> None:
    gc.unfreeze()
    plugin = serve.rebuild()
    assert gc.get_freeze_count() > 10_000  # the first build's objects: not walked again
    frozen = gc.get_freeze_count()
    serve.rebuild()
    assert gc.get_freeze_count() <= frozen  # once, after the first build only (some freed)
    plugin.on_shutdown()
    serve.plugin = None
    assert gc.get_freeze_count() == 0


def test_material_parses_no_page_for_an_index_nobody_loads(tmp_path: Path) -> None:
    config = load_handbook_config(ROOT / "mkdocs.yml", site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    with as_of_for_run(AS_OF):
        build(config)
    material: Any = config.plugins["material/search"]
    assert material.search_index.entries == []  # settings only: no page was parsed for it
    written = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text())
    assert written["docs"] == [] and written["config"]["lang"] == ["en"]


def test_a_build_freezes_what_the_generator_keeps_until_its_end(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The collector does not walk the generator's objects while MkDocs renders the pages;
    they are collectable again once the build is done."""
    import supplier_handbook.plugin as plugin_module

    counts: list[int] = []
    real_hold = plugin_module.hold

    def hold() -> None:
        real_hold()
        counts.append(gc.get_freeze_count())

    monkeypatch.setattr(plugin_module, "hold", hold)
    gc.unfreeze()
    config = load_handbook_config(ROOT / "mkdocs.yml", site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    with as_of_for_run(AS_OF):
        build(config)
    assert len(counts) == 1 and counts[0] > 10_000
    assert gc.get_freeze_count() == 0
