"""The versions of the supplier files, read from git's objects or from the disk.

Owns the reading of versions by object id (sizes first with one ``git cat-file
--batch-check``, then the contents of those within the byte limit with one ``--batch``;
a missing or oversized version is ``Unreadable`` with the reason), the streamed reading the
history walk asks for one version at a time (``Versions``: a version is parsed once and
kept only while an older change of the same file still needs it; ``ReadStats`` counts it),
the supplier files at a revision or on disk, and what changed between two sets of them
(``handbook diff``). The log itself is walked by ``gitlog``.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from supplier_handbook.history.changes import Change, Unreadable, diff_supplier
from supplier_handbook.history.gitcall import GitError, decoded, git, is_supplier_path
from supplier_handbook.read.load import (
    MAX_BYTES,
    Refused,
    is_supplier_file,
    load_text,
    read_file_bytes,
)

Version = str | Unreadable


@dataclass
class ReadStats:
    """What reading the history cost, counted: bytes git sent, versions parsed and the most
    parsed versions held at once (the streaming bound)."""

    log_bytes: int = 0
    version_bytes: int = 0
    versions_read: int = 0
    held_peak: int = 0


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
            result[blob] = decoded(out[end + 1:end + 1 + size])
            pos = end + 1 + size + 1
        else:
            result[blob] = Unreadable(f"could not read this version (git object {blob[:12]})")
            pos = end + 1 if end >= 0 else len(out)
    return result


def version_data(text: str | Unreadable | None) -> Any:
    """The plain data of a file version: None when the file did not exist."""
    if text is None or isinstance(text, Unreadable):
        return text
    doc = load_text(text, "history")
    if doc.data is None:
        return Unreadable(doc.problems[0].message if doc.problems else "no data")
    return doc.data


def version_sizes(top: Path, blobs: Sequence[str]) -> dict[str, int | Unreadable]:
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


class Versions:
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

    def __enter__(self) -> Versions:
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
        return version_data(decoded(raw))


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
        if tab and len(parts) == 3 and is_supplier_path(decoded(name), rel):
            entries.append((decoded(name), decoded(parts[0]), decoded(parts[2])))
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
        words = diff_supplier(version_data(old.get(slug)), version_data(new.get(slug)))
        if words:
            result[slug] = words
    return result
