"""The markup helpers every page of ``render`` shares (a leaf of ``render``): plain text made
inert, Markdown fields as sanitised HTML, badges, links, anchors and owner slugs. The
listings, the dashboard and the ``Renderer``'s template filters all take them from here.

Escaping is the default, not a habit: every ``{{ value }}`` of plain text goes through the
environment's ``finalize`` (``finalize`` here), which writes it inert (``textfmt.plain_html``:
no character Markdown or HTML could read). Fields that the spec allows to hold Markdown go
through ``md`` (blocks) or ``md_inline`` (table cells, list items).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from supplier_handbook.derive import positions
from supplier_handbook.derive.naming import person_addresses
from supplier_handbook.derive.portfolio import Derived
from supplier_handbook.render.textfmt import (
    markdown_html,
    markdown_inline_html,
    plain_html,
    title_text,
)


def escape_text(value: str) -> str:
    """Plain text: shown exactly as written, never as HTML or Markdown (see ``textfmt``)."""
    return plain_html(value)


def md(value: str) -> Markup:
    """A Markdown text field as a block: paragraphs, emphasis, code, lists and links, as
    sanitised raw HTML that Python-Markdown and its extensions leave alone."""
    return Markup('<div class="hb-text">{0}</div>').format(Markup(markdown_html(value)))


def md_inline(value: str) -> Markup:
    """A Markdown text field inside a line of the page (a table cell, a list item): the same
    safe HTML, on one line, without a paragraph around a single paragraph."""
    return Markup(markdown_inline_html(value))


def page_title(value: str) -> Markup:
    """Front-matter ``title:`` for a page named after user text. MkDocs and Material put the
    page title into ``<title>`` without escaping; given here already escaped, it shows as
    written and cannot close the element."""
    return Markup(json.dumps(title_text(value, quote=False), ensure_ascii=False))


def finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escape_text(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return "—"
    return value


def owner_slugs(names: Iterable[str]) -> dict[str, str]:
    """The address of every person (``naming.person_addresses``: it depends on the name
    only, never on who else is in the handbook)."""
    return person_addresses(names)


@functools.lru_cache(maxsize=256)  # a few values, on every row
def rag(value: str | None) -> Markup:
    """A health rating as a coloured badge (values are the validated enum only)."""
    if value is None:
        return Markup("no review")
    return Markup('<span class="hb-rag hb-{0}">{0}</span>').format(value)


@functools.lru_cache(maxsize=256)  # a few values, on every row
def position(value: str) -> Markup:
    """A portfolio position as its title (the id stays in the class and the export)."""
    return Markup('<span class="hb-pos hb-pos-{0}">{1}</span>').format(
        value, positions.title(value))


def supplier_link(d: Derived, prefix: str = "") -> Markup:
    """A Markdown link to a supplier page, from a page ``prefix`` levels away."""
    return Markup(f"[{escape_text(d.supplier.name)}]({prefix}suppliers/{d.slug}.md)")


@functools.lru_cache(maxsize=256)  # a few values, on every row
def cell_label(text: str) -> Markup:
    """A table cell's column name, shown only where the table is stacked as cards (phones)."""
    return Markup('<span class="hb-l">{0}: </span>').format(text)


def anchor(anchor_id: str, element: str = "span") -> Markup:
    """An empty element carrying an item's anchor id (ids come from ``anchors``: letters,
    digits and hyphens only)."""
    return Markup('<{0} class="hb-anchor" id="{1}"></{0}>').format(Markup(element), anchor_id)
