"""``handbook new SLUG`` and ``handbook schema``."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from supplier_handbook.edit.starter import SCHEMA_URL
from supplier_handbook.model.check import check_paths
from supplier_handbook.model.supplier import json_schema

from tests.clirun import run
from tests.conftest import ROOT

COMMITTED_SCHEMA = ROOT / "schema" / "supplier.schema.json"


# --- new -------------------------------------------------------------------------------------

def test_new_writes_a_starter_whose_placeholders_fail_the_check(in_tmp: Path) -> None:
    result = run("new", "acme-castings")
    assert result.exit_code == 0
    target = Path("suppliers") / "acme-castings.yaml"
    assert result.stdout == (f"wrote {target}; replace its placeholders (the check lists "
                             f"them), then run: handbook check {target}\n")
    assert sorted(p.name for p in (in_tmp / "suppliers").iterdir()) == ["acme-castings.yaml"]
    checked = run("check")
    assert checked.exit_code == 1
    lines = checked.stdout.splitlines()
    assert len(lines) >= 20
    for line in lines:  # nothing but placeholders: the structure itself is right
        assert re.match(r"^suppliers/acme-castings\.yaml:\d+:\d+: error: \w+: .*'?REPLACE: .* "
                        r"is still the starter's placeholder \(from `handbook new` or "
                        r"`handbook import`\); write the real value, or delete the entry$",
                        line), line
    text = (in_tmp / target).read_text(encoding="utf-8")
    assert len(lines) == sum(line.count("REPLACE:") for line in text.splitlines()
                             if not line.lstrip().startswith("#"))


def test_new_starter_carries_the_schema_line_first(in_tmp: Path) -> None:
    run("new", "acme-castings")
    text = (in_tmp / "suppliers" / "acme-castings.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={SCHEMA_URL}"
    assert SCHEMA_URL == "../schema/supplier.schema.json"


def test_the_schema_line_points_at_the_committed_schema_from_suppliers() -> None:
    assert ((ROOT / "suppliers") / SCHEMA_URL).resolve() == COMMITTED_SCHEMA.resolve()
    assert COMMITTED_SCHEMA.is_file()


def _filled_in(in_tmp: Path, slug: str) -> Path:
    """The starter with every placeholder replaced by the words after it."""
    run("new", slug)
    path = in_tmp / "suppliers" / f"{slug}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("REPLACE: ", ""), encoding="utf-8")
    return path


def test_new_starter_shows_every_section(in_tmp: Path) -> None:
    path = _filled_in(in_tmp, "acme-castings-2")
    result = check_paths([path])
    assert result.problems == [], [p.format() for p in result.problems]
    [checked] = result.suppliers
    assert checked.slug == "acme-castings-2"
    supplier = checked.supplier
    assert supplier.status == "onboarding"
    assert supplier.governance.model == "collaborative"
    assert len(supplier.governance.meetings) == 1 and supplier.governance.meetings[0].attendees
    assert len(supplier.governance.escalation) == 2
    assert len(supplier.handovers) == 1 and supplier.handovers[0].to == supplier.owner.name
    levels = {c.level for c in supplier.contacts if c.side == "supplier"}
    assert levels == {"executive", "relationship", "operational", "technical"}
    assert {c.side for c in supplier.contacts} == {"supplier", "internal"}
    assert len(supplier.health) == 1 and supplier.health[0].with_supplier
    assert len(supplier.actions) == 1 and supplier.actions[0].owner_supplier
    assert len(supplier.culture_check) == 1 and supplier.culture_check[0].answers
    assert len(supplier.log) == 1


def test_the_starter_builds_once_filled_in(in_tmp: Path) -> None:
    from supplier_handbook.derive.portfolio import Settings, derive

    path = _filled_in(in_tmp, "acme")
    portfolio = derive(check_paths([path]).suppliers, dt.date.today(), Settings())
    (d,) = portfolio.suppliers
    assert "handover-missing" not in d.flag_ids and "single-threaded" not in d.flag_ids


def test_new_refuses_to_overwrite(in_tmp: Path) -> None:
    target = in_tmp / "suppliers" / "acme.yaml"
    target.parent.mkdir()
    target.write_text("name: mine, hand-written\n", encoding="utf-8")
    before = (target.read_bytes(), target.stat().st_mtime_ns)
    result = run("new", "acme")
    assert result.exit_code == 2
    assert f"{Path('suppliers') / 'acme.yaml'} exists already; it is not overwritten" \
        in result.stderr
    assert (target.read_bytes(), target.stat().st_mtime_ns) == before


def test_new_twice_keeps_the_first_file(in_tmp: Path) -> None:
    assert run("new", "acme").exit_code == 0
    target = in_tmp / "suppliers" / "acme.yaml"
    target.write_text(target.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    before = target.read_bytes()
    assert run("new", "acme").exit_code == 2
    assert target.read_bytes() == before


@pytest.mark.parametrize(
    "slug",
    ["Acme", "acme_castings", "acme castings", "acme--castings", "-acme", "acme-",
     "acme.yaml", "../evil", "acme/castings", ""],
)
def test_new_refuses_a_non_slug(in_tmp: Path, slug: str) -> None:
    result = run("new", "--", slug)
    assert result.exit_code == 2
    assert f"{slug!r} is not a slug (expected lowercase letters and digits joined by single " \
        "hyphens, e.g. acme-castings)" in result.stderr
    assert list(in_tmp.iterdir()) == []


def test_new_with_another_folder(in_tmp: Path) -> None:
    result = run("new", "acme", "--dir", "elsewhere/suppliers")
    assert result.exit_code == 0
    assert (in_tmp / "elsewhere" / "suppliers" / "acme.yaml").is_file()
    assert not (in_tmp / "suppliers").exists()


def test_new_without_a_slug_is_a_usage_error(in_tmp: Path) -> None:
    assert run("new").exit_code == 2


# --- schema ----------------------------------------------------------------------------------

def test_schema_prints_the_models_schema() -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json_schema()
    assert result.stdout == json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def test_committed_schema_file_is_not_stale() -> None:
    """Regenerate with: handbook schema -o schema/supplier.schema.json"""
    assert COMMITTED_SCHEMA.read_text(encoding="utf-8") == run("schema").stdout


def test_schema_output_option_writes_the_same_text(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = run("schema", "-o", str(target))
    assert (result.exit_code, result.stdout) == (0, "")
    assert target.read_text(encoding="utf-8") == run("schema").stdout


def test_schema_output_is_stable() -> None:
    assert run("schema").stdout == run("schema").stdout


def test_the_starters_comments_list_the_words_of_the_format() -> None:
    from supplier_handbook.edit.starter import CHOICES, allowed_words, starter_text
    from supplier_handbook.model.supplier import json_schema

    schema = json_schema()
    assert allowed_words(schema, ("actions", "status")) == ["open", "in-progress", "done",
                                                            "dropped"]
    assert allowed_words(schema, ("health", "ratings", "innovation")) == ["green", "amber",
                                                                         "red"]
    text = starter_text("acme-castings", dt.date(2026, 11, 23))
    for path in CHOICES.values():
        assert "# " + " | ".join(allowed_words(schema, path)) in text.replace("each ", ""), path
