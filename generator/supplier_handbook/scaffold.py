"""``handbook init``: a new handbook repository, ready to edit, check, build and publish.

Everything written comes from the package data folder ``scaffold/`` (the one copy of
the CI workflows, the hook configuration, the new repository's README and mkdocs.yml, the
guides and the example supplier), filled in with the tool's version, the URL the new
repository pins the tool to, and the day it was created. Nothing is ever overwritten: the
target must be a new folder, or an empty one (a bare ``.git`` is allowed, so that
``git init`` or cloning an empty repository can come first).
"""

from __future__ import annotations

import calendar
import json
import re
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from . import __version__

TOOL_REPO = "https://git.example.com/procurement/supplier-handbook.git"
"""Where new handbooks get this tool from, for ``requirements.txt`` and pre-commit; a
placeholder until the team publishes the tool (``handbook init --tool-repo URL``)."""

EXAMPLE_AS_OF = date(2026, 11, 23)
"""The day the example supplier was written for: its dates are moved by whole years so
that this day becomes the latest anniversary on or before the day of ``init``."""

FILES: dict[str, str] = {
    "README.md": "README.md",
    "mkdocs.yml": "mkdocs.yml",
    "requirements.txt": "requirements.txt",
    ".gitignore": "gitignore",
    ".pre-commit-config.yaml": "pre-commit-config.yaml",
    ".github/workflows/handbook.yml": "github-workflow.yml",
    ".gitlab-ci.yml": "gitlab-ci.yml",
    "suppliers/example-supplier.yaml": "example-supplier.yaml",
}
"""Path in the new repository -> file in the package data folder ``scaffold/`` (named without
a leading dot there, so that packaging globs include it)."""

GUIDES_DIR = "content/guides"
SCHEMA_PATH = "schema/supplier.schema.json"
KEPT = frozenset({".git"})


class TargetNotEmptyError(FileExistsError):
    """The target folder has files already; ``init`` never writes over anything."""


def scaffold_dir() -> Traversable:
    """The package data folder the package data folder ``scaffold/``."""
    return resources.files("supplier_handbook").joinpath("scaffold")


def guide_names() -> list[str]:
    """The guides shipped with the tool (file names, sorted)."""
    folder = scaffold_dir().joinpath("guides")
    return sorted(f.name for f in folder.iterdir() if f.name.endswith(".md"))


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


def fill(text: str, today: date, tool_repo: str) -> str:
    """The scaffold's placeholders: ``@VERSION@``, ``@TOOL_REPO@``, ``@TODAY@``."""
    return (
        text.replace("@VERSION@", __version__)
        .replace("@TOOL_REPO@", tool_repo)
        .replace("@TODAY@", today.isoformat())
    )


def planned_files(today: date, tool_repo: str = TOOL_REPO) -> dict[str, str]:
    """Every file of a new handbook, ``{relative path: text}``, in writing order."""
    from .model import json_schema

    source = scaffold_dir()
    files: dict[str, str] = {}
    for target, name in FILES.items():
        text = fill(source.joinpath(name).read_text(encoding="utf-8"), today, tool_repo)
        if name == "example-supplier.yaml":
            text = shift_years(text, example_years(today))
        files[target] = text
    for name in guide_names():
        guide = source.joinpath("guides", name).read_text(encoding="utf-8")
        files[f"{GUIDES_DIR}/{name}"] = guide
    files[SCHEMA_PATH] = json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
    return files


def _check_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise TargetNotEmptyError(f"{target} is a file; handbook init needs a folder")
    if target.is_dir():
        found = sorted(p.name for p in target.iterdir() if p.name not in KEPT)
        if found:
            shown = ", ".join(found[:3]) + (", ..." if len(found) > 3 else "")
            raise TargetNotEmptyError(
                f"{target} is not empty ({shown}); handbook init only writes into a new "
                "or empty folder, and never overwrites a file"
            )


def init_handbook(target: Path, today: date, *, tool_repo: str = TOOL_REPO) -> list[Path]:
    """Create a new handbook repository in ``target`` (new, or empty but for ``.git``).

    Returns the files written. Raises ``TargetNotEmptyError`` (a ``FileExistsError``)
    before writing anything when ``target`` is a file or has files.
    """
    _check_target(target)
    files = planned_files(today, tool_repo)
    written: list[Path] = []
    for relative, text in files.items():
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(path)
    return written
