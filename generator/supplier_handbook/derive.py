"""Stage 3: the as-of signals of the spec's "Derived values", as pure functions.

Every comparison with "today" uses one ``as_of`` date for the whole build. Nothing here
reads files, the clock or the environment; ``as_of_date`` takes the environment as a value.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .check import SupplierFile
from .model import Action, Contact, Review, Supplier

RAG_ORDER = {"green": 0, "amber": 1, "red": 2}
OPEN_STATUSES = ("open", "in-progress")

POSITIONS: dict[str, dict[str | None, str]] = {
    "high": {"green": "protect-and-grow", "amber": "at-risk", "red": "critical", None: "unrated"},
    "medium": {"green": "maintain", "amber": "watch", "red": "fix", None: "unrated"},
    "low": {"green": "maintain", "amber": "watch", "red": "replace-or-simplify", None: "unrated"},
}

FLAG_IDS = (
    "single-threaded",
    "contact-gone-quiet",
    "review-overdue",
    "action-overdue",
    "plan-unfocused",
    "health-falling",
    "handover-missing",
)


@dataclass(frozen=True)
class Settings:
    """The configurable thresholds (defaults are the spec's)."""

    check_in_days: Mapping[str, int] = field(
        default_factory=lambda: {"alliance": 14, "collaborative": 30, "transactional": 90}
    )
    review_overdue_days: Mapping[str, int] = field(
        default_factory=lambda: {"alliance": 100, "collaborative": 100, "transactional": 400}
    )
    max_open_actions: int = 5


@dataclass(frozen=True)
class Flag:
    id: str
    what: str  # what is wrong, in one sentence
    todo: str  # what to do about it, in one sentence


@dataclass(frozen=True)
class RatedReview:
    review: Review
    overall: str
    computed: bool  # True when the file left ``overall`` out


@dataclass(frozen=True)
class Derived:
    """One supplier with everything the generator computes about it."""

    slug: str
    path: str
    supplier: Supplier
    reviews: list[RatedReview]  # oldest period first
    health: str | None
    position: str
    fit: str
    fit_reason: str
    flags: list[Flag]
    open_actions: list[Action]
    overdue_actions: list[Action]
    next_check_in: dt.date | None

    @property
    def flag_ids(self) -> list[str]:
        return sorted(f.id for f in self.flags)

    @property
    def severity(self) -> int:
        """Ranks the attention list: the position first, then how many flags."""
        return POSITION_SEVERITY[self.position] * 10 + len(self.flags)


POSITION_SEVERITY = {
    "critical": 6, "at-risk": 5, "fix": 4, "replace-or-simplify": 4, "watch": 2,
    "unrated": 2, "protect-and-grow": 0, "maintain": 0,
}


def as_of_date(option: dt.date | None, environ: Mapping[str, str], today: dt.date) -> dt.date:
    """The build's as-of date: the option, else ``SOURCE_DATE_EPOCH``, else today."""
    if option is not None:
        return option
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return today


def period_key(period: str) -> tuple[int, int]:
    year, quarter = period.split("-Q")
    return int(year), int(quarter)


def period_end(period: str) -> dt.date:
    """The last day of the period's quarter."""
    year, quarter = period_key(period)
    if quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, quarter * 3 + 1, 1) - dt.timedelta(days=1)


def overall_health(review: Review) -> str:
    """The review's overall: as given, else the majority rating, a tie going to the worse."""
    if review.overall is not None:
        return review.overall
    ratings = review.ratings
    counts = Counter(
        [ratings.strategic_dialogue, ratings.conflict_resolution, ratings.innovation,
         ratings.partnership_value]
    )
    top = max(counts.values())
    return max((r for r, n in counts.items() if n == top), key=RAG_ORDER.__getitem__)


def rated_reviews(supplier: Supplier) -> list[RatedReview]:
    ordered = sorted(supplier.health, key=lambda r: period_key(r.period))
    return [RatedReview(r, overall_health(r), r.overall is None) for r in ordered]


def portfolio_position(impact: str, health: str | None) -> str:
    return POSITIONS[impact][health]


