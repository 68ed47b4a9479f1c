"""Issue 22: under ``handbook serve``, a rebuild after a save gives exactly what a clean build
of the same files gives, whatever the caches keep.

A hypothesis state machine edits a folder of supplier files (an owner changes with or without
a handover, an action is added or closed, a review is added, a file is deleted, broken and
then mended, renamed); after each step the kept ``Pipeline`` rebuilds (as the plugin does on
every save: its pages, then the calendar feeds through its feed cache) and every generated
page, feed and ``api/suppliers.json`` must equal a clean run over the same files.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from supplier_handbook.derive.portfolio import Settings
from supplier_handbook.site.pipeline import Pipeline

from tests.derive.builders import (
    AS_OF,
    INTERNAL_EXEC,
    SUPPLIER_OPS,
    handover,
    review,
    supplier_data,
)

OWNERS = ("Ana Ruiz", "Bo Berg", "Dana Okafor", "Sofía Herrera")
PERIODS = ("2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3")
CONFIGURED = Settings(check_in_days={"alliance": 7, "collaborative": 20, "transactional": 60},
                      review_overdue_days={"alliance": 60, "collaborative": 80,
                                           "transactional": 300})


def build(pipeline: Pipeline) -> tuple[object, dict[str, str] | None]:
    """What one build or rebuild of the plugin generates (``generate.generated_pages``)."""
    result, pages = pipeline.run(AS_OF)
    if pages is None:
        return sorted(p.format() for p in result.errors), None
    pages.update(pipeline.feeds(None))
    return [], pages


class ServeEqualsClean(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="serve-equals-clean-"))
        self.folder = self.root / "suppliers"
        self.folder.mkdir()
        self.files: dict[str, dict[str, Any]] = {}
        self.broken: str | None = None
        self.clock = 1_700_000_000  # every save a second after the last, as a person saves
        self.serve = Pipeline(self.folder, CONFIGURED, with_history=False)

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def _write(self, slug: str, text: str | None = None) -> None:
        path = self.folder / f"{slug}.yaml"
        path.write_text(text if text is not None else yaml.safe_dump(
            self.files[slug], allow_unicode=True, sort_keys=False), encoding="utf-8")
        self.clock += 1
        os.utime(path, ns=(self.clock * 10**9, self.clock * 10**9))

    @initialize()
    def start(self) -> None:
        for n, (slug, name, owner) in enumerate((("acme", "Acme Castings", "Dana Okafor"),
                                                 ("brio", "Brio Ångström", "Ana Ruiz"),
                                                 ("ceska", "Česká Ocel", "Bo Berg"))):
            self.files[slug] = supplier_data(name=name, owner={"name": owner},
                                             model=("collaborative", "alliance",
                                                    "transactional")[n])
            self._write(slug)

    def slugs(self) -> list[str]:
        return sorted(s for s in self.files if s != self.broken)

    @precondition(lambda self: self.broken is None and self.files)
    @rule(data=st.data(), to=st.sampled_from(OWNERS), written=st.booleans(),
          since=st.booleans())
    def change_owner(self, data: st.DataObject, to: str, written: bool, since: bool) -> None:
        slug = data.draw(st.sampled_from(self.slugs()))
        d = self.files[slug]
        before = d["owner"]["name"]
        if before == to:
            return
        day = (AS_OF - dt.timedelta(days=10 * (len(d.get("handovers", [])) + 1))).isoformat()
        if written:
            d.setdefault("handovers", []).append(handover(day, before, to))
        d["owner"] = {"name": to, **({"since": day} if since else {})}
        for action in d.get("actions", []):  # the old owner's actions go with the supplier
            if action["owner_internal"] == before:
                action["owner_internal"] = to
        self._write(slug)

    @precondition(lambda self: self.broken is None and self.files)
    @rule(data=st.data(), due=st.integers(-30, 60), ours=st.booleans())
    def add_action(self, data: st.DataObject, due: int, ours: bool) -> None:
        slug = data.draw(st.sampled_from(self.slugs()))
        d = self.files[slug]
        actions = d.setdefault("actions", [])
        actions.append({
            "id": f"JAP-{len(actions) + 1}", "action": f"Agree step {len(actions) + 1}.",
            "owner_internal": d["owner"]["name"] if ours else INTERNAL_EXEC,
            "owner_supplier": SUPPLIER_OPS,
            "due": (AS_OF + dt.timedelta(days=due)).isoformat(), "status": "open"})
        self._write(slug)

    @precondition(lambda self: self.broken is None and any(
        a["status"] == "open" for s in self.slugs() for a in self.files[s].get("actions", [])))
    @rule(data=st.data())
    def close_action(self, data: st.DataObject) -> None:
        open_ = [(s, a) for s in self.slugs() for a in self.files[s].get("actions", [])
                 if a["status"] == "open"]
        slug, action = data.draw(st.sampled_from(open_))
        action["status"], action["done_on"] = "done", action["due"]
        self._write(slug)

    @precondition(lambda self: self.broken is None and self.files)
    @rule(data=st.data(), ratings=st.sampled_from(("GGGG", "GGAR", "RRAA", "AAAA")))
    def add_review(self, data: st.DataObject, ratings: str) -> None:
        slug = data.draw(st.sampled_from(self.slugs()))
        d = self.files[slug]
        held = {r["period"] for r in d.get("health", [])}
        free = [p for p in PERIODS if p not in held]
        if not free:
            return
        d.setdefault("health", []).append(review(data.draw(st.sampled_from(free)), ratings))
        self._write(slug)

    @precondition(lambda self: self.broken is None and len(self.files) > 1)
    @rule(data=st.data())
    def delete_file(self, data: st.DataObject) -> None:
        slug = data.draw(st.sampled_from(self.slugs()))
        (self.folder / f"{slug}.yaml").unlink()
        del self.files[slug]

    @precondition(lambda self: self.broken is None and self.files)
    @rule(data=st.data())
    def break_file(self, data: st.DataObject) -> None:
        slug = data.draw(st.sampled_from(self.slugs()))
        self._write(slug, "name: [unclosed\n")
        self.broken = slug

    @precondition(lambda self: self.broken is not None)
    @rule()
    def mend_file(self) -> None:
        assert self.broken is not None
        self._write(self.broken)
        self.broken = None

    @precondition(lambda self: self.broken is None and self.files)
    @rule(data=st.data(), new=st.sampled_from(("delta", "epsilon", "zeta")))
    def rename_file(self, data: st.DataObject, new: str) -> None:
        slug = data.draw(st.sampled_from(self.slugs()))
        if new in self.files:
            return
        (self.folder / f"{slug}.yaml").rename(self.folder / f"{new}.yaml")
        self.files[new] = self.files.pop(slug)

    @invariant()
    def rebuild_equals_a_clean_build(self) -> None:
        if not self.files:
            return
        errors, served = build(self.serve)
        clean_errors, clean = build(Pipeline(self.folder, CONFIGURED, with_history=False))
        assert errors == clean_errors
        assert (served is None) == (clean is None)
        assert (served is None) == (self.broken is not None), errors
        if served is None or clean is None:
            return
        assert served.keys() == clean.keys()
        differ = sorted(path for path in served if served[path] != clean[path])
        assert differ == []


ServeEqualsClean.TestCase.settings = settings(
    max_examples=12, stateful_step_count=8, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
test_serve_equals_a_clean_build = ServeEqualsClean.TestCase
