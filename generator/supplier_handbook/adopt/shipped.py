"""The files a new handbook starts from, kept once: the repository's own ``mkdocs.yml`` and
``content/guides/``, and the constraints of this release ``constraints/VERSION.txt`` (the
versions of the dependencies it was tested with). The example supplier is the package's
own (``scaffold/``), never the demo's ``suppliers/``, which a team's clone of this
repository may have replaced.

They are not copied in git. Building the package (``setup.py``, ``BuildPy``) puts them into
the package data folder ``shipped/`` of the wheel, and the sdist carries the originals
(``MANIFEST.in``). In a source checkout (an editable install) they are read where they are.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from supplier_handbook import __version__

PACKAGE_FOLDER = "shipped"
"""The package data folder of an installed (built) package."""

SOURCES: dict[str, str] = {
    "mkdocs.yml": "mkdocs.yml",
    "guides": "content/guides",
    "constraints.txt": f"constraints/{__version__}.txt",
}
"""Name in ``shipped/`` -> the original, relative to the repository root."""

_CHECKOUT = Path(__file__).resolve().parents[3]
"""The repository root, when this module runs from a source checkout."""


def shipped(name: str) -> Traversable:
    """One shipped file or folder (a key of ``SOURCES``): from the built package, else from
    the source checkout this module runs from."""
    if name not in SOURCES:
        raise KeyError(f"{name!r} is not shipped; shipped are {sorted(SOURCES)}")
    packaged = resources.files("supplier_handbook").joinpath(PACKAGE_FOLDER, name)
    if packaged.is_file() or packaged.is_dir():
        return packaged
    original = _CHECKOUT / SOURCES[name]
    if (_CHECKOUT / "pyproject.toml").is_file() and original.exists():
        return original
    raise FileNotFoundError(
        f"the package lacks {PACKAGE_FOLDER}/{name}: reinstall supplier-handbook "
        "(a wheel built with its setup.py holds it)"
    )
