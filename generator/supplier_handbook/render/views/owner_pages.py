"""A person's page in parts: an owner who holds many suppliers gets a briefing per supplier,
and a person who owned many suppliers before (or holds many actions and seats) gets a long
history, so the page grows with both. It is rendered whole; when that is larger than
``OWNER_BUDGET`` characters, the suppliers are cut into runs of nearly the same length and
the person's other work (their dates on other suppliers, actions, seats and ownership
history: ``views.owner.Extra``) into slices, each run or slice a part (``owners/NAME.md``,
``owners/NAME--2.md``: no address holds two hyphens in a row), with the parts at the top and
bottom of each (``paging``)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from supplier_handbook.base.wording import plural
from supplier_handbook.derive.portfolio import Derived
from supplier_handbook.render.paging import Paged, Part, even_runs, part_path, span_of
from supplier_handbook.render.views.owner import Extra

OWNER_BUDGET = 150_000
"""Characters of Markdown on one part of a person's page (its tables and briefings make the
built page about 1.3 times that, with the theme's frame)."""

Entry = Derived | Extra
Render = Callable[[str, Paged[Entry], Part[Entry]], str]
"""Renders one part: its source path, all the parts, and this part."""


def _paged(runs: list[list[Entry]], base: str, owned: int) -> Paged[Entry]:
    parts: list[Part[Entry]] = []
    for n, run in enumerate(runs, start=1):
        suppliers = [x for x in run if isinstance(x, Derived)]
        extras = [x for x in run if isinstance(x, Extra)]
        count = plural(len(suppliers), "supplier relationship") if suppliers else \
            "other work"
        span = span_of(suppliers[0].supplier.name, suppliers[-1].supplier.name) \
            if suppliers else ""
        if extras and extras[0].of > 1:
            span = ", ".join(x for x in (span, extras[0].label) if x)
        parts.append(Part(n, part_path(base, n, "--"), run, count, span))
    return Paged(parts, plural(owned, "supplier relationship"))


def owner_pages(base: str, suppliers: Sequence[Derived], extras: Callable[[int], list[Extra]],
                render: Render, budget: int = OWNER_BUDGET) -> dict[str, str]:
    """``{source path: text}`` of one person's page, in as many parts as it needs;
    ``extras(n)`` gives their other work in ``n`` slices."""
    whole = _paged([[*suppliers, *extras(1)]], base, len(suppliers))
    text = render(base, whole, whole.parts[0])
    if len(text) <= budget:
        return {base: text}
    alone = _paged([list(extras(1))], base, 0)
    other = len(render(base, alone, alone.parts[0]))
    runs: list[list[Entry]] = []
    if suppliers:
        runs += even_runs(list(suppliers), math.ceil(max(len(text) - other, 1) * 1.2 / budget))
    runs += [[x] for x in extras(math.ceil(other * 1.2 / budget))]
    paged = _paged(runs, base, len(suppliers))
    return {part.path: render(part.path, paged, part) for part in paged.parts}
