"""``handbook handover`` on the demo files with comments put everywhere (issue 26, item 4):
every comment survives, once, and the only lines that go are the handover's, or the
handover is refused naming a line and nothing is written."""

from __future__ import annotations

import datetime as dt
import difflib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from supplier_handbook.edit.handover import hand_over
from supplier_handbook.edit.handover_lines import HandoverError
from supplier_handbook.model.check import check_paths

from tests.conftest import ROOT

DEMO = sorted((ROOT / "suppliers").glob("*.yaml"))
NEW = "Nora Lindqvist"


def _owner(text: str) -> str:
    match = re.search(r"^owner:\n  name: (.+)$", text, re.M)
    assert match
    return match.group(1)


@settings(max_examples=25, deadline=None, derandomize=True, database=None)
@given(
    which=st.integers(0, len(DEMO) - 1),
    full_lines=st.lists(st.integers(0, 400), max_size=12),
    trailing=st.lists(st.integers(0, 400), max_size=12),
)
def test_comments_put_anywhere_survive_a_handover(
    tmp_path_factory: pytest.TempPathFactory, which: int, full_lines: list[int],
    trailing: list[int],
) -> None:
    lines = DEMO[which].read_text(encoding="utf-8").split("\n")
    for n, at in enumerate(sorted(set(trailing))):
        if at < len(lines) and lines[at].strip() and "#" not in lines[at]:
            lines[at] += f"  # t{n}#"
    for n, at in enumerate(sorted(set(full_lines), reverse=True)):
        at = min(at, len(lines) - 1)
        indent = len(lines[at]) - len(lines[at].lstrip())
        lines.insert(at, f"{' ' * indent}# c{n}#")
    text = "\n".join(lines)
    folder = tmp_path_factory.mktemp("suppliers")
    path = folder / DEMO[which].name
    path.write_text(text, encoding="utf-8")
    if check_paths([path]).errors:
        return  # a comment inside a value made the file invalid: not a handover case
    markers = re.findall(r"# [ct]\d+#", text)
    previous = _owner(text)
    try:
        hand_over(path, NEW, dt.date(2026, 12, 1), notes="Maria decides.\n")
    except HandoverError as exc:
        assert re.search(r":\d+: cannot hand over", str(exc)), str(exc)
        assert path.read_text(encoding="utf-8") == text
        return
    after = path.read_text(encoding="utf-8")
    for marker in markers:
        assert after.count(marker) == text.count(marker), marker
    old, new = text.splitlines(), after.splitlines()
    for tag, i1, i2, _, _ in difflib.SequenceMatcher(a=old, b=new, autojunk=False
                                                     ).get_opcodes():
        for line in old[i1:i2] if tag in ("replace", "delete") else []:
            assert previous in line or re.match(r"\s*(email|since): ", line), line
    assert check_paths([path]).errors == []
