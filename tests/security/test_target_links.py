"""The build writes only where the user asked, never through a link a pull request committed
(issue 26, items 5 and 14): a ``site`` link (the build target), a link on the way to it, and
a ``.handbook-site.lock`` link are refused, and nothing is created or replaced through them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import AS_OF_TEXT as AS_OF
from tests.security.project import CONFIG, make_project, no_traceback, run


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else b"<dir>"
            for p in sorted(folder.rglob("*"))}


def refused(root: Path, *args: str) -> str:
    result = run(root, *args)
    no_traceback(result)
    assert result.exit_code == 1, result.output
    assert result.output.startswith("error: "), result.output
    return result.output


@pytest.mark.parametrize("before", ["empty", "a handbook site"])
@pytest.mark.parametrize(("args", "link"), [
    (["build"], "site"),
    (["build", "--audience", "supplier", "acme-castings"], "site-for-acme-castings"),
], ids=["internal", "supplier"])
def test_a_committed_site_link_is_refused(tmp_path: Path, before: str, args: list[str],
                                          link: str) -> None:
    root = make_project(tmp_path / "hb")
    victim = tmp_path / "www"
    victim.mkdir()
    if before == "a handbook site":  # a folder the handbook built: it would be replaced
        (victim / ".handbook-site").write_text("built\n", encoding="utf-8")
        (victim / "index.html").write_text("the team's real site\n", encoding="utf-8")
    (root / link).symlink_to(victim)
    kept = tree(victim)
    output = refused(root, *args, "--as-of", AS_OF)
    assert f"{link} is a symbolic link" in output, output
    assert tree(victim) == kept
    assert (root / link).is_symlink()


def test_a_link_on_the_way_to_the_site_is_refused(tmp_path: Path) -> None:
    root = make_project(tmp_path / "hb", config=CONFIG.replace("site_dir: site",
                                                               "site_dir: out/site"))
    victim = tmp_path / "www"
    victim.mkdir()
    (root / "out").symlink_to(victim)
    output = refused(root, "build", "--as-of", AS_OF)
    assert "out is a symbolic link" in output, output
    assert tree(victim) == {}


def test_export_into_a_link_is_refused(tmp_path: Path) -> None:
    root = make_project(tmp_path / "hb")
    victim = tmp_path / "www"
    victim.mkdir()
    (root / "exported").symlink_to(victim)
    output = refused(root, "export", "exported", "--as-of", AS_OF)
    assert "exported is a symbolic link" in output, output
    assert tree(victim) == {}


@pytest.mark.parametrize("target", ["missing", "existing"])
def test_a_committed_lock_link_creates_or_changes_nothing(tmp_path: Path, target: str) -> None:
    root = make_project(tmp_path / "hb")
    victim = tmp_path / "victim.txt"
    if target == "existing":
        victim.write_text("keep me\n", encoding="utf-8")
    (root / ".handbook-site.lock").symlink_to(victim)
    output = refused(root, "build", "--as-of", AS_OF)
    assert ".handbook-site.lock is a symbolic link" in output, output
    if target == "existing":
        assert victim.read_text(encoding="utf-8") == "keep me\n"
    else:
        assert not victim.exists()
    assert not (root / "site").exists()
    (root / ".handbook-site.lock").unlink()  # the link gone, the next build works
    result = run(root, "build", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output


def test_a_lock_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    root = make_project(tmp_path / "hb")
    (root / ".handbook-site.lock").mkdir()
    output = refused(root, "build", "--as-of", AS_OF)
    assert ".handbook-site.lock" in output, output
