"""Packaging step of the handbook (the metadata is in pyproject.toml).

``mkdocs.yml``, ``content/guides/`` and ``constraints/VERSION.txt`` are this repository's own
files and files ``handbook init`` writes. They exist once, where the repository uses them;
``BuildPy`` copies them into the package data folder ``supplier_handbook/shipped/`` of the
build (see ``supplier_handbook.adopt.shipped``). ``MANIFEST.in`` puts them into the sdist.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
VERSION = re.search(r'^__version__ = "([^"]+)"$', (HERE / "generator" / "supplier_handbook" /
                    "__init__.py").read_text(encoding="utf-8"), re.M)[1]  # type: ignore[index]
SHIPPED = {  # the same table as supplier_handbook.adopt.shipped.SOURCES
    "mkdocs.yml": "mkdocs.yml",
    "guides": "content/guides",
    "constraints.txt": f"constraints/{VERSION}.txt",  # the versions this release was tested with
}  # nothing of suppliers/ (the demo, which a team's clone may have replaced)


class BuildPy(build_py):
    """``build_py``, plus the shipped originals as package data."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the originals in place
            return
        target = Path(self.build_lib) / "supplier_handbook" / "shipped"
        for name, source in SHIPPED.items():
            original = HERE / source
            if original.is_dir():
                shutil.copytree(original, target / name, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns(".*"))
            else:
                target.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(original, target / name)


setup(cmdclass={"build_py": BuildPy})
