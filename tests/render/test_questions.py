"""The pages that answer questions across suppliers: index columns and order, joint actions,
handovers, ownership history, the agenda page, and search entries per item."""

from __future__ import annotations

import json
import re
from collections.abc import Sized

import pytest
from supplier_handbook.derive.agenda import agenda
from supplier_handbook.derive.anchors import collation_key, supplier_anchors
from supplier_handbook.derive.people import book
from supplier_handbook.derive.portfolio import Settings, derive
from supplier_handbook.model.check import CheckResult
from supplier_handbook.render.listing.rows import review_summary
from supplier_handbook.render.search_items import item_documents
from supplier_handbook.site.search_documents import page_document
from supplier_handbook.site.search_material import IGNORE

from tests.conftest import AS_OF
from tests.derive.builders import (
    OWNER,
    SUPPLIER_EXEC,
    action,
    entry,
    handover,
    pages_of,
    portfolio,
    review,
)


def rows(page: str) -> list[list[str]]:
    """The body rows of the first Markdown table of a page, as cell texts."""
    lines = [line for line in page.splitlines() if line.startswith("| ")]
    return [[c.strip() for c in line.strip("|").split(" | ")] for line in lines[1:]]


def test_index_sorts_by_displayed_name_with_collation() -> None:
    names = {"quimicas-ebro": "Industrias Químicas del Ebro", "hidro": "Hidroeléctrica Sur",
             "abc": "Zeta Works", "elan": "Élan Textiles", "eagle": "Eagle Metals"}
    p = portfolio(*(entry(slug, name=name) for slug, name in names.items()))
    page = pages_of(p)["suppliers/index.md"]
    order = [re.match(r"\[([^\]]+)\]", r[0]).group(1) for r in rows(page)]  # type: ignore[union-attr]
    assert order == ["Eagle Metals", "Élan Textiles", "Hidroeléctrica Sur",
                     "Industrias Químicas del Ebro", "Zeta Works"]
    assert collation_key("Kjølberg") < collation_key("Kjz")


def test_index_columns_escalation_review_and_check_in() -> None:
    contacts = [
        {"name": SUPPLIER_EXEC, "side": "supplier", "level": "executive", "role": "CEO",
         "next_check_in": "2026-12-09"},
        {"name": "Jonas Weber", "side": "supplier", "level": "operational", "role": "Ops",
         "next_check_in": "2026-12-02"},
    ]
    hand = review("2026-Q3", "GGAA", overall="red")
    p = portfolio(
        entry("one", name="One", impact="high", contacts=contacts, health=[hand],
              governance={"model": "collaborative", "escalation": [SUPPLIER_EXEC]}),
        entry("two", name="Two", health=[review("2026-Q2", "GARR", with_supplier=False)]),
        entry("three", name="Three", health=[]),
    )
    page = pages_of(p)["suppliers/index.md"]
    header = [c.strip() for c in page.split("\n| Supplier")[1].split("\n")[0].split("|")][1:-1]
    cells = {r[0].split("]")[0][1:]: dict(zip(["Supplier", *header], r, strict=True))
             for r in rows(page)}
    assert cells["One"]["Escalation path"] == "yes (1)"
    assert cells["Two"]["Escalation path"] == "none"
    assert cells["One"]["Latest review"] == \
        "2026-Q3, red, with the supplier, set by hand (computed: amber)"
    assert cells["Two"]["Latest review"] == "2026-Q2, red, our side only, computed"
    assert cells["Three"]["Latest review"] == "no review"
    assert cells["One"]["Next check-in"] == "2026-12-02 Jonas Weber"
    assert cells["Three"]["Next check-in"] == "—"


def test_review_summary_of_a_hand_set_rating_equal_to_the_computed_one() -> None:
    d = derive([entry(health=[review("2026-Q3", "GGGG", overall="green", with_supplier=None)])],
               AS_OF, Settings()).suppliers[0]
    assert review_summary(d.reviews[-1]) == "2026-Q3, green, our side only, set by hand"


def test_actions_overdue_first_and_filters_declared() -> None:
    p = portfolio(
        entry("a", name="Alpha", actions=[action("A-1", "2026-12-01"),
                                          action("A-2", "2026-11-01", "in-progress"),
                                          action("A-3", "2026-10-01", "done")]),
        entry("b", name="Beta", actions=[action("B-1", "2026-11-20")]),
    )
    page = pages_of(p)["actions.md"]
    assert [(r[2], r[-1]) for r in rows(page)] == [
        ("A-2", "in-progress, overdue"), ("B-1", "open, overdue"), ("A-1", "open")]
    spec = json.loads(re.search(r'data-filters="([^"]*)"', page).group(1)  # type: ignore[union-attr]
                      .replace("&#34;", '"'))
    assert spec[0] == {"label": "Owner (either side)", "columns": ["Our owner", "Their owner"],
                       "choices": []}
    assert "search:\n  exclude: true" in page


