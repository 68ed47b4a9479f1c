"""What every fuzz test asserts, the shared Hypothesis profile, and the seed inputs.

The property: loading and checking never raises; the outcome is either a valid supplier with
no error, or at least one error; every problem is located inside the file (1 <= line <=
lines + 1, 1 <= col <= length of that line + 1) and says something.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from supplier_handbook.base.problems import Problem
from supplier_handbook.model.check import SupplierFile, check_document
from supplier_handbook.model.fields import all_models
from supplier_handbook.model.supplier import Supplier
from supplier_handbook.read.load import Document, load_file, load_text

from tests.conftest import ROOT

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
SLUG = "acme-castings"

settings.register_profile(
    "handbook-fuzz",
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "300")),
    deadline=None,
    derandomize=True,  # the same examples on every run: reproducible in CI
    database=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FUZZ = settings.get_profile("handbook-fuzz")

# YAML's line breaks (libyaml counts all of them, YAML 1.1 included).
_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def physical_lines(text: str) -> list[str]:
    """The file's lines as an editor shows them; a final line break opens no new line."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = _BREAK.split(text)
    if lines[-1] == "":
        lines.pop()
    return lines


def assert_located(problems: list[Problem], text: str, path: str) -> None:
    lines = physical_lines(text)
    for p in problems:
        where = f"{p.format()} (file has {len(lines)} lines)"
        assert p.path == path, where
        assert p.severity in ("error", "warning"), where
        assert p.message.strip(), where
        assert 1 <= p.line <= len(lines) + 1, where
        line = lines[p.line - 1] if p.line <= len(lines) else ""
        assert 1 <= p.col <= len(line) + 1, f"{where}: line {p.line} is {line[:80]!r}"


def assert_outcome(doc: Document, text: str, path: str, slug: str = SLUG) -> SupplierFile | None:
    """Check ``doc`` and assert the fuzz property; returns the supplier when valid."""
    checked, problems = check_document(doc, slug)
    errors = [p for p in problems if p.severity == "error"]
    if checked is None:
        assert errors, "no supplier and no error"
    else:
        assert not errors, [p.format() for p in errors]
        assert isinstance(checked.supplier, Supplier)
        assert checked.slug == slug
    assert_located(problems, text, path)
    return checked


def check_text(text: str, path: str = "acme-castings.yaml") -> SupplierFile | None:
    return assert_outcome(load_text(text, path), text, path)


def check_bytes(raw: bytes, folder: Path) -> SupplierFile | None:
    """Write ``raw`` to a file and check it the way ``handbook check`` reads files."""
    file = folder / f"{SLUG}.yaml"
    file.write_bytes(raw)
    doc = load_file(file, "acme-castings.yaml")
    return assert_outcome(doc, raw.decode("utf-8", errors="replace"), "acme-castings.yaml")


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.yaml"))


def example_files() -> list[Path]:
    return sorted((ROOT / "suppliers").glob("*.yaml"))


def seed_data() -> list[dict[str, Any]]:
    """The plain data of every valid seed (examples and valid corpus files), for mutations."""
    seeds = []
    for path in [*example_files(), *corpus_files()]:
        doc = load_file(path)
        checked, problems = check_document(doc, SLUG)
        if checked is not None and not problems:
            seeds.append(doc.data)
    return seeds


def seed_bytes() -> list[bytes]:
    return [p.read_bytes() for p in [*example_files(), *corpus_files()]]


def field_names() -> list[str]:
    """Every key the format knows, at any depth (for random documents that look close)."""
    return sorted({info.alias or name for model in all_models(Supplier)
                   for name, info in model.model_fields.items()})