def governance_fit(model: str, impact: str) -> tuple[str, str]:
    """(fit id, the reason in a sentence)."""
    if model == "transactional" and impact == "high":
        return "misfit", (
            "Transactional governance on a high-impact supplier lets the relationship drift: "
            "move to a collaborative model."
        )
    if model == "alliance" and impact in ("low", "medium"):
        return "misfit", (
            f"Alliance governance on a {impact}-impact supplier costs more effort than the "
            "relationship returns and breeds resentment: consider a collaborative model."
        )
    if model == "collaborative" and impact == "low":
        return "heavier-than-needed", (
            "Collaborative governance is heavier than a low-impact supplier needs: "
            "a transactional model would do."
        )
    return "fit", f"A {model} model suits a {impact}-impact supplier."


# --- attention flags: one function per flag of the spec -----------------------------------


def single_threaded(s: Supplier) -> Flag | None:
    if s.governance.model == "transactional":
        return None
    supplier_side = [c for c in s.contacts if c.side == "supplier"]
    levels = {c.level for c in supplier_side}
    execs = {c.side for c in s.contacts if c.level == "executive"}
    gaps = []
    if len(levels) < 2:
        gaps.append("the supplier-side contacts cover fewer than two levels")
    for side, label in (("supplier", "the supplier's"), ("internal", "our")):
        if side not in execs:
            gaps.append(f"there is no executive contact on {label} side")
    if not gaps:
        return None
    return Flag(
        "single-threaded",
        "The relationship runs through too few people: " + "; ".join(gaps) + ".",
        "Add contacts at other levels, with an executive sponsor on each side.",
    )


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _days(a: dt.date, b: dt.date) -> int:
    return (b - a).days


def contact_gone_quiet(s: Supplier, as_of: dt.date, settings: Settings) -> Flag | None:
    limit = settings.check_in_days[s.governance.model]
    quiet: list[str] = []
    for c in s.contacts:
        if c.side == "supplier" and c.last_contact and _days(c.last_contact, as_of) > limit:
            quiet.append(f"{c.name} (last contact {c.last_contact.isoformat()})")
        if c.next_check_in and c.next_check_in < as_of:
            quiet.append(f"{c.name} (check-in was due {c.next_check_in.isoformat()})")
    if not quiet:
        return None
    return Flag(
        "contact-gone-quiet",
        "Contacts gone quiet: " + ", ".join(quiet) + ".",
        f"Call them this week; {_article(s.governance.model)} {s.governance.model} "
        "relationship needs a conversation at "
        f"least every {limit} days.",
    )


def review_overdue(s: Supplier, reviews: Sequence[RatedReview], as_of: dt.date,
                   settings: Settings) -> Flag | None:
    model = s.governance.model
    limit = settings.review_overdue_days[model]
    todo = "Schedule a health review with the supplier and record it in the file."
    if not reviews:
        if model == "transactional":
            return None
        return Flag("review-overdue", f"A {model} supplier with no health review yet.", todo)
    latest = reviews[-1].review.period
    late = _days(period_end(latest), as_of)
    if late <= limit:
        return None
    return Flag(
        "review-overdue",
        f"The latest health review is for {latest}, which ended {late} days ago "
        f"(a {model} supplier is reviewed within {limit} days).",
        todo,
    )


def overdue_actions(s: Supplier, as_of: dt.date) -> list[Action]:
    return [a for a in s.actions if a.status in OPEN_STATUSES and a.due < as_of]


def action_overdue(s: Supplier, as_of: dt.date) -> Flag | None:
    late = overdue_actions(s, as_of)
    if not late:
        return None
    return Flag(
        "action-overdue",
        "Overdue actions: " + ", ".join(f"{a.id} (due {a.due.isoformat()})" for a in late) + ".",
        "Agree a new date with both owners, or drop the action and say why.",
    )


def plan_unfocused(s: Supplier, settings: Settings) -> Flag | None:
    n = sum(1 for a in s.actions if a.status in OPEN_STATUSES)
    if n <= settings.max_open_actions:
        return None
    return Flag(
        "plan-unfocused",
        f"The Joint Action Plan has {n} open actions (a focused plan has 3 to "
        f"{settings.max_open_actions}).",
        "Agree with the supplier which actions matter most; close or drop the rest.",
    )


