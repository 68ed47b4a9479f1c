"""Rebuilds under ``mkdocs serve`` redo only what a change touches."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any, cast

import pytest
from click.testing import CliRunner
from mkdocs.structure.files import get_files
from supplier_handbook.commands.cli import main
from supplier_handbook.model.check import CheckResult, SupplierFile
from supplier_handbook.plugin import HandbookPlugin
from supplier_handbook.site.config import as_of_for_run, handbook_plugin, load_handbook_config
from supplier_handbook.site.pipeline import Pipeline, Stats

from tests.conftest import AS_OF, ROOT, copy_demo


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "suppliers", tmp_path / "suppliers")
    return tmp_path / "suppliers"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_first_run_does_everything(folder: Path) -> None:
    pipeline = Pipeline(folder, with_history=False)
    _, pages = pipeline.run(AS_OF)
    assert pages is not None
    assert pipeline.stats == Stats(checked=7, derived=7, rendered=7)


def test_saving_one_file_redoes_only_that_supplier(folder: Path) -> None:
    pipeline = Pipeline(folder, with_history=False)
    _, before = pipeline.run(AS_OF)
    edit(folder / "kjolberg-lim.yaml", "Structural and potting adhesives", "Structural adhesives")
    _, after = pipeline.run(AS_OF)
    assert before is not None and after is not None
    assert pipeline.stats == Stats(checked=1, derived=1, rendered=1)
    changed = {path for path in after if after[path] != before.get(path)}
    assert "suppliers/kjolberg-lim.md" in changed
    assert "suppliers/index.md" in changed  # the pages that list it are rendered again
    assert not {p for p in changed if p.startswith("suppliers/") and p not in (
        "suppliers/index.md", "suppliers/kjolberg-lim.md", "suppliers/kjolberg-lim/handover.md")}


def test_incremental_result_equals_a_fresh_run(folder: Path) -> None:
    pipeline = Pipeline(folder, with_history=False)
    pipeline.run(AS_OF)
    edit(folder / "vantor-elektronika.yaml", "status: open", "status: in-progress")
    _, incremental = pipeline.run(AS_OF)
    _, fresh = Pipeline(folder, with_history=False).run(AS_OF)
    assert incremental == fresh


def test_a_new_day_rederives_everything(folder: Path) -> None:
    pipeline = Pipeline(folder, with_history=False)
    pipeline.run(AS_OF)
    pipeline.run(AS_OF + dt.timedelta(days=1))
    assert pipeline.stats == Stats(checked=0, derived=7, rendered=7)


def test_an_error_then_a_fix(folder: Path) -> None:
    pipeline = Pipeline(folder, with_history=False)
    pipeline.run(AS_OF)
    edit(folder / "huaxin-precision.yaml", "model: transactional", "model: transactonal")
    result, pages = pipeline.run(AS_OF)
    assert pages is None
    assert [p.path.endswith("huaxin-precision.yaml") for p in result.errors] == [True]
    edit(folder / "huaxin-precision.yaml", "model: transactonal", "model: transactional")
    result, pages = pipeline.run(AS_OF)
    assert pages is not None and not result.errors
    assert pipeline.stats.checked == 1


def test_a_removed_file_leaves_the_site(folder: Path) -> None:
    pipeline = Pipeline(folder, with_history=False)
    pipeline.run(AS_OF)
    (folder / "calder-technical-services.yaml").unlink()
    _, pages = pipeline.run(AS_OF)
    assert pages is not None
    assert "suppliers/calder-technical-services.md" not in pages
    assert "calder-technical-services" not in pages["suppliers/index.md"]


def test_the_plugin_keeps_its_pipeline_across_serve_rebuilds(tmp_path: Path) -> None:
    copy_demo(tmp_path)
    config = load_handbook_config(tmp_path / "mkdocs.yml")
    config.plugins.on_startup(command="serve", dirty=False)
    with as_of_for_run(AS_OF):
        config.plugins.on_files(get_files(config), config=config)
    # mkdocs serve loads the configuration again for every rebuild; the plugin instance
    # (it defines on_startup) is the same object, with its pipeline.
    again = load_handbook_config(tmp_path / "mkdocs.yml")
    assert handbook_plugin(again) is handbook_plugin(config)
    edit(tmp_path / "suppliers" / "kjolberg-lim.yaml", "Structural and", "Structural &")
    with as_of_for_run(AS_OF):
        again.plugins.on_files(get_files(again), config=again)
    pipeline = cast(HandbookPlugin, handbook_plugin(again)).pipeline
    assert pipeline is not None and pipeline.stats == Stats(checked=1, derived=1, rendered=1)
    again.plugins.on_shutdown()  # as mkdocs serve does: the kept instance leaves serve mode


def test_the_caches_are_keyed_by_what_a_result_depends_on(folder: Path) -> None:
    """A result is made again when what it depends on changed (the as-of date, the file),
    and what a run did not ask for is forgotten: going back to an earlier date derives
    everything again, the store does not grow run after run."""
    pipeline = Pipeline(folder, with_history=False)
    next_day = AS_OF + dt.timedelta(days=1)
    pipeline.run(AS_OF)
    kept = len(pipeline.memo)
    pipeline.run(next_day)
    assert pipeline.stats == Stats(checked=0, derived=7, rendered=7)  # a new date
    assert len(pipeline.memo) == kept  # the entries of the earlier date are gone
    pipeline.run(next_day)
    assert pipeline.stats == Stats(checked=0, derived=0, rendered=0)
    path = folder / "kjolberg-lim.yaml"
    path.write_bytes(path.read_bytes() + b"\n")  # a new version of the file, same supplier
    pipeline.run(next_day)
    assert pipeline.stats == Stats(checked=1, derived=1, rendered=1)
    pipeline.run(AS_OF)
    assert pipeline.stats == Stats(checked=0, derived=7, rendered=7)  # forgotten, made again


def test_suppliers_checked_elsewhere_are_rendered_afresh_in_slug_order(folder: Path) -> None:
    pipeline = Pipeline(folder, with_history=False)
    checked, first = pipeline.run(AS_OF)
    reversed_result = CheckResult(suppliers=list(reversed(checked.suppliers)))
    _, again = pipeline.run(AS_OF, reversed_result)
    assert pipeline.stats == Stats(checked=0, derived=7, rendered=7)
    assert again == first


def test_the_shared_page_goes_through_the_pipeline(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    shutil.copytree(ROOT / "suppliers", tmp_path / "suppliers")
    calls: list[str] = []
    inner = Pipeline.shared_page

    def counted(self: Pipeline, supplier: SupplierFile, as_of: dt.date) -> Any:
        calls.append(supplier.slug)
        return inner(self, supplier, as_of)

    monkeypatch.setattr(Pipeline, "shared_page", counted)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "--audience", "supplier", "kjolberg-lim",
                                       "--as-of", AS_OF.isoformat()])
    assert result.exit_code == 0, result.output
    assert calls == ["kjolberg-lim"]


def test_a_rebuild_folds_no_name_again(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every list of names sorts by ``naming.collation_key``; a rebuild sorts the same names
    again (the agenda, the book, the pages: some 34,000 keys at 1,000 suppliers), and each
    name is folded for sorting once per process, not once per sort. (A person's address
    folds their name once per run.)"""
    from supplier_handbook.derive import naming

    pipeline = Pipeline(folder, with_history=False)
    pipeline.run(AS_OF)
    pipeline.feeds(None)
    folded: list[str] = []
    real = naming.fold

    def counted(text: str) -> str:
        folded.append(text)
        return real(text)

    monkeypatch.setattr(naming, "fold", counted)
    edit(folder / "kjolberg-lim.yaml", "Structural and potting adhesives", "Structural adhesives")
    _, pages = pipeline.run(AS_OF)
    assert pages is not None and pipeline.feeds(None) and pipeline.book is not None
    assert len(folded) == len(set(folded))
    assert set(folded) <= set(pipeline.book.people)  # no supplier's name, no sort's
