"""Stage 2b: the spec's cross-field rules, one function per rule.

Each rule reads the plain data of one file (as ``load`` produced it, before or after the
models accepted it) and yields ``Finding``s: where (a data path), what, and how bad. The
rules are written defensively so that they still run, and still find their problems, when
other parts of the file are malformed: the user sees every problem at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from supplier_handbook.base.problems import Severity, quote
from supplier_handbook.read.load import PathKey


@dataclass(frozen=True)
class Finding:
    path: PathKey
    message: str
    severity: Severity = "error"
    at_key: bool = False


def _items(data: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    if isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, dict):
                yield i, item


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _owner_name(data: dict[str, Any]) -> str | None:
    owner = data.get("owner")
    return _text(owner.get("name")) if isinstance(owner, dict) else None


def _contact_sides(data: dict[str, Any]) -> dict[str, str]:
    """Each contact's name, mapped to its side (first one wins for duplicates)."""
    sides: dict[str, str] = {}
    for _, contact in _items(data, "contacts"):
        name = _text(contact.get("name"))
        if name is not None and name not in sides:
            side = contact.get("side")
            sides[name] = side if isinstance(side, str) else ""
    return sides


KNOWN_SHOWN = 10  # names listed in an "is not known" message; the rest are counted


def _known(names: list[str]) -> str:
    """The known names for a message: at most ``KNOWN_SHOWN``, each shortened, so that a
    file with many unknown names cannot make the report grow with the square of its size."""
    unique = sorted(set(names))
    shown = ", ".join(quote(n, 40)[1:-1] for n in unique[:KNOWN_SHOWN]) or "none"
    more = len(unique) - KNOWN_SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def _person(value: Any) -> str | None:
    """A person field's text when the model accepts it as a name (1 to 200 characters);
    a value the model rejects already has its error and is not looked up again."""
    return value if isinstance(value, str) and 0 < len(value) <= 200 else None


def _unique(list_key: str, field: str, what: str) -> Callable[[dict[str, Any]], Iterator[Finding]]:
    def rule(data: dict[str, Any]) -> Iterator[Finding]:
        seen: dict[str, int] = {}
        for i, item in _items(data, list_key):
            value = item.get(field)
            if not isinstance(value, str):
                continue
            if value in seen:
                yield Finding(
                    (list_key, i, field),
                    f"{field}: {quote(value)} is used twice; {what} must be unique in the file "
                    f"(first is {list_key}[{seen[value]}])",
                )
            else:
                seen[value] = i

    rule.__name__ = f"unique_{list_key}_{field}"
    rule.__doc__ = f"{what} are unique in the file."
    return rule


unique_contact_names = _unique("contacts", "name", "contact names")
unique_action_ids = _unique("actions", "id", "action ids")
unique_health_periods = _unique("health", "period", "health review periods")


def _persons(data: dict[str, Any]) -> Iterator[tuple[PathKey, Any]]:
    """Every person field that must name a contact or the owner."""
    governance = data.get("governance")
    if isinstance(governance, dict):
        for i, meeting in _items(governance, "meetings"):
            attendees = meeting.get("attendees")
            if isinstance(attendees, list):
                for j, name in enumerate(attendees):
                    yield ("governance", "meetings", i, "attendees", j), name
        escalation = governance.get("escalation")
        if isinstance(escalation, list):
            for j, name in enumerate(escalation):
                yield ("governance", "escalation", j), name


def persons_are_known(data: dict[str, Any]) -> Iterator[Finding]:
    """Meeting attendees and the escalation path name a contact of this file or the owner."""
    sides = _contact_sides(data)
    owner = _owner_name(data)
    known = {*sides, *([owner] if owner else [])}
    listed = _known(list(known))
    for path, value in _persons(data):
        name = _person(value)
        if name is not None and name not in known:
            yield Finding(
                path,
                f"{path[-2]}: {quote(name)} is not a contact of this file or the owner "
                f"(known: {listed})",
            )


def action_owners_are_on_their_side(data: dict[str, Any]) -> Iterator[Finding]:
    """owner_internal is the owner or an internal contact; owner_supplier a supplier contact."""
    sides = _contact_sides(data)
    owner = _owner_name(data)
    internal = {n for n, s in sides.items() if s == "internal"} | ({owner} if owner else set())
    supplier = {n for n, s in sides.items() if s == "supplier"}
    internal_listed, supplier_listed = _known(list(internal)), _known(list(supplier))
    for i, action in _items(data, "actions"):
        name = _person(action.get("owner_internal"))
        if name is not None and name not in internal:
            yield Finding(
                ("actions", i, "owner_internal"),
                f"owner_internal: {quote(name)} is not the owner or an internal contact "
                f"(known: {internal_listed})",
            )
        name = _person(action.get("owner_supplier"))
        if name is not None and name not in supplier:
            yield Finding(
                ("actions", i, "owner_supplier"),
                f"owner_supplier: {quote(name)} is not a supplier-side contact "
                f"(known: {supplier_listed})",
            )


def done_actions_have_done_on(data: dict[str, Any]) -> Iterator[Finding]:
    """done_on is required when status is done (and only makes sense then)."""
    for i, action in _items(data, "actions"):
        status = action.get("status", "open")
        if status == "done" and action.get("done_on") is None:
            yield Finding(
                ("actions", i, "status"),
                f"action {quote(action.get('id'))} is done but has no done_on "
                "(expected done_on: YYYY-MM-DD)",
            )
        elif status != "done" and action.get("done_on") is not None and isinstance(status, str):
            yield Finding(
                ("actions", i, "done_on"),
                f"done_on is set but status is {quote(status)}; set status: done, "
                "or remove done_on",
                severity="warning",
                at_key=True,
            )


def high_impact_has_rationale(data: dict[str, Any]) -> Iterator[Finding]:
    """impact.rationale is required when impact.level is high."""
    impact = data.get("impact")
    if (
        isinstance(impact, dict)
        and impact.get("level") == "high"
        and _text(impact.get("rationale")) is None
    ):
        yield Finding(
            ("impact", "level"),
            "impact level is 'high' but there is no rationale (expected impact.rationale: "
            "why a failure would hurt, e.g. time to qualify another source)",
        )


HANDOVER_SCAFFOLD_MARK = "TO FILL IN"  # written by ``handbook handover`` (handover.py)


def handover_notes_written(data: dict[str, Any]) -> Iterator[Finding]:
    """A handover's notes are written, not the scaffold that ``handbook handover`` adds."""
    for i, handover in _items(data, "handovers"):
        notes = handover.get("notes")
        if isinstance(notes, str) and HANDOVER_SCAFFOLD_MARK in notes:
            yield Finding(
                ("handovers", i, "notes"),
                f"notes: {quote(notes.strip())} is still the scaffold of `handbook handover` "
                "(expected what the next owner must know: who really decides, what was "
                "promised, the rhythm that works, what went wrong before)",
            )


RULES: list[Callable[[dict[str, Any]], Iterator[Finding]]] = [
    unique_contact_names,
    unique_action_ids,
    unique_health_periods,
    persons_are_known,
    action_owners_are_on_their_side,
    done_actions_have_done_on,
    high_impact_has_rationale,
    handover_notes_written,
]
"""The cross-field rules of the spec, in the spec's order. Types, enums, dates, periods,
intervals, e-mail shape, required keys and non-empty handover notes are the models' job."""


def run_rules(data: dict[str, Any]) -> list[Finding]:
    return [finding for rule in RULES for finding in rule(data)]
