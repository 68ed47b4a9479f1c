"""Helpers of the injection tests: enumerate the text fields of the model, poison every one of
them in a copy of an example file, and read a built page the way a browser would.

A text field is a ``str``-typed field of ``generator.model.Supplier`` or of a model under it,
found by walking the annotations; a new text field is therefore poisoned without any change
here. Paths are written ``contacts[].what_matters``.
"""

from __future__ import annotations

import copy
import re
import types
import typing
from html.parser import HTMLParser
from typing import Any

from pydantic import BaseModel
from supplier_handbook.model.supplier import Supplier

# Constrained text: a payload would make the file invalid, so these are not poisoned.
SKIPPED = {
    "health[].period": "a period, YYYY-Qn: any other text is an error",
    "governance.meetings[].every": "an interval word or 'N days|weeks|months': anything else "
    "is an error",
}
# Person fields must name a contact or the owner: they are poisoned through the names they
# refer to (owner.name and contacts[].name are renamed, every reference follows).
REFERENCES = {
    "governance.meetings[].attendees[]": "renamed with the contacts they name",
    "governance.escalation[]": "renamed with the contacts they name",
    "actions[].owner_internal": "renamed with the contact or owner it names",
    "actions[].owner_supplier": "renamed with the contact it names",
}
NAMES = ("owner.name", "contacts[].name")
# E-mail addresses must look like one: they get the payload's characters that an address
# may hold (no space, <, > or @).
EMAILS = ("owner.email", "contacts[].email")


def text_fields(model: type[BaseModel] = Supplier, prefix: str = "") -> list[str]:
    """Every str-typed field under ``model``, as a path."""
    found: list[str] = []
    for name, info in model.model_fields.items():
        found.extend(_fields_in(info.annotation, f"{prefix}{info.alias or name}"))
    return found


def _fields_in(annotation: Any, path: str) -> list[str]:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _fields_in(args[0], path)
    if origin in (typing.Union, types.UnionType):
        return sorted({f for arg in args if arg is not type(None) for f in _fields_in(arg, path)})
    if origin is list:
        return _fields_in(args[0], f"{path}[]")
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return text_fields(annotation, f"{path}.")
    return [path] if annotation is str else []


def _split(path: str) -> list[str]:
    return [part for part in re.split(r"\.|(\[\])", path) if part]


def instances(data: Any, path: str) -> list[tuple[Any, str | int]]:
    """(container, key) of every value at ``path``."""
    found: list[tuple[Any, str | int]] = []

    def walk(node: Any, parts: list[str]) -> None:
        head, rest = parts[0], parts[1:]
        if head == "[]":
            if isinstance(node, list):
                for i in range(len(node)):
                    (walk(node[i], rest) if rest else found.append((node, i)))
            return
        if not isinstance(node, dict):
            return
        if not rest:
            found.append((node, head))
        elif head in node:
            walk(node[head], rest)

    walk(data, _split(path))
    return found


def marker(payload_id: str, path: str, n: int) -> str:
    return f"PAYLOAD-{payload_id}-{re.sub(r'[^a-z]+', '-', path).strip('-')}-{n}"


def poisoned(base: dict[str, Any], payload_id: str, payload: str) -> dict[str, Any]:
    """A copy of ``base`` with every text field set to ``<marker> <payload>``."""
    data = copy.deepcopy(base)
    renamed: dict[str, str] = {}
    for path in NAMES:
        for n, (node, key) in enumerate(instances(data, path)):
            old = node[key]
            renamed.setdefault(old, f"{marker(payload_id, path, n)} {payload}")
            node[key] = renamed[old]
    for path in REFERENCES:
        for node, key in instances(data, path):
            node[key] = renamed.get(node[key], node[key])
    address = re.sub(r"[\s<>@]+", "", payload)
    for path in EMAILS:
        for n, (node, key) in enumerate(instances(data, path)):
            node[key] = f"{marker(payload_id, path, n)}{address}@inj.example"
    for path in text_fields():
        if path in SKIPPED or path in REFERENCES or path in NAMES or path in EMAILS:
            continue
        for n, (node, key) in enumerate(instances(data, path)):
            node[key] = f"{marker(payload_id, path, n)} {payload}"
    return data


def missing_fields(base: dict[str, Any]) -> list[str]:
    """Text fields that ``poisoned`` cannot reach in ``base`` (no list item holds them)."""
    return [p for p in text_fields() if p not in SKIPPED and not instances(base, p)]


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr", "path", "circle", "polyline"}
_BLOCK = {"p", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "div", "br", "table",
          "ul", "ol", "pre", "summary", "details", "figcaption", "title", "nav", "header"}
URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcset"}


class Page(HTMLParser):
    """What a browser would make of a page: tags, scripts, the text shown in the body,
    tables and blocks (each with the tags and classes it sits in)."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.source = source
        self._offsets = [0]
        for line in source.splitlines(keepends=True):
            self._offsets.append(self._offsets[-1] + len(line))
        self.tags: list[tuple[str, dict[str, str], int]] = []
        self.scripts: list[tuple[str, int]] = []
        self.blocks: list[tuple[list[str], str, int]] = []  # (open tags, text, where)
        self.tables: list[list[list[str]]] = []
        self.text_parts: list[str] = []
        self.stack: list[tuple[str, dict[str, str]]] = []
        self._block_text: list[list[str]] = []
        self.feed(source)
        self.close()
        self.text = " ".join("".join(self.text_parts).split())

    def where(self) -> int:
        line, col = self.getpos()
        return self._offsets[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        self.tags.append((tag, values, self.where()))
        if tag in _BLOCK:
            self.text_parts.append(" \u241e ")
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        if tag in ("td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "p", "script"):
            self._block_text.append([])
        if tag not in _VOID:
            self.stack.append((tag, values))
        if tag in ("title", "textarea") and not any(t == "svg" for t, _ in self.stack):
            self.set_cdata_mode(tag)  # RCDATA, as in a browser: no tag inside is a tag

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k.lower(): v or "" for k, v in attrs}, self.where()))

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK:
            self.text_parts.append(" \u241e ")
        if tag in ("td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "summary", "p", "script"):
            text = "".join(self._block_text.pop()) if self._block_text else ""
            opened = [t for t, _ in self.stack] + [
                c for _, a in self.stack for c in a.get("class", "").split()
            ]
            self.blocks.append((opened, " ".join(text.split()), self.where()))
            if tag == "script":
                self.scripts.append((text, self.where()))
            elif tag in ("td", "th") and self.tables and self.tables[-1]:
                self.tables[-1][-1].append(" ".join(text.split()))
        names = [t for t, _ in self.stack]
        if tag in names:
            del self.stack[len(names) - 1 - names[::-1].index(tag):]

    def handle_data(self, data: str) -> None:
        for part in self._block_text:
            part.append(data)
        if not any(t in ("script", "style", "head") for t, _ in self.stack):
            self.text_parts.append(data)

    def context(self, at: int) -> str:
        """The payload marker nearest before ``at`` and the HTML around it, for a report."""
        found = list(re.finditer(r"PAYLOAD-P\d+-[a-z-]+-\d+", self.source[:at]))
        name = found[-1].group(0) if found else "(no marker before it)"
        return f"{name}: ...{self.source[max(at - 150, 0): at + 150]!r}..."


def browser_url(value: str) -> str:
    """A URL as a browser's URL parser reads its scheme: C0 controls and spaces around it
    dropped, tabs and newlines inside removed, lower case."""
    value = value.strip("".join(map(chr, range(0x21))))
    return re.sub(r"[\t\n\r]", "", value).lower()
