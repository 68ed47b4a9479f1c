"""The flag registry is the one place a flag is defined: a new entry reaches the supplier
page, the dashboard, the owner page and the export with no other change."""

from __future__ import annotations

import json

import pytest
from supplier_handbook.derive import flags
from supplier_handbook.derive.flags import Finding, FlagKind, Subject
from supplier_handbook.render.renderer import export_json

from .builders import OWNER, entry, pages_of, portfolio, review


def _raised(x: Subject) -> Finding | None:
    return Finding(f"{x.supplier.name} has no spare parts list on file.")


NEW = FlagKind("no-spares-list", "No spares list", 1, "Ask the supplier for a spares list.",
               _raised)


@pytest.fixture
def with_new_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(flags, "REGISTRY", (*flags.REGISTRY, NEW))


@pytest.mark.usefixtures("with_new_flag")
def test_a_new_registry_entry_reaches_every_page_and_the_export() -> None:
    p = portfolio(entry("acme-castings"))
    (d,) = p.suppliers
    assert "no-spares-list" in d.flag_ids
    pages = pages_of(p)
    sentence = "Acme Castings GmbH has no spare parts list on file."
    supplier = pages["suppliers/acme-castings.md"]
    assert '!!! warning "No spares list"' in supplier
    assert sentence in supplier and "Ask the supplier for a spares list." in supplier
    assert f"**No spares list:** {sentence}" in pages["index.md"]
    owner_pages = [text for path, text in pages.items() if path.startswith("owners/")
                   and OWNER in text and sentence in text]
    assert len(owner_pages) == 1
    (record,) = json.loads(export_json(p))["suppliers"]
    assert "no-spares-list" in record["flags"]


def test_without_the_entry_nothing_shows_it() -> None:
    p = portfolio(entry("acme-castings"))
    assert "no-spares-list" not in p.suppliers[0].flag_ids
    assert not any("No spares list" in text for text in pages_of(p).values())


def test_each_flag_reads_its_id_title_and_advice_from_its_kind() -> None:
    ids = [k.id for k in flags.REGISTRY]
    assert len(ids) == len(set(ids)) == len(flags.BY_ID)
    p = portfolio(entry("acme-castings", impact="high", governance={"model": "alliance"},
                        health=[review("2026-Q3", with_supplier=False)]))
    raised = p.suppliers[0].flags
    assert [f.id for f in raised] == ["no-escalation-path", "review-not-shared"]
    for flag in raised:
        assert flag.kind is flags.BY_ID[flag.id]
        assert flag.title == flag.kind.title and flag.severity == flag.kind.severity
