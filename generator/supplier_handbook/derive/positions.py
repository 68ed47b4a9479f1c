"""The portfolio positions of the spec, and the one registry of them.

A position is impact level x current health (the spec's table, ``GRID``). Each position has
an id (the spec's, kept in the export and in CSS classes), the title a reader sees, and a
severity that ranks the attention list: 4 and above puts a supplier on it by itself.
"""

from __future__ import annotations

from dataclasses import dataclass

ATTENTION_SEVERITY = 4  # a position this severe needs attention even with no flag raised


@dataclass(frozen=True)
class Position:
    id: str
    title: str
    severity: int


REGISTRY: tuple[Position, ...] = (
    Position("protect-and-grow", "Protect and grow", 0),
    Position("at-risk", "At risk", 5),
    Position("critical", "Critical: run a recovery plan", 6),
    Position("maintain", "Maintain", 0),
    Position("watch", "Watch", 2),
    Position("fix", "Fix", 4),
    Position("replace-or-simplify", "Replace or simplify", 4),
    Position("unrated", "Unrated (no health review)", 2),
)
BY_ID = {p.id: p for p in REGISTRY}

# The spec's table: impact down, current health across (None: no review).
GRID: dict[str, dict[str | None, str]] = {
    "high": {"green": "protect-and-grow", "amber": "at-risk", "red": "critical", None: "unrated"},
    "medium": {"green": "maintain", "amber": "watch", "red": "fix", None: "unrated"},
    "low": {"green": "maintain", "amber": "watch", "red": "replace-or-simplify", None: "unrated"},
}


def portfolio_position(impact: str, health: str | None) -> Position:
    """The position of a supplier of ``impact`` whose current health is ``health``."""
    return BY_ID[GRID[impact][health]]


def title(position_id: str) -> str:
    """The title a reader sees for a position id."""
    return BY_ID[position_id].title
