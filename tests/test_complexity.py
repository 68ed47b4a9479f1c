"""No function of the package is graded worse than C by radon's cyclomatic complexity
(``radon cc -s -n D generator`` lists nothing)."""

from __future__ import annotations

from radon import complexity

from tests.conftest import ROOT

PACKAGE = ROOT / "generator" / "supplier_handbook"
WORST = "C"


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
