"""One error base, handled once: every error the handbook raises derives from
``HandbookError``, and the ``handbook`` command reports each by its type alone."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import click
import supplier_handbook
from click.testing import CliRunner
from supplier_handbook.base.errors import HandbookError
from supplier_handbook.commands.errors import HandbookGroup, error_line


def _package_exceptions() -> list[type[BaseException]]:
    found: list[type[BaseException]] = []
    for info in pkgutil.walk_packages(supplier_handbook.__path__, "supplier_handbook."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, BaseException):
                found.append(cls)
    return found


def test_every_error_class_of_the_package_derives_from_the_one_base() -> None:
    classes = _package_exceptions()
    names = {c.__name__ for c in classes}
    assert {"ProjectError", "TargetError", "GitError", "SheetError", "MappingError",
            "HandoverError", "ToolSourceError", "TargetNotFolderError", "Refused",
            "SupplierFileErrors", "HandbookError"} <= names
    assert [c.__name__ for c in classes if not issubclass(c, HandbookError)] == []


def _group(error: Exception) -> click.Group:
    @click.group(cls=HandbookGroup)
    def main() -> None:
        pass

    @main.command()
    def fail() -> None:
        raise error

    return main


def test_a_located_error_is_one_line_as_the_check_writes_a_problem() -> None:
    error = HandbookError("not readable as CSV", path="rows.csv", line=3, col=7)
    result = CliRunner().invoke(_group(error), ["fail"])
    assert (result.exit_code, result.stderr) == (1, "rows.csv:3:7: error: not readable as CSV\n")
    assert str(error) == "rows.csv:3:7: not readable as CSV"


def test_an_error_without_a_location_is_error_and_the_message() -> None:
    assert error_line(HandbookError("the target is a file")) == "error: the target is a file"
    result = CliRunner().invoke(_group(HandbookError("line one\nline two")), ["fail"])
    assert (result.exit_code, result.stderr) == (1, "error: line one line two\n")


def test_a_usage_error_shows_the_commands_usage_and_exits_2() -> None:
    result = CliRunner().invoke(_group(HandbookError("give --to", usage=True)), ["fail"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: main fail [OPTIONS]\n")
    assert result.stderr.endswith("Error: give --to\n")


def test_a_bug_is_not_dressed_as_an_error_of_the_user() -> None:
    result = CliRunner().invoke(_group(KeyError("slug")), ["fail"])
    assert isinstance(result.exception, KeyError)
