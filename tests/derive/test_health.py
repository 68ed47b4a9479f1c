"""Overall health of a review, and current health of a supplier (spec: "Derived values")."""

from __future__ import annotations

import pytest
from supplier_handbook.derive.portfolio import overall_health
from supplier_handbook.model.supplier import Review

from .builders import derive_one, review

# ratings are G/A/R in the order strategic_dialogue, conflict_resolution, innovation,
# partnership_value
OVERALL_CASES = [
    # the spec's own examples
    ("GGAR", "green", "spec-GGAR-majority-green"),
    ("GARR", "red", "spec-GARR-majority-red"),
    ("GGAA", "amber", "spec-GGAA-tie-goes-to-amber"),
    # all four the same
    ("GGGG", "green", "all-green"),
    ("AAAA", "amber", "all-amber"),
    ("RRRR", "red", "all-red"),
    # 3-1
    ("GGGR", "green", "3-1-green-over-red"),
    ("RRRG", "red", "3-1-red-over-green"),
    ("AAAG", "amber", "3-1-amber-over-green"),
    ("GAAA", "amber", "3-1-amber-first-dimension-green"),
    # 2-2 ties go to the worse rating, whatever the order of the dimensions
    ("GGRR", "red", "tie-green-red-is-red"),
    ("RRGG", "red", "tie-red-green-is-red"),
    ("GRGR", "red", "tie-green-red-interleaved-is-red"),
    ("AARR", "red", "tie-amber-red-is-red"),
    ("RARA", "red", "tie-red-amber-interleaved-is-red"),
    ("AAGG", "amber", "tie-amber-green-is-amber"),
    ("GAGA", "amber", "tie-green-amber-interleaved-is-amber"),
    # 2-1-1: the majority wins, even when it is the best rating
    ("AAGR", "amber", "2-1-1-amber-majority"),
    ("RRGA", "red", "2-1-1-red-majority"),
    ("RAGG", "green", "2-1-1-green-majority-last"),
    ("GRAG", "green", "2-1-1-green-majority-split"),
]


@pytest.mark.parametrize(("ratings", "expected"), [c[:2] for c in OVERALL_CASES],
                         ids=[c[2] for c in OVERALL_CASES])
def test_overall_is_computed_when_absent(ratings: str, expected: str) -> None:
    d = derive_one(health=[review("2026-Q3", ratings)])
    assert d.health == expected
    assert [(r.overall, r.computed) for r in d.reviews] == [(expected, True)]
    assert overall_health(Review.model_validate(review("2026-Q3", ratings))) == expected


@pytest.mark.parametrize(
    ("ratings", "given"),
    [
        ("GGGG", "red"),
        ("RRRR", "green"),
        ("GGAA", "green"),  # computed would be amber
        ("GARR", "amber"),  # computed would be red
        ("AAAA", "amber"),  # same as computed, still "given"
    ],
    ids=["all-green-given-red", "all-red-given-green", "tie-given-green",
         "majority-red-given-amber", "given-equal-to-computed"],
)
def test_given_overall_overrides_the_ratings(ratings: str, given: str) -> None:
    d = derive_one(health=[review("2026-Q3", ratings, overall=given)])
    assert d.health == given
    assert [(r.overall, r.computed) for r in d.reviews] == [(given, False)]


CURRENT_CASES = [
    # (reviews in file order as (period, ratings, overall), expected health, periods oldest first)
    ([("2026-Q3", "GGGG", None)], "green", ["2026-Q3"], "single-review"),
    ([("2026-Q1", "GGGG", None), ("2026-Q2", "AAAA", None), ("2026-Q3", "RRRR", None)],
     "red", ["2026-Q1", "2026-Q2", "2026-Q3"], "file-order-oldest-first"),
    ([("2026-Q3", "RRRR", None), ("2026-Q2", "AAAA", None), ("2026-Q1", "GGGG", None)],
     "red", ["2026-Q1", "2026-Q2", "2026-Q3"], "file-order-newest-first"),
    ([("2026-Q2", "AAAA", None), ("2026-Q3", "GGGG", None), ("2026-Q1", "RRRR", None)],
     "green", ["2026-Q1", "2026-Q2", "2026-Q3"], "file-order-shuffled"),
    ([("2026-Q1", "GGGG", None), ("2025-Q4", "RRRR", None)],
     "green", ["2025-Q4", "2026-Q1"], "2026-Q1-is-after-2025-Q4"),
    ([("2025-Q4", "RRRR", None), ("2026-Q1", "AAAA", None)],
     "amber", ["2025-Q4", "2026-Q1"], "2026-Q1-is-after-2025-Q4-file-order"),
    ([("2026-Q1", "AAAA", None), ("2025-Q4", "GGGG", None), ("2024-Q4", "RRRR", None),
      ("2025-Q1", "GGGG", None)],
     "amber", ["2024-Q4", "2025-Q1", "2025-Q4", "2026-Q1"], "across-three-years"),
    ([("2026-Q3", "GGGG", "red"), ("2026-Q2", "RRRR", None)],
     "red", ["2026-Q2", "2026-Q3"], "latest-given-overall-counts"),
]


@pytest.mark.parametrize(("reviews", "expected", "periods"), [c[:3] for c in CURRENT_CASES],
                         ids=[c[3] for c in CURRENT_CASES])
def test_current_health_is_the_latest_period(
    reviews: list[tuple[str, str, str | None]], expected: str, periods: list[str]
) -> None:
    d = derive_one(model="transactional",
                   health=[review(p, r, overall=o) for p, r, o in reviews])
    assert d.health == expected
    assert [r.review.period for r in d.reviews] == periods


def test_no_review_means_no_current_health() -> None:
    d = derive_one(health=[])
    assert d.health is None
    assert d.reviews == []

