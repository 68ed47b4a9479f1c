"""Where ``handbook init`` pins the tool: ``--tool-repo`` validation, ``--requirement``, and
the installed distribution's own record (PEP 610 ``direct_url.json``)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement
from supplier_handbook import __version__
from supplier_handbook.adopt import toolpin
from supplier_handbook.adopt.toolpin import (
    ToolSourceError,
    from_repo,
    from_requirement,
    installed_pin,
    is_placeholder_host,
    normalise_repo_url,
)

V = f"v{__version__}"

ACCEPTED = [
    ("https://git.corp.internal/procurement/supplier-handbook.git",
     "https://git.corp.internal/procurement/supplier-handbook.git"),
    ("git+https://gitlab.com/corp/supplier-handbook.git",
     "https://gitlab.com/corp/supplier-handbook.git"),
    ("git@github.com:corp/supplier-handbook.git", "ssh://git@github.com/corp/supplier-handbook.git"),
    ("git@gitlab.corp.internal:buying/tools/supplier-handbook",
     "ssh://git@gitlab.corp.internal/buying/tools/supplier-handbook"),
    ("ssh://git@git.corp.internal:2222/procurement/supplier-handbook.git",
     "ssh://git@git.corp.internal:2222/procurement/supplier-handbook.git"),
    ("file:///srv/git/supplier-handbook.git", "file://localhost/srv/git/supplier-handbook.git"),
    ("file://localhost/srv/git/supplier-handbook.git",
     "file://localhost/srv/git/supplier-handbook.git"),
    ("/srv/git/supplier-handbook.git", "file://localhost/srv/git/supplier-handbook.git"),
]

REFUSED = [
    ("not a url", "no spaces"),
    ("", "expected a git URL"),
    (" https://git.corp.internal/x.git", "without spaces around it"),
    ("supplier-handbook", "is not a git URL"),
    ("git.corp.internal/procurement/supplier-handbook.git", "is not a git URL"),
    ("ftp://git.corp.internal/x.git", "is not a git URL"),
    ("https://git.example.com/procurement/supplier-handbook.git", "placeholder host"),
    ("git@github.example:corp/x.git", "placeholder host"),
    ("https://git.corp.internal/x.git#egg=x", "no '?' or '#'"),
    ("https://git.corp.internal/x.git?ref=main", "no '?' or '#'"),
    ("https://git.corp.internal/corp@v1/x.git", "'@' in the path"),
    ("https://user:secret@git.corp.internal/x.git", "password or token"),
    ("https://git.corp.internal", "names no repository path"),
    ("https://git.corp.internal/", "names no repository path"),
    ("https://-bad-/x.git", "is not a host name"),
    ("file://relative/x.git", "file:///ABSOLUTE/PATH"),
    ("file://fileserver/x.git", "file:///ABSOLUTE/PATH"),
    ("https://git.corp.internal/x y.git", "no spaces"),
    ("https://git.corp.internal/x\"y.git", "characters pip rejects"),
]


@pytest.mark.parametrize(("given", "url"), ACCEPTED)
def test_accepted_urls_become_one_pip_and_pre_commit_accept(given: str, url: str) -> None:
    assert normalise_repo_url(given) == url
    pin = from_repo(given)
    assert pin.requirement == f"supplier-handbook @ git+{url}@{V}"
    req = Requirement(pin.requirement)  # pip's own parser
    assert req.name == "supplier-handbook" and req.url == f"git+{url}@{V}"
    assert (pin.repo, pin.rev) == (url, V)


@pytest.mark.parametrize(("given", "fragment"), REFUSED)
def test_refused_urls_say_why(given: str, fragment: str) -> None:
    with pytest.raises(ToolSourceError, match="--tool-repo") as caught:
        normalise_repo_url(given)
    assert fragment in str(caught.value)
    assert repr(given) in str(caught.value)  # quotes the value given


@pytest.mark.parametrize(("host", "placeholder"), [
    ("example.com", True), ("git.example.org", True), ("example.net", True),
    ("corp.example", True), ("x.invalid", True), ("ci.test", True), ("EXAMPLE.COM.", True),
    ("github.com", False), ("git.corp.internal", False), ("examples.com", False),
    ("myexample.com", False),
])
def test_placeholder_hosts(host: str, placeholder: bool) -> None:
    assert is_placeholder_host(host) is placeholder


@pytest.mark.parametrize("line", [f"supplier-handbook=={__version__}",
                                  "supplier_handbook>=0.1,<0.2",
                                  "supplier-handbook @ git+https://git.corp.internal/x.git@v1"])
def test_requirements_accepted(line: str) -> None:
    pin = from_requirement(line)
    assert (pin.requirement, pin.repo) == (line, None)


@pytest.mark.parametrize(("line", "fragment"), [
    ("supplier-handbook", "pins no version"),
    ("mkdocs==1.6", "expected 'supplier-handbook'"),
    ("supplier-handbook ==", "is not a pip requirement"),
    ("supplier-handbook @ git+https://git.example.com/x.git@v1", "placeholder host"),
])
def test_requirements_refused(line: str, fragment: str) -> None:
    with pytest.raises(ToolSourceError, match=fragment):
        from_requirement(line)


# --- PEP 610: what the running tool was installed from ---------------------------------------


def _installed(monkeypatch: pytest.MonkeyPatch, record: dict[str, Any] | None) -> None:
    monkeypatch.setattr(toolpin, "_direct_url", lambda: record)


def test_from_an_index(monkeypatch: pytest.MonkeyPatch) -> None:
    _installed(monkeypatch, None)
    pin = installed_pin()
    assert (pin.requirement, pin.repo) == (f"supplier-handbook=={__version__}", None)


def test_from_git_at_a_tag(monkeypatch: pytest.MonkeyPatch) -> None:
    _installed(monkeypatch, {"url": "https://git.corp.internal/p/supplier-handbook.git",
                             "vcs_info": {"vcs": "git", "requested_revision": "v0.1.0",
                                          "commit_id": "a" * 40}})
    pin = installed_pin()
    assert pin.requirement == (
        "supplier-handbook @ git+https://git.corp.internal/p/supplier-handbook.git@v0.1.0")
    assert (pin.repo, pin.rev) == ("https://git.corp.internal/p/supplier-handbook.git", "v0.1.0")


def test_from_git_at_a_commit(monkeypatch: pytest.MonkeyPatch) -> None:
    _installed(monkeypatch, {"url": "ssh://git@git.corp.internal/p/supplier-handbook.git",
                             "vcs_info": {"vcs": "git", "commit_id": "b" * 40}})
    assert installed_pin().rev == "b" * 40


def test_from_git_with_a_placeholder_host(monkeypatch: pytest.MonkeyPatch) -> None:
    _installed(monkeypatch, {"url": "https://git.example.com/p/x.git",
                             "vcs_info": {"vcs": "git", "commit_id": "b" * 40}})
    with pytest.raises(ToolSourceError, match=r"placeholder host.*--tool-repo"):
        installed_pin()


@pytest.mark.parametrize(("record", "how"), [
    ({"url": "file:///home/me/supplier-handbook", "dir_info": {"editable": True}},
     "in editable mode"),
    ({"url": "file:///home/me/supplier-handbook", "dir_info": {}}, "from a local folder"),
    ({"url": "file:///tmp/supplier_handbook-0.1.0-py3-none-any.whl", "archive_info": {}},
     "from an archive"),
])
def test_local_installs_ask_for_a_source(monkeypatch: pytest.MonkeyPatch,
                                         record: dict[str, Any], how: str) -> None:
    _installed(monkeypatch, record)
    with pytest.raises(ToolSourceError) as caught:
        installed_pin()
    message = str(caught.value)
    assert how in message and record["url"] in message
    assert "--tool-repo" in message and "--requirement" in message and V in message


def test_the_record_is_read_from_the_distribution() -> None:
    # the tests run this checkout (editable, or its egg-info): a local folder, never "index"
    record = toolpin._direct_url()
    assert record is not None
    assert isinstance(json.loads(json.dumps(record)).get("dir_info"), dict)


# --tool-repo is checked: a tag git ls-remote finds, else a commit the repository has

_GIT_ENV = {**{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
            "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_AUTHOR_NAME": "Dana Okafor", "GIT_AUTHOR_EMAIL": "dana@corp.internal",
            "GIT_COMMITTER_NAME": "Dana Okafor", "GIT_COMMITTER_EMAIL": "dana@corp.internal"}


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "tag.gpgsign=false",
                           "-c", "commit.gpgsign=false", *args], cwd=cwd, env=_GIT_ENV,
                          capture_output=True, text=True, check=True).stdout.strip()


@pytest.fixture
def tool_server(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """A bare "git server" with the tool's history, and ``work``, a clone of it the tool
    could be installed from; ``{name: commit}``."""
    work = tmp_path / "work"
    work.mkdir()
    _git(work, "init", "-q")
    init = work / "generator" / "supplier_handbook" / "__init__.py"
    init.parent.mkdir(parents=True)
    commits = {}
    for name, version in (("old", "0.0.1"), ("release", __version__), ("later", __version__)):
        init.write_text(f'__version__ = "{version}"\n# {name}\n')
        _git(work, "add", "-A")
        _git(work, "commit", "-q", "-m", name)
        commits[name] = _git(work, "rev-parse", "HEAD")
    server = tmp_path / "server.git"
    _git(tmp_path, "clone", "-q", "--bare", str(work), str(server))
    return work, server, commits


def _from_folder(monkeypatch: pytest.MonkeyPatch, folder: Path, editable: bool = False) -> None:
    _installed(monkeypatch, {"url": folder.as_uri(), "dir_info": {"editable": editable}})


@pytest.mark.parametrize("editable", [False, True])
def test_a_missing_tag_pins_the_commit_of_the_clone_installed_from(
        tool_server: tuple[Path, Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch,
        editable: bool) -> None:
    work, server, commits = tool_server
    _git(work, "checkout", "-q", commits["release"])  # not the tip of main: history holds it
    _from_folder(monkeypatch, work, editable)
    pin = toolpin.verified_repo_pin(str(server))
    assert pin.rev == commits["release"]
    assert pin.requirement.endswith(f"@{commits['release']}")
    assert pin.warning is not None and f"has no tag v{__version__} yet" in pin.warning
    assert f"its folder {work} is at it" in pin.origin


def test_a_missing_tag_pins_the_installed_commit_when_the_repository_has_it(
        tool_server: tuple[Path, Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    _work, server, commits = tool_server
    _installed(monkeypatch, {"url": "https://git.corp.internal/p/supplier-handbook.git",
                             "vcs_info": {"vcs": "git", "commit_id": commits["later"]}})
    assert toolpin.verified_repo_pin(str(server)).rev == commits["later"]
    _installed(monkeypatch, {"url": "https://git.corp.internal/p/supplier-handbook.git",
                             "vcs_info": {"vcs": "git", "commit_id": "c" * 40}})
    with pytest.raises(ToolSourceError, match="nor the commit cccccccccccc"):
        toolpin.verified_repo_pin(str(server))


def test_nothing_is_guessed_when_the_installed_commit_is_not_known(
        tool_server: tuple[Path, Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    work, server, _commits = tool_server
    (work / "generator" / "supplier_handbook" / "__init__.py").write_text("# changed\n")
    _from_folder(monkeypatch, work)
    with pytest.raises(ToolSourceError, match="has uncommitted changes"):
        toolpin.verified_repo_pin(str(server))
    for record in (None, {"url": "file:///tmp/supplier_handbook-1.0-py3-none-any.whl",
                          "archive_info": {}}):
        _installed(monkeypatch, record)
        with pytest.raises(ToolSourceError, match=f"has no tag v{__version__} yet"):
            toolpin.verified_repo_pin(str(server))


def test_the_tag_is_pinned_once_it_exists(
        tool_server: tuple[Path, Path, dict[str, str]]) -> None:
    work, server, commits = tool_server
    _git(work, "tag", "-a", f"v{__version__}", commits["release"], "-m", "release")
    _git(work, "push", "-q", str(server), f"v{__version__}")
    pin = toolpin.verified_repo_pin(str(server))
    assert pin.rev == f"v{__version__}" and pin.warning is None
    assert "git ls-remote found there" in pin.origin


def test_an_unreachable_repository_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ToolSourceError, match=r"git ls-remote failed.*--requirement"):
        toolpin.verified_repo_pin(str(tmp_path / "missing.git"))
