"""The History section and the "Last updated" row of the built supplier pages, from a real
git repository (the story of conftest.py), outside git, and in a shallow clone."""

from __future__ import annotations

from pathlib import Path

import pytest
from supplier_handbook.history.gitlog import read_history

from tests.conftest import ROOT, copy_demo
from tests.history.conftest import C3_SUBJECT, Story
from tests.history.gitrepo import (
    ANA,
    build,
    commit,
    git,
    init_handbook,
    page,
    replace,
)

HISTORY = ("Date", "Author", "Commit", "What changed")
NOT_GIT = "No history: the handbook was not built from a git checkout."
SHALLOW = "History may be incomplete: this is a shallow clone"


def history_rows(site: Path, slug: str) -> list[list[str]]:
    return page(site, f"suppliers/{slug}").table(*HISTORY)


def test_every_commit_that_touched_the_file_newest_first(story: Story, story_site: Path) -> None:
    rows = history_rows(story_site, "vantor-elektronika")
    sha = {tag: s[:7] for tag, s in story.shas.items()}
    assert [row[:3] for row in rows] == [
        ["2026-11-20", "Ana Alvarez",
         f"Vantor: Q4 interim review, JAP-2 done, Lee Chen takes over ({sha['c7']})"],
        ["2026-11-18", "Chloé Dubois", f"Vantor: Martin Král left ({sha['c6']})"],
        ["2026-09-15", "Chloé Dubois", f"{C3_SUBJECT} ({sha['c3']})"],
        ["2026-06-01", "Ana Alvarez", f"Add the suppliers ({sha['c1']})"],
    ]


def test_what_each_commit_changed_in_words_with_warnings(story_site: Path) -> None:
    what = [row[3].split("\n") for row in history_rows(story_site, "vantor-elektronika")]
    c7, c6, c3, c1 = what
    assert c7[:2] == [
        "owner Elif Demir -> Lee Chen",
        "warning: owner changed to Lee Chen with no new handover: add one with the notes the "
        "next owner needs",
    ]
    for line in ["contact Martin Král added (supplier, operational, Planning lead)",
                 "action JAP-2: in-progress -> done (2026-11-20)",
                 "health 2026-Q4 added: red (was amber)"]:
        assert line in c7
    assert c6 == ["contact Martin Král removed",
                  "warning: contact Martin Král was removed but an open action still names them"]
    assert c3 == ["warning: health 2026-Q2 rewritten: conflict_resolution green -> amber, "
                  "overall green -> amber; a past review's ratings should stay as agreed"]
    assert c1 == ["added"]


def test_warnings_are_emphasised_on_the_page(story_site: Path) -> None:
    html = page(story_site, "suppliers/vantor-elektronika").html
    assert "<strong>warning:</strong> contact Martin Král was removed" in html


def test_owner_change_with_a_handover_is_not_a_warning(story_site: Path) -> None:
    rows = history_rows(story_site, "brennwald-druckguss")
    assert [row[0] for row in rows] == ["2026-08-20", "2026-06-01"]
    assert rows[0][3].split("\n") == ["owner Marco Bellini -> Jana Horvath",
                                      "handover 2026-03-02 added: Marco Bellini -> Jana Horvath"]


def test_last_updated_is_the_newest_commit_of_the_file(story_site: Path) -> None:
    expected = {
        "vantor-elektronika": "2026-11-20 by Ana Alvarez",
        "brennwald-druckguss": "2026-08-20 by Ben Brooks",
        "calder-technical-services": "2026-09-15 by Chloé Dubois",
        "kjolberg-lim": "2026-10-01 by Ana Alvarez",
        "cartonnages-morvan": "2026-06-01 by Ana Alvarez",
    }
    shown = {slug: page(story_site, f"suppliers/{slug}").row("Last updated") for slug in expected}
    assert shown == expected


def test_last_updated_is_at_the_top_of_the_page(story_site: Path) -> None:
    text = page(story_site, "suppliers/vantor-elektronika").text
    assert text.index("Last updated") < text.index("What needs attention") < text.index(
        "History")


def test_history_follows_a_rename(story: Story, story_site: Path) -> None:
    rows = history_rows(story_site, "kjolberg-lim")
    assert [(row[0], row[3]) for row in rows] == [
        ("2026-10-01", "renamed from kjolberg"), ("2026-06-01", "added")]
    assert not (story_site / "suppliers" / "kjolberg").exists()


