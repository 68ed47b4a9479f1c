"""Text from supplier files never becomes markup, on every output path: one poisoned supplier
per payload.

Every text field of the model (see ``poison.text_fields``) of a copy of an example file gets
``PAYLOAD-<id>-<field path>-<n> <payload>``. The handbook is built three ways (``paths``):
the internal site, the page shared with each supplier (``--audience supplier``), and the
export built with plain MkDocs; the project's mkdocs.yml enables attr_list, md_in_html and
pymdownx.blocks.html. Every page is read back like a browser would (the search index holds
plain text, which the search worker shows as text: tests/browser/test_poisoned_supplier.py
searches it in Chromium). A failure names the marker nearest the offending HTML: the
payload and the field it came from.
"""

from __future__ import annotations

import html as html_module
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from supplier_handbook.base.wording import nested
from supplier_handbook.model.check import check_document
from supplier_handbook.read.load import load_file, load_text

from tests.conftest import ROOT
from tests.security.paths import build_export, build_internal, build_shared, project
from tests.security.poison import (
    EMAILS,
    NAMES,
    REFERENCES,
    SKIPPED,
    URL_ATTRS,
    Page,
    browser_url,
    missing_fields,
    poisoned,
    text_fields,
)

pytestmark = pytest.mark.slow(seconds=45)  # builds the poisoned handbook three ways

BASES = ["brennwald-druckguss", "kjolberg-lim"]  # every text field present (or fillable)
PAYLOADS = {
    "P01": "<script>alert(1)</script>",
    "P02": "<img src=x onerror=alert(1)>",
    "P03": "</title><script>alert(1)</script>\"'><svg onload=alert(1)>",
    "P04": "{{ 7*7 }} {{ config.site_name }} {% raw %} --8<-- \"mkdocs.yml\"",
    "P05": "--\n\n# INJECTED-H1\n## INJECTED-H2\n\nINJECTED-SETEXT\n-\n\nINJECTED-SETEXT-EQ\n"
           "===\n\n<h2>INJECTED-HTML</h2>",
    "P06": "left | INJ-MID \\| INJ-RIGHT || INJ-END",
    "P07": "text {: .injected onclick=\"alert(1)\" }\n{: #injected .injected onclick=alert(1) }",
    "P08": "[js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [vb](vbscript:msgbox(1)) "
           "[f](file:///etc/passwd)",
    "P09": "[d](data:text/html;base64,PHNjcmlwdD4=) ![i](javascript:alert(1)) "
           "![d](data:image/svg+xml;base64,PHN2Zz4=)",
    "P10": "[web](https://ok.example/p10) [plain](http://ok.example/p10) "
           "[mail](mailto:owner@ok.example)",
    "P11": "[ref][r1] and [r2]\n\n[r1]: javascript:alert(1)\n[r2]: data:text/html,x",
    "P12": "<javascript:alert(1)> [ang](<javascript:alert(1)>) <https://ok.example/p12>",
    "P14": "!!! danger \"INJECTED-ADMONITION\"\n    body\n??? note \"INJECTED-DETAILS\"\n    body\n"
           "<details open><summary>INJECTED-SUMMARY</summary></details>",
    "P15": "&lt;script&gt;alert(1)&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62; &amp;",
    "P16": "\" onmouseover=\"alert(1)\" x=\" ' onfocus='alert(1)' autofocus x='",
    "P17": "```\n</code></pre><script>alert(1)</script>\n```\n"
           "~~~html\n<script>alert(1)</script>\n~~~",
    "P18": "![pixel](https://tracker.example/p18.png)",
    # Finding 5: attribute lists and HTML blocks of Markdown extensions.
    "P19": "Prefers a *call*{ autofocus onfocus=\"document.title=1\" } "
           "[link](https://ok.example/p19){: onclick=\"alert(1)\" .injected }\n"
           "{: #injected onmouseover=\"alert(1)\" }",
    "P20": "/// html | div\nINJECTED-BLOCK\n///\n\n"
           "<div markdown=\"1\" onclick=\"alert(1)\">*INJECTED-MD*</div>",
    # Finding 6: blocks inside list items, [TOC] (after a carriage return: REFUSED below).
    "P22": "- # INJECTED-LIST-HEADING\n- !!! danger \"INJECTED-LIST-BOX\"\n- | INJ-A | INJ-B |\n"
           "  |---|---|\n  | INJ-C | INJ-D |\n\n[TOC]",
    # Findings 1 and 7: a space or tab before the scheme (reference definitions after \r or
    # in a list item: REFUSED below, P11).
    "P23": "Read [the brief]( javascript:alert(document.domain)) [tab](\tjavascript:alert(1))",
    # Finding 1: the supplier's name in the shared site's site_name, <title> and header.
    "P25": "Acme<img src=x onerror=alert(1)></title><script>alert(1)</script>",
}
# Payloads holding control characters (U+0001, U+000E, carriage returns): handbook check
# refuses them, located, where they are written, so they never reach a page
# (test_control_characters_are_refused_before_any_page).
REFUSED = {
    "P13": "[ctl](\x01javascript:alert(1)) [ctl2](\x0ejavascript:alert(2))",
    "P21": "Intro\r# INJECTED-HEADING\r\r!!! danger \"INJECTED-BOX\"\r    body\r\r[TOC]",
    "P24": "[ref][r1]\r\r[r1]: javascript:alert(1)\n\n- [item][r2]\n- [r2]: javascript:alert(2)",
}
# Payloads with no Markdown in them: every field shows them exactly as written.
LITERAL = ("P01", "P02", "P03", "P04", "P15", "P25")
KINDS = ["internal", "shared", "export"]
UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:", "file:")


