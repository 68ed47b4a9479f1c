"""The ``handbook`` command run in process, as the CLI tests of every tier run it."""

from __future__ import annotations

from click.testing import CliRunner, Result
from supplier_handbook.commands.cli import main


def run(*args: str) -> Result:
    """``handbook ARGS...`` through click's runner; an unexpected exception propagates."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)
