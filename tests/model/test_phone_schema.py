"""An unquoted phone number (``phone: +48615550199``) is accepted alike by ``handbook check``
(which reads it as the text written) and by the JSON Schema an editor validates with (which
reads it as a number)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator
from supplier_handbook.model.check import check_paths

from tests.conftest import ROOT

QUOTED = 'phone: "+49 7131 555 0100"'


class EditorLoader(yaml.SafeLoader):
    """As an editor's YAML 1.2 language server reads: numbers are numbers, dates are text."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _unquoted(tmp_path: Path) -> Path:
    text = (ROOT / "suppliers" / "brennwald-druckguss.yaml").read_text(encoding="utf-8")
    assert QUOTED in text
    path = tmp_path / "brennwald-druckguss.yaml"
    path.write_text(text.replace(QUOTED, "phone: +48615550199", 1), encoding="utf-8")
    return path


def test_check_and_schema_agree_on_an_unquoted_phone(tmp_path: Path) -> None:
    path = _unquoted(tmp_path)
    result = check_paths([path])
    assert result.problems == [], [p.format() for p in result.problems]
    phones = [c.phone for c in result.suppliers[0].supplier.contacts if c.phone]
    assert "+48615550199" in phones  # the text as written, the plus kept
    schema = json.loads((ROOT / "schema" / "supplier.schema.json").read_text("utf-8"))
    as_an_editor_reads_it = yaml.load(path.read_text(encoding="utf-8"), Loader=EditorLoader)
    assert 48615550199 in [c.get("phone") for c in as_an_editor_reads_it["contacts"]]
    errors = [e.message for e in Draft202012Validator(schema).iter_errors(as_an_editor_reads_it)]
    assert errors == []


def test_the_schema_still_refuses_what_is_no_phone() -> None:
    schema = json.loads((ROOT / "schema" / "supplier.schema.json").read_text("utf-8"))
    contact = schema["$defs"]["Contact"]["properties"]["phone"]
    validator = Draft202012Validator(contact)
    assert validator.is_valid("+49 711 555 0100") and validator.is_valid(48615550199)
    assert not validator.is_valid("") and not validator.is_valid([1])
    assert not validator.is_valid(1.5)
