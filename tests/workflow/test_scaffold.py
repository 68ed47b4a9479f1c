"""``init_handbook``: a new handbook repository that checks, builds, and is wired for CI.

Its ``mkdocs.yml`` and guides are this repository's own (``shipped``): kept once, so there is
no copy to keep equal. Its ``suppliers/`` starts empty; the package's own example supplier
goes to ``examples/``, which is never published.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from supplier_handbook import __version__
from supplier_handbook.adopt.scaffold import (
    EXAMPLE_PATH,
    FILES,
    INDEX_HOOKS,
    TargetNotFolderError,
    example_years,
    guide_names,
    guide_pictures,
    init_handbook,
    scaffold_dir,
    shift_years,
    source_file,
)
from supplier_handbook.adopt.shipped import SOURCES, shipped
from supplier_handbook.adopt.toolpin import ToolPin, from_repo
from supplier_handbook.commands.cli import main
from supplier_handbook.model.check import check_paths

from tests.conftest import ROOT

TODAY = date(2026, 11, 23)
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
TOOL_REPO = "https://git.corp.internal/procurement/supplier-handbook.git"
PIN = from_repo(TOOL_REPO)


def init(target: Path, today: date = TODAY, pin: ToolPin = PIN) -> list[Path]:
    """The files ``init_handbook`` wrote, as paths."""
    return [target / p for p in init_handbook(target, today, pin).written]


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def created(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    target = tmp_path_factory.mktemp("init") / "new-handbook"
    return target, init(target)


# --- what is written -----------------------------------------------------------------------


def test_writes_the_complete_repository(created: tuple[Path, list[Path]]) -> None:
    target, written = created
    relative = sorted(p.relative_to(target).as_posix() for p in written)
    assert relative == sorted(
        [
            *FILES,
            *(f"content/guides/{name}" for name in guide_names()),
            *(f"content/guides/{name}" for name in guide_pictures()),
            "schema/supplier.schema.json",
        ]
    )
    assert all(p.is_file() for p in written)
    assert len(guide_names()) >= 6
    assert (target / ".github/workflows/handbook.yml").is_file()
    # the team's suppliers/ starts empty (kept in git by .gitkeep); the example is elsewhere
    assert sorted(p.name for p in (target / "suppliers").iterdir()) == [".gitkeep"]
    assert (target / EXAMPLE_PATH).is_file() and not EXAMPLE_PATH.startswith("suppliers/")


def test_the_example_passes_the_check(created: tuple[Path, list[Path]]) -> None:
    target, _ = created
    result = check_paths([target / EXAMPLE_PATH])
    assert result.files_checked == 1
    assert result.problems == [], [p.format() for p in result.problems]
    assert [s.slug for s in result.suppliers] == ["example-supplier"]


def _build(target: Path, site: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(target / "mkdocs.yml"),
         "-d", str(site)],
        env=ENV, capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stderr


def test_the_new_handbook_builds_strict_and_never_publishes_the_example(
        created: tuple[Path, list[Path]]) -> None:
    target, _ = created
    site = target.parent / "site"
    _build(target, site)
    for page in ("index.html", "owners/index.html", "actions/index.html",
                 "culture-check/index.html", "guides/first-30-days/index.html",
                 "api/suppliers.json"):
        assert (site / page).is_file(), page
    published = [p for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".json")]
    assert not [p for p in published if "Brennwald" in p.read_text(encoding="utf-8")]
    assert not (site / "suppliers" / "example-supplier").exists()


def test_with_the_example_copied_into_suppliers_it_builds_its_page(tmp_path: Path) -> None:
    target = tmp_path / "h"
    init(target)
    shutil.copyfile(target / EXAMPLE_PATH, target / "suppliers" / "example-supplier.yaml")
    _build(target, tmp_path / "site")
    assert (tmp_path / "site" / "suppliers" / "example-supplier" / "index.html").is_file()


def test_mkdocs_yml_has_the_handbook_structure(created: tuple[Path, list[Path]]) -> None:
    config = _yaml(created[0] / "mkdocs.yml")
    assert config["theme"]["name"] == "material"
    assert config["theme"]["font"] is False
    assert config["plugins"] == ["search", {"handbook": {"suppliers_dir": "suppliers"}}]
    pages = {
        page: target for item in config["nav"] for page, target in item.items()
    }
    for generated in ("index.md", "suppliers/index.md", "owners/index.md", "actions.md",
                      "culture-check.md"):
        assert generated in pages.values(), generated
    assert sorted(pages["Guides"]) == [f"guides/{name}" for name in guide_names()]
    assert config["extra"]["version"]["provider"] == "mike"  # the editions' selector


def test_tool_pins_and_hook_config(created: tuple[Path, list[Path]]) -> None:
    target, _ = created
    requirements = (target / "requirements.txt").read_text(encoding="utf-8")
    needed = [line for line in requirements.splitlines() if line and not line.startswith("#")]
    assert needed == [f"supplier-handbook @ git+{TOOL_REPO}@v{__version__}",
                      "-c constraints.txt"]
    (repo,) = _yaml(target / ".pre-commit-config.yaml")["repos"]
    assert repo == {"repo": TOOL_REPO, "rev": f"v{__version__}",
                    "hooks": [{"id": "handbook-check"}]}
    ids = [hook["id"] for hook in _yaml(ROOT / ".pre-commit-hooks.yaml")]
    assert "handbook-check" in ids
    ignored = (target / ".gitignore").read_text(encoding="utf-8").split()
    assert {"site/", ".venv/"} <= set(ignored)
    readme = (target / "README.md").read_text(encoding="utf-8")
    assert TODAY.isoformat() in readme and "@" + "VERSION@" not in readme


def test_tool_repo_is_a_parameter(tmp_path: Path) -> None:
    url = "https://git.corp.internal/buying/supplier-handbook.git"
    init(tmp_path / "h", pin=from_repo(url))
    assert f"git+{url}@v{__version__}" in (tmp_path / "h/requirements.txt").read_text()
    assert f"repo: {url}" in (tmp_path / "h/.pre-commit-config.yaml").read_text()


def test_an_index_pin_gets_a_local_hook_with_the_same_requirement(tmp_path: Path) -> None:
    pin = ToolPin(f"supplier-handbook=={__version__}", None, None, "the package index")
    init(tmp_path / "h", pin=pin)
    needed = [line for line in (tmp_path / "h/requirements.txt").read_text().splitlines()
              if line and not line.startswith("#")]
    assert needed == [f"supplier-handbook=={__version__}", "-c constraints.txt"]
    (repo,) = _yaml(tmp_path / "h/.pre-commit-config.yaml")["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    manifest = {h["id"]: h for h in _yaml(ROOT / ".pre-commit-hooks.yaml")}
    assert hook["additional_dependencies"] == [f"supplier-handbook=={__version__}"]
    for key in ("id", "entry", "language", "files", "pass_filenames"):
        assert hook[key] == manifest["handbook-check"][key], key
    assert scaffold_dir().joinpath(INDEX_HOOKS).is_file()


# --- an existing repository: add what is missing, never overwrite -----------------------------


def test_an_existing_repository_gets_only_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "README.md").write_text("# Our handbook\n", encoding="utf-8")
    (tmp_path / "LICENSE").write_text("MIT\n", encoding="utf-8")
    (tmp_path / ".gitignore").write_text("node_modules/\nsite/", encoding="utf-8")
    done = init_handbook(tmp_path, TODAY, PIN)
    assert done.kept == ["README.md"]
    assert done.appended == [".gitignore"]
    assert done.steps == "CONTRIBUTING.md"  # the steps the kept README does not hold
    steps = (tmp_path / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for words in ("pip install -r requirements.txt", "pre-commit install", "handbook new",
                  "handbook check", "## Review a change"):
        assert words in steps, words
    assert "mkdocs.yml" in done.written and "README.md" not in done.written
    assert (tmp_path / "README.md").read_text() == "# Our handbook\n"
    # the handbook's own README (its CI and update sections) goes beside the team's
    assert "HANDBOOK.md" in done.written
    handbook_readme = (tmp_path / "HANDBOOK.md").read_text(encoding="utf-8")
    assert "requirements.txt" in handbook_readme and "@BRANCH@" not in handbook_readme
    assert (tmp_path / "LICENSE").read_text() == "MIT\n"
    ignored = (tmp_path / ".gitignore").read_text().splitlines()
    assert ignored[:2] == ["node_modules/", "site/"]  # kept first, as it was
    assert ignored.count("site/") == 1 and ".venv/" in ignored
    assert check_paths([tmp_path / "suppliers"]).problems == []


def test_the_branch_that_publishes_is_the_repositorys_own(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", "-b", "master", str(tmp_path)], check=True)
    result = CliRunner().invoke(main, ["init", str(tmp_path), "--requirement",
                                       "supplier-handbook==0.3.0", "--repo-url",
                                       "https://github.com/acme/handbook"])
    assert result.exit_code == 0, result.output
    assert "publishing runs on the branch master" in result.output
    workflow = (tmp_path / ".github/workflows/handbook.yml").read_text(encoding="utf-8")
    assert 'branches: ["master"]' in workflow and '"main"' not in workflow
    steps = (tmp_path / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "handbook diff origin/master HEAD" in steps
    assert "edit_uri: edit/master/" in (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    for path in tmp_path.rglob("*"):
        if path.is_file() and ".git" not in path.parts and path.suffix in (".md", ".yml"):
            assert "@BRANCH@" not in path.read_text(encoding="utf-8"), path


def test_a_teams_own_contributing_file_is_kept_and_the_steps_go_beside_it(
        tmp_path: Path) -> None:
    (tmp_path / "CONTRIBUTING.md").write_text("Be kind.\n", encoding="utf-8")
    done = init_handbook(tmp_path, TODAY, PIN)
    assert done.steps == "CONTRIBUTING-handbook.md" and "CONTRIBUTING.md" in done.kept
    assert (tmp_path / "CONTRIBUTING.md").read_text() == "Be kind.\n"
    assert "handbook check" in (tmp_path / "CONTRIBUTING-handbook.md").read_text()
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "[CONTRIBUTING-handbook.md](CONTRIBUTING-handbook.md)" in readme
    again = init_handbook(tmp_path, TODAY, PIN)
    assert again.steps == "CONTRIBUTING-handbook.md" and again.written == []


def test_init_twice_keeps_everything(created: tuple[Path, list[Path]]) -> None:
    target, written = created
    before = {p: p.read_bytes() for p in target.rglob("*") if p.is_file()}
    done = init_handbook(target, TODAY, PIN)
    assert done.written == [] and done.appended == []
    assert sorted(done.kept) == sorted(p.relative_to(target).as_posix() for p in written)
    assert {p: p.read_bytes() for p in target.rglob("*") if p.is_file()} == before


def test_a_changed_file_is_kept_as_it_is(tmp_path: Path) -> None:
    init(tmp_path / "h")
    (tmp_path / "h/mkdocs.yml").write_text("site_name: ours\n", encoding="utf-8")
    (tmp_path / "h" / EXAMPLE_PATH).unlink()
    done = init_handbook(tmp_path / "h", TODAY, PIN)
    assert done.written == [EXAMPLE_PATH]
    assert "mkdocs.yml" in done.kept
    assert (tmp_path / "h/mkdocs.yml").read_text() == "site_name: ours\n"


def test_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(TargetNotFolderError, match="is a file"):
        init_handbook(tmp_path / "file", TODAY, PIN)
    assert (tmp_path / "file").read_text() == "x"


def test_accepts_a_new_an_empty_or_a_freshly_initialised_folder(tmp_path: Path) -> None:
    assert init(tmp_path / "a" / "b")
    (tmp_path / "empty").mkdir()
    assert init(tmp_path / "empty")
    (tmp_path / "cloned" / ".git").mkdir(parents=True)
    assert init(tmp_path / "cloned")


# --- the example supplier stays recent ------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "years"),
    [(date(2026, 11, 23), 0), (date(2026, 11, 22), -1), (date(2027, 11, 23), 1),
     (date(2030, 6, 1), 3), (date(2025, 1, 1), -2)],
)
def test_example_years(today: date, years: int) -> None:
    assert example_years(today) == years


def test_shift_years_moves_dates_periods_and_prose_but_not_other_numbers() -> None:
    text = "since: 2026-03-02 period: 2026-Q3 in 2027; X200, 2.5 mm, +49 7131 555 0100"
    assert shift_years(text, 2) == (
        "since: 2028-03-02 period: 2028-Q3 in 2029; X200, 2.5 mm, +49 7131 555 0100"
    )
    assert shift_years("due: 2028-02-29", 1) == "due: 2029-02-28"
    assert shift_years("due: 2028-02-29", 4) == "due: 2032-02-29"
    assert shift_years("2026", 0) == "2026"


@pytest.mark.parametrize("today", [date(2025, 3, 1), date(2029, 2, 28), date(2031, 12, 31)])
def test_the_example_checks_whatever_the_day(tmp_path: Path, today: date) -> None:
    init(tmp_path / "h", today)
    result = check_paths([tmp_path / "h" / EXAMPLE_PATH])
    assert result.problems == [], [p.format() for p in result.problems]
    text = (tmp_path / "h" / EXAMPLE_PATH).read_text()
    assert f"last_contact: {2026 + example_years(today)}-11-18" in text


# --- the files shipped once -----------------------------------------------------------------


def test_the_shipped_files_are_this_repositorys_own(created: tuple[Path, list[Path]]) -> None:
    target, _ = created
    assert (target / "mkdocs.yml").read_bytes() == (ROOT / "mkdocs.yml").read_bytes()
    originals = sorted(p.name for p in (ROOT / "content" / "guides").glob("*.md"))
    assert guide_names() == originals
    for name in originals:
        written = (target / "content" / "guides" / name).read_bytes()
        assert written == (ROOT / "content" / "guides" / name).read_bytes(), name
    # the example is the package's own: nothing is shipped from the demo's suppliers/
    example = (target / EXAMPLE_PATH).read_bytes()
    assert example == source_file("example-supplier.yaml").read_bytes()  # TODAY: no shift
    assert not [s for s in SOURCES.values() if s.startswith("suppliers")]
    assert "suppliers" not in (ROOT / "MANIFEST.in").read_text(encoding="utf-8")
    for name in SOURCES:
        assert not scaffold_dir().joinpath(name).is_file(), f"a second copy of {name}"


def test_a_name_that_is_not_shipped_is_refused() -> None:
    with pytest.raises(KeyError, match="not shipped"):
        shipped("README.md")


def test_every_scaffold_file_is_package_data() -> None:
    for name in [*FILES.values(), INDEX_HOOKS]:
        assert source_file(name).is_file(), name
        assert not name.startswith("."), "setuptools' package-data globs skip dot files"


# --- the CI workflows ----------------------------------------------------------------------


def _run_lines(step: dict[str, Any]) -> list[str]:
    return [line.strip() for line in str(step.get("run", "")).splitlines()]


def _step(job: dict[str, Any], name: str) -> dict[str, Any]:
    """The step whose name or action starts with ``name``."""
    return next(step for step in job["steps"]
                if str(step.get("name", step.get("uses", ""))).startswith(name))


def _runs(job: dict[str, Any], after: str) -> list[str]:
    steps = job["steps"]
    first = steps.index(_step(job, after)) + 1
    return [line for step in steps[first:] for line in _run_lines(step)]


def test_github_workflow(created: tuple[Path, list[Path]]) -> None:
    flow = _yaml(created[0] / ".github/workflows/handbook.yml")
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true; GitHub reads it as "on"
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    check, publish = flow["jobs"]["check"], flow["jobs"]["publish"]
    assert check["if"] == "github.event_name == 'pull_request'"
    assert publish["if"] == "github.event_name == 'push'"
    assert publish["permissions"] == {"contents": "write"}
    assert flow["permissions"] == {"contents": "read"}  # the pull-request job writes nothing
    for job in (check, publish):
        checkout = job["steps"][0]
        assert checkout["uses"].startswith("actions/checkout@")
        assert checkout["with"]["fetch-depth"] == 0
        assert _step(job, "actions/setup-python@")
        assert _run_lines(_step(job, "Install"))[-1] == "pip install -r requirements.txt"
        # nothing to do until suppliers/ holds a file: every later step waits for it
        for step in job["steps"][job["steps"].index(_step(job, "Any supplier")) + 1:]:
            assert "steps.suppliers.outputs.any == 'yes'" in str(step.get("if", "")) or \
                "steps.check.outcome == 'success'" in str(step.get("if", "")), step
    assert _runs(check, "Install") == [
        "handbook check --format github suppliers",
        'handbook diff --format markdown "origin/$BASE_REF" HEAD >> "$GITHUB_STEP_SUMMARY"',
        'handbook build --strict --site-dir "$RUNNER_TEMP/site"',
    ]
    assert check["steps"][-2]["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    publish_runs = _runs(publish, "Install")
    assert publish_runs[0] == "handbook build --strict"
    assert 'mike deploy --push --update-aliases "$version" latest' in publish_runs
    assert publish_runs[-1] == "mike set-default --push latest"


def test_github_workflow_writes_no_token_into_git_config(
        created: tuple[Path, list[Path]]) -> None:
    flow = _yaml(created[0] / ".github/workflows/handbook.yml")
    check, publish = flow["jobs"]["check"], flow["jobs"]["publish"]
    for job in (check, publish):  # actions/checkout would keep the job token in .git/config
        assert job["steps"][0]["with"]["persist-credentials"] is False
        for step in job["steps"]:
            for line in _run_lines(step):
                assert not re.search(r"git (config|remote)\b.*(TOKEN|token|extraheader)", line)
    assert "secrets." not in str(check["steps"][-3:])  # check, diff, build: no secret
    publishing = _step(publish, "Publish")
    assert publishing["env"] == {"PUSH_TOKEN": "${{ github.token }}"}
    lines = _run_lines(publishing)
    assert 'export GIT_CONFIG_KEY_0="http.${GITHUB_SERVER_URL}/.extraheader"' in lines
    assert lines.index("export GIT_CONFIG_VALUE_0") < lines.index(
        'mike deploy --push --update-aliases "$version" latest')


def test_gitlab_ci(created: tuple[Path, list[Path]]) -> None:
    ci = _yaml(created[0] / ".gitlab-ci.yml")
    (install,) = ci["default"]["before_script"]
    assert install.endswith(" pip install -r requirements.txt")
    assert ci["variables"]["GIT_DEPTH"] == 0
    check = ci["check"]
    exists = ["suppliers/*.yaml", "suppliers/*.yml"]  # nothing to do before the first file
    assert check["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"',
                               "exists": exists}]
    assert check["script"][0] == (
        "handbook check --format gitlab suppliers > gl-code-quality-report.json"
        " || check_failed=1"
    )
    assert check["script"][2].startswith('handbook diff --format markdown "origin/$BASE" HEAD')
    assert check["script"][-1].startswith("handbook build --strict")
    assert check["artifacts"]["when"] == "always"
    assert check["artifacts"]["reports"] == {"codequality": "gl-code-quality-report.json"}
    pages = ci["pages"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH",
                               "exists": exists}]
    assert pages["script"][0] == "handbook build --strict"
    assert any(line.startswith("mike deploy --push --remote publish --update-aliases")
               for line in pages["script"])
    assert "mike set-default --push --remote publish latest" in pages["script"]
    assert pages["artifacts"] == {"paths": ["public"]}


def test_gitlab_ci_writes_no_token_into_git_config(created: tuple[Path, list[Path]]) -> None:
    ci = _yaml(created[0] / ".gitlab-ci.yml")
    script = ci["pages"]["script"]
    for line in script:  # a remote URL or a config entry would keep it in .git/config
        if line.startswith("git remote") or line.startswith("git config"):
            assert "TOKEN" not in line and "@" not in line.split("git config user.email")[0], line
    assert ci["pages"]["variables"] == {"PUBLISH_URL": "${CI_SERVER_URL}/${CI_PROJECT_PATH}.git"}
    helper = next(line for line in script if "GIT_CONFIG_VALUE_0=" in line)
    assert "HANDBOOK_PUSH_TOKEN" in helper and helper.startswith("export GIT_CONFIG_VALUE_0='!f()")
    assert "HANDBOOK_PUSH_TOKEN" not in str(ci["check"])


def test_gitlab_push_token_reaches_git_only_through_the_helper(tmp_path: Path,
                                                               created: tuple[Path, list[Path]],
                                                               ) -> None:
    """The pages job's commands, run against a local "server" with a fake mike: the push
    works with the helper, and .git/config never holds the token."""
    script = _yaml(created[0] / ".gitlab-ci.yml")["pages"]["script"]
    wanted = [line for line in script if line.startswith(("git remote", "export GIT_CONFIG"))]
    server = tmp_path / "server.git"
    repo = tmp_path / "repo"
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("GIT_")},
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
           "HANDBOOK_PUSH_TOKEN": "glpat-SECRET-123", "PUBLISH_URL": str(server)}
    subprocess.run(["git", "init", "-q", "--bare", str(server)], check=True, env=env)
    subprocess.run(["git", "init", "-q", str(repo)], check=True, env=env)
    commands = "\n".join([*wanted, "git credential fill <<< $'protocol=https\\nhost=h\\n'"])
    done = subprocess.run(["bash", "-ec", commands], cwd=repo, env=env, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "password=glpat-SECRET-123" in done.stdout  # git gets it when it asks
    assert "glpat-SECRET" not in (repo / ".git" / "config").read_text()


def _version_line(path: Path) -> str:
    (line,) = [
        line.strip().removeprefix("- ")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip().removeprefix("- ").startswith("version=")
    ]
    return line


@pytest.mark.parametrize("name", ["github-workflow.yml", "gitlab-ci.yml"])
def test_the_edition_is_the_quarter(name: str) -> None:
    line = _version_line(Path(str(scaffold_dir().joinpath(name))))
    for month in range(1, 13):
        fixed = line.replace("$(date -u +%Y)", "2026").replace("$(date -u +%-m)", str(month))
        done = subprocess.run(["bash", "-c", f'{fixed}; echo "$version"'],
                              capture_output=True, text=True, check=True)
        assert done.stdout.strip() == f"2026-Q{(month - 1) // 3 + 1}", month
    done = subprocess.run(["bash", "-c", f'{line}; echo "$version"'],
                          capture_output=True, text=True, check=True)
    assert re.fullmatch(r"20\d\d-Q[1-4]", done.stdout.strip())


@pytest.mark.parametrize("name", ["github-workflow.yml", "gitlab-ci.yml", "README.md"])
def test_what_a_pull_request_build_runs_is_said(name: str) -> None:
    """Pull-request jobs run the request's own mkdocs.yml (hooks) and requirements.txt: the
    templates and the README say so, and that those jobs hold no secret and publish
    nothing."""
    text = " ".join(scaffold_dir().joinpath(name).read_text(encoding="utf-8")
                    .replace("#", " ").replace("`", "").split())
    for words in ("own mkdocs.yml", "hooks", "requirements.txt", "no secret",
                  "only on"):
        assert words in text, (name, words)
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "Pull-request jobs build with the request's own `mkdocs.yml`" in readme
    assert "hold no secret" in readme and "publishing happens only on main" in readme
