"""Stage 2a: the supplier file as pydantic models (format contract, version 1).

Every field carries a description written for the buyer who edits the file: they become the
hover help of the JSON Schema (``handbook schema``). Field names are the spec's, unchanged.
Scalars arrive from ``load`` as text; the types below decide what a text means.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from .problems import quote

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_PERIOD_RE = re.compile(r"^(\d{4})-Q([1-4])$")
_INTERVAL_WORDS = {"weekly": 7, "biweekly": 14, "monthly": 30, "quarterly": 91, "yearly": 365}
_INTERVAL_UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30}
_INTERVAL_RE = re.compile(r"^([1-9][0-9]{0,3}) (days?|weeks?|months?)$")
_EMAIL_RE = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>.]+$")


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _DATE_RE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError(
        "hb_date", "{value} is not a date (expected YYYY-MM-DD)", {"value": quote(value)}
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
    if not _PERIOD_RE.match(value):
        raise PydanticCustomError(
            "hb_period",
            "{value} is not a period (expected YYYY-Qn with n from 1 to 4, e.g. 2026-Q3)",
            {"value": quote(value)},
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


def _strip_required(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("hb_empty", "must not be empty", {})
    return value


Date = Annotated[
    dt.date,
    BeforeValidator(_parse_date),
    WithJsonSchema({"type": "string", "format": "date", "pattern": _DATE_RE.pattern}),
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
    WithJsonSchema({"type": "string", "pattern": _PERIOD_RE.pattern}),
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
    AfterValidator(_check_email),
    WithJsonSchema({"type": "string", "format": "email"}),
]
Text = Annotated[str, StringConstraints(max_length=20_000)]
RequiredText = Annotated[Text, AfterValidator(_strip_required), Field(min_length=1)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Person = Annotated[
    Name,
    Field(description="A person: the name of a contact in this file, or the owner's name."),
]
Rag = Literal["green", "amber", "red"]
Model = Literal["transactional", "collaborative", "alliance"]
Level = Literal["executive", "relationship", "operational", "technical"]
Signal = Literal["fewer_suggestions", "slower_responses", "more_formality", "more_disputes"]
ActionStatus = Literal["open", "in-progress", "done", "dropped"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Impact(_Strict):
    """How bad it would be if this supplier failed tomorrow."""

    level: Literal["high", "medium", "low"] = Field(
        description="Strategic impact: high, medium or low. Ask: if they failed tomorrow, "
        "how bad would it be?"
    )
    sole_source: YesNo = Field(
        False, description="true when nobody else can supply this today. Default false."
    )
    rationale: Text | None = Field(
        None,
        description="Why the impact is what it is (required when the level is high): "
        "time to qualify another source, stock buffer, share of revenue at stake.",
    )


class Meeting(_Strict):
    """One meeting of the governance cadence."""

    name: Name = Field(description="What the meeting is called, e.g. Quarterly business review.")
    every: Interval = Field(
        description="How often: weekly, biweekly, monthly, quarterly, yearly, "
        "or 'N days', 'N weeks', 'N months'."
    )
    purpose: Text | None = Field(None, description="What the meeting is for, and its rules.")
    attendees: list[Person] = Field(
        default_factory=list, description="Who attends: contacts of this file or the owner."
    )


class Governance(_Strict):
    """How the relationship is run."""

    model: Model = Field(
        description="transactional (price and delivery only), collaborative (joint "
        "planning and problem solving), or alliance (shared strategy and investment)."
    )
    since: Date | None = Field(None, description="When this model was adopted (YYYY-MM-DD).")
    rationale: Text | None = Field(None, description="Why this model was chosen.")
    meetings: list[Meeting] = Field(
        default_factory=list, description="The governance cadence: recurring meetings."
    )
    escalation: list[Person] = Field(
        default_factory=list,
        description="Who to go to, in order, when something cannot be solved at working level.",
    )


class Owner(_Strict):
    """The buyer who owns the relationship now."""

    name: Name = Field(description="Full name of the buyer who owns the relationship now.")
    email: Email | None = Field(None, description="The owner's e-mail address.")
    since: Date | None = Field(None, description="Owner since (YYYY-MM-DD).")


class Handover(_Strict):
    """One change of owner, with what the next owner must know."""

    model_config = ConfigDict(populate_by_name=False)

    date: Date = Field(description="When the relationship changed hands (YYYY-MM-DD).")
    from_: Name = Field(
        alias="from", description="The previous owner (need not be a contact any more)."
    )
    to: Name = Field(description="The new owner.")
    notes: RequiredText = Field(
        description="What the next owner must know: who really decides, what was promised, "
        "the rhythm that works, what went wrong before."
    )


class Contact(_Strict):
    """A person in the relationship, on either side."""

    name: Name = Field(description="Full name; unique in this file.")
    side: Literal["supplier", "internal"] = Field(
        description="supplier (works for them) or internal (works for us)."
    )
    level: Level = Field(
        description="executive, relationship, operational or technical: the level at which "
        "this person carries the relationship."
    )
    role: Name = Field(description="Job title or role, e.g. Managing Director.")
    email: Email | None = Field(None, description="E-mail address.")
    phone: Name | None = Field(None, description="Phone number, quoted: \"+49 711 555 0100\".")
    last_contact: Date | None = Field(
        None, description="Date of the last meaningful conversation (YYYY-MM-DD)."
    )
    next_check_in: Date | None = Field(
        None, description="When to talk to this person next (YYYY-MM-DD)."
    )
    what_matters: Text | None = Field(
        None, description="What this person cares about now: their goals, pressures, dates."
    )
    notes: Text | None = Field(None, description="How to work with this person.")


class Ratings(_Strict):
    """The four dimensions of relationship health, each red, amber or green."""

    strategic_dialogue: Rag = Field(
        description="Joint roadmap talks happen, and lead somewhere."
    )
    conflict_resolution: Rag = Field(
        description="Disputes are solved fast, without escalation."
    )
    innovation: Rag = Field(description="Ideas are offered and implemented.")
    partnership_value: Rag = Field(description="Both sides see value in the partnership.")


class Review(_Strict):
    """A quarterly relationship health review."""

    period: Period = Field(description="The quarter reviewed, YYYY-Qn (unique in this file).")
    date: Date | None = Field(None, description="When the review took place (YYYY-MM-DD).")
    with_supplier: YesNo = Field(
        False, description="true when the review was done together with the supplier."
    )
    ratings: Ratings = Field(description="All four dimensions, each green, amber or red.")
    overall: Rag | None = Field(
        None,
        description="Overall rating. Leave it out to have it computed: the rating most "
        "dimensions hold, a tie going to the worse one.",
    )
    signals: list[Signal] = Field(
        default_factory=list,
        description="Early warnings of drift: fewer_suggestions, slower_responses, "
        "more_formality, more_disputes.",
    )
    notes: Text | None = Field(None, description="What was said; what to do about it.")


class Action(_Strict):
    """One item of the Joint Action Plan."""

    id: Name = Field(description="Short id, unique in this file, e.g. JAP-1.")
    action: RequiredText = Field(description="What will be done, by whom, stated plainly.")
    owner_internal: Person = Field(description="Who owns it on our side: the owner or an "
                                   "internal contact.")
    owner_supplier: Person = Field(description="Who owns it on the supplier's side: a "
                                   "supplier-side contact.")
    due: Date = Field(description="Deadline (YYYY-MM-DD).")
    status: ActionStatus = Field(
        "open", description="open (default), in-progress, done or dropped."
    )
    done_on: Date | None = Field(
        None, description="When it was done (YYYY-MM-DD); required when status is done."
    )
    notes: Text | None = Field(None, description="Progress, blockers, context.")


class Answer(_Strict):
    """An answer heard to a culture-check question."""

    date: Date = Field(description="When it was heard (YYYY-MM-DD).")
    by: Name = Field(description="Who asked (any name).")
    summary: RequiredText = Field(description="What the supplier's people said and did.")


class CultureQuestion(_Strict):
    """An interview question that shows how the supplier's people really work."""

    question: RequiredText = Field(
        description="Ask about a real event ('the last time...'), not an opinion."
    )
    listen_for: Text | None = Field(
        None, description="What a good or a worrying answer sounds like."
    )
    answers: list[Answer] = Field(default_factory=list, description="Answers heard so far.")


