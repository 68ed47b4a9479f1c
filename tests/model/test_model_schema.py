"""The JSON Schema (``generator.model.json_schema()``), checked with jsonschema's Draft 2020-12.

How the YAML is turned into JSON here: the way the checker reads it. Every plain scalar is
text (so ``NO`` in tags, ``No`` as a name and ``12:30`` stay strings), an empty value, ``~`` and
``null`` are null, dates stay the ISO text they are written as, and the YAML 1.1 truth words
are booleans only where the format expects a boolean (``impact.sole_source``,
``health[].with_supplier``). ``yaml.safe_load`` cannot be used as is: it reads ``tags: [NO]``
(suppliers/kjolberg-lim.yaml) as ``[false]`` and ``purpose: 12:30`` as the number 750, which
the format says must never happen.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from supplier_handbook.model.supplier import json_schema

from tests.conftest import ROOT

CASES = Path(__file__).parent / "cases"
VALID = sorted((CASES / "valid").glob("*.yaml"))
INVALID = {p.stem: p for p in sorted((CASES / "invalid").glob("*.yaml"))}
EXAMPLES = sorted((ROOT / "suppliers").glob("*.yaml"))

# The invalid cases the schema can express: rejected without format checking.
SCHEMA_REJECTS = {
    "unknown-key-top", "unknown-key-contact", "unknown-key-ratings", "unknown-key-case",
    "unknown-key-contacts-typo",
    "enum-status", "enum-governance-model", "enum-rating", "enum-signal",
    "missing-category", "missing-contact-role", "missing-rating", "missing-impact",
    "wrong-type-tags", "wrong-type-impact", "bool-not-boolean", "contacts-empty",
    "top-level-list",
    "period-quarter-5", "period-without-dash", "interval-fortnightly", "date-bad-format",
}
# Rejected only when formats are asserted ("format": "date" and "email").
FORMAT_REJECTS = {"date-bad-month", "date-bad-day", "email-bad-shape"}
# Not expressible in a JSON Schema: file names, cross-field rules, blank text, duplicate keys.
SCHEMA_ACCEPTS = {
    "Acme Castings", "acme_castings", "duplicate-contact-name", "duplicate-action-id",
    "duplicate-health-period", "unknown-attendee", "unknown-escalation",
    "owner-internal-on-supplier-side", "owner-supplier-unknown", "owner-supplier-internal",
    "done-without-done-on", "done-on-while-open", "high-impact-without-rationale",
    "handover-empty-notes", "duplicate-key", "handover-notes-scaffold",
}
# Not a YAML document at all.
NOT_A_DOCUMENT = {"yaml-syntax-error", "only-comments"}

BOOLEAN_FIELDS = {("Impact", "sole_source"), ("Review", "with_supplier")}
YAML11_TRUE = {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"}
YAML11_FALSE = {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"}


class TextLoader(yaml.SafeLoader):
    """Every plain scalar is text; only empty, ~ and null are null."""


TextLoader.yaml_implicit_resolvers = {}
TextLoader.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


class Yaml12Loader(TextLoader):
    """How a YAML 1.2 editor (yaml-language-server's default) reads booleans."""


Yaml12Loader.yaml_implicit_resolvers = dict(TextLoader.yaml_implicit_resolvers)
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _bool(value: Any) -> Any:
    if value in YAML11_TRUE:
        return True
    if value in YAML11_FALSE:
        return False
    return value


def as_the_checker_reads(path: Path) -> Any:
    data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=TextLoader)
    if isinstance(data, dict):
        if isinstance(data.get("impact"), dict) and "sole_source" in data["impact"]:
            data["impact"]["sole_source"] = _bool(data["impact"]["sole_source"])
        for review in data.get("health") or []:
            if isinstance(review, dict) and "with_supplier" in review:
                review["with_supplier"] = _bool(review["with_supplier"])
    return data


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json_schema()


@pytest.fixture(scope="module")
def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def strict_validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def messages(validator: Draft202012Validator, data: Any) -> list[str]:
    return sorted(f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data))


