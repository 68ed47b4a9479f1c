"""Published versions: two editions deployed with mike to a local bare repository; each
version's pages show what that version's supplier files held."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.history.gitrepo import git, page
from tests.history.publish import OWNERS, extract_gh_pages, publish_two_versions, versions

pytestmark = pytest.mark.slow  # publishes two versions with mike

VANTOR_PAGE = "suppliers/vantor-elektronika"


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return publish_two_versions(tmp_path_factory.mktemp("mike"))


@pytest.fixture(scope="module")
def pages(remote: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return extract_gh_pages(remote, tmp_path_factory.mktemp("gh-pages"))


def test_versions_json_lists_both_versions(remote: Path) -> None:
    assert versions(remote) == [
        {"version": "2026-Q4", "title": "2026-Q4", "aliases": ["latest"]},
        {"version": "2026-Q3", "title": "2026-Q3", "aliases": []},
    ]


def test_gh_pages_holds_both_versions_and_the_default(remote: Path, pages: Path) -> None:
    assert {p.name for p in pages.iterdir()} >= {"2026-Q3", "2026-Q4", "latest", "index.html",
                                                 "versions.json"}
    assert 'window.location.replace(\n      "latest/"' in (pages / "index.html").read_text(
        encoding="utf-8")
    log = git(remote, "log", "--format=%s", "gh-pages").splitlines()
    assert len(log) == 3, log  # deploy, deploy, set-default: one commit each


@pytest.mark.parametrize("version", sorted(OWNERS))
def test_each_version_shows_its_own_owner(pages: Path, version: str) -> None:
    vantor = page(pages / version, VANTOR_PAGE)
    assert vantor.row("Owner").startswith(f"{OWNERS[version]} since 2025-06-01")
    other = next(owner for v, owner in OWNERS.items() if v != version)
    before_history = vantor.text[:vantor.text.index("\nHistory")]
    assert other not in before_history
    assert OWNERS[version] in before_history


def test_latest_is_the_2026_q4_edition(pages: Path) -> None:
    assert page(pages / "latest", VANTOR_PAGE).row("Owner").startswith("Lee Chen")


def test_each_version_shows_the_history_of_its_commit(pages: Path) -> None:
    header = ("Date", "Author", "Commit", "What changed")
    q3 = page(pages / "2026-Q3", VANTOR_PAGE).table(*header)
    q4 = page(pages / "2026-Q4", VANTOR_PAGE).table(*header)
    assert [(row[0], row[1], row[2][:-10]) for row in q3] == [
        ("2026-09-30", "Ana Alvarez", "The 2026-Q3 edition")]
    assert [(row[0], row[1], row[2][:-10]) for row in q4] == [
        ("2026-11-20", "Ben Brooks", "Vantor: Lee Chen takes over"),
        ("2026-09-30", "Ana Alvarez", "The 2026-Q3 edition")]
    assert q4[0][3].split("\n")[0] == "owner Elif Demir -> Lee Chen"
    assert page(pages / "2026-Q4", VANTOR_PAGE).row("Last updated") == "2026-11-20 by Ben Brooks"


def test_pages_carry_the_version_selector_configuration(pages: Path) -> None:
    html = (pages / "2026-Q3" / VANTOR_PAGE / "index.html").read_text(encoding="utf-8")
    assert '"version": {"default": "latest", "provider": "mike"}' in html
