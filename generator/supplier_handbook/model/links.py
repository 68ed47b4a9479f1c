"""Internal links in supplier text: found by ``handbook check``, before the build.

Text fields that allow Markdown keep their links on the generated pages, and MkDocs reports a
relative link to a page that does not exist (``--strict`` fails on it). This check finds the
same links in the supplier files and reports each one where it was written, as
``PATH:LINE:COL: error: ...``, so the pre-commit hook and the pull-request job fail on it.

A relative link in a supplier's text is read from that supplier's page
(``suppliers/SLUG.md``); text that is also shown on a page at the site's root (an action on
*Joint actions*, a question on *Culture check*) is read from there too. The pages that
exist are the files of the handbook's ``docs_dir`` plus the generated pages. Links with a
scheme (``https:``, ``mailto:``), absolute paths and anchors on the same page are not
judged here.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

import yaml

from supplier_handbook.base.problems import Problem, quote
from supplier_handbook.read.load import Document, Mark, PathKey, is_supplier_file

_LINK = re.compile(r"\]\(([^)\s]*)")  # the links render keeps: ](target ...)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.\-]*:")
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f<>]|&lt;|&gt;")


def has_scheme(target: str) -> bool:
    """Whether a browser reads ``target`` as having a scheme (entities decoded, control
    characters and spaces dropped), as ``render.is_safe_url`` judges it: such a link is
    kept (http, https, mailto) or neutralised by render, and reaches no page of the site."""
    return _SCHEME.match(_CONTROL.sub("", html.unescape(html.unescape(target)))) is not None

ANY = "*"
BRIEF = "suppliers/SLUG"
MARKDOWN_FIELDS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("summary",): ("suppliers", BRIEF),
    ("impact", "rationale"): ("suppliers",),
    ("governance", "rationale"): ("suppliers",),
    ("governance", "meetings", ANY, "purpose"): ("suppliers",),
    ("handovers", ANY, "notes"): ("suppliers", BRIEF, ""),
    ("contacts", ANY, "what_matters"): ("suppliers", BRIEF),
    ("contacts", ANY, "notes"): ("suppliers", BRIEF),
    ("health", ANY, "notes"): ("suppliers", BRIEF),
    ("actions", ANY, "action"): ("suppliers", BRIEF, ""),
    ("actions", ANY, "notes"): ("suppliers",),
    ("culture_check", ANY, "question"): ("suppliers", BRIEF, ""),
    ("culture_check", ANY, "listen_for"): ("suppliers", BRIEF, ""),
    ("culture_check", ANY, "answers", ANY, "summary"): ("suppliers",),
    ("log", ANY, "text"): ("suppliers",),
}
"""The fields whose Markdown links reach a page -> the folders (in the site's source) of the
pages they are shown on: the supplier's page, its handover brief (``BRIEF``, with the slug),
and the listing pages at the site's root."""
PAGES = {"suppliers": "the supplier's page", BRIEF: "the handover brief (suppliers/SLUG/handover/)",
         "": "the pages at the site's root (Joint actions, Culture check, Handovers)"}

GENERATED = ("index.md", "suppliers/index.md", "owners/index.md", "actions.md", "agenda.md",
             "handovers.md", "culture-check.md", "changes.md", "attention.md", "positions.md",
             "api/suppliers.json",
             "assets/handbook.css", "assets/handbook.js")
"""The generated pages and files that are there whatever the suppliers (besides the pages of
each supplier, ``suppliers/SLUG.md`` and ``suppliers/SLUG/handover.md``, one per owner,
``owners/NAME.md``, and the further parts of a long list, ``actions-2.md``, which move as the
list grows: a file links to a list's first part)."""


@dataclass(frozen=True)
class LinkRef:
    """A relative link written in a supplier file."""

    target: str
    field: str
    line: int
    col: int
    folders: tuple[str, ...]


def _fields(data: Any, pattern: tuple[str, ...], path: PathKey = ()) -> Iterator[
        tuple[PathKey, str]]:
    if not pattern:
        if isinstance(data, str):
            yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == ANY:
        if isinstance(data, list):
            for i, item in enumerate(data):
                yield from _fields(item, rest, (*path, i))
    elif isinstance(data, dict) and head in data:
        yield from _fields(data[head], rest, (*path, head))


def _locate(doc: Document, start: Mark, target: str) -> Mark:
    """Where ``](target`` is written, searching from the value's start; else the start."""
    lines = doc.source.splitlines()
    needle = "](" + target
    for index in range(start[0] - 1, min(len(lines), start[0] + 400)):
        col = lines[index].find(needle, start[1] - 1 if index == start[0] - 1 else 0)
        if col >= 0:
            return index + 1, col + 3
    return start


def relative_links(doc: Document) -> list[LinkRef]:
    """Every relative link in the Markdown fields of a loaded file, located."""
    found: list[LinkRef] = []
    for pattern, folders in MARKDOWN_FIELDS.items():
        for path, text in _fields(doc.data, pattern):
            if "](" not in text:
                continue
            start = doc.value_mark(path)
            for match in _LINK.finditer(text):
                target = match.group(1)
                if not target or target.startswith(("#", "/")) or has_scheme(target):
                    continue
                line, col = _locate(doc, start, target)
                found.append(LinkRef(target, str(path[-1]), line, col, folders))
    return found


class _Lenient(yaml.SafeLoader):
    """Reads mkdocs.yml, whose ``!!python/name:`` and ``!ENV`` tags only MkDocs resolves."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass
class Site:
    """The pages a handbook's site will have, as paths in its source."""

    files: frozenset[str]
    slugs: frozenset[str]

    def has(self, path: str) -> bool:
        if path in self.files or path in GENERATED:
            return True
        folder, _, name = path.rpartition("/")
        if folder == "suppliers" and name.endswith(".md"):
            return name.removesuffix(".md") in self.slugs
        if folder.startswith("suppliers/") and name == "handover.md":
            return folder.removeprefix("suppliers/") in self.slugs
        return folder == "owners" and name.endswith(".md")


def site_for(folder: Path) -> Site | None:
    """The site of the handbook whose supplier folder is ``folder``: its ``mkdocs.yml`` is
    in the folder above. ``None`` when there is none (nothing to judge links against)."""
    config_file = folder.parent / "mkdocs.yml"
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_Lenient)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if not isinstance(config, dict):
        return None
    docs = config_file.parent / str(config.get("docs_dir") or "docs")
    files = frozenset(
        p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()
    ) if docs.is_dir() else frozenset()
    slugs = frozenset(p.stem for p in folder.iterdir() if is_supplier_file(p))
    return Site(files, slugs)


def _reaches(site: Site, folder: str, target: str) -> bool:
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if not path:
        return True  # an anchor on the same page
    resolved = posixpath.normpath(posixpath.join(folder, path))
    return not resolved.startswith("..") and site.has(resolved)


def link_problems(path: str, links: Iterable[LinkRef], site: Site) -> list[Problem]:
    """A located error for every link that does not reach a page of ``site``."""
    problems: list[Problem] = []
    slug = PurePosixPath(path).stem
    for link in links:
        broken = [folder for folder in link.folders
                  if not _reaches(site, folder.replace("SLUG", slug), link.target)]
        if not broken:
            continue
        if len(broken) == len(link.folders):
            where = "to a page that does not exist"
        else:
            shown = " and ".join(PAGES[folder] for folder in broken)
            where = (f"to a page that does not exist from {shown}, where this text is shown "
                     "too; use a full https:// link")
        hint = "" if "." in posixpath.basename(link.target.split("#")[0]) else \
            "; link to the page's file, e.g. ../guides/handover.md"
        problems.append(Problem(
            path, link.line, link.col, "error",
            f"{link.field}: the link {quote(link.target)} points {where} (links are read "
            f"from the supplier's page, suppliers/SLUG.md{hint})",
        ))
    return problems
