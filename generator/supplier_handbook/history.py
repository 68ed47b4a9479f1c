"""The git history of the supplier folder, read once, split per supplier and put into words.

Two git processes whatever the number of suppliers: one ``git log`` of the whole folder
(renames followed with ``-M``), one ``git cat-file --batch`` for the file versions that the
semantic diff compares. Outside a git checkout the history is simply unavailable; in a
shallow clone it is marked incomplete. Nothing here raises for a missing or odd repository.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .changes import Change, Unreadable, diff_supplier
from .load import load_text

_RECORD, _FIELD = "\x1e", "\x1f"


class GitError(Exception):
    pass


def git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotepath=false", *args], cwd=cwd, input=stdin,
            capture_output=True, check=False,
        )
    except OSError as exc:  # git not installed
        raise GitError(str(exc)) from None
    if done.returncode != 0:
        raise GitError(done.stderr.decode("utf-8", "replace").strip())
    return done.stdout


@dataclass(frozen=True)
class Commit:
    sha: str
    date: dt.datetime
    author: str
    subject: str


@dataclass(frozen=True)
class Entry:
    """One commit's change to one supplier file."""

    commit: Commit
    slug: str
    changes: list[Change]


@dataclass
class History:
    available: bool
    note: str | None = None  # why there is no history, or why it may be incomplete
    by_slug: dict[str, list[Entry]] = field(default_factory=dict)  # newest first

    def last_updated(self, slug: str) -> dt.date | None:
        entries = self.by_slug.get(slug)
        return entries[0].commit.date.date() if entries else None

    def between(self, start: dt.date, end: dt.date) -> list[tuple[Commit, list[Entry]]]:
        """Entries of commits from ``start`` to ``end`` (both included), grouped by commit,
        newest first."""
        groups: dict[str, tuple[Commit, list[Entry]]] = {}
        for entries in self.by_slug.values():
            for entry in entries:
                if start <= entry.commit.date.date() <= end:
                    groups.setdefault(entry.commit.sha, (entry.commit, []))[1].append(entry)
        ordered = sorted(groups.values(), key=lambda g: (g[0].date, g[0].sha), reverse=True)
        return [(commit, sorted(entries, key=lambda e: e.slug)) for commit, entries in ordered]


@dataclass(frozen=True)
class _FileChange:
    commit: Commit
    status: str
    old: str | None  # path in the parent, None when added
    new: str | None  # path in the commit, None when deleted


def _parse_log(text: str) -> list[tuple[Commit, list[tuple[str, str | None, str | None]]]]:
    commits = []
    for record in text.split(_RECORD)[1:]:
        header, _, body = record.partition("\n")
        sha, date, author, subject = header.split(_FIELD, 3)
        files: list[tuple[str, str | None, str | None]] = []
        for line in body.splitlines():
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            status = parts[0][:1]
            if status in ("R", "C") and len(parts) == 3:
                files.append((status, parts[1], parts[2]))
            elif status == "A":
                files.append((status, None, parts[1]))
            elif status == "D":
                files.append((status, parts[1], None))
            else:
                files.append((status, parts[1], parts[1]))
        commits.append((Commit(sha, dt.datetime.fromisoformat(date), author, subject), files))
    return commits


def read_blobs(top: Path, specs: Sequence[str]) -> dict[str, str | None]:
    """``{"REV:path": text or None}`` through one ``git cat-file --batch``."""
    if not specs:
        return {}
    out = git(top, "cat-file", "--batch", stdin="".join(f"{s}\n" for s in specs).encode())
    result: dict[str, str | None] = {}
    pos = 0
    for spec in specs:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            result[spec] = out[pos:pos + size].decode("utf-8", "replace")
            pos += size + 1
        else:  # "<spec> missing" or not a blob
            result[spec] = None
    return result


def _data(text: str | None) -> Any:
    """The plain data of a file version: None when the file did not exist."""
    if text is None:
        return None
    doc = load_text(text, "history")
    if doc.data is None:
        return Unreadable(doc.problems[0].message if doc.problems else "no data")
    return doc.data


def _is_supplier(path: str | None, folder: str) -> bool:
    return (path is not None and PurePosixPath(path).parent.as_posix() == folder
            and path.endswith((".yaml", ".yml")))


