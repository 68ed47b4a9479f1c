"""A build publishes only what belongs to the handbook (issue 26, items 1 and 2).

Each reproducer is a git repository with the hostile link committed, as a pull request
would bring it: a link into ``.git``, to an ignored ``.env``, out of the content folder,
and the content or supplier folder itself a link to a folder outside. ``build --strict``,
plain ``mkdocs build`` (the plugin) and ``export`` refuse, naming the link; nothing of what
the link leads to reaches the site or the export.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from supplier_handbook.read.project import outside_links_error

from tests.conftest import AS_OF_TEXT as AS_OF
from tests.history.gitrepo import ANA as AUTHOR
from tests.history.gitrepo import commit, git, git_env
from tests.security.project import make_project, no_traceback, run

SECRET = "TOKEN-4f1c9e"  # what must never be published
DATE = "2026-06-01T10:00:00+02:00"


def repository(root: Path, links: dict[str, str] | None = None,
               files: dict[str, str] | None = None, ignore: str = ".env\n.venv/\n") -> Path:
    """A committed handbook in ``root`` with ``links`` (path -> target) and ``files``
    committed, ``.gitignore`` = ``ignore``, and ``.env`` plus ``.git/config`` holding
    ``SECRET`` (as CI leaves them)."""
    make_project(root)
    git(root, "init", "-q", "-b", "main")
    (root / ".gitignore").write_text(ignore, encoding="utf-8")
    (root / ".env").write_text(f"HANDBOOK_PUSH_TOKEN={SECRET}\n", encoding="utf-8")
    git(root, "config", "remote.origin.url", f"https://oauth2:{SECRET}@example.com/x.git")
    for name, text in (files or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    for name, target in (links or {}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).symlink_to(target)
    commit(root, "A pull request", AUTHOR, DATE)
    return root


def published(folder: Path) -> str:
    """Every byte under ``folder`` (following nothing), as text, for searching."""
    if not folder.exists():
        return ""
    return "\n".join(p.read_bytes().decode("utf-8", "replace")
                     for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def refused(root: Path, *args: str) -> str:
    result = run(root, *args)
    no_traceback(result)
    assert result.exit_code == 1, result.output
    assert result.output.startswith("error: "), result.output
    return result.output


def mkdocs_build(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")],
        capture_output=True, text=True, env={**git_env(), "PYTHONPATH": os.environ.get(
            "PYTHONPATH", "")}, check=False, cwd=root)


HOSTILE = {
    "the git folder": ({"content/repo": "../.git"}, "content/repo"),
    "one file of the git folder": ({"content/config.md": "../.git/config"},
                                   "content/config.md"),
    "an ignored .env": ({"content/env.md": "../.env"}, "content/env.md"),
    "a file of the project outside content": ({"content/conf.md": "../mkdocs.yml"},
                                              "content/conf.md"),
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_build_refuses_a_link_that_leaves_the_content_folder(tmp_path: Path,
                                                               case: str) -> None:
    links, name = HOSTILE[case]
    root = repository(tmp_path / "hb", links)
    output = refused(root, "build", "--strict", "--as-of", AS_OF)
    assert name in output and "leaves the content folder" in output, output
    assert SECRET not in published(root / "site")
    done = mkdocs_build(root)  # the plugin alone refuses too
    assert done.returncode != 0 and name in done.stderr, done.stderr
    assert SECRET not in published(root / "site")


@pytest.mark.parametrize("case", list(HOSTILE))
def test_export_refuses_a_link_that_leaves_the_content_folder(tmp_path: Path,
                                                              case: str) -> None:
    links, name = HOSTILE[case]
    root = repository(tmp_path / "hb", links)
    output = refused(root, "export", str(tmp_path / "out"), "--as-of", AS_OF)
    assert name in output, output
    assert SECRET not in published(tmp_path / "out")


def test_a_link_inside_content_into_a_nested_git_folder_is_refused(tmp_path: Path) -> None:
    root = repository(tmp_path / "hb")
    nested = root / "content" / "vendor"
    nested.mkdir()
    git(nested, "init", "-q")  # a repository inside the content folder: its .git
    (root / "content" / "vendor.md").symlink_to("vendor/.git/HEAD")
    output = refused(root, "build", "--as-of", AS_OF)
    assert "content/vendor/.git: a git folder" in output, output
    assert "content/vendor.md: a symbolic link into a git folder" in output, output


def test_a_file_git_ignores_is_not_published(tmp_path: Path) -> None:
    root = repository(tmp_path / "hb", ignore=".env\n*.secret\n")
    (root / "content" / "keys.secret").write_text(SECRET, encoding="utf-8")
    output = refused(root, "build", "--strict", "--as-of", AS_OF)
    assert "content/keys.secret: a file git ignores" in output, output
    assert SECRET not in published(root / "site")
    output = refused(root, "export", str(tmp_path / "out"), "--as-of", AS_OF)
    assert "content/keys.secret" in output
    assert SECRET not in published(tmp_path / "out")


def test_a_link_to_an_ignored_file_inside_content_is_refused(tmp_path: Path) -> None:
    root = repository(tmp_path / "hb", ignore=".env\ncontent/.private/\n")
    (root / "content" / ".private").mkdir()
    (root / "content" / ".private" / "token.md").write_text(SECRET, encoding="utf-8")
    (root / "content" / "public.md").symlink_to(".private/token.md")
    output = refused(root, "build", "--as-of", AS_OF)
    assert "content/public.md: a symbolic link to a file git ignores" in output, output
    assert SECRET not in published(root / "site")


def test_an_ignored_dot_folder_is_left_out_of_the_export_and_the_site(tmp_path: Path) -> None:
    """A ``.venv/`` inside content: MkDocs never builds a dot folder, and the export, which
    copies the content folder, leaves out what git ignores."""
    root = repository(tmp_path / "hb", ignore=".env\n.venv/\n")
    (root / "content" / ".venv").mkdir()
    (root / "content" / ".venv" / "token.txt").write_text(SECRET, encoding="utf-8")
    (root / "content" / ".pages").write_text("title: kept\n", encoding="utf-8")  # not ignored
    result = run(root, "build", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert SECRET not in published(root / "site")
    result = run(root, "export", str(tmp_path / "out"), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert SECRET not in published(tmp_path / "out")
    assert (tmp_path / "out" / "docs" / ".pages").is_file()


def test_a_new_page_not_yet_committed_and_a_link_inside_content_are_published(
        tmp_path: Path) -> None:
    root = repository(tmp_path / "hb", {"content/alias.md": "guide.md"})
    (root / "content" / "draft.md").write_text("# Draft\n\nNot committed yet.\n",
                                               encoding="utf-8")
    result = run(root, "build", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    assert (root / "site" / "draft" / "index.html").is_file()
    assert (root / "site" / "alias" / "index.html").is_file()


def test_a_link_to_a_folder_that_holds_it_is_refused(tmp_path: Path) -> None:
    """MkDocs follows linked folders: ``content/loop -> .`` would be walked without end."""
    root = repository(tmp_path / "hb", {"content/loop": "."})
    output = refused(root, "build", "--as-of", AS_OF)
    assert "content/loop: a symbolic link to a folder that holds it" in output, output


def _outside(tmp_path: Path) -> Path:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "index.md").write_text(f"# {SECRET}\n", encoding="utf-8")
    (outside / "id_rsa").write_text(SECRET, encoding="utf-8")
    return outside


@pytest.mark.parametrize("command", ["build", "export"])
def test_the_content_folder_itself_a_link_is_refused(tmp_path: Path, command: str) -> None:
    outside = _outside(tmp_path)
    root = tmp_path / "hb"
    make_project(root)
    for path in (root / "content").iterdir():
        path.unlink()
    (root / "content").rmdir()
    (root / "content").symlink_to(outside)
    git(root, "init", "-q", "-b", "main")
    commit(root, "content is a link", AUTHOR, DATE)
    args = (["build", "--strict"] if command == "build" else ["export", str(tmp_path / "out")])
    output = refused(root, *args, "--as-of", AS_OF)
    assert "the content folder content (docs_dir) is a symbolic link" in output, output
    assert SECRET not in published(root / "site") + published(tmp_path / "out")


def test_the_content_folder_a_link_to_a_folder_inside_the_project_is_refused(
        tmp_path: Path) -> None:
    root = tmp_path / "hb"
    make_project(root)
    (root / "pages").mkdir()
    (root / "pages" / "index.md").write_text("# Pages\n", encoding="utf-8")
    for path in (root / "content").iterdir():
        path.unlink()
    (root / "content").rmdir()
    (root / "content").symlink_to("pages")
    assert outside_links_error(root / "content", root) is not None


@pytest.mark.parametrize("command", ["build", "export"])
def test_the_supplier_folder_itself_a_link_is_refused(tmp_path: Path, command: str) -> None:
    outside = _outside(tmp_path)
    root = tmp_path / "hb"
    make_project(root)
    (outside / "acme-castings.yaml").write_bytes(
        (root / "suppliers" / "acme-castings.yaml").read_bytes().replace(
            b"Acme Castings", SECRET.encode()))
    for path in (root / "suppliers").iterdir():
        path.unlink()
    (root / "suppliers").rmdir()
    (root / "suppliers").symlink_to(outside)
    args = (["build", "--strict"] if command == "build" else ["export", str(tmp_path / "out")])
    output = refused(root, *args, "--as-of", AS_OF)
    assert "the supplier folder suppliers is a symbolic link" in output, output
    assert SECRET not in published(root / "site") + published(tmp_path / "out")


@pytest.mark.parametrize("which", ["docs_dir", "suppliers_dir"])
def test_a_link_on_the_way_to_the_content_or_supplier_folder_is_refused(
        tmp_path: Path, which: str) -> None:
    """``docs_dir: data/content`` where ``data`` is a committed link (here to a folder of
    the project, so that only the link gives it away)."""
    root = make_project(tmp_path / "hb")
    real = root / "real"
    real.mkdir()
    (root / "content").rename(real / "content")
    (root / "suppliers").rename(real / "suppliers")
    (root / "data").symlink_to("real")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    if which == "docs_dir":
        config = config.replace("docs_dir: content", "docs_dir: data/content").replace(
            "suppliers_dir: suppliers", "suppliers_dir: real/suppliers")
    else:
        config = config.replace("docs_dir: content", "docs_dir: real/content").replace(
            "suppliers_dir: suppliers", "suppliers_dir: data/suppliers")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    output = refused(root, "build", "--as-of", AS_OF)
    assert "(data is one)" in output, output
    assert not (root / "site").exists()


def test_a_content_folder_inside_the_git_folder_is_refused(tmp_path: Path) -> None:
    root = repository(tmp_path / "hb")
    (root / ".git" / "pages").mkdir()
    (root / ".git" / "pages" / "index.md").write_text("# x\n", encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("docs_dir: content", "docs_dir: .git/pages"),
                                     encoding="utf-8")
    output = refused(root, "build", "--as-of", AS_OF)
    assert "lies outside the project" in output, output
