"""``handbook check`` finds broken internal links in supplier text, located like any error."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from supplier_handbook.commands.cli import main
from supplier_handbook.model.check import check_paths
from supplier_handbook.model.links import GENERATED

from tests.conftest import AS_OF, ROOT
from tests.samples import MINIMAL_SUPPLIER

MKDOCS = "site_name: t\ndocs_dir: content\nplugins: [search, handbook]\n"
ACTION = ("actions:\n  - id: A-1\n    action: {text}\n    owner_internal: Dana Okafor\n"
          "    owner_supplier: Maria Schmidt\n    due: 2026-12-01\n")


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    (tmp_path / "content" / "guides").mkdir(parents=True)
    (tmp_path / "content" / "guides" / "handover.md").write_text("# H\n", encoding="utf-8")
    (tmp_path / "content" / "images").mkdir()
    (tmp_path / "content" / "images" / "map.png").write_bytes(b"png")
    (tmp_path / "suppliers").mkdir()
    (tmp_path / "suppliers" / "other-one.yaml").write_text(MINIMAL_SUPPLIER, encoding="utf-8")
    return tmp_path


def _write(handbook: Path, rationale: str, extra: str = "") -> Path:
    """A supplier whose impact.rationale (line 6; shown on its page only) is ``rationale``."""
    text = MINIMAL_SUPPLIER.replace("  level: low\n",
                                    f"  level: low\n  rationale: {rationale}\n") + extra
    path = handbook / "suppliers" / "acme.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _messages(handbook: Path) -> list[str]:
    return [p.format() for p in check_paths([handbook / "suppliers"]).problems]


@pytest.mark.parametrize("target", [
    "../guides/handover.md", "../guides/handover.md#before-the-handover", "other-one.md",
    "acme.md", "index.md", "../index.md", "../actions.md", "../owners/index.md",
    "../owners/dana-okafor.md", "../images/map.png", "#contacts", "https://q.corp.internal/8d",
    "mailto:q@corp.internal", "/absolute/is/not/judged", "../guides/handover%2Emd",
])
def test_links_that_reach_a_page_pass(handbook: Path, target: str) -> None:
    _write(handbook, f"See [this]({target}).")
    assert _messages(handbook) == []


@pytest.mark.parametrize(("target", "hint"), [
    ("../guides/nope.md", ""), ("missing-supplier.md", ""), ("../../outside.md", ""),
    ("../guides/handover/", "link to the page's file"), ("guides/handover.md", ""),
])
def test_broken_links_are_located_errors(handbook: Path, target: str, hint: str) -> None:
    path = _write(handbook, f"Read [the page]({target}) first.")
    (message,) = _messages(handbook)
    col = len("  rationale: Read [the page](") + 1  # where the target starts
    assert message.startswith(f"{path}:6:{col}: error: rationale: the link {target!r} points "
                              "to a page that does not exist")
    assert hint in message


def test_every_broken_link_of_every_file_and_field(handbook: Path) -> None:
    path = _write(handbook, "See [a](a.md) and [b](b.md)",
                  "log:\n  - date: 2026-01-01\n    kind: note\n    text: >-\n"
                  "      Folded text, then\n      [c](../c.md).\n")
    assert _messages(handbook) == [
        f"{path}:6:22: error: rationale: the link 'a.md' points to a page that does not exist "
        "(links are read from the supplier's page, suppliers/SLUG.md)",
        f"{path}:6:36: error: rationale: the link 'b.md' points to a page that does not exist "
        "(links are read from the supplier's page, suppliers/SLUG.md)",
        f"{path}:21:11: error: text: the link '../c.md' points to a page that does not exist "
        "(links are read from the supplier's page, suppliers/SLUG.md)",
    ]


def test_text_shown_on_other_pages_too_is_judged_there(handbook: Path) -> None:
    _write(handbook, "x", ACTION.format(text="See [the guide](../guides/handover.md)."))
    (message,) = _messages(handbook)
    assert "action: the link '../guides/handover.md'" in message
    assert ("from the handover brief (suppliers/SLUG/handover/) and the pages at the site's "
            "root") in message


def test_the_summary_is_judged_from_the_handover_brief_too(handbook: Path) -> None:
    path = handbook / "suppliers" / "acme.yaml"
    path.write_text(MINIMAL_SUPPLIER.replace(
        "summary: Sole source of housings.", "summary: See [the guide](../guides/handover.md)."))
    (message,) = _messages(handbook)
    assert message.startswith(f"{path}:3:") and "from the handover brief" in message
    path.write_text(MINIMAL_SUPPLIER.replace(
        "summary: Sole source of housings.", "summary: See [the contacts](#contacts)."))
    assert _messages(handbook) == []


def test_plain_text_fields_are_not_links(handbook: Path) -> None:
    text = MINIMAL_SUPPLIER.replace("role: Managing Director", "role: '[x](nope.md)'")
    (handbook / "suppliers" / "acme.yaml").write_text(text, encoding="utf-8")
    assert _messages(handbook) == []


def test_outside_a_handbook_links_are_not_judged(tmp_path: Path) -> None:
    (tmp_path / "suppliers").mkdir()  # no mkdocs.yml beside it: no site to judge against
    _write(tmp_path, "See [a](a.md)")
    assert _messages(tmp_path) == []


def test_the_check_command_and_its_exit_code(handbook: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    _write(handbook, "See [a](../guides/gone.md)")
    monkeypatch.chdir(handbook)
    result = CliRunner().invoke(main, ["check"], catch_exceptions=False)
    assert result.exit_code == 1
    assert result.stdout.startswith("suppliers/acme.yaml:6:22: error: rationale: the link "
                                    "'../guides/gone.md'")
    assert result.stderr == "1 error in 1 of 2 files\n"


def test_the_generated_pages_are_the_renderers(examples: object) -> None:

    from supplier_handbook.model.check import CheckResult
    from supplier_handbook.model.links import Site
    from supplier_handbook.site.generate import ASSETS
    from supplier_handbook.site.pipeline import Pipeline

    assert isinstance(examples, CheckResult)
    _, pages = Pipeline(ROOT / "suppliers", with_history=False).run(AS_OF)
    assert pages is not None
    every = set(pages) | set(ASSETS)
    site = Site(frozenset(), frozenset(s.slug for s in examples.suppliers))
    assert [p for p in sorted(every) if not site.has(p)] == []
    shared = {p for p in every if p.count("/") == 0 or p.startswith(("api/", "assets/"))}
    assert shared | {"suppliers/index.md", "owners/index.md"} == set(GENERATED)
    assert not site.has("suppliers/nobody.md") and not site.has("suppliers/nobody/handover.md")


@pytest.mark.parametrize("target", [
    "javascript:alert(1)", "\x01javascript:alert(1)", "<javascript:alert(1)", "java&#x0A;script:x",
    "JaVaScRiPt:x", "data:text/html,x", "https://x.corp.internal", "mailto:a@corp.internal",
    "../guides/handover.md", "a:b", "&#106;avascript:x", "vbscript:x",
])
def test_scheme_judged_as_render_judges_it(target: str) -> None:
    from supplier_handbook.model.links import has_scheme
    from supplier_handbook.render.textfmt import is_safe_url

    relative = not has_scheme(target)
    assert (relative and is_safe_url(target)) or not relative
    if not is_safe_url(target):  # neutralised by render: never a link to a page
        assert has_scheme(target)
