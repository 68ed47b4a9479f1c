"""``handbook handover SLUG --to NAME --notes FILE`` then ``git commit``, with the
repository's pre-commit hook installed: the commit passes (issue 24, item 2). With
``--no-notes`` the hook refuses it, which shows that the hook really ran.

The hook is this repository's (``.pre-commit-hooks.yaml``: its entry, its ``files`` pattern,
``pass_filenames``), installed with ``pre-commit install`` as a team would; it runs as a
``language: system`` hook, so that it runs this checkout's ``handbook`` (through PYTHONPATH)
without pip-installing the tool into a fresh environment (``tests/workflow`` does that).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

pytestmark = pytest.mark.slow  # pre-commit and git in subprocesses

pytest.importorskip("pre_commit", reason="pre-commit is in the test extras")

SUPPLIER = """\
# The supplier file of a team's handbook.
name: Acme Castings GmbH
category: Aluminium housings
summary: Sole source of housings.
impact:
  level: low
governance:
  model: transactional
owner:
  name: Dana Okafor
  email: dana.okafor@example.com   # Dana's own
  since: 2025-01-01
contacts:
  - name: Maria Schmidt
    side: supplier
    level: executive
    role: Managing Director
"""


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    generator = str(ROOT / "generator")
    return {
        **env,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        "PYTHONPATH": os.pathsep.join(filter(None, [generator, env.get("PYTHONPATH")])),
        "PRE_COMMIT_HOME": str(home),
        "HOME": str(home),
        "GIT_AUTHOR_NAME": "Dana Okafor",
        "GIT_AUTHOR_EMAIL": "dana@example.com",
        "GIT_COMMITTER_NAME": "Dana Okafor",
        "GIT_COMMITTER_EMAIL": "dana@example.com",
        "GIT_CONFIG_NOSYSTEM": "1",
    }


def _run(cwd: Path, env: dict[str, str], *args: str, check: bool = True
         ) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True)
    if check:
        assert done.returncode == 0, (args, done.stdout, done.stderr)
    return done


@pytest.fixture
def team_repo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    repo = tmp_path / "handbook"
    (repo / "suppliers").mkdir(parents=True)
    (repo / "suppliers" / "acme-castings.yaml").write_text(SUPPLIER, encoding="utf-8")
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "handbook-check"]
    local = {**hook, "language": "system"}
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    env = _env(tmp_path / "home")
    (tmp_path / "home").mkdir()
    git = shutil.which("git")
    assert git
    _run(repo, env, git, "init", "-q", "-b", "main")
    _run(repo, env, git, "config", "commit.gpgsign", "false")
    _run(repo, env, sys.executable, "-m", "pre_commit", "install")
    _run(repo, env, git, "add", "-A")
    _run(repo, env, git, "commit", "-q", "-m", "the handbook")
    return repo, env


def _handbook(repo: Path, env: dict[str, str], *args: str, input: str | None = None
              ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "supplier_handbook", *args], cwd=repo,
                          env=env, capture_output=True, text=True, input=input)


def test_a_handover_with_notes_commits_through_the_hook(
    team_repo: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    repo, env = team_repo
    notes = tmp_path / "notes.md"
    notes.write_text("Maria decides. The March price review is promised.\n", encoding="utf-8")
    done = _handbook(repo, env, "handover", "acme-castings", "--to", "Lee Chen", "--notes",
                     str(notes))
    assert done.returncode == 0, done.stdout + done.stderr
    _run(repo, env, "git", "add", "-A")
    commit = _run(repo, env, "git", "commit", "-m", "Hand Acme over to Lee", check=False)
    assert commit.returncode == 0, commit.stdout + commit.stderr
    assert "handbook check" in commit.stdout + commit.stderr  # the hook ran
    assert "Passed" in commit.stdout + commit.stderr
    log = _run(repo, env, "git", "log", "--oneline").stdout
    assert "Hand Acme over to Lee" in log


def test_without_notes_the_hook_refuses_and_the_output_said_so(
    team_repo: tuple[Path, dict[str, str]],
) -> None:
    repo, env = team_repo
    done = _handbook(repo, env, "handover", "acme-castings", "--to", "Lee Chen", "--no-notes")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "before the pull request is merged" in done.stdout
    _run(repo, env, "git", "add", "-A")
    commit = _run(repo, env, "git", "commit", "-m", "Hand Acme over", check=False)
    assert commit.returncode != 0
    assert "still the scaffold of `handbook handover`" in commit.stdout + commit.stderr
