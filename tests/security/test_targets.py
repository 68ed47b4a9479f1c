"""Write only where the user asked: ``build --site-dir`` and ``export`` refuse the project
and its folders and any folder the handbook did not write; the site gets MkDocs'
permissions; a mount point is synced into; one lock per site folder."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from filelock import FileLock
from supplier_handbook.site import folders
from supplier_handbook.site import staging as site
from supplier_handbook.site.folders import EXPORT_MARKER, SITE_MARKER, lock_path

from tests.conftest import AS_OF_TEXT as AS_OF
from tests.security.project import CONFIG, make_project, no_traceback, run

Snapshot = dict[str, bytes]


def snapshot(root: Path) -> Snapshot:
    return {str(p.relative_to(root)): p.read_bytes() if p.is_file() else b"<dir>"
            for p in sorted(root.rglob("*"))}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "hb")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (root / "notes.txt").write_text("uncommitted work\n", encoding="utf-8")
    return root


BUILDS = [["build"], ["build", "--audience", "supplier", "acme-castings"]]


@pytest.mark.parametrize("where", [".", "suppliers", "content", "..", "content/sub",
                                   "suppliers/x", ".git", "mkdocs.yml"])
@pytest.mark.parametrize("args", BUILDS, ids=["internal", "supplier"])
def test_build_refuses_the_project_and_its_folders(project: Path, where: str,
                                                   args: list[str]) -> None:
    before = snapshot(project)
    result = run(project, *args, "--as-of", AS_OF, "--site-dir", where)
    no_traceback(result)
    assert result.exit_code == 1, result.output
    assert result.output.startswith("error: "), result.output
    assert "the previous site is unchanged" in result.output
    assert snapshot(project) == before


@pytest.mark.parametrize("args", BUILDS, ids=["internal", "supplier"])
def test_build_refuses_a_folder_it_did_not_write(project: Path, tmp_path: Path,
                                                 args: list[str]) -> None:
    other = tmp_path / "www"
    other.mkdir()
    (other / "index.html").write_text("someone else's page", encoding="utf-8")
    result = run(project, *args, "--as-of", AS_OF, "--site-dir", str(other))
    assert result.exit_code == 1, result.output
    assert f"has no {SITE_MARKER} file" in result.output
    assert [p.name for p in other.iterdir()] == ["index.html"]


@pytest.mark.parametrize("args", BUILDS, ids=["internal", "supplier"])
def test_build_into_an_empty_folder_then_over_its_own_site(project: Path, tmp_path: Path,
                                                           args: list[str]) -> None:
    target = tmp_path / "www"
    target.mkdir()
    for _ in range(2):
        result = run(project, *args, "--as-of", AS_OF, "--site-dir", str(target))
        assert result.exit_code == 0, result.output
        assert (target / SITE_MARKER).is_file() and (target / "index.html").is_file()


def test_export_refuses_the_project(project: Path) -> None:
    before = snapshot(project)
    for where in (".", "content", "suppliers", ".."):
        result = run(project, "export", where, "--as-of", AS_OF)
        no_traceback(result)
        assert result.exit_code == 1, (where, result.output)
        assert result.output.startswith("error: ")
    assert snapshot(project) == before


def test_export_with_docs_dir_docs_keeps_the_hand_written_pages(tmp_path: Path) -> None:
    root = make_project(tmp_path / "hb", config=CONFIG.replace("docs_dir: content",
                                                               "docs_dir: docs"))
    (root / "content").rename(root / "docs")
    before = snapshot(root)
    result = run(root, "export", ".", "--as-of", AS_OF)
    assert result.exit_code == 1, result.output
    assert snapshot(root) == before


def test_export_never_deletes_a_folder_it_did_not_create(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "docs").mkdir(parents=True)
    (out / "docs" / "mine.md").write_text("# My page\n", encoding="utf-8")
    result = run(project, "export", str(out), "--as-of", AS_OF)
    assert result.exit_code == 1, result.output
    assert f"has no {EXPORT_MARKER} file" in result.output
    assert snapshot(out) == {"docs": b"<dir>", "docs/mine.md": b"# My page\n"}


def test_export_replaces_its_own_export(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    for _ in range(2):
        result = run(project, "export", str(out), "--as-of", AS_OF)
        assert result.exit_code == 0, result.output
    assert (out / EXPORT_MARKER).is_file() and (out / "docs" / "guide.md").is_file()
    assert (out / "docs" / "suppliers" / "acme-castings.md").is_file()


TAGGED = """\
extra:
  analytics_key: !ENV [HANDBOOK_TEST_KEY, "none"]
