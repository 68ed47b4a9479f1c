"""Stage 3: the as-of signals of the spec's "Derived values", as pure functions.

Every comparison with "today" uses one ``as_of`` date for the whole build. Nothing here
reads files, the clock or the environment; ``as_of_date`` takes the environment as a value.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from supplier_handbook.base.wording import with_article
from supplier_handbook.derive import positions
from supplier_handbook.derive.flags import FLAG_IDS, Flag, attention_flags, overdue_actions
from supplier_handbook.derive.health import (
    OPEN_STATUSES,
    RAG_ORDER,
    RatedReview,
    Settings,
    computed_overall,
    overall_health,
    period_end,
    period_key,
    rated_reviews,
)
from supplier_handbook.derive.naming import collation_key
from supplier_handbook.model.check import SupplierFile
from supplier_handbook.model.supplier import Action, Contact, Supplier

__all__ = [
    "FLAG_IDS",
    "OPEN_STATUSES",
    "RAG_ORDER",
    "Derived",
    "Flag",
    "Point",
    "Portfolio",
    "RatedReview",
    "Settings",
    "as_of_date",
    "derive",
    "derive_one",
    "overall_health",
    "period_end",
    "period_key",
    "rated_reviews",
]

@dataclass(frozen=True)
class Point:
    """One thing that needs attention, as every view shows it: a raised flag, or a
    governance model that does not fit the impact."""

    id: str  # the flag's id, or "governance-misfit" / "governance-heavier-than-needed"
    title: str
    what: str  # the sentence
    todo: str  # what to do ("" when ``what`` says it)


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
    def points(self) -> list[Point]:
        """What needs attention, in the one order every view uses: a governance model that
        does not fit first, then the flags in the registry's order."""
        points = []
        if self.fit != "fit":
            points.append(Point(f"governance-{self.fit}", f"Governance {self.fit}",
                                self.fit_reason, ""))
        points += [Point(f.id, f.title, f.what, f.todo) for f in self.flags]
        return points

    @property
    def flag_ids(self) -> list[str]:
        return sorted(f.id for f in self.flags)

    @property
    def latest(self) -> RatedReview | None:
        """The latest review by period, or None."""
        return self.reviews[-1] if self.reviews else None

    @property
    def has_escalation(self) -> bool:
        return bool(self.supplier.governance.escalation)

    @property
    def latest_shared(self) -> bool | None:
        """Whether the latest review was held with the supplier (None: no review)."""
        return bool(self.latest.review.with_supplier) if self.latest else None

    @property
    def health_set_by_hand(self) -> bool:
        """True when the latest review's overall was written in the file, not computed."""
        return self.latest is not None and not self.latest.computed

    @property
    def computed_health(self) -> str | None:
        """The latest review's majority rating, whatever the file's ``overall`` says."""
        return computed_overall(self.latest.review) if self.latest else None

    @property
    def position_title(self) -> str:
        return positions.title(self.position)

    @property
    def severity(self) -> int:
        """Ranks the attention list: the position first, then the flags' weights."""
        return (positions.BY_ID[self.position].severity * 10
                + sum(f.severity for f in self.flags))


def as_of_date(option: dt.date | None, environ: Mapping[str, str], today: dt.date) -> dt.date:
    """The build's as-of date: the option, else ``SOURCE_DATE_EPOCH``, else today."""
    if option is not None:
        return option
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return today


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
    return "fit", f"{with_article(model).capitalize()} model suits a {impact}-impact supplier."


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
        position=positions.portfolio_position(s.impact.level, health).id,
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
    settings: Settings  # the thresholds every signal and date of the build was derived with

    def by_owner(self) -> dict[str, list[Derived]]:
        owners: dict[str, list[Derived]] = {}
        for d in self.suppliers:
            owners.setdefault(d.supplier.owner.name, []).append(d)
        return dict(sorted(owners.items(), key=lambda pair: collation_key(pair[0])))

    def attention(self) -> list[Derived]:
        """Suppliers that need attention, most severe first."""
        needy = [d for d in self.suppliers if d.flags
                 or positions.BY_ID[d.position].severity >= positions.ATTENTION_SEVERITY
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


def derive(entries: Sequence[SupplierFile], as_of: dt.date, settings: Settings) -> Portfolio:
    derived = [derive_one(e, as_of, settings) for e in sorted(entries, key=lambda e: e.slug)]
    return Portfolio(as_of, derived, settings)
