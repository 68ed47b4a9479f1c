"""``handbook serve`` as it starts and stops: a busy port is named before anything is built,
with the option to choose another; MkDocs' "dirty build" warning is explained once instead
of printed before every rebuild; a server stopped by SIGTERM cleans up its temporary folders
as one stopped by Ctrl+C does."""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from supplier_handbook.adopt.scaffold import EXAMPLE_PATH, init_handbook
from supplier_handbook.adopt.toolpin import from_repo
from supplier_handbook.commands.cli import main
from supplier_handbook.commands.start import DIRTY_NOTE, port_problem, quiet_dirty_builds

from tests.conftest import AS_OF, AS_OF_TEXT

DIRTY = ("A 'dirty' build is being performed, this will likely lead to inaccurate navigation "
         "and other links within your site. This option is designed for site development "
         "purposes only.")


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    root = tmp_path / "handbook"
    init_handbook(root, AS_OF,
                  from_repo("https://git.corp.internal/procurement/supplier-handbook.git"))
    (root / "suppliers" / "example-supplier.yaml").write_bytes((root / EXAMPLE_PATH).read_bytes())
    return root


@pytest.fixture
def busy_port() -> Iterator[int]:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield int(taken.getsockname()[1])


def test_a_busy_port_is_named_before_anything_is_built(
        handbook: Path, busy_port: int, monkeypatch: pytest.MonkeyPatch) -> None:
    import mkdocs.commands.serve

    started: list[object] = []
    monkeypatch.setattr(mkdocs.commands.serve, "serve", lambda *a, **k: started.append(a))
    monkeypatch.chdir(handbook)
    result = CliRunner().invoke(main, ["serve", "-a", f"127.0.0.1:{busy_port}"])
    assert result.exit_code == 2
    assert f"127.0.0.1:{busy_port} is in use already" in result.stderr
    assert f"-a HOST:PORT, e.g. -a 127.0.0.1:{busy_port + 1}" in result.stderr
    assert started == []  # nothing was built


def test_a_free_port_has_no_problem(busy_port: int) -> None:
    assert port_problem("127.0.0.1", busy_port) is not None
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = int(free.getsockname()[1])
    assert port_problem("127.0.0.1", port) is None


def test_the_dirty_build_warning_is_not_logged_while_serving(
        caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    with caplog.at_level(logging.WARNING, logger="mkdocs"), quiet_dirty_builds():
        logger.warning(DIRTY)
        logger.warning("Doc file 'x.md' contains a link 'y.md', but the target is not found")
    assert [r.getMessage() for r in caplog.records] == [
        "Doc file 'x.md' contains a link 'y.md', but the target is not found"]
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        logger.warning(DIRTY)  # outside serve, MkDocs' own words are left alone
    assert caplog.records[-1].getMessage() == DIRTY


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_sigterm_cleans_up_as_ctrl_c_does(handbook: Path, tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    port = _free_port()
    out = tmp_path / "serve.out"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)}
    with out.open("w", encoding="utf-8") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "supplier_handbook", "serve", "--as-of", AS_OF_TEXT,
             "-a", f"127.0.0.1:{port}"],
            cwd=handbook, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
        try:
            for _ in range(600):  # until it answers; wait on the process, not the clock
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=60):
                        break
                except (ConnectionError, urllib.error.URLError, TimeoutError):
                    pass  # not serving yet (or busy building): ask again
                try:
                    proc.wait(timeout=0.5)
                except subprocess.TimeoutExpired:
                    continue
                raise AssertionError(f"serve ended:\n{out.read_text()}")
            else:
                raise AssertionError(f"serve never answered:\n{out.read_text()}")
            made = sorted(p.name.split("-")[0] + "-" + p.name.split("-")[1]
                          if p.name.startswith("handbook-") else p.name.split("_")[0]
                          for p in temp.iterdir())
            assert "handbook-pages" in made and "mkdocs" in made
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=300)
            except subprocess.TimeoutExpired as exc:
                raise AssertionError(f"serve did not stop on SIGTERM:\n{out.read_text()}") \
                    from exc
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=30)
    said = out.read_text(encoding="utf-8")
    left = sorted(p.name for p in temp.iterdir())
    assert left == [], f"left in the temporary folder: {left}\n{said}"
    assert DIRTY_NOTE in " ".join(said.split())  # said once
    assert "A 'dirty' build" not in said