markdown_extensions:
  - tables
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
"""


def test_export_keeps_env_and_python_name_tags(tmp_path: Path) -> None:
    config = CONFIG.replace("markdown_extensions:\n  - tables\n", TAGGED)
    root = make_project(tmp_path / "hb", config=config)
    out = tmp_path / "out"
    result = run(root, "export", str(out), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    text = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert "!ENV" in text and "!!python/name:material.extensions.emoji.twemoji" in text
    assert "handbook" not in text.split("plugins:")[1].split("\n\n")[0].split("extra_css")[0]
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(out / "mkdocs.yml")],
                          cwd=out, capture_output=True, text=True, check=False,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stderr
    assert (out / "site" / "suppliers" / "acme-castings" / "index.html").is_file()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("args", BUILDS, ids=["internal", "supplier"])
def test_the_site_gets_the_permissions_mkdocs_gives(project: Path, tmp_path: Path,
                                                     args: list[str]) -> None:
    old = os.umask(0o022)
    try:
        result = run(project, *args, "--as-of", AS_OF, "--site-dir", str(tmp_path / "site"))
        assert result.exit_code == 0, result.output
        plain = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d",
                                str(tmp_path / "plain")], cwd=project, capture_output=True,
                               text=True, check=False,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        assert plain.returncode == 0, plain.stderr
    finally:
        os.umask(old)
    assert _mode(tmp_path / "plain") == 0o755
    assert _mode(tmp_path / "site") == _mode(tmp_path / "plain")


def test_a_mount_point_is_synced_into(project: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A mount point cannot be renamed (EBUSY): the site is built aside, then synced in."""
    target = tmp_path / "volume"
    target.mkdir()
    inode = target.stat().st_ino
    reference = tmp_path / "reference"
    assert run(project, "build", "--as-of", AS_OF, "--site-dir", str(reference)).exit_code == 0
    real = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) == target or real(p))
    for as_of in ("2026-01-05", AS_OF):
        result = run(project, "build", "--as-of", as_of, "--site-dir", str(target))
        assert result.exit_code == 0, result.output
        if as_of != AS_OF:
            (target / "stale.html").write_text("from an older build", encoding="utf-8")
    assert target.stat().st_ino == inode  # the mount point itself stayed
    assert snapshot(target) == snapshot(reference)  # exactly the new site, nothing stale
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".volume.")] == []


def test_a_swap_refused_with_ebusy_falls_back_to_syncing(project: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "volume"
    result = run(project, "build", "--as-of", AS_OF, "--site-dir", str(target))
    assert result.exit_code == 0, result.output
    (target / "stale.html").write_text("from an older build", encoding="utf-8")
    (target / SITE_MARKER).write_text("x", encoding="utf-8")

    def busy(a: Path, b: Path) -> bool:
        raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), str(b))

    monkeypatch.setattr(site, "_exchange", busy)
    result = run(project, "build", "--as-of", AS_OF, "--site-dir", str(target))
    assert result.exit_code == 0, result.output
    assert not (target / "stale.html").exists()
    assert (target / SITE_MARKER).read_text(encoding="utf-8") != "x"


def test_one_lock_per_site_folder_not_pid_guesses(project: Path, tmp_path: Path) -> None:
    """A build in another PID namespace holds the lock and has a staging folder whose PID
    means nothing here: a second build waits for the lock and leaves that folder alone; once
    no build holds the lock, the folder is a leftover and is removed."""
    target = tmp_path / "out" / "site"
    result = run(project, "build", "--as-of", AS_OF, "--site-dir", str(target))
    assert result.exit_code == 0, result.output
    staging = target.parent / f".{target.name}.new-999999-running"
    staging.mkdir()
    (staging / "half.html").write_text("half a site", encoding="utf-8")
    lock = FileLock(str(lock_path(target)))
    lock.acquire()
    proc = subprocess.Popen(
        [sys.executable, "-m", "supplier_handbook", "build", "--as-of", AS_OF,
         "--site-dir", str(target)], cwd=project, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    try:
        assert proc.stderr is not None
        seen = []
        for line in proc.stderr:  # ends when the process ends: bounded
            seen.append(line)
            if "waiting for another build" in line:
                break
        assert any("waiting for another build" in line for line in seen), seen
        assert staging.is_dir() and (staging / "half.html").is_file()
        assert proc.poll() is None
    finally:
        lock.release()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert not staging.exists()


def test_leftover_names_are_the_handbooks_own(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    (tmp_path / "site-backup").mkdir()
    (tmp_path / ".site-notes").mkdir()
    folders.remove_leftovers(target)
    assert (tmp_path / "site-backup").is_dir() and (tmp_path / ".site-notes").is_dir()


def test_export_drops_the_plugin_from_a_mapping_of_plugins(tmp_path: Path) -> None:
    config = CONFIG.replace("plugins:\n  - search\n  - handbook:\n      suppliers_dir: suppliers\n",
                            "plugins:\n  search: {}\n  handbook:\n    suppliers_dir: suppliers\n")
    assert config != CONFIG
    root = make_project(tmp_path / "hb", config=config)
    out = tmp_path / "out"
    result = run(root, "export", str(out), "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    text = (out / "mkdocs.yml").read_text(encoding="utf-8")
    assert "search: {}" in text and "handbook:" not in text
