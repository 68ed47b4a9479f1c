"""Where the handbook may write: the target folders of ``build`` and ``export``.

Write only where the user asked, and never replace what is not ours:

- a target that is a symbolic link, or lies in the project under a folder that is one (a
  committed ``site`` link), is refused: a link would send the build to another folder;
- a target that is or contains the project folder, its ``docs_dir``, its supplier folder or
  its configuration file, or that lies inside ``docs_dir``, the supplier folder or ``.git``,
  is refused (``TargetError``) before anything is written;
- an existing target must be empty or hold the marker file the handbook writes into every
  site (``.handbook-site``) and export (``.handbook-export``): any other folder is refused;
- one lock file per target (``.handbook-NAME.lock`` beside it, through ``filelock``) makes
  builds of one folder take turns, also across containers sharing a volume; it is never
  opened through a link (a committed ``.handbook-site.lock`` link is refused); whoever holds
  the lock may remove the staging folders of killed builds, since no live build has one;
- the staging folder is made with ``os.mkdir``, so the site gets the permissions MkDocs
  would give it (0777 less the umask), not ``mkdtemp``'s 0700.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from supplier_handbook.read.project import linked_part

SITE_MARKER = ".handbook-site"
EXPORT_MARKER = ".handbook-export"
MARKER_TEXT = ("Written by the supplier handbook (`handbook {command}`), which replaces this "
               "folder on the next run. Do not keep other files here.\n")
LOCK_SECONDS = 600
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class TargetError(Exception):
    """A target folder the handbook refuses to write; nothing has been changed."""


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def check_target(target: Path, marker: str, *, project: Path, docs_dir: Path,
                 suppliers_dir: Path, config_file: Path) -> Path:
    """The resolved ``target`` when the handbook may replace it, else ``TargetError``."""
    link = linked_part(target, project)  # a committed ``site`` link, or one on the way
    if link is not None:
        raise TargetError(
            f"{target}: {link} is a symbolic link; the handbook does not build through a "
            "link (it would replace whatever folder the link leads to): remove the link or "
            "name the folder itself")
    resolved = target.resolve()
    keep = {
        "the project folder": project.resolve(),
        "docs_dir (the hand-written pages)": docs_dir.resolve(),
        "the supplier folder": suppliers_dir.resolve(),
        "the configuration file": config_file.resolve(),
    }
    for what, path in keep.items():
        if _inside(path, resolved):
            verb = "is" if path == resolved else "contains"
            raise TargetError(f"{target} {verb} {what} ({path}); the handbook writes only into "
                              "a folder of its own, e.g. site/")
    for what, path in (("docs_dir", docs_dir.resolve()),
                       ("the supplier folder", suppliers_dir.resolve()),
                       ("the git folder", (project / ".git").resolve())):
        if _inside(resolved, path):
            raise TargetError(f"{target} lies inside {what} ({path}); choose a folder of its "
                              "own, e.g. site/")
    if resolved.exists() or resolved.is_symlink():
        if not resolved.is_dir():
            raise TargetError(f"{target} exists and is not a folder; it is left as it is")
        if any(resolved.iterdir()) and not (resolved / marker).is_file():
            raise TargetError(
                f"{target} is not empty and was not written by the handbook (it has no "
                f"{marker} file); it is left as it is: remove it yourself or choose an empty "
                "or new folder")
    return resolved


def write_marker(folder: Path, marker: str, command: str) -> None:
    (folder / marker).write_text(MARKER_TEXT.format(command=command), encoding="utf-8")


def lock_path(target: Path) -> Path:
    return target.parent / f".handbook-{target.name}.lock"


@contextmanager
def locked(target: Path) -> Iterator[None]:
    """Hold the lock of ``target`` (waiting up to ``LOCK_SECONDS`` for another build)."""
    # Made here first, so that a folder where no file can be made fails at once with the
    # system's reason (filelock would keep retrying until its timeout); never through a
    # link (a committed ``.handbook-site.lock`` link would make any file, anywhere).
    try:
        os.close(os.open(lock_path(target), os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o666))
    except OSError as exc:
        if not lock_path(target).is_symlink():
            raise
        raise TargetError(
            f"{lock_path(target)} is a symbolic link; the handbook's lock file must be a "
            "file of its own: remove the link (nothing was changed)") from exc
    if not stat.S_ISREG(os.lstat(lock_path(target)).st_mode):
        raise TargetError(f"{lock_path(target)} is not a file; the handbook's lock file must "
                          "be a file of its own: remove it (nothing was changed)")
    lock = FileLock(str(lock_path(target)), timeout=LOCK_SECONDS)
    try:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            logging.getLogger("supplier_handbook").warning(
                "handbook: waiting for another build of %s to finish (lock %s)", target,
                lock_path(target))
            lock.acquire()
    except Timeout:
        raise TargetError(f"another build of {target} has held {lock_path(target)} for "
                          f"{LOCK_SECONDS} s; nothing was changed") from None
    try:
        yield
    finally:
        lock.release()


def remove_leftovers(target: Path) -> None:
    """Staging and old folders of builds that were killed. Call only holding the lock:
    every live build of ``target`` holds it while it has such a folder."""
    for pattern in (f".{target.name}.new-*", f".{target.name}.old-*"):
        for path in target.parent.glob(pattern):
            shutil.rmtree(path, ignore_errors=True)


def new_staging(target: Path) -> Path:
    """A fresh, empty folder beside ``target`` with the permissions of a plain ``mkdir``."""
    while True:
        path = target.parent / f".{target.name}.new-{secrets.token_hex(6)}"
        try:
            os.mkdir(path)
        except FileExistsError:
            continue
        return path


def sync_into(new: Path, target: Path) -> None:
    """Make ``target`` hold what ``new`` holds, without replacing ``target`` itself (a mount
    point cannot be renamed): each file is written beside its place and renamed over it,
    then whatever the old site had and the new one has not is removed. ``target`` holds the
    handbook's marker, so everything in it was written by the handbook."""
    wanted: set[Path] = set()
    for folder, dirs, files in os.walk(new):
        rel = Path(folder).relative_to(new)
        (target / rel).mkdir(exist_ok=True)
        wanted.add(rel)
        for name in files:
            wanted.add(rel / name)
            temporary = target / rel / f".{name}.handbook-new"
            shutil.copy2(Path(folder) / name, temporary)
            os.replace(temporary, target / rel / name)
        dirs.sort()
    for folder, dirs, files in os.walk(target, topdown=False):
        rel = Path(folder).relative_to(target)
        for name in files:
            if rel / name not in wanted:
                (target / rel / name).unlink()
        for name in dirs:
            if rel / name not in wanted:
                path = target / rel / name
                if path.is_symlink():
                    path.unlink()
                else:
                    shutil.rmtree(path)
    shutil.rmtree(new, ignore_errors=True)