class LogEntry(_Strict):
    """One event of the relationship's timeline."""

    date: Date = Field(description="When it happened (YYYY-MM-DD).")
    kind: Literal["win", "incident", "decision", "meeting", "handover", "note"] = Field(
        description="win, incident, decision, meeting, handover or note."
    )
    text: RequiredText = Field(description="What happened, and why it matters.")


class Supplier(_Strict):
    """A supplier relationship: one file in suppliers/, named <slug>.yaml."""

    model_config = ConfigDict(
        title="Supplier file",
        json_schema_extra={"$id": "https://handbook.invalid/schema/supplier-v1.json"},
    )

    name: Name = Field(description="The supplier's legal or usual name.")
    category: Name = Field(description="What they supply, e.g. Aluminium housings.")
    summary: RequiredText = Field(
        description="Why this supplier matters, in one to three sentences."
    )
    status: Literal["active", "onboarding", "phasing-out", "inactive"] = Field(
        "active", description="active (default), onboarding, phasing-out or inactive."
    )
    tags: list[Name] = Field(default_factory=list, description="Free words for search.")
    impact: Impact = Field(description="Strategic impact assessment.")
    governance: Governance = Field(description="The governance model and its cadence.")
    owner: Owner = Field(description="The buyer who owns the relationship now.")
    handovers: list[Handover] = Field(
        default_factory=list, description="Every change of owner, in any order."
    )
    contacts: list[Contact] = Field(
        min_length=1,
        description="People on both sides, at several levels (at least one).",
    )
    health: list[Review] = Field(
        default_factory=list, description="Quarterly relationship health reviews."
    )
    actions: list[Action] = Field(
        default_factory=list, description="The Joint Action Plan: 3-5 focused items."
    )
    culture_check: list[CultureQuestion] = Field(
        default_factory=list, description="Interview questions and the answers heard."
    )
    log: list[LogEntry] = Field(
        default_factory=list, description="The relationship's timeline."
    )


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the supplier file, generated from the models."""
    schema = Supplier.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
