"""English for generated sentences: counts with the right plural, the right article, day
counts and lists of names. Used by the flags (derive) and by the view models (render)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

_IRREGULAR = {"person": "people", "reply": "replies", "company": "companies"}


def plural(n: int, singular: str, many: str | None = None) -> str:
    """``1 action``, ``2 actions``, ``0 actions``; ``many`` for an irregular plural."""
    if n == 1:
        return f"{n} {singular}"
    return f"{n} {many or _IRREGULAR.get(singular, singular + 's')}"


def nested(text: str) -> str:
    """Text shown inside parentheses, with its own parentheses as brackets: "Yann Morvan
    (Président [owner])", never "(Président (owner))"."""
    return text.replace("(", "[").replace(")", "]")


def article(word: str) -> str:
    """The indefinite article for ``word`` (the handbook's own words: models, levels)."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def with_article(word: str) -> str:
    return f"{article(word)} {word}"


def days_ago(day: dt.date, as_of: dt.date) -> str:
    """``today``, ``1 day ago``, ``53 days ago``, ``in 3 days``."""
    n = (as_of - day).days
    if n == 0:
        return "today"
    if n < 0:
        return f"in {plural(-n, 'day')}"
    return f"{plural(n, 'day')} ago"


def join_words(words: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def sentence(text: str) -> str:
    """Capital first letter, one full stop at the end."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


DIMENSION_TITLES = {
    "strategic_dialogue": "Strategic dialogue",
    "conflict_resolution": "Conflict resolution",
    "innovation": "Innovation",
    "partnership_value": "Partnership value",
}
DIMENSIONS = tuple(DIMENSION_TITLES)