def health_falling(reviews: Sequence[RatedReview]) -> Flag | None:
    if not reviews:
        return None
    latest = reviews[-1]
    reasons = []
    if len(reviews) > 1 and RAG_ORDER[latest.overall] > RAG_ORDER[reviews[-2].overall]:
        reasons.append(
            f"overall went from {reviews[-2].overall} to {latest.overall} "
            f"({reviews[-2].review.period} to {latest.review.period})"
        )
    if latest.review.signals:
        signals = ", ".join(s.replace("_", " ") for s in latest.review.signals)
        reasons.append(f"the {latest.review.period} review lists warning signals: {signals}")
    if not reasons:
        return None
    return Flag(
        "health-falling",
        "Health is falling: " + "; ".join(reasons) + ".",
        "Talk to the supplier's relationship manager about the cause before the next review.",
    )


def handover_missing(s: Supplier) -> Flag | None:
    if not s.handovers:
        return None
    newest = max(enumerate(s.handovers), key=lambda pair: (pair[1].date, pair[0]))[1]
    if newest.to == s.owner.name:
        return None
    return Flag(
        "handover-missing",
        f"The newest handover ({newest.date.isoformat()}) went to {newest.to}, but the owner "
        f"is {s.owner.name}.",
        f"{s.owner.name} should write the handover they received, with its notes.",
    )


def attention_flags(s: Supplier, reviews: Sequence[RatedReview], as_of: dt.date,
                    settings: Settings) -> list[Flag]:
    found = [
        single_threaded(s),
        contact_gone_quiet(s, as_of, settings),
        review_overdue(s, reviews, as_of, settings),
        action_overdue(s, as_of),
        plan_unfocused(s, settings),
        health_falling(reviews),
        handover_missing(s),
    ]
    return [f for f in found if f is not None]


def _next_check_in(contacts: Sequence[Contact]) -> dt.date | None:
    dates = [c.next_check_in for c in contacts if c.next_check_in]
    return min(dates) if dates else None


def derive_one(entry: SupplierFile, as_of: dt.date, settings: Settings) -> Derived:
    s = entry.supplier
    reviews = rated_reviews(s)
    health = reviews[-1].overall if reviews else None
    fit, reason = governance_fit(s.governance.model, s.impact.level)
    return Derived(
        slug=entry.slug,
        path=entry.path,
        supplier=s,
        reviews=reviews,
        health=health,
        position=portfolio_position(s.impact.level, health),
        fit=fit,
        fit_reason=reason,
        flags=attention_flags(s, reviews, as_of, settings),
        open_actions=[a for a in s.actions if a.status in OPEN_STATUSES],
        overdue_actions=overdue_actions(s, as_of),
        next_check_in=_next_check_in(s.contacts),
    )


@dataclass(frozen=True)
class Portfolio:
    as_of: dt.date
    suppliers: list[Derived]  # by slug

    def by_owner(self) -> dict[str, list[Derived]]:
        owners: dict[str, list[Derived]] = {}
        for d in self.suppliers:
            owners.setdefault(d.supplier.owner.name, []).append(d)
        return dict(sorted(owners.items()))

    def attention(self) -> list[Derived]:
        """Suppliers that need attention, most severe first."""
        needy = [d for d in self.suppliers if d.flags or POSITION_SEVERITY[d.position] >= 4
                 or d.fit != "fit"]
        return sorted(needy, key=lambda d: (-d.severity, d.slug))

    def counts(self, attribute: str) -> list[tuple[str, int]]:
        values: Counter[str] = Counter()
        for d in self.suppliers:
            values[_attribute(d, attribute)] += 1
        return sorted(values.items())


def _attribute(d: Derived, attribute: str) -> str:
    if attribute == "model":
        return d.supplier.governance.model
    if attribute == "status":
        return d.supplier.status
    if attribute == "position":
        return d.position
    raise KeyError(attribute)


def derive(entries: Sequence[SupplierFile], as_of: dt.date,
           settings: Settings | None = None) -> Portfolio:
    settings = settings or Settings()
    derived = [derive_one(e, as_of, settings) for e in sorted(entries, key=lambda e: e.slug)]
    return Portfolio(as_of, derived)
