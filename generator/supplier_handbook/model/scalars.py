"""The scalar kinds of the supplier file: date, period, interval, e-mail, yes/no, text.

Each arrives from ``load`` as text and is checked here, with a message that quotes the
value and says what is expected. Each also carries its JSON Schema for editors.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from supplier_handbook.base.problems import quote

# \A...\Z, not ^...$: "$" also matches before a final newline; [0-9], not \d: \d also
# matches other scripts' digits. The JSON Schema patterns keep ^...$ (no \A in ECMA-262).
SLUG_RE = re.compile(r"\A[a-z0-9]+(-[a-z0-9]+)*\Z")
_DATE_RE = re.compile(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_PERIOD_RE = re.compile(r"\A([0-9]{4})-Q([1-4])\Z")
_INTERVAL_WORDS = {"weekly": 7, "biweekly": 14, "monthly": 30, "quarterly": 91, "yearly": 365}
_INTERVAL_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30}
_INTERVAL_RE = re.compile(r"\A([1-9][0-9]{0,3}) (days?|weeks?|months?)\Z")
_EMAIL_RE = re.compile(r"\A[^@\s<>]+@[^@\s<>]+\.[^@\s<>.]+\Z")
_DATE_PATTERN = "^(19|2[0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}$"
_PERIOD_PATTERN = "^(19|2[0-9])[0-9]{2}-Q[1-4]$"
# The years a date in a supplier file may have. The build adds at most about 830 years to
# a date (an interval of 9999 months, plus the day counts of mkdocs.yml, at most 10 years),
# and the calendar ends in 9999; 1900 to 2999 keeps every sum a date, and a year outside is
# a typing mistake, said where it was typed rather than by a failing build.
FIRST_YEAR, LAST_YEAR = 1900, 2999
YEARS = f"the handbook takes years {FIRST_YEAR} to {LAST_YEAR}"


def why_not_a_date(text: str) -> str | None:
    """Why ``text`` is not a date, in words; ``None`` when it is one. Written as
    ``YYYY-MM-DD`` but not a day of the calendar, the reason names the month and its length
    (``February 2026 has 28 days``), not the format."""
    if not _DATE_RE.match(text):
        return "expected YYYY-MM-DD"
    year, month, day = (int(part) for part in text.split("-"))
    if not 1 <= month <= 12:
        return f"there is no month {month} (months are 01 to 12)"
    if year < 1:
        return "there is no year 0"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{calendar.month_name[month]} {year} has {days} days"
    return None


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        if FIRST_YEAR <= value.year <= LAST_YEAR:
            return value
        value = value.isoformat()
    reason = why_not_a_date(value) if isinstance(value, str) else "expected YYYY-MM-DD"
    if reason is None:
        date = dt.date.fromisoformat(value)
        if FIRST_YEAR <= date.year <= LAST_YEAR:
            return date
        reason = YEARS
    wording = f" ({reason})" if reason.startswith("expected") else f": {reason}"
    raise PydanticCustomError(
        "hb_date", "{value} is not a date" + wording, {"value": quote(value)}
    )


_BOOLEANS = {
    "true": True, "yes": True, "y": True, "on": True,
    "false": False, "no": False, "n": False, "off": False,
}


def _parse_bool(value: Any) -> bool:
    """Where a boolean is expected, YAML 1.1's yes/no/on/off count too (any case)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in _BOOLEANS:
        return _BOOLEANS[value.lower()]
    raise PydanticCustomError(
        "hb_bool",
        "{value} is not true or false (expected true, false, yes, no, on or off)",
        {"value": quote(value)},
    )


def _check_period(value: str) -> str:
    match = _PERIOD_RE.match(value)
    if match is None or int(match.group(1)) < 1:
        raise PydanticCustomError(
            "hb_period",
            "{value} is not a period (expected YYYY-Qn with n from 1 to 4, e.g. 2026-Q3)",
            {"value": quote(value)},
        )
    if not FIRST_YEAR <= int(match.group(1)) <= LAST_YEAR:
        raise PydanticCustomError(
            "hb_period", "{value} is not a period: {years}",
            {"value": quote(value), "years": YEARS},
        )
    return value


def interval_days(value: str) -> int:
    """Length of an interval in days (a month counts 30, a quarter 91)."""
    if value in _INTERVAL_WORDS:
        return _INTERVAL_WORDS[value]
    match = _INTERVAL_RE.match(value)
    if match is None:
        raise ValueError(value)
    return int(match.group(1)) * _INTERVAL_UNITS[match.group(2)]


def _check_interval(value: str) -> str:
    try:
        interval_days(value)
    except ValueError:
        raise PydanticCustomError(
            "hb_interval",
            "{value} is not an interval (expected weekly, biweekly, monthly, quarterly, "
            "yearly, or 'N days', 'N weeks', 'N months')",
            {"value": quote(value)},
        ) from None
    return value


def _check_email(value: str) -> str:
    if not _EMAIL_RE.match(value):
        raise PydanticCustomError(
            "hb_email",
            "{value} does not look like an e-mail address (expected name@domain.tld)",
            {"value": quote(value)},
        )
    return value


# Control characters other than tab and line feed: NUL, ESC (a terminal escape sequence),
# CR, DEL, the C1 controls. YAML lets them in through escapes ("\e[31m", "\0"); they
# would reach calendar feeds and terminals raw.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _no_control(value: str) -> str:
    found = _CONTROL_RE.search(value)
    if found is not None:
        raise PydanticCustomError(
            "hb_control",
            "{value} holds the control character {char} (character {at}); text may hold "
            "tabs and line breaks but no other control character",
            {"value": quote(value), "char": f"U+{ord(found.group()):04X}",
             "at": found.start() + 1},
        )
    return value


def _strip_required(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("hb_empty", "must not be empty", {})
    return value


Date = Annotated[
    dt.date,
    BeforeValidator(_parse_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": _DATE_PATTERN}),
]
YesNo = Annotated[
    bool,
    BeforeValidator(_parse_bool),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "boolean"},
                {"type": "string", "pattern": "^(?i:true|false|yes|no|y|n|on|off)$"},
            ]
        }
    ),
]
Period = Annotated[
    str,
    AfterValidator(_check_period),
    WithJsonSchema({"type": "string", "pattern": _PERIOD_PATTERN}),
]
Interval = Annotated[
    str,
    AfterValidator(_check_interval),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^(weekly|biweekly|monthly|quarterly|yearly|"
            r"[1-9][0-9]{0,3} (days?|weeks?|months?))$",
        }
    ),
]
Email = Annotated[
    str,
    AfterValidator(_no_control),
    AfterValidator(_check_email),
    WithJsonSchema({"type": "string", "format": "email"}),
]
Text = Annotated[str, StringConstraints(max_length=20_000), AfterValidator(_no_control)]
RequiredText = Annotated[Text, AfterValidator(_strip_required), Field(min_length=1)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200),
                 AfterValidator(_no_control)]
Phone = Annotated[
    Name,
    # the check reads every scalar as text, so an unquoted +48615550199 is the text it
    # shows; an editor reads it as a number: the schema accepts both, as the check does
    WithJsonSchema({"anyOf": [{"type": "string", "minLength": 1, "maxLength": 200},
                              {"type": "integer"}]}),
]
Person = Annotated[
    Name,
    Field(description="A person: the name of a contact in this file, or the owner's name."),
]
