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
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from supplier_handbook.history.changes import Change, Unreadable, diff_supplier
from supplier_handbook.read.load import (
    MAX_BYTES,
    Refused,
    is_supplier_file,
    load_text,
    read_file_bytes,
)

_FIELD = "\x1f"
SUBJECT_CHARS = 200  # of a commit's subject, the most that is read and shown
AUTHOR_CHARS = 100  # of an author's name


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
    date: dt.datetime  # the author date: when it was written (information only)
    author: str
    subject: str  # the first line, at most ``SUBJECT_CHARS`` characters
    committed: dt.datetime | None = None  # the committer date: when it landed

    @property
    def landed(self) -> dt.datetime:
        """When the change landed: what "What changed" and the staleness note go by."""
        return self.committed or self.date


@dataclass
class ReadStats:
    """What reading the history cost, counted: bytes git sent, versions parsed and the most
    parsed versions held at once (the streaming bound)."""

    log_bytes: int = 0
    version_bytes: int = 0
    versions_read: int = 0
    held_peak: int = 0


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


def _text(raw: bytes) -> str:
    """Bytes from git as text, whatever they hold (an undecodable byte becomes U+FFFD)."""
    return raw.decode("utf-8", "replace")


def _commit(header: bytes) -> Commit | None:
    """A commit from ``%H<US>%aI<US>%cI<US>%an<US>%s``; None when git printed something
    else."""
    parts = header.lstrip(b"\n").split(_FIELD.encode(), 4)
    if len(parts) != 5:
        return None
    try:
        date = dt.datetime.fromisoformat(_text(parts[1]))
        committed = dt.datetime.fromisoformat(_text(parts[2]))
    except ValueError:
        return None
    # ``%<(N,trunc)`` pads a shorter value with spaces: they are not the value's
    return Commit(_text(parts[0]), date, _text(parts[3]).rstrip(" "),
                  _text(parts[4]).rstrip(" "), committed)


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
            status = _text(fields[-1][:1]) if len(fields) >= 5 else "?"
            count = 2 if status in ("R", "C") else 1
            # a name that is not UTF-8 is shown with U+FFFD: it is never a path to open
            paths = [_text(p) for p in tokens[i + 1:i + 1 + count]]
            i += 1 + count
            if len(fields) < 5 or len(paths) != count:
                continue
            old_blob, new_blob = (None if _text(f) in _NO_BLOB else _text(f)
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


def read_blobs(top: Path, blobs: Sequence[str]) -> dict[str, str | Unreadable]:
    """``{object id: text}`` of file versions: sizes first (one ``git cat-file
    --batch-check``), then the contents of those within the byte limit (one ``--batch``).
    A missing or oversized version becomes ``Unreadable`` with the reason."""
    wanted = list(dict.fromkeys(blobs))
    if not wanted:
        return {}
    result: dict[str, str | Unreadable] = {}
    checked = git(top, "cat-file", "--batch-check",
                  stdin="".join(f"{b}\n" for b in wanted).encode()).splitlines()
    small: list[str] = []
    for blob, line in zip(wanted, checked, strict=False):
        parts = line.split()
        if len(parts) == 3 and parts[1] == b"blob" and parts[2].isdigit():
            size = int(parts[2])
            if size <= MAX_BYTES:
                small.append(blob)
            else:
                result[blob] = Unreadable(f"this version is {size:,} bytes; a supplier file "
                                          f"may be at most {MAX_BYTES:,}")
        else:
            result[blob] = Unreadable(f"could not read this version (git object {blob[:12]} "
                                      "is missing or not a file)")
    out = git(top, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in small).encode()
              ) if small else b""
    pos = 0
    for blob in small:
        end = out.find(b"\n", pos)
        header = out[pos:end].split() if end >= 0 else []
        if len(header) == 3 and header[1] == b"blob" and header[2].isdigit():
            size = int(header[2])
            result[blob] = _text(out[end + 1:end + 1 + size])
            pos = end + 1 + size + 1
        else:
            result[blob] = Unreadable(f"could not read this version (git object {blob[:12]})")
            pos = end + 1 if end >= 0 else len(out)
    return result


def _data(text: str | Unreadable | None) -> Any:
    """The plain data of a file version: None when the file did not exist."""
    if text is None or isinstance(text, Unreadable):
        return text
    doc = load_text(text, "history")
    if doc.data is None:
        return Unreadable(doc.problems[0].message if doc.problems else "no data")
    return doc.data


def _is_supplier(path: str | None, folder: str) -> bool:
    return (path is not None and PurePosixPath(path).parent.as_posix() == folder
            and is_supplier_file(path))


def repository(folder: Path) -> tuple[Path, str] | None:
    """(top of the work tree, the folder relative to it), or None outside a checkout (or
    when the folder, through a link, lies outside the work tree)."""
    try:
        top = Path(os.fsdecode(git(folder, "rev-parse", "--show-toplevel").rstrip(b"\n")))
        rel = folder.resolve().relative_to(top.resolve()).as_posix()
    except (GitError, OSError, ValueError):
        return None
    return top, rel


def head_commit(folder: Path) -> str | None:
    """The commit checked out, or None outside a checkout (or before the first commit)."""
    try:
        return _text(git(folder, "rev-parse", "HEAD")).strip()
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
    with _Versions(top, _sizes(top, wanted), wanted, history.stats) as versions:
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
            if _is_supplier(new, rel) or _is_supplier(old, rel):
                changes.append(_FileChange(commit, status, old, new, old_blob, new_blob))
    return changes


def _add_entries(history: History, changes: list[_FileChange], versions: _Versions) -> None:
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


