"""``handbook serve`` for an editor, for real: a server process, HTTP requests, saved files.

It prints its address; a supplier file saved with a mistake never leaves a request waiting:
the last good site stays served and every page shows the located errors until the file is
fixed; a server started on a broken file serves an error page with them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from supplier_handbook.adopt.scaffold import EXAMPLE_PATH, init_handbook
from supplier_handbook.adopt.toolpin import from_repo

from tests.conftest import AS_OF, AS_OF_TEXT

REQUEST_TIMEOUT = 60  # seconds a single page request may take (a rebuild runs first)
ATTEMPTS = 300  # polls of a page before giving up on a rebuild
EXAMPLE = "suppliers/example-supplier.yaml"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    def __init__(self, root: Path) -> None:
        self.port = _free_port()
        self.out = (root / "serve.out").open("w+", encoding="utf-8")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "supplier_handbook", "serve", "--as-of", AS_OF_TEXT,
             "-a", f"127.0.0.1:{self.port}"],
            cwd=root, env=env, stdout=self.out, stderr=subprocess.STDOUT, text=True,
        )

    def get(self, path: str) -> str:
        url = f"http://127.0.0.1:{self.port}/{path}"
        with urllib.request.urlopen(url, timeout=REQUEST_TIMEOUT) as response:
            return str(response.read().decode("utf-8"))

    def output(self) -> str:
        self.out.flush()
        return Path(self.out.name).read_text(encoding="utf-8")

    def until(self, path: str, condition: Callable[[str], bool]) -> str:
        """The page at ``path`` once ``condition`` holds; fails if the server dies, a request
        hangs (``REQUEST_TIMEOUT``), or it never holds."""
        for _ in range(ATTEMPTS):
            try:
                page = self.get(path)
            except TimeoutError as exc:
                raise AssertionError(f"GET /{path} hung:\n{self.output()}") from exc
            except (ConnectionError, urllib.error.URLError) as exc:
                if isinstance(getattr(exc, "reason", None), TimeoutError):
                    raise AssertionError(f"GET /{path} hung:\n{self.output()}") from exc
                page = ""
            if page and condition(page):
                return page
            try:  # wait on the process, not the clock: it must not end
                self.proc.wait(timeout=0.5)
            except subprocess.TimeoutExpired:
                continue
            raise AssertionError(f"the server ended:\n{self.output()}")
        raise AssertionError(f"GET /{path}: the condition never held:\n{self.output()}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=30)
        self.out.close()


@pytest.fixture
def handbook(tmp_path: Path) -> Path:
    root = tmp_path / "handbook"
    init_handbook(root, AS_OF,
                  from_repo("https://git.corp.internal/procurement/supplier-handbook.git"))
    (root / EXAMPLE).write_bytes((root / EXAMPLE_PATH).read_bytes())  # suppliers/ starts empty
    return root


@pytest.fixture
def serve(handbook: Path) -> Iterator[Callable[[], Server]]:
    started: list[Server] = []

    def start() -> Server:
        started.append(Server(handbook))
        return started[-1]

    yield start
    for server in started:
        server.stop()


def _break(handbook: Path) -> str:
    path = handbook / EXAMPLE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  level: high\n", "  level: huge\n", 1), encoding="utf-8")
    line = text[: text.index("  level: high\n")].count("\n") + 1
    return f"{EXAMPLE}:{line}:10: error: level: &#x27;huge&#x27; is not allowed"


def _fix(handbook: Path) -> None:
    path = handbook / EXAMPLE
    path.write_text(path.read_text(encoding="utf-8").replace("level: huge", "level: high"),
                    encoding="utf-8")


def test_a_broken_file_never_hangs_and_every_page_shows_the_errors(
        handbook: Path, serve: Callable[[], Server]) -> None:
    server = serve()
    page = server.until("suppliers/example-supplier/", lambda p: "Brennwald" in p)
    assert "handbook-errors" not in page
    assert f"serving the handbook on http://127.0.0.1:{server.port}/" in server.output()

    located = _break(handbook)
    banner = server.until("", lambda p: "handbook-errors" in p)
    assert located in banner and "last good version" in banner
    # the last good site is still served, each page with the errors on top
    for path in ("suppliers/example-supplier/", "guides/handover/", "actions/"):
        page = server.get(path)
        assert "handbook-errors" in page and located in page, path
    assert "Brennwald" in server.get("suppliers/example-supplier/")

    _fix(handbook)
    page = server.until("", lambda p: "handbook-errors" not in p)
    assert "Brennwald" in page
    assert "server will appear stuck" not in server.output()
    assert "Traceback" not in server.output()


def test_started_on_a_broken_file_it_serves_an_error_page(
        handbook: Path, serve: Callable[[], Server]) -> None:
    located = _break(handbook)
    server = serve()
    page = server.until("", lambda p: "handbook-errors" in p)
    assert "The handbook cannot be built" in page and located in page
    assert "nothing could be built" in page
    for path in ("suppliers/", "actions/", "guides/first-30-days/"):
        assert located in server.get(path), path
    _fix(handbook)
    page = server.until("", lambda p: "handbook-errors" not in p)
    assert "Brennwald" in page
    assert "Traceback" not in server.output()