def test_handovers_in_date_order_and_ownership_history() -> None:
    p = portfolio(
        entry("a", name="Alpha", owner={"name": "Cleo Now"},
              handovers=[handover("2025-06-01", OWNER, "Bo Between"),
                         handover("2026-01-10", "Bo Between", "Cleo Now")]),
        entry("b", name="Beta", handovers=[handover("2024-03-01", "Ann Early", OWNER)]),
    )
    b = book(p)
    assert [(c.when, c.supplier) for c in b.changes] == [
        ("2024-03-01", "Beta"), ("2025-06-01", "Alpha"), ("2026-01-10", "Alpha")]
    dana = b.people[OWNER]
    assert [(i.supplier, i.next_owner, i.owner_now) for i in dana.intervals] == [
        ("Alpha", "Bo Between", "Cleo Now")]
    assert [c.from_ for c in dana.changes if c.to == OWNER] == ["Ann Early"]
    owner_page = pages_of(p)["owners/dana-okafor.md"]
    section = re.sub(r'<span class="hb-l">[^<]*</span>', "",
                     owner_page.split("## Ownership history")[1])
    assert "| 2025-06-01 | [Alpha](../suppliers/a.md#handover-2025-06-01) | " \
        "[Bo Between](bo-between.md) | [Cleo Now](cleo-now.md) | unknown" not in section
    assert "| 2025-06-01 | [Alpha](../suppliers/a.md#handover-2025-06-01) | " \
        "[Bo Between](bo-between.md) | [Cleo Now](cleo-now.md) | date unknown | written |" \
        in section
    assert "Handover notes Dana Okafor wrote" in section
    assert "Handover notes Dana Okafor received" in section
    page = pages_of(p)["handovers.md"]
    assert [r[0] for r in rows(page)] == ["2024-03-01", "2025-06-01", "2026-01-10"]


def test_agenda_page_lists_missed_first_and_links_the_item(examples: CheckResult) -> None:
    p = derive(examples.suppliers, AS_OF, Settings())
    page = pages_of(p)["agenda.md"]
    headings = re.findall(r"^## (.+)$", page, re.M)
    assert headings[0].startswith("Missed (")
    assert all(h.startswith("Week of ") for h in headings[1:])
    missed = page.split("## ")[1]
    assert "2026-11-18 **missed** | Check-in | [Kjølberg Lim AS](suppliers/kjolberg-lim.md" \
        "#contact-ingrid-kjolberg)" in missed
    items = agenda(p)
    assert page.count("\n| 20") == len(items)  # every item once, as one row


@pytest.mark.parametrize("kind", ["contact", "action", "handover", "review"])
def test_every_item_has_its_own_search_entry_at_an_anchor_of_its_page(
    examples: CheckResult, kind: str
) -> None:
    p = derive(examples.suppliers, AS_OF, Settings())
    pages = pages_of(p)
    for d in p.suppliers:
        docs = [doc for doc in item_documents(d) if f"#{kind}-" in doc["location"]]
        ids = supplier_anchors(d.supplier)
        expected: dict[str, Sized] = {"contact": ids.contacts, "action": ids.actions,
                                      "review": ids.reviews,
                                      "handover": dict.fromkeys(ids.handovers)}
        assert len(docs) == len(expected[kind])
        for doc in docs:
            anchor = doc["location"].split("#")[1]
            assert f'id="{anchor}"' in pages[f"suppliers/{d.slug}.md"], anchor


def test_search_entries_escape_html_and_replace_their_sections() -> None:
    p = portfolio(entry("a", name="A <b>", actions=[action("X-1", "2026-12-01")]))
    d = p.suppliers[0]
    docs = item_documents(d)
    assert all("<b>" not in doc["title"] and "<b>" not in doc["text"] for doc in docs)
    plain = item_documents(d, escape=False)  # the index holds text; the search shows it as such
    assert any(doc["title"] == "X-1: A <b>" for doc in plain)
    assert any("due 2026-12-01" in doc["text"] for doc in plain)
    article = ('<h1 id="a">A</h1><p>intro</p><h2 id="contacts">Contacts</h2>'
               '<h3 id="coverage-map">Map</h3><p>kept</p><h3 id="everyone">Everyone</h3>'
               '<ul><li>Bo Berg</li></ul><h2 id="joint-action-plan">Plan</h2><table>X-1</table>'
               '<h2 id="owner">Owner</h2><h3 id="2026-03-02-bo-to-cleo">2026-03-02</h3>'
               '<p>handed over</p><h2 id="history">History</h2><p>the end</p>')
    html = (f'<html><head><title>A</title></head><body><article class="md-content__inner '
            f'md-typeset">{article}</article></body></html>')
    page = page_document(html, "suppliers/a/")
    assert page is not None and "<article data-pagefind-body>" in page
    for kept in ("intro", "kept", "Owner", "the end"):
        assert kept in page, kept
    for replaced in ("Bo Berg", "X-1", "handed over"):  # each item has its own entry
        assert replaced not in page, replaced
    guide = page_document(html, "guides/x/")
    assert guide is not None and "X-1" in guide  # a guide's own text stays whole
    assert page_document(html.replace("<article class", f"<article {IGNORE} class"),
                         "suppliers/a/") is None
