"""A relative link written in a supplier's text reaches the page it names, on the internal
site and on the export built with plain MkDocs: the text is raw HTML, which MkDocs does not
rewrite, so render gives each link the URL MkDocs would have given it."""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

import pytest
from supplier_handbook.render.textfmt import LinkBase

from tests.conftest import ROOT
from tests.security.paths import build_export, build_internal, project

GOVERNANCE = ("  rationale: Read [the handover guide](../guides/handover.md#notes), "
              "[the index](index.md) and [the data](../api/suppliers.json).\n")


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    text = (ROOT / "suppliers" / "brennwald-druckguss.yaml").read_text(encoding="utf-8")
    start = text.index("  rationale: Moved from transactional")  # governance: its page only
    end = text.index("\n", start) + 1
    files = {"brennwald-druckguss": text[:start] + GOVERNANCE + text[end:]}
    return project(tmp_path_factory.mktemp("links"), files)


@pytest.mark.parametrize("kind", ["internal", "export"])
def test_relative_links_in_text_reach_their_pages(config: Path, tmp_path: Path,
                                                  kind: str) -> None:
    site = (build_internal(config, tmp_path / "site") if kind == "internal"
            else build_export(config, tmp_path / "export"))
    page = site / "suppliers" / "brennwald-druckguss" / "index.html"
    source = page.read_text(encoding="utf-8")
    ours = [html.unescape(m.group(1)) for m in re.finditer(
        r'<a href="([^"]*)">(?:the handover guide|the index|the data)</a>', source)]
    assert ours == ["../../guides/handover/#notes", "../", "../../api/suppliers.json"], ours
    for href in ours:
        target = posixpath.normpath(posixpath.join("suppliers/brennwald-druckguss",
                                                   href.split("#")[0]))
        path = site / target
        assert (path / "index.html").is_file() or path.is_file(), (href, target)


@pytest.mark.parametrize(("page", "directory_urls", "href", "expected"), [
    ("suppliers/acme.md", True, "../guides/handover.md#x", "../../guides/handover/#x"),
    ("suppliers/acme.md", False, "../guides/handover.md", "../guides/handover.html"),
    ("actions.md", True, "guides/handover.md", "../guides/handover/"),
    ("index.md", True, "guides/handover.md", "guides/handover/"),
    ("index.md", False, "guides/handover.md", "guides/handover.html"),
    ("suppliers/acme.md", True, "../index.md", "../../"),
    ("suppliers/acme/handover.md", True, "../acme.md", "../"),
    ("suppliers/acme.md", True, "../images/map.png", "../../images/map.png"),
    ("actions.md", True, "../outside.md", "../outside.md"),
    ("suppliers/acme.md", True, "#contacts", "#contacts"),
    ("suppliers/acme.md", True, "https://q.example/8d.md", "https://q.example/8d.md"),
])
def test_a_link_gets_the_url_mkdocs_would_give_it(page: str, directory_urls: bool, href: str,
                                                   expected: str) -> None:
    assert LinkBase(page, directory_urls).resolve(href) == expected