def slug_of(payload_id: str) -> str:
    return f"inj-{payload_id.lower()}-{BASES[int(payload_id[1:]) % len(BASES)]}"


@pytest.fixture(scope="module")
def poisoned_files() -> dict[str, str]:
    """slug -> YAML text of one supplier per payload; each must pass the check."""
    files = {}
    for payload_id, payload in PAYLOADS.items():
        base = BASES[int(payload_id[1:]) % len(BASES)]
        data = load_file(ROOT / "suppliers" / f"{base}.yaml").data
        assert missing_fields(data) == [], f"{base} lacks these text fields"
        text = yaml.safe_dump(poisoned(data, payload_id, payload), allow_unicode=True,
                              sort_keys=False, width=10_000)
        slug = slug_of(payload_id)
        checked, problems = check_document(load_text(text, f"{slug}.yaml"), slug)
        assert checked is not None, (payload_id, [p.format() for p in problems])
        files[slug] = text
    return files


@pytest.mark.parametrize("payload_id", sorted(REFUSED))
def test_control_characters_are_refused_before_any_page(payload_id: str) -> None:
    base = BASES[int(payload_id[1:]) % len(BASES)]
    data = load_file(ROOT / "suppliers" / f"{base}.yaml").data
    text = yaml.safe_dump(poisoned(data, payload_id, REFUSED[payload_id]), allow_unicode=True,
                          sort_keys=False, width=10_000)
    checked, problems = check_document(load_text(text, "x.yaml"), "x")
    assert checked is None
    messages = [p.format() for p in problems]
    assert messages and all("control character" in m for m in messages), messages


