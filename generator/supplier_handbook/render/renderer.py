"""Render the derived portfolio into Markdown pages and ``api/suppliers.json``.

Pure: returns ``{relative path: text}``; knows nothing of MkDocs. Templates live in
``generator/supplier_handbook/templates`` and open with a comment naming their context.
The markup helpers (escaping, ``md``, badges, links) live in ``markup``; what serve keeps
between rebuilds (``PageMemo``, ``Keep``) in ``memo``: both are leaves that the listings and
the dashboard import too, so nothing in ``render`` imports this module back.

Escaping is the default, not a habit: every ``{{ value }}`` of plain text goes through the
environment's ``finalize``, which writes it inert (``textfmt.plain_html``: no character
Markdown or HTML could read). Fields that the spec allows to hold Markdown go through ``md``
(blocks) or ``md_inline`` (table cells, list items): ``textfmt`` renders them with a
restricted CommonMark parser, sanitises the HTML with an allowlist, and writes it inert too,
so every builder and every Markdown extension sees the same safe HTML.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from supplier_handbook.base.wording import nested, plural
from supplier_handbook.derive import people
from supplier_handbook.derive.people import Book, OwnerChange, Person
from supplier_handbook.derive.portfolio import Derived, Portfolio, Settings
from supplier_handbook.history.gitlog import History
from supplier_handbook.history.staleness import STALE_DAYS, last_changes, oldest
from supplier_handbook.render import dashboard
from supplier_handbook.render.audience import for_supplier
from supplier_handbook.render.brief import brief
from supplier_handbook.render.contact import email_link, phone_link
from supplier_handbook.render.listing import pages as listing_pages
from supplier_handbook.render.markup import (
    anchor,
    cell_label,
    escape_text,
    finalize,
    md,
    md_inline,
    page_title,
    position,
    rag,
    supplier_link,
)
from supplier_handbook.render.memo import EXPORT, LISTING_PAGE, OWNER_PAGE, Keep, PageMemo, fresh
from supplier_handbook.render.paging import Paged, Part
from supplier_handbook.render.pictures import distribution, supplier_heatmap
from supplier_handbook.render.textfmt import links_from
from supplier_handbook.render.views.common import Neighbours, all_neighbours, neighbour_key
from supplier_handbook.render.views.history import changes_page
from supplier_handbook.render.views.owner import Extra, extras, owner_page
from supplier_handbook.render.views.owner_pages import owner_pages
from supplier_handbook.render.views.supplier import shared_page, supplier_page

__all__ = ["Renderer", "export_json", "export_record", "make_env"]


def make_env() -> Environment:
    env = Environment(
        loader=PackageLoader("supplier_handbook", "templates"),
        undefined=StrictUndefined,
        autoescape=False,
        finalize=finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=md, md_inline=md_inline, page_title=page_title, nested=nested,
                       text=lambda v: Markup(escape_text(str(v))))
    env.globals.update(
        raw=Markup,
        rag=rag,
        position=position,
        supplier_link=supplier_link,
        L=cell_label,
        plural=plural,
        anchor=anchor,
        tel=phone_link,
        mailto=email_link,
    )
    return env


@functools.cache
def shared_env() -> Environment:
    """One environment for every renderer of this process: under ``mkdocs serve`` each
    rebuild makes a new ``Renderer``, and compiling the templates again took longer than
    rendering the pages a save changed. (Jinja still reloads a template edited on disk.)"""
    return make_env()


def export_record(d: Derived) -> dict[str, Any]:
    """One supplier in ``api/suppliers.json`` (the spec's keys, plus a few more)."""
    s = d.supplier
    return {
        "slug": d.slug,
        "name": s.name,
        "category": s.category,
        "status": s.status,
        "url": f"suppliers/{d.slug}/",
        "impact": s.impact.level,
        "sole_source": s.impact.sole_source,
        "model": s.governance.model,
        "owner": s.owner.name,
        "health": d.health,
        "position": d.position,
        "governance_fit": d.fit,
        "flags": d.flag_ids,
        "open_actions": len(d.open_actions),
        "overdue_actions": len(d.overdue_actions),
        "next_check_in": d.next_check_in.isoformat() if d.next_check_in else None,
    }


_NOT_READ = object()  # no history was read: the records have no ``last_changed``


def _record_text(d: Derived, last_changed: object) -> str:
    """One record as ``json.dumps(..., indent=2)`` writes it inside the list of suppliers."""
    record = export_record(d)
    if last_changed is not _NOT_READ:
        record["last_changed"] = last_changed.isoformat() if isinstance(
            last_changed, dt.date) else None
    return "    " + json.dumps(record, indent=2, ensure_ascii=False).replace("\n", "\n    ")


def export_json(portfolio: Portfolio, last_changed: Mapping[str, dt.date] | None = None,
                keep: Keep | None = None) -> str:
    """The data export; with git history, each supplier also has ``last_changed`` (the date
    its file was last committed, or null when it never was). The text is that of
    ``json.dumps(data, indent=2)``, made record by record, so that ``keep`` (the memo of
    ``mkdocs serve``) can keep the records of the suppliers that did not change."""
    records = []
    for d in portfolio.suppliers:
        changed = _NOT_READ if last_changed is None else last_changed.get(d.slug)
        make = functools.partial(_record_text, d, changed)
        records.append((keep or fresh)(EXPORT, (d, changed), make))
    suppliers = "[\n" + ",\n".join(records) + "\n  ]" if records else "[]"
    return (f'{{\n  "as_of": {json.dumps(portfolio.as_of.isoformat())},\n'
            f'  "suppliers": {suppliers}\n}}\n')


class Renderer:
    """Renders pages one at a time, so a caller can re-render only what changed."""

    def __init__(self, portfolio: Portfolio, history: History | None = None,
                 changes_days: int = 90, settings: Settings | None = None,
                 stale_days: int = STALE_DAYS, directory_urls: bool = True,
                 memo: PageMemo | None = None, book: Book | None = None) -> None:
        self.portfolio = portfolio
        if book is not None and book.portfolio is not portfolio:
            raise ValueError("the renderer's book is not the book of its portfolio")
        # the one derived book of the run (``people.book``), which every view selects from:
        # the pipeline derives it once and gives it to the renderer and the calendar feeds
        self.book = book if book is not None else people.book(portfolio)
        self.memo = memo  # pages kept across the rebuilds of ``mkdocs serve``
        self.stale_days = stale_days
        self.directory_urls = directory_urls  # MkDocs' use_directory_urls, for text links
        if settings is not None and settings != portfolio.settings:
            raise ValueError("the renderer's settings differ from the portfolio's")
        self.settings = portfolio.settings  # required by the portfolio: never a default
        self.history = history or History(False, "No history was read for this build.")
        self.changes_days = changes_days
        self.env = shared_env()
        self.last_changes = last_changes(self.history, (d.slug for d in portfolio.suppliers),
                                         portfolio.as_of, stale_days)

    @functools.cached_property
    def owners(self) -> dict[str, str]:
        """{person's name: address} of every person on our side."""
        return self.book.addresses

    def _render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(
            as_of=self.portfolio.as_of, owners=self.owners, history=self.history, **context
        )

    def _page(self, path: str, make: Callable[[], str]) -> str:
        """One page, with the relative links of its text resolved from ``path``."""
        with links_from(path, self.directory_urls):
            return make()

    def supplier_page(self, d: Derived) -> str:
        return self._page(f"suppliers/{d.slug}.md", lambda: self._render(
            "supplier.md.j2", p=supplier_page(
                d, self.portfolio, owner_slug=self.owners[d.supplier.owner.name],
                entries=self.history.by_slug.get(d.slug, []), heatmap=supplier_heatmap(d),
                last_change=self.last_changes.get(d.slug), stale_days=self.stale_days,
                history_note=self.history.note, history_available=self.history.available,
                intervals=self.book.intervals[d.slug], feed=self.book.supplier_feed(d.slug),
                addresses=self.owners, near=self.near[d.slug])))

    @functools.cached_property
    def near(self) -> dict[str, Neighbours]:
        """Each supplier's previous and next (``views.common.all_neighbours``)."""
        return all_neighbours(self.portfolio)

    @functools.cached_property
    def addresses_key(self) -> str:
        """Every person's address, as one short text: a kept supplier page or brief is made
        again when an address it may link to moved."""
        text = "\n".join(f"{name}\t{slug}" for name, slug in sorted(self.owners.items()))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def near_key(self, d: Derived) -> tuple[str, ...]:
        """What the supplier page of ``d`` shows of other suppliers (its neighbours): a
        kept page is made again when it changes."""
        return neighbour_key(self.near[d.slug])

    def handover_page(self, d: Derived) -> str:
        """The printable handover brief, ``suppliers/<slug>/handover.md``."""
        entries = self.history.by_slug.get(d.slug, [])
        return self._page(f"suppliers/{d.slug}/handover.md", lambda: self._render(
            "handover.md.j2", b=brief(d, self.portfolio.as_of, entries,
                                      self.book.unrecorded.get(d.slug))))

    def shared_supplier_page(self, d: Derived) -> str:
        """The page safe to share with the supplier itself (the one page, ``index.md``, of
        its own site): shared fields only."""
        return self._page("index.md", lambda: self._render(
            "supplier_shared.md.j2", p=shared_page(for_supplier(d.supplier))))

    def changes_page(self) -> str:
        p = self.portfolio
        return self._render("changes.md.j2", p=changes_page(self.history, p.suppliers, p.as_of,
                                                            self.changes_days))

    def shared_pages(self) -> dict[str, str]:
        """Every page that lists suppliers (all but the suppliers' own pages)."""
        p = self.portfolio
        attention = dashboard.attention_items(p, self.owners, self.keep)
        position_pages, by_position = dashboard.positions(p, self.owners, self.keep)
        makers: dict[str, Callable[[], str]] = {
            "index.md": lambda: self._render(
                "dashboard.md.j2", dist=distribution(p),
                stale_days=self.stale_days,
                view=dashboard.dashboard_view(p, attention, by_position,
                                              oldest(self.last_changes), self.history.note)),
            "changes.md": self.changes_page,
            "api/suppliers.json": lambda: export_json(
                p, {c.slug: c.date for c in self.last_changes.values()}
                if self.history.available else None, self.keep),
            **self.question_pages(),
            **self._pages(dashboard.attention_pages(attention)),
            **self._pages(position_pages),
        }
        pages = {path: self._page(path, make) for path, make in makers.items()}
        b = self.book
        by_slug = {d.slug: d for d in p.suppliers}
        unrecorded = b.unrecorded
        for name, person in b.people.items():
            path = f"owners/{self.owners[name]}.md"
            suppliers = [by_slug[slug] for slug in person.owns]
            make: Callable[[], str] = functools.partial(
                self._owner_parts, path, person, suppliers, by_slug, unrecorded)
            if self.memo is not None:  # rendered again only when one of its inputs changed
                make = self.memo.page(OWNER_PAGE, (
                    path, p.as_of, self.history, self.owners, self.stale_days,
                    self.directory_urls, person,
                    tuple(unrecorded.get(d.slug) for d in suppliers), tuple(suppliers)), make)
            pages.update(json.loads(make()))
        return pages

    def _owner_parts(self, path: str, person: Person, suppliers: list[Derived],
                     by_slug: Mapping[str, Derived], unrecorded: Mapping[str, OwnerChange]
                     ) -> str:
        """A person's page in as many parts as it needs (``owner_pages``), as the JSON of
        ``{path: text}`` (so that the memo keeps all parts as one text)."""
        return json.dumps(owner_pages(path, suppliers, functools.partial(extras, person),
                                      functools.partial(self._owner_part, person, by_slug,
                                                        unrecorded)), ensure_ascii=False)

    def _owner_part(self, person: Person, by_slug: Mapping[str, Derived],
                    unrecorded: Mapping[str, OwnerChange], path: str,
                    paged: Paged[Derived | Extra], part: Part[Derived | Extra]) -> str:
        """One part of a person's page: the part's suppliers and their dates; their other
        work and their ownership history on the part (or parts) after them."""
        context = listing_pages.part_context(paged, part)
        owned = [x for x in part.items if isinstance(x, Derived)]
        extra = next((x for x in part.items if isinstance(x, Extra)), None)
        view = owner_page(person, owned, extra, self.portfolio.as_of, self.owners, by_slug,
                          unrecorded, context["title_suffix"])
        return self._page(path, lambda: self._render("owner.md.j2", p=view, **context))

    def question_pages(self) -> dict[str, Callable[[], str]]:
        """The pages that answer questions across suppliers, each cut into parts of a
        bounded size (``listing_pages``), each part as a function that renders it."""
        p, keep = self.portfolio, self.keep
        return self._pages(listing_pages.all_pages(p, self.owners, self.book, keep))

    @property
    def keep(self) -> Keep:
        """Rows kept across the rebuilds of ``mkdocs serve`` (made afresh without a memo)."""
        return self.memo.value if self.memo is not None else fresh

    def _pages(self, pages: Mapping[str, listing_pages.Page]) -> dict[str, Callable[[], str]]:
        """Each page as the function that renders it; with a memo, a page whose template
        and context equal the last rebuild's is not rendered again."""
        made: dict[str, Callable[[], str]] = {}
        for path, page in pages.items():
            make: Callable[[], str] = functools.partial(self._render, page.template,
                                                        **page.context)
            if self.memo is not None:
                make = self.memo.page(LISTING_PAGE, (
                    path, page.template, page.context, self.portfolio.as_of, self.history,
                    self.owners, self.directory_urls), make)
            made[path] = make
        return made

