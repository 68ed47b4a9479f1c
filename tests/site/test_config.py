"""The plugin's typed options, through a real ``mkdocs.yml`` of a tmp project: what each
option accepts, the error that names the option and the key, the ``enabled`` switch, the
one as-of route, and ``mkdocs.yml`` loaded once per command."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest
from click.testing import CliRunner
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError
from supplier_handbook.commands.cli import main
from supplier_handbook.site.config import (
    AS_OF_VARIABLE,
    HandbookConfig,
    as_of_for_run,
    build_date,
    handbook_plugin,
    load_handbook_config,
    settings_from,
)

from tests.conftest import ROOT

SUPPLIER = "kjolberg-lim"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The example handbook with one supplier: a real project, small enough to build."""
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    (tmp_path / "suppliers").mkdir()
    shutil.copy(ROOT / "suppliers" / f"{SUPPLIER}.yaml", tmp_path / "suppliers")
    return tmp_path


def with_options(project: Path, options: str) -> Path:
    """``mkdocs.yml`` with ``options`` (YAML lines) added under ``handbook:``."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    lines = "".join(f"      {line}\n" for line in options.strip("\n").splitlines())
    config.write_text(text.replace("      suppliers_dir: suppliers\n",
                                   "      suppliers_dir: suppliers\n" + lines), encoding="utf-8")
    return config


def options_of(config_file: Path) -> HandbookConfig:
    return handbook_plugin(load_handbook_config(config_file)).config


def test_the_defaults_are_the_specs(project: Path) -> None:
    options = options_of(project / "mkdocs.yml")
    assert options.enabled is True
    assert options.as_of is None
    assert (options.changes_days, options.stale_days, options.max_open_actions) == (90, 180, 5)
    settings = settings_from(options)
    assert dict(settings.check_in_days) == {"alliance": 14, "collaborative": 30,
                                            "transactional": 90}


@pytest.mark.parametrize("written", ["2026-11-23", '"2026-11-23"', "!ENV [HB_TEST_DAY]"])
def test_as_of_is_a_date_unquoted_or_a_string(project: Path, written: str,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HB_TEST_DAY", "2026-11-23")
    options = options_of(with_options(project, f"as_of: {written}"))
    assert options.as_of == dt.date(2026, 11, 23)
    assert build_date(options, environ={}) == dt.date(2026, 11, 23)


def test_days_per_model_merge_with_the_defaults(project: Path) -> None:
    options = options_of(with_options(project, "check_in_days: {alliance: 7}\n"
                                      "review_overdue_days:\n  transactional: 200"))
    settings = settings_from(options)
    assert dict(settings.check_in_days) == {"alliance": 7, "collaborative": 30,
                                            "transactional": 90}
    assert settings.review_overdue_days["transactional"] == 200


BAD = [
    ("as_of: 23.11.2026", "handbook.as_of: '23.11.2026' is not a date (expected YYYY-MM-DD"),
    ('as_of: "2026-02-30"', "handbook.as_of: '2026-02-30' is not a date (February 2026 has 28"),
    ("as_of: 2026-02-30", "a date in it is not a day of the calendar (day is out of range"),
    ("as_of: 2026-11-23 10:00:00", "handbook.as_of: expected a date YYYY-MM-DD"),
    ("as_of: 20261123", "handbook.as_of: expected a date YYYY-MM-DD (e.g. 2026-11-23), "
     "got 20261123"),
    ("check_in_days: {alliance: soon}", "handbook.check_in_days.alliance: expected a whole "
     "number of days from 1 to 3650, got 'soon'"),
    ("check_in_days: {alliance: 0}", "handbook.check_in_days.alliance: expected a whole "
     "number of days from 1 to 3650, got 0"),
    ("check_in_days: {alliance: true}", "handbook.check_in_days.alliance: expected"),
    ("check_in_days: {partnership: 10}", "handbook.check_in_days.partnership: 'partnership' "
     "is not a governance model (expected one of transactional, collaborative, alliance)"),
    ("review_overdue_days: 30", "handbook.review_overdue_days: expected days per governance "
     "model"),
    ("review_overdue_days: {collaborative: 1.5}", "handbook.review_overdue_days.collaborative:"
     " expected a whole number of days"),
    ("changes_days: 1000000", "handbook.changes_days: expected a whole number of days from 1 "
     "to 3650, got 1000000"),
    ("changes_days: -1", "handbook.changes_days: expected a whole number of days from 1"),
    ("stale_days: ninety", "handbook.stale_days: expected a whole number of days"),
    ("max_open_actions: 0", "handbook.max_open_actions: expected a whole number of actions "
     "from 1 to 1000, got 0"),
]


@pytest.mark.parametrize(("option", "message"), BAD)
def test_a_bad_option_is_a_config_error_naming_it(project: Path, option: str,
                                                  message: str) -> None:
    config_file = with_options(project, option)
    with pytest.raises(ConfigurationError) as error:
        load_handbook_config(config_file)
    assert str(error.value).startswith(f"{config_file}: {message}"), str(error.value)
    with pytest.raises((Abort, ValueError)):  # plain MkDocs refuses it too, before any stage
        load_config(str(config_file))


@pytest.mark.parametrize(("option", "message"),
                         [b for b in BAD if b[0] in ("check_in_days: {alliance: soon}",
                                                      "changes_days: 1000000")])
def test_handbook_build_reports_a_bad_option_in_one_line(project: Path, option: str,
                                                        message: str) -> None:
    with_options(project, option)
    result = run(project, "build")
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: mkdocs.yml: {message}; the previous site is unchanged")
    assert "Traceback" not in result.output
    assert not (project / "site").exists()


def run(project: Path, *args: str) -> Any:
    cwd = os.getcwd()
    os.chdir(project)
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(cwd)


def export_as_of(site: Path) -> str:
    return str(json.loads((site / "api" / "suppliers.json").read_text())["as_of"])


def test_disabled_the_plugin_adds_nothing(project: Path) -> None:
    config_file = with_options(project, "enabled: false")
    config = load_handbook_config(config_file, site_dir=str(project / "site"))
    build(config)
    site = project / "site"
    assert (site / "guides" / "supplier-file" / "index.html").is_file()
    assert not (site / "suppliers").exists()
    assert not (site / "api").exists()
    assert not (site / "assets" / "handbook.css").exists()
    assert "handbook.css" not in (site / "guides" / "supplier-file" / "index.html").read_text()


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The name of every configuration file MkDocs reads, in order."""
    seen: list[str] = []
    inner = MkDocsConfig.load_file

    def counted(self: MkDocsConfig, config_file: IO[Any]) -> None:
        seen.append(os.path.basename(getattr(config_file, "name", "")))
        inner(self, config_file)

    monkeypatch.setattr(MkDocsConfig, "load_file", counted)
    yield seen


