"""Templates lay out; Python computes.

Every template of the package is parsed with Jinja's own parser and its syntax tree searched
for what computes: sorting, grouping, counting and other data filters, arithmetic, ``~``
concatenation, comparisons, ``and``/``or``, inline ``x if c else y``, slices, literal lists
built in the template, loop filters and calls of anything but the layout helpers. Rows,
cells, pairs, counts and pictures come from the view models (``views``, ``views_*``,
``pictures``, ``brief``, ``listing``). No template line is over 120 characters: a table row
is written over several lines with whitespace control.

A construct that must stay is allowed per template below, with the reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from jinja2 import nodes
from supplier_handbook.render.renderer import make_env

TEMPLATES = Path(__file__).resolve().parents[2] / "generator/supplier_handbook/templates"
MAX_LINE = 120

# Filters that only format one value for the page (escaping, Markdown, titles).
LAYOUT_FILTERS = {"md", "md_inline", "page_title", "text", "safe", "nested"}
# Functions that turn one value into its markup (a badge, a link, an anchor, a label).
LAYOUT_CALLS = {"raw", "rag", "position", "supplier_link", "L", "anchor", "tel", "mailto"}
COMPUTING: dict[type[nodes.Node], str] = {
    nodes.Add: "arithmetic +", nodes.Sub: "arithmetic -", nodes.Mul: "arithmetic *",
    nodes.Div: "arithmetic /", nodes.FloorDiv: "arithmetic //", nodes.Mod: "arithmetic %",
    nodes.Pow: "arithmetic **", nodes.Neg: "arithmetic unary -",
    nodes.Concat: "concatenation ~", nodes.Compare: "comparison", nodes.And: "and",
    nodes.Or: "or", nodes.CondExpr: "inline if/else", nodes.Slice: "slice",
    nodes.List: "list built in the template", nodes.Dict: "dict built in the template",
    nodes.Test: "test (is ...)",
}

# The listing pages (the dashboard, the suppliers index, the actions, the agenda, the
# culture check, the handovers, the owners index, the attention list and the suppliers by
# position) take their rows and parts from ``listing``, ``listing_pages`` and ``dashboard``;
# what their templates still compute is listed here, so that nothing new is added unseen.
TITLE = "a listing part's title: the page title and the part suffix"
ROW = "a listing row: its cells, built in Python, joined by the table separator"
# Constructs a template may keep: {template: {construct: reason}}.
ALLOWED: dict[str, dict[str, str]] = {
    **{name: {"concatenation ~": TITLE, "filter join": ROW} for name in (
        "actions.md.j2", "agenda.md.j2", "handovers.md.j2", "positions.md.j2",
        "suppliers_index.md.j2")},
    **{name: {"concatenation ~": TITLE} for name in (
        "attention.md.j2", "culture_check.md.j2", "owners_index.md.j2")},
}
# Templates whose lines may be long: {template: reason} (none).
LONG_LINES_ALLOWED: dict[str, str] = {}


def _walk(node: nodes.Node, macros: set[str]) -> Iterator[tuple[int, str]]:
    for child in node.iter_child_nodes():
        yield from _check(child, macros)


def _check(node: nodes.Node, macros: set[str]) -> Iterator[tuple[int, str]]:
    line = node.lineno
    if isinstance(node, nodes.FilterBlock):  # {% filter name %}: its name is the filter's
        if node.filter.name not in LAYOUT_FILTERS:
            yield line, f"filter {node.filter.name}"
    elif isinstance(node, nodes.Filter) and node.name not in LAYOUT_FILTERS:
        yield line, f"filter {node.name}"
    elif isinstance(node, nodes.Call):
        callee = node.node
        name = callee.name if isinstance(callee, nodes.Name) else None
        if name not in LAYOUT_CALLS | macros | {"caller"}:
            yield line, "call of " + (name or type(callee).__name__.lower())
    elif isinstance(node, nodes.Tuple) and node.ctx == "load":
        yield line, "tuple built in the template"
    elif isinstance(node, nodes.For) and node.test is not None:
        yield line, "loop filter (for ... if)"
    else:
        for kind, what in COMPUTING.items():
            if isinstance(node, kind):
                yield line, what
                break
    yield from _walk(node, macros)


def constructs(source: str) -> list[tuple[int, str]]:
    """Every computing construct of a template, as (line, what)."""
    tree = make_env().parse(source)
    macros = {m.name for m in tree.find_all(nodes.Macro)}
    return sorted(_walk(tree, macros))


def long_lines(source: str) -> list[int]:
    return [n for n, text in enumerate(source.splitlines(), 1) if len(text) > MAX_LINE]


NAMES = sorted(p.name for p in TEMPLATES.glob("*.j2"))


def test_every_template_is_checked() -> None:
    assert len(NAMES) >= 14
    assert set(ALLOWED) | set(LONG_LINES_ALLOWED) <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_template_only_lays_out(name: str) -> None:
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    allowed = ALLOWED.get(name, {})
    found = [f"{name}:{line}: {what}" for line, what in constructs(source)
             if what not in allowed]
    assert found == []


@pytest.mark.parametrize("name", NAMES)
def test_template_lines_are_short(name: str) -> None:
    if name in LONG_LINES_ALLOWED:
        pytest.skip(LONG_LINES_ALLOWED[name])
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    assert long_lines(source) == []


@pytest.mark.parametrize("name", NAMES)
def test_template_opens_with_its_context(name: str) -> None:
    source = (TEMPLATES / name).read_text(encoding="utf-8")
    assert source.startswith("{# context: ")


@pytest.mark.parametrize(("source", "what"), [
    ("{{ xs | sort }}", "filter sort"),
    ("{{ xs | groupby('a') }}", "filter groupby"),
    ("{{ xs | map(attribute='a') | sum }}", "filter sum"),
    ("{{ n + 1 }}", "arithmetic +"),
    ("{{ w / 2 }}", "arithmetic /"),
    ("{{ '<rect x=\"' ~ x ~ '\"/>' }}", "concatenation ~"),
    ("{% if a and b %}x{% endif %}", "and"),
    ("{% if a == 'b' %}x{% endif %}", "comparison"),
    ("{{ 'a' if c else 'b' }}", "inline if/else"),
    ("{{ sha[:7] }}", "slice"),
    ("{% for x in xs if x.ok %}{{ x }}{% endfor %}", "loop filter (for ... if)"),
    ("{{ e.commit.date.date() }}", "call of getattr"),
    ("{{ computed_overall(r) }}", "call of computed_overall"),
])
def test_the_check_finds_computing(source: str, what: str) -> None:
    assert what in [w for _, w in constructs(source)]


def test_the_check_passes_layout() -> None:
    source = ("{% macro m(p) %}{{ p.name }}{% endmacro %}{% for r in rows %}"
              "{{ L('Id') }}{{ rag(r.health) }}{{ r.text | md_inline }}{{ m(r) }}"
              "{% if not loop.last %}<br>{% endif %}{% endfor %}")
    assert constructs(source) == []
