"""What belongs to the project: nothing is read through a link that leaves it.

The project is the git work tree that holds the configuration, or, outside a checkout, the
folder of the configuration file. The supplier folder and ``docs_dir`` must be real
folders inside it (not links). A build publishes only what belongs to the handbook: a
symbolic link in ``docs_dir`` must lead to a file or folder inside ``docs_dir`` (never into
``.git``, never to a file git ignores), and no file git ignores (``.env``, ``.venv/``) is
published; otherwise the build stops, naming each such path, before anything is read or
published. A new page not yet committed is published.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from supplier_handbook.base.problems import display_path

GIT_SECONDS = 60


class ProjectError(Exception):
    """Part of the project may not be read or published; nothing has been written."""


def project_root(folder: Path) -> Path:
    """The git work tree containing ``folder`` (the nearest folder, from ``folder`` up,
    that holds ``.git``; no git process is started), else ``folder`` itself (resolved)."""
    start = folder.resolve()
    for candidate in (start, *start.parents):
        if (candidate / ".git").exists():
            return candidate
    return start


def linked_part(folder: Path, project: Path) -> Path | None:
    """``folder`` itself when it is a symbolic link, or a folder on the way from the project
    (the folder of the configuration) to it that is one; else None."""
    absolute = Path(os.path.abspath(folder))
    if absolute.is_symlink():
        return folder
    base = Path(os.path.abspath(project))
    if absolute.is_relative_to(base):
        path = base
        for part in absolute.relative_to(base).parts[:-1]:
            path = path / part
            if path.is_symlink():
                return path
    return None


def _in_git_folder(folder: Path, root: Path) -> bool:
    real = folder.resolve()
    return real.is_relative_to(root) and ".git" in real.relative_to(root).parts


def supplier_folder_error(folder: Path, project: Path) -> str | None:
    """Why the supplier folder may not be read, or None."""
    shown = display_path(str(folder))
    link = linked_part(folder, project)
    if link is not None:
        where = "" if link == folder else f" ({_shown(link, project_root(project))} is one)"
        return (f"the supplier folder {shown} is a symbolic link{where}; it must be a folder "
                "of the repository (a link could read anything on the build machine)")
    root = project_root(project)
    if not folder.resolve().is_relative_to(root) or _in_git_folder(folder, root):
        return (f"the supplier folder {shown} lies outside the project "
                f"({display_path(str(root))}); suppliers_dir must name a folder of the repository")
    return None


def ignored_paths(folder: Path, root: Path) -> frozenset[Path]:
    """The files and folders under ``folder`` that git ignores (``.env``, ``.venv/``), as
    resolved paths; a folder git ignores is one entry. One ``git ls-files`` per call; empty
    outside a git checkout or where git cannot answer (a new page not yet committed is not
    ignored: it is published)."""
    if not (root / ".git").exists():
        return frozenset()
    try:
        done = subprocess.run(
            ["git", "ls-files", "-z", "--others", "--ignored", "--exclude-standard",
             "--directory", "--", str(folder.resolve())],
            cwd=root, capture_output=True, check=False, timeout=GIT_SECONDS)
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    if done.returncode != 0:
        return frozenset()
    names = (os.fsdecode(raw).rstrip("/") for raw in done.stdout.split(b"\0") if raw)
    return frozenset((root / name).resolve() for name in names)


def _is_ignored(path: Path, ignored: frozenset[Path]) -> bool:
    return bool(ignored) and any(p in ignored for p in (path, *path.parents))


def _why_not_published(path: Path, folder: Path, ignored: frozenset[Path]) -> str | None:
    """Why the entry ``path`` of ``folder`` (resolved) may not be published, or None."""
    if path.name == ".git":
        return "a git folder"
    if path.is_symlink():
        try:
            real = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "a symbolic link that leads nowhere"
        if not real.is_relative_to(folder):
            return "a symbolic link that leaves the content folder"
        if ".git" in real.relative_to(folder).parts:
            return "a symbolic link into a git folder"
        if _is_ignored(real, ignored):
            return "a symbolic link to a file git ignores"
        if real.is_dir() and path.parent.resolve().is_relative_to(real):
            return "a symbolic link to a folder that holds it (an endless folder)"
        return None
    if path.name.startswith("."):  # MkDocs never publishes it; the export leaves it out
        return None
    if _is_ignored(path.resolve(), ignored):
        return "a file git ignores"
    return None


def unpublishable(folder: Path, root: Path,
                  ignored: frozenset[Path] | None = None) -> list[tuple[Path, str]]:
    """What under ``folder`` may not be published, with why: a symbolic link that leaves
    ``folder``, leads nowhere, into a git folder, to a file git ignores or to a folder that
    holds it; a git folder; a file git ignores (``ignored``: from ``ignored_paths``)."""
    real_folder = folder.resolve()
    if ignored is None:
        ignored = ignored_paths(folder, root)
    found: list[tuple[Path, str]] = []
    for current, dirs, files in os.walk(folder):  # a linked folder is listed, not entered
        for name in sorted([*dirs, *files]):
            path = Path(current) / name
            why = _why_not_published(path, real_folder, ignored)
            if why is not None:
                found.append((path, why))
        dirs[:] = [d for d in dirs if d != ".git"
                   and not _is_ignored((Path(current) / d).resolve(), ignored)]
    return found


def outside_links(folder: Path, root: Path) -> list[Path]:
    """What under ``folder`` may not be published (see ``unpublishable``)."""
    return [path for path, _ in unpublishable(folder, root)]


def _shown(path: Path, root: Path) -> str:
    """``path`` as the user wrote it in the project: relative to the project's folder."""
    absolute = Path(os.path.abspath(path))
    return display_path(str(absolute.relative_to(root) if absolute.is_relative_to(root)
                            else path))


def docs_folder_error(folder: Path, project: Path) -> str | None:
    """Why the content folder itself may not be published, or None: it is a symbolic link,
    or lies outside the project."""
    root = project_root(project)
    shown = _shown(folder, root)
    link = linked_part(folder, project)
    if link is not None:
        where = "" if link == folder else f" ({_shown(link, root)} is one)"
        return (f"the content folder {shown} (docs_dir) is a symbolic link{where}; it must be "
                "a folder of the repository (a link could publish anything on the build "
                "machine)")
    if not folder.resolve().is_relative_to(root) or _in_git_folder(folder, root):
        return (f"the content folder {shown} (docs_dir) lies outside the project "
                f"({display_path(str(root))}); docs_dir must name a folder of the repository")
    return None


def outside_links_error(folder: Path, project: Path) -> str | None:
    """Why ``docs_dir`` may not be published, or None: the folder itself (a link, outside
    the project) or what it holds (``unpublishable``), each named with why."""
    error = docs_folder_error(folder, project)
    if error is not None:
        return error
    root = project_root(project)
    found = unpublishable(folder, root)
    if not found:
        return None
    shown = "; ".join(f"{_shown(p, root)}: {why}" for p, why in found[:10])
    more = f" and {len(found) - 10} more" if len(found) > 10 else ""
    return (f"{shown}{more}; nothing was published: a build publishes only the files of the "
            f"content folder that git does not ignore (copy the file into "
            f"{_shown(folder, root)} instead, or remove it)")
