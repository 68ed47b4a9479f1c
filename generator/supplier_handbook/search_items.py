"""Search by item: each contact, action, handover and review its own search entry.

Material's search indexes a page by its headings, so a table of contacts or actions is one
entry and a person's name returns the whole table. ``item_documents`` builds one entry per
item, located at the item's anchor on its supplier page (``anchors``); ``extend_index`` adds
them to the site's ``search/search_index.json`` after Material wrote it, and ranks supplier
pages above the guides for supplier facts. Everything stays in the site: same origin, offline.

Material shows an entry's title and text as HTML: every value here is escaped.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from .anchors import supplier_anchors
from .derive import Derived

SUPPLIER_BOOST = 2.0  # supplier pages and their items rank above guides and listings
ITEM_BOOST = 2.0
# Sections of a supplier page that the item entries replace, so the index does not hold the
# same text twice: the list of everyone and the contact tables (one per level), the action
# plan, the health reviews and each handover (a heading "2026-03-02: Lee Chen to Dana Okafor").
REPLACED_SECTIONS = frozenset({"everyone", "executive", "relationship", "operational",
                               "technical", "joint-action-plan", "health-reviews"})
_HANDOVER_SECTION = re.compile(r"^\d{4}-\d{2}-\d{2}-")


def _doc(location: str, title: str, parts: Iterable[str | None]) -> dict[str, Any]:
    text = " ".join(html.escape(p, quote=False) for p in parts if p)
    return {"location": location, "title": html.escape(title, quote=False), "text": text,
            "boost": ITEM_BOOST}


def item_documents(d: Derived) -> list[dict[str, Any]]:
    """One search entry per contact, action, handover and review of one supplier."""
    s = d.supplier
    ids = supplier_anchors(s)
    page = f"suppliers/{d.slug}/"
    docs = []
    for c in s.contacts:
        side = "supplier side" if c.side == "supplier" else "our side"
        docs.append(_doc(f"{page}#{ids.contact(c.name)}", c.name, [
            f"{c.role} at {s.name} ({side}, {c.level}).", c.email, c.phone,
            c.what_matters, c.notes,
        ]))
    for a in s.actions:
        docs.append(_doc(f"{page}#{ids.action(a.id)}", f"{a.id}: {s.name}", [
            a.action, f"Ours: {a.owner_internal}; theirs: {a.owner_supplier};",
            f"due {a.due.isoformat()}; {a.status}.", a.notes,
        ]))
    for anchor, h in ids.newest_handovers(s):
        docs.append(_doc(f"{page}#{anchor}",
                         f"Handover {h.date.isoformat()}: {h.from_} to {h.to} ({s.name})",
                         [h.notes]))
    for r in d.reviews:
        review = r.review
        ratings = review.ratings
        docs.append(_doc(f"{page}#{ids.review(review.period)}",
                         f"Health review {review.period}: {s.name}", [
            f"Overall {r.overall}; strategic dialogue {ratings.strategic_dialogue}, conflict "
            f"resolution {ratings.conflict_resolution}, innovation {ratings.innovation}, "
            f"partnership value {ratings.partnership_value};",
            "with the supplier." if review.with_supplier else "our side only.",
            " ".join(sig.replace("_", " ") for sig in review.signals), review.notes,
        ]))
    return docs


def extend_index(index: dict[str, Any], suppliers: Sequence[Derived]) -> dict[str, Any]:
    """The index with every item's entry placed after its supplier page's own entries (a
    section needs its page before it), the sections the items replace left out, and
    supplier pages boosted."""
    by_page = {f"suppliers/{d.slug}/": item_documents(d) for d in suppliers}
    items_of = set(by_page)
    docs: list[dict[str, Any]] = []
    pending: list[dict[str, Any]] = []
    current = None
    for doc in index.get("docs", []):
        page = str(doc.get("location", "")).split("#")[0]
        if page != current:
            docs.extend(pending)
            pending, current = by_page.pop(page, []), page
        if page.startswith("suppliers/") and page != "suppliers/":
            section = str(doc.get("location", "")).partition("#")[2]
            if page in items_of and (section in REPLACED_SECTIONS
                                     or _HANDOVER_SECTION.match(section)):
                continue
            doc = {**doc, "boost": max(float(doc.get("boost", 1)), SUPPLIER_BOOST)}
        docs.append(doc)
    docs.extend(pending)
    return {**index, "docs": docs}


def extend_index_file(path: Path, suppliers: Sequence[Derived]) -> None:
    """Rewrite the site's search index in place (when the search plugin wrote one)."""
    if not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    # Written as the search plugin writes it: ASCII with escapes, so that text it escaped
    # (a file name that is not UTF-8 in the history, say) round-trips unchanged.
    path.write_text(json.dumps(extend_index(index, suppliers), separators=(",", ":")),
                    encoding="ascii")
