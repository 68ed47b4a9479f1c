"""The data export (api/suppliers.json records), and derive() being a pure function."""

from __future__ import annotations

import builtins
import datetime as dt
import io
import json
import os
import socket
import time
import types
from typing import Any, NoReturn

import pytest
import supplier_handbook.derive.portfolio as derive_module
from supplier_handbook.derive.portfolio import Portfolio, Settings, derive
from supplier_handbook.model.check import SupplierFile
from supplier_handbook.render.renderer import export_json, export_record
from supplier_handbook.site.servecache import PageMemo

from tests.conftest import AS_OF_TEXT

from .builders import (
    AS_OF,
    OWNER,
    SUPPLIER_EXEC,
    action,
    contact,
    days_before,
    entry,
    handover,
    review,
)

DAY = dt.timedelta(days=1)


def _acme() -> SupplierFile:
    """One fully specified supplier, with four flags (given here in the spec's flag order)."""
    return entry(
        "acme-castings",
        name="Acme Castings GmbH",
        category="Aluminium housings",
        status="onboarding",
        impact="high",
        model="transactional",  # transactional on high impact: misfit
        owner={"name": OWNER, "email": "dana.okafor@example.com", "since": "2026-02-01"},
        contacts=[
            # 91 days: more than the transactional 90 -> contact-gone-quiet
            contact(SUPPLIER_EXEC, "supplier", "executive", last_contact=days_before(91)),
            contact("Jonas Weber", "supplier", "operational", next_check_in="2026-12-10"),
            contact("Ines Internal", "internal", "executive", next_check_in="2026-12-03"),
        ],
        health=[
            review("2026-Q3", "GGAA"),  # computed amber; listed first in the file
            review("2026-Q2", "GGGG"),  # green -> amber: health-falling
        ],
        actions=[
            action("JAP-1", AS_OF - DAY, "open"),
            action("JAP-2", AS_OF - 10 * DAY, "in-progress"),
            action("JAP-3", AS_OF, "open"),
            action("JAP-4", AS_OF - DAY, "done"),
            action("JAP-5", AS_OF - DAY, "dropped"),
        ],
        # the newest handover went to someone else: handover-missing
        handovers=[handover("2026-02-01", "Lee Chen", OWNER),
                   handover("2026-06-01", OWNER, "Pat Doe")],
    )


def _zeta() -> SupplierFile:
    return entry("zeta-tools", name="Zeta Tools", category="Cutting tools", impact="low",
                 model="transactional", health=[])


ACME_RECORD: dict[str, Any] = {
    "slug": "acme-castings",
    "name": "Acme Castings GmbH",
    "category": "Aluminium housings",
    "status": "onboarding",
    "url": "suppliers/acme-castings/",
    "impact": "high",
    "model": "transactional",
    "owner": OWNER,
    "health": "amber",
    "position": "at-risk",
    "governance_fit": "misfit",
    "flags": ["action-overdue", "contact-gone-quiet", "handover-missing", "health-falling"],
    "open_actions": 3,
    "overdue_actions": 2,
}
ZETA_RECORD: dict[str, Any] = {
    "slug": "zeta-tools",
    "name": "Zeta Tools",
    "category": "Cutting tools",
    "status": "active",
    "url": "suppliers/zeta-tools/",
    "impact": "low",
    "model": "transactional",
    "owner": OWNER,
    "health": None,
    "position": "unrated",
    "governance_fit": "fit",
    "flags": [],
    "open_actions": 0,
    "overdue_actions": 0,
}


