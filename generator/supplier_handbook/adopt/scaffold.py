"""``handbook init``: a new handbook repository, ready to edit, check, build and publish.

Everything written comes from two places. The package data folder ``scaffold/`` holds the CI
workflows, the hook configuration, the new repository's README, CONTRIBUTING, requirements
and ignore list, filled in with the tool's version, where the new repository installs the
tool from (a ``ToolPin``, see ``toolpin``) and the day it was created, and the package's
own example supplier, written to ``examples/`` (never into ``suppliers/``, which starts
empty, so that the example is never published). ``shipped`` gives this repository's own
``mkdocs.yml``, guides and the release's constraints, kept once. Nothing is ever
overwritten: into an existing repository (a README, a LICENSE, ``.git``, its own
``.gitignore``) ``init`` adds only the files that are missing, lists those it kept, and
appends its ignore lines to an existing ``.gitignore``; the steps to set up, edit and
review go to ``CONTRIBUTING.md``, or beside a team's own one.
"""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from supplier_handbook import __version__
from supplier_handbook.adopt.repolink import RepoLink
from supplier_handbook.adopt.shipped import SOURCES, shipped
from supplier_handbook.adopt.toolpin import ToolPin
from supplier_handbook.base.errors import HandbookError

EXAMPLE_AS_OF = date(2026, 11, 23)
"""The day the example supplier was written for: its dates are moved by whole years so
that this day becomes the latest anniversary on or before the day of ``init``."""

FILES: dict[str, str] = {
    "README.md": "README.md",
    "CONTRIBUTING.md": "CONTRIBUTING.md",
    "mkdocs.yml": "mkdocs.yml",
    "requirements.txt": "requirements.txt",
    "constraints.txt": "constraints.txt",
    ".gitignore": "gitignore",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/handbook.yml": "github-workflow.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
    "examples/example-supplier.yaml": "example-supplier.yaml",
    "suppliers/.gitkeep": "gitkeep",
}
"""Path in the new repository -> file in the package data folder ``scaffold/`` (named without
a leading dot there, so that packaging globs include it), or in ``shipped.SOURCES``."""

INDEX_HOOKS = "pre-commit-config-index.yaml"
"""The hook configuration for a tool installed from a package index (a local hook)."""
EXAMPLE_PATH = "examples/example-supplier.yaml"
"""Where the example supplier goes: outside ``suppliers/``, so it is never published."""
GITIGNORE = ".gitignore"
STEPS = ("CONTRIBUTING.md", "CONTRIBUTING-handbook.md")
HANDBOOK_README = "HANDBOOK.md"  # the handbook's README, beside a README of the team's own
"""Where the steps to set up, edit and review go: ``CONTRIBUTING.md`` (which GitHub and
GitLab show on every pull request), or beside a team's own one."""
GUIDES_DIR = "content/guides"
SCHEMA_PATH = "schema/supplier.schema.json"


class TargetNotFolderError(HandbookError, FileExistsError):
    """The target is a file; ``init`` needs a folder."""

    usage = True


@dataclass
class InitResult:
    """What ``init_handbook`` did, path by path (relative to the target)."""

    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    """Files that were there already and were left as they were."""
    appended: list[str] = field(default_factory=list)
    """Files that were there already and got the handbook's lines added at the end."""
    steps: str | None = None
    """The file the steps to set up, edit and review were written to (``None``: every
    candidate of ``STEPS`` was there already)."""


def scaffold_dir() -> Traversable:
    """The package data folder ``scaffold/``."""
    return resources.files("supplier_handbook").joinpath("scaffold")


def source_file(name: str) -> Traversable:
    """A file of a new handbook, by its name in ``FILES``: shipped once, or in ``scaffold/``."""
    return shipped(name) if name in SOURCES else scaffold_dir().joinpath(name)


def guide_names() -> list[str]:
    """The guides shipped with the tool (file names, sorted)."""
    return sorted(f.name for f in shipped("guides").iterdir() if f.name.endswith(".md"))


def example_years(today: date) -> int:
    """Whole years from ``EXAMPLE_AS_OF`` to its latest anniversary on or before ``today``
    (negative before it)."""
    years = today.year - EXAMPLE_AS_OF.year
    if (today.month, today.day) < (EXAMPLE_AS_OF.month, EXAMPLE_AS_OF.day):
        years -= 1
    return years


_YEAR = re.compile(r"\b20\d\d\b")
_LEAP_DAY = re.compile(r"\b(\d{4})-02-29\b")


def shift_years(text: str, years: int) -> str:
    """Every year ``20xx`` in ``text`` (in dates, periods and prose) moved by ``years``;
    a 29 February that the shift makes impossible becomes the 28th."""
    if years == 0:
        return text
    moved = _YEAR.sub(lambda m: str(int(m.group(0)) + years), text)
    return _LEAP_DAY.sub(
        lambda m: m.group(0) if calendar.isleap(int(m.group(1))) else f"{m.group(1)}-02-28",
        moved,
    )


def fill(text: str, today: date, pin: ToolPin, branch: str = "main") -> str:
    """The scaffold's placeholders: ``@VERSION@``, ``@REQUIREMENT@``, ``@PIN_ORIGIN@``,
    ``@TOOL_REPO@``, ``@TOOL_REV@``, ``@TODAY@``, ``@BRANCH@`` (the branch that publishes)."""
    return (
        text.replace("@VERSION@", __version__)
        .replace("@BRANCH@", branch)
        .replace("@REQUIREMENT@", pin.requirement)
        .replace("@PIN_ORIGIN@", pin.origin)
        .replace("@TOOL_REPO@", pin.repo or "")
        .replace("@TOOL_REV@", pin.rev or "")
        .replace("@TODAY@", today.isoformat())
    )


