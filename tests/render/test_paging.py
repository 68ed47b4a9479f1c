"""Listing pages in parts: where a list is cut, what each part is called, and the line that
leads from each part to the others."""

from __future__ import annotations

import itertools
import posixpath
import random

import pytest
from supplier_handbook.render.paging import even_runs, paginate, part_path, relative, span_of, split


def test_runs_stay_within_the_budget_and_keep_the_order() -> None:
    sizes = [30, 50, 20, 70, 10, 10, 90, 5]
    runs = split(sizes, lambda s: s, budget=100)
    assert [s for run in runs for s in run] == sizes
    assert all(sum(run) <= 100 for run in runs)
    assert runs == [[30, 50, 20], [70, 10, 10], [90, 5]]


def test_an_item_larger_than_the_budget_is_a_run_of_its_own() -> None:
    assert split([5, 500, 5], lambda s: s, budget=100) == [[5], [500], [5]]
    assert split([], lambda s: s) == [[]]


@pytest.mark.parametrize(("base", "number", "sep", "path"), [
    ("actions.md", 1, "-", "actions.md"),
    ("actions.md", 3, "-", "actions-3.md"),
    ("suppliers/index.md", 2, "-", "suppliers-2.md"),
    ("owners/dana-okafor.md", 2, "--", "owners/dana-okafor--2.md"),
])
def test_the_first_part_keeps_the_address(base: str, number: int, sep: str, path: str) -> None:
    assert part_path(base, number, sep) == path


def test_even_runs() -> None:
    assert even_runs(list(range(7)), 3) == [[0, 1, 2], [3, 4], [5, 6]]
    assert even_runs([1], 4) == [[1]]


def test_the_navigation_names_every_part_with_its_count_and_span() -> None:
    names = ["Acme", "Brenn", "Calder", "Dongguan", "Kjølberg"]
    paged = paginate(names, "suppliers/index.md", "supplier", lambda n: 1,
                     lambda run: span_of(run[0], run[-1]), budget=2)
    assert [p.path for p in paged.parts] == ["suppliers/index.md", "suppliers-2.md",
                                             "suppliers-3.md"]
    second = paged.nav(paged.parts[1])
    assert second.startswith("5 suppliers in 3 parts; this is part 2. Parts:")
    assert "[1: 2 suppliers, Acme to Brenn](suppliers/index.md)" in second
    assert "**2: 2 suppliers, Calder to Dongguan (this page)**" in second
    assert "[3: 1 supplier, Kjølberg](suppliers-3.md)" in second
    first = paged.nav(paged.parts[0])
    assert "[2: 2 suppliers, Calder to Dongguan](../suppliers-2.md)" in first


def test_one_part_needs_no_navigation() -> None:
    paged = paginate(["Acme"], "actions.md", "action", len, lambda run: run[0])
    assert paged.nav(paged.parts[0]) == ""


def test_names_in_the_navigation_are_inert() -> None:
    names = ["<script>x</script>", "[a](https://x.invalid)"]
    paged = paginate(names, "actions.md", "action", lambda n: 1,
                     lambda run: span_of(run[0], run[-1]), budget=1)
    nav = paged.nav(paged.parts[1])
    assert "<script>" not in nav and "[a](" not in nav


def test_relative_links_are_those_of_posixpath() -> None:
    """``relative`` works on the paths alone; it must give what ``posixpath.relpath`` gives
    for every pair of files, at any depth, sharing any part of their folders."""
    rng = random.Random(7)
    names = ["index.md", "suppliers", "owners", "a", "b", "suppliers-2.md", "x.md"]
    files = {"index.md", "suppliers/index.md", "suppliers/acme.md", "suppliers/acme/handover.md",
             "owners/dana.md", "owners/dana--2.md", "actions-2.md", "suppliers.md"}
    for _ in range(300):
        depth = rng.randint(0, 3)
        files.add("/".join([*rng.choices(names[1:5], k=depth), rng.choice(["p.md", "q.md"])]))
    for page, target in itertools.product(sorted(files), repeat=2):
        assert relative(page, target) == posixpath.relpath(
            target, posixpath.dirname(page) or "."), (page, target)
