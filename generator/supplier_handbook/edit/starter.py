"""The commented starter file that ``handbook new SLUG`` writes.

It holds an example of every section (meeting, escalation, handover, a contact at each
level, a health review, an action, a culture-check question, a log entry), so that nobody
has to guess a key. The words a field allows are not written here: the comments list them
from the model's JSON Schema (``CHOICES``), so they cannot drift from the format. Values the
user must supply are placeholders starting with ``REPLACE:`` (``placeholders.MARK``); the
check reports each one until it is replaced, so the starter's made-up names cannot be
committed unnoticed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from supplier_handbook.base.atomic import write_atomic
from supplier_handbook.model.placeholders import MARK

SCHEMA_URL = "../schema/supplier.schema.json"

_TEMPLATE = """\
# yaml-language-server: $schema={schema}
# Supplier file for the relationship handbook, written by `handbook new {slug}`.
# Every value starting with "{mark}" is a placeholder: `handbook check` reports each one
# until you write the real value (or delete the entry you do not need). A name used in
# several places (attendees, escalation, action owners) must be written the same way in each.
# Guide: content/guides/supplier-file.md. Text fields accept Markdown (emphasis, links to
# other pages such as [the handover guide](../guides/handover.md), lists); HTML shows as text.

name: "{mark} the supplier's usual name, e.g. {title} GmbH"
category: "{mark} what they supply, e.g. Aluminium housings"
summary: >-                         # why this supplier matters, 1-3 sentences
  {mark} why {title} matters to us.
status: onboarding                  # {status}
tags: []                            # free words for search, e.g. [emea, die-casting]

impact:
  level: medium                     # {impact_level}: if they failed tomorrow, how bad?
  sole_source: false                # true when nobody else can supply it today
  rationale: >-                     # required when level is high; numbers help
    {mark} how long it would take to replace them, and how much stock we hold.

governance:
  model: collaborative              # {governance_model}
  since: {today}
  rationale: "{mark} why this model fits (see the governance models guide)"
  meetings:                         # the meeting rhythm
    - name: Quarterly business review
      every: quarterly              # weekly | biweekly | monthly | quarterly | yearly | 6 weeks
      purpose: "{mark} what the meeting is for, and its rules"
      attendees: ["{mark} your name", "{mark} their key account manager"]
  escalation:                       # whom to call, in this order, when something breaks
    - "{mark} their key account manager"
    - "{mark} their managing director"

owner:                              # the buyer who owns the relationship now
  name: "{mark} your name"
  since: {today}

handovers:                          # every change of owner; delete this entry if there was none
  - date: {today}
    from: "{mark} the previous owner"
    to: "{mark} your name"          # the newest handover goes to the current owner
    notes: >-
      {mark} what the next owner must know: who really decides, what was promised,
      what not to do.

contacts:                           # several levels on both sides, not one person
  - name: "{mark} their managing director"
    side: supplier                  # {contacts_side}
    level: executive                # {contacts_level}
    role: Managing Director
  - name: "{mark} their key account manager"
    side: supplier
    level: relationship
    role: Key Account Manager
    phone: "{mark} their phone number, quoted"   # email: works the same way (optional)
    last_contact: {today}           # the last real conversation
    next_check_in: {next_check_in}
    what_matters: "{mark} what they care about"
    notes: "{mark} how best to work with them"
  - name: "{mark} their production planner"
    side: supplier
    level: operational
    role: Production planner
  - name: "{mark} their process engineer"
    side: supplier
    level: technical
    role: Process engineer
  - name: "{mark} our executive sponsor"
    side: internal
    level: executive
    role: Executive sponsor

health:                             # quarterly reviews, ideally with the supplier
  - period: {period}                # YYYY-Qn, one review per quarter
    date: {today}
    with_supplier: true
    ratings:                        # each {rating}: rate honestly
      strategic_dialogue: green     # joint roadmap talks happen, and go somewhere
      conflict_resolution: green    # disputes are solved fast, without escalation
      innovation: amber             # ideas offered and implemented
      partnership_value: green      # both sides see value in the partnership
    signals: []                     # e.g. [fewer_suggestions, slower_responses, more_formality]
    notes: "{mark} what the ratings rest on"

actions:                            # the Joint Action Plan: 3-5 items, an owner on each side
  - id: JAP-1
    action: "{mark} one concrete thing, e.g. We send the 13-week forecast every Tuesday."
    owner_internal: "{mark} your name"
    owner_supplier: "{mark} their key account manager"
    due: {due}
    status: open                    # {actions_status} (done: add done_on)

culture_check:                      # questions about real events, and what to listen for
  - question: >-
      Tell me about the last time a forecast jumped overnight. Who did what in the first
      24 hours?
    listen_for: >-
      Names and decisions on the shop floor mean ownership; "we escalated" alone means a
      top-down culture.
    answers:
      - date: {today}
        by: "{mark} your name"
        summary: "{mark} what they told you"

log:                                # the relationship's timeline
  - date: {today}
    kind: note                      # {log_kind}
    text: Supplier file created with `handbook new`.
"""


CHOICES: dict[str, tuple[str, ...]] = {
    "status": ("status",),
    "impact_level": ("impact", "level"),
    "governance_model": ("governance", "model"),
    "contacts_side": ("contacts", "side"),
    "contacts_level": ("contacts", "level"),
    "rating": ("health", "ratings", "innovation"),
    "actions_status": ("actions", "status"),
    "log_kind": ("log", "kind"),
}
"""Placeholder in the template -> the field whose allowed words its comment lists."""


def allowed_words(schema: dict[str, Any], path: tuple[str, ...]) -> list[str]:
    """The ``enum`` of the field at ``path`` (lists are walked through their items)."""
    defs = schema.get("$defs", {})

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node or node.get("type") == "array":
            ref = node.get("$ref")
            node = defs[ref.rsplit("/", 1)[-1]] if ref else node["items"]
        return node

    node = schema
    for key in path:
        node = resolve(node)["properties"][key]
    return [str(word) for word in resolve(node)["enum"]]


def suggest_slug(name: str) -> str:
    """The slug a name would have: ``Acme Castings`` -> ``acme-castings`` ("" for none)."""
    from supplier_handbook.derive.naming import file_slug

    return file_slug(name)


def write_starter(path: Path, slug: str, today: dt.date) -> None:
    """Write the starter file at ``path`` all at once, never over an existing file or
    through a link (``FileExistsError``, or ``OSError`` saying why)."""
    write_atomic(path, starter_text(slug, today).encode("utf-8"), replace=False,
                 real_folder=True)


def starter_text(slug: str, today: dt.date) -> str:
    from supplier_handbook.model.supplier import json_schema

    schema = json_schema()
    words = {name: " | ".join(allowed_words(schema, path)) for name, path in CHOICES.items()}
    title = " ".join(part.capitalize() for part in slug.split("-"))
    return _TEMPLATE.format(
        **words,
        schema=SCHEMA_URL, slug=slug, title=title, mark=MARK, today=today.isoformat(),
        next_check_in=(today + dt.timedelta(days=28)).isoformat(),
        due=(today + dt.timedelta(days=90)).isoformat(),
        period=f"{today.year}-Q{(today.month - 1) // 3 + 1}",
    )