def guide_pictures() -> dict[str, bytes]:
    """The guides' screenshots (``images/*.png`` beside them), ``{path in guides: bytes}``."""
    folder = shipped("guides").joinpath("images")
    if not folder.is_dir():
        return {}
    return {f"images/{f.name}": f.read_bytes() for f in sorted(folder.iterdir(), key=str)
            if f.name.endswith(".png")}


def with_repo_link(mkdocs_yml: str, link: RepoLink) -> str:
    """``mkdocs.yml`` with ``repo_url`` and ``edit_uri`` set (after ``use_directory_urls``,
    or at the end), replacing any the text had."""
    kept = [line for line in mkdocs_yml.splitlines(keepends=True)
            if not line.startswith(("repo_url:", "edit_uri:"))]
    text = "".join(kept)
    anchor = re.search(r"^use_directory_urls:.*\n", text, re.M)
    at = anchor.end() if anchor else len(text)
    return text[:at] + link.settings() + text[at:]


def planned_files(today: date, pin: ToolPin, link: RepoLink | None = None,
                  branch: str = "main") -> dict[str, str]:
    """Every file of a new handbook, ``{relative path: text}``, in writing order."""
    from supplier_handbook.model.supplier import json_schema

    files: dict[str, str] = {}
    for target, name in FILES.items():
        if target == ".pre-commit-config.yaml" and pin.repo is None:
            name = INDEX_HOOKS
        text = source_file(name).read_text(encoding="utf-8")
        if name == "example-supplier.yaml":
            text = shift_years(text, example_years(today))
        elif name not in SOURCES:  # shipped files are the repository's own, taken as they are
            text = fill(text, today, pin, branch)
        if target == "mkdocs.yml" and link is not None:
            text = with_repo_link(text, link)
        files[target] = text
    guides = shipped("guides")
    for name in guide_names():
        files[f"{GUIDES_DIR}/{name}"] = guides.joinpath(name).read_text(encoding="utf-8")
    files[SCHEMA_PATH] = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    return files


def _check_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise TargetNotFolderError(f"{target} is a file; handbook init needs a folder")


def _append_lines(path: Path, text: str) -> bool:
    """Add the lines of ``text`` that ``path`` lacks, at its end; True when any was added."""
    existing = path.read_text(encoding="utf-8")
    have = {line.strip() for line in existing.splitlines()}
    missing = [line for line in text.splitlines() if line.strip() and line.strip() not in have]
    if not missing:
        return False
    joiner = "" if existing.endswith("\n") or not existing else "\n"
    with path.open("a", encoding="utf-8", newline="\n") as handle:
        handle.write(joiner + "\n# supplier handbook\n" + "\n".join(missing) + "\n")
    return True


def _taken(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _holds_steps(path: Path) -> bool:
    """Whether a file there already holds the handbook's steps (an earlier ``init``)."""
    if path.is_symlink() or not path.is_file():
        return False
    text = path.read_text(encoding="utf-8", errors="replace")
    return "handbook check" in text and "requirements.txt" in text


def init_handbook(target: Path, today: date, pin: ToolPin,
                  link: RepoLink | None = None, branch: str = "main") -> InitResult:
    """Create a handbook repository in ``target``: a new folder, an empty one, or an existing
    repository, where only the missing files are added (nothing is overwritten; the lines
    of ``.gitignore`` are appended to an existing one).

    ``link`` (``--repo-url``) sets ``repo_url`` and ``edit_uri`` in the ``mkdocs.yml``
    written; ``branch`` is the branch that publishes (the CI workflow, the steps). When the
    repository has a README of its own, the handbook's README is written as ``HANDBOOK.md``
    (when that is free), so that its sections (CI, updating the tool) are not lost.
    Raises ``TargetNotFolderError`` before writing anything when ``target`` is a file.
    """
    _check_target(target)
    result = InitResult()
    files = _placed(planned_files(today, pin, link, branch), target, result)
    for relative, text in files.items():
        path = target / relative
        if _taken(path):
            if relative == GITIGNORE and path.is_file() and not path.is_symlink():
                (result.appended if _append_lines(path, text) else result.kept).append(relative)
            else:
                result.kept.append(relative)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        result.written.append(relative)
    for name, data in guide_pictures().items():  # the guides' screenshots, kept if there
        relative, path = f"{GUIDES_DIR}/{name}", target / GUIDES_DIR / name
        if path.exists() or path.is_symlink():
            result.kept.append(relative)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        result.written.append(relative)
    return result


def _placed(files: dict[str, str], target: Path, result: InitResult) -> dict[str, str]:
    """``files`` where they go beside what the repository has: the handbook's README as
    ``HANDBOOK.md`` beside a README of the team's own, the steps beside the team's own
    CONTRIBUTING.md (``result`` says which of theirs are kept, and where the steps went)."""
    team_readme = target / "README.md"
    if (_taken(team_readme) and not _taken(target / HANDBOOK_README)
            and not _holds_steps(team_readme)):
        files = {(HANDBOOK_README if name == "README.md" else name): text
                 for name, text in files.items()}
        result.kept.append("README.md")
    steps = next((name for name in STEPS
                  if not _taken(target / name) or _holds_steps(target / name)), None)
    if steps is not None and steps != STEPS[0]:  # beside the team's own CONTRIBUTING.md
        files = {(steps if name == STEPS[0] else name): text for name, text in files.items()}
        readme = HANDBOOK_README if HANDBOOK_README in files else "README.md"
        files[readme] = files[readme].replace(f"({STEPS[0]})", f"({steps})") \
            .replace(f"[{STEPS[0]}]", f"[{steps}]")
        result.kept.append(STEPS[0])
    result.steps = steps
    return files
