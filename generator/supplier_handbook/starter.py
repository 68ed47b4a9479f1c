"""The commented starter file that ``handbook new SLUG`` writes."""

from __future__ import annotations

import datetime as dt

SCHEMA_URL = "../schema/supplier.schema.json"

_TEMPLATE = """\
# yaml-language-server: $schema={schema}
# Supplier file for the relationship handbook. Run `handbook check` after editing.
# Guide: content/guides/supplier-file.md. Text fields accept Markdown; HTML is shown as text.

name: {title}                      # the supplier's usual name
category: What they supply          # e.g. Aluminium housings
summary: >                          # why this supplier matters, 1-3 sentences
  Replace this with why {title} matters to us.
status: onboarding                  # active | onboarding | phasing-out | inactive
tags: []                            # free words for search

impact:
  level: medium                     # high | medium | low: if they failed tomorrow, how bad?
  sole_source: false
  # rationale: required when level is high

governance:
  model: transactional              # transactional | collaborative | alliance
  since: {today}
  meetings:
    - name: Quarterly business review
      every: quarterly              # weekly | biweekly | monthly | quarterly | yearly | N weeks
      attendees: [Your Name]
  escalation: [Your Name]

owner:
  name: Your Name                   # the buyer who owns the relationship now
  since: {today}

contacts:                           # at least one; several levels on both sides is better
  - name: Supplier Contact
    side: supplier                  # supplier | internal
    level: relationship             # executive | relationship | operational | technical
    role: Key Account Manager
    last_contact: {today}

health: []                          # quarterly reviews: period, ratings (4 x red/amber/green)
actions: []                         # the Joint Action Plan: 3-5 items, an owner on each side
culture_check: []                   # questions about real events, what to listen for
log:
  - date: {today}
    kind: note
    text: Supplier file created.
"""


def starter_text(slug: str, today: dt.date) -> str:
    title = " ".join(part.capitalize() for part in slug.split("-"))
    return _TEMPLATE.format(schema=SCHEMA_URL, title=title, today=today.isoformat())