def repository(folder: Path) -> tuple[Path, str] | None:
    """(top of the work tree, the folder relative to it), or None outside a checkout."""
    try:
        top = Path(git(folder, "rev-parse", "--show-toplevel").decode().strip())
    except (GitError, FileNotFoundError, NotADirectoryError):
        return None
    rel = folder.resolve().relative_to(top.resolve()).as_posix()
    return top, rel


def head_commit(folder: Path) -> str | None:
    """The commit checked out, or None outside a checkout (or before the first commit)."""
    try:
        return git(folder, "rev-parse", "HEAD").decode().strip()
    except (GitError, FileNotFoundError, NotADirectoryError):
        return None


def read_history(folder: Path) -> History:
    """Every commit that touched a supplier file of ``folder``, in words, per supplier."""
    repo = repository(folder) if folder.is_dir() else None
    if repo is None:
        return History(False, "No history: the handbook was not built from a git checkout.")
    top, rel = repo
    try:
        shallow_file = Path(git(top, "rev-parse", "--path-format=absolute", "--git-path",
                                "shallow").decode().strip())
        # A shallow clone's boundary commits look as if they added every file: skip them.
        boundary = set(shallow_file.read_text().split()) if shallow_file.is_file() else set()
        shallow = bool(boundary)
        log = git(top, "log", "-M", "--name-status", "--no-merges",
                  f"--format={_RECORD}%H{_FIELD}%aI{_FIELD}%an{_FIELD}%s", "--", rel).decode()
    except GitError as exc:
        if "does not have any commits" in str(exc):
            return History(True, "No commit has touched the supplier files yet.")
        return History(False, f"No history: git failed ({exc}).")
    changes: list[_FileChange] = []
    for commit, files in _parse_log(log):
        if commit.sha in boundary:
            continue
        for status, old, new in files:
            if _is_supplier(new, rel) or _is_supplier(old, rel):
                changes.append(_FileChange(commit, status, old, new))
    specs = [f"{c.commit.sha}^:{c.old}" for c in changes if c.old] + [
        f"{c.commit.sha}:{c.new}" for c in changes if c.new
    ]
    blobs = read_blobs(top, specs)
    history = History(True, _shallow_note() if shallow else None)
    alias: dict[str, str] = {}  # an older path -> the slug it has now (renames followed)
    for c in changes:  # newest first
        path = c.new or c.old or ""
        slug = alias.get(path, PurePosixPath(path).stem)
        if c.old and c.new and c.old != c.new:
            alias[c.old] = slug
        old = _data(blobs.get(f"{c.commit.sha}^:{c.old}")) if c.old else None
        new = _data(blobs.get(f"{c.commit.sha}:{c.new}")) if c.new else None
        words = diff_supplier(old, new)
        if c.old and c.new and c.old != c.new:
            words.insert(0, Change(f"renamed from {PurePosixPath(c.old).stem}"))
        history.by_slug.setdefault(slug, []).append(Entry(c.commit, slug, words))
    return history


def _shallow_note() -> str:
    return ("History may be incomplete: this is a shallow clone "
            "(run `git fetch --unshallow` before building).")


def files_at(top: Path, rev: str, rel: str) -> dict[str, str]:
    """``{slug: text}`` of the supplier files of folder ``rel`` at revision ``rev``."""
    try:
        git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except GitError:
        raise GitError(f"unknown revision {rev!r}") from None
    names = git(top, "ls-tree", "--name-only", rev, "--", "." if rel == "." else f"{rel}/")
    paths = [n for n in names.decode().splitlines() if _is_supplier(n, rel)]
    blobs = read_blobs(top, [f"{rev}:{p}" for p in paths])
    return {PurePosixPath(p).stem: text for p in paths
            if (text := blobs[f"{rev}:{p}"]) is not None}


def files_on_disk(folder: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8", errors="replace")
            for p in sorted(folder.iterdir()) if p.suffix in (".yaml", ".yml")}


def diff_versions(old: dict[str, str], new: dict[str, str]) -> dict[str, list[Change]]:
    """Per slug, what changed between two sets of supplier files (unchanged ones left out)."""
    result: dict[str, list[Change]] = {}
    for slug in sorted(old.keys() | new.keys()):
        if old.get(slug) == new.get(slug):
            continue
        words = diff_supplier(_data(old.get(slug)), _data(new.get(slug)))
        if words:
            result[slug] = words
    return result

