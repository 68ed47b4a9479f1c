"""Search by item: each contact, action, handover and review its own search entry.

A supplier page lists its contacts, actions, handovers and reviews in tables and lists, so a
search by a person's name would return the page at large. ``item_documents`` builds one
entry per item, located at the item's anchor on its supplier page (``anchors``); ``search``
adds them to the site's index, and leaves the sections of the supplier page that they
replace (``REPLACED_SECTIONS``, ``handover_section``) out of the page's own entry.

Titles and texts are plain text here (``escape=False``, for the index that the search
worker shows as text) or HTML-escaped (the default).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from supplier_handbook.derive.anchors import supplier_anchors
from supplier_handbook.derive.portfolio import Derived
from supplier_handbook.render.textfmt import markdown_text

# Sections of a supplier page that the item entries replace, so the index does not hold the
# same text twice: the list of everyone and the contact tables (one per level), the action
# plan, the health reviews and each handover (a heading "2026-03-02: Lee Chen to Dana Okafor").
REPLACED_SECTIONS = frozenset({"everyone", "executive", "relationship", "operational",
                               "technical", "joint-action-plan", "health-reviews"})
_HANDOVER_SECTION = re.compile(r"^\d{4}-\d{2}-\d{2}-")


def handover_section(anchor: str) -> bool:
    """The section of one handover on a supplier page ("2026-03-02-lee-chen-to-...")."""
    return _HANDOVER_SECTION.match(anchor) is not None


def md(value: str | None) -> str | None:
    """A Markdown field as the text the page shows: no ``*`` or ``_`` of its marks."""
    return markdown_text(value) if value else value


def item_documents(d: Derived, *, escape: bool = True) -> list[dict[str, str]]:
    """One search entry per contact, action, handover and review of one supplier:
    ``{location, title, text}``."""
    s = d.supplier
    ids = supplier_anchors(s)
    page = f"suppliers/{d.slug}/"
    docs: list[dict[str, str]] = []

    def _doc(location: str, title: str, parts: Iterable[str | None]) -> dict[str, str]:
        def text(value: str) -> str:
            return html.escape(value, quote=False) if escape else value

        return {"location": location, "title": text(title),
                "text": " ".join(text(p) for p in parts if p)}

    for c in s.contacts:
        side = "supplier side" if c.side == "supplier" else "our side"
        docs.append(_doc(f"{page}#{ids.contact(c.name)}", c.name, [
            f"{c.role} at {s.name} ({side}, {c.level}).", c.email, c.phone,
            md(c.what_matters), md(c.notes),
        ]))
    for a in s.actions:
        docs.append(_doc(f"{page}#{ids.action(a.id)}", f"{a.id}: {s.name}", [
            md(a.action), f"Ours: {a.owner_internal}; theirs: {a.owner_supplier};",
            f"due {a.due.isoformat()}; {a.status}.", md(a.notes),
        ]))
    for anchor, h in ids.newest_handovers(s):
        docs.append(_doc(f"{page}#{anchor}",
                         f"Handover {h.date.isoformat()}: {h.from_} to {h.to} ({s.name})",
                         [md(h.notes)]))
    for r in d.reviews:
        review = r.review
        ratings = review.ratings
        docs.append(_doc(f"{page}#{ids.review(review.period)}",
                         f"Health review {review.period}: {s.name}", [
            f"Overall {r.overall}; strategic dialogue {ratings.strategic_dialogue}, conflict "
            f"resolution {ratings.conflict_resolution}, innovation {ratings.innovation}, "
            f"partnership value {ratings.partnership_value};",
            "with the supplier." if review.with_supplier else "our side only.",
            " ".join(sig.replace("_", " ") for sig in review.signals), md(review.notes),
        ]))
    return docs
