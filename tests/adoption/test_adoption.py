"""A team adopts the handbook, end to end, as the README's adoption section says.

The release is built from this checkout; a local bare git repository with the release tag
is the team's git server; the tool is installed from it into a fresh virtual environment;
``handbook init`` writes into a repository that already has a README, a LICENSE and
``.git``; a second fresh environment installs ``requirements.txt``; then ``handbook new``,
``pre-commit run --all-files``, ``handbook build --strict`` and ``handbook diff`` run there.
No generated file names a placeholder host. Network: the package index only (pip).
"""

from __future__ import annotations

import re
import shutil
import tarfile
import zipfile
from pathlib import Path

import pytest
from supplier_handbook import __version__
from supplier_handbook.adopt.toolpin import is_placeholder_host

from tests.adoption.conftest import Release, file_url, git, new_venv, run

pytest.importorskip("build", reason="the wheel is built with build (test extra)")

URL_HOST = re.compile(r"\b[a-z][a-z0-9+.-]*://(?:[^/\s@'\"]+@)?([^/\s:'\"<>)]+)", re.I)
SCP_HOST = re.compile(r"\b[\w.-]+@([\w.-]+):[\w./-]")


def placeholder_hosts(root: Path) -> list[str]:
    """``FILE: host`` for every URL or scp-style git address naming a placeholder host."""
    found = []
    for path in sorted(root.rglob("*")):
        if ".git" in path.relative_to(root).parts or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in [*URL_HOST.finditer(text), *SCP_HOST.finditer(text)]:
            if is_placeholder_host(match.group(1)):
                found.append(f"{path.relative_to(root)}: {match.group(0)}")
    return found


def test_the_wheel_and_the_sdist_hold_the_package_and_its_data(release: Release) -> None:
    names = zipfile.ZipFile(release.wheel).namelist()
    tops = {name.split("/", 1)[0] for name in names}
    assert tops == {"supplier_handbook", f"supplier_handbook-{__version__}.dist-info"}
    for needed in ("supplier_handbook/templates/supplier.md.j2",
                   "supplier_handbook/assets/handbook.css", "supplier_handbook/py.typed",
                   "supplier_handbook/scaffold/github-workflow.yml",
                   "supplier_handbook/scaffold/gitlab-ci.yml",
                   "supplier_handbook/scaffold/pre-commit-config-index.yaml",
                   "supplier_handbook/shipped/guides/supplier-file.md",
                   "supplier_handbook/shipped/mkdocs.yml",
                   "supplier_handbook/shipped/constraints.txt",
                   "supplier_handbook/scaffold/example-supplier.yaml"):
        assert needed in names, needed
    assert not [n for n in names if n.startswith("supplier_handbook/shipped/")
                and n.endswith(".yaml")]  # nothing of the demo's suppliers/
    entry_points = zipfile.ZipFile(release.wheel).read(
        f"supplier_handbook-{__version__}.dist-info/entry_points.txt").decode()
    assert "handbook = supplier_handbook.commands.cli:main" in entry_points
    assert "handbook = supplier_handbook.plugin:HandbookPlugin" in entry_points
    with tarfile.open(release.sdist) as sdist:
        members = {m.name.split("/", 1)[1] for m in sdist.getmembers() if "/" in m.name}
    for needed in ("pyproject.toml", "README.md",
                   "generator/supplier_handbook/templates/supplier.md.j2",
                   "generator/supplier_handbook/scaffold/gitignore",
                   "setup.py", "mkdocs.yml", "content/guides/supplier-file.md",
                   f"constraints/{__version__}.txt"):
        assert needed in members, needed
    assert not [m for m in members if m.startswith("suppliers/")]


def test_a_team_adopts_the_handbook(release: Release, tmp_path: Path,
                                    env: dict[str, str]) -> None:
    # 3. the tool, from the team's git server at the release tag
    tool = new_venv(tmp_path / "tool-venv")
    tool.pip(env, f"supplier-handbook @ git+{release.url}@v{__version__}")
    assert not list(tool.root.glob("lib/python*/site-packages/generator"))

    # 4. init into the repository the team just created on their server and cloned
    team = tmp_path / "ourhandbook"
    team.mkdir()
    git(team, env, "init", "-q")
    (team / "README.md").write_text("# Our supplier handbook\n", encoding="utf-8")
    (team / "LICENSE").write_text("Internal use only.\n", encoding="utf-8")
    done = run([tool.bin / "handbook", "init", "."], team, env)
    assert "kept, as they were: README.md" in done.stdout
    requirement = f"supplier-handbook @ git+{release.url}@v{__version__}"
    assert f"the tool is pinned to {requirement}" in done.stdout
    assert (team / "README.md").read_text() == "# Our supplier handbook\n"
    assert (team / "LICENSE").read_text() == "Internal use only.\n"
    pins = [line for line in (team / "requirements.txt").read_text().splitlines()
            if line and not line.startswith("#")]
    assert pins == [requirement, "-c constraints.txt"]
    assert "CONTRIBUTING.md" in done.stdout and (team / "CONTRIBUTING.md").is_file()

    # 5. what every editor and CI installs
    editor = new_venv(tmp_path / "editor-venv")
    editor.pip(env, "-r", team / "requirements.txt", "pre-commit")
    handbook = editor.bin / "handbook"

    # 6. a first supplier of their own
    run([handbook, "new", "acme-castings"], team, env)
    starter = team / "suppliers" / "acme-castings.yaml"
    git(team, env, "add", "-A")
    hook = run([editor.bin / "pre-commit", "run", "--all-files"], team, env, check=False)
    assert hook.returncode == 1, hook.stdout + hook.stderr
    assert "suppliers/acme-castings.yaml:" in hook.stdout
    assert "is still the starter's placeholder" in hook.stdout

    starter.write_text(starter.read_text(encoding="utf-8").replace("REPLACE: ", ""),
                       encoding="utf-8")
    git(team, env, "add", "-A")
    hook = run([editor.bin / "pre-commit", "run", "--all-files"], team, env)
    assert "handbook check" in hook.stdout and "Passed" in hook.stdout

    built = run([handbook, "build", "--strict"], team, env)
    assert "built 1 supplier into" in built.stdout  # suppliers/ started empty
    assert (team / "site" / "suppliers" / "acme-castings" / "index.html").is_file()

    git(team, env, "commit", "-q", "-m", "First supplier")
    starter.write_text(starter.read_text(encoding="utf-8").replace(
        "status: onboarding", "status: active"), encoding="utf-8")
    changed = run([handbook, "diff"], team, env)
    assert changed.stdout.startswith("acme-castings: ")
    assert "onboarding" in changed.stdout and "active" in changed.stdout

    # 7. nothing written names a placeholder host
    assert placeholder_hosts(team) == []
    assert "example.com" not in (team / "mkdocs.yml").read_text()


