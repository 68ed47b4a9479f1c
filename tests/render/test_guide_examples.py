"""The guides' examples use a made-up supplier and made-up people: never a supplier, contact,
owner or former owner of the example handbook, so that a search for a supplier fact finds the
supplier's own page and not a guide's copy of it."""

from __future__ import annotations

import re

import yaml

from tests.conftest import ROOT

FENCE = re.compile(r"^```[a-z]*\n(.*?)^```", re.M | re.S)


def demo_names() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "suppliers").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        names.add(data["name"])
        names.add(data["owner"]["name"])
        names.update(c["name"] for c in data.get("contacts", []))
        for h in data.get("handovers", []):
            names.update((h["from"], h["to"]))
    return names


def test_guide_examples_name_no_supplier_or_person_of_the_example_handbook() -> None:
    names = demo_names()
    assert len(names) > 30  # the example handbook was read
    guides = sorted((ROOT / "content" / "guides").glob("*.md"))
    blocks = [(g.name, block) for g in guides for block in FENCE.findall(g.read_text("utf-8"))]
    assert len(blocks) >= 4, blocks
    found = [(guide, name) for guide, block in blocks for name in names if name in block]
    assert found == []


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9%€$'-]+", text.lower())


def _shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


def test_guide_examples_copy_no_handover_of_the_example_handbook() -> None:
    demo: set[tuple[str, ...]] = set()
    for path in (ROOT / "suppliers").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for h in data.get("handovers", []):
            demo |= _shingles(h["notes"])
        for c in data.get("contacts", []):
            demo |= _shingles(c.get("notes") or "")
    assert ("answers", "calls", "not", "e-mail") in demo  # the example data still says it
    guides = sorted((ROOT / "content" / "guides").glob("*.md"))
    copied = {(g.name, " ".join(s)) for g in guides
              for block in FENCE.findall(g.read_text("utf-8")) for s in _shingles(block) & demo}
    assert copied == set()
