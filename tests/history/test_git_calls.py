"""Speed by construction: the history costs a constant number of git processes, whatever the
number of supplier files (one ``git log`` split per file, one ``git cat-file --batch-check``
for the sizes of the versions and one ``git cat-file --batch`` for those within the byte
limit).

Counted, not timed: ``subprocess.Popen`` is wrapped to record every git process while the
product runs."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from supplier_handbook.commands.cli import main
from supplier_handbook.history.gitlog import read_history

from tests.history.gitrepo import (
    ANA,
    BEN,
    CHLOE,
    QUIET,
    build,
    commit,
    init_handbook,
    page,
    replace,
    set_option,
)
from tests.samples import MINIMAL_SUPPLIER

COMMITS = 3
MAX_GIT_CALLS = 8  # "a small constant": today 5 to read, plus the build's look at HEAD
# and its two looks at what git ignores in the content folder (``read.project``: before
# the build, by the command, and in the plugin, for a plain ``mkdocs build``)


def make_repo(repo: Path, n: int) -> Path:
    """A handbook of ``n`` minimal suppliers and three commits touching every file."""
    init_handbook(repo)
    folder = repo / "suppliers"
    for old in folder.glob("*.yaml"):
        old.unlink()
    for i in range(n):
        text = MINIMAL_SUPPLIER.replace("Acme Castings GmbH", f"Supplier {i:02d} GmbH")
        (folder / f"supplier-{i:02d}.yaml").write_text(text, encoding="utf-8")
    commit(repo, "Add the suppliers", ANA, "2026-06-01T10:00:00+02:00")
    for path in folder.glob("*.yaml"):
        replace(path, "level: low", "level: medium")
    commit(repo, "Every supplier is medium impact", BEN, "2026-09-15T10:00:00+02:00")
    for path in folder.glob("*.yaml"):
        replace(path, "name: Dana Okafor", "name: Lee Chen")
    commit(repo, "Lee Chen owns every supplier", CHLOE, "2026-11-20T10:00:00+01:00")
    return repo


@pytest.fixture(scope="module")
def repos(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    root = tmp_path_factory.mktemp("many")
    return {n: make_repo(root / f"handbook-{n}", n) for n in (2, 20)}


@pytest.fixture()
def git_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[list[str]]]:
    """Every git process started from now on (``subprocess.run`` starts its process through
    ``Popen``, and the streamed ``git cat-file --batch`` is a ``Popen``)."""
    calls: list[list[str]] = []
    real = subprocess.Popen

    class Counting(real):  # type: ignore[misc, valid-type]
        def __init__(self, args: Sequence[str], *rest: Any, **kwargs: Any) -> None:
            if args and args[0] == "git":
                calls.append(list(args))
            super().__init__(args, *rest, **kwargs)

    monkeypatch.setattr("supplier_handbook.history.versions.subprocess.Popen", Counting)
    yield calls


def subcommands(calls: list[list[str]]) -> list[str]:
    """``git -c core.quotepath=false log ...`` -> ``log``."""
    names = []
    for call in calls:
        args = call[1:]
        while args and args[0] == "-c":
            args = args[2:]
        names.append(args[0] if args else "")
    return names


def test_history_of_20_suppliers_costs_as_many_git_calls_as_of_2(
    repos: dict[int, Path], git_calls: list[list[str]]
) -> None:
    counts = {}
    for n, repo in repos.items():
        git_calls.clear()
        history = read_history(repo / "suppliers")
        counts[n] = subcommands(git_calls)
        assert sorted(history.by_slug) == [f"supplier-{i:02d}" for i in range(n)]
        assert {len(entries) for entries in history.by_slug.values()} == {COMMITS}
    assert counts[20] == counts[2], counts
    assert len(counts[20]) <= MAX_GIT_CALLS, counts[20]
    assert counts[20].count("log") == 1 and counts[20].count("cat-file") == 2, counts[20]


def test_the_words_of_every_file_are_read_in_the_one_batch(repos: dict[int, Path]) -> None:
    history = read_history(repos[20] / "suppliers")
    for slug, entries in history.by_slug.items():
        assert [[c.text for c in e.changes] for e in entries] == [
            ["owner Dana Okafor -> Lee Chen",
             "owner changed to Lee Chen with no new handover: add one with the notes the next "
             "owner needs"],
            ["impact low -> medium"],
            ["added"],
        ], slug


def test_a_build_reads_the_history_once(
    repos: dict[int, Path], git_calls: list[list[str]], tmp_path: Path
) -> None:
    counts = {}
    for n, repo in repos.items():
        git_calls.clear()
        build(repo, tmp_path / f"site-{n}")
        counts[n] = subcommands(git_calls)
    assert counts[20] == counts[2], counts
    assert counts[20].count("log") == 1 and len(counts[20]) <= MAX_GIT_CALLS, counts[20]
    last = page(tmp_path / "site-20", "suppliers/supplier-19").row("Last updated")
    assert last == "2026-11-20 by Chloé Dubois"


def test_history_option_off_runs_no_git(
    repos: dict[int, Path], git_calls: list[list[str]], tmp_path: Path
) -> None:
    set_option(repos[2] / "mkdocs.yml", "history", "false")
    try:
        git_calls.clear()
        build(repos[2], tmp_path / "site")
    finally:
        replace(repos[2] / "mkdocs.yml", "      history: false\n", "")
    # no history is read: the one git command left is the look at what git ignores in the
    # content folder, which decides what may be published
    assert set(subcommands(git_calls)) <= {"ls-files"}, git_calls
    supplier = page(tmp_path / "site", "suppliers/supplier-00")
    assert supplier.section("History") == "No history was read for this build."
    assert supplier.row("Last updated") == "—"


def test_diff_costs_a_constant_number_of_git_calls(
    repos: dict[int, Path], git_calls: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    counts = {}
    for n, repo in repos.items():
        monkeypatch.chdir(repo)
        git_calls.clear()
        result = CliRunner().invoke(main, ["diff", "HEAD~2", "HEAD"], catch_exceptions=False,
                                    env=QUIET)
        assert result.exit_code == 0, result.output
        assert len(result.output.splitlines()) == 3 * n  # impact, owner, warning per file
        counts[n] = subcommands(git_calls)
    assert counts[20] == counts[2], counts
    assert len(counts[20]) <= 2 * MAX_GIT_CALLS, counts[20]
