"""Portfolio position (impact x current health) and governance fit (model x impact)."""

from __future__ import annotations

import pytest

from .builders import derive_one, review

HEALTH_REVIEWS = {
    "green": [review("2026-Q3", "GGGG")],
    "amber": [review("2026-Q3", "AAAA")],
    "red": [review("2026-Q3", "RRRR")],
    "no-review": [],
}

# the spec's table: impact down, current health across
POSITIONS = {
    "high": {"green": "protect-and-grow", "amber": "at-risk", "red": "critical",
             "no-review": "unrated"},
    "medium": {"green": "maintain", "amber": "watch", "red": "fix", "no-review": "unrated"},
    "low": {"green": "maintain", "amber": "watch", "red": "replace-or-simplify",
            "no-review": "unrated"},
}
POSITION_CASES = [
    pytest.param(impact, health, position, id=f"{impact}-{health}-{position}")
    for impact, row in POSITIONS.items()
    for health, position in row.items()
]


@pytest.mark.parametrize(("impact", "health", "position"), POSITION_CASES)
def test_portfolio_position(impact: str, health: str, position: str) -> None:
    d = derive_one(impact=impact, model="collaborative", health=HEALTH_REVIEWS[health])
    assert d.health == (None if health == "no-review" else health)
    assert d.position == position


def test_position_follows_the_latest_review_not_the_file_order() -> None:
    d = derive_one(impact="high", health=[review("2026-Q3", "RRRR"), review("2026-Q2", "GGGG")])
    assert d.position == "critical"


FITS = {
    ("transactional", "high"): "misfit",
    ("transactional", "medium"): "fit",
    ("transactional", "low"): "fit",
    ("collaborative", "high"): "fit",
    ("collaborative", "medium"): "fit",
    ("collaborative", "low"): "heavier-than-needed",
    ("alliance", "high"): "fit",
    ("alliance", "medium"): "misfit",
    ("alliance", "low"): "misfit",
}
FIT_CASES = [
    pytest.param(model, impact, fit, id=f"{model}-{impact}-{fit}")
    for (model, impact), fit in FITS.items()
]


@pytest.mark.parametrize(("model", "impact", "fit"), FIT_CASES)
def test_governance_fit(model: str, impact: str, fit: str) -> None:
    d = derive_one(impact=impact, model=model)
    assert d.fit == fit
    assert d.fit_reason.strip() != ""