def _required(record: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
    assert set(expected) <= set(record), f"missing keys: {set(expected) - set(record)}"
    return {key: record[key] for key in expected}


@pytest.mark.parametrize(("make", "expected"), [(_acme, ACME_RECORD), (_zeta, ZETA_RECORD)],
                         ids=["fully-specified-four-flags", "unrated-no-flags"])
def test_export_record(make: Any, expected: dict[str, Any]) -> None:
    d = derive([make()], AS_OF, Settings()).suppliers[0]
    assert _required(export_record(d), expected) == expected


def test_export_record_flags_are_sorted_ids() -> None:
    d = derive([_acme()], AS_OF, Settings()).suppliers[0]
    flags = export_record(d)["flags"]
    assert flags == sorted(flags)
    assert sorted(f.id for f in d.flags) == flags


def test_export_json_document() -> None:
    text = export_json(derive([_zeta(), _acme()], AS_OF, Settings()))
    data = json.loads(text)
    assert set(data) == {"as_of", "suppliers"}
    assert data["as_of"] == AS_OF_TEXT
    records = {r["slug"]: r for r in data["suppliers"]}
    assert sorted(records) == ["acme-castings", "zeta-tools"]
    assert _required(records["acme-castings"], ACME_RECORD) == ACME_RECORD
    assert _required(records["zeta-tools"], ZETA_RECORD) == ZETA_RECORD
    assert "null" in text  # health of an unrated supplier is JSON null


def test_export_json_of_an_empty_portfolio() -> None:
    assert json.loads(export_json(derive([], dt.date(2026, 1, 2), Settings()))) == {
        "as_of": "2026-01-02", "suppliers": [],
    }


@pytest.mark.parametrize("history", [None, "read"])
def test_export_json_is_json_dumps_made_record_by_record(history: str | None) -> None:
    """The export's text is made one record at a time (so that ``mkdocs serve`` keeps the
    records that did not change); it must be byte for byte what ``json.dumps`` writes."""
    portfolio = derive([_zeta(), _acme()], AS_OF, Settings())
    changed = {"acme-castings": dt.date(2026, 5, 4)} if history else None  # zeta: null
    memo = PageMemo()  # what ``mkdocs serve`` keeps the records in
    made = []
    texts = [export_json(portfolio, changed)]
    for _ in range(2):
        memo.start()
        texts.append(export_json(portfolio, changed, memo.value))
        made.append(memo.made)
    for text in texts:
        assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"
        data = json.loads(text)
        assert [r.get("last_changed", "absent") for r in data["suppliers"]] == (
            ["2026-05-04", None] if history else ["absent", "absent"])
    assert texts[0] == texts[1] == texts[2]
    assert made == [2, 0]  # both records made once, then kept
    empty = export_json(derive([], AS_OF, Settings()))
    assert empty == json.dumps({"as_of": AS_OF_TEXT, "suppliers": []}, indent=2) + "\n"


# --- purity ---------------------------------------------------------------------------------


def _forbidden(*_args: Any, **_kwargs: Any) -> NoReturn:
    raise AssertionError("derive() must not do I/O or read the clock")


class _NoClockDate(dt.date):
    @classmethod
    def today(cls) -> NoReturn:
        _forbidden()


class _NoClockDatetime(dt.datetime):
    @classmethod
    def now(cls, tz: Any = None) -> NoReturn:
        _forbidden()

    @classmethod
    def today(cls) -> NoReturn:
        _forbidden()


class _NoEnviron(dict[str, str]):
    def __getitem__(self, key: str) -> NoReturn:
        _forbidden()

    def get(self, *_args: Any, **_kwargs: Any) -> NoReturn:
        _forbidden()


def test_derive_does_no_io(monkeypatch: pytest.MonkeyPatch) -> None:
    entries = [_acme(), _zeta()]
    expected = derive(entries, AS_OF, Settings())
    with monkeypatch.context() as m:
        m.setattr(builtins, "open", _forbidden)
        m.setattr(io, "open", _forbidden)
        m.setattr(os, "open", _forbidden)
        m.setattr(os, "stat", _forbidden)
        m.setattr(os, "environ", _NoEnviron())
        m.setattr(os, "getenv", _forbidden)
        m.setattr(socket, "socket", _forbidden)
        m.setattr(time, "time", _forbidden)
        fake_dt = types.SimpleNamespace(date=_NoClockDate, datetime=_NoClockDatetime,
                                        timedelta=dt.timedelta, UTC=dt.UTC)
        m.setattr(derive_module, "dt", fake_dt)
        result = derive(entries, AS_OF, Settings())
        record = export_record(result.suppliers[0])
    assert result == expected
    assert _required(record, ACME_RECORD) == ACME_RECORD


def test_equal_inputs_give_equal_results() -> None:
    first = derive([_acme(), _zeta()], AS_OF, Settings())
    second = derive([_zeta(), _acme()], AS_OF, Settings())  # built again, and in another order
    assert isinstance(first, Portfolio)
    assert first == second
    assert export_json(first) == export_json(second)


def test_derive_does_not_change_its_inputs() -> None:
    entries = [_zeta(), _acme()]
    before = [(e.slug, e.path, e.supplier.model_dump()) for e in entries]
    derive(entries, AS_OF, Settings())
    assert [(e.slug, e.path, e.supplier.model_dump()) for e in entries] == before


def test_flags_follow_the_as_of_date() -> None:
    entries = [_acme()]
    early = derive(entries, dt.date(2026, 7, 15), Settings()).suppliers[0]
    # 2026-07-15: JAP actions not yet due, the executive spoke 91 days before 2026-11-23
    assert early.flag_ids == ["handover-missing", "health-falling"]
    assert derive(entries, AS_OF, Settings()).suppliers[0].flag_ids == ACME_RECORD["flags"]
