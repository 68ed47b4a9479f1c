"""The git history of the supplier folder, read once, split per supplier and put into words.

A constant number of git processes whatever the number of suppliers: one ``git log`` of the
whole folder (renames followed with ``-M``), one ``git cat-file --batch-check`` for the sizes
of the versions, one ``git cat-file --batch`` that streams the versions the semantic diff
compares. Outside a git checkout the history is simply unavailable; in a shallow clone it is
marked incomplete. Nothing here raises for a missing or odd repository.

Bounded work, whatever the repository holds:

- a commit's subject is read up to ``SUBJECT_CHARS`` characters and its author's name up to
  ``AUTHOR_CHARS`` (git cuts them, ending in ``..``): a 20 MB subject costs 200 characters;
- the versions are streamed, one at a time, in the order of the log: a version is parsed
  once and kept only until the older change of the same file that needs it again has been
  put into words, so at most about one version per supplier file is held at once, never
  every version of every file (``ReadStats`` counts it);
- "What changed" and the staleness note date a commit by when it landed (the committer
  date), not by the author date, which a commit can carry from any time.

The log is walked here, into the record of each supplier (``History``, ``Entry``,
``Commit``); git is run by ``gitcall``, and the file versions are read by ``versions``.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from supplier_handbook.history.changes import Change, diff_supplier
from supplier_handbook.history.gitcall import (
    GitError,
    decoded,
    git,
    is_supplier_path,
    repository,
)
from supplier_handbook.history.versions import ReadStats, Versions, version_sizes

_FIELD = "\x1f"
SUBJECT_CHARS = 200  # of a commit's subject, the most that is read and shown
AUTHOR_CHARS = 100  # of an author's name


@dataclass(frozen=True)
class Commit:
    sha: str
    date: dt.datetime  # the author date: when it was written (information only)
    author: str
    subject: str  # the first line, at most ``SUBJECT_CHARS`` characters
    committed: dt.datetime | None = None  # the committer date: when it landed

    @property
    def landed(self) -> dt.datetime:
        """When the change landed: what "What changed" and the staleness note go by."""
        return self.committed or self.date


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
    stats: ReadStats = field(default_factory=ReadStats)

    def last_updated(self, slug: str) -> dt.date | None:
        entries = self.by_slug.get(slug)
        return max(e.commit.landed for e in entries).date() if entries else None

    def between(self, start: dt.date, end: dt.date) -> list[tuple[Commit, list[Entry]]]:
        """Entries of commits that landed from ``start`` to ``end`` (both included; the
        committer date, whatever the author date says), grouped by commit, newest first."""
        groups: dict[str, tuple[Commit, list[Entry]]] = {}
        for entries in self.by_slug.values():
            for entry in entries:
                if start <= entry.commit.landed.date() <= end:
                    groups.setdefault(entry.commit.sha, (entry.commit, []))[1].append(entry)
        ordered = sorted(groups.values(), key=lambda g: (g[0].landed, g[0].sha), reverse=True)
        return [(commit, sorted(entries, key=lambda e: e.slug)) for commit, entries in ordered]


@dataclass(frozen=True)
class _FileChange:
    commit: Commit
    status: str
    old: str | None  # path in the parent, None when added
    new: str | None  # path in the commit, None when deleted
    old_blob: str | None  # the object ids of the two versions
    new_blob: str | None


_NO_BLOB = {"0" * 40, "0" * 64}
Raw = tuple[str, str | None, str | None, str | None, str | None]  # status, paths, blobs


def _commit(header: bytes) -> Commit | None:
    """A commit from ``%H<US>%aI<US>%cI<US>%an<US>%s``; None when git printed something
    else."""
    parts = header.lstrip(b"\n").split(_FIELD.encode(), 4)
    if len(parts) != 5:
        return None
    try:
        date = dt.datetime.fromisoformat(decoded(parts[1]))
        committed = dt.datetime.fromisoformat(decoded(parts[2]))
    except ValueError:
        return None
    # ``%<(N,trunc)`` pads a shorter value with spaces: they are not the value's
    return Commit(decoded(parts[0]), date, decoded(parts[3]).rstrip(" "),
                  decoded(parts[4]).rstrip(" "), committed)


def _parse_log(out: bytes) -> list[tuple[Commit, list[Raw]]]:
    """``git log -z --raw`` output: each commit's header, then its entries
    ``:MODE MODE OLD NEW STATUS<NUL>PATH<NUL>[PATH<NUL>]``, every field ended by NUL, so
    that no byte of a subject, an author or a file name can be taken for a separator."""
    tokens = out.split(b"\0")
    commits: list[tuple[Commit, list[Raw]]] = []
    i = 0
    while i < len(tokens):
        commit = _commit(tokens[i])
        i += 1
        files: list[Raw] = []
        while i < len(tokens) and tokens[i].lstrip(b"\n").startswith(b":"):
            fields = tokens[i].lstrip(b"\n").split()
            status = decoded(fields[-1][:1]) if len(fields) >= 5 else "?"
            count = 2 if status in ("R", "C") else 1
            # a name that is not UTF-8 is shown with U+FFFD: it is never a path to open
            paths = [decoded(p) for p in tokens[i + 1:i + 1 + count]]
            i += 1 + count
            if len(fields) < 5 or len(paths) != count:
                continue
            old_blob, new_blob = (None if decoded(f) in _NO_BLOB else decoded(f)
                                  for f in fields[2:4])
            if count == 2:
                files.append((status, paths[0], paths[1], old_blob, new_blob))
            elif status == "A":
                files.append((status, None, paths[0], None, new_blob))
            elif status == "D":
                files.append((status, paths[0], None, old_blob, None))
            else:
                files.append((status, paths[0], paths[0], old_blob, new_blob))
        if commit is not None:
            commits.append((commit, files))
    return commits


def head_commit(folder: Path) -> str | None:
    """The commit checked out, or None outside a checkout (or before the first commit)."""
    try:
        return decoded(git(folder, "rev-parse", "HEAD")).strip()
    except (GitError, OSError):
        return None


def read_history(folder: Path) -> History:
    """Every commit that touched a supplier file of ``folder``, in words, per supplier.
    Never raises: whatever git or the repository holds, the worst is no history, named."""
    try:
        return _read_history(folder)
    except (GitError, OSError, ValueError, UnicodeError) as exc:
        return History(False, f"No history: the git history could not be read ({exc}).")


def _read_history(folder: Path) -> History:
    repo = repository(folder) if folder.is_dir() else None
    if repo is None:
        return History(False, "No history: the handbook was not built from a git checkout.")
    top, rel = repo
    try:
        boundary, log = _log(top, rel)
    except GitError as exc:
        if "does not have any commits" in str(exc):
            return History(True, "No commit has touched the supplier files yet.")
        return History(False, f"No history: git failed ({exc}).")
    history = History(True, _shallow_note() if boundary else None)
    history.stats.log_bytes = len(log)
    changes = _supplier_changes(log, boundary, rel)
    del log
    wanted = [b for c in changes for b in ((c.old_blob if c.old else None),
                                           (c.new_blob if c.new else None)) if b]
    with Versions(top, version_sizes(top, wanted), wanted, history.stats) as versions:
        _add_entries(history, changes, versions)
    return history


def _log(top: Path, rel: str) -> tuple[set[str], bytes]:
    """The boundary commits of a shallow clone (empty when not shallow) and the raw log of
    the folder ``rel``."""
    shallow_file = Path(os.fsdecode(git(top, "rev-parse", "--path-format=absolute",
                                        "--git-path", "shallow").rstrip(b"\n")))
    boundary = set(shallow_file.read_text(errors="replace").split()) \
        if shallow_file.is_file() else set()
    log = git(top, "log", "-z", "-M", "--raw", "--no-abbrev", "--no-merges",
              f"--format=%H{_FIELD}%aI{_FIELD}%cI{_FIELD}%<({AUTHOR_CHARS},trunc)%an"
              f"{_FIELD}%<({SUBJECT_CHARS},trunc)%s", "--", rel)
    return boundary, log


def _supplier_changes(log: bytes, boundary: set[str], rel: str) -> list[_FileChange]:
    """The changes of supplier files in the log, newest first. A shallow clone's boundary
    commits look as if they added every file: they are skipped."""
    changes: list[_FileChange] = []
    for commit, files in _parse_log(log):
        if commit.sha in boundary:
            continue
        for status, old, new, old_blob, new_blob in files:
            if is_supplier_path(new, rel) or is_supplier_path(old, rel):
                changes.append(_FileChange(commit, status, old, new, old_blob, new_blob))
    return changes


def _add_entries(history: History, changes: list[_FileChange], versions: Versions) -> None:
    """One entry per change, under the slug the file has now (renames followed)."""
    alias: dict[str, str] = {}  # an older path -> the slug it has now
    for c in changes:  # newest first
        path = c.new or c.old or ""
        slug = alias.get(path, PurePosixPath(path).stem)
        renamed = bool(c.old and c.new and c.old != c.new)
        if renamed and c.old:
            alias[c.old] = slug
        new = versions.take(c.new_blob) if c.new else None
        old = versions.take(c.old_blob) if c.old else None
        words = diff_supplier(old, new)
        if renamed:
            words.insert(0, Change(f"renamed from {PurePosixPath(c.old or '').stem}"))
        history.by_slug.setdefault(slug, []).append(Entry(c.commit, slug, words))


def _shallow_note() -> str:
    return ("History may be incomplete: this is a shallow clone "
            "(run `git fetch --unshallow` before building).")
