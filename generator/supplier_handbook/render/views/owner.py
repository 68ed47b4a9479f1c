"""View models of the owner pages: one briefing page per owner (``owner.md.j2`` with its
ownership history, ``_owner_history.md.j2``); the index of owners is a listing page
(``listing_pages``).

Counts, the sentences that hold a count, the rows and which handover notes to show are
decided here; the templates only lay them out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from supplier_handbook.base.wording import plural
from supplier_handbook.derive.portfolio import Derived, RatedReview
from supplier_handbook.model.supplier import Supplier
from supplier_handbook.render.views.common import (
    Briefing,
    DateRow,
    WhoToCall,
    briefing,
    owner_dates,
    who_to_call,
)

if TYPE_CHECKING:  # listing builds on render, which builds these views
    from supplier_handbook.render.listing.rows import HandoverView, OwnerHistory


@dataclass(frozen=True)
class OwnedSupplier:
    """One supplier's briefing on its owner's page."""

    d: Derived
    s: Supplier
    brief: Briefing
    call: WhoToCall
    misfit: bool  # the governance model does not fit the impact
    nothing_flagged: bool  # no flag and a fitting model
    earlier_notes: str | None  # what the last recorded owner was told (Markdown text)
    actions_todo: str | None  # "3 open actions, 1 of them overdue"
    last_review: RatedReview | None


@dataclass(frozen=True)
class PassedOn:
    """A supplier the owner passed on: the handover, and the page of who owns it now."""

    v: HandoverView
    owner_now_slug: str | None  # None when the owner today has no page


@dataclass(frozen=True)
class OwnershipView:
    """What an owner page says of the past (``listing.OwnerHistory``, laid out)."""

    owner: str
    empty: bool
    passed_on: list[PassedOn]  # oldest first
    notes: list[tuple[str, list[HandoverView]]]  # (heading, handovers), only those with any


@dataclass(frozen=True)
class OwnerPage:
    owner: str
    title: str
    slug: str
    dates: list[DateRow]  # every dated item of their suppliers, in date order
    suppliers: list[OwnedSupplier]
    ownership: OwnershipView
    flagged: list[OwnedSupplier]  # those with a flag or a misfit: listed at the top


def actions_todo(d: Derived) -> str | None:
    if not d.open_actions:
        return None
    text = plural(len(d.open_actions), "open action")
    if d.overdue_actions:
        text += f", {len(d.overdue_actions)} of them overdue"
    return text


def owned_supplier(d: Derived, as_of: dt.date) -> OwnedSupplier:
    brief = briefing(d.supplier)
    misfit = d.fit != "fit"
    earlier = brief.earlier[0].notes if brief.received is None and brief.earlier else None
    return OwnedSupplier(
        d=d, s=d.supplier, brief=brief, call=who_to_call(d.supplier, as_of), misfit=misfit,
        nothing_flagged=not misfit and not d.flags, earlier_notes=earlier,
        actions_todo=actions_todo(d), last_review=d.reviews[-1] if d.reviews else None,
    )


def ownership_view(owner: str, history: OwnerHistory, owners: Mapping[str, str]
                   ) -> OwnershipView:
    notes = [(f"Handover notes {owner} wrote", history.passed_on),
             (f"Handover notes {owner} received", history.received)]
    return OwnershipView(
        owner, history.empty,
        [PassedOn(v, owners.get(v.owner_now)) for v in history.passed_on],
        [(title, views) for title, views in notes if views],
    )


def owner_page(owner: str, suppliers: Sequence[Derived], as_of: dt.date,
               owners: Mapping[str, str], history: OwnerHistory, title_suffix: str = ""
               ) -> OwnerPage:
    """The page of ``owner`` (or one part of it: ``suppliers`` are the part's, and
    ``title_suffix`` says which part it is)."""
    owned = [owned_supplier(d, as_of) for d in suppliers]
    return OwnerPage(
        owner=owner, title=f"{owner}: your suppliers{title_suffix}", slug=owners[owner],
        dates=owner_dates(suppliers, as_of), suppliers=owned,
        ownership=ownership_view(owner, history, owners),
        flagged=[o for o in owned if not o.nothing_flagged],
    )
