"""A release is made from main alone: ``scripts/release-tag``, which this repository's CI runs
on every push to main, tags the commit main is at when the version is new and pushes the
tag; it refuses a version that goes backwards and a changelog without the version's entry.
Run against a local bare repository standing in for the git server; both CI definitions
call it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

SCRIPT = ROOT / "scripts" / "release-tag"
INIT = "generator/supplier_handbook/__init__.py"
ENV = {**{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
       "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
       "GIT_AUTHOR_NAME": "Dana Okafor", "GIT_AUTHOR_EMAIL": "dana@corp.internal",
       "GIT_COMMITTER_NAME": "Dana Okafor", "GIT_COMMITTER_EMAIL": "dana@corp.internal"}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "init.defaultBranch=main", "-c", "tag.gpgsign=false",
                           "-c", "commit.gpgsign=false", *args], cwd=cwd, env=ENV,
                          capture_output=True, text=True, check=True).stdout


def commit(clone: Path, version: str, changelog: str, message: str) -> str:
    (clone / INIT).parent.mkdir(parents=True, exist_ok=True)
    (clone / INIT).write_text(f'"""The tool."""\n\n__version__ = "{version}"\n')
    (clone / "CHANGELOG.md").write_text(f"# Changelog\n\n{changelog}")
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", message)
    git(clone, "push", "-q", "origin", "HEAD:main")
    return git(clone, "rev-parse", "HEAD").strip()


def release(clone: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), "--root", str(clone), *args],
                          cwd=clone, env=ENV, capture_output=True, text=True, check=False)


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    server = tmp_path / "server.git"
    git(tmp_path, "init", "-q", "--bare", str(server))
    git(tmp_path, "clone", "-q", str(server), "clone")
    return tmp_path / "clone"


def server_tags(clone: Path) -> dict[str, str]:
    lines = git(clone, "ls-remote", "--tags", "origin").splitlines()
    return {ref.removeprefix("refs/tags/").removesuffix("^{}"): sha for sha, ref in
            (line.split("\t") for line in lines) if ref.endswith("^{}")}


def test_a_new_version_is_tagged_on_the_commit_main_is_at(clone: Path) -> None:
    commit(clone, "0.2.1", "## 0.2.1 - 2026-12-01\n\n- Faster.\n", "Release 0.2.1")
    first = commit(clone, "0.2.1", "## 0.2.1 - 2026-12-01\n\n- Faster, said better.\n",
                   "Wording")  # pushed together: the CI runs on the last one
    done = release(clone)
    assert done.returncode == 0, done.stderr
    assert server_tags(clone) == {"v0.2.1": first}
    assert "first release" in done.stdout

    commit(clone, "0.2.1", "## 0.2.1 - 2026-12-01\n\n- Faster.\n", "Later, same version")
    again = release(clone)
    assert again.returncode == 0 and "nothing to release" in again.stdout
    assert server_tags(clone) == {"v0.2.1": first}  # a release tag never moves

    bumped = commit(clone, "0.3.0", "## 0.3.0 - 2026-12-05\n\n- Releases.\n\n"
                    "## 0.2.1 - 2026-12-01\n\n- Faster.\n", "Release 0.3.0")
    dry = release(clone, "--dry-run")
    assert "would tag v0.3.0 (after v0.2.1)" in dry.stdout
    assert set(server_tags(clone)) == {"v0.2.1"}
    assert release(clone).returncode == 0
    assert server_tags(clone) == {"v0.2.1": first, "v0.3.0": bumped}


def test_a_version_going_backwards_is_refused(clone: Path) -> None:
    commit(clone, "0.3.0", "## 0.3.0 - 2026-12-05\n", "Release 0.3.0")
    assert release(clone).returncode == 0
    commit(clone, "0.2.9", "## 0.2.9 - 2026-12-06\n\n## 0.3.0 - 2026-12-05\n", "Oops")
    done = release(clone)
    assert done.returncode == 1
    assert "0.2.9" in done.stderr and "lower than the latest release v0.3.0" in done.stderr
    assert set(server_tags(clone)) == {"v0.3.0"}


@pytest.mark.parametrize("changelog", [
    "## Unreleased\n\n- Releases.\n",
    "## 0.3.0\n\n- no date\n",
    "## 0.3.1 - 2026-12-05\n",
])
def test_a_changelog_without_the_entry_is_refused(clone: Path, changelog: str) -> None:
    commit(clone, "0.3.0", changelog, "Release 0.3.0")
    done = release(clone)
    assert done.returncode == 1
    assert "CHANGELOG.md has no entry '## 0.3.0 - YYYY-MM-DD'" in done.stderr
    assert server_tags(clone) == {}


def test_a_clone_without_tags_sees_the_servers_tags(clone: Path, tmp_path: Path) -> None:
    commit(clone, "0.3.0", "## 0.3.0 - 2026-12-05\n", "Release 0.3.0")
    assert release(clone).returncode == 0
    git(tmp_path, "clone", "-q", "--no-tags", str(tmp_path / "server.git"), "other")
    assert git(tmp_path / "other", "tag", "-l") == ""
    done = release(tmp_path / "other")
    assert done.returncode == 0 and "nothing to release" in done.stdout


def test_this_repositorys_version_has_its_changelog_entry() -> None:
    text = (ROOT / INIT).read_text(encoding="utf-8")
    version = text.split('__version__ = "', 1)[1].split('"', 1)[0]
    assert f"\n## {version} - " in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def _commands(job: dict[str, object]) -> str:
    steps = job.get("steps", [])
    runs = [str(step.get("run", "")) for step in steps if isinstance(step, dict)] \
        if isinstance(steps, list) else []
    script = job.get("script", [])
    return "\n".join([*runs, *(map(str, script) if isinstance(script, list) else [])])


def test_both_ci_definitions_tag_on_main_with_the_script_and_keep_the_build() -> None:
    github = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text())
    assert github[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads `on` as True
    (job,) = github["jobs"].values()
    commands = _commands(job)
    assert "scripts/release-tag" in commands and "python -m build" in commands
    assert commands.index("python -m build") < commands.rindex("scripts/release-tag")
    uploads = [s for s in job["steps"] if str(s.get("uses", "")).startswith(
        "actions/upload-artifact")]
    assert uploads and uploads[0]["with"]["path"] == "dist/"
    checkout = next(s for s in job["steps"] if str(s.get("uses", "")).startswith(
        "actions/checkout"))
    assert checkout["with"]["persist-credentials"] is False

    gitlab = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text())
    job = gitlab["release"]
    assert job["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    commands = _commands(job)
    assert "scripts/release-tag" in commands and "python -m build" in commands
    assert commands.index("python -m build") < commands.rindex("scripts/release-tag")
    assert job["artifacts"]["paths"] == ["dist/"]
    assert "remote set-url" not in commands and "git config" not in commands


@pytest.mark.parametrize(("path", "schema"), [
    (".github/workflows/release.yml", "vendor.github-workflows"),
    (".gitlab-ci.yml", "vendor.gitlab-ci"),
])
def test_the_ci_definitions_validate_against_their_platforms_schema(path: str,
                                                                    schema: str) -> None:
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is in the test extra")
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(ROOT / path)],
        capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