@pytest.fixture(scope="module")
def config(poisoned_files: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    return project(tmp_path_factory.mktemp("poisoned"), poisoned_files)


@pytest.fixture(scope="module", params=KINDS)
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def sites(kind: str, config: Path, poisoned_files: dict[str, str],
          tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """slug -> the site its page is in (one site for the internal build and the export)."""
    out = tmp_path_factory.mktemp(kind)
    if kind == "shared":
        return {slug: build_shared(config, slug, out / slug) for slug in poisoned_files}
    site = build_internal(config, out / "site") if kind == "internal" else build_export(
        config, out / "export")
    return dict.fromkeys(poisoned_files, site)


def page_path(kind: str, sites: dict[str, Path], slug: str) -> Path:
    """The HTML file of ``slug``'s supplier page."""
    if kind == "shared":
        return sites[slug] / "index.html"
    return sites[slug] / "suppliers" / slug / "index.html"


@pytest.fixture(scope="module")
def pages(sites: dict[str, Path]) -> dict[str, Page]:
    found: dict[str, Page] = {}
    for site in dict.fromkeys(sites.values()):
        for p in sorted(site.rglob("*.html")):
            found[f"{site.name}/{p.relative_to(site)}"] = Page(p.read_text(encoding="utf-8"))
    return found


def report(found: list[str], limit: int = 30) -> str:
    return "\n".join([*found[:limit], f"({len(found)} in all)"])


def test_text_fields_are_walked_from_the_model() -> None:
    fields = text_fields()
    assert {"name", "summary", "contacts[].notes", "log[].text", "handovers[].from",
            "culture_check[].answers[].summary"} <= set(fields)
    listed = [*SKIPPED, *REFERENCES, *NAMES, *EMAILS]
    assert set(listed) <= set(fields), "a listed field no longer exists in the model"
    assert "health[].period" in SKIPPED


def test_every_poisoned_field_is_shown_somewhere(kind: str, pages: dict[str, Page]) -> None:
    if kind == "shared":
        pytest.skip("the shared page shows the shared fields only (tests/render/test_audience.py)")
    text = " ".join(page.text for page in pages.values())
    poisoned_paths = [p for p in text_fields() if p not in SKIPPED and p not in REFERENCES]
    missing = []
    for payload_id in PAYLOADS:
        for path in poisoned_paths:
            prefix = f"PAYLOAD-{payload_id}-{re.sub(r'[^a-z]+', '-', path).strip('-')}-"
            if prefix not in text:
                missing.append(prefix)
    assert not missing, report(missing)


def test_no_script_from_a_payload(pages: dict[str, Page]) -> None:
    found = [f"{name}: {page.context(at)}"
             for name, page in pages.items()
             for text, at in page.scripts if "alert(" in text]
    found += [f"{name}: <{tag}> {page.context(at)}"
              for name, page in pages.items()
              for tag, _, at in page.tags
              if tag in ("iframe", "object", "embed", "base", "frame", "applet")]
    assert not found, report(found)


def test_no_event_handler_attribute(pages: dict[str, Page]) -> None:
    found = [f"{name}: <{tag} {key}=...> {page.context(at)}"
             for name, page in pages.items()
             for tag, attrs, at in page.tags for key in attrs
             if key.startswith("on") or key == "autofocus"]
    assert not found, report(found)


def test_no_unsafe_url(pages: dict[str, Page]) -> None:
    found = [f"{name}: <{tag} {key}={value!r}> {page.context(at)}"
             for name, page in pages.items()
             for tag, attrs, at in page.tags for key, value in attrs.items()
             if key in URL_ATTRS and browser_url(value).startswith(UNSAFE_SCHEMES)]
    assert not found, report(found)


# The fields that the templates put in headings (page titles, owner pages, handovers); a
# warning box of the template may name any person.
# Fields whose text titles a page of its own (a supplier, a person: every person on our side
# the files name has a page, an internal contact too), so it is a heading by design.
HEADING_FIELDS = {"name", "owner-name", "handovers-from", "handovers-to", "contacts-name"}


def test_no_heading_or_block_from_a_payload(pages: dict[str, Page]) -> None:
    """A payload never opens a heading, an admonition or a details block: neither with its
    own text (INJECTED-...) nor by turning a whole field into one (setext underline)."""
    kinds = {"h1", "h2", "h3", "h4", "h5", "h6", "summary", "admonition", "admonition-title",
             "details", "blockquote"}
    found = []
    for name, page in pages.items():
        for opened, text, at in page.blocks:
            inside = sorted(kinds & set(opened))
            fields = set(re.findall(r"PAYLOAD-P\d+-([a-z-]+)-\d+", text))
            heading = any(k.startswith("h") for k in inside)
            if inside and (("INJECTED" in text and not fields)
                           or (heading and fields - HEADING_FIELDS)):
                found.append(f"{name}: {inside} {text[:120]!r} {page.context(at)}")
        h1 = sum(1 for tag, _, _ in page.tags if tag == "h1")
        assert h1 <= 1, (name, h1)
    assert not found, report(found)


def test_tables_keep_their_cells(pages: dict[str, Page]) -> None:
    found = []
    for name, page in pages.items():
        for table in page.tables:
            width = len(table[0])
            for row in table:
                if len(row) != width:
                    found.append(f"{name}: {len(row)} cells, header has {width}: {row}")
                for cell in row:
                    if "PAYLOAD-P06-" in cell and not re.search(r"INJ-MID.*INJ-RIGHT.*INJ-END",
                                                                 cell):
                        found.append(f"{name}: a pipe split the cell {cell!r} ({row})")
    assert not found, report(found)


def test_no_attribute_list_applied(pages: dict[str, Page]) -> None:
    found = [f"{name}: <{tag} {attrs}> {page.context(at)}"
             for name, page in pages.items() for tag, attrs, at in page.tags
             if "injected" in attrs.get("class", "").split() or attrs.get("id") == "injected"]
    assert not found, report(found)


# Fields shown inside the template's own parentheses ("Name (role)"), where their own
# parentheses become brackets (base.wording.nested): literal otherwise.
NESTED_FIELDS = {"contacts-role"}


@pytest.mark.parametrize("payload_id", LITERAL)
def test_html_and_template_syntax_show_literally(pages: dict[str, Page],
                                                 payload_id: str) -> None:
    """Every field holding the payload shows it as written: no tag made of it, no 49.
    (A ``*`` may pair with the template's own emphasis in Markdown fields: it is ignored.)"""
    expected = " ".join(PAYLOADS[payload_id].split()).replace("*", "")
    found, seen = [], 0
    for name, page in pages.items():
        for match in re.finditer(rf"PAYLOAD-{payload_id}-([a-z-]+)-\d+ ", page.text):
            seen += 1
            shown = page.text[match.end():].replace("*", "")[: len(expected)]
            if shown != expected and not (match.group(1) in NESTED_FIELDS
                                          and shown == nested(expected)):
                found.append(f"{name}: {match.group(0)}shows {shown!r}")
            if "49" in shown:
                found.append(f"{name}: {match.group(0)}evaluated a template: {shown!r}")
    assert seen > 0
    assert not found, report(found)


def test_quotes_are_not_escaped_twice(pages: dict[str, Page]) -> None:
    """A name like O'Brien shows as O'Brien everywhere (header, table of contents too)."""
    found = [f"{name}: ...{page.text[max(m.start() - 60, 0): m.end() + 20]!r}..."
             for name, page in pages.items()
             for m in re.finditer(r"&#x27;|&#39;|&quot;", page.text)]
    assert not found, report(found)


def test_no_markdown_placeholder_leaks(sites: dict[str, Path]) -> None:
    """Python-Markdown's internal placeholders (STX klzzwxh:N ETX) never reach a page."""
    found = [f"{p}: ...{m.group(0)!r}..."
             for site in dict.fromkeys(sites.values()) for p in site.rglob("*.html")
             for m in re.finditer(r".{0,80}(\x02|klzzwxh).{0,40}", p.read_text("utf-8"))]
    assert not found, report(found)


def test_safe_links_are_kept(pages: dict[str, Page]) -> None:
    hrefs = {attrs.get("href") for page in pages.values() for tag, attrs, _ in page.tags
             if tag == "a"}
    assert {"https://ok.example/p10", "http://ok.example/p10",
            "mailto:owner@ok.example"} <= hrefs


def test_no_external_request_from_a_text_field(pages: dict[str, Page]) -> None:
    """An image in a text field must not make every reader's browser fetch another host."""
    found = [f"{name}: <{tag} src={attrs['src']!r}> {page.context(at)}"
             for name, page in pages.items() for tag, attrs, at in page.tags
             if re.match(r"(?i)\s*(https?:)?//", attrs.get("src", ""))]
    assert not found, report(found)


def _title(path: Path) -> tuple[str, str]:
    html = path.read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    return head, html_module.unescape(head[head.index("<title>") + 7: head.index("</title>")])


@pytest.mark.parametrize("payload_id", ["P01", "P03", "P16", "P25"])
def test_a_name_cannot_close_the_page_title(kind: str, sites: dict[str, Path],
                                            poisoned_files: dict[str, str],
                                            payload_id: str) -> None:
    """<title> ends where the page's title ends: a name holding </title> stays inside it.
    On the shared page the name is also the site's name (finding 1)."""
    slug = slug_of(payload_id)
    name = yaml.safe_load(poisoned_files[slug])["name"]
    head, title = _title(page_path(kind, sites, slug))
    assert head.count("</title>") == 1, head[head.index("<title>"):][:300]
    assert title.startswith(name), title
    if kind == "shared":
        assert title.endswith(f"{name}: our joint page"), title


@pytest.mark.parametrize("payload_id", ["P01", "P15", "P25"])
def test_the_page_title_shows_the_name_as_written(kind: str, sites: dict[str, Path],
                                                  poisoned_files: dict[str, str],
                                                  payload_id: str) -> None:
    name = yaml.safe_load(poisoned_files[slug_of(payload_id)])["name"]
    assert _title(page_path(kind, sites, slug_of(payload_id)))[1].startswith(name)


def test_the_shared_header_shows_the_name_as_written(kind: str, sites: dict[str, Path],
                                                     poisoned_files: dict[str, str]) -> None:
    """Finding 1: Material prints site_name unescaped into the header of the shared page."""
    if kind != "shared":
        pytest.skip("site_name is the handbook's own on the internal site and the export")
    for payload_id in ("P01", "P02", "P03", "P25"):
        slug = slug_of(payload_id)
        name = " ".join(yaml.safe_load(poisoned_files[slug])["name"].split())
        source = (sites[slug] / "index.html").read_text(encoding="utf-8")
        topic = source[source.index('<div class="md-header__topic">'):]
        topic = topic[: topic.index("</div>") + 6]
        header = Page(topic)
        assert {t for t, _, _ in header.tags} <= {"div", "span"}, topic
        assert header.text.strip("\u241e ") == f"{name}: our joint page", topic


def test_data_export_holds_the_exact_text(kind: str, sites: dict[str, Path],
                                          poisoned_files: dict[str, str]) -> None:
    if kind == "shared":
        pytest.skip("the shared page has no data export")
    site = next(iter(sites.values()))
    export = json.loads((site / "api" / "suppliers.json").read_text(encoding="utf-8"))
    by_slug: dict[str, Any] = {s["slug"]: s for s in export["suppliers"]}
    assert sorted(by_slug) == sorted(poisoned_files)
    for slug, text in poisoned_files.items():
        data = yaml.safe_load(text)
        record = by_slug[slug]
        assert (record["name"], record["category"], record["owner"]) == (
            data["name"], data["category"], data["owner"]["name"])
