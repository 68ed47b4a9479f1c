"""``handbook init --repo-url URL`` sets ``repo_url`` and ``edit_uri`` in the ``mkdocs.yml``
it writes, in GitHub's form (``edit/main/content/``) or GitLab's (``-/edit/main/content/``)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from mkdocs.config import load_config
from supplier_handbook import __version__
from supplier_handbook.adopt.repolink import RepoLinkError, repo_link
from supplier_handbook.commands.cli import main


@pytest.mark.parametrize(("given", "repo_url", "edit_uri"), [
    ("https://github.com/corp/handbook", "https://github.com/corp/handbook", "edit/main/content/"),
    ("https://github.com/corp/handbook.git/", "https://github.com/corp/handbook",
     "edit/main/content/"),
    ("git@github.com:corp/handbook.git", "https://github.com/corp/handbook",
     "edit/main/content/"),
    ("https://gitlab.com/corp/buying/handbook", "https://gitlab.com/corp/buying/handbook",
     "-/edit/main/content/"),
    ("ssh://git@gitlab.corp.internal/buying/handbook.git",
     "https://gitlab.corp.internal/buying/handbook", "-/edit/main/content/"),
])
def test_github_and_gitlab_forms(given: str, repo_url: str, edit_uri: str) -> None:
    link = repo_link(given)
    assert (link.repo_url, link.edit_uri) == (repo_url, edit_uri)


def test_a_host_that_does_not_say_needs_the_forge() -> None:
    with pytest.raises(RepoLinkError, match="--forge github or --forge gitlab"):
        repo_link("https://git.corp.internal/buying/handbook")
    link = repo_link("https://git.corp.internal/buying/handbook", "gitlab", "trunk")
    assert link.edit_uri == "-/edit/trunk/content/"


@pytest.mark.parametrize(("given", "said"), [
    ("https://x:token@github.com/corp/handbook", "no user name or token"),
    ("https://github.example.com/corp/handbook", "placeholder host"),
    ("https://github.com/", "expected /ORG/REPO"),
    ("handbook", "expected the repository's address"),
])
def test_refused(given: str, said: str) -> None:
    with pytest.raises(RepoLinkError, match=said):
        repo_link(given)


@pytest.mark.parametrize(("url", "edit_uri"), [
    ("https://github.com/corp/handbook", "edit/main/content/"),
    ("https://gitlab.com/corp/handbook", "-/edit/main/content/"),
])
def test_init_writes_both_into_mkdocs_yml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          url: str, edit_uri: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init", "h", "--requirement",
                                       f"supplier-handbook=={__version__}", "--repo-url", url])
    assert result.exit_code == 0, result.output
    assert f"edit links: mkdocs.yml sets repo_url: {url} and edit_uri: {edit_uri}" \
        in result.stdout
    written = yaml.safe_load((tmp_path / "h" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert (written["repo_url"], written["edit_uri"]) == (url, edit_uri)
    config = load_config(str(tmp_path / "h" / "mkdocs.yml"))
    assert (config.repo_url, config.edit_uri) == (url, edit_uri)


def test_init_into_a_kept_mkdocs_yml_says_what_to_add(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: ours\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", ".", "--requirement",
                                       f"supplier-handbook=={__version__}", "--repo-url",
                                       "https://github.com/corp/handbook"])
    assert result.exit_code == 0, result.output
    assert "mkdocs.yml was kept: for edit links, add repo_url: https://github.com/corp/" \
        "handbook and edit_uri: edit/main/content/ to it" in result.stdout
    assert (tmp_path / "mkdocs.yml").read_text() == "site_name: ours\n"


def test_init_refuses_a_bad_repo_url_before_writing(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init", "h", "--requirement",
                                       f"supplier-handbook=={__version__}", "--repo-url",
                                       "https://git.corp.internal/buying/handbook"])
    assert result.exit_code == 2 and "--forge" in result.stderr
    assert not (tmp_path / "h").exists()
