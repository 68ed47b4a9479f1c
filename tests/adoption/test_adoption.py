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
import tarfile
import zipfile
from pathlib import Path

import pytest
from supplier_handbook import __version__
from supplier_handbook.adopt.toolpin import is_placeholder_host

from tests.adoption.conftest import Release, git, new_venv, run

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
                   "supplier_handbook/shipped/example-supplier.yaml"):
        assert needed in names, needed
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
                   "suppliers/brennwald-druckguss.yaml"):
        assert needed in members, needed


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
    assert pins == [requirement]

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
    assert "built 2 suppliers into" in built.stdout
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


def test_a_docs_repository_with_its_own_generator_folder(release: Release, tmp_path: Path,
                                                        env: dict[str, str]) -> None:
    docs_venv = new_venv(tmp_path / "docs-venv")
    docs_venv.pip(env, release.wheel)
    assert not list(docs_venv.root.glob("lib/python*/site-packages/generator"))
    repo = tmp_path / "docs-repo"
    repo.mkdir()
    run([docs_venv.bin / "handbook", "init", ".", "--requirement",
         f"supplier-handbook=={__version__}"], repo, env)
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
