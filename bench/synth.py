"""Synthetic supplier files for benchmarks: every section filled, about 4.5 KB each."""

from __future__ import annotations

import random
from pathlib import Path

FIRST = ["Dana", "Jonas", "Maria", "Lee", "Aiko", "Pieter", "Ines", "Karim", "Elif", "Marco"]
LAST = ["Okafor", "Weber", "Schmidt", "Chen", "Tanaka", "de Vries", "Carvalho", "Benali"]
LEVELS = ["executive", "relationship", "operational", "technical"]
MODELS = ["transactional", "collaborative", "alliance"]
RAG = ["green", "amber", "red"]


def supplier_yaml(i: int, rng: random.Random) -> str:
    def person(n: int) -> str:
        return f"{FIRST[(i + n) % len(FIRST)]} {LAST[(i * 3 + n) % len(LAST)]} {n}"

    owner = f"Owner {i % 37}"
    contacts = []
    for n in range(6):
        side = "supplier" if n % 2 == 0 else "internal"
        contacts.append(
            f"""  - name: {person(n)}
    side: {side}
    level: {LEVELS[n // 2 % 4]}
    role: Role number {n} of supplier {i}
    email: person{n}.s{i}@example.com
    phone: "+49 711 555 {n:04d}"
    last_contact: 2026-{rng.randint(1, 10):02d}-{rng.randint(1, 28):02d}
    next_check_in: 2026-12-{rng.randint(1, 28):02d}
    what_matters: Capacity expansion in Q2 and their ERP go-live in March, item {n}."""
        )
    health = []
    for q, year in enumerate((2025, 2025, 2026, 2026, 2026)):
        ratings = [rng.choice(RAG) for _ in range(4)]
        health.append(
            f"""  - period: {year}-Q{q % 4 + 1}
    date: {year}-{(q % 4) * 3 + 2:02d}-10
    with_supplier: true
    ratings:
      strategic_dialogue: {ratings[0]}
      conflict_resolution: {ratings[1]}
      innovation: {ratings[2]}
      partnership_value: {ratings[3]}
    signals: [fewer_suggestions]
    notes: Review notes for period {q}; *see* the action plan."""
        )
    actions = []
    for n in range(4):
        actions.append(
            f"""  - id: JAP-{n + 1}
    action: Send the 13-week forecast every Tuesday, stream {n}.
    owner_internal: {owner}
    owner_supplier: {person(0)}
    due: 2026-{rng.randint(1, 12):02d}-15
    status: {"done" if n == 0 else "open"}{chr(10) + "    done_on: 2026-01-20" if n == 0 else ""}"""
        )
    return f"""name: Synthetic Supplier {i} GmbH
category: Aluminium housings, lot {i % 50}
summary: >
  Sole source of the die-cast housings for line {i}. Twelve weeks to qualify another
  foundry; no stock buffer beyond three weeks.
status: active
tags: [emea, die-casting, s{i}]
impact:
  level: {("high", "medium", "low")[i % 3]}
  sole_source: true
  rationale: Twelve weeks to qualify another foundry.
governance:
  model: {MODELS[i % 3]}
  since: 2025-03-01
  rationale: Moved after the 2024 recovery plan.
  meetings:
    - name: Operational sync
      every: biweekly
      purpose: Blocking issues only; 20 minutes.
      attendees: [{person(0)}, {owner}]
    - name: Quarterly business review
      every: quarterly
  escalation: [{person(0)}, {person(2)}]
owner:
  name: {owner}
  email: owner{i % 37}@example.com
  since: 2026-02-01
handovers:
  - date: 2026-02-01
    from: Previous Owner
    to: {owner}
    notes: >
      Maria answers calls, not e-mail. Never raise price in the QBR; do it one to one first.
contacts:
{chr(10).join(contacts)}
health:
{chr(10).join(health)}
actions:
{chr(10).join(actions)}
culture_check:
  - question: Tell me about the last time one person's delay cascaded. How was it handled?
    listen_for: Coaching or a workload change means relationship-first.
    answers:
      - date: 2026-09-10
        by: {owner}
        summary: They moved a planner to cover; nobody was blamed.
log:
  - date: 2026-08-01
    kind: win
    text: Held inventory one more day on a handshake; saved about $12,000 of expedite.
  - date: 2026-09-01
    kind: meeting
    text: QBR held on site.
"""


def write_suppliers(folder: Path, n: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        path = folder / f"synthetic-supplier-{i:05d}.yaml"
        path.write_text(supplier_yaml(i, rng), encoding="utf-8")
        paths.append(path)
    return paths
