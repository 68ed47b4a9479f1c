"""The supplier file as lines, and the line edits of a handover, located by the YAML
parser's marks.

Owns the file's text (``LineText``: UTF-8, a byte order mark, ``\\n`` or ``\\r\\n`` line ends
put back on writing, the edits as spans that must not overlap) and the edits made on it
(``LineEditor``: a value rewritten in its quoting style with its comment kept at its
column, an entry or an item dropped with its comment kept on a line of its own, an item
appended laid out like its neighbours). What it cannot edit alone (a value over several
lines, an anchor, alias or tag, a block of text, a ``{...}`` or ``[...]`` layout it would
have to change) is refused with the line (``HandoverError``), and nothing is written.
What a handover changes is in ``handover_change``; the command's steps in ``handover``.
"""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

import yaml

from supplier_handbook.base.errors import HandbookError

_PLAIN = re.compile(r"[A-Za-z\u00c0-\uffff][^#:\n\"'\[\]{},]*")
_RESERVED = {"yes", "no", "y", "n", "on", "off", "true", "false", "null", "~"}


class HandoverError(HandbookError):
    """The handover cannot be made (the message says why and what to do)."""

    usage = True


class LineText:
    """The file's text with ``\\n`` line ends (the original ends are put back on writing),
    and the edits to make, as (start, end, replacement) of that text."""

    def __init__(self, raw: bytes, name: str) -> None:
        self.name = name
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise HandoverError(f"{name}: not UTF-8 text") from None
        self.bom = text.startswith("\ufeff")
        text = text[1:] if self.bom else text
        self.newline = self._newline(text)
        text = text.replace("\r\n", "\n")
        self.final_newline = text.endswith("\n") or not text
        self.text = text if self.final_newline else text + "\n"
        self.lines = self.text.split("\n")
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line) + 1)
        self.edits: list[tuple[int, int, str]] = []

    def _newline(self, text: str) -> str:
        odd = re.search("\r(?!\n)|[\x85\u2028\u2029]", text)
        if odd is not None:
            raise self.refuse(text.count("\n", 0, odd.start()),
                              f"a line break {odd.group()!r} that is not \\n or \\r\\n; "
                              "save the file with \\n or \\r\\n line ends")
        crlf = text.count("\r\n")
        if crlf == 0:
            return "\n"
        if crlf == text.count("\n"):
            return "\r\n"
        lf = re.search("(?<!\r)\n", text)
        assert lf is not None
        raise self.refuse(text.count("\n", 0, lf.start()),
                          "this line ends in \\n where the others end in \\r\\n; save the "
                          "file with one kind of line end")

    def refuse(self, line: int, why: str) -> HandoverError:
        """An error naming the 0-based ``line`` (shown 1-based)."""
        return HandoverError(f"{self.name}:{line + 1}: cannot hand over without changing "
                             f"more than the handover: {why}; make this edit by hand, or "
                             "change the line and run the handover again")

    def offset(self, mark: Any) -> int:
        return int(self.starts[mark.line] + mark.column)

    def replace(self, start: int, end: int, new: str) -> None:
        self.edits.append((start, end, new))

    def insert_after_line(self, line: int, new_lines: list[str]) -> None:
        at = self.starts[line + 1]
        self.edits.append((at, at, "".join(f"{n}\n" for n in new_lines)))

    def result(self) -> str:
        text = self.text
        edits = sorted(self.edits, key=lambda e: (e[0], e[1]))
        for before, after in itertools.pairwise(edits):
            if after[0] < before[1]:
                raise HandoverError(f"{self.name}: two changes of the handover overlap; "
                                    "make it by hand")
        for start, end, new in reversed(edits):
            text = text[:start] + new + text[end:]
        return text

    def encoded(self, text: str) -> bytes:
        if not self.final_newline and text.endswith("\n"):
            text = text[:-1]
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return (("\ufeff" if self.bom else "") + text).encode("utf-8")


def key_and_value(node: Any, key: str) -> tuple[Any, Any] | None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value == key:
                return k, v
    return None


def value_of(node: Any, key: str) -> Any:
    pair = key_and_value(node, key)
    return pair[1] if pair else None


def scalar_text(value: str, style: str | None, flow: bool) -> str:
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style == '"':
        return json.dumps(value, ensure_ascii=False)
    if (_PLAIN.fullmatch(value) and value == value.strip() and value.lower() not in _RESERVED
            and not (flow and any(c in value for c in ",[]{}"))):
        return value
    return json.dumps(value, ensure_ascii=False)


