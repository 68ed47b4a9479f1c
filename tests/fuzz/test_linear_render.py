"""Rendering a text field takes time linear in its length (finding 4: the old link regex was
cubic, 48 s for a 3.5 KB file).

Measured as a ratio, never against the clock: the same text pattern at 2,000 and at 20,000
characters (the longest text field the check lets through). Linear work gives a ratio near
10, quadratic near 100; the bound of 25 leaves room for cache effects. Each time is the
best of a few runs of this process's CPU time (not wall time, which other processes on a
loaded machine stretch), with the garbage collector paused.
"""

from __future__ import annotations

import gc
import itertools
import time
from collections.abc import Callable

import markdown
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from supplier_handbook.render.markup import escape_text, md

pytestmark = pytest.mark.slow  # renders texts of 20,000 characters many times

SMALL, LARGE = 2_000, 20_000
COUNTER = itertools.count()  # makes every measured text one never rendered before
BOUND = 25.0
# The repros of the issue and the constructs each parser scans ahead for.
PATTERNS = ["](", "[", "[a](", "![", "*", "*a", "_a*", "`a``", "<", "](<", "\\", "&",
            "http://", "{: ", "a  \n", "- [", "\r", "*\n"]
ALPHABET = st.sampled_from(list("[]()<>*_`!\\&#|{}:-+ .\n\r\tax1\"'=~^$@"))


def cost(render: Callable[[str], object], text: str, runs: int) -> float:
    """The best CPU time of ``runs`` renders of ``text``, each a text never rendered before
    (its first character is the run's number): the handbook remembers the HTML of every text
    it rendered, and a remembered text would measure a dictionary lookup, not the parse."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(runs):
            fresh = f"{COUNTER.__next__()}{text[1:]}"
            start = time.process_time()
            render(fresh)
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


def repeated(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def ratio(render: Callable[[str], object], unit: str) -> float:
    small = cost(render, repeated(unit, SMALL), runs=5)
    large = cost(render, repeated(unit, LARGE), runs=2)
    return large / max(small, 1e-6)


def all_filters(text: str) -> None:
    """Plain text and Markdown (``md_inline`` is ``md``'s parse without the wrapper)."""
    escape_text(text)
    md(text)


def test_every_known_pattern_renders_in_linear_time() -> None:
    found = {unit: round(ratio(all_filters, unit), 1) for unit in PATTERNS}
    assert max(found.values()) < BOUND, found


@settings(max_examples=8, deadline=None, derandomize=True, database=None)
@given(st.lists(ALPHABET, min_size=1, max_size=6).map("".join))
@example("](")
@example("[" * 3 + "](")
def test_any_text_renders_in_linear_time(unit: str) -> None:
    assert ratio(all_filters, unit) < BOUND, repr(unit)


def test_the_page_around_a_markdown_field_converts_in_linear_time() -> None:
    """Python-Markdown, with the risky extensions, reads a block field's safe HTML as one
    raw block: its cost grows with the field's length, not with its square."""
    converter = markdown.Markdown(extensions=["tables", "attr_list", "md_in_html", "toc",
                                              "admonition", "pymdownx.blocks.html"])

    def page(text: str) -> str:
        converter.reset()
        return str(converter.convert(f"# Supplier\n\n{md(text)}\n\nAfter the field.\n"))

    found = {unit: round(ratio(page, unit), 1) for unit in ["[", "](", "<", "*a", "&", "_*"]}
    assert max(found.values()) < BOUND, found
