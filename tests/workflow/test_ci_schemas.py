"""Both CI files validate against the published GitHub workflow and GitLab CI schemas, as
vendored by check-jsonschema (no network), and do what the README says they do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from supplier_handbook.adopt.scaffold import scaffold_dir

pytest.importorskip("check_jsonschema", reason="check-jsonschema is in the test extra")

FILES = {"github-workflow.yml": "vendor.github-workflows", "gitlab-ci.yml": "vendor.gitlab-ci"}


def _validate(path: Path, schema: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True, text=True, timeout=120, check=False,
    )


@pytest.mark.parametrize(("name", "schema"), FILES.items())
def test_the_ci_file_validates_against_its_platforms_schema(name: str, schema: str) -> None:
    path = Path(str(scaffold_dir().joinpath(name)))
    done = _validate(path, schema)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok -- validation done" in done.stdout


@pytest.mark.parametrize(("name", "schema", "broken"), [
    ("github-workflow.yml", "vendor.github-workflows", ("runs-on: ubuntu-latest", "runs_on: x")),
    ("gitlab-ci.yml", "vendor.gitlab-ci", ("when: always", "when: sometimes")),
])
def test_the_validation_can_fail(tmp_path: Path, name: str, schema: str,
                                 broken: tuple[str, str]) -> None:
    text = scaffold_dir().joinpath(name).read_text(encoding="utf-8")
    assert broken[0] in text
    bad = tmp_path / name
    bad.write_text(text.replace(broken[0], broken[1], 1), encoding="utf-8")
    assert _validate(bad, schema).returncode == 1


def _load(name: str) -> Any:
    return yaml.safe_load(scaffold_dir().joinpath(name).read_text(encoding="utf-8"))


def test_github_pull_requests_check_summarise_and_build_without_publishing() -> None:
    jobs = _load("github-workflow.yml")["jobs"]
    steps = {step.get("name", step.get("uses")): step for step in jobs["check"]["steps"]}
    check = steps["Check the supplier files"]
    diff = steps["What changes in the handbook"]
    build = next(s for n, s in steps.items() if n.startswith("Build the site strictly"))
    assert check["id"] == "check"
    # runs when the check failed, too (once suppliers/ holds a file)
    assert diff["if"] == "${{ !cancelled() && steps.suppliers.outputs.any == 'yes' }}"
    assert "handbook diff --format markdown" in diff["run"]
    assert build["run"].startswith("handbook build --strict")
    assert "steps.check.outcome == 'success'" in build["if"]
    pr_runs = " ".join(str(s.get("run", "")) for s in jobs["check"]["steps"])
    assert "mike" not in pr_runs and "permissions" not in jobs["check"]
    publish_runs = " ".join(str(s.get("run", "")) for s in jobs["publish"]["steps"])
    assert "mike deploy --push" in publish_runs


def test_github_private_tool_repository_token_stays_in_the_install_step() -> None:
    jobs = _load("github-workflow.yml")["jobs"]
    for job in jobs.values():
        (install,) = [s for s in job["steps"] if s.get("name") == "Install the handbook tool"]
        assert install["env"] == {"TOOL_TOKEN": "${{ secrets.HANDBOOK_TOOL_TOKEN }}"}
        assert "GIT_CONFIG_COUNT" in install["run"]
        assert install["run"].rstrip().endswith("pip install -r requirements.txt")
        assert "git config --global" not in install["run"]  # never persisted for later steps


def test_gitlab_merge_requests_check_summarise_and_build_without_publishing() -> None:
    ci = _load("gitlab-ci.yml")
    script = ci["check"]["script"]
    assert script[0].startswith("handbook check --format gitlab suppliers")
    assert script[0].endswith("|| check_failed=1")  # the diff still runs
    diff = next(i for i, line in enumerate(script) if line.startswith("handbook diff"))
    fail = next(i for i, line in enumerate(script) if "check_failed" in line and i > 0)
    build = next(i for i, line in enumerate(script) if line.startswith("handbook build"))
    assert diff < fail < build
    assert "--strict" in script[build] and not any("mike" in line for line in script)
    assert any(line.startswith("mike deploy") for line in ci["pages"]["script"])
    assert "CI_JOB_TOKEN" in ci["default"]["before_script"][0]
    assert ci["default"]["before_script"][0].endswith("pip install -r requirements.txt")


def test_the_gitlab_check_job_script_keeps_going_to_the_diff(tmp_path: Path) -> None:
    """The check job's lines, run by a shell as GitLab runs them (errexit), with stand-ins
    for handbook and git: a failing check still writes the diff, then fails the job."""
    script = _load("gitlab-ci.yml")["check"]["script"]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "handbook").write_text(
        '#!/bin/sh\necho "handbook $*" >> "$LOG"\n[ "$1" = check ] && exit 1\nexit 0\n')
    (bin_dir / "git").write_text('#!/bin/sh\necho "git $*" >> "$LOG"\n')
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    log = tmp_path / "log"
    done = subprocess.run(
        ["bash", "-e", "-o", "pipefail", "-c", "\n".join(script)], cwd=tmp_path,
        env={"PATH": f"{bin_dir}:/usr/bin:/bin", "LOG": str(log), "BASE": "main",
             "CI_PROJECT_DIR": str(tmp_path)},
        capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 1
    ran = log.read_text().splitlines()
    assert [line.split()[1] for line in ran] == ["check", "fetch", "diff"]  # no build
    assert (tmp_path / "handbook-diff.md").exists()
