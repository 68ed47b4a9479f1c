"""``base.atomic.write_atomic``, the one way ``new``, ``handover`` and ``import`` write a file
(issue 26, item 3): never through a link, all at once, keeping the file's mode."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest
from supplier_handbook.base import atomic
from supplier_handbook.base.atomic import AtomicWriteError, write_atomic


def test_replaces_in_one_step_and_keeps_the_mode(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_bytes(b"old\n")
    path.chmod(0o640)
    write_atomic(path, b"new\n")
    assert path.read_bytes() == b"new\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert os.listdir(tmp_path) == ["acme.yaml"]


def test_a_new_file_gets_the_mode_open_would_give(tmp_path: Path) -> None:
    mask = os.umask(0o027)
    try:
        write_atomic(tmp_path / "new.yaml", b"x")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o640


@pytest.mark.parametrize("replace", [True, False])
def test_a_link_is_never_written_through(tmp_path: Path, replace: bool) -> None:
    victim = tmp_path / "authorized_keys"
    victim.write_bytes(b"ssh-ed25519 AAAA\n")
    link = tmp_path / "acme.yaml"
    link.symlink_to(victim)
    with pytest.raises((AtomicWriteError, FileExistsError)):
        write_atomic(link, b"pwned\n", replace=replace)
    assert victim.read_bytes() == b"ssh-ed25519 AAAA\n" and link.is_symlink()
    dangling = tmp_path / "other.yaml"
    dangling.symlink_to(tmp_path / "created-through-the-link")
    with pytest.raises((AtomicWriteError, FileExistsError)):
        write_atomic(dangling, b"pwned\n", replace=replace)
    assert not (tmp_path / "created-through-the-link").exists()
    assert sorted(os.listdir(tmp_path)) == ["acme.yaml", "authorized_keys", "other.yaml"]


def test_never_replaces_when_told_not_to(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_bytes(b"mine\n")
    with pytest.raises(FileExistsError):
        write_atomic(path, b"theirs\n", replace=False)
    assert path.read_bytes() == b"mine\n" and os.listdir(tmp_path) == ["acme.yaml"]


def test_a_failure_mid_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "acme.yaml"
    path.write_bytes(b"old\n")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OSError, match="No space"):
        write_atomic(path, b"new\n" * 1000)
    assert path.read_bytes() == b"old\n" and os.listdir(tmp_path) == ["acme.yaml"]


def test_new_import_and_handover_refuse_a_supplier_folder_that_is_a_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner
    from supplier_handbook.commands.cli import main

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "acme.yaml").write_text(
        "name: Acme\ncategory: Housings\nsummary: Housings.\nimpact:\n  level: low\n"
        "governance:\n  model: transactional\nowner:\n  name: Dana Okafor\ncontacts:\n"
        "  - name: Maria Schmidt\n    side: supplier\n    level: executive\n    role: MD\n",
        encoding="utf-8")
    before = sorted((p.name, p.read_bytes()) for p in elsewhere.iterdir())
    (tmp_path / "suppliers").symlink_to(elsewhere)
    (tmp_path / "list.csv").write_text("Supplier,Owner\nBrennwald,Jana Horvath\n",
                                       encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for args, stdin in ((["new", "fresh"], None), (["import", "list.csv"], None),
                        (["handover", "acme", "--to", "Lee Chen", "--notes", "-"], "Notes.\n")):
        result = CliRunner().invoke(main, args, input=stdin)
        assert result.exit_code != 0, (args, result.output)
        assert "symbolic link" in result.output, (args, result.output)
    assert sorted((p.name, p.read_bytes()) for p in elsewhere.iterdir()) == before
