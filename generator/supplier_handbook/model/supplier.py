"""Stage 2a: the supplier file as pydantic models (format contract, version 1).

Every field carries a description written for the buyer who edits the file: they become the
hover help of the JSON Schema (``handbook schema``), and names its audience,
``json_schema_extra=SHARED`` or ``INTERNAL`` (see ``fields``). Field names are the spec's.
Scalars arrive from ``load`` as text; the types below decide what a text means.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from supplier_handbook.model.fields import INTERNAL, SHARED
from supplier_handbook.model.scalars import (
    SLUG_RE,
    Date,
    Email,
    Interval,
    Name,
    Period,
    Person,
    Phone,
    RequiredText,
    Text,
    YesNo,
    interval_days,
)

__all__ = ["SLUG_RE", "Supplier", "interval_days", "json_schema"]

Rag = Literal["green", "amber", "red"]
Model = Literal["transactional", "collaborative", "alliance"]
Level = Literal["executive", "relationship", "operational", "technical"]
Signal = Literal["fewer_suggestions", "slower_responses", "more_formality", "more_disputes"]
ActionStatus = Literal["open", "in-progress", "done", "dropped"]
OPEN_STATUSES: tuple[ActionStatus, ...] = ("open", "in-progress")
"""The statuses of an action still to be done (the spec's "open or in-progress")."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Impact(_Strict):
    """How bad it would be if this supplier failed tomorrow."""

    level: Literal["high", "medium", "low"] = Field(
        description="Strategic impact: high, medium or low. Ask: if they failed tomorrow, "
        "how bad would it be?",
        json_schema_extra=INTERNAL,
    )
    sole_source: YesNo = Field(
        False, description="true when nobody else can supply this today. Default false.",
        json_schema_extra=INTERNAL,
    )
    rationale: Text | None = Field(
        None,
        description="Why the impact is what it is (required when the level is high): "
        "time to qualify another source, stock buffer, share of revenue at stake.",
        json_schema_extra=INTERNAL,
    )


class Meeting(_Strict):
    """One meeting of the governance cadence."""

    name: Name = Field(
        description="What the meeting is called, e.g. Quarterly business review.",
        json_schema_extra=SHARED,
    )
    every: Interval = Field(
        description="How often: weekly, biweekly, monthly, quarterly, yearly, "
        "or 'N days', 'N weeks', 'N months'.",
        json_schema_extra=SHARED,
    )
    purpose: Text | None = Field(
        None, description="What the meeting is for, and its rules.",
        json_schema_extra=SHARED,
    )
    attendees: list[Person] = Field(
        default_factory=list, description="Who attends: contacts of this file or the owner.",
        json_schema_extra=SHARED,
    )


class Governance(_Strict):
    """How the relationship is run."""

    model: Model = Field(
        description="transactional (price and delivery only), collaborative (joint "
        "planning and problem solving), or alliance (shared strategy and investment).",
        json_schema_extra=SHARED,
    )
    since: Date | None = Field(
        None, description="When this model was adopted (YYYY-MM-DD).",
        json_schema_extra=SHARED,
    )
    rationale: Text | None = Field(
        None, description="Why this model was chosen.",
        json_schema_extra=INTERNAL,
    )
    meetings: list[Meeting] = Field(
        default_factory=list, description="The governance cadence: recurring meetings.",
        json_schema_extra=SHARED,
    )
    escalation: list[Person] = Field(
        default_factory=list,
        description="Who to go to, in order, when something cannot be solved at working level.",
        json_schema_extra=SHARED,
    )


class Owner(_Strict):
    """The buyer who owns the relationship now."""

    name: Name = Field(
        description="Full name of the buyer who owns the relationship now.",
        json_schema_extra=SHARED,
    )
    email: Email | None = Field(
        None, description="The owner's e-mail address.",
        json_schema_extra=SHARED,
    )
    since: Date | None = Field(
        None, description="Owner since (YYYY-MM-DD).",
        json_schema_extra=SHARED,
    )


class Handover(_Strict):
    """One change of owner, with what the next owner must know."""

    model_config = ConfigDict(populate_by_name=False)

    date: Date = Field(
        description="When the relationship changed hands (YYYY-MM-DD).",
        json_schema_extra=INTERNAL,
    )
    from_: Name = Field(
        alias="from", description="The previous owner (need not be a contact any more).",
        json_schema_extra=INTERNAL,
    )
    to: Name = Field(description="The new owner.", json_schema_extra=INTERNAL)
    notes: RequiredText = Field(
        description="What the next owner must know: who really decides, what was promised, "
        "the rhythm that works, what went wrong before.",
        json_schema_extra=INTERNAL,
    )


class Contact(_Strict):
    """A person in the relationship, on either side."""

    name: Name = Field(description="Full name; unique in this file.", json_schema_extra=SHARED)
    side: Literal["supplier", "internal"] = Field(
        description="supplier (works for them) or internal (works for us).",
        json_schema_extra=SHARED,
    )
    level: Level = Field(
        description="executive, relationship, operational or technical: the level at which "
        "this person carries the relationship.",
        json_schema_extra=SHARED,
    )
    role: Name = Field(
        description="Job title or role, e.g. Managing Director.",
        json_schema_extra=SHARED,
    )
    email: Email | None = Field(None, description="E-mail address.", json_schema_extra=SHARED)
    phone: Phone | None = Field(
        None, description="Phone number, e.g. \"+49 711 555 0100\" or +48615550199.",
        json_schema_extra=SHARED,
    )
    last_contact: Date | None = Field(
        None, description="Date of the last meaningful conversation (YYYY-MM-DD).",
        json_schema_extra=INTERNAL,
    )
    next_check_in: Date | None = Field(
        None, description="When to talk to this person next (YYYY-MM-DD).",
        json_schema_extra=INTERNAL,
    )
    what_matters: Text | None = Field(
        None, description="What this person cares about now: their goals, pressures, dates.",
        json_schema_extra=INTERNAL,
    )
    notes: Text | None = Field(
        None, description="How to work with this person.",
        json_schema_extra=INTERNAL,
    )


class Ratings(_Strict):
    """The four dimensions of relationship health, each red, amber or green."""

    strategic_dialogue: Rag = Field(
        description="Joint roadmap talks happen, and lead somewhere.", json_schema_extra=INTERNAL,
    )
    conflict_resolution: Rag = Field(
        description="Disputes are solved fast, without escalation.", json_schema_extra=INTERNAL,
    )
    innovation: Rag = Field(
        description="Ideas are offered and implemented.",
        json_schema_extra=INTERNAL,
    )
    partnership_value: Rag = Field(
        description="Both sides see value in the partnership.",
        json_schema_extra=INTERNAL,
    )


class Review(_Strict):
    """A quarterly relationship health review."""

    period: Period = Field(
        description="The quarter reviewed, YYYY-Qn (unique in this file).",
        json_schema_extra=INTERNAL,
    )
    date: Date | None = Field(
        None, description="When the review took place (YYYY-MM-DD).",
        json_schema_extra=INTERNAL,
    )
    with_supplier: YesNo = Field(
        False, description="true when the review was done together with the supplier.",
        json_schema_extra=INTERNAL,
    )
    ratings: Ratings = Field(
        description="All four dimensions, each green, amber or red.",
        json_schema_extra=INTERNAL,
    )
    overall: Rag | None = Field(
        None,
        description="Overall rating. Leave it out to have it computed: the rating most "
        "dimensions hold, a tie going to the worse one.",
        json_schema_extra=INTERNAL,
    )
    signals: list[Signal] = Field(
        default_factory=list,
        description="Early warnings of drift: fewer_suggestions, slower_responses, "
        "more_formality, more_disputes.",
        json_schema_extra=INTERNAL,
    )
    notes: Text | None = Field(
        None, description="What was said; what to do about it.",
        json_schema_extra=INTERNAL,
    )


class Action(_Strict):
    """One item of the Joint Action Plan."""

    id: Name = Field(
        description="Short id, unique in this file, e.g. JAP-1.",
        json_schema_extra=SHARED,
    )
    action: RequiredText = Field(
        description="What will be done, by whom, stated plainly.",
        json_schema_extra=SHARED,
    )
    owner_internal: Person = Field(description="Who owns it on our side: the owner or an "
                                   "internal contact.", json_schema_extra=SHARED)
    owner_supplier: Person = Field(description="Who owns it on the supplier's side: a "
                                   "supplier-side contact.", json_schema_extra=SHARED)
    due: Date = Field(description="Deadline (YYYY-MM-DD).", json_schema_extra=SHARED)
    status: ActionStatus = Field(
        "open", description="open (default), in-progress, done or dropped.",
        json_schema_extra=SHARED,
    )
    done_on: Date | None = Field(
        None, description="When it was done (YYYY-MM-DD); required when status is done.",
        json_schema_extra=SHARED,
    )
    notes: Text | None = Field(
        None, description="Progress, blockers, context.",
        json_schema_extra=INTERNAL,
    )


class Answer(_Strict):
    """An answer heard to a culture-check question."""

    date: Date = Field(description="When it was heard (YYYY-MM-DD).", json_schema_extra=INTERNAL)
    by: Name = Field(description="Who asked (any name).", json_schema_extra=INTERNAL)
    summary: RequiredText = Field(
        description="What the supplier's people said and did.",
        json_schema_extra=INTERNAL,
    )


class CultureQuestion(_Strict):
    """An interview question that shows how the supplier's people really work."""

    question: RequiredText = Field(
        description="Ask about a real event ('the last time...'), not an opinion.",
        json_schema_extra=INTERNAL,
    )
    listen_for: Text | None = Field(
        None, description="What a good or a worrying answer sounds like.",
        json_schema_extra=INTERNAL,
    )
    answers: list[Answer] = Field(
        default_factory=list, description="Answers heard so far.",
        json_schema_extra=INTERNAL,
    )


class LogEntry(_Strict):
    """One event of the relationship's timeline."""

    date: Date = Field(description="When it happened (YYYY-MM-DD).", json_schema_extra=INTERNAL)
    kind: Literal["win", "incident", "decision", "meeting", "handover", "note"] = Field(
        description="win, incident, decision, meeting, handover or note.",
        json_schema_extra=INTERNAL,
    )
    text: RequiredText = Field(
        description="What happened, and why it matters.",
        json_schema_extra=INTERNAL,
    )


class Supplier(_Strict):
    """A supplier relationship: one file in suppliers/, named <slug>.yaml."""

    model_config = ConfigDict(
        title="Supplier file",
        json_schema_extra={"$id": "urn:supplier-handbook:schema:supplier-v1"},
    )

    name: Name = Field(description="The supplier's legal or usual name.", json_schema_extra=SHARED)
    category: Name = Field(
        description="What they supply, e.g. Aluminium housings.",
        json_schema_extra=SHARED,
    )
    summary: RequiredText = Field(
        description="Why this supplier matters, in one to three sentences.",
        json_schema_extra=INTERNAL,
    )
    status: Literal["active", "onboarding", "phasing-out", "inactive"] = Field(
        "active", description="active (default), onboarding, phasing-out or inactive.",
        json_schema_extra=INTERNAL,
    )
    tags: list[Name] = Field(
        default_factory=list, description="Free words for search.",
        json_schema_extra=INTERNAL,
    )
    impact: Impact = Field(description="Strategic impact assessment.", json_schema_extra=INTERNAL)
    governance: Governance = Field(
        description="The governance model and its cadence.",
        json_schema_extra=SHARED,
    )
    owner: Owner = Field(
        description="The buyer who owns the relationship now.",
        json_schema_extra=SHARED,
    )
    handovers: list[Handover] = Field(
        default_factory=list, description="Every change of owner, in any order.",
        json_schema_extra=INTERNAL,
    )
    contacts: list[Contact] = Field(
        min_length=1,
        description="People on both sides, at several levels (at least one).",
        json_schema_extra=SHARED,
    )
    health: list[Review] = Field(
        default_factory=list, description="Quarterly relationship health reviews.",
        json_schema_extra=INTERNAL,
    )
    actions: list[Action] = Field(
        default_factory=list, description="The Joint Action Plan: 3-5 focused items.",
        json_schema_extra=SHARED,
    )
    culture_check: list[CultureQuestion] = Field(
        default_factory=list, description="Interview questions and the answers heard.",
        json_schema_extra=INTERNAL,
    )
    log: list[LogEntry] = Field(
        default_factory=list, description="The relationship's timeline.",
        json_schema_extra=INTERNAL,
    )


def json_schema() -> dict[str, Any]:
    """The JSON Schema of the supplier file, generated from the models."""
    schema = Supplier.model_json_schema(by_alias=True, mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
