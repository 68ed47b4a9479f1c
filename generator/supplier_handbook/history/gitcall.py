"""Running git on the supplier folder's repository: one call, its failure, the work tree.

Owns the one way a git command is run and read (``git``: ``core.quotepath`` off, its
output as bytes, a failure as ``GitError`` with git's own message), bytes from git as text
whatever they hold (``decoded``), where the supplier folder sits in its work tree
(``repository``) and which paths of a tree are supplier files (``is_supplier_path``). The
log is walked by ``gitlog``, the file versions are read by ``versions``.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path, PurePosixPath

from supplier_handbook.base.errors import HandbookError
from supplier_handbook.read.load import is_supplier_file


class GitError(HandbookError):
    """git failed, or has no such revision (the message is git's)."""


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


def decoded(raw: bytes) -> str:
    """Bytes from git as text, whatever they hold (an undecodable byte becomes U+FFFD)."""
    return raw.decode("utf-8", "replace")


def is_supplier_path(path: str | None, folder: str) -> bool:
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
