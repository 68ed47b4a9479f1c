"""Files that say when they went stale: real git repositories, commits dated through
GIT_COMMITTER_DATE, builds as of 2026-11-23 (stale after 180 days by default)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import copy_demo
from tests.history.gitrepo import (
    ANA,
    BEN,
    build,
    commit,
    git_env,
    init_handbook,
    page,
    replace,
    set_option,
)

OLD = "2026-01-10T09:00:00+01:00"  # 317 days before the as-of date
RECENT = "2026-11-01T09:00:00+01:00"  # 22 days before


def commit_landed(repo: Path, subject: str, authored: str, landed: str) -> None:
    """A commit written at ``authored`` that landed at ``landed`` (as after a rebase)."""
    env = {**git_env(BEN, authored), "GIT_COMMITTER_DATE": landed}
    for args in (["add", "-A"], ["commit", "-q", "--no-verify", "-m", subject]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = init_handbook(tmp_path_factory.mktemp("stale") / "handbook")
    commit(repo, "Add the suppliers", ANA, OLD)
    replace(repo / "suppliers" / "vantor-elektronika.yaml", "status: open", "status: open ",
            count=4)
    commit(repo, "Vantor: actions reviewed", BEN, RECENT)
    # written in January, merged in November: the committer date counts
    replace(repo / "suppliers" / "huaxin-precision.yaml", "\nlog:\n", "\n\nlog:\n")
    commit_landed(repo, "Huaxin: spacing", "2026-01-05T09:00:00+01:00", RECENT)
    return repo


@pytest.fixture(scope="module")
def site(repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("stale-site") / "site"
    build(repo, site)
    return site


def test_a_stale_file_says_so_on_its_page(site: Path) -> None:
    brennwald = page(site, "suppliers/brennwald-druckguss")
    assert "File not updated for 317 days" in brennwald.text
    assert "landed on 2026-01-10, by Ana Alvarez: more than 180 days ago" in brennwald.text
    for fresh in ("vantor-elektronika", "huaxin-precision"):
        assert "File not updated" not in page(site, f"suppliers/{fresh}").text


def test_the_dashboard_lists_the_oldest_files(site: Path) -> None:
    rows = page(site, "").table("Supplier", "Last changed", "By", "Days since", "Stale")
    assert len(rows) == 7
    # oldest first; on the same day by slug (huaxin-precision, vantor-elektronika)
    assert [r[1:] for r in rows[-2:]] == [["2026-11-01", "Ben Brooks", "22", "—"]] * 2
    assert rows[-2][0].startswith("Dongguan Huaxin") and rows[-1][0].startswith("Vantor")
    assert all(r[1:] == ["2026-01-10", "Ana Alvarez", "317", "stale"] for r in rows[:5])
    assert {r[4] for r in rows[5:]} == {"—"}


def test_the_export_carries_last_changed(site: Path) -> None:
    data = json.loads((site / "api" / "suppliers.json").read_text(encoding="utf-8"))
    dates = {s["slug"]: s["last_changed"] for s in data["suppliers"]}
    assert dates["vantor-elektronika"] == "2026-11-01"
    assert dates["huaxin-precision"] == "2026-11-01"
    assert dates["brennwald-druckguss"] == "2026-01-10"
    assert "last_changed" not in json.dumps(data["suppliers"][0]["flags"])  # not a flag


def test_the_age_is_configurable(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True,
                   env=git_env(), capture_output=True)
    set_option(clone / "mkdocs.yml", "stale_days", "400")
    build(clone, tmp_path / "site")
    assert "File not updated" not in page(tmp_path / "site", "suppliers/brennwald-druckguss"
                                          ).text
    rows = page(tmp_path / "site", "").table("Supplier", "Last changed", "By", "Days since",
                                             "Stale")
    assert {r[4] for r in rows} == {"—"}


def test_without_git_there_is_no_date_to_show(tmp_path: Path) -> None:
    plain = copy_demo(tmp_path / "plain")
    build(plain, tmp_path / "site")
    data = json.loads((tmp_path / "site" / "api" / "suppliers.json").read_text("utf-8"))
    assert all("last_changed" not in s for s in data["suppliers"])
    dashboard = page(tmp_path / "site", "")
    assert "No history: the handbook was not built from a git checkout." in dashboard.section(
        "Oldest files")
