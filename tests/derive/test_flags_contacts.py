"""Attention flags about people: single-threaded and contact-gone-quiet, at their boundaries."""

from __future__ import annotations

import datetime as dt

import pytest
from supplier_handbook.derive.portfolio import Settings

from .builders import (
    AS_OF,
    INTERNAL_EXEC,
    SUPPLIER_EXEC,
    SUPPLIER_OPS,
    contact,
    days_before,
    default_contacts,
    derive_one,
    iso,
)


def test_the_baseline_supplier_has_no_flag() -> None:
    for model in ("transactional", "collaborative", "alliance"):
        assert derive_one(model=model).flag_ids == []


# --- single-threaded ------------------------------------------------------------------------

SUP, INT = "supplier", "internal"
THREADING_CASES = [
    # (contacts as (side, level), flagged for collaborative and alliance, id)
    ([(SUP, "executive"), (SUP, "operational"), (INT, "executive")], False,
     "execs-both-sides-two-supplier-levels"),
    ([(SUP, "executive"), (SUP, "technical"), (SUP, "relationship"), (INT, "executive"),
      (INT, "operational")], False, "execs-both-sides-three-supplier-levels"),
    ([(SUP, "executive"), (SUP, "executive"), (INT, "executive")], True,
     "supplier-side-one-level-two-people"),
    ([(SUP, "executive"), (INT, "executive")], True, "supplier-side-one-contact"),
    ([(SUP, "executive"), (INT, "executive"), (INT, "operational")], True,
     "internal-levels-do-not-count-for-supplier-levels"),
    ([(SUP, "relationship"), (SUP, "operational"), (INT, "executive")], True,
     "two-supplier-levels-no-supplier-executive"),
    ([(SUP, "executive"), (SUP, "operational"), (INT, "relationship")], True,
     "no-internal-executive"),
    ([(SUP, "executive"), (SUP, "operational")], True, "no-internal-contact-at-all"),
    ([(INT, "executive"), (INT, "operational")], True, "no-supplier-contact-at-all"),
]


def _contacts(spec: list[tuple[str, str]]) -> list[dict[str, str]]:
    return [contact(f"Person {i}", side, level) for i, (side, level) in enumerate(spec)]


@pytest.mark.parametrize("model", ["collaborative", "alliance"])
@pytest.mark.parametrize(("spec", "flagged"), [c[:2] for c in THREADING_CASES],
                         ids=[c[2] for c in THREADING_CASES])
def test_single_threaded(model: str, spec: list[tuple[str, str]], flagged: bool) -> None:
    d = derive_one(model=model, contacts=_contacts(spec))
    assert d.flag_ids == (["single-threaded"] if flagged else [])


@pytest.mark.parametrize(("spec", "flagged"), [c[:2] for c in THREADING_CASES],
                         ids=[c[2] for c in THREADING_CASES])
def test_single_threaded_never_for_transactional(spec: list[tuple[str, str]],
                                                 flagged: bool) -> None:
    del flagged  # whatever the collaborative/alliance answer, transactional is never flagged
    d = derive_one(model="transactional", contacts=_contacts(spec))
    assert d.flag_ids == []


# --- contact gone quiet ---------------------------------------------------------------------

CHECK_IN_DAYS = {"alliance": 14, "collaborative": 30, "transactional": 90}
QUIET_CASES = [
    pytest.param(model, days + extra, extra > 0, id=f"{model}-{days + extra}-days")
    for model, days in CHECK_IN_DAYS.items()
    for extra in (-1, 0, 1)
]


def _with_supplier_last_contact(days: int, who: str = SUPPLIER_EXEC) -> list[dict[str, str]]:
    contacts = default_contacts()
    for c in contacts:
        if c["name"] == who:
            c["last_contact"] = days_before(days)
    return contacts


@pytest.mark.parametrize(("model", "days", "flagged"), QUIET_CASES)
def test_supplier_contact_gone_quiet(model: str, days: int, flagged: bool) -> None:
    d = derive_one(model=model, contacts=_with_supplier_last_contact(days))
    assert d.flag_ids == (["contact-gone-quiet"] if flagged else [])


@pytest.mark.parametrize("model", list(CHECK_IN_DAYS))
def test_one_quiet_supplier_contact_is_enough(model: str) -> None:
    contacts = _with_supplier_last_contact(1, SUPPLIER_EXEC)
    contacts[1]["last_contact"] = days_before(CHECK_IN_DAYS[model] + 1)  # SUPPLIER_OPS
    assert contacts[1]["name"] == SUPPLIER_OPS
    d = derive_one(model=model, contacts=contacts)
    assert d.flag_ids == ["contact-gone-quiet"]


@pytest.mark.parametrize("model", list(CHECK_IN_DAYS))
def test_internal_contact_last_contact_does_not_count(model: str) -> None:
    contacts = default_contacts()
    contacts[2]["last_contact"] = days_before(1000)
    assert contacts[2]["name"] == INTERNAL_EXEC
    d = derive_one(model=model, contacts=contacts)
    assert d.flag_ids == []


NEXT_CHECK_IN_CASES = [
    pytest.param(side, offset, offset < 0, id=f"{side}-contact-next-check-in-{label}")
    for side in ("supplier", "internal")
    for offset, label in ((-1, "day-before-as-of"), (0, "on-as-of"), (1, "day-after-as-of"))
]


@pytest.mark.parametrize(("side", "offset", "flagged"), NEXT_CHECK_IN_CASES)
@pytest.mark.parametrize("model", list(CHECK_IN_DAYS))
def test_next_check_in_before_as_of(model: str, side: str, offset: int, flagged: bool) -> None:
    contacts = default_contacts()
    target = contacts[0] if side == "supplier" else contacts[2]
    assert target["side"] == side
    target["next_check_in"] = iso(AS_OF + dt.timedelta(days=offset))
    d = derive_one(model=model, contacts=contacts)
    assert d.flag_ids == (["contact-gone-quiet"] if flagged else [])


SHORT = {"alliance": 7, "collaborative": 10, "transactional": 20}
CONFIGURED_CASES = [
    pytest.param(model, days + extra, extra > 0, id=f"configured-{model}-{days + extra}-days")
    for model, days in SHORT.items()
    for extra in (0, 1)
]


@pytest.mark.parametrize(("model", "days", "flagged"), CONFIGURED_CASES)
def test_check_in_days_are_configurable(model: str, days: int, flagged: bool) -> None:
    d = derive_one(model=model, settings=Settings(check_in_days=SHORT),
                   contacts=_with_supplier_last_contact(days))
    assert d.flag_ids == (["contact-gone-quiet"] if flagged else [])


def test_configured_longer_interval_silences_the_default() -> None:
    long = {"alliance": 60, "collaborative": 60, "transactional": 60}
    contacts = _with_supplier_last_contact(31)
    assert derive_one(contacts=contacts).flag_ids == ["contact-gone-quiet"]
    assert derive_one(settings=Settings(check_in_days=long), contacts=contacts).flag_ids == []
