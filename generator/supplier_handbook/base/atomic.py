"""Write a file all at once, or not at all, and never through a link.

Every command that writes a file the user keeps (``handbook new``, ``handover``, ``import``)
writes through ``write_atomic``:

- the target must not be a symbolic link (a link committed by a pull request could make the
  command write to any file the user can write, such as ``~/.ssh/authorized_keys``): it is
  refused, not followed;
- the bytes go to a temporary file created *exclusively* in the target's folder
  (``tempfile.mkstemp``: ``O_CREAT | O_EXCL | O_NOFOLLOW``, a random name), are flushed to
  disk, and only then take the target's name in one step (``os.replace``, or ``os.link`` when
  an existing file must not be replaced). A crash at any moment leaves either the old file or
  the new one, never half a file; the temporary file is removed on every error;
- the file keeps its permission bits (a ``0640`` file stays ``0640``); a new file gets the
  mode ``open()`` would give it (``0666`` less the umask).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path

TEMP_SUFFIX = ".tmp"
"""The temporary files are ``.NAME.RANDOM.tmp`` in the target's folder (hidden, and never
``*.yaml``: the check and the build do not read them)."""


class AtomicWriteError(OSError):
    """The file cannot be written safely (the message names the file and says why)."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _target_mode(path: Path) -> tuple[int, bool]:
    """(permission bits to give the file, whether it exists); refuses a link or a non-file."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return 0o666 & ~_umask(), False
    if stat.S_ISLNK(info.st_mode):
        raise AtomicWriteError(errno.ELOOP, f"{path} is a symbolic link; it is not written "
                               "through (replace the link with a regular file, or remove it)")
    if not stat.S_ISREG(info.st_mode):
        raise AtomicWriteError(errno.EEXIST, f"{path} exists and is not a regular file")
    return stat.S_IMODE(info.st_mode), True


def _sync_folder(folder: Path) -> None:
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):  # not every file system syncs a folder
            os.fsync(fd)
    finally:
        os.close(fd)


def _take_name(temp: Path, path: Path) -> None:
    """Give ``temp`` the name ``path`` unless something has it (then ``FileExistsError``)."""
    try:
        os.link(temp, path)  # fails if anything, even a dangling link, has the name
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
            raise
        # a file system without hard links: the name is judged just before the move
        if os.path.lexists(path):
            raise FileExistsError(errno.EEXIST, f"{path} exists already", str(path)) from None
        os.replace(temp, path)
        return
    temp.unlink()


def write_atomic(path: Path, data: bytes, *, replace: bool = True,
                 real_folder: bool = False) -> None:
    """Write ``data`` to ``path`` all at once (see the module's docstring).

    ``replace=False``: never replace an existing file (``FileExistsError``), decided at the
    moment the name is taken, so a file created meanwhile by someone else is kept.
    ``real_folder``: refuse a folder that is itself a symbolic link (a supplier folder
    committed as a link could point anywhere).
    Raises ``AtomicWriteError`` for a link or a non-file at ``path``, ``OSError`` otherwise.
    """
    path = Path(path)
    if real_folder and path.parent.is_symlink():
        raise AtomicWriteError(errno.ELOOP, f"{path.parent} is a symbolic link; files are not "
                               "written through it (make it a folder of the repository)")
    mode, exists = _target_mode(path)
    if exists and not replace:
        raise FileExistsError(errno.EEXIST, f"{path} exists already", str(path))
    folder = path.parent
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX,
                                     dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fchmod(handle.fileno(), mode)
            os.fsync(handle.fileno())
        if replace:
            _target_mode(path)  # a link put there meanwhile is still refused
            os.replace(temp, path)  # a link at ``path`` would be replaced, never followed
        else:
            _take_name(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _sync_folder(folder)
