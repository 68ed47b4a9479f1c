"""End-to-end: real MkDocs builds of the example handbook into tmp_path."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from supplier_handbook.commands.cli import main

from tests.conftest import AS_OF_TEXT, ROOT, copy_demo
from tests.security.poison import Page

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col"}
_BLOCKS = {"td", "th", "p", "li", "tr", "div", "h1", "h2", "h3", "h4", "br", "figcaption"}


class _Text(HTMLParser):
    """The visible text of a page's article, whitespace folded."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth and tag in _BLOCKS:
            self.parts.append(" ")
        if (tag == "article" or self.depth) and tag not in _VOID:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in _VOID:
            self.depth -= 1
            if tag in _BLOCKS:
                self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.parts.append(data)


def text_of(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository's handbook (config, guides, suppliers) to build from."""
    root = tmp_path_factory.mktemp("handbook")
    copy_demo(root)
    return root


def build(handbook: Path, site: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main,
        ["build", "-f", str(handbook / "mkdocs.yml"), "--as-of", AS_OF_TEXT,
         "--site-dir", str(site), *extra],
        catch_exceptions=False,
        env={"NO_MKDOCS_2_WARNING": "1"},
    )
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def site(demo_site: Path) -> Path:
    """The demo handbook built with ``--strict`` (shared by the session: read only)."""
    return demo_site


def page(site: Path, path: str) -> str:
    return text_of((site / path / "index.html").read_text(encoding="utf-8"))


def test_supplier_page_shows_derived_values_and_flags(site: Path) -> None:
    text = page(site, "suppliers/vantor-elektronika")
    assert "Current health red" in text
    assert "Portfolio position Critical: run a recovery plan" in text
    assert "Governance fit fit: A collaborative model suits a high-impact supplier." in text
    for title in ("Action overdue", "Plan unfocused", "Health falling"):
        assert title in text
    assert "Single-threaded" not in text
    assert "2026-10-15 overdue" in text  # JAP-4 is marked in the plan
    assert "Escalation path: Lucie Novotná → Petr Dvořák" in text
    assert "Lucie Novotná, Key Account Manager · phone +420 545 555 031" in text  # who to call
    assert "Starts 12:30 CET" in text  # a YAML 1.1 sexagesimal stays text


@pytest.mark.parametrize(
    ("slug", "expected", "absent"),
    [
        ("kjolberg-lim", ["At risk", "Contact gone quiet", "Ingrid Kjølberg"], ["Single-threaded"]),
        ("rheinhafen-kontraktlogistik",
         ["Watch", "Single-threaded", "Review overdue", "146 days ago", "Action overdue"], []),
        ("cartonnages-morvan", ["heavier-than-needed", "Handover missing"], []),
        ("huaxin-precision", ["Unrated (no health review)", "misfit", "Action overdue"],
         ["Review overdue"]),
        ("brennwald-druckguss", ["Protect and grow", "Nothing is flagged as of 2026-11-23"], []),
        ("calder-technical-services", ["Replace or simplify"], ["Review overdue"]),
    ],
)
def test_every_flag_and_position_reaches_its_page(
    site: Path, slug: str, expected: list[str], absent: list[str]
) -> None:
    text = page(site, f"suppliers/{slug}")
    for fragment in expected:
        assert fragment in text, (fragment, text[:2000])
    for fragment in absent:
        assert fragment not in text


def test_dashboard_lists_critical_first_and_links_the_matrix(site: Path) -> None:
    html = (site / "index.html").read_text(encoding="utf-8")
    text = text_of(html)
    attention = text[text.index("Attention list"): text.index("Portfolio matrix")]
    assert attention.index("Vantor") < attention.index("Kjølberg") < attention.index("Rheinhafen")
    assert "Brennwald" not in attention  # healthy suppliers are not on the attention list
    assert 'href="suppliers/vantor-elektronika/"' in html
    assert "Critical: run a recovery plan · 1 supplier Vantor Elektronika s.r.o." in text  # matrix


def test_data_export_matches_the_spec(site: Path) -> None:
    data = json.loads((site / "api" / "suppliers.json").read_text(encoding="utf-8"))
    assert data["as_of"] == AS_OF_TEXT
    by_slug = {s["slug"]: s for s in data["suppliers"]}
    assert sorted(by_slug) == sorted(p.stem for p in (ROOT / "suppliers").glob("*.yaml"))
    vantor = by_slug["vantor-elektronika"]
    assert vantor["url"] == "suppliers/vantor-elektronika/"
    assert (site / vantor["url"] / "index.html").is_file()
    assert {k: vantor[k] for k in ("impact", "model", "health", "position", "governance_fit",
                                   "flags", "open_actions", "overdue_actions", "status")} == {
        "impact": "high", "model": "collaborative", "health": "red", "position": "critical",
        "governance_fit": "fit",
        "flags": ["action-overdue", "health-falling", "plan-unfocused", "review-not-shared"],
        "open_actions": 6, "overdue_actions": 3, "status": "active",
    }
    assert by_slug["huaxin-precision"]["health"] is None
    assert by_slug["huaxin-precision"]["governance_fit"] == "misfit"


def test_no_request_to_another_host(site: Path) -> None:
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text, html
        for attr in ('src="http', "href=\"https://fonts", "src=\"//"):
            assert attr not in text, (html, attr)


def test_page_size_does_not_grow_with_the_number_of_suppliers(site: Path) -> None:
    """Supplier pages are not in the nav: a page carries no link to other suppliers."""
    html = (site / "suppliers/brennwald-druckguss/index.html").read_text(encoding="utf-8")
    assert "vantor-elektronika" not in html


def test_builds_are_reproducible(handbook: Path, site: Path, tmp_path: Path) -> None:
    code, output = build(handbook, tmp_path / "again")
    assert code == 0, output
    for path in ("index.html", "suppliers/vantor-elektronika/index.html", "api/suppliers.json"):
        assert (site / path).read_bytes() == (tmp_path / "again" / path).read_bytes()


def test_failed_check_leaves_the_previous_site_untouched(handbook: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    broken = tmp_path / "broken"
    shutil.copytree(handbook, broken)
    path = broken / "suppliers" / "kjolberg-lim.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("model: alliance", "model: aliance"),
                    encoding="utf-8")
    code, output = build(broken, site)
    assert code == 1
    assert "suppliers/kjolberg-lim.yaml:" in output
    assert "model: 'aliance' is not allowed" in output
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken", "site"]  # no leftovers


def test_failed_mkdocs_build_leaves_the_previous_site_untouched(
    handbook: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    broken = tmp_path / "broken"
    shutil.copytree(handbook, broken)
    (broken / "content" / "guides" / "handover.md").write_text(
        "# Handover\n\n[dead](nowhere.md)\n", encoding="utf-8"
    )
    code, output = build(broken, site, "--strict")
    assert code == 1, output
    assert "previous site is unchanged" in output
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"


def test_export_builds_with_plain_mkdocs_strict(handbook: Path, tmp_path: Path) -> None:
    out = tmp_path / "export"
    result = CliRunner().invoke(
        main, ["export", str(out), "-f", str(handbook / "mkdocs.yml"), "--as-of", AS_OF_TEXT],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    exported = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert exported["plugins"] == ["search"]
    assert (out / "docs" / "suppliers" / "vantor-elektronika.md").is_file()
    assert (out / "docs" / "guides" / "handover.md").is_file()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(out / "mkdocs.yml")],
        capture_output=True, text=True, env=ENV, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Critical: run a recovery plan" in page(out / "site", "suppliers/vantor-elektronika")


def test_plain_mkdocs_build_runs_the_plugin(handbook: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(handbook / "mkdocs.yml"),
         "-d", str(tmp_path / "site")],
        capture_output=True, text=True, check=False,
        env={**ENV, "SOURCE_DATE_EPOCH": "1795435200"},  # 2026-11-23 12:00 UTC
    )
    assert done.returncode == 0, done.stderr
    data = json.loads((tmp_path / "site" / "api" / "suppliers.json").read_text(encoding="utf-8"))
    assert data["as_of"] == AS_OF_TEXT


def test_plain_mkdocs_build_reports_located_errors(handbook: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(handbook, broken)
    (broken / "suppliers" / "bad-one.yaml").write_text("name: [\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-f", str(broken / "mkdocs.yml"),
         "-d", str(tmp_path / "site")],
        capture_output=True, text=True, check=False, env=ENV,
    )
    assert done.returncode == 1
    assert "bad-one.yaml:2:1: error: YAML syntax error" in done.stderr
    assert "Traceback" not in done.stderr


def test_script_in_a_summary_is_shown_as_text(handbook: Path, tmp_path: Path) -> None:
    root = tmp_path / "hb"
    shutil.copytree(handbook, root)
    path = root / "suppliers" / "kjolberg-lim.yaml"
    text = path.read_text(encoding="utf-8")
    start, end = text.index("summary:"), text.index("status:")
    path.write_text(
        text[:start] + "summary: \"<script>alert('x')</script> *really* matters\"\n" + text[end:],
        encoding="utf-8",
    )
    code, output = build(root, tmp_path / "site")
    assert code == 0, output
    html = (tmp_path / "site/suppliers/kjolberg-lim/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "<script>alert('x')</script> really matters" in Page(html).text
    assert "<em>really</em>" in html


def test_a_plain_build_has_no_version_selector(site: Path) -> None:
    """mkdocs.yml configures mike's selector, but only a build that mike runs shows it; a
    plain build would otherwise ask every page for a /versions.json that does not exist."""
    assert "provider: mike" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for path in ("index.html", "suppliers/vantor-elektronika/index.html"):
        html = (site / path).read_text(encoding="utf-8")
        assert '"provider": "mike"' not in html and "md-version" not in html, path
        assert '"base":' in html  # Material's page configuration is there, without a version
