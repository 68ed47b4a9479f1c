"""The one store (``render/memo.py``): one key discipline, and its list of entries.

A caller names an entry's kind and gives its inputs; the key is the kind and what the kind
reads from those inputs, so no call site writes a key. Every kind a run keeps is declared in
``memo.KINDS`` and listed in the module's docstring, and every kind listed is kept by a run.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import pkgutil
from pathlib import Path

import supplier_handbook
from supplier_handbook.derive.portfolio import Settings, derive
from supplier_handbook.model.check import CheckResult
from supplier_handbook.render import memo
from supplier_handbook.render.memo import INDEX_ROW, KINDS, Kind, PageMemo
from supplier_handbook.site.pipeline import Pipeline

from tests.conftest import AS_OF
from tests.history.gitrepo import ANA, commit, init_handbook

PACKAGE = Path(supplier_handbook.__file__).parent


def test_a_run_keeps_every_listed_kind_and_no_other(tmp_path: Path) -> None:
    """A serve's run (with git history, the calendar feeds and the export) over the demo
    handbook: the kinds of the entries the store holds are exactly ``KINDS``. A kind used
    but not listed, or listed but no longer used, fails here."""
    repo = init_handbook(tmp_path / "handbook")
    commit(repo, "The demo suppliers", ANA, "2026-06-01T10:00:00+02:00")
    pipeline = Pipeline(repo / "suppliers")
    result, pages = pipeline.run(AS_OF)
    assert pages is not None, [p.format() for p in result.errors]
    assert pipeline.feeds("https://handbook.internal/")
    kept = pipeline.memo.kinds()
    assert {k.name for k in kept - set(KINDS)} == set()  # kept, but not listed
    assert {k.name for k in set(KINDS) - kept} == set()  # listed, but kept by no run


def test_the_docstring_lists_every_kind_in_order() -> None:
    doc = memo.__doc__ or ""
    listed = [line.split("``")[1] for line in doc.splitlines() if line.startswith("- ``")]
    assert listed == [k.name for k in KINDS]
    for kind in KINDS:
        assert f"Inputs: {', '.join(kind.inputs)}." in doc
        assert kind.cost >= 0 and kind.made_in in doc


def test_kinds_have_names_of_their_own() -> None:
    names = [k.name for k in KINDS]
    assert len(set(names)) == len(names)
    assert len(set(KINDS)) == len(KINDS)


def _modules() -> list[str]:
    return [m.name for m in pkgutil.walk_packages(supplier_handbook.__path__,
                                                  "supplier_handbook.")
            if not m.name.endswith("__main__")]


def test_every_kind_declared_anywhere_is_in_kinds() -> None:
    """A kind declared in another module (or in memo, but left out of ``KINDS``) would be
    kept without being listed."""
    declared = {(name, attr): value for name in _modules()
                for attr, value in vars(importlib.import_module(name)).items()
                if isinstance(value, Kind)}
    assert declared
    assert {key for key, value in declared.items() if value not in KINDS} == set()


KEEPERS = {"keep", "value", "page", "fresh"}  # how code takes the store


def test_no_call_site_writes_a_key() -> None:
    """Every call that takes the store names a declared kind first, never a tuple or a
    string of its own (the type checker holds the inputs to the kind's)."""
    kinds = {name for name, value in vars(memo).items() if isinstance(value, Kind)}
    calls = 0
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            if isinstance(func, ast.BoolOp):  # ``(keep or fresh)(...)``
                func = func.values[0]
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if name not in KEEPERS or len(node.args) != 3:
                continue
            calls += 1
            where = f"{path.relative_to(PACKAGE)}:{node.lineno}"
            assert not isinstance(first, (ast.Tuple, ast.Constant, ast.JoinedStr)), where
            assert isinstance(first, ast.Name) and first.id in kinds | {"kind"}, where
    assert calls > 10  # the scan finds the call sites


def test_the_key_comes_from_the_inputs(examples: CheckResult) -> None:
    """Two parts of one supplier's row are two entries; a changed input makes it again."""
    d = derive(examples.suppliers[:1], AS_OF, Settings()).suppliers[0]
    store = PageMemo()
    made: list[str] = []

    def row(text: str) -> str:
        made.append(text)
        return text

    store.start()
    assert store.value(INDEX_ROW, (d, "dana", "suppliers/index.md"), lambda: row("a")) == "a"
    assert store.value(INDEX_ROW, (d, "dana", "suppliers/index-2.md"), lambda: row("b")) == "b"
    assert store.value(INDEX_ROW, (d, "dana", "suppliers/index.md"), lambda: row("c")) == "a"
    store.start()
    assert store.value(INDEX_ROW, (d, "ana", "suppliers/index.md"), lambda: row("d")) == "d"
    assert store.value(INDEX_ROW, (d, "dana", "suppliers/index-2.md"), lambda: row("e")) == "b"
    assert made == ["a", "b", "d"]
    assert len(store) == 2
    assert INDEX_ROW.key((d, "x", "p")) == (INDEX_ROW, (d.slug, "p"))


def test_a_new_day_is_a_new_input(examples: CheckResult) -> None:
    d = derive(examples.suppliers[:1], AS_OF, Settings()).suppliers[0]
    store = PageMemo()
    store.start()
    day = AS_OF
    assert store.value(memo.AGENDA, (d, day, Settings()), lambda: 1) == 1
    assert store.value(memo.AGENDA, (d, day, Settings()), lambda: 2) == 1  # equal inputs
    assert store.value(memo.AGENDA, (d, day + dt.timedelta(days=1), Settings()),
                       lambda: 3) == 3