def test_rename_with_an_edit_in_the_same_commit(story_clone: Path, tmp_path: Path) -> None:
    s = story_clone / "suppliers"
    git(story_clone, "mv", "suppliers/huaxin-precision.yaml", "suppliers/huaxin.yaml")
    replace(s / "huaxin.yaml", "\nstatus: onboarding\n", "\nstatus: active\n")
    commit(story_clone, "Huaxin: shorter slug, active", ANA, "2026-11-21T09:00:00+01:00")
    entries = read_history(s).by_slug
    assert "huaxin-precision" not in entries
    words = [[c.text for c in e.changes] for e in entries["huaxin"]]
    assert words == [["renamed from huaxin-precision", "status onboarding -> active"],
                     ["added"]]


def test_commit_subject_is_text_not_markup(story_site: Path) -> None:
    calder = page(story_site, "suppliers/calder-technical-services")
    assert calder.table(*HISTORY)[0][2].startswith(C3_SUBJECT)
    history_html = calder.html[calder.html.index('id="history"'):]
    assert "<b>bold</b>" not in history_html  # shown as text (the table cell above), no tag
    assert 'href="x"' not in history_html


def test_a_deleted_supplier_has_no_page(story_site: Path) -> None:
    assert not (story_site / "suppliers" / "old-foundry").exists()


def test_outside_a_git_checkout_the_page_says_so(tmp_path: Path) -> None:
    handbook = copy_demo(tmp_path / "handbook")
    # even when tmp_path lies inside some repository, git must not look above the handbook
    build(handbook, tmp_path / "site", env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    vantor = page(tmp_path / "site", "suppliers/vantor-elektronika")
    assert vantor.section("History") == NOT_GIT
    assert vantor.row("Last updated") == "—"
    changes = page(tmp_path / "site", "changes").text
    assert NOT_GIT in changes
    assert "No supplier file changed in these 90 days." in changes


def test_in_a_shallow_clone_the_page_says_so(story: Story, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{story.repo}", str(shallow))
    assert git(shallow, "rev-parse", "--is-shallow-repository").strip() == "true"
    build(shallow, tmp_path / "site")
    vantor = page(tmp_path / "site", "suppliers/vantor-elektronika")
    assert vantor.section("History").startswith(
        f"{SHALLOW} (run `git fetch --unshallow` before building).")
    assert SHALLOW in page(tmp_path / "site", "changes").text


def test_shallow_clone_does_not_credit_the_boundary_commit_with_other_files(
    story: Story, tmp_path: Path
) -> None:
    """c7 touched only Vantor. In a depth-1 clone, git shows every file of c7 as added;
    the handbook must not turn that into "Brennwald last updated 2026-11-20 by Ana"."""
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{story.repo}", str(shallow))
    build(shallow, tmp_path / "site")
    brennwald = page(tmp_path / "site", "suppliers/brennwald-druckguss")
    assert brennwald.row("Last updated") != "2026-11-20 by Ana Alvarez", brennwald.section(
        "History")
    changes = page(tmp_path / "site", "changes")
    assert "Brennwald Druckguss GmbH" not in changes.text, changes.text


def test_no_commit_yet(tmp_path: Path) -> None:
    repo = init_handbook(tmp_path / "handbook")
    history = read_history(repo / "suppliers")
    assert (history.available, history.note, history.by_slug) == (
        True, "No commit has touched the supplier files yet.", {})


def test_handbook_in_a_subfolder_of_a_larger_repository(tmp_path: Path) -> None:
    repo = tmp_path / "monorepo"
    copy_demo(repo / "procurement" / "handbook")
    (repo / "README.md").write_text("other things\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "Add the handbook", ANA, "2026-06-01T10:00:00+02:00")
    history = read_history(repo / "procurement" / "handbook" / "suppliers")
    assert history.available and history.note is None
    assert sorted(history.by_slug) == sorted(
        p.stem for p in (ROOT / "suppliers").glob("*.yaml"))
    assert history.last_updated("vantor-elektronika") is not None


def test_git_missing_is_no_history_not_a_failure(
    story: Story, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty folder: no git on the PATH
    history = read_history(story.repo / "suppliers")
    assert (history.available, history.by_slug) == (False, {})
