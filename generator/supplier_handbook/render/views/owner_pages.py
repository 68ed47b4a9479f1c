"""An owner's page in parts: a buyer who holds many suppliers gets a briefing per supplier,
so the page grows with them. It is rendered whole; when that is larger than
``OWNER_BUDGET`` characters, the suppliers are cut into runs of nearly the same length and
each run is a part (``owners/NAME.md``, ``owners/NAME--2.md``: no owner's slug holds two
hyphens in a row), with the parts at the top and bottom of each (``paging``)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from supplier_handbook.derive.portfolio import Derived
from supplier_handbook.render.paging import Paged, Part, even_runs, from_runs, span_of

OWNER_BUDGET = 150_000
"""Characters of Markdown on one part of an owner's page (its tables and briefings make the
built page about 1.3 times that, with the theme's frame)."""

Render = Callable[[str, Paged[Derived], Part[Derived]], str]
"""Renders one part: its source path, all the parts, and this part."""


def _span(run: list[Derived]) -> str:
    return span_of(run[0].supplier.name, run[-1].supplier.name)


def owner_pages(base: str, suppliers: Sequence[Derived], render: Render,
                budget: int = OWNER_BUDGET) -> dict[str, str]:
    """``{source path: text}`` of one owner's page, in as many parts as it needs."""
    whole = from_runs([list(suppliers)], base, "supplier relationship", _span)
    text = render(base, whole, whole.parts[0])
    if len(text) <= budget:
        return {base: text}
    runs = even_runs(suppliers, math.ceil(len(text) * 1.2 / budget))
    paged = from_runs(runs, base, "supplier relationship", _span, sep="--")
    return {part.path: render(part.path, paged, part) for part in paged.parts}
