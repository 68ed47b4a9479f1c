"""Stage 2a: the supplier file as pydantic models (format contract, version 1).

Every field carries a description written for the buyer who edits the file: they become the
hover help of the JSON Schema (``handbook schema``). Field names are the spec's, unchanged.
Scalars arrive from ``load`` as text; the types below decide what a text means.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from .scalars import (
    SLUG_RE,
    Date,
    Email,
    Interval,
    Name,
    Period,
    Person,
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


Audience = Literal["shared", "internal"]
"""Who may read a field: ``shared`` fields may go on the page shared with the supplier
(``handbook build --audience supplier SLUG``); ``internal`` ones never leave the handbook.
Every model declares the audience of every field in its ``audience`` table."""


def audience(shared: str = "", internal: str = "") -> dict[str, Audience]:
    """An ``audience`` table from two space-separated lists of field names."""
    table: dict[str, Audience] = dict.fromkeys(shared.split(), "shared")
    table.update(dict.fromkeys(internal.split(), "internal"))
    return table


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class Impact(_Strict):
    """How bad it would be if this supplier failed tomorrow."""

    audience: ClassVar[dict[str, Audience]] = audience(internal="level sole_source rationale")

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

    audience: ClassVar[dict[str, Audience]] = audience(shared="name every purpose attendees")

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

    audience: ClassVar[dict[str, Audience]] = audience(
        shared="model since meetings escalation",
        internal="rationale",
    )

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

    audience: ClassVar[dict[str, Audience]] = audience(shared="name email since")

    name: Name = Field(description="Full name of the buyer who owns the relationship now.")
    email: Email | None = Field(None, description="The owner's e-mail address.")
    since: Date | None = Field(None, description="Owner since (YYYY-MM-DD).")


class Handover(_Strict):
    """One change of owner, with what the next owner must know."""

    audience: ClassVar[dict[str, Audience]] = audience(internal="date from_ to notes")

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

    audience: ClassVar[dict[str, Audience]] = audience(
        shared="name side level role email phone",
        internal="last_contact next_check_in what_matters notes",
    )

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

    audience: ClassVar[dict[str, Audience]] = audience(
        internal="strategic_dialogue conflict_resolution innovation partnership_value",
    )

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

    audience: ClassVar[dict[str, Audience]] = audience(
        internal="period date with_supplier ratings overall signals notes",
    )

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

    audience: ClassVar[dict[str, Audience]] = audience(
        shared="id action owner_internal owner_supplier due status done_on",
        internal="notes",
    )

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

    audience: ClassVar[dict[str, Audience]] = audience(internal="date by summary")

    date: Date = Field(description="When it was heard (YYYY-MM-DD).")
    by: Name = Field(description="Who asked (any name).")
    summary: RequiredText = Field(description="What the supplier's people said and did.")


class CultureQuestion(_Strict):
    """An interview question that shows how the supplier's people really work."""

    audience: ClassVar[dict[str, Audience]] = audience(internal="question listen_for answers")

    question: RequiredText = Field(
        description="Ask about a real event ('the last time...'), not an opinion."
    )
    listen_for: Text | None = Field(
        None, description="What a good or a worrying answer sounds like."
    )
    answers: list[Answer] = Field(default_factory=list, description="Answers heard so far.")


class LogEntry(_Strict):
    """One event of the relationship's timeline."""

    audience: ClassVar[dict[str, Audience]] = audience(internal="date kind text")

    date: Date = Field(description="When it happened (YYYY-MM-DD).")
    kind: Literal["win", "incident", "decision", "meeting", "handover", "note"] = Field(
        description="win, incident, decision, meeting, handover or note."
    )
    text: RequiredText = Field(description="What happened, and why it matters.")


class Supplier(_Strict):
    """A supplier relationship: one file in suppliers/, named <slug>.yaml."""

    audience: ClassVar[dict[str, Audience]] = audience(
        shared="name category governance owner contacts actions",
        internal="summary status tags impact handovers health culture_check log",
    )

    model_config = ConfigDict(
        title="Supplier file",
        json_schema_extra={"$id": "urn:supplier-handbook:schema:supplier-v1"},
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
