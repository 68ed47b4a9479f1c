"""What keeps ``handbook check`` close to a bare parse: the command loads only the stages it
needs, and the loader tells null from text without the safe resolver's regular expressions
(which decided nothing, since every plain scalar stays text)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from supplier_handbook.read import load

from tests.samples import MINIMAL_SUPPLIER

HEAVY = ("mkdocs", "jinja2", "markdown", "supplier_handbook.derive.portfolio",
         "supplier_handbook.render.renderer", "supplier_handbook.history",
         "supplier_handbook.site.staging",
         "supplier_handbook.plugin")

PROBE = """
import json, sys
from supplier_handbook.commands.cli import main
try:
    main(["check", sys.argv[1]], prog_name="handbook")
except SystemExit as exc:
    code = exc.code
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def test_check_command_imports_no_build_stage(tmp_path: Path) -> None:
    folder = tmp_path / "suppliers"
    folder.mkdir()
    (folder / "acme-castings.yaml").write_text(MINIMAL_SUPPLIER, encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", PROBE, str(folder)], capture_output=True,
                         text=True, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["code"] in (0, None)
    loaded = [m for m in result["modules"] if m.split(".")[0] in HEAVY or m in HEAVY]
    assert loaded == []
    assert "supplier_handbook.model.supplier" in result["modules"]  # it did check


def test_resolver_asks_no_regular_expression(monkeypatch: pytest.MonkeyPatch) -> None:
    scalars: list[str] = []
    original: Callable[..., Any] = yaml.resolver.BaseResolver.resolve

    def counting(self: Any, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode:
            scalars.append(value)
        return original(self, kind, value, implicit)

    monkeypatch.setattr(yaml.resolver.BaseResolver, "resolve", counting)
    doc = load.load_text("a: yes\nb: 12:30\nc:\nd: ~\ne: [1, null, 'x']\nf: 2026-01-01\n",
                         "x.yaml")
    assert doc.data == {"a": "yes", "b": "12:30", "c": None, "d": None,
                        "e": ["1", None, "x"], "f": "2026-01-01"}
    assert scalars == ["x"]  # only the quoted scalar goes the safe resolver's way
