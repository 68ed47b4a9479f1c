"""The handover brief: what a new owner must read on day one, as view data for one page.

``suppliers/<slug>/handover/`` is one printable page per supplier. Everything on it is
computed here, from the derived supplier and the git history already read for the build;
the template ``handover.md.j2`` only lays it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from supplier_handbook.derive.naming import collation_key
from supplier_handbook.derive.people import OwnerChange
from supplier_handbook.derive.portfolio import Derived, RatedReview
from supplier_handbook.history.gitlog import Entry
from supplier_handbook.model.supplier import Action, Contact, CultureQuestion, Handover
from supplier_handbook.render.views.history import HistoryRow, history_rows

# The order to call the supplier's people in when the dates do not decide: the day-to-day
# relationship first, then the sponsor, then operations and the technical experts.
CALL_LEVELS = {"relationship": 0, "executive": 1, "operational": 2, "technical": 3}
LAST_REVIEWS = 3


@dataclass(frozen=True)
class Call:
    """One supplier-side contact, in the order to call them, with the reason."""

    contact: Contact
    why: str
    overdue: bool


@dataclass(frozen=True)
class OpenAction:
    action: Action
    overdue: bool


@dataclass(frozen=True)
class Brief:
    d: Derived
    title: str
    calls: list[Call]  # supplier side, in the order to call them
    colleagues: list[Contact]  # our side
    escalation: list[str]
    actions: list[OpenAction]  # open and in progress, overdue first, then by due date
    reviews: list[RatedReview]  # the last three, newest first
    latest: Handover | None  # the handover that made the current owner, when recorded
    handovers: list[Handover]  # every earlier handover, newest first
    unanswered: list[CultureQuestion]
    owner_since: dt.date | None  # when the current owner took over, when known
    changes: list[Entry]  # what changed in the file since then, newest first
    history: list[HistoryRow]  # the same changes, as table rows
    unrecorded: OwnerChange | None  # the latest change of owner, when no handover records it


def _why(c: Contact, as_of: dt.date) -> tuple[str, bool]:
    last = f"; last contact {c.last_contact.isoformat()}" if c.last_contact else ""
    if c.next_check_in is None:
        return f"no check-in planned{last}", False
    if c.next_check_in < as_of:
        return f"check-in was due {c.next_check_in.isoformat()}, overdue{last}", True
    return f"next check-in {c.next_check_in.isoformat()}{last}", False


def call_order(contacts: list[Contact], as_of: dt.date) -> list[Call]:
    """The supplier's people in the order to call them: the soonest check-in first (an
    overdue one is the soonest), then by level, relationship manager first."""
    theirs = [c for c in contacts if c.side == "supplier"]
    ordered = sorted(theirs, key=lambda c: (c.next_check_in or dt.date.max,
                                            CALL_LEVELS[c.level], collation_key(c.name)))
    return [Call(c, *_why(c, as_of)) for c in ordered]


def owner_since(d: Derived) -> dt.date | None:
    """``owner.since``, else the date of the newest handover to the current owner."""
    s = d.supplier
    if s.owner.since is not None:
        return s.owner.since
    to_owner = [h.date for h in s.handovers if h.to == s.owner.name]
    return max(to_owner) if to_owner else None


def brief(d: Derived, as_of: dt.date, entries: list[Entry],
          unrecorded: OwnerChange | None) -> Brief:
    """The brief; ``unrecorded`` is the latest change of owner when no handover records it
    (``people.Book.unrecorded``), said at the top and above the earlier notes."""
    s = d.supplier
    overdue = {id(a) for a in d.overdue_actions}
    actions = sorted((OpenAction(a, id(a) in overdue) for a in d.open_actions),
                     key=lambda o: (not o.overdue, o.action.due, o.action.id))
    since = owner_since(d)
    handovers = sorted(s.handovers, key=lambda h: h.date, reverse=True)
    latest = None
    if unrecorded is None and handovers and handovers[0].to == s.owner.name:
        latest, handovers = handovers[0], handovers[1:]
    changes = [e for e in entries if since is None or e.commit.landed.date() >= since]
    return Brief(
        d=d,
        title=f"Handover brief: {s.name}",
        calls=call_order(list(s.contacts), as_of),
        colleagues=[c for c in s.contacts if c.side == "internal"],
        escalation=list(s.governance.escalation),
        actions=actions,
        reviews=list(reversed(d.reviews))[:LAST_REVIEWS],
        latest=latest,
        handovers=handovers,
        unanswered=[q for q in s.culture_check if not q.answers],
        owner_since=since,
        changes=changes,
        history=history_rows(changes),
        unrecorded=unrecorded,
    )
