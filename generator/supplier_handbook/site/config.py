"""The ``handbook`` plugin's options in ``mkdocs.yml``, typed, and how a command reads them.

``plugins: [search, handbook: {...}]``. Each option is checked when MkDocs loads the file;
a bad value is a configuration error that names the option and the key
(``handbook.check_in_days.alliance: expected a whole number of days from 1 to 3650, got
'soon'``), never a ``TypeError`` in a later stage. ``mkdocs.yml`` is loaded once per
command (``load_handbook_config``); the plugin instance is found in ``config.plugins`` by
its name, so that the site and export stages need not import the plugin.

The as-of date has one route for every command: ``--as-of`` sets ``HANDBOOK_AS_OF`` while
the command runs (``as_of_for_run``); ``build_date`` reads it, then the ``as_of`` option,
then ``SOURCE_DATE_EPOCH``, then today.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol, cast, get_args

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from supplier_handbook.derive.health import Settings
from supplier_handbook.derive.portfolio import as_of_date
from supplier_handbook.model.check import CheckResult
from supplier_handbook.model.scalars import why_not_a_date
from supplier_handbook.model.supplier import Model

PLUGIN_NAME = "handbook"
AS_OF_VARIABLE = "HANDBOOK_AS_OF"  # what ``--as-of`` sets for the run of one command
MODELS: tuple[str, ...] = get_args(Model)  # transactional, collaborative, alliance
MAX_DAYS = 3650  # ten years: every day count stays a date the calendar has


def _where(key: str) -> str:
    return f"{PLUGIN_NAME}.{key}"


class AsOf(base.BaseConfigOption[dt.date | None]):
    """A date: written unquoted (``as_of: 2026-11-23``, which YAML reads as a date) or as an
    ISO string (``as_of: "2026-11-23"``, ``!ENV``); unset means the build date's defaults."""

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        self._key = key_name

    def run_validation(self, value: object) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            raise base.ValidationError(f"{_where(self._key)}: expected a date YYYY-MM-DD (e.g. "
                                    f"2026-11-23), got the date and time {value.isoformat()}")
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            reason = why_not_a_date(value.strip())
            if reason is None:
                return dt.date.fromisoformat(value.strip())
            raise base.ValidationError(f"{_where(self._key)}: {value!r} is not a date ({reason}, "
                                    "e.g. 2026-11-23)")
        raise base.ValidationError(f"{_where(self._key)}: expected a date YYYY-MM-DD (e.g. "
                                f"2026-11-23), got {value!r}")


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class Bounded(base.BaseConfigOption[int]):
    """A whole number from ``low`` to ``high``."""

    def __init__(self, default: int, low: int, high: int, unit: str = "days") -> None:
        super().__init__()
        self.default, self.low, self.high, self.unit = default, low, high, unit

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        self._key = key_name

    def run_validation(self, value: object) -> int:
        if not _whole(value) or not self.low <= cast(int, value) <= self.high:
            raise base.ValidationError(
                f"{_where(self._key)}: expected a whole number of {self.unit} from {self.low} "
                f"to {self.high}, got {value!r}")
        return cast(int, value)


class DaysPerModel(base.BaseConfigOption[dict[str, int]]):
    """Days per governance model (``{alliance: 14}``); the models left out keep the spec's
    default. Each key a model, each value a whole number of days from 1 to ``MAX_DAYS``."""

    def __init__(self) -> None:
        super().__init__()
        self.default: dict[str, int] = {}

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        self._key = key_name

    def run_validation(self, value: object) -> dict[str, int]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise base.ValidationError(
                f"{_where(self._key)}: expected days per governance model (e.g. "
                f"{{alliance: 14, collaborative: 30}}), got {value!r}")
        out: dict[str, int] = {}
        for model, days in value.items():
            where = f"{_where(self._key)}.{model}"
            if model not in MODELS:
                raise base.ValidationError(f"{where}: {model!r} is not a governance model "
                                        f"(expected one of {', '.join(MODELS)})")
            if not _whole(days) or not 1 <= days <= MAX_DAYS:
                raise base.ValidationError(f"{where}: expected a whole number of days from 1 to "
                                        f"{MAX_DAYS}, got {days!r}")
            out[model] = days
        return out


class HandbookConfig(base.Config):  # type: ignore[no-untyped-call]
    """The options of ``handbook`` under ``plugins:`` in ``mkdocs.yml``."""

    enabled = c.Type(bool, default=True)  # false: the plugin adds no page, asset or watch
    suppliers_dir = c.Type(str, default="suppliers")  # relative to mkdocs.yml
    as_of = AsOf()  # the date every "overdue" is judged against
    check_in_days = DaysPerModel()  # a contact is quiet after this many days, per model
    review_overdue_days = DaysPerModel()  # a health review is overdue after, per model
    max_open_actions = Bounded(5, 1, 1000, unit="actions")  # more open is a flag
    history = c.Type(bool, default=True)  # read the git history (What changed, staleness)
    changes_days = Bounded(90, 1, MAX_DAYS)  # how far back "What changed" goes
    stale_days = Bounded(180, 1, MAX_DAYS)  # a file whose last commit is older is stale


