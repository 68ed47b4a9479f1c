""""Edit this supplier": each supplier page and its printable brief link to the supplier's
YAML file in the git host's web editor.

MkDocs gives every page ``repo_url`` + ``edit_uri`` + the page's ``File.edit_uri`` as its
``edit_url``, which Material shows as the edit button (theme feature
``content.action.edit``). A hand-written page's ``File.edit_uri`` is its path in
``docs_dir``, so ``edit_uri: edit/main/content/`` (GitHub) or ``-/edit/main/content/``
(GitLab) opens ``content/guides/x.md``. A generated page has none (MkDocs gives it no link);
here a supplier page's is the path of its YAML file seen from ``docs_dir``
(``../suppliers/acme.yaml``), so the same ``edit_uri`` opens ``suppliers/acme.yaml``: the
link is derived exactly as Material's own, for the file that makes the page. The ``..`` is
resolved in the URL (``edit/main/suppliers/acme.yaml``).
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from markupsafe import Markup

from supplier_handbook.derive.portfolio import Derived


@dataclass(frozen=True)
class EditTarget:
    edit_uri: str  # the YAML file seen from docs_dir: ``File.edit_uri``
    path: str  # the YAML file seen from the folder of mkdocs.yml: what the reader is told


def supplier_edit_targets(suppliers: Iterable[Derived], docs_dir: Path,
                          project: Path) -> dict[str, EditTarget]:
    """``{generated page: its YAML file}`` for the supplier pages and the briefs (POSIX
    separators, as MkDocs joins them into URLs)."""
    docs, root = docs_dir.resolve(), project.resolve()
    targets: dict[str, EditTarget] = {}
    for d in suppliers:
        source = Path(d.path).resolve()
        target = EditTarget(Path(os.path.relpath(source, docs)).as_posix(),
                            Path(os.path.relpath(source, root)).as_posix())
        targets[f"suppliers/{d.slug}.md"] = target
        targets[f"suppliers/{d.slug}/handover.md"] = target
    return targets


def resolved(url: str) -> str:
    """``url`` with the ``.`` and ``..`` of its path resolved (RFC 3986), as a browser
    would: ``.../edit/main/content/../suppliers/a.yaml`` -> ``.../edit/main/suppliers/a.yaml``."""
    parts = urlsplit(url)
    if "/." not in parts.path:
        return url
    path = posixpath.normpath(parts.path)
    if parts.path.endswith("/") and not path.endswith("/"):
        path += "/"
    if path.startswith("//"):  # normpath keeps a leading "//"; a URL path never needs it
        path = "/" + path.lstrip("/")
    return urlunsplit(parts._replace(path=path))


def edit_line(edit_url: str, file_path: str) -> Markup:
    """The visible "Edit this supplier" line under a supplier page's title."""
    return Markup('<p class="hb-edit"><a href="{0}" rel="edit">Edit this supplier</a> '
                  '<span class="hb-edit-file">({1}, in your git host\'s web editor; '
                  'the change is proposed for review)</span></p>').format(edit_url, file_path)


def with_edit_line(html: str, edit_url: str, file_path: str) -> str:
    """A page's HTML with the edit line after its title (the first ``</h1>``)."""
    head, found, rest = html.partition("</h1>")
    line = edit_line(edit_url, file_path)
    return f"{head}{found}{line}{rest}" if found else f"{line}{html}"