def test_handbook_build_loads_mkdocs_yml_once(project: Path, loads: list[str]) -> None:
    result = run(project, "build", "--as-of", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert loads == ["mkdocs.yml"]
    assert export_as_of(project / "site") == "2026-11-23"


def test_handbook_export_loads_mkdocs_yml_once(project: Path, loads: list[str]) -> None:
    result = run(project, "export", "out", "--as-of", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert loads == ["mkdocs.yml"]
    assert export_as_of(project / "out" / "docs") == "2026-11-23"


def test_the_shared_site_loads_the_handbooks_mkdocs_yml_once(project: Path,
                                                             loads: list[str]) -> None:
    result = run(project, "build", "--audience", "supplier", SUPPLIER)
    assert result.exit_code == 0, result.output
    assert loads.count("mkdocs.yml") == 2  # the handbook's once, the one-page site's once
    assert (project / f"site-for-{SUPPLIER}" / "index.html").is_file()


def test_as_of_on_the_command_line_wins_over_the_option(project: Path) -> None:
    with_options(project, "as_of: 2026-01-15")
    assert run(project, "build").exit_code == 0
    assert export_as_of(project / "site") == "2026-01-15"
    assert run(project, "build", "--as-of", "2026-11-23").exit_code == 0
    assert export_as_of(project / "site") == "2026-11-23"
    assert AS_OF_VARIABLE not in os.environ  # the run's date ends with the run


def test_as_of_for_run_restores_what_was_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(AS_OF_VARIABLE, "2026-01-01")
    with as_of_for_run(dt.date(2026, 11, 23)):
        assert os.environ[AS_OF_VARIABLE] == "2026-11-23"
    assert os.environ[AS_OF_VARIABLE] == "2026-01-01"