class LineEditor:
    def __init__(self, text: LineText) -> None:
        self.t = text

    def plain_node(self, node: Any, what: str) -> None:
        """Refuse a value this editor cannot rewrite alone: over several lines, an anchor,
        an alias or a tag, or a block scalar."""
        start = self.t.offset(node.start_mark)
        first = self.t.text[start:start + 1]
        if first in ("&", "*", "!"):
            raise self.t.refuse(node.start_mark.line, f"{what} is an anchor, alias or tag")
        if node.start_mark.line != node.end_mark.line:
            raise self.t.refuse(node.start_mark.line, f"{what} is written over several lines")
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            raise self.t.refuse(node.start_mark.line, f"{what} is a block of text")

    def set_scalar(self, node: Any, value: str, what: str, flow: bool = False,
                   raw: bool = False) -> None:
        """Write ``value`` in place of ``node``, in its quoting style (``raw``: as is)."""
        self.plain_node(node, what)
        style = node.style if isinstance(node, yaml.ScalarNode) else None
        text = value if raw else scalar_text(value, style, flow)
        if node.start_mark.index == node.end_mark.index:  # an empty value: ``since:``
            text = " " + text
        start, end = self.t.offset(node.start_mark), self.t.offset(node.end_mark)
        line = self.t.lines[node.end_mark.line]
        rest = line[node.end_mark.column:]
        if rest.lstrip().startswith("#") and not flow:  # the comment keeps its column
            gap = len(rest) - len(rest.lstrip())
            text += " " * max(1, gap - (len(text) - (end - start)))
            end += gap
        self.t.replace(start, end, text)

    def _rest_is_comment(self, line: int, column: int) -> str | None:
        """The comment after ``column`` on ``line`` ('' when none); None when something
        else is there."""
        rest = self.t.lines[line][column:].strip()
        if not rest:
            return ""
        return rest if rest.startswith("#") else None

    def _drop_line(self, line: int, indent: int, what: str, end_column: int) -> None:
        comment = self._rest_is_comment(line, end_column)
        if comment is None:
            raise self.t.refuse(line, f"{what} shares its line with other values")
        start, end = self.t.starts[line], self.t.starts[line + 1]
        # the comment stays, on a line of its own where the value was
        self.t.replace(start, end, f"{' ' * indent}{comment}\n" if comment else "")

    def drop_entry(self, mapping: Any, key: str, what: str) -> None:
        """Remove ``key: value`` from a block mapping (its line; a comment on it stays)."""
        pair = key_and_value(mapping, key)
        assert pair is not None
        k, v = pair
        self.plain_node(v, what)
        if k.start_mark.line != v.end_mark.line:
            raise self.t.refuse(k.start_mark.line, f"{what} is written over several lines")
        line = k.start_mark.line
        if self.t.lines[line][:k.start_mark.column].strip():
            raise self.t.refuse(line, f"{what} shares its line with other values")
        self._drop_line(line, k.start_mark.column, what, v.end_mark.column)

    def drop_item(self, seq: Any, index: int, what: str) -> None:
        """Remove item ``index`` of a sequence (a comment on its line stays)."""
        item = seq.value[index]
        self.plain_node(item, what)
        line = item.start_mark.line
        if seq.flow_style:
            self._drop_flow_item(seq, index, what)
            return
        before = self.t.lines[line][:item.start_mark.column]
        if before.strip() != "-":
            raise self.t.refuse(line, f"{what} shares its line with other values")
        self._drop_line(line, len(before) - len(before.lstrip()), what, item.end_mark.column)

    def _drop_flow_item(self, seq: Any, index: int, what: str) -> None:
        items = seq.value
        item = items[index]
        if index + 1 < len(items):
            start, end = self.t.offset(item.start_mark), self.t.offset(items[index + 1].start_mark)
            between = self.t.text[self.t.offset(item.end_mark):end]
        else:
            start = self.t.offset(items[index - 1].end_mark)
            end = self.t.offset(item.end_mark)
            between = self.t.text[start:self.t.offset(item.start_mark)]
        if between.strip() != ",":  # a comment or a line break between the items
            raise self.t.refuse(item.start_mark.line, f"{what} has a comment or a line break "
                                "next to it in its [...] list")
        self.t.replace(start, end, "")

    def end_line(self, node: Any) -> int:
        """The last line that holds part of ``node`` (0-based)."""
        while isinstance(node, yaml.MappingNode | yaml.SequenceNode) and node.value and \
                not node.flow_style:
            last = node.value[-1]
            node = last[1] if isinstance(node, yaml.MappingNode) else last
        end = node.end_mark
        line = int(end.line) if end.column > 0 else int(end.line) - 1
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            while line > node.start_mark.line and not self.t.lines[line].strip():
                line -= 1
        return max(line, int(node.start_mark.line))

    def item_layout(self, seq: Any, default_indent: int) -> tuple[int, int]:
        """(column of the dash, column of the keys) of a block sequence's mapping items."""
        if isinstance(seq, yaml.SequenceNode) and seq.value and not seq.flow_style:
            dash = int(seq.start_mark.column)
            first = seq.value[0]
            if isinstance(first, yaml.MappingNode) and not first.flow_style and \
                    first.start_mark.line == seq.start_mark.line:
                return dash, int(first.start_mark.column)
            return dash, dash + 2
        return default_indent, default_indent + 2

    def append_item(self, seq: Any, entries: list[tuple[str, str]], what: str,
                    block: tuple[str, str] | None = None) -> None:
        """Append a mapping item to a block sequence, laid out like its other items."""
        if seq.flow_style:
            raise self.t.refuse(seq.start_mark.line, f"{what} is a [...] list")
        dash, keys = self.item_layout(seq, 0)
        self.t.insert_after_line(self.end_line(seq),
                                 item_lines(entries, dash, keys, block))


def item_lines(entries: list[tuple[str, str]], dash: int, keys: int,
                block: tuple[str, str] | None) -> list[str]:
    lines = []
    for i, (key, value) in enumerate(entries):
        lead = f"{' ' * dash}-{' ' * (keys - dash - 1)}" if i == 0 else " " * keys
        lines.append(f"{lead}{key}: {value}")
    if block is not None:
        key, text = block
        indicator = "2" if text[:1] in (" ", "\t") else ""
        lines.append(f"{' ' * keys}{key}: |{indicator}")
        lines += [f"{' ' * (keys + 2)}{line}" if line else "" for line in
                  text.rstrip("\n").split("\n")]
    return lines
