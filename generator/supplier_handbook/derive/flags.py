"""The attention flags of the spec, one function per flag, and the one registry of them.

Each flag is a sentence that names the people, items, dates and day counts involved, so a
reader can act without opening another page: "JAP-2 (ours: Nadia Haddad, theirs: Jiří
Svoboda) was due 2026-11-15, 8 days ago". The title is shown beside the sentence, so the
sentence never repeats it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from supplier_handbook.base.wording import (
    DIMENSION_TITLES,
    days_ago,
    join_words,
    plural,
    sentence,
    with_article,
)
from supplier_handbook.derive.health import (
    OPEN_STATUSES,
    RAG_ORDER,
    RatedReview,
    Settings,
    period_end,
)
from supplier_handbook.model.supplier import Action, Contact, Supplier


@dataclass(frozen=True)
class Finding:
    """What a deciding function found: the sentence, and what to do when it can name who
    should do it (else the flag's ``advice`` is shown)."""

    what: str
    todo: str | None = None


@dataclass(frozen=True)
class Subject:
    """What a flag function may look at: one supplier as of the build's date."""

    supplier: Supplier
    reviews: Sequence[RatedReview]  # oldest period first
    as_of: dt.date
    settings: Settings


def _names(contacts: Sequence[Contact]) -> str:
    return join_words([c.name for c in contacts])


def _relationship_contact(s: Supplier) -> Contact | None:
    """The supplier-side person to talk to about the relationship itself."""
    theirs = [c for c in s.contacts if c.side == "supplier"]
    for level in ("relationship", "executive", "operational", "technical"):
        for c in theirs:
            if c.level == level:
                return c
    return None


def single_threaded(x: Subject) -> Finding | None:
    s = x.supplier
    if s.governance.model == "transactional":
        return None
    theirs = [c for c in s.contacts if c.side == "supplier"]
    levels = sorted({c.level for c in theirs})
    gaps = []
    if not theirs:
        gaps.append("there is no supplier-side contact")
    elif len(levels) < 2:
        gaps.append(f"every supplier-side contact is at the {levels[0]} level "
                    f"({_names(theirs)})")
    for side, label in (("supplier", "the supplier's"), ("internal", "our")):
        if not any(c.side == side and c.level == "executive" for c in s.contacts):
            gaps.append(f"there is no executive contact on {label} side")
    if not gaps:
        return None
    return Finding(
        sentence("The relationship runs through too few people: " + "; ".join(gaps)))


def contact_gone_quiet(x: Subject) -> Finding | None:
    s, as_of = x.supplier, x.as_of
    model = s.governance.model
    limit = x.settings.check_in_days[model]
    quiet: list[str] = []
    names: list[str] = []
    for c in s.contacts:
        if c.side == "supplier" and c.last_contact and (as_of - c.last_contact).days > limit:
            quiet.append(f"last contact with {c.name} {days_ago(c.last_contact, as_of)} "
                         f"({c.last_contact.isoformat()}), {model} check-in every "
                         f"{plural(limit, 'day')}")
            names.append(c.name)
        if c.next_check_in and c.next_check_in < as_of:
            quiet.append(f"the check-in with {c.name} was due {c.next_check_in.isoformat()}, "
                         f"{days_ago(c.next_check_in, as_of)}")
            if c.name not in names:
                names.append(c.name)
    if not quiet:
        return None
    return Finding(
        sentence("; ".join(quiet)),
        f"Call {join_words(names)} this week and record the next check-in.",
    )


def review_overdue(x: Subject) -> Finding | None:
    s, reviews = x.supplier, x.reviews
    model = s.governance.model
    limit = x.settings.review_overdue_days[model]
    who = _relationship_contact(s)
    todo = (f"{s.owner.name} should schedule a health review"
            + (f" with {who.name}" if who else " with the supplier")
            + " and record it in the handbook.")
    if not reviews:
        if model == "transactional":
            return None
        due, since = first_review_due(s, x.as_of, x.settings)
        when = (f"the first was due {due.isoformat()}, {plural(limit, 'day')} after {since}"
                if due < x.as_of else "the first is due now")
        return Finding(f"No health review is recorded for this {model} supplier: {when}.",
                       todo)
    latest = reviews[-1].review.period
    ended = period_end(latest)
    late = (x.as_of - ended).days
    if late <= limit:
        return None
    return Finding(
        f"The latest health review is for {latest}, which ended {ended.isoformat()}, "
        f"{plural(late, 'day')} ago; {with_article(model)} supplier is reviewed within "
        f"{plural(limit, 'day')}.",
        todo,
    )


def first_review_due(s: Supplier, as_of: dt.date, settings: Settings) -> tuple[dt.date, str]:
    """When the first health review of a supplier that has none fell due, and since what:
    the model's review limit after the owner took over (``owner.since``), else after the
    governance model began (``governance.since``); the as-of date when neither is known, or
    when that day is still to come (the *review overdue* flag is raised all the same)."""
    limit = settings.review_overdue_days[s.governance.model]
    for start, what in ((s.owner.since, f"{s.owner.name} took over"),
                        (s.governance.since, "the governance model began")):
        if start is not None:
            due = start + dt.timedelta(days=limit)
            return (due, f"{what} ({start.isoformat()})") if due < as_of else (as_of, what)
    return as_of, "no start date is recorded"


def overdue_actions(s: Supplier, as_of: dt.date) -> list[Action]:
    return [a for a in s.actions if a.status in OPEN_STATUSES and a.due < as_of]


def action_overdue(x: Subject) -> Finding | None:
    late = overdue_actions(x.supplier, x.as_of)
    if not late:
        return None
    parts = [f"{a.id} (ours: {a.owner_internal}, theirs: {a.owner_supplier}) was due "
             f"{a.due.isoformat()}, {days_ago(a.due, x.as_of)}" for a in late]
    return Finding(sentence("; ".join(parts)))


def plan_unfocused(x: Subject) -> Finding | None:
    live = [a for a in x.supplier.actions if a.status in OPEN_STATUSES]
    limit = x.settings.max_open_actions
    if len(live) <= limit:
        return None
    return Finding(
        f"The Joint Action Plan has {plural(len(live), 'open action')} "
        f"({join_words([a.id for a in live])}); a focused plan has 3 to {limit}.")


def _ratings(r: RatedReview) -> dict[str, str]:
    return dict(r.review.ratings.model_dump())


def health_falling(x: Subject) -> Finding | None:
    reviews = x.reviews
    if not reviews:
        return None
    latest = reviews[-1]
    reasons = []
    if len(reviews) > 1:
        before = reviews[-2]
        if RAG_ORDER[latest.overall] > RAG_ORDER[before.overall]:
            reasons.append(f"overall went {before.overall} → {latest.overall} "
                           f"({before.review.period} to {latest.review.period})")
        old, new = _ratings(before), _ratings(latest)
        fell = [f"{DIMENSION_TITLES[k]} went {old[k]} → {new[k]}" for k in DIMENSION_TITLES
                if RAG_ORDER[new[k]] > RAG_ORDER[old[k]]]
        if reasons or latest.review.signals:
            reasons.extend(fell)
    if latest.review.signals:
        signals = join_words([s.replace("_", " ") for s in latest.review.signals])
        reasons.append(f"the {latest.review.period} review lists warning signals: {signals}")
    if not reasons:
        return None
    new = _ratings(latest)
    worst = max(RAG_ORDER[v] for v in new.values())
    worst_names = [DIMENSION_TITLES[k] for k in DIMENSION_TITLES if RAG_ORDER[new[k]] == worst]
    reasons.append(f"worst now: {join_words(worst_names)} ({list(RAG_ORDER)[worst]})")
    who = _relationship_contact(x.supplier)
    return Finding(
        sentence("; ".join(reasons)),
        f"Talk to {who.name} about the cause before the next review." if who else None,
    )


def handover_missing(x: Subject) -> Finding | None:
    s = x.supplier
    if not s.handovers:
        return None
    newest = max(enumerate(s.handovers), key=lambda pair: (pair[1].date, pair[0]))[1]
    if newest.to == s.owner.name:
        return None
    since = f" (since {s.owner.since.isoformat()})" if s.owner.since else ""
    return Finding(
        f"The last recorded owner is {newest.to} (handover from {newest.from_} on "
        f"{newest.date.isoformat()}), but the owner now is {s.owner.name}{since}; no handover "
        f"from {newest.to} to {s.owner.name} is recorded.",
        f"{s.owner.name} should ask {newest.to} for the context and record the handover, "
        "with its notes.",
    )


def no_escalation_path(x: Subject) -> Finding | None:
    s = x.supplier
    if s.impact.level != "high" or s.governance.escalation:
        return None
    who = _relationship_contact(s)
    return Finding(
        "This high-impact supplier has no escalation path: when the relationship breaks, "
        "nobody knows whom to call, in which order.",
        (f"{s.owner.name} should agree the escalation path"
         + (f" with {who.name}" if who else "")
         + " and record it, in order, as the supplier's escalation path."),
    )


def review_not_shared(x: Subject) -> Finding | None:
    s = x.supplier
    if s.governance.model == "transactional" or not x.reviews:
        return None
    latest = x.reviews[-1].review
    if latest.with_supplier:
        return None
    held = f", held {latest.date.isoformat()}," if latest.date else ""
    who = _relationship_contact(s)
    return Finding(
        f"The latest health review ({latest.period}{held} rated "
        f"{x.reviews[-1].overall}) was made on our side only: the supplier never saw the "
        "scorecard, so it cannot align both sides.",
        (f"Go through the scorecard with {who.name} and record the review as held with the "
         "supplier." if who else None),
    )


@dataclass(frozen=True)
class FlagKind:
    """One attention flag of the spec: everything about it except when it is raised, which
    ``decide`` works out."""

    id: str  # the spec's id, kept in the export and the pages' filters
    title: str  # what a reader sees beside the sentence
    severity: int  # its weight when the attention list is ranked
    advice: str  # what to do, when the finding cannot name who should do it
    decide: Callable[[Subject], Finding | None]


@dataclass(frozen=True)
class Flag:
    """A flag raised for one supplier: its kind, the sentence, and what to do."""

    kind: FlagKind
    what: str  # what is wrong, in one sentence that names who, what and how long
    todo: str  # what to do about it, in one sentence

    @property
    def id(self) -> str:
        return self.kind.id

    @property
    def title(self) -> str:
        return self.kind.title

    @property
    def severity(self) -> int:
        return self.kind.severity


# The spec's list of attention flags, in the spec's order. Adding a flag: one function
# above, one entry here (see ARCHITECTURE.md).
REGISTRY: tuple[FlagKind, ...] = (
    FlagKind("single-threaded", "Single-threaded", 1,
             "Add contacts at other levels, with an executive sponsor on each side.",
             single_threaded),
    FlagKind("contact-gone-quiet", "Contact gone quiet", 1,
             "Call the quiet contacts this week and record the next check-in.",
             contact_gone_quiet),
    FlagKind("review-overdue", "Review overdue", 1,
             "Schedule a health review with the supplier and record it in the handbook.",
             review_overdue),
    FlagKind("action-overdue", "Action overdue", 1,
             "Agree a new date with both owners, or drop the action and say why.",
             action_overdue),
    FlagKind("plan-unfocused", "Plan unfocused", 1,
             "Agree with the supplier which actions matter most; close or drop the rest.",
             plan_unfocused),
    FlagKind("health-falling", "Health falling", 1,
             "Talk to the supplier about the cause before the next review.",
             health_falling),
    FlagKind("handover-missing", "Handover missing", 1,
             "Ask the last recorded owner for the context and record the handover, with its "
             "notes.",
             handover_missing),
    FlagKind("no-escalation-path", "No escalation path", 1,
             "Agree the escalation path with the supplier and record it, in order, as the "
             "supplier's escalation path.",
             no_escalation_path),
    FlagKind("review-not-shared", "Review not shared", 1,
             "Go through the scorecard with the supplier and record the review as held with "
             "the supplier.",
             review_not_shared),
)
BY_ID = {k.id: k for k in REGISTRY}
FLAG_IDS = tuple(BY_ID)


def attention_flags(s: Supplier, reviews: Sequence[RatedReview], as_of: dt.date,
                    settings: Settings) -> list[Flag]:
    """The flags raised for ``s``, in the registry's order."""
    subject = Subject(s, reviews, as_of, settings)
    flags = []
    for kind in REGISTRY:
        found = kind.decide(subject)
        if found is not None:
            flags.append(Flag(kind, found.what, found.todo or kind.advice))
    return flags
