"""No function of the package is graded worse than C by radon's cyclomatic complexity
(``radon cc -s -n D generator`` lists nothing), and no module of it is over 400 lines (a
reader finds one subject per module; a longer one is split along a seam of meaning)."""

from __future__ import annotations

from radon import complexity

from tests.conftest import ROOT

PACKAGE = ROOT / "generator" / "supplier_handbook"
WORST = "C"
MAX_LINES = 400


def graded(source: str) -> list[tuple[str, int, str]]:
    """(name, complexity, rank) of every function, method and class in ``source``."""
    found = []
    for block in complexity.cc_visit(source):
        for item in [block, *getattr(block, "methods", [])]:
            found.append((item.fullname, item.complexity, complexity.cc_rank(item.complexity)))
    return found


def test_no_function_is_graded_worse_than_c() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 30
    worse = [f"{path.relative_to(ROOT)}: {name} {rank} ({score})"
             for path in modules
             for name, score, rank in graded(path.read_text(encoding="utf-8"))
             if rank > WORST]
    assert worse == [], "split these functions:\n" + "\n".join(worse)


def test_the_grading_can_fail() -> None:
    branches = "".join(f"    if x == {i}:\n        return {i}\n" for i in range(30))
    ((name, score, rank),) = graded(f"def f(x):\n{branches}    return -1\n")
    assert (name, rank) == ("f", "E") and score == 31


def lines(source: str) -> int:
    """The number of lines of ``source``, as ``wc -l`` counts them in a file ending in a
    newline."""
    return len(source.splitlines())


def test_no_module_is_over_400_lines() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 30
    longer = [f"{path.relative_to(ROOT)}: {count} lines"
              for path in modules
              if (count := lines(path.read_text(encoding="utf-8"))) > MAX_LINES]
    assert longer == [], "split these modules along a seam of meaning:\n" + "\n".join(longer)


def test_the_line_count_can_fail() -> None:
    assert lines("x = 1\n" * MAX_LINES) == MAX_LINES
    assert lines("x = 1\n" * (MAX_LINES + 1) + "y = 2") > MAX_LINES
