"""Git is read as bytes, robustly: odd commits, huge or missing versions, and the working
tree's odd files never break a build, never hang and never show what they should not.
Each case runs the internal build (supplier page and 'What changed'), and where the case
reaches them, ``handbook diff`` in text and Markdown."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from supplier_handbook.history.gitlog import read_history

from tests.conftest import AS_OF_TEXT as AS_OF
from tests.history.gitrepo import git, git_env, page
from tests.samples import MINIMAL_SUPPLIER
from tests.security.project import make_project, no_traceback, run

ACME = "suppliers/acme-castings.yaml"
DATE = "2026-11-01T10:00:00+01:00"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "hb")
    (root / ".gitignore").write_text("site/\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "Start", date=DATE)
    return root


def commit_all(root: Path, subject: str, env: dict[str, str] | None = None) -> None:
    git(root, "add", "-A")
    done = subprocess.run(["git", "commit", "-q", "--no-verify", "-m", subject], cwd=root,
                          env={**git_env(date=DATE), **(env or {})}, capture_output=True,
                          check=False)
    assert done.returncode == 0, done.stderr


def edit_acme(root: Path, category: str) -> None:
    path = root / ACME
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(text.split("\n")[1], f"category: {category}"),
                    encoding="utf-8")


def build_ok(root: Path) -> str:
    result = run(root, "build", "--as-of", AS_OF)
    no_traceback(result)
    assert result.exit_code == 0, result.output
    return page(root / "site", "suppliers/acme-castings").text


def changes_page(root: Path) -> str:
    return page(root / "site", "changes").text


def test_a_subject_with_a_record_separator(repo: Path) -> None:
    edit_acme(repo, "Housings")
    commit_all(repo, "Split\x1epart two\x1fthree")
    text = build_ok(repo)
    assert "category Aluminium housings -> Housings" in text
    assert "Split" in changes_page(repo)
    assert "Split" in build_ok(repo)  # and every later build too


def test_a_non_utf8_file_name_ever_committed(repo: Path) -> None:
    name = os.fsencode(repo / "suppliers") + b"/bad\xff\nname.yaml"
    with open(name, "wb") as handle:
        handle.write(MINIMAL_SUPPLIER.encode())
    commit_all(repo, "A badly named file")
    os.unlink(name)
    commit_all(repo, "Remove it")
    edit_acme(repo, "Housings")
    commit_all(repo, "Later change")
    text = build_ok(repo)
    assert "category Aluminium housings -> Housings" in text
    assert "Later change" in changes_page(repo)


def test_author_metadata_git_cannot_re_encode(repo: Path) -> None:
    edit_acme(repo, "Housings")
    git(repo, "add", "-A")
    env = {**git_env(date=DATE)}
    environb = {os.fsencode(k): os.fsencode(v) for k, v in env.items()}
    environb[b"GIT_AUTHOR_NAME"] = b"Ren\xe9 \xff\xfe"
    done = subprocess.run(["git", "-c", "i18n.commitEncoding=x-no-such-encoding", "commit",
                           "-q", "--no-verify", "-m", "Caf\xe9".encode("latin-1")],
                          cwd=repo, env=environb, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    text = build_ok(repo)
    assert "category Aluminium housings -> Housings" in text
    assert "Ren" in changes_page(repo)


def test_a_huge_version_committed_once_is_not_parsed(repo: Path) -> None:
    big = repo / "suppliers" / "huge.yaml"
    big.write_bytes(b"name: x\nsummary: " + b"y" * (10 * 2**20) + b"\n")
    commit_all(repo, "A 10 MB file")
    big_size = big.stat().st_size
    big.unlink()
    commit_all(repo, "Remove the 10 MB file")
    history = read_history(repo / "suppliers")
    words = [c.text for e in history.by_slug["huge"] for c in e.changes]
    size = big_size
    assert words == ["removed", f"not readable: this version is {size:,} bytes; a supplier "
                     "file may be at most 1,000,000"]
    build_ok(repo)
    assert f"{big_size:,} bytes" in changes_page(repo)


def _object_path(root: Path, blob: str) -> Path:
    return root / ".git" / "objects" / blob[:2] / blob[2:]


def test_a_missing_blob_is_named_not_shown_as_removed_and_added(repo: Path) -> None:
    edit_acme(repo, "Housings")
    commit_all(repo, "Change")
    edit_acme(repo, "Covers")
    commit_all(repo, "Change again")
    blob = git(repo, "rev-parse", f"HEAD~1:{ACME}").strip()
    _object_path(repo, blob).unlink()  # a corrupt clone: one version lost
    history = read_history(repo / "suppliers")
    words = [[c.text for c in e.changes] for e in history.by_slug["acme-castings"]]
    assert words[0][0].startswith("readable again (the earlier version: could not read")
    assert words[1][0].startswith("not readable: could not read this version")
    assert not any("removed" in w or w == "added" for ws in words[:2] for w in ws)
    text = build_ok(repo)
    assert "could not read this version" in text
    result = run(repo, "diff", "HEAD~1", "HEAD")
    no_traceback(result)
    assert "could not read this version" in result.output


# --- the working tree read by ``handbook diff`` -----------------------------------------

def diff_process(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``handbook diff`` in its own process: a hang ends in a failed test, not a stuck run."""
    try:
        return subprocess.run([sys.executable, "-m", "supplier_handbook", "diff", *args],
                              cwd=root, capture_output=True, text=True, timeout=60,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail("handbook diff did not end within 60 s")


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_diff_does_not_follow_a_symlink_to_a_secret(repo: Path, tmp_path: Path,
                                                    fmt: str) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(MINIMAL_SUPPLIER.replace("Sole source of housings.",
                                               "TOP-SECRET-VALUE"), encoding="utf-8")
    (repo / "suppliers" / "leak.yaml").symlink_to(secret)
    done = diff_process(repo, "--format", fmt)
    assert done.returncode == 0, done.stderr
    assert "TOP-SECRET" not in done.stdout + done.stderr
    assert "symbolic link" in done.stdout


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder"])
def test_diff_refuses_pipes_devices_and_folders(repo: Path, kind: str) -> None:
    target = repo / "suppliers" / "x.yaml"
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "dev-zero":
        target.symlink_to("/dev/zero")
    else:
        target.mkdir()
    done = diff_process(repo)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout.startswith("warning: x: not readable:"), done.stdout
