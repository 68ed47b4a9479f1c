"""The pre-commit hook, for real: ``pre-commit try-repo`` against this repository.

``try-repo`` sees only what is committed (plus tracked changes), so the repository's files
as they would be committed (tracked and new, less the ignored ones) are copied into a
temporary git repository and committed there. pre-commit then pip-installs that copy into
an environment of its own (``language: python``), which needs the package index; each
``try-repo`` builds a fresh environment (30-45 s with a warm pip cache); the two runs
go side by side.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from supplier_handbook.model.check import check_paths

from tests.conftest import ROOT
from tests.samples import MINIMAL_SUPPLIER

pytestmark = pytest.mark.slow  # pre-commit installs the hook's environment

pytest.importorskip("pre_commit", reason="pre-commit is in the test extras")

PRE_COMMIT = [sys.executable, "-m", "pre_commit"]
BAD = MINIMAL_SUPPLIER.replace("level: low", "level: huge")


def _env(home: Path) -> dict[str, str]:
    # No GIT_DIR/GIT_INDEX_FILE leaking in when the tests run inside a git hook.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    return {
        **env,
        "PRE_COMMIT_HOME": str(home),
        "GIT_AUTHOR_NAME": "test",
        "GIT_AUTHOR_EMAIL": "test@example.com",
        "GIT_COMMITTER_NAME": "test",
        "GIT_COMMITTER_EMAIL": "test@example.com",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }


def _git(cwd: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args],
        cwd=cwd, env=env, capture_output=True, text=True, check=True,
    )
    return done.stdout


def test_the_manifest_declares_the_hook() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "handbook-check"]
    assert hook["entry"] == "handbook check"
    assert hook["language"] == "python"
    assert hook["files"] == r"^suppliers/.*\.ya?ml$"
    assert hook["pass_filenames"] is True
    assert hook["name"]
    done = subprocess.run(
        [*PRE_COMMIT, "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository as it would be committed, committed in a temporary git repository."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    env = _env(tmp_path_factory.mktemp("unused-home"))
    listed = _git(ROOT, env, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    copy = tmp_path_factory.mktemp("hook-repo")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the work tree is not copied
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    _git(copy, env, "init", "-q")
    _git(copy, env, "add", "-A")
    _git(copy, env, "commit", "-q", "-m", "the repository as it would be committed")
    return copy


@pytest.fixture(scope="module")
def handbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A handbook repository with one good and one bad supplier file."""
    repo = tmp_path_factory.mktemp("handbook")
    (repo / "suppliers").mkdir()
    (repo / "suppliers" / "good-supplier.yaml").write_text(MINIMAL_SUPPLIER, encoding="utf-8")
    (repo / "suppliers" / "bad-supplier.yaml").write_text(BAD, encoding="utf-8")
    # Not a supplier file: the hook's `files` pattern must keep it from the check.
    (repo / "mkdocs.yml").write_text("site_name: not a supplier\n", encoding="utf-8")
    _git(repo, _env(repo), "init", "-q")
    return repo


RUNS = {
    "good": ("suppliers/good-supplier.yaml", "mkdocs.yml"),
    "bad": ("suppliers/bad-supplier.yaml", "suppliers/good-supplier.yaml"),
}


@pytest.fixture(scope="module")
def hook_runs(
    hook_repo: Path, handbook: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[int, str]]:
    """``pre-commit try-repo REPO handbook-check --files ...`` for each of ``RUNS``, run at
    the same time: each installs its own environment, so together they take half as long."""
    started = {
        name: subprocess.Popen(
            [*PRE_COMMIT, "try-repo", str(hook_repo), "handbook-check", "--color", "never",
             "--files", *files],
            cwd=handbook, env=_env(tmp_path_factory.mktemp(f"pre-commit-{name}")),
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        for name, files in RUNS.items()
    }
    results: dict[str, tuple[int, str]] = {}
    for name, process in started.items():
        try:
            output, _ = process.communicate(timeout=900)
        except subprocess.TimeoutExpired:
            process.kill()
            output, _ = process.communicate()
        results[name] = (process.returncode, output)
    return results


def test_good_files_pass_and_other_yaml_is_not_checked(
    hook_runs: dict[str, tuple[int, str]],
) -> None:
    code, output = hook_runs["good"]
    assert code == 0, output
    assert "handbook check" in output and "Passed" in output


def test_a_bad_file_fails_the_hook_with_the_located_error(
    hook_runs: dict[str, tuple[int, str]], handbook: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(handbook)
    (expected,) = check_paths([Path("suppliers/bad-supplier.yaml")]).problems
    assert expected.format().startswith("suppliers/bad-supplier.yaml:")

    code, output = hook_runs["bad"]
    assert code == 1, output
    assert "Failed" in output
    assert expected.format() in output.splitlines()
    assert "good-supplier.yaml:" not in output
