"""``handbook new``: suggests the slug of a name it refuses (issue 24, item 10), and writes
its file all at once, never through a link (issue 26, item 3)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tests.clirun import run


@pytest.mark.parametrize(("name", "slug"), [
    ("Acme Castings", "acme-castings"), ("Straße & Söhne GmbH", "strasse-sohne-gmbh"),
    ("acme_castings", "acme-castings"),
])
def test_a_name_gets_its_slug_suggested(in_tmp: Path, name: str, slug: str) -> None:
    result = run("new", name)
    assert result.exit_code == 2
    assert f"for this name: handbook new {slug}" in result.output
    assert not (in_tmp / "suppliers").exists() or not any((in_tmp / "suppliers").iterdir())


def test_a_committed_link_is_not_written_through(in_tmp: Path) -> None:
    victim = in_tmp / "bashrc"
    victim.write_text("alias ls='ls'\n", encoding="utf-8")
    (in_tmp / "suppliers").mkdir()
    (in_tmp / "suppliers" / "acme.yaml").symlink_to(victim)
    dangling = in_tmp / "suppliers" / "other.yaml"
    dangling.symlink_to(in_tmp / "not-there-yet")
    assert run("new", "acme").exit_code == 2
    assert run("new", "other").exit_code == 2
    assert victim.read_text(encoding="utf-8") == "alias ls='ls'\n"
    assert not (in_tmp / "not-there-yet").exists()  # a dangling link is not followed


def test_a_crash_mid_write_leaves_no_half_file(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = os.fsync

    def full(fd: int) -> None:  # the disk fills while the data is on its way
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    failed = run("new", "acme")
    assert failed.exit_code == 2 and "No space left on device" in failed.output
    assert list((in_tmp / "suppliers").iterdir()) == []  # neither the file nor a temporary
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert run("new", "acme").exit_code == 0  # nothing in the way of the next try
    assert (in_tmp / "suppliers" / "acme.yaml").read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=")
