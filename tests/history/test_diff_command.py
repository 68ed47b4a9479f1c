"""``handbook diff [BASE [HEAD]]``: the supplier files of two revisions (default: HEAD and
the working tree) compared in words, with the reviewer's warnings; text and markdown."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from supplier_handbook.commands.cli import main

from tests.conftest import copy_demo
from tests.history.conftest import MARTIN
from tests.history.gitrepo import QUIET, cut, git, insert_before, replace
from tests.samples import MINIMAL_SUPPLIER

NO_HANDOVER = ("owner changed to Dana Okafor with no new handover: add one with the notes "
               "the next owner needs")
HANDOVER = """\
handovers:
  - date: 2026-11-23
    from: Lee Chen
    to: Dana Okafor
    notes: Petr listens to Claudia; the recovery call is the only meeting that matters.

"""
REWRITE = "a past review's ratings should stay as agreed"


def diff(*args: str) -> Result:
    return CliRunner().invoke(main, ["diff", *args], catch_exceptions=False, env=QUIET)


def lines(result: Result) -> list[str]:
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


@pytest.fixture()
def repo(story_clone: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The story clone (HEAD = c7) as the current directory: ``--dir suppliers`` default."""
    monkeypatch.chdir(story_clone)
    return story_clone


def vantor(repo: Path) -> Path:
    return repo / "suppliers" / "vantor-elektronika.yaml"


def test_clean_working_tree(repo: Path) -> None:
    assert lines(diff()) == ["no supplier file changed"]


def test_owner_change_without_handover_warns(repo: Path) -> None:
    replace(vantor(repo), "owner:\n  name: Lee Chen\n", "owner:\n  name: Dana Okafor\n")
    assert lines(diff()) == [
        "vantor-elektronika: owner Lee Chen -> Dana Okafor",
        f"warning: vantor-elektronika: {NO_HANDOVER}",
    ]


def test_owner_change_with_a_new_handover_does_not_warn(repo: Path) -> None:
    replace(vantor(repo), "owner:\n  name: Lee Chen\n", "owner:\n  name: Dana Okafor\n")
    insert_before(vantor(repo), "contacts:\n", HANDOVER)
    assert lines(diff()) == [
        "vantor-elektronika: owner Lee Chen -> Dana Okafor",
        "vantor-elektronika: handover 2026-11-23 added: Lee Chen -> Dana Okafor",
    ]


def test_action_done_and_a_new_health_period(repo: Path) -> None:
    replace(vantor(repo), "    due: 2026-11-30\n    status: open\n",
            "    due: 2026-11-30\n    status: done\n    done_on: 2026-11-22\n")
    insert_before(vantor(repo), "\nactions:\n", """\
  - period: 2027-Q1
    date: 2027-01-20
    ratings:
      strategic_dialogue: green
      conflict_resolution: amber
      innovation: green
      partnership_value: green
""")
    assert lines(diff()) == [
        "vantor-elektronika: action JAP-3: open -> done (2026-11-22)",
        "vantor-elektronika: health 2027-Q1 added: green (was red)",
    ]


def test_a_backfilled_older_period_is_not_compared_with_a_later_one(repo: Path) -> None:
    """"(was X)" is the rating before the new one; a review added for 2025-Q4, older than
    every review in the file, has no rating before it (2026-Q4 red came after it)."""
    insert_before(vantor(repo), "  - period: 2026-Q1\n", """\
  - period: 2025-Q4
    date: 2026-01-20
    ratings:
      strategic_dialogue: green
      conflict_resolution: green
      innovation: green
      partnership_value: green
""")
    assert lines(diff()) == ["vantor-elektronika: health 2025-Q4 added: green"]


def test_rewritten_past_health_period_warns(repo: Path) -> None:
    replace(vantor(repo), "      strategic_dialogue: green\n      conflict_resolution: green\n",
            "      strategic_dialogue: green\n      conflict_resolution: amber\n")
    assert lines(diff()) == [
        "warning: vantor-elektronika: health 2026-Q1 rewritten: conflict_resolution green -> "
        f"amber, overall green -> amber; {REWRITE}"]


def test_removed_contact_still_named_by_an_open_action_warns(repo: Path) -> None:
    replace(vantor(repo), MARTIN, "")
    assert lines(diff()) == [
        "vantor-elektronika: contact Martin Král removed",
        "warning: vantor-elektronika: contact Martin Král was removed but an open action still "
        "names them",
    ]


def test_removed_contact_named_only_by_closed_actions_does_not_warn(repo: Path) -> None:
    """Jiří Svoboda is named by JAP-2 and JAP-7 (done) and JAP-3, dropped in the same edit."""
    cut(vantor(repo), "  - name: Jiří Svoboda\n", "  - name: Claudia Reinhardt\n")
    replace(vantor(repo), "    due: 2026-11-30\n    status: open\n",
            "    due: 2026-11-30\n    status: dropped\n")
    assert lines(diff()) == [
        "vantor-elektronika: contact Jiří Svoboda removed",
        "vantor-elektronika: action JAP-3: open -> dropped",
    ]


def test_added_and_deleted_files(repo: Path) -> None:
    (repo / "suppliers" / "acme-castings.yaml").write_text(MINIMAL_SUPPLIER, encoding="utf-8")
    (repo / "suppliers" / "calder-technical-services.yaml").unlink()
    assert lines(diff()) == ["acme-castings: added", "calder-technical-services: removed"]


