"""The page for a supplier's own eyes: shared fields only, declared once in the model."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from pydantic import BaseModel
from supplier_handbook.commands.cli import main
from supplier_handbook.model.fields import all_models, audience_of
from supplier_handbook.model.supplier import Contact, Supplier, json_schema
from supplier_handbook.read.load import load_text
from supplier_handbook.render.audience import for_supplier, undeclared_fields

from tests.conftest import AS_OF_TEXT, ROOT


def test_every_field_of_the_model_declares_its_audience() -> None:
    assert undeclared_fields() == []


def test_a_new_field_without_an_audience_is_caught() -> None:
    class Extended(Contact):
        pager: str | None = None

    assert undeclared_fields(Extended) == ["Extended.pager"]


def test_the_json_schema_shows_each_fields_audience() -> None:
    schema = json_schema()
    objects = [schema, *schema["$defs"].values()]
    said = {(o["title"], key): prop.get("audience") for o in objects
            for key, prop in o["properties"].items()}
    assert len(said) == sum(len(m.model_fields) for m in all_models(Supplier))
    assert set(said.values()) == {"shared", "internal"}
    assert said[("Contact", "last_contact")] == "internal"
    assert said[("Contact", "role")] == "shared"


def _strings(value: Any) -> list[str]:
    if isinstance(value, BaseModel):
        return [s for name in type(value).model_fields for s in _strings(getattr(value, name))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def internal_markers(model: BaseModel, path: str = "") -> dict[str, str]:
    """Every internal text value of a supplier, by field path."""
    found: dict[str, str] = {}
    for name, info in type(model).model_fields.items():
        value = getattr(model, name)
        where = f"{path}.{name}" if path else name
        if audience_of(info) == "internal":
            for i, text in enumerate(_strings(value)):
                if text:
                    found[f"{where}[{i}]"] = text
        elif isinstance(value, BaseModel):
            found.update(internal_markers(value, where))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    found.update(internal_markers(item, f"{where}[{i}]"))
    return found


@pytest.fixture(scope="module")
def vantor() -> Supplier:
    text = (ROOT / "suppliers" / "vantor-elektronika.yaml").read_text(encoding="utf-8")
    return Supplier.model_validate(load_text(text, "v.yaml").data)


def test_redaction_removes_every_internal_value(vantor: Supplier) -> None:
    shared = for_supplier(vantor)
    assert internal_markers(shared) == {}
    assert shared.actions[0].action == vantor.actions[0].action
    assert shared.actions[3].notes is None and vantor.actions[3].notes
    assert shared.contacts[0].what_matters is None
    assert shared.log == [] and shared.health == [] and shared.handovers == []


def test_the_shared_page_holds_no_internal_text(tmp_path: Path, demo_handbook: Path,
                                                 vantor: Supplier) -> None:
    root = demo_handbook
    site = tmp_path / "shared"
    result = CliRunner().invoke(
        main, ["build", "-f", str(root / "mkdocs.yml"), "--as-of", AS_OF_TEXT,
               "--site-dir", str(site), "--audience", "supplier", "vantor-elektronika"],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    html = (site / "index.html").read_text(encoding="utf-8")
    long_internal = {k: v for k, v in internal_markers(vantor).items() if len(v) > 25}
    assert len(long_internal) > 10  # the file does hold internal notes to leak
    for where, text in long_internal.items():
        assert text[:25] not in html, where
    for shared in ("Close the 8D for the ICT escape", "Lucie Novotná", "Recovery call"):
        assert shared in html
    for other in ("Brennwald", "Kjølberg", "critical", "Health"):
        assert other not in html
    assert sorted(p.name for p in site.iterdir() if p.suffix == ".html") == ["404.html",
                                                                             "index.html"]


def test_audience_needs_a_known_slug(tmp_path: Path) -> None:
    args = ["build", "-f", str(ROOT / "mkdocs.yml"), "--site-dir", str(tmp_path / "s")]
    runner = CliRunner()
    assert runner.invoke(main, [*args, "--audience", "supplier"]).exit_code == 2
    result = runner.invoke(main, [*args, "--audience", "supplier", "nope"])
    assert result.exit_code == 2 and "no supplier 'nope'" in result.output
    assert not (tmp_path / "s").exists()
