"""What each kind of entry of the one store (``render.memo.PageMemo``) costs to make again.

    .venv/bin/python -m bench.store_costs [--n 1000]

Runs the pipeline once over N synthetic suppliers (with git history: the suppliers are
committed) and the calendar feeds, with an empty store, and reports for each kind of entry
(``render.memo.KINDS``) how many entries were made and the CPU seconds spent making them
(exclusive: an entry made inside another counts for itself only). These are the figures in
the table of ``render/memo.py``: what a rebuild under ``mkdocs serve`` would spend if the
store kept nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any

from bench.build_speed import make_handbook


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    os.environ.update(NO_MKDOCS_2_WARNING="1")
    import datetime as dt

    from supplier_handbook.render.memo import Kind, PageMemo
    from supplier_handbook.site.pipeline import Pipeline

    spent: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    stack: list[float] = []  # the CPU time of the entries made inside the one being made
    real = PageMemo._remember

    def timed(self: PageMemo, key: Hashable, inputs: tuple[object, ...],
              make: Callable[[], Any]) -> tuple[Any, bool]:
        assert isinstance(key, tuple) and isinstance(key[0], Kind)
        kind = key[0].name

        def measured() -> Any:
            stack.append(0.0)
            start = time.process_time()
            value = make()
            took = time.process_time() - start
            inner = stack.pop()
            spent[kind] += took - inner
            count[kind] += 1
            if stack:
                stack[-1] += took
            return value

        return real(self, key, inputs, measured)

    PageMemo._remember = timed  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as tmp:
        root = make_handbook(Path(tmp), args.n)
        for command in (["git", "init", "-q"], ["git", "add", "-A"],
                        ["git", "-c", "user.name=b", "-c", "user.email=b@x", "commit", "-qm",
                         "suppliers"]):
            subprocess.run(command, cwd=root, check=True)
        pipeline = Pipeline(root / "suppliers")
        start = time.process_time()
        pipeline.run(dt.date(2026, 11, 23))
        assert pipeline.portfolio is not None
        pipeline.feeds(None)
        total = time.process_time() - start
    print(f"n={args.n}: one run with an empty store, {total:.2f} s CPU in all")
    print("| entry kind | made | CPU s (exclusive) |")
    print("|---|---|---|")
    for kind in sorted(spent, key=lambda k: -spent[k]):
        print(f"| {kind} | {count[kind]} | {spent[kind]:.2f} |")


if __name__ == "__main__":
    main()