def test_schema_is_a_valid_draft_2020_12_schema(schema: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert sorted(schema["required"]) == [
        "category", "contacts", "governance", "impact", "name", "owner", "summary"
    ]


def test_schema_is_json_serialisable(schema: dict[str, Any]) -> None:
    assert json.loads(json.dumps(schema)) == schema


def test_every_property_has_a_description(schema: dict[str, Any]) -> None:
    """The descriptions are the editor's hover help (a $ref shows its definition's)."""
    for name, definition in [("Supplier", schema), *schema["$defs"].items()]:
        assert definition.get("description"), f"{name} has no description"
        for key, prop in definition.get("properties", {}).items():
            ref = prop.get("$ref", "").removeprefix("#/$defs/")
            described = prop.get("description") or schema["$defs"].get(ref, {}).get("description")
            assert described, f"{name}.{key} has no description"


def test_handover_uses_the_spec_key_from(schema: dict[str, Any]) -> None:
    handover = schema["$defs"]["Handover"]
    assert "from" in handover["properties"] and "from_" not in handover["properties"]
    assert "from" in handover["required"]


def test_the_boolean_fields_are_the_ones_converted_here(schema: dict[str, Any]) -> None:
    found = {
        (name, key)
        for name, definition in schema["$defs"].items()
        for key, prop in definition.get("properties", {}).items()
        if prop.get("type") == "boolean"
        or any(alt.get("type") == "boolean" for alt in prop.get("anyOf", []))
    }
    assert found == BOOLEAN_FIELDS


@pytest.mark.parametrize("path", VALID + EXAMPLES, ids=[p.name for p in VALID + EXAMPLES])
def test_schema_accepts_every_valid_case_and_example(strict_validator: Draft202012Validator,
                                                     path: Path) -> None:
    assert messages(strict_validator, as_the_checker_reads(path)) == []


def test_every_invalid_case_is_classified() -> None:
    groups = [SCHEMA_REJECTS, FORMAT_REJECTS, SCHEMA_ACCEPTS, NOT_A_DOCUMENT]
    assert sum(len(g) for g in groups) == len(set().union(*groups))
    assert set().union(*groups) == set(INVALID)


@pytest.mark.parametrize("stem", sorted(SCHEMA_REJECTS))
def test_schema_rejects_what_it_can_express(validator: Draft202012Validator, stem: str) -> None:
    assert messages(validator, as_the_checker_reads(INVALID[stem])) != []


@pytest.mark.parametrize("stem", sorted(FORMAT_REJECTS))
def test_schema_rejects_bad_dates_and_emails_with_format_checking(
    validator: Draft202012Validator, strict_validator: Draft202012Validator, stem: str
) -> None:
    data = as_the_checker_reads(INVALID[stem])
    assert messages(validator, data) == []
    assert messages(strict_validator, data) != []


@pytest.mark.parametrize("stem", sorted(SCHEMA_ACCEPTS))
def test_schema_cannot_express_the_cross_field_rules(strict_validator: Draft202012Validator,
                                                    stem: str) -> None:
    assert messages(strict_validator, as_the_checker_reads(INVALID[stem])) == []


@pytest.mark.parametrize(
    ("stem", "path", "fragment"),
    [
        ("unknown-key-top", [], "'tgas' was unexpected"),
        ("enum-status", ["status"], "'Active' is not one of"),
        ("missing-category", [], "'category' is a required property"),
        ("wrong-type-tags", ["tags"], "'emea' is not of type 'array'"),
        ("period-quarter-5", ["health", 0, "period"], "'2026-Q5' does not match"),
        ("interval-fortnightly", ["governance", "meetings", 0, "every"],
         "'fortnightly' does not match"),
    ],
)
def test_schema_rejection_points_at_the_mistake(validator: Draft202012Validator, stem: str,
                                                path: list[str | int], fragment: str) -> None:
    found = [(list(e.absolute_path), e.message)
             for e in validator.iter_errors(as_the_checker_reads(INVALID[stem]))]
    assert len(found) == 1, found
    assert found[0][0] == path
    assert fragment in found[0][1]


def test_schema_accepts_yaml11_booleans_as_a_yaml12_editor_reads_them(
    validator: Draft202012Validator,
) -> None:
    """The schema is for editors (``# yaml-language-server: $schema=``), which read YAML 1.2:
    there ``sole_source: yes`` and ``with_supplier: off`` are the strings 'yes' and 'off'.
    The checker accepts them (the format says so), so the schema must not flag them."""
    path = CASES / "valid" / "yaml11-words.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    assert data["impact"]["sole_source"] == "yes"
    assert data["health"][0]["with_supplier"] == "off"
    assert messages(validator, data) == []
