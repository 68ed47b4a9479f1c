"""The history costs bounded work whatever a repository holds (issue 26, items 8 and 9), and
``handbook diff`` names what changed (issue 22, item 8). Asserted as counts, never as time:
versions held at once, bytes read from git, comparisons made.

- thousands of versions are streamed: at most about one version per supplier file is held;
- a 20 MB commit subject is read as its first ``SUBJECT_CHARS`` characters;
- the list diff is linear: no entry is compared with every other;
- "What changed" goes by when a change landed (the committer date), the author date only
  shown beside it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from supplier_handbook.commands.cli import main
from supplier_handbook.history.changes import diff_supplier
from supplier_handbook.history.gitlog import SUBJECT_CHARS, read_history

from tests.conftest import AS_OF, AS_OF_TEXT
from tests.history.fastrepo import GIT_ENV, FastCommit, fast_repo, many_versions
from tests.history.gitrepo import page
from tests.samples import MINIMAL_SUPPLIER
from tests.security.project import CONFIG

UTC = dt.UTC
QUIET = {"NO_MKDOCS_2_WARNING": "1"}
PROJECT = {"mkdocs.yml": CONFIG, "content/guide.md": "# A guide\n"}


def test_thousands_of_versions_are_streamed_not_held(tmp_path: Path) -> None:
    files, commits = 4, 3_000  # the red team's size
    repo = fast_repo(tmp_path / "repo", many_versions(files, commits, MINIMAL_SUPPLIER))
    history = read_history(repo / "suppliers")
    assert sum(len(e) for e in history.by_slug.values()) == commits
    stats = history.stats
    assert stats.versions_read == commits  # each version parsed once
    assert stats.held_peak <= files + 1, stats  # one per file, and the one in hand
    newest = history.by_slug["supplier-3"][0]
    assert [c.text for c in newest.changes] == ["summary edited"]


def test_a_20_mb_commit_subject_is_read_as_its_first_line_cut(tmp_path: Path) -> None:
    subject = b"S" * 20_000_000
    when = dt.datetime(2026, 11, 20, tzinfo=UTC)
    repo = fast_repo(tmp_path / "repo", [
        FastCommit(subject + b"\n\nand a body", {"suppliers/acme.yaml": MINIMAL_SUPPLIER.encode()},
                   when)], PROJECT)
    history = read_history(repo / "suppliers")
    (entry,) = history.by_slug["acme"]
    assert len(entry.commit.subject) <= SUBJECT_CHARS
    assert entry.commit.subject.startswith("SSSS")
    assert history.stats.log_bytes < 2_000, history.stats
    result = CliRunner().invoke(main, ["build", "--as-of", AS_OF_TEXT, "-f",
                                       str(repo / "mkdocs.yml")], env=QUIET)
    assert result.exit_code == 0, result.output
    largest = max(p.stat().st_size for p in (repo / "site").rglob("*.html"))
    assert largest < 200_000, largest


def test_what_changed_goes_by_when_a_change_landed(tmp_path: Path) -> None:
    """Committed three days before the as-of date, written (author date) in 2020: listed,
    dated by when it landed, with the author date beside it as information."""
    landed = dt.datetime.combine(AS_OF - dt.timedelta(days=3), dt.time(10), tzinfo=UTC)
    old = dt.datetime(2020, 1, 1, 10, tzinfo=UTC)
    commits = [
        FastCommit(b"Add Acme", {"suppliers/acme.yaml": MINIMAL_SUPPLIER.encode()},
                   dt.datetime(2026, 1, 5, tzinfo=UTC)),
        FastCommit(b"Backdated change", {"suppliers/acme.yaml": MINIMAL_SUPPLIER.replace(
            "level: low", "level: medium").encode()}, old, landed),
    ]
    repo = fast_repo(tmp_path / "repo", commits, PROJECT)
    history = read_history(repo / "suppliers")
    window = history.between(AS_OF - dt.timedelta(days=90), AS_OF)
    assert [c.subject for c, _ in window] == ["Backdated change"]
    assert history.last_updated("acme") == landed.date()
    result = CliRunner().invoke(main, ["build", "--as-of", AS_OF_TEXT, "-f",
                                       str(repo / "mkdocs.yml")], env=QUIET)
    assert result.exit_code == 0, result.output
    text = page(repo / "site", "changes").text
    assert f"{landed.date()}: Backdated change" in text, text
    assert "written 2020-01-01" in text, text
    assert "impact low -> medium" in text


class Counted(dict[str, Any]):
    """A list entry that counts how often it is compared with another."""

    comparisons = 0

    def __eq__(self, other: object) -> bool:
        Counted.comparisons += 1
        return dict.__eq__(self, other)

    __hash__ = None  # type: ignore[assignment]


def _log(n: int, edited: int | None = None) -> list[dict[str, Any]]:
    return [Counted(date=f"2026-01-{1 + i % 28:02d}", kind="note",
                    text=f"entry {i}{' (edited)' if i == edited else ''}") for i in range(n)]


def test_the_list_diff_is_linear() -> None:
    n = 1_000
    old, new = {"log": _log(n)}, {"log": _log(n, edited=500)}
    Counted.comparisons = 0
    words = diff_supplier(old, new)
    assert [c.text for c in words] == ["1 log entry edited"]
    assert Counted.comparisons <= 2 * n, Counted.comparisons  # pairwise would be ~n * n / 2


class Period(str):
    """A review period that counts how often it is ordered against another."""

    comparisons = 0

    def __lt__(self, other: str) -> bool:
        Period.comparisons += 1
        return str.__lt__(self, other)

    def __gt__(self, other: str) -> bool:
        Period.comparisons += 1
        return str.__gt__(self, other)

    __hash__ = str.__hash__


def test_added_reviews_find_the_one_before_them_without_scanning_all() -> None:
    n = 1_000
    quarters = [f"{1900 + i // 4}-Q{1 + i % 4}" for i in range(2 * n)]
    old = {"health": [{"period": Period(q), "ratings": RATINGS} for q in quarters[0::2]]}
    new = {"health": [*old["health"],
                      *({"period": Period(q), "ratings": RATINGS} for q in quarters[1::2])]}
    Period.comparisons = 0
    words = diff_supplier(old, new)
    assert len(words) == n and words[0].text == "health 1900-Q2 added: green (was green)"
    assert Period.comparisons <= 60 * n, Period.comparisons  # sorting and bisecting: n log n


def test_edited_entries_that_share_a_date_are_paired_in_linear_time() -> None:
    n = 11_000  # one date for all: every edited entry matches the first left
    old = {"log": [{"date": "2026-01-01", "kind": "note", "text": f"entry {i}"}
                   for i in range(n)]}
    new = {"log": [{"date": "2026-01-01", "kind": "note", "text": f"entry {i}, corrected"}
                   for i in range(n)]}
    assert [c.text for c in diff_supplier(old, new)] == [f"{n:,} log entries edited"
                                                          .replace(",", "")]


def test_a_file_with_11000_log_entries_in_handbook_diff(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    entries = "".join(f"  - date: 2026-01-{1 + i % 28:02d}\n    kind: note\n    text: entry {i}\n"
                      for i in range(11_000))
    text = MINIMAL_SUPPLIER + "log:\n" + entries
    repo = fast_repo(tmp_path / "repo", [FastCommit(
        b"Add", {"suppliers/acme.yaml": text.encode()}, dt.datetime(2026, 1, 5, tzinfo=UTC))])
    edited = text.replace("text: entry 7000\n", "text: entry 7000, corrected\n")
    edited += "  - date: 2026-02-01\n    kind: win\n    text: a new one\n"
    (repo / "suppliers" / "acme.yaml").write_text(edited, encoding="utf-8")
    monkeypatch.chdir(repo)
    result = CliRunner().invoke(main, ["diff"], env={**QUIET, **GIT_ENV})
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["acme: 1 log entry added", "acme: 1 log entry edited"]


# --- issue 22 item 8: the diff names what changed ------------------------------------------

RATINGS = {"strategic_dialogue": "green", "conflict_resolution": "green",
           "innovation": "green", "partnership_value": "amber"}


def _review(period: str, **changed: str) -> dict[str, Any]:
    return {"period": period, "ratings": {**RATINGS, **changed}}


def test_a_rewritten_review_names_the_dimension() -> None:
    old = {"health": [_review("2026-Q3"), _review("2026-Q4")]}
    new = {"health": [_review("2026-Q3"), _review("2026-Q4", strategic_dialogue="red")]}
    (change,) = diff_supplier(old, new)
    assert change.warning
    assert change.text.startswith("health 2026-Q4 rewritten: strategic_dialogue green -> red;")
    assert "green -> green" not in change.text  # the computed overall did not change


def test_a_rewritten_review_names_every_dimension_and_the_overall() -> None:
    old = {"health": [_review("2026-Q4")]}
    new = {"health": [_review("2026-Q4", strategic_dialogue="red", innovation="red",
                              partnership_value="red")]}
    (change,) = diff_supplier(old, new)
    assert change.text.startswith(
        "health 2026-Q4 rewritten: strategic_dialogue green -> red, innovation green -> red, "
        "partnership_value amber -> red, overall green -> red;")


def _handover(notes: str) -> dict[str, Any]:
    return {"date": "2026-11-01", "from": "Lee Chen", "to": "Dana Okafor", "notes": notes}


SCAFFOLD = "TODO (the previous owner, before the handover is merged): who really decides"


def test_filling_in_the_notes_of_a_handover_is_one_handover_whose_notes_were_written() -> None:
    from supplier_handbook.model.rules import HANDOVER_SCAFFOLD_MARK

    scaffold = SCAFFOLD.replace("TODO", HANDOVER_SCAFFOLD_MARK)
    old = {"owner": {"name": "Dana Okafor"}, "handovers": [_handover(scaffold)]}
    new = {"owner": {"name": "Dana Okafor"}, "handovers": [_handover("Ask Ines first.")]}
    assert [c.text for c in diff_supplier(old, new)] == [
        "handover 2026-11-01 (Lee Chen -> Dana Okafor): notes written"]
    again = {"owner": {"name": "Dana Okafor"}, "handovers": [_handover("Ask Ines, then Tom.")]}
    assert [c.text for c in diff_supplier(new, again)] == [
        "handover 2026-11-01 (Lee Chen -> Dana Okafor): edited"]


def test_added_edited_and_removed_entries_are_told_apart() -> None:
    old = {"log": [{"date": "2026-01-01", "kind": "note", "text": "a"},
                   {"date": "2026-01-02", "kind": "note", "text": "b"},
                   {"date": "2026-01-03", "kind": "note", "text": "c"}],
           "culture_check": [{"question": "Q1?"}, {"question": "Q2?"}]}
    new = {"log": [{"date": "2026-01-01", "kind": "note", "text": "a"},
                   {"date": "2026-01-02", "kind": "win", "text": "b"},
                   {"date": "2026-01-04", "kind": "note", "text": "d"},
                   {"date": "2026-01-05", "kind": "note", "text": "e"}],
           "culture_check": [{"question": "Q1?", "listen_for": "x"}]}
    assert [c.text for c in diff_supplier(old, new)] == [
        "1 culture-check question edited", "1 culture-check question removed",
        "2 log entries added", "1 log entry edited", "1 log entry removed"]

