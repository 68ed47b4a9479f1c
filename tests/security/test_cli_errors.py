"""One error boundary: bad folders, bad numbers and bad configuration end in one
``error: ...`` line and exit status 1, never a traceback; file names are escaped in every
output format; nothing is read through a link that leaves the repository."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from supplier_handbook.base.problems import display_path
from supplier_handbook.site import staging as site

from tests.conftest import AS_OF_TEXT as AS_OF
from tests.history.gitrepo import git
from tests.samples import MINIMAL_SUPPLIER
from tests.security.project import CONFIG, make_project, no_traceback, run


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return make_project(tmp_path / "hb")


def assert_error(result: object, fragment: str = "") -> str:
    no_traceback(result)  # type: ignore[arg-type]
    output: str = result.output  # type: ignore[attr-defined]
    assert result.exit_code == 1, output  # type: ignore[attr-defined]
    assert "error: " in output, output
    assert "Traceback" not in output
    assert fragment in output, output
    return output


def test_site_dir_in_proc(project: Path) -> None:
    assert_error(run(project, "build", "--as-of", AS_OF, "--site-dir", "/proc/x"),
                 "the previous site is unchanged")


def test_as_of_year_one(project: Path) -> None:
    assert_error(run(project, "build", "--as-of", "0001-01-01"))
    assert not (project / "site").exists()


def test_changes_days_a_million(project: Path) -> None:
    (project / "mkdocs.yml").write_text(
        CONFIG.replace("suppliers_dir: suppliers", "suppliers_dir: suppliers\n      "
                       "changes_days: 1000000"), encoding="utf-8")
    assert_error(run(project, "build", "--as-of", AS_OF))


def test_a_huge_source_date_epoch(project: Path) -> None:
    assert_error(run(project, "build", env={"SOURCE_DATE_EPOCH": "99999999999999999999"}))


def test_a_config_without_the_plugin(project: Path) -> None:
    (project / "mkdocs.yml").write_text(CONFIG.replace("  - handbook:\n      suppliers_dir: "
                                                       "suppliers\n", ""), encoding="utf-8")
    for args in (["build"], ["export", "out"]):
        assert_error(run(project, *args, "--as-of", AS_OF), "the 'handbook' plugin is not in")


def test_a_broken_config(project: Path) -> None:
    (project / "mkdocs.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    for args in (["build"], ["export", "out"]):
        assert_error(run(project, *args, "--as-of", AS_OF))


@pytest.mark.parametrize("args", [["schema", "-o", "/proc/x/schema.json"],
                                  ["schema", "-o", "."], ["schema", "-o", "/dev/full"],
                                  ["new", "fresh", "--dir", "/proc/x"],
                                  ["export", "/proc/x"], ["init", "/proc/x"]],
                         ids=["schema-proc", "schema-folder", "schema-disk-full", "new",
                              "export", "init"])
def test_bad_paths_for_writing_commands(project: Path, args: list[str]) -> None:
    result = run(project, *args)
    no_traceback(result)
    assert result.exit_code in (1, 2), result.output
    assert "rror: " in result.output


def test_disk_full_during_a_build_keeps_the_previous_site(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(project, "build", "--as-of", AS_OF).exit_code == 0
    before = sorted(p.name for p in (project / "site").iterdir())

    def full(config: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), "site/index.html")

    monkeypatch.setattr(site, "build", full)
    output = assert_error(run(project, "build", "--as-of", AS_OF), "No space left on device")
    assert "the previous site is unchanged" in output
    assert sorted(p.name for p in (project / "site").iterdir()) == before
    assert [p.name for p in project.iterdir() if p.name.startswith(".site.")] == []


def test_an_unreadable_supplier_folder(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = Path.iterdir

    def denied(self: Path):  # type: ignore[no-untyped-def]
        if self.name == "suppliers":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
        return real(self)

    monkeypatch.setattr(Path, "iterdir", denied)
    for args in (["check"], ["build", "--as-of", AS_OF]):
        assert_error(run(project, *args), "Permission denied")


# --- file names in every output format ---------------------------------------------------

EVIL = "x\n::warning file=a::pwned \x1b[31mred.yaml"


@pytest.mark.parametrize("fmt", ["text", "json", "github", "gitlab"])
def test_file_names_are_escaped_in_every_format(project: Path, fmt: str) -> None:
    (project / "suppliers" / EVIL).write_text(MINIMAL_SUPPLIER, encoding="utf-8")
    bad = os.fsencode(project / "suppliers") + b"/caf\xe9.yaml"
    with open(bad, "wb") as handle:
        handle.write(MINIMAL_SUPPLIER.encode())
    result = run(project, "check", "--format", fmt)
    no_traceback(result)
    assert result.exit_code == 1
    assert "\x1b" not in result.output
    lines = result.output.splitlines()
    assert not any(line.startswith("::warning") for line in lines), lines
    if fmt == "gitlab":
        report = json.loads(result.stdout)
        assert {"suppliers/caf\\xe9.yaml", display_path(f"suppliers/{EVIL}")} <= {
            issue["location"]["path"] for issue in report}
    if fmt == "text":
        assert any(line.startswith("suppliers/x\\n::warning file=a::pwned \\x1b[31mred.yaml:1:1:")
                   for line in lines), lines


def test_file_names_are_escaped_in_build_and_diff_output(project: Path) -> None:
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Start")
    (project / "suppliers" / EVIL).write_text(MINIMAL_SUPPLIER, encoding="utf-8")
    result = run(project, "build", "--as-of", AS_OF)
    assert result.exit_code == 1
    for fmt in ("text", "markdown"):
        result = run(project, "diff", "--format", fmt)
        no_traceback(result)
        assert "\x1b" not in result.output
        assert not any(line.startswith("::") for line in result.output.splitlines())


def test_display_path() -> None:
    assert display_path("a\nb\x1b[0m\x85c") == "a\\nb\\x1b[0m\\x85c"
    assert display_path(os.fsdecode(b"caf\xe9.yaml")) == "caf\\xe9.yaml"
    assert display_path("Chloé/ok.yaml") == "Chloé/ok.yaml"


# --- nothing read through links that leave the repository --------------------------------

SECRET = "TOP-SECRET-VALUE"


def _secret_folder(tmp_path: Path) -> Path:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "leak.yaml").write_text(f"name: {SECRET}\n", encoding="utf-8")
    return elsewhere


@pytest.mark.parametrize("fmt", ["text", "json", "github", "gitlab"])
def test_a_linked_supplier_folder_is_refused(tmp_path: Path, fmt: str) -> None:
    root = make_project(tmp_path / "hb")
    for p in (root / "suppliers").iterdir():
        p.unlink()
    (root / "suppliers").rmdir()
    (root / "suppliers").symlink_to(_secret_folder(tmp_path))
    result = run(root, "check", "--format", fmt)
    no_traceback(result)
    assert result.exit_code in (1, 2)
    assert SECRET not in result.output
    assert "symbolic link" in result.output
    built = run(root, "build", "--as-of", AS_OF)
    assert built.exit_code in (1, 2) and SECRET not in built.output
    assert not (root / "site").exists()


def test_a_supplier_folder_outside_the_project_is_refused(tmp_path: Path) -> None:
    elsewhere = _secret_folder(tmp_path)
    root = make_project(tmp_path / "hb", config=CONFIG.replace(
        "suppliers_dir: suppliers", f"suppliers_dir: {elsewhere}"))
    for args in (["build"], ["export", "out"]):
        result = run(root, *args, "--as-of", AS_OF)
        no_traceback(result)
        assert result.exit_code in (1, 2), result.output
        assert SECRET not in result.output
        assert "outside the project" in result.output


def test_a_link_in_content_to_outside_is_not_published(tmp_path: Path) -> None:
    root = make_project(tmp_path / "hb")
    secret = tmp_path / "secret.md"
    secret.write_text(f"# {SECRET}\n", encoding="utf-8")
    (root / "content" / "linked.md").symlink_to(secret)
    for args in (["build"], ["export", "out"]):
        result = assert_error(run(root, *args, "--as-of", AS_OF), "symbolic link")
        assert SECRET not in result
    assert not (root / "site").exists() and not (root / "out").exists()


def test_a_link_in_content_within_the_project_is_fine(tmp_path: Path) -> None:
    root = make_project(tmp_path / "hb")
    (root / "content" / "again.md").symlink_to(root / "content" / "guide.md")
    result = run(root, "build", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
