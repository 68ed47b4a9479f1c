"""Anchors of the items of a supplier page: one per contact, action, review and handover.

The supplier page places them; the agenda links to them; the search index gives each item its
own entry at its anchor. One function decides every id, so the three always agree.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from supplier_handbook.derive.naming import collation_key, fold, slug
from supplier_handbook.model.supplier import Handover, Supplier

__all__ = ["Anchors", "Unique", "collation_key", "fold", "supplier_anchors"]


class Unique:
    """Ids unique within one page: the first ``kind-slug`` as is, the next ``kind-slug-2``,
    ``-3``... Each base remembers the next number to try, so ``n`` items with the same name
    cost ``n`` probes in all, not ``n * n / 2`` (``probes`` counts them)."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.next: dict[str, int] = {}
        self.probes = 0

    def __call__(self, kind: str, text: str) -> str:
        base = anchor = f"{kind}-{slug(text)}"
        n = self.next.get(base, 2)
        self.probes += 1
        while anchor in self.used:
            anchor, n = f"{base}-{n}", n + 1
            self.probes += 1
        self.next[base] = n
        self.used.add(anchor)
        return anchor


@dataclass(frozen=True)
class Anchors:
    """The anchor ids of one supplier page's items (unique within the page)."""

    contacts: dict[str, str]  # contact name -> id
    actions: dict[str, str]  # action id -> id
    reviews: dict[str, str]  # period -> id
    handovers: list[str]  # in the file's order

    def contact(self, name: str) -> str:
        return self.contacts[name]

    def action(self, action_id: str) -> str:
        return self.actions[action_id]

    def review(self, period: str) -> str:
        return self.reviews[period]

    def newest_handovers(self, s: Supplier) -> list[tuple[str, Handover]]:
        """(anchor, handover), newest first; handovers of one day keep the file's order."""
        pairs = list(zip(self.handovers, s.handovers, strict=True))
        return sorted(pairs, key=lambda pair: pair[1].date, reverse=True)


_CACHE: OrderedDict[int, tuple[Supplier, Anchors]] = OrderedDict()
_CACHE_SIZE = 10_000


def supplier_anchors(s: Supplier) -> Anchors:
    """The anchors of one supplier's items. Several pages ask for them, so the result of the
    latest suppliers is kept (by identity: a supplier file that changed is a new object)."""
    hit = _CACHE.get(id(s))
    if hit is not None and hit[0] is s:
        _CACHE.move_to_end(id(s))
        return hit[1]
    anchors = _supplier_anchors(s)
    _CACHE[id(s)] = (s, anchors)
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return anchors


def _supplier_anchors(s: Supplier, unique: Unique | None = None) -> Anchors:
    unique = unique if unique is not None else Unique()
    return Anchors(
        contacts={c.name: unique("contact", c.name) for c in s.contacts},
        actions={a.id: unique("action", a.id) for a in s.actions},
        reviews={r.period: unique("review", r.period) for r in s.health},
        handovers=[unique("handover", h.date.isoformat()) for h in s.handovers],
    )