class HandbookPluginLike(Protocol):
    """What the commands use of the plugin instance (found by name in ``config.plugins``)."""

    config: HandbookConfig
    checked: CheckResult | None


def settings_from(config: HandbookConfig) -> Settings:
    default = Settings()
    return Settings(
        check_in_days={**default.check_in_days, **config.check_in_days},
        review_overdue_days={**default.review_overdue_days, **config.review_overdue_days},
        max_open_actions=config.max_open_actions,
    )


def suppliers_folder(config: MkDocsConfig, plugin_config: HandbookConfig,
                     config_file: Path | None = None) -> Path:
    """The supplier folder, relative to ``mkdocs.yml`` (``config_file`` as the command was
    given it, so that located problems name the files as the user wrote the path)."""
    folder = Path(plugin_config.suppliers_dir)
    if not folder.is_absolute():
        folder = (config_file or Path(config.config_file_path or ".")).parent / folder
    return folder


def build_date(plugin_config: HandbookConfig, environ: Mapping[str, str] | None = None,
               today: dt.date | None = None) -> dt.date:
    """The as-of date of this build: ``HANDBOOK_AS_OF`` (set by ``--as-of``), else the
    ``as_of`` option, else ``SOURCE_DATE_EPOCH``, else today. Raises ``PluginError`` when a
    variable is not a date."""
    environ = os.environ if environ is None else environ
    given = environ.get(AS_OF_VARIABLE, "").strip()
    option = plugin_config.as_of
    if given:
        reason = why_not_a_date(given)
        if reason is not None:
            raise PluginError(f"{AS_OF_VARIABLE}: {given!r} is not a date ({reason})")
        option = dt.date.fromisoformat(given)
    try:
        return as_of_date(option, environ, today or dt.date.today())
    except (ValueError, OverflowError, OSError) as exc:
        epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
        raise PluginError(f"SOURCE_DATE_EPOCH: {epoch!r} is not a date: {exc}") from None


@contextmanager
def as_of_for_run(as_of: dt.date | None) -> Iterator[None]:
    """While the block runs, every build (``build``, ``export``, each rebuild of ``serve``)
    judges as of ``as_of``; ``None`` leaves the defaults. The variable is restored after."""
    if as_of is None:
        yield
        return
    before = os.environ.get(AS_OF_VARIABLE)
    os.environ[AS_OF_VARIABLE] = as_of.isoformat()
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(AS_OF_VARIABLE, None)
        else:
            os.environ[AS_OF_VARIABLE] = before


def handbook_plugin(config: MkDocsConfig) -> HandbookPluginLike:
    """The ``handbook`` plugin instance of ``config``; ``ConfigurationError`` when
    ``mkdocs.yml`` does not list it."""
    plugin: Any = config.plugins.get(PLUGIN_NAME)
    if plugin is None or not isinstance(getattr(plugin, "config", None), HandbookConfig):
        raise ConfigurationError(
            f"{config.config_file_path}: the 'handbook' plugin is not in plugins (expected "
            "plugins: [search, handbook] in mkdocs.yml)")
    return cast(HandbookPluginLike, plugin)


_PLUGIN_OPTION = re.compile(rf"^Config value 'plugins': Plugin '{PLUGIN_NAME}' option "
                            rf"'[^']*': (?={PLUGIN_NAME}\.)")


class _ConfigErrors(logging.Handler):
    """The configuration errors MkDocs logs while it loads ``mkdocs.yml``."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(_PLUGIN_OPTION.sub("", record.getMessage()))


def load_handbook_config(config_file: Path, **overrides: Any) -> MkDocsConfig:
    """``mkdocs.yml`` loaded and checked (MkDocs' own options and the plugin's), with
    ``overrides`` (``site_dir``, ``strict``...). A bad option raises ``ConfigurationError``
    as ``mkdocs.yml: handbook.OPTION: what is wrong``."""
    from mkdocs import config as mkdocs_config  # looked up per call: a test can count loads

    logger = logging.getLogger("mkdocs.config")
    errors = _ConfigErrors()
    logger.addHandler(errors)
    try:
        config = mkdocs_config.load_config(str(config_file), **overrides)
    except Abort:
        if not errors.messages:
            raise
        raise ConfigurationError(
            "; ".join(f"{config_file}: {message}" for message in errors.messages)) from None
    except ValueError as exc:  # YAML reads 2026-02-30 as a date, and the calendar refuses it
        raise ConfigurationError(
            f"{config_file}: a date in it is not a day of the calendar ({exc})") from None
    finally:
        logger.removeHandler(errors)
    handbook_plugin(config)
    return config
