"""Health reviews and the thresholds: the part of the derived values that the flags and the
portfolio both read (overall health, periods, the configurable limits)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from supplier_handbook.model.supplier import OPEN_STATUSES, Review, Supplier

__all__ = ["OPEN_STATUSES", "RAG_ORDER", "RatedReview", "Settings", "computed_overall",
           "majority", "overall_health", "period_end", "period_key", "rated_reviews"]

RAG_ORDER = {"green": 0, "amber": 1, "red": 2}


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
class RatedReview:
    review: Review
    overall: str
    computed: bool  # True when the file left ``overall`` out


def period_key(period: str) -> tuple[int, int]:
    year, quarter = period.split("-Q")
    return int(year), int(quarter)


def period_end(period: str) -> dt.date:
    """The last day of the period's quarter."""
    year, quarter = period_key(period)
    if quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, quarter * 3 + 1, 1) - dt.timedelta(days=1)


def majority(ratings: Iterable[str]) -> str:
    """The rating most of ``ratings`` hold, a tie going to the worse (the spec's overall
    health: G,G,A,R -> green; G,A,R,R -> red; G,G,A,A -> amber)."""
    counts = Counter(ratings)
    top = max(counts.values())
    return max((r for r, n in counts.items() if n == top), key=RAG_ORDER.__getitem__)


def overall_health(review: Review) -> str:
    """The review's overall: as given, else the majority of the four ratings."""
    if review.overall is not None:
        return review.overall
    ratings = review.ratings
    return majority([ratings.strategic_dialogue, ratings.conflict_resolution,
                     ratings.innovation, ratings.partnership_value])


def computed_overall(review: Review) -> str:
    """The majority rating of the four dimensions, whatever the file says."""
    return overall_health(review.model_copy(update={"overall": None}))


def rated_reviews(supplier: Supplier) -> list[RatedReview]:
    ordered = sorted(supplier.health, key=lambda r: period_key(r.period))
    return [RatedReview(r, overall_health(r), r.overall is None) for r in ordered]
