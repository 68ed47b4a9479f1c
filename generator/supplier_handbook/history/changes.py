"""Semantic difference of two versions of one supplier file, in words a reviewer reads.

Works on the plain data of ``load`` (either side may be missing, or malformed: an old
commit need not pass today's check), so it is pure and never raises for odd data.

Linear in the size of the file: the entries of two versions of a list are matched by a
canonical text of each entry (a count of equal entries, never every entry against every
other), and those left over are paired by their key (a handover's date and people, a log
entry's date, a question), so that an entry edited in place reads as edited.
"""

from __future__ import annotations

import bisect
import json
from collections import Counter, deque
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from typing import Any

from supplier_handbook.derive.health import OPEN_STATUSES, RAG_ORDER, majority
from supplier_handbook.model.rules import HANDOVER_SCAFFOLD_MARK


@dataclass(frozen=True)
class Change:
    text: str
    warning: bool = False


@dataclass(frozen=True)
class Unreadable:
    """A version of a file that exists but could not be read (YAML error, empty...)."""

    reason: str


def _map(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _by(items: Any, key: str) -> dict[str, dict[str, Any]]:
    result: dict[str, dict[str, Any]] = {}
    for item in _list(items):
        name = item.get(key)
        if isinstance(name, str) and name not in result:
            result[name] = item
    return result


def _canonical(item: Any) -> str:
    """One text per value, equal for equal values (keys sorted)."""
    return json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)


@dataclass(frozen=True)
class Matched:
    """Two versions of a list, entry by entry: new, removed, and edited in place."""

    added: list[dict[str, Any]]
    removed: list[dict[str, Any]]
    edited: list[tuple[dict[str, Any], dict[str, Any]]]  # (before, after)


def match(old: Any, new: Any,
          key: Callable[[dict[str, Any]], Hashable] | None = None) -> Matched:
    """The entries of ``new`` not in ``old`` and back, counted as multisets in linear time;
    with ``key``, a removed and an added entry with the same key are one entry edited."""
    a, b = _list(old), _list(new)
    left = Counter(_canonical(item) for item in a)
    added = []
    for item in b:
        text = _canonical(item)
        if left[text] > 0:
            left[text] -= 1
        else:
            added.append(item)
    removed = []
    for item in a:  # those ``b`` did not use, in ``a``'s order
        text = _canonical(item)
        if left[text] > 0:
            left[text] -= 1
            removed.append(item)
    edited: list[tuple[dict[str, Any], dict[str, Any]]] = []
    if key is not None and added and removed:
        waiting: dict[Hashable, deque[dict[str, Any]]] = {}
        for item in removed:
            waiting.setdefault(_safe_key(key, item), deque()).append(item)
        still = []
        for item in added:
            pool = waiting.get(_safe_key(key, item))
            if pool:
                edited.append((pool.popleft(), item))
            else:
                still.append(item)
        paired = {id(before) for before, _ in edited}
        added, removed = still, [item for item in removed if id(item) not in paired]
    return Matched(added, removed, edited)


def _safe_key(key: Callable[[dict[str, Any]], Hashable], item: dict[str, Any]) -> Hashable:
    return _canonical(key(item))


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(none)"
    return str(value)


def _majority(ratings: dict[str, Any]) -> str | None:
    """The computed overall of an old version's ratings, or None when they are not four
    ratings (an old commit need not pass today's check)."""
    values: list[str] = [v for v in ratings.values() if v in RAG_ORDER]
    return majority(values) if len(values) == 4 else None


def _overall(review: dict[str, Any]) -> str | None:
    given = review.get("overall")
    return given if isinstance(given, str) else _majority(_map(review.get("ratings")))


def _latest_before(periods: list[str], health: dict[str, dict[str, Any]], period: str
                   ) -> tuple[str, dict[str, Any]] | None:
    """The latest review of ``health`` before ``period`` (``periods``: its keys, sorted)."""
    at = bisect.bisect_left(periods, period)
    return (periods[at - 1], health[periods[at - 1]]) if at else None


