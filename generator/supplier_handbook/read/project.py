"""What belongs to the project: nothing is read through a link that leaves it.

The project is the git work tree that holds the configuration, or, outside a checkout, the
folder of the configuration file. The supplier folder must be a real folder inside it, and
a symbolic link in ``docs_dir`` must lead to a file or folder inside it; otherwise the
build stops before anything is read or published.
"""

from __future__ import annotations

import os
from pathlib import Path

from supplier_handbook.base.errors import HandbookError
from supplier_handbook.base.problems import display_path


class ProjectError(HandbookError):
    """Part of the project may not be read or published; nothing has been written."""


def project_root(folder: Path) -> Path:
    """The git work tree containing ``folder`` (the nearest folder, from ``folder`` up,
    that holds ``.git``; no git process is started), else ``folder`` itself (resolved)."""
    start = folder.resolve()
    for candidate in (start, *start.parents):
        if (candidate / ".git").exists():
            return candidate
    return start


def supplier_folder_error(folder: Path, project: Path) -> str | None:
    """Why the supplier folder may not be read, or None."""
    shown = display_path(str(folder))
    if folder.is_symlink():
        return (f"the supplier folder {shown} is a symbolic link; it must be a folder of the "
                "repository (a link could read anything on the build machine)")
    root = project_root(project)
    if not folder.resolve().is_relative_to(root):
        return (f"the supplier folder {shown} lies outside the project "
                f"({display_path(str(root))}); suppliers_dir must name a folder of the repository")
    return None


def outside_links(folder: Path, root: Path) -> list[Path]:
    """Symbolic links under ``folder`` that lead outside ``root`` or nowhere."""
    found: list[Path] = []
    for current, dirs, files in os.walk(folder):  # a linked folder is listed, not entered
        for name in sorted([*dirs, *files]):
            path = Path(current) / name
            if not path.is_symlink():
                continue
            try:
                real = path.resolve(strict=True)
            except (OSError, RuntimeError):
                found.append(path)
                continue
            if not real.is_relative_to(root):
                found.append(path)
    return found


def outside_links_error(folder: Path, project: Path) -> str | None:
    """Why ``docs_dir`` may not be published, or None."""
    root = project_root(project)
    links = outside_links(folder, root)
    if not links:
        return None
    shown = ", ".join(display_path(str(p)) for p in links[:10])
    more = f" and {len(links) - 10} more" if len(links) > 10 else ""
    return (f"{shown}{more}: a symbolic link that leads outside the project "
            f"({display_path(str(root))}) or nowhere; it is not published (copy the file "
            "into the project instead)")
