"""The poisoned suppliers of ``test_injection`` through one more path: the export built with
Zensical, Material for MkDocs' successor (a team that leaves Material takes this way). The
same checks run on every page Zensical writes: no script, no event handler, no unsafe URL,
no attribute list applied, no request to another host from a text field.

The checks are ``test_injection``'s own functions, collected here a second time with this
module's ``pages`` (Zensical's site). Zensical is installed by the ``zensical`` fixture; where
it cannot be, these tests are skipped and say why."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from supplier_handbook.commands.cli import main

from tests.conftest import AS_OF_TEXT
from tests.security.paths import ENV, project
from tests.security.poison import Page
from tests.security.test_injection import (  # collected again, on Zensical's pages
    PAYLOADS,
    poisoned_files,
    test_no_attribute_list_applied,
    test_no_event_handler_attribute,
    test_no_external_request_from_a_text_field,
    test_no_script_from_a_payload,
    test_no_unsafe_url,
)

# Installs Zensical (once per run: tests/conftest.py), builds the poisoned export with it.
pytestmark = pytest.mark.slow(seconds=20)

__all__ = ["poisoned_files", "test_no_attribute_list_applied",
           "test_no_event_handler_attribute", "test_no_external_request_from_a_text_field",
           "test_no_script_from_a_payload", "test_no_unsafe_url"]


@pytest.fixture(scope="module")
def site(zensical: Path, poisoned_files: dict[str, str],
         tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("zensical-poisoned")
    config = project(root / "hb", poisoned_files)
    out = root / "export"
    result = CliRunner().invoke(main, ["export", str(out), "-f", str(config),
                                       "--as-of", AS_OF_TEXT], catch_exceptions=False, env=ENV)
    assert result.exit_code == 0, result.output
    exported = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    assert not [p for p in exported.get("plugins", []) if "handbook" in str(p)], exported
    built = subprocess.run([str(zensical), "build", "-f", str(out / "mkdocs.yml")], cwd=out,
                           capture_output=True, text=True, timeout=900, check=False,
                           env={**os.environ, "PYTHONPATH": ""})
    assert built.returncode == 0, (built.stdout + built.stderr)[-3000:]
    return out / "site"


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, Page]:
    found = {str(p.relative_to(site)): Page(p.read_text(encoding="utf-8"))
             for p in sorted(site.rglob("*.html"))}
    slugs = [p for p in found if p.startswith("suppliers/inj-")]
    assert len(slugs) >= 20, sorted(found)[:40]  # every poisoned supplier's page is there
    text = " ".join(page.text for page in found.values())
    shown = [i for i in PAYLOADS if f"PAYLOAD-{i}-name-" in text]
    assert shown == list(PAYLOADS)  # each payload reached a page, where the checks look
    return found
