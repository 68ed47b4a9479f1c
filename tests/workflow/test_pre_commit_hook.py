"""The pre-commit hook, for real: a handbook repository's ``.pre-commit-config.yaml`` names
this repository (at a commit) and ``pre-commit run`` runs its hook.

pre-commit installs only what is committed, so the repository's files as they would be
committed (tracked and new, less the ignored ones) are copied into a temporary git
repository and committed there. pre-commit then pip-installs that copy into an environment
of its own (``language: python``), which needs the package index (30-45 s with a warm pip
cache). The two runs share one ``PRE_COMMIT_HOME``, as two commits in one clone do: the
second reuses the environment the first installed. (``pre-commit try-repo`` would install
it again for every run: it keeps its environments in a temporary folder of its own.)
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

pytestmark = pytest.mark.slow(seconds=25)  # pre-commit installs the hook's environment

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
    """``pre-commit run handbook-check --files ...`` in ``handbook`` for each of ``RUNS``,
    its config naming ``hook_repo`` at its commit; one after the other, with one
    ``PRE_COMMIT_HOME``: the first installs the hook's environment, the second reuses it."""
    env = _env(tmp_path_factory.mktemp("pre-commit-home"))
    rev = _git(hook_repo, env, "rev-parse", "HEAD").strip()
    config = {"repos": [{"repo": str(hook_repo), "rev": rev,
                         "hooks": [{"id": "handbook-check"}]}]}
    (handbook / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    results: dict[str, tuple[int, str]] = {}
    for name, files in RUNS.items():
        done = subprocess.run(
            [*PRE_COMMIT, "run", "handbook-check", "--color", "never", "--files", *files],
            cwd=handbook, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, timeout=900, check=False,
        )
        results[name] = (done.returncode, done.stdout)
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


def test_the_second_run_reuses_the_environment_the_first_installed(
    hook_runs: dict[str, tuple[int, str]],
) -> None:
    first, second = (output for _, output in hook_runs.values())
    assert "Installing environment" in first, first
    assert "Installing environment" not in second, second
