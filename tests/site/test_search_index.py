"""The search index, built by Pagefind from the built pages: what goes in (articles, items
as sections at their anchors, no listing table, no page that says it stays out), and how it
is replaced (the entry file last, older fragments kept for pages still open; in the
background under serve). A small hand-made site: no MkDocs build needed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from supplier_handbook.base.errors import HandbookError
from supplier_handbook.site.search import SearchIndex, indexed_entries, write_index
from supplier_handbook.site.search_documents import mark_listing_tables, page_document
from supplier_handbook.site.search_material import (
    IGNORE,
    MaterialShapeError,
    material_version,
    use_search_worker,
)

from tests.derive.builders import action, entry, portfolio

CONFIG = ('<script id="__config" type="application/json">{"base":"../..","search":'
          '"../../assets/javascripts/workers/search.a7633da7.min.js"}</script>')


def page(title: str, body: str, article_attrs: str = "") -> str:
    return (f"<!doctype html><html lang=en><head><title>{title}</title></head><body>"
            f'<nav>Navigation text</nav><article {article_attrs}class="md-content__inner '
            f'md-typeset"><h1 id="t">{title}</h1>{body}</article>{CONFIG}</body></html>')


def make_site(root: Path, history: str = "History words") -> Path:
    site = root / "site"
    files = {
        "index.html": page("Dashboard", "<p>Dashboard words</p>" + mark_listing_tables(
            "<table><tr><td>Listed cell words</td></tr></table>", "index.md", True)),
        "suppliers/acme-castings/index.html": page("Acme", (
            '<p>Acme summary</p><h2 id="joint-action-plan">Plan</h2><p>Old plan text</p>'
            f'<h2 id="history">History</h2><p>{history}</p>')),
        "suppliers/acme-castings/handover/index.html": page(
            "Brief", "<p>Brief words</p>", f"{IGNORE} "),
        "guides/x/index.html": page("Guide", "<table><tr><td>Guide cell words</td></tr></table>"),
        "404.html": page("Missing", "<p>Missing words</p>"),
    }
    for path, text in files.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text(json.dumps(
        {"config": {"lang": ["en"]}, "docs": [{"location": "", "title": "x", "text": "y"}]}))
    return site


SUPPLIERS = portfolio(entry("acme-castings", name="Acme",
                            actions=[action("X-1", "2026-12-01")])).suppliers


def texts(site: Path) -> dict[str, str]:
    return {e["location"]: f"{e['title']} {e['text']}" for e in indexed_entries(site)}


def test_what_the_index_holds(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    write_index(site, SUPPLIERS)
    found = texts(site)
    assert "Dashboard words" in found[""] and "Listed cell words" not in found[""]
    assert "Guide cell words" in found["guides/x/"]  # a guide's tables are its own text
    acme = "suppliers/acme-castings/"
    assert "Acme summary" in found[acme]
    assert "Do the thing X-1." in found[f"{acme}#action-x-1"]  # the item, at its anchor
    assert not [loc for loc, text in found.items() if "Old plan text" in text]  # replaced
    assert "History words" in found[f"{acme}#history"]
    assert not [loc for loc in found if "handover" in loc or "404" in loc]
    assert not [text for text in found.values() if "Navigation text" in text]


def test_a_new_index_keeps_the_fragments_of_the_last(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    write_index(site, SUPPLIERS)
    before = set((site / "pagefind" / "fragment").iterdir())
    make_site(tmp_path / "again", history="Rewritten history")  # a save: the page changed
    acme = "suppliers/acme-castings/index.html"
    (site / acme).write_text((tmp_path / "again" / "site" / acme).read_text())
    write_index(site, SUPPLIERS)
    after = set((site / "pagefind" / "fragment").iterdir())
    assert before < after  # a page that loaded the last entry file still finds its fragments
    assert not [p for p in site.iterdir() if p.name.startswith(".")]  # no staging left
    found = texts(site)  # the current index only
    assert "Rewritten history" in found["suppliers/acme-castings/#history"]
    assert not [text for text in found.values() if "History words" in text]


def test_under_serve_the_index_is_built_in_the_background(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    index = SearchIndex()
    index.update(site, SUPPLIERS, background=True)
    index.wait()
    assert index.error is None
    assert "suppliers/acme-castings/#action-x-1" in texts(site)
    material = json.loads((site / "search" / "search_index.json").read_text())
    assert material == {"config": {"lang": ["en"]}, "docs": []}  # settings only


def test_without_the_search_plugin_there_is_no_index(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    (site / "search" / "search_index.json").unlink()
    SearchIndex().update(site, SUPPLIERS, background=False)
    assert not (site / "pagefind").exists()


def test_the_page_asks_the_handbook_worker() -> None:
    out = use_search_worker(page("A", "<p>a</p>"))
    config = json.loads(out.split('type="application/json">')[1].split("</script>")[0])
    assert config == {"base": "../..", "search": "../../assets/search-worker.js"}
    assert out.replace("assets/search-worker.js", "assets/javascripts/workers/search.a7633da7"
                       ".min.js") == page("A", "<p>a</p>")  # nothing else changed
    excluded = use_search_worker(page("A", "<p>a</p>"), exclude=True)
    assert f"<article {IGNORE} class=" in excluded
    assert use_search_worker("<p>no theme</p>") == "<p>no theme</p>"


def test_two_indexes_of_one_site_are_identical(tmp_path: Path) -> None:
    """Two builds of one commit with one date are identical, the search index included."""
    def files(site: Path) -> dict[str, bytes]:
        folder = site / "pagefind"
        return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*")
                if p.is_file()}

    found = []
    for n in range(3):
        site = make_site(tmp_path / str(n))
        write_index(site, SUPPLIERS)
        found.append(files(site))
    assert found[0] == found[1] == found[2]


def test_materials_html_is_read_by_a_parser_not_by_its_spelling() -> None:
    """The configuration block and the article are found whatever the attribute order and
    quoting (as HTML allows them), and the worker is replaced in the JSON, not elsewhere."""
    respelled = page("A", "<p>a</p>").replace(
        '<script id="__config" type="application/json">',
        "<script type='application/json' ID=__config>").replace(
        '<article class="md-content__inner md-typeset">',
        "<article data-x='1 > 0' class='md-typeset md-content__inner'>")
    out = use_search_worker(respelled, exclude=True, material=True)
    assert '"search":"../../assets/search-worker.js"' in out.replace(" ", "")
    assert f"<article {IGNORE} data-x=" in out
    document = page_document(respelled, "guides/a/", material=True)
    assert document is not None and "<p>a</p>" in document


def test_a_material_page_of_another_shape_stops_the_build_naming_materials_version() -> None:
    """Were Material to change its templates, the search would silently find nothing: the
    build stops instead, and says which Material is installed."""
    version = material_version()
    no_config = page("A", "<p>a</p>").replace(CONFIG, "")
    with pytest.raises(MaterialShapeError, match=f"Material for MkDocs {re.escape(version)}"):
        use_search_worker(no_config, material=True, url="guides/a/")
    assert use_search_worker(no_config) == no_config  # another theme: left as it is
    other_worker = page("A", "<p>a</p>").replace("javascripts/workers/search.a7633da7.min.js",
                                                 "search/elsewhere.js")
    with pytest.raises(MaterialShapeError, match="search worker"):
        use_search_worker(other_worker, material=True)
    no_article = page("A", "<p>a</p>").replace("md-content__inner", "md-content__body")
    with pytest.raises(MaterialShapeError, match="article"):
        page_document(no_article, "guides/a/", material=True)
    assert page_document(no_article, "guides/a/") is None
    assert issubclass(MaterialShapeError, HandbookError)
