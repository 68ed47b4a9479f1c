"""The "What changed" page (changes/): the changes of the last ``changes_days`` days before
--as-of, one heading per commit (newest first), one item per supplier with its changes."""

from __future__ import annotations

import re
from pathlib import Path

from tests.history.conftest import C3_SUBJECT, Story
from tests.history.gitrepo import build, page, read_html, set_option

HEADINGS = {
    "c7": "2026-11-20: Vantor: Q4 interim review, JAP-2 done, Lee Chen takes over",
    "c6": "2026-11-18: Vantor: Martin Král left",
    "c5": "2026-10-20: Old Foundry is no longer a supplier",
    "c4": "2026-10-01: Rename Kjølberg to its full slug",
    "c3": f"2026-09-15: {C3_SUBJECT}",
    "c2": "2026-08-20: Brennwald: Jana Horvath takes over",
    "c1": "2026-06-01: Add the suppliers",
}


def commit_headings(site: Path) -> list[str]:
    html = (site / "changes" / "index.html").read_text(encoding="utf-8")
    found = re.findall(r'<h2 id="[^"]*">(.*?)<a class="headerlink"', html)
    return [page_text(h) for h in found]


def page_text(html: str) -> str:
    return read_html(html, whole=True).text


def group(site: Path, heading: str) -> list[str]:
    """The lines of one commit's group: author line, then suppliers and their changes."""
    lines = page(site, "changes").text.split("\n")
    start = lines.index(heading + "¶")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].endswith("¶")), len(lines))
    return lines[start + 1:end]


def test_the_last_90_days_before_as_of_newest_commit_first(story_site: Path) -> None:
    assert commit_headings(story_site) == [HEADINGS[c] for c in ("c7", "c6", "c5", "c4", "c3")]
    text = page(story_site, "changes").text
    assert ("Every change to a supplier file in the 90 days up to 2026-11-23 (since 2026-08-25),"
            in text)


def test_one_group_per_commit_one_item_per_supplier(story: Story, story_site: Path) -> None:
    assert group(story_site, HEADINGS["c3"]) == [
        f"Chloé Dubois · {story.shas['c3'][:7]}",
        "Calder Technical Services B.V.",
        "category MRO catalogue supply -> MRO catalogue supply and shop-floor IT support",
        "Vantor Elektronika s.r.o.",
        "warning: health 2026-Q2 rewritten: conflict_resolution green -> amber, overall green "
        "-> amber; a past review's ratings should stay as agreed",
    ]
    assert group(story_site, HEADINGS["c6"]) == [
        f"Chloé Dubois · {story.shas['c6'][:7]}",
        "Vantor Elektronika s.r.o.",
        "contact Martin Král removed",
        "warning: contact Martin Král was removed but an open action still names them",
    ]
    c7 = group(story_site, HEADINGS["c7"])
    assert c7[:3] == [f"Ana Alvarez · {story.shas['c7'][:7]}", "Vantor Elektronika s.r.o.",
                      "owner Elif Demir -> Lee Chen"]
    assert "action JAP-2: in-progress -> done (2026-11-20)" in c7
    assert "health 2026-Q4 added: red (was amber)" in c7


def test_suppliers_link_to_their_pages_and_changes_nest_under_them(story_site: Path) -> None:
    html = (story_site / "changes" / "index.html").read_text(encoding="utf-8")
    item = re.search(
        r'<li><a href="../suppliers/calder-technical-services/">Calder Technical Services B.V.'
        r"</a>\s*<ul>\s*<li>category MRO catalogue supply -&gt; (.*?)</li>\s*</ul>", html)
    assert item, html[html.index("<article"):][:3000]


def test_a_renamed_supplier_is_listed_under_its_new_page(story_site: Path) -> None:
    assert group(story_site, HEADINGS["c4"])[1:] == ["Kjølberg Lim AS", "renamed from kjolberg"]


def test_a_deleted_supplier_is_no_longer_in_the_handbook(story_site: Path) -> None:
    assert group(story_site, HEADINGS["c5"])[1:] == [
        "old-foundry (no longer in the handbook)", "removed"]


def test_changes_days_is_configurable(story_clone: Path, tmp_path: Path) -> None:
    """95 days before 2026-11-23 is 2026-08-20, the day of c2: the window includes it."""
    set_option(story_clone / "mkdocs.yml", "changes_days", "95")
    build(story_clone, tmp_path / "site")
    assert commit_headings(tmp_path / "site") == [
        HEADINGS[c] for c in ("c7", "c6", "c5", "c4", "c3", "c2")]
    assert "in the 95 days up to 2026-11-23 (since 2026-08-20)" in page(
        tmp_path / "site", "changes").text


def test_an_empty_window_says_so(story_clone: Path, tmp_path: Path) -> None:
    set_option(story_clone / "mkdocs.yml", "changes_days", "2")
    build(story_clone, tmp_path / "site")
    assert commit_headings(tmp_path / "site") == []
    assert "No supplier file changed in these 2 days." in page(tmp_path / "site", "changes").text


def test_commits_after_as_of_are_not_in_the_days_up_to_as_of(story: Story, tmp_path: Path) -> None:
    """The page says "in the 90 days up to AS_OF": a commit dated after --as-of is not one of
    them (a snapshot built as of 2026-11-19 must not list c7 of 2026-11-20)."""
    build(story.repo, tmp_path / "site", "--as-of", "2026-11-19")
    text = page(tmp_path / "site", "changes").text
    assert "in the 90 days up to 2026-11-19" in text
    assert commit_headings(tmp_path / "site") == [
        HEADINGS[c] for c in ("c6", "c5", "c4", "c3")]
