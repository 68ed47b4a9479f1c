"""Small builders for the derive tests: a minimal valid supplier that each test overrides.

Dates are written as ISO text, as ``load`` hands them to the models. Every built supplier is
also run through the cross-field rules, so a test cannot silently rely on an invalid file.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from supplier_handbook.derive.portfolio import Derived, Portfolio, Settings, derive
from supplier_handbook.model.check import SupplierFile
from supplier_handbook.model.rules import run_rules
from supplier_handbook.model.supplier import Supplier

from tests.conftest import AS_OF

OWNER = "Dana Okafor"
SUPPLIER_EXEC = "Maria Schmidt"
SUPPLIER_OPS = "Jonas Weber"
INTERNAL_EXEC = "Ines Internal"

RAG = {"G": "green", "A": "amber", "R": "red"}
DIMENSIONS = ("strategic_dialogue", "conflict_resolution", "innovation", "partnership_value")


def iso(day: dt.date) -> str:
    return day.isoformat()


def days_before(n: int, as_of: dt.date = AS_OF) -> str:
    return iso(as_of - dt.timedelta(days=n))


def contact(name: str, side: str = "supplier", level: str = "operational",
            **extra: Any) -> dict[str, Any]:
    return {"name": name, "side": side, "level": level, "role": f"{level} {side}", **extra}


def default_contacts() -> list[dict[str, Any]]:
    """Multi-threaded: supplier executive + operational, internal executive."""
    return [
        contact(SUPPLIER_EXEC, "supplier", "executive"),
        contact(SUPPLIER_OPS, "supplier", "operational"),
        contact(INTERNAL_EXEC, "internal", "executive"),
    ]


def review(period: str, ratings: str = "GGGG", overall: str | None = None,
           signals: list[str] | None = None, with_supplier: bool | None = True
           ) -> dict[str, Any]:
    """A health review; ``ratings`` is four letters G/A/R in the spec's dimension order.
    Held with the supplier unless ``with_supplier`` says otherwise (None: the key left out)."""
    assert len(ratings) == 4
    data: dict[str, Any] = {
        "period": period,
        "ratings": {dim: RAG[letter] for dim, letter in zip(DIMENSIONS, ratings, strict=True)},
    }
    if overall is not None:
        data["overall"] = overall
    if signals:
        data["signals"] = signals
    if with_supplier is not None:
        data["with_supplier"] = with_supplier
    return data


def action(id_: str, due: dt.date | str, status: str = "open") -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": id_,
        "action": f"Do the thing {id_}.",
        "owner_internal": OWNER,
        "owner_supplier": SUPPLIER_OPS,
        "due": due if isinstance(due, str) else iso(due),
        "status": status,
    }
    if status == "done":
        data["done_on"] = data["due"]
    return data


def handover(date: str, from_: str, to: str) -> dict[str, Any]:
    return {"date": date, "from": from_, "to": to, "notes": "What the next owner must know."}


def supplier_data(*, impact: str = "medium", model: str = "collaborative",
                  **overrides: Any) -> dict[str, Any]:
    """A valid supplier with no attention flag at ``AS_OF``; keyword arguments replace keys."""
    data: dict[str, Any] = {
        "name": "Acme Castings GmbH",
        "category": "Aluminium housings",
        "summary": "Sole source of the die-cast housings.",
        "impact": {"level": impact},
        "governance": {"model": model},
        "owner": {"name": OWNER},
        "contacts": default_contacts(),
        # 2026-Q3 ended 2026-09-30, 54 days before AS_OF: no review is overdue.
        "health": [review("2026-Q3", "GGGG")],
    }
    if impact == "high":
        data["impact"]["rationale"] = "Twelve weeks to qualify another foundry."
        data["governance"]["escalation"] = [SUPPLIER_EXEC]
    data.update(copy.deepcopy(overrides))
    return data


def make_supplier(**overrides: Any) -> Supplier:
    data = supplier_data(**overrides)
    errors = [f for f in run_rules(data) if f.severity == "error"]
    assert errors == [], f"test data breaks the spec's rules: {errors}"
    return Supplier.model_validate(data)


def entry(slug: str = "acme-castings", **overrides: Any) -> SupplierFile:
    return SupplierFile(slug, f"suppliers/{slug}.yaml", make_supplier(**overrides))


def derive_one(as_of: dt.date = AS_OF, settings: Settings | None = None,
               **overrides: Any) -> Derived:
    """Derive one supplier built from the overrides."""
    portfolio = derive([entry(**overrides)], as_of, settings or Settings())
    assert len(portfolio.suppliers) == 1
    return portfolio.suppliers[0]


def portfolio(*entries: SupplierFile, as_of: dt.date = AS_OF,
              settings: Settings | None = None) -> Portfolio:
    return derive(list(entries), as_of, settings or Settings())


def pages(suppliers: list[SupplierFile], as_of: dt.date = AS_OF,
          settings: Settings | None = None) -> dict[str, str]:
    """Every generated page of ``suppliers`` (checked already), rendered the way a build
    renders them: through a ``Pipeline``."""
    from pathlib import Path

    from supplier_handbook.model.check import CheckResult
    from supplier_handbook.site.pipeline import Pipeline

    pipeline = Pipeline(Path("suppliers"), settings or Settings(), with_history=False)
    result, out = pipeline.run(as_of, CheckResult(suppliers=list(suppliers)))
    assert out is not None, [p.format() for p in result.errors]
    return out


def pages_of(p: Portfolio) -> dict[str, str]:
    """The pages of the suppliers of ``p``, as of its date, through a ``Pipeline``."""
    return pages([SupplierFile(d.slug, d.path, d.supplier) for d in p.suppliers], p.as_of,
                 p.settings)
