"""Benchmark: the cost of turning supplier text into page text, before and after the
sanitiser design (markdown-it-py + nh3 + inert HTML), side by side.

    .venv/bin/python -m bench.text_render [--before REV] [--runs 5]

"before" is the regex implementation of ``render.py`` at git revision REV (default
bf63fb8, the last one with it): its text functions are read from git and run in this
process. Three tables, each time the best of RUNS runs of this process's CPU time (a busy
machine stretches wall time, not CPU time):

1. every text field of the example suppliers, through the filter (``md``/``md_inline`` for
   Markdown fields, ``escape_text`` for plain ones): total per field, after / before;
2. hostile fields (the issue's repros) at growing lengths: the growth from 1,000 to 2,000
   characters is 2 for linear work, 4 for quadratic, 8 for cubic; "after" also at 20,000;
3. a page holding one hostile field of 2,000 characters (filters plus Python-Markdown);
4. a whole supplier page (filters plus Python-Markdown with the site's extensions), for the
   example suppliers.
"""

from __future__ import annotations

import argparse
import functools
import gc
import html
import json
import platform
import re
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import markdown
import yaml
from markupsafe import Markup
from supplier_handbook.derive.portfolio import derive
from supplier_handbook.model.check import check_paths
from supplier_handbook.render import markup
from supplier_handbook.render import renderer as render

ROOT = Path(__file__).resolve().parent.parent
MARKDOWN_FIELDS = {"summary", "rationale", "notes", "what_matters", "purpose", "action",
                   "question", "listen_for", "text"}
HOSTILE = {"'](' repeated (finding 4)": "](", "'[' repeated": "[", "'*a' repeated": "*a",
           "'<' repeated": "<", "'`a``' repeated": "`a``"}


def before_functions(rev: str) -> dict[str, Callable[[str], Any]]:
    """``escape_text``, ``md`` and ``md_inline`` of render.py at ``rev``."""
    source = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:generator/supplier_handbook/"
                             "render.py"], capture_output=True, text=True, check=True).stdout
    start, end = source.index("_MD_SPECIAL = "), source.index("def _finalize(")
    names: dict[str, Any] = {"re": re, "html": html, "json": json, "Markup": Markup}
    exec(compile(source[start:end], f"render.py@{rev}", "exec"), names)
    return {k: names[k] for k in ("escape_text", "md", "md_inline")}


def after_functions() -> dict[str, Callable[[str], Any]]:
    return {"escape_text": markup.escape_text, "md": markup.md, "md_inline": markup.md_inline}


def cpu(fn: Callable[[], object], runs: int) -> float:
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for _ in range(runs):
            start = time.process_time()
            fn()
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


def example_fields() -> list[tuple[str, str]]:
    """(filter name, text) of every string in the example supplier files."""
    fields: list[tuple[str, str]] = []

    def walk(value: Any, key: str) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, str(k))
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str):
            fields.append(("md" if key in MARKDOWN_FIELDS else "escape_text", value))

    for path in sorted((ROOT / "suppliers").glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")), "")
    return fields


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before", default="bf63fb8")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    before, after = before_functions(args.before), after_functions()
    print(f"machine: {platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}; before = render.py@{args.before}; CPU time, best of "
          f"{args.runs}")

    fields = example_fields()
    t_before = cpu(lambda: [before[f](t) for f, t in fields], args.runs)
    t_after = cpu(lambda: [after[f](t) for f, t in fields], args.runs)
    print(f"\n1. the {len(fields)} text fields of the example suppliers")
    print(f"{'':<28}{'before us':>12}{'after us':>12}{'after/before':>14}")
    print(f"{'per field':<28}{t_before / len(fields) * 1e6:>12.1f}"
          f"{t_after / len(fields) * 1e6:>12.1f}{t_after / t_before:>14.2f}")

    print("\n2. one hostile Markdown field (md), ms")
    print(f"{'':<28}{'before 1k':>10}{'before 2k':>10}{'growth':>8}{'after 1k':>10}"
          f"{'after 2k':>10}{'growth':>8}{'after 20k':>11}{'20k/2k':>8}")
    for label, unit in HOSTILE.items():
        def text(n: int, unit: str = unit) -> str:
            return (unit * (n // len(unit) + 1))[:n]
        b1, b2 = (cpu(lambda n=n: before["md"](text(n)), 1) for n in (1000, 2000))
        a1, a2, a20 = (cpu(lambda n=n: after["md"](text(n)), args.runs)
                       for n in (1000, 2000, 20000))
        print(f"{label:<28}{b1 * 1e3:>10.1f}{b2 * 1e3:>10.1f}{b2 / b1:>8.1f}{a1 * 1e3:>10.2f}"
              f"{a2 * 1e3:>10.2f}{a2 / a1:>8.1f}{a20 * 1e3:>11.1f}{a20 / a2:>8.1f}")

    print("\n3. a page holding that field at 2,000 characters as a block and in a table cell: "
          "md + Python-Markdown, ms")
    print(f"{'':<28}{'before':>10}{'after':>10}{'after/before':>14}")
    plain = markdown.Markdown(extensions=["tables", "admonition", "toc"])
    for label, unit in HOSTILE.items():
        field = (unit * (2000 // len(unit) + 1))[:2000]

        def page(filters: dict[str, Callable[[str], Any]], field: str = field) -> None:
            plain.reset()
            plain.convert(f"# S\n\n{filters['md'](field)}\n\n| a | b |\n|---|---|\n"
                          f"| {filters['md_inline'](field)} | x |\n")
        b = cpu(functools.partial(page, before), 1)
        a = cpu(functools.partial(page, after), args.runs)
        print(f"{label:<28}{b * 1e3:>10.1f}{a * 1e3:>10.1f}{a / b:>14.3f}")

    checked = check_paths([ROOT / "suppliers"])
    portfolio = derive(checked.suppliers, dt_of("2026-11-23"))
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    extensions = [e if isinstance(e, str) else next(iter(e)) for e in
                  config["markdown_extensions"]]
    converter = markdown.Markdown(extensions=extensions)

    def pages(filters: dict[str, Callable[[str], Any]]) -> None:
        renderer = render.Renderer(portfolio)
        renderer.env.filters.update(md=filters["md"], md_inline=filters["md_inline"],
                                    text=lambda v: Markup(filters["escape_text"](str(v))))
        renderer.env.finalize = lambda v: (
            filters["escape_text"](v) if isinstance(v, str) and not isinstance(v, Markup)
            else markup.finalize(v))
        for d in portfolio.suppliers:
            converter.reset()
            converter.convert(renderer.supplier_page(d))

    p_before, p_after = cpu(lambda: pages(before), args.runs), cpu(lambda: pages(after), args.runs)
    n = len(portfolio.suppliers)
    print(f"\n4. the {n} example supplier pages: render + Python-Markdown "
          f"({', '.join(extensions)})")
    print(f"{'':<28}{'before ms':>12}{'after ms':>12}{'after/before':>14}")
    print(f"{'per page':<28}{p_before / n * 1e3:>12.2f}{p_after / n * 1e3:>12.2f}"
          f"{p_after / p_before:>14.2f}")


def dt_of(text: str) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(text)


if __name__ == "__main__":
    main()