SCALARS = [
    (("name",), "name"),
    (("category",), "category"),
    (("status",), "status"),
    (("impact", "level"), "impact"),
    (("impact", "sole_source"), "sole source"),
    (("governance", "model"), "governance model"),
    (("governance", "escalation"), "escalation path"),
]
EDITED_TEXT = [(("summary",), "summary"), (("impact", "rationale"), "impact rationale"),
               (("governance", "rationale"), "governance rationale")]


def _get(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    value: Any = data
    for key in path:
        value = _map(value).get(key)
    return value


def _scalars(old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    for path, label in SCALARS:
        a, b = _get(old, path), _get(new, path)
        if a != b:
            yield Change(f"{label} {_show(a)} -> {_show(b)}")
    for path, label in EDITED_TEXT:
        if _get(old, path) != _get(new, path):
            yield Change(f"{label} edited")


def _owner(old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    a, b = _get(old, ("owner", "name")), _get(new, ("owner", "name"))
    if a == b:
        return
    yield Change(f"owner {_show(a)} -> {_show(b)}")
    added = match(old.get("handovers"), new.get("handovers")).added
    if not any(h.get("to") == b for h in added):
        yield Change(
            f"owner changed to {_show(b)} with no new handover: add one with the notes the "
            "next owner needs",
            warning=True,
        )


def _contacts(old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    a, b = _by(old.get("contacts"), "name"), _by(new.get("contacts"), "name")
    named = {
        str(action.get(role))
        for action in _list(new.get("actions"))
        if action.get("status", "open") in OPEN_STATUSES
        for role in ("owner_internal", "owner_supplier")
    }
    for name in b.keys() - a.keys():
        c = b[name]
        yield Change(f"contact {name} added ({_show(c.get('side'))}, {_show(c.get('level'))}, "
                     f"{_show(c.get('role'))})")
    for name in a.keys() - b.keys():
        yield Change(f"contact {name} removed")
        if name in named:
            yield Change(f"contact {name} was removed but an open action still names them",
                         warning=True)
    for name in sorted(a.keys() & b.keys()):
        for field in ("side", "level", "role", "email", "phone"):
            if a[name].get(field) != b[name].get(field):
                yield Change(f"contact {name}: {field} {_show(a[name].get(field))} -> "
                             f"{_show(b[name].get(field))}")
        if a[name].get("last_contact") != b[name].get("last_contact"):
            yield Change(f"contact {name}: last contact {_show(b[name].get('last_contact'))}")


def _actions(old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    a, b = _by(old.get("actions"), "id"), _by(new.get("actions"), "id")
    for key in sorted(b.keys() - a.keys()):
        yield Change(f"action {key} added (due {_show(b[key].get('due'))}): "
                     f"{_show(b[key].get('action'))}")
    for key in sorted(a.keys() - b.keys()):
        yield Change(f"action {key} removed")
    for key in sorted(a.keys() & b.keys()):
        before, after = a[key], b[key]
        s1, s2 = before.get("status", "open"), after.get("status", "open")
        if s1 != s2:
            done = f" ({after.get('done_on')})" if s2 == "done" and after.get("done_on") else ""
            yield Change(f"action {key}: {_show(s1)} -> {_show(s2)}{done}")
        if before.get("due") != after.get("due"):
            yield Change(f"action {key}: due {_show(before.get('due'))} -> "
                         f"{_show(after.get('due'))}")
        for field in ("owner_internal", "owner_supplier", "action"):
            if before.get(field) != after.get(field):
                yield Change(f"action {key}: {field.replace('_', ' ')} changed")


def _health(old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    a, b = _by(old.get("health"), "period"), _by(new.get("health"), "period")
    periods = sorted(a)
    for period in sorted(b.keys() - a.keys()):
        previous = _latest_before(periods, a, period)
        was = f" (was {_show(_overall(previous[1]))})" if previous else ""
        yield Change(f"health {period} added: {_show(_overall(b[period]))}{was}")
    for period in sorted(a.keys() - b.keys()):
        yield Change(f"health {period} removed", warning=True)
    for period in sorted(a.keys() & b.keys()):
        before, after = _map(a[period].get("ratings")), _map(b[period].get("ratings"))
        dimensions = [f"{name} {_show(before.get(name))} -> {_show(after.get(name))}"
                      for name in sorted(before.keys() | after.keys(), key=_dimension_order)
                      if before.get(name) != after.get(name)]
        overall_before, overall_after = _overall(a[period]), _overall(b[period])
        if overall_before != overall_after:
            dimensions.append(f"overall {_show(overall_before)} -> {_show(overall_after)}")
        if dimensions:
            yield Change(
                f"health {period} rewritten: {', '.join(dimensions)}; a past review's ratings "
                "should stay as agreed",
                warning=True,
            )


DIMENSIONS = ("strategic_dialogue", "conflict_resolution", "innovation", "partnership_value")


def _dimension_order(name: str) -> tuple[int, str]:
    return (DIMENSIONS.index(name) if name in DIMENSIONS else len(DIMENSIONS), str(name))


def _scaffold(notes: Any) -> bool:
    """Notes not written yet: missing, empty or the scaffold ``handbook handover`` adds."""
    return not isinstance(notes, str) or not notes.strip() or HANDOVER_SCAFFOLD_MARK in notes


def _handovers(old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    found = match(old.get("handovers"), new.get("handovers"),
                  key=lambda h: (h.get("date"), h.get("from"), h.get("to")))
    for h in found.added:
        yield Change(f"handover {_show(h.get('date'))} added: {_show(h.get('from'))} -> "
                     f"{_show(h.get('to'))}")
    for before, after in found.edited:
        what = ("notes written" if _scaffold(before.get("notes"))
                and not _scaffold(after.get("notes")) else "edited")
        yield Change(f"handover {_show(after.get('date'))} ({_show(after.get('from'))} -> "
                     f"{_show(after.get('to'))}): {what}")
    if found.removed:
        count = len(found.removed)
        yield Change(f"{count} handover{'s' if count > 1 else ''} removed")


def _field(name: str) -> Callable[[dict[str, Any]], Hashable]:
    def get(item: dict[str, Any]) -> Hashable:
        return _canonical(item.get(name))
    return get


def _count(count: int, label: str, plural: str, what: str) -> Iterator[Change]:
    if count:
        yield Change(f"{count} {label if count == 1 else plural} {what}")


def _lists(old: dict[str, Any], new: dict[str, Any]) -> Iterator[Change]:
    yield from _handovers(old, new)
    for key, label, plural, by in (
            ("culture_check", "culture-check question", "culture-check questions", "question"),
            ("log", "log entry", "log entries", "date")):
        found = match(old.get(key), new.get(key), key=_field(by))
        yield from _count(len(found.added), label, plural, "added")
        yield from _count(len(found.edited), label, plural, "edited")
        yield from _count(len(found.removed), label, plural, "removed")
    meetings_a = _by(_get(old, ("governance", "meetings")), "name")
    meetings_b = _by(_get(new, ("governance", "meetings")), "name")
    for name in sorted(meetings_b.keys() - meetings_a.keys()):
        yield Change(f"meeting {name} added ({_show(meetings_b[name].get('every'))})")
    for name in sorted(meetings_a.keys() - meetings_b.keys()):
        yield Change(f"meeting {name} removed")


def diff_supplier(old: Any, new: Any) -> list[Change]:
    """What changed from ``old`` to ``new`` (``None`` for a file that did not exist)."""
    if old is None and new is None:
        return []
    if isinstance(new, Unreadable):
        return [Change(f"not readable: {new.reason}", warning=True)]
    if old is None:
        return [Change("added")]
    if new is None:
        return [Change("removed")]
    if isinstance(old, Unreadable):
        return [Change(f"readable again (the earlier version: {old.reason})")]
    a, b = _map(old), _map(new)
    changes = [
        *_scalars(a, b), *_owner(a, b), *_contacts(a, b), *_actions(a, b), *_health(a, b),
        *_lists(a, b),
    ]
    if not changes and old != new:
        changes.append(Change("edited (wording or formatting)"))
    return changes