def test_before_and_after_the_release_tag(release: Release, tmp_path: Path,
                                          env: dict[str, str]) -> None:
    """From a git server whose main holds the release commit but no tag yet: a clone is
    pip-installed, ``init --tool-repo`` pins the commit (and says the tag is missing), and a
    fresh environment installs the team's requirements; once the CI's release script made
    the tag, a second ``init`` pins the tag."""
    server = tmp_path / "server.git"
    git(tmp_path, env, "clone", "-q", "--bare", str(release.untagged), str(server))
    assert git(server, env, "tag", "-l") == ""
    clone = tmp_path / "supplier-handbook"
    git(tmp_path, env, "clone", "-q", str(server), str(clone))
    release_commit = git(clone, env, "rev-parse", "HEAD").strip()
    tool = new_venv(tmp_path / "tool-venv")
    tool.pip(env, clone)  # pip install . from the clone, as the README says

    first = tmp_path / "first"
    done = run([tool.bin / "handbook", "init", first, "--tool-repo", file_url(server)],
               tmp_path, env)
    assert f"has no tag v{__version__} yet" in done.stdout
    requirement = f"supplier-handbook @ git+{file_url(server)}@{release_commit}"
    assert f"the tool is pinned to {requirement}" in done.stdout
    assert requirement in (first / "requirements.txt").read_text().splitlines()
    assert f"rev: {release_commit}" in (first / ".pre-commit-config.yaml").read_text()
    editor = new_venv(tmp_path / "editor-venv")
    editor.pip(env, "-r", first / "requirements.txt")  # with -c constraints.txt
    version = run([editor.bin / "handbook", "--version"], first, env)
    assert __version__ in version.stdout
    shutil.copyfile(first / "examples" / "example-supplier.yaml",
                    first / "suppliers" / "example-supplier.yaml")
    run([editor.bin / "handbook", "check"], first, env)

    # the tool repository's CI on main (the same script, the same command)
    tagged = run([tool.bin / "python", clone / "scripts" / "release-tag"], clone, env)
    assert f"tagged v{__version__}" in tagged.stdout and release_commit[:12] in tagged.stdout
    second = tmp_path / "second"
    done = run([tool.bin / "handbook", "init", second, "--tool-repo", file_url(server)],
               tmp_path, env)
    assert "no tag" not in done.stdout
    assert f"supplier-handbook @ git+{file_url(server)}@v{__version__}" in done.stdout


def test_a_docs_repository_with_its_own_generator_folder(release: Release, tmp_path: Path,
                                                        env: dict[str, str]) -> None:
    docs_venv = new_venv(tmp_path / "docs-venv")
    docs_venv.pip(env, release.wheel)
    assert not list(docs_venv.root.glob("lib/python*/site-packages/generator"))
    repo = tmp_path / "docs-repo"
    repo.mkdir()
    run([docs_venv.bin / "handbook", "init", ".", "--requirement",
         f"supplier-handbook=={__version__}"], repo, env)
    shutil.copyfile(repo / "examples" / "example-supplier.yaml",
                    repo / "suppliers" / "example-supplier.yaml")
    # a package of the repository's own, named like the old top-level module
    (repo / "generator" / "templates").mkdir(parents=True)
    (repo / "generator" / "__init__.py").write_text('"""Our own generator."""\n')
    (repo / "generator" / "templates" / "note.txt").write_text("ours\n")
    # python -m puts the repository first on sys.path, where its generator/ is found first
    done = run([docs_venv.bin / "python", "-m", "mkdocs", "build", "--strict"], repo, env)
    assert "PackageLoader" not in done.stderr
    assert (repo / "site" / "suppliers" / "example-supplier" / "index.html").is_file()
    imported = run([docs_venv.bin / "python", "-c",
                    "import generator, supplier_handbook; print(generator.__file__); "
                    "print(supplier_handbook.__file__)"], repo, env).stdout.splitlines()
    assert imported[0] == str(repo / "generator" / "__init__.py")
    assert "site-packages" in imported[1]
