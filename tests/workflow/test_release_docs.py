"""The release is documented where users read: the version in one place, a CHANGELOG entry
for it, the tag step in the README; the README and guides cite only files that exist."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

import pytest
from supplier_handbook import __version__

from tests.conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "content" / "guides").glob("*.md"))]
_LINK = re.compile(r"\]\(([^)\s#]+)(?:#[^)]*)?\)")
_PATH = re.compile(r"`((?:content|generator|suppliers|schema|scripts|tests|bench|shared)/"
                   r"[^`\s*]+)`")


def test_the_version_is_written_once() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in project["project"]["dynamic"] and "version" not in project["project"]
    attr = project["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "supplier_handbook.__version__"
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


def test_the_changelog_opens_with_this_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    entries = re.findall(r"^## (\d+\.\d+\.\d+) - (\d{4}-\d{2}-\d{2})$", text, re.M)
    assert entries, "CHANGELOG.md has no '## X.Y.Z - YYYY-MM-DD' entry"
    assert entries[0][0] == __version__


def test_the_readme_documents_the_release_step() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    releases = readme.split("## Releases", 1)[1].split("\n## ", 1)[0]
    for words in ("CHANGELOG.md", "python -m build", "scripts/release-tag",
                  ".github/workflows/release.yml", "`release` job of `.gitlab-ci.yml`",
                  "constraints/X.Y.Z.txt", "RELEASE_PUSH_TOKEN"):
        assert words in releases, words
    assert "git tag -a" not in releases  # made by CI from main, never by hand


def test_the_team_steps_keep_the_tool_out_of_the_quick_starts_venv() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    team = readme.split("## Your team's handbook", 1)[1].split("\n## ", 1)[0]
    steps = team.split("```bash", 1)[1].split("```", 1)[0]
    assert "python3 -m venv ../tool-venv && ../tool-venv/bin/pip install ." in steps
    assert ".venv/bin/pip install ." not in steps.replace("tool-venv/bin/pip", "")
    assert "../tool-venv/bin/handbook init" in steps


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_docs_cite_only_files_in_the_repository(doc: Path) -> None:
    from supplier_handbook.model.links import site_for

    text = doc.read_text(encoding="utf-8")
    assert "shared/spec" not in text
    site = site_for(ROOT / "suppliers")  # the pages of the demo site, generated ones too
    assert site is not None
    missing = []
    for target in _LINK.findall(re.sub(r"`[^`\n]*`", "", text)):  # not the code examples
        if re.match(r"^[a-z][a-z0-9+.-]*:", target):
            continue  # a web address
        if doc.name == "README.md":
            found = (doc.parent / target).exists()
        else:  # a guide: a page of the site, as MkDocs resolves it
            page = (Path("guides") / target).as_posix()
            found = site.has(os.path.normpath(page).replace(os.sep, "/"))
        if not found:
            missing.append(target)
    if doc.name == "README.md":
        for path in _PATH.findall(text):
            path = path.rstrip(".,:;)")
            if "<" not in path and "SLUG" not in path and not (ROOT / path).exists():
                missing.append(path)
    assert missing == [], f"{doc.name} cites what is not in the repository"
