"""The calendar feeds fold their lines themselves (``calendar.fold``), octet for octet the
way ``icalendar`` folds them, much faster; and every event the examples give is the same
text as ``icalendar`` writes."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from icalendar import Event
from supplier_handbook.derive.people import book
from supplier_handbook.derive.portfolio import Settings, derive
from supplier_handbook.model.check import check_paths
from supplier_handbook.render.calendar import _text, event, feed_items

from tests.conftest import AS_OF, ROOT


def icalendar_text(e: Event) -> str:
    text: str = e.to_ical().decode("utf-8")
    return text


def described(text: str) -> Event:
    e = Event()
    e.add("uid", "a@b")
    e.add("dtstart", dt.date(2026, 12, 1))
    e.add("summary", text)
    e.add("description", text * 3)
    return e


EDGES = ["", "a" * 73, "a" * 74, "a" * 75, "a" * 200, "a" * 72 + "\\,b" * 40,
         "ø" * 80, "x" + "€" * 50, "😀" * 40, "a;b,c\\d" * 30, "^" * 200, "Kjølberg " * 30,
         "line one\nline two\n" * 10]


def test_the_edges_fold_as_icalendar_folds_them() -> None:
    for text in EDGES:
        e = described(text)
        assert _text(e) == icalendar_text(e), text


@given(st.text(alphabet=st.sampled_from("ab \\^,;:\"øé€😀\n"), max_size=400))
def test_any_text_folds_as_icalendar_folds_it(text: str) -> None:
    e = described(text)
    assert _text(e) == icalendar_text(e)


def test_every_event_of_the_examples_is_icalendar_s_own_text() -> None:
    portfolio = derive(check_paths([ROOT / "suppliers"]).suppliers, AS_OF, Settings())
    items = feed_items(book(portfolio))
    assert len(items) > 20
    for item in items:
        e = event(item, AS_OF, "https://handbook.internal/")
        assert _text(e) == icalendar_text(e)

