"""The wording of the command's messages: impossible dates, plurals, hints on an empty
folder, ``handbook init`` into an existing repository, and what a failed strict build says."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from supplier_handbook.base.wording import plural
from supplier_handbook.commands.cli import main
from supplier_handbook.commands.reporter import DIFF_REPORTERS, summary
from supplier_handbook.commands.start import serve_address
from supplier_handbook.history.changes import Change

from tests.clirun import run
from tests.samples import MINIMAL_SUPPLIER


@pytest.mark.parametrize(("value", "said"), [
    ("2026-02-30", "'2026-02-30' is not a date: February 2026 has 28 days"),
    ("2028-02-30", "'2028-02-30' is not a date: February 2028 has 29 days"),
    ("2026-04-31", "'2026-04-31' is not a date: April 2026 has 30 days"),
    ("2026-13-01", "'2026-13-01' is not a date: there is no month 13 (months are 01 to 12)"),
    ("2026-00-10", "'2026-00-10' is not a date: there is no month 0 (months are 01 to 12)"),
    ("2026-01-00", "'2026-01-00' is not a date: January 2026 has 31 days"),
    ("30.02.2026", "'30.02.2026' is not a date (expected YYYY-MM-DD, e.g. 2026-11-23)"),
    ("tomorrow", "'tomorrow' is not a date (expected YYYY-MM-DD, e.g. 2026-11-23)"),
])
@pytest.mark.parametrize("command", ["build", "export", "serve"])
def test_as_of_dates_that_do_not_exist(in_tmp: Path, command: str, value: str,
                                       said: str) -> None:
    args = [command, "--as-of", value] + (["out"] if command == "export" else [])
    result = run(*args)
    assert result.exit_code == 2
    assert said in result.stderr
    assert "does not match the format" not in result.stderr


def test_a_real_leap_day_is_accepted(in_tmp: Path) -> None:
    result = run("build", "--as-of", "2028-02-29")
    assert result.exit_code == 2  # no mkdocs.yml here: the date itself passed
    assert "mkdocs.yml: no such MkDocs configuration file" in result.stderr


def test_a_supplier_date_that_does_not_exist(tmp_path: Path) -> None:
    (tmp_path / "acme.yaml").write_text(
        MINIMAL_SUPPLIER + "log:\n  - date: 2026-02-30\n    kind: note\n    text: x\n",
        encoding="utf-8")
    result = run("check", str(tmp_path))
    assert result.stdout == (f"{tmp_path / 'acme.yaml'}:16:11: error: date: '2026-02-30' is "
                             "not a date: February 2026 has 28 days\n")


@pytest.mark.parametrize(("count", "text"), [
    (0, "0 suppliers"), (1, "1 supplier"), (2, "2 suppliers"), (41, "41 suppliers")])
def test_plural(count: int, text: str) -> None:
    assert plural(count, "supplier") == text


def _diff_markdown(changes: dict[str, list[Change]], label: str) -> str:
    return DIFF_REPORTERS["markdown"].report(changes, label)


def test_summary_and_diff_counts_agree_in_number() -> None:
    assert summary([], 1) == "no problems in 1 file"
    changes = {"acme": [Change("owner A -> B"), Change("no handover", warning=True)]}
    assert "1 supplier file changed, 1 warning." in _diff_markdown(changes, "a..b")
    two = {**changes, "beta": [Change("x")], "gamma": [Change("y", warning=True)]}
    assert "3 supplier files changed, 2 warnings." in _diff_markdown(two, "a..b")
    assert "(s)" not in _diff_markdown(two, "a..b")


# --- hints where there is nothing yet ----------------------------------------------------------


def test_check_without_a_suppliers_folder_hints_at_init(in_tmp: Path) -> None:
    result = run("check")
    assert result.exit_code == 2
    assert "suppliers: no such file or folder" in result.stderr
    assert "handbook init" in result.stderr


def test_an_empty_folder_hints_at_new_and_init(in_tmp: Path) -> None:
    (in_tmp / "suppliers").mkdir()
    result = run("check")
    assert result.exit_code == 2
    assert "no supplier files (*.yaml) in suppliers" in result.stderr
    assert "handbook new SLUG" in result.stderr and "handbook init" in result.stderr


@pytest.mark.parametrize("command", [["build"], ["serve"], ["export", "out"]])
def test_no_mkdocs_yml_hints_at_init(in_tmp: Path, command: list[str]) -> None:
    result = run(*command)
    assert result.exit_code == 2
    assert "mkdocs.yml: no such MkDocs configuration file" in result.stderr
    assert "handbook init" in result.stderr


# --- handbook init ---------------------------------------------------------------------------

REPO = "https://git.corp.internal/procurement/supplier-handbook.git"


@pytest.fixture
def tagged(monkeypatch: pytest.MonkeyPatch) -> None:
    """``git ls-remote`` finds the release tag on any --tool-repo (no network here)."""
    from supplier_handbook.adopt import toolpin

    monkeypatch.setattr(toolpin, "remote_has_tag", lambda repo, tag: True)


def test_init_into_an_existing_repository_lists_what_it_kept(in_tmp: Path, tagged: None) -> None:
    (in_tmp / ".git").mkdir()
    (in_tmp / "README.md").write_text("# Ours\n", encoding="utf-8")
    (in_tmp / "LICENSE").write_text("MIT\n", encoding="utf-8")
    (in_tmp / ".gitignore").write_text("*.log\n", encoding="utf-8")
    result = run("init", ".", "--tool-repo", REPO)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("wrote ") and lines[0].endswith(" files into .")
    assert lines[1] == "kept, as they were: README.md"
    assert lines[2] == "added the handbook's lines to: .gitignore"
    assert lines[3] == ("your README.md was kept; the handbook's README (CI, updating the "
                        "tool) is in HANDBOOK.md")
    assert lines[4] == "publishing runs on the branch main (--branch names another)"
    assert lines[5] == ("the steps to set up, edit and review are in CONTRIBUTING.md (GitHub "
                        "and GitLab show it on every pull request); your README.md was kept: "
                        "link it from there")
    assert "handbook check" in (in_tmp / "CONTRIBUTING.md").read_text()
    assert f"the tool is pinned to supplier-handbook @ git+{REPO}@v" in result.stdout
    assert "pip install -r requirements.txt" in result.stdout
    assert (in_tmp / "README.md").read_text() == "# Ours\n"
    assert (in_tmp / ".gitignore").read_text().startswith("*.log\n")


def test_init_from_this_checkout_asks_for_a_source(in_tmp: Path) -> None:
    result = run("init", "h")
    assert result.exit_code == 2
    assert "--tool-repo" in result.stderr and "--requirement" in result.stderr
    assert not (in_tmp / "h").exists()  # nothing written


@pytest.mark.parametrize(("url", "said"), [
    ("not a url", "a git URL has no spaces"),
    ("https://git.example.com/procurement/supplier-handbook.git", "placeholder host"),
])
def test_init_refuses_a_bad_tool_repo(in_tmp: Path, url: str, said: str) -> None:
    result = run("init", "h", "--tool-repo", url)
    assert result.exit_code == 2 and said in result.stderr
    assert not (in_tmp / "h").exists()


def test_init_scp_url_is_written_as_ssh(in_tmp: Path, tagged: None) -> None:
    result = run("init", "h", "--tool-repo", "git@github.com:corp/supplier-handbook.git")
    assert result.exit_code == 0
    text = (in_tmp / "h" / "requirements.txt").read_text()
    assert "supplier-handbook @ git+ssh://git@github.com/corp/supplier-handbook.git@v" in text


def test_init_help_documents_the_sources() -> None:
    text = run("init", "--help").stdout
    for words in ("--tool-repo", "--requirement", "PEP 610", "git@HOST:PATH", "editable",
                  "nothing is overwritten", "appended"):
        assert words in text, words


def test_init_refuses_both_sources(in_tmp: Path) -> None:
    result = run("init", "h", "--tool-repo", REPO, "--requirement", "supplier-handbook==1")
    assert result.exit_code == 2 and "not both" in result.stderr


@pytest.mark.parametrize(("dev_addr", "site_url", "address"), [
    ("127.0.0.1:8000", None, "http://127.0.0.1:8000/"),
    ("127.0.0.1:8123", "https://handbook.corp.internal/", "http://127.0.0.1:8123/"),
    ("0.0.0.0:8000", "https://corp.internal/procurement/handbook",
     "http://0.0.0.0:8000/procurement/handbook/"),
])
def test_serve_address(dev_addr: str, site_url: str | None, address: str) -> None:
    assert serve_address(dev_addr, site_url) == address


def _project_without_suppliers(root: Path) -> Path:
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Handbook\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Handbook\ntheme: {name: material}\nplugins: [search, handbook]\n",
        encoding="utf-8")
    return root


def test_serve_without_the_supplier_folder_says_so_before_it_starts(in_tmp: Path) -> None:
    _project_without_suppliers(in_tmp)
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 2
    assert "suppliers: no such folder; run it in a handbook repository" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_build_without_the_supplier_folder_is_one_line_no_traceback(in_tmp: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, PluginError
    from supplier_handbook.site.config import load_handbook_config

    config = load_handbook_config(_project_without_suppliers(in_tmp) / "mkdocs.yml")
    with pytest.raises(Abort) as raised:  # MkDocs prints a PluginError as one line
        build(config)
    cause = raised.value.__context__
    assert isinstance(cause, PluginError)
    assert "suppliers: no such file or folder (the plugin's suppliers_dir)" in str(cause)
