"""A small handbook project in a temporary folder, and the ``handbook`` command run on it."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner, Result
from supplier_handbook.commands.cli import main

from tests.samples import MINIMAL_SUPPLIER

ENV = {"NO_MKDOCS_2_WARNING": "1"}

CONFIG = """\
site_name: Test handbook
docs_dir: content
site_dir: site
theme:
  name: material
  font: false
plugins:
  - search
  - handbook:
      suppliers_dir: suppliers
markdown_extensions:
  - tables
"""


def make_project(root: Path, suppliers: dict[str, str] | None = None,
                 config: str = CONFIG) -> Path:
    """``root`` with mkdocs.yml, content/index.md and suppliers/ (default: one minimal file)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "content").mkdir(exist_ok=True)
    (root / "content" / "guide.md").write_text("# A guide\n\nHand-written.\n", encoding="utf-8")
    folder = root / "suppliers"
    folder.mkdir(exist_ok=True)
    for name, text in (suppliers or {"acme-castings.yaml": MINIMAL_SUPPLIER}).items():
        (folder / name).write_text(text, encoding="utf-8")
    return root


def run(root: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    """``handbook ARGS`` in ``root`` (exceptions are caught: a traceback fails the caller's
    check of ``result.exception``)."""
    old = Path.cwd()
    os.chdir(root)
    try:
        return CliRunner().invoke(main, list(args), env={**ENV, **(env or {})})
    finally:
        os.chdir(old)


def no_traceback(result: Result) -> None:
    """The command ended with a message, not with an unexpected exception."""
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        repr(result.exception), result.output)
