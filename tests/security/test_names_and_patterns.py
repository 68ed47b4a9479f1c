"""Names and patterns: bounded messages for many unknown names, reserved and doubled file
names, and patterns that accept exactly what the format says (no trailing newline, ASCII
digits only, no year 0)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from supplier_handbook.derive.naming import tag
from supplier_handbook.model.check import check_paths
from supplier_handbook.render.renderer import owner_slugs

from tests.conftest import AS_OF_TEXT as AS_OF
from tests.samples import MINIMAL_SUPPLIER
from tests.security.project import make_project, no_traceback, run
from tests.security.test_limits import measure

HEALTH = """\
health:
  - period: {period}
    ratings: {{quality: green, delivery: green, responsiveness: green, commercial: green}}
    with_supplier: true
"""


def many_unknown_names(contacts: int, unknown: int) -> str:
    lines = [MINIMAL_SUPPLIER.rstrip("\n")]
    lines += [f"  - {{name: Contact Person {i:05d}, side: supplier, level: technical, "
              f"role: Role}}" for i in range(contacts)]
    lines.append("governance_extra_placeholder")
    text = "\n".join(lines) + "\n"
    escalation = "  escalation:\n" + "".join(f"    - Nobody {i:05d}\n" for i in range(unknown))
    text = text.replace("governance_extra_placeholder\n", "")
    return text.replace("  model: transactional\n", "  model: transactional\n" + escalation)


@pytest.mark.parametrize(("contacts", "unknown"), [(1000, 3000), (4000, 20000)],
                         ids=["102-kb", "990-kb"])
def test_many_unknown_names_give_bounded_messages(tmp_path: Path, contacts: int,
                                                  unknown: int) -> None:
    path = tmp_path / "acme-castings.yaml"
    path.write_text(many_unknown_names(contacts, unknown), encoding="utf-8")
    size = path.stat().st_size
    assert size < 1_000_000
    report = measure(path, timeout=120)
    messages = [p[4] for p in report["problems"]]
    assert len(messages) == unknown  # every unknown name is still reported
    assert max(len(m) for m in messages) < 600
    assert f"and {contacts - 8} more)" in messages[0]  # the file's contacts and owner
    assert sum(len(m) for m in messages) < 10 * size  # linear in the file, not square
    assert report["grown_mb"] < 300


def test_a_name_the_model_rejects_is_not_looked_up_again(tmp_path: Path) -> None:
    long_name = "X" * 300
    text = MINIMAL_SUPPLIER.replace("  model: transactional\n",
                                    f"  model: transactional\n  escalation: [{long_name}]\n")
    path = tmp_path / "acme-castings.yaml"
    path.write_text(text, encoding="utf-8")
    messages = [p.message for p in check_paths([path]).problems]
    assert len(messages) == 1, messages
    assert "longer than 200" in messages[0]


def test_index_yaml_is_reserved(tmp_path: Path) -> None:
    root = make_project(tmp_path / "hb", {"acme-castings.yaml": MINIMAL_SUPPLIER,
                                          "index.yaml": MINIMAL_SUPPLIER})
    result = run(root, "check")
    assert result.exit_code == 1
    assert "suppliers/index.yaml:1:1: error: file name 'index' is reserved" in result.output
    built = run(root, "build", "--as-of", AS_OF)
    assert built.exit_code == 1
    assert not (root / "site").exists()


def test_an_owner_named_index_keeps_the_owners_page(tmp_path: Path) -> None:
    assert owner_slugs(["Index", "Dana Okafor"]) == {"Dana Okafor": "dana-okafor",
                                                     "Index": f"index-{tag('Index')}"}
    other = MINIMAL_SUPPLIER.replace("Acme Castings GmbH", "Other AG").replace(
        "Dana Okafor", "Index")
    root = make_project(tmp_path / "hb", {"acme-castings.yaml": MINIMAL_SUPPLIER,
                                          "other.yaml": other})
    result = run(root, "build", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    owners = (root / "site" / "owners" / "index.html").read_text(encoding="utf-8")
    assert "Dana Okafor" in owners and "Index" in owners  # the list of all owners
    assert (root / "site" / "owners" / f"index-{tag('Index')}" / "index.html").is_file()


def test_dup_yaml_and_dup_yml_are_refused(tmp_path: Path) -> None:
    other = MINIMAL_SUPPLIER.replace("Acme Castings GmbH", "Other AG")
    root = make_project(tmp_path / "hb", {"dup.yaml": MINIMAL_SUPPLIER, "dup.yml": other})
    for fmt in ("text", "json"):
        result = run(root, "check", "--format", fmt)
        assert result.exit_code == 1, result.output
        assert "'dup.yml' has the same supplier slug 'dup' as 'dup.yaml'" in result.output
    for args in (["build"], ["build", "--audience", "supplier", "dup"], ["export", "out"]):
        result = run(root, *args, "--as-of", AS_OF)
        assert result.exit_code == 1, (args, result.output)
        no_traceback(result)
    assert not (root / "site").exists() and not (root / "site-for-dup").exists()
    assert not (root / "out").exists()


@pytest.mark.parametrize("period", ["0000-Q1", "2026-Q1\n", "٢٠٢٦-Q1", "2026-Q5"])
def test_bad_periods_are_refused(tmp_path: Path, period: str) -> None:
    text = MINIMAL_SUPPLIER + HEALTH.format(period=json.dumps(period))
    root = make_project(tmp_path / "hb", {"acme-castings.yaml": text})
    result = run(root, "check")
    assert result.exit_code == 1, result.output
    assert "is not a period" in result.output
    built = run(root, "build", "--as-of", AS_OF)
    assert built.exit_code == 1
    no_traceback(built)


def test_a_period_with_a_newline_is_not_a_second_period(tmp_path: Path) -> None:
    text = (MINIMAL_SUPPLIER + HEALTH.format(period='"2026-Q1"')
            + HEALTH.format(period='"2026-Q1\\n"').removeprefix("health:\n"))
    path = tmp_path / "acme-castings.yaml"
    path.write_text(text, encoding="utf-8")
    messages = [p.message for p in check_paths([path]).problems]
    assert any("'2026-Q1\\n' is not a period" in m for m in messages), messages


@pytest.mark.parametrize("value", ["2026-01-01\n", "٢٠٢٦-01-01"])
def test_bad_dates_are_refused(tmp_path: Path, value: str) -> None:
    text = MINIMAL_SUPPLIER.replace("  name: Dana Okafor\n",
                                    f"  name: Dana Okafor\n  since: {json.dumps(value)}\n")
    path = tmp_path / "acme-castings.yaml"
    path.write_text(text, encoding="utf-8")
    messages = [p.message for p in check_paths([path]).problems]
    assert len(messages) == 1 and "is not a date" in messages[0], messages


def test_new_refuses_a_slug_with_a_newline(tmp_path: Path) -> None:
    result = run(tmp_path, "new", "foo\n", "--dir", "suppliers")
    assert result.exit_code == 2
    assert "is not a slug" in result.output
    assert not (tmp_path / "suppliers").exists() or list((tmp_path / "suppliers").iterdir()) == []


def test_a_file_name_with_a_newline_is_not_a_slug(tmp_path: Path) -> None:
    path = tmp_path / "foo\n.yaml"
    path.write_text(MINIMAL_SUPPLIER, encoding="utf-8")
    result = check_paths([path])
    assert result.suppliers == []
    assert any("is not a slug" in p.message for p in result.problems)