def test_base_against_the_working_tree(repo: Path) -> None:
    assert lines(diff("c6")) == lines(diff("c6", "c7"))
    assert lines(diff("c6"))[:2] == [
        "vantor-elektronika: owner Elif Demir -> Lee Chen",
        "warning: vantor-elektronika: owner changed to Lee Chen with no new handover: add one "
        "with the notes the next owner needs",
    ]
    assert "vantor-elektronika: contact Martin Král added (supplier, operational, Planning lead)" \
        in lines(diff("c6"))


@pytest.mark.parametrize(("base", "head", "expected"), [
    pytest.param("c1", "c2", ["brennwald-druckguss: owner Marco Bellini -> Jana Horvath",
                              "brennwald-druckguss: handover 2026-03-02 added: Marco Bellini -> "
                              "Jana Horvath"], id="handover"),
    pytest.param("c2", "c3", ["calder-technical-services: category MRO catalogue supply -> MRO "
                              "catalogue supply and shop-floor IT support",
                              f"warning: vantor-elektronika: health 2026-Q2 rewritten: "
                              f"conflict_resolution green -> amber, overall green -> "
                              f"amber; {REWRITE}"], id="two-suppliers"),
    pytest.param("c3", "c4", ["kjolberg: removed", "kjolberg-lim: added"], id="renamed"),
    pytest.param("c4", "c5", ["old-foundry: removed"], id="deleted"),
    pytest.param("c4", "c2", ["calder-technical-services: category MRO catalogue supply and "
                              "shop-floor IT support -> MRO catalogue supply",
                              "kjolberg: added", "kjolberg-lim: removed",
                              f"warning: vantor-elektronika: health 2026-Q2 rewritten: "
                              f"conflict_resolution amber -> green, overall amber -> "
                              f"green; {REWRITE}"], id="backwards"),
    pytest.param("c7", "HEAD", ["no supplier file changed"], id="same"),
])
def test_base_and_head(repo: Path, base: str, head: str, expected: list[str]) -> None:
    assert lines(diff(base, head)) == expected


def test_text_after_a_rename_in_the_working_tree(repo: Path) -> None:
    git(repo, "mv", "suppliers/huaxin-precision.yaml", "suppliers/huaxin.yaml")
    assert lines(diff()) == ["huaxin: added", "huaxin-precision: removed"]


def test_markdown_is_a_pull_request_comment(repo: Path) -> None:
    assert diff("--format", "markdown", "c5", "c6").output == """\
## Supplier handbook changes (c5..c6)

1 supplier file changed, 1 warning.

### Vantor Elektronika s.r.o. (`vantor-elektronika`)

- contact Martin Král removed
- :warning: **warning:** contact Martin Král was removed but an open action still names them
"""


def test_markdown_of_several_files_and_the_working_tree(repo: Path) -> None:
    replace(vantor(repo), "owner:\n  name: Lee Chen\n", "owner:\n  name: Dana Okafor\n")
    (repo / "suppliers" / "calder-technical-services.yaml").unlink()
    assert diff("--format", "markdown").output == f"""\
## Supplier handbook changes (HEAD..working tree)

2 supplier files changed, 1 warning.

### Calder Technical Services B.V. (`calder-technical-services`)

- removed

### Vantor Elektronika s.r.o. (`vantor-elektronika`)

- owner Lee Chen -> Dana Okafor
- :warning: **warning:** {NO_HANDOVER}
"""


def test_markdown_without_changes(repo: Path) -> None:
    assert diff("--format", "markdown").output == (
        "## Supplier handbook changes (HEAD..working tree)\n\nNo supplier file changed.\n")


def test_dir_option_from_another_directory(story_clone: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = diff("--dir", str(story_clone / "suppliers"), "c4", "c5")
    assert lines(result) == ["old-foundry: removed"]


@pytest.mark.parametrize("args", [["nope"], ["c1", "nope"]], ids=["base", "head"])
def test_unknown_revision_is_a_usage_error(repo: Path, args: list[str]) -> None:
    result = diff(*args)
    assert result.exit_code == 2, result.output
    assert "Error: git: unknown revision 'nope'" in result.output


def test_outside_git_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy_demo(tmp_path / "handbook")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    monkeypatch.chdir(tmp_path / "handbook")
    result = diff()
    assert result.exit_code == 2, result.output
    assert "Error: suppliers is not inside a git checkout" in result.output


def test_missing_folder_is_a_usage_error(repo: Path) -> None:
    result = diff("--dir", "no-such-folder")
    assert result.exit_code == 2, result.output
    assert "Error: no-such-folder: no such folder" in result.output


def test_a_file_that_does_not_parse_is_not_reported_as_removed(repo: Path) -> None:
    """diff works on any data: a working-tree file with a YAML syntax error still exists;
    the words must not tell the reviewer it was deleted."""
    vantor(repo).write_text(vantor(repo).read_text(encoding="utf-8") + "broken: [\n",
                            encoding="utf-8")
    got = lines(diff())
    assert got == ["warning: vantor-elektronika: not readable: YAML syntax error: "
                   "did not find expected node content"], got


def test_a_repository_without_a_commit_says_to_commit_first(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "suppliers").mkdir()
    (tmp_path / "suppliers" / "ostwerk.yaml").write_text(MINIMAL_SUPPLIER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["diff"], env=QUIET)
    assert result.exit_code == 2
    assert "no commit yet to compare with: commit the supplier files first" in result.output
    named = CliRunner().invoke(main, ["diff", "v9.9"], env=QUIET)  # a base that is not there
    assert named.exit_code == 2 and "git: " in named.output
