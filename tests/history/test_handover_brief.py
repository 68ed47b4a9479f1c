"""The handover brief (suppliers/<slug>/handover/): every item the issue lists, read from the
built story site, and the changes since the current owner took over from the git history."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from supplier_handbook.derive.portfolio import Settings, derive_one
from supplier_handbook.history.gitlog import read_history
from supplier_handbook.model.check import check_paths
from supplier_handbook.render.brief import brief
from supplier_handbook.site.search import indexed_entries

from tests.conftest import AS_OF
from tests.history.conftest import Story
from tests.history.gitrepo import page


def test_who_to_call_in_order_and_the_escalation_path(story_site: Path) -> None:
    text = page(story_site, "suppliers/vantor-elektronika/handover").section(
        "Who to call, in this order")
    calls = [line for line in text.splitlines() if "next check-in" in line]
    # soonest check-in first; on the same day the relationship manager before operations
    assert [line.split(",")[0] for line in calls] == [
        "Lucie Novotná", "Martin Král", "Jiří Svoboda", "Petr Dvořák"]
    assert "next check-in 2026-11-26; last contact" in calls[0]
    escalation = page(story_site, "suppliers/vantor-elektronika/handover").section(
        "Escalation path")
    assert "escalate in this order: Lucie Novotná → Petr Dvořák." in " ".join(
        escalation.split())
    assert "On our side: Claudia Reinhardt" in text


def test_what_matters_actions_and_reviews(story_site: Path) -> None:
    brief_page = page(story_site, "suppliers/vantor-elektronika/handover")
    matters = brief_page.table("Contact", "What matters", "How to work with them")
    assert len(matters) == 7
    lucie = next(row for row in matters if row[0].startswith("Lucie Novotná"))
    assert lucie[1] != "—"
    actions = brief_page.table("Id", "Action", "Our owner", "Their owner", "Due", "Status")
    assert [(r[0], r[2], r[3], r[4]) for r in actions] == [
        ("JAP-4", "Lee Chen", "Lucie Novotná", "2026-10-15 overdue"),
        ("JAP-1", "Stefan Wolf", "Martin Král", "2026-10-31 overdue"),
        ("JAP-3", "Nadia Haddad", "Jiří Svoboda", "2026-11-30"),
        ("JAP-6", "Claudia Reinhardt", "Petr Dvořák", "2026-12-10"),
        ("JAP-5", "Stefan Wolf", "Martin Král", "2026-12-15"),
    ]  # JAP-2 is done at c7; done and dropped actions are not on the brief
    reviews = brief_page.table("Period", "Overall", "Strategic dialogue", "Conflict resolution",
                               "Innovation", "Partnership value", "Notes")
    assert [r[0] for r in reviews] == ["2026-Q4", "2026-Q3", "2026-Q2"]


def test_every_handover_note_and_the_unanswered_questions(story_site: Path) -> None:
    brennwald = page(story_site, "suppliers/brennwald-druckguss/handover")
    # the handover that made the current owner is its own section, not an "earlier" one
    latest = brennwald.section("The handover to Jana Horvath")
    notes = brennwald.section("Earlier handover notes")
    assert "2026-03-02: Marco Bellini to Jana Horvath" in latest
    assert "2026-03-02" not in notes
    assert "2024-10-01: Lukas Berger to Marco Bellini" in notes
    assert ("Katrin answers calls, not e-mail" in latest + notes
            and "the trust is new" in latest + notes)
    # it prints on more than one sheet: it does not call itself one page
    assert "One page" not in brennwald.text
    assert "Every culture-check question has an answer." in brennwald.section(
        "Culture-check questions still unanswered")
    huaxin = page(story_site, "suppliers/huaxin-precision/handover")
    unanswered = huaxin.section("Culture-check questions still unanswered")
    assert "Who on your side can stop a shipment" in unanswered
    assert "No handover is recorded" in huaxin.section("Earlier handover notes")


def test_what_changed_since_the_owner_took_over(story_site: Path) -> None:
    vantor = page(story_site, "suppliers/vantor-elektronika/handover")
    rows = vantor.table("Date", "Author", "What changed")
    assert [(r[0], r[1]) for r in rows] == [
        ("2026-11-20", "Ana Alvarez"), ("2026-11-18", "Chloé Dubois"),
        ("2026-09-15", "Chloé Dubois"), ("2026-06-01", "Ana Alvarez")]
    assert rows[0][2].splitlines()[0] == "owner Elif Demir -> Lee Chen"
    assert "warning: owner changed to Lee Chen with no new handover" in rows[0][2]


def test_changes_start_when_the_current_owner_took_over(story: Story) -> None:
    checked = check_paths([story.repo / "suppliers"])
    entry = next(s for s in checked.suppliers if s.slug == "brennwald-druckguss")
    d = derive_one(entry, AS_OF, Settings())
    entries = read_history(story.repo / "suppliers").by_slug["brennwald-druckguss"]
    assert [e.commit.date.date().isoformat() for e in entries] == ["2026-08-20", "2026-06-01"]
    assert len(brief(d, AS_OF, entries, None).changes) == 2  # owner since 2026-03-02
    later = d.supplier.model_copy(update={"owner": d.supplier.owner.model_copy(
        update={"since": dt.date(2026, 7, 1)})})
    b = brief(dataclasses.replace(d, supplier=later), AS_OF, entries, None)
    assert b.owner_since == dt.date(2026, 7, 1)
    assert [e.commit.author for e in b.changes] == ["Ben Brooks"]
    # without owner.since, the newest handover to the current owner tells the date
    unknown = d.supplier.model_copy(update={"owner": d.supplier.owner.model_copy(
        update={"since": None})})
    assert brief(dataclasses.replace(d, supplier=unknown), AS_OF, entries, None).owner_since == \
        dt.date(2026, 3, 2)


def test_owner_and_supplier_pages_link_to_the_brief(story_site: Path) -> None:
    owner = (story_site / "owners" / "jana-horvath" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../suppliers/brennwald-druckguss/handover/"' in owner
    supplier = page(story_site, "suppliers/brennwald-druckguss")
    assert 'href="handover/"' in supplier.html
    assert (story_site / "suppliers" / "brennwald-druckguss" / "handover" / "index.html"
            ).is_file()


def test_the_brief_prints_without_the_site_chrome(story_site: Path) -> None:
    html = (story_site / "suppliers" / "brennwald-druckguss" / "handover" / "index.html"
            ).read_text(encoding="utf-8")
    assert '<span class="hb-brief" hidden></span>' in html
    css = (story_site / "assets" / "handbook.css").read_text(encoding="utf-8")
    assert "@media print" in css and "body:has(.hb-brief) .md-header" in css


def test_the_brief_stays_out_of_search(story_site: Path) -> None:
    """It repeats the supplier page; search results point at the supplier page instead."""
    locations = {d["location"] for d in indexed_entries(story_site)}
    assert "suppliers/brennwald-druckguss/" in locations
    assert not [loc for loc in locations if loc.startswith("suppliers/") and "/handover/" in loc]