def _sizes(top: Path, blobs: Sequence[str]) -> dict[str, int | Unreadable]:
    """The size of each version (one ``git cat-file --batch-check``), or why it cannot be
    read (missing, not a file, over the byte limit)."""
    wanted = list(dict.fromkeys(blobs))
    if not wanted:
        return {}
    result: dict[str, int | Unreadable] = {}
    checked = git(top, "cat-file", "--batch-check",
                  stdin="".join(f"{b}\n" for b in wanted).encode()).splitlines()
    for blob, line in zip(wanted, checked, strict=False):
        parts = line.split()
        if len(parts) == 3 and parts[1] == b"blob" and parts[2].isdigit():
            size = int(parts[2])
            result[blob] = size if size <= MAX_BYTES else Unreadable(
                f"this version is {size:,} bytes; a supplier file may be at most {MAX_BYTES:,}")
        else:
            result[blob] = Unreadable(f"could not read this version (git object {blob[:12]} "
                                      "is missing or not a file)")
    return result


class _Versions:
    """The parsed versions of the supplier files, streamed from one ``git cat-file --batch``
    in the order the log needs them. A version is read once and kept only while a later
    ``take`` (an older change of the same file) still needs it."""

    def __init__(self, top: Path, sizes: dict[str, int | Unreadable], wanted: Sequence[str],
                 stats: ReadStats) -> None:
        self.top = top
        self.sizes = sizes
        self.stats = stats
        self.uses: dict[str, int] = {}
        for blob in wanted:
            self.uses[blob] = self.uses.get(blob, 0) + 1
        self.kept: dict[str, Any] = {}
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> _Versions:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.communicate()  # closes its input: git ends
            self.process = None

    def take(self, blob: str | None) -> Any:
        """The plain data of the version ``blob`` (``Unreadable`` when it cannot be read)."""
        if blob is None:  # the entry names a path but no object: git could not say
            return Unreadable("could not read this version (no git object recorded)")
        data = self.kept[blob] if blob in self.kept else self._read(blob)
        left = self.uses.get(blob, 1) - 1
        self.uses[blob] = left
        if left > 0:
            self.kept[blob] = data
        else:
            self.kept.pop(blob, None)
        self.stats.held_peak = max(self.stats.held_peak, len(self.kept) + 1)
        return data

    def _read(self, blob: str) -> Any:
        size = self.sizes.get(blob, Unreadable(f"could not read this version ({blob[:12]})"))
        if isinstance(size, Unreadable):
            return size
        if self.process is None:
            self.process = subprocess.Popen(
                ["git", "-c", "core.quotepath=false", "cat-file", "--batch"], cwd=self.top,
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        stdin, stdout = self.process.stdin, self.process.stdout
        assert stdin is not None and stdout is not None
        try:
            stdin.write(f"{blob}\n".encode())
            stdin.flush()
            header = stdout.readline(200).split()
            if not (len(header) == 3 and header[1] == b"blob" and header[2] == b"%d" % size):
                raise OSError("unexpected answer")
            raw = stdout.read(size + 1)[:size]  # the object, then a newline
        except OSError:
            self.process.kill()  # out of step with git: the next version starts a new one
            self.process.communicate()
            self.process = None
            return Unreadable(f"could not read this version (git object {blob[:12]})")
        self.stats.version_bytes += len(raw)
        self.stats.versions_read += 1
        return _data(_text(raw))


def _shallow_note() -> str:
    return ("History may be incomplete: this is a shallow clone "
            "(run `git fetch --unshallow` before building).")


Version = str | Unreadable


def files_at(top: Path, rev: str, rel: str) -> dict[str, Version]:
    """``{slug: text}`` of the supplier files of folder ``rel`` at revision ``rev``; a
    version that is not a regular file, is too large or cannot be read is ``Unreadable``."""
    try:
        git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    except GitError:
        raise GitError(f"unknown revision {rev!r}") from None
    listing = git(top, "ls-tree", "-z", rev, "--", "." if rel == "." else f"{rel}/")
    entries: list[tuple[str, str, str]] = []  # (path, mode, object)
    for item in listing.split(b"\0"):
        info, tab, name = item.partition(b"\t")
        parts = info.split()
        if tab and len(parts) == 3 and _is_supplier(_text(name), rel):
            entries.append((_text(name), _text(parts[0]), _text(parts[2])))
    regular = [blob for _, mode, blob in entries if mode in ("100644", "100755")]
    blobs = read_blobs(top, regular)
    result: dict[str, Version] = {}
    for path, mode, blob in entries:
        if mode in ("100644", "100755"):
            result[PurePosixPath(path).stem] = blobs[blob]
        else:
            result[PurePosixPath(path).stem] = Unreadable(
                "not a regular file in this version (a link or a folder); it is not read")
    return result


def files_on_disk(folder: Path) -> dict[str, Version]:
    """``{slug: text}`` of the supplier files in ``folder``, read like ``check`` reads them
    (``load.read_file_bytes``): links, pipes, devices and folders are refused, unopened."""
    result: dict[str, Version] = {}
    for path in sorted(folder.iterdir()):
        if not is_supplier_file(path):
            continue
        try:
            result[path.stem] = read_file_bytes(path).decode("utf-8", "replace")
        except Refused as exc:
            result[path.stem] = Unreadable(str(exc))
    return result


def diff_versions(old: dict[str, Version], new: dict[str, Version]
                  ) -> dict[str, list[Change]]:
    """Per slug, what changed between two sets of supplier files (unchanged ones left out)."""
    result: dict[str, list[Change]] = {}
    for slug in sorted(old.keys() | new.keys()):
        if old.get(slug) == new.get(slug):
            continue
        words = diff_supplier(_data(old.get(slug)), _data(new.get(slug)))
        if words:
            result[slug] = words
    return result
