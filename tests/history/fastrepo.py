"""Large git repositories made in a moment with ``git fast-import``: thousands of commits, a
commit subject of 20 MB, author and committer dates set apart. Shared by the bounded-history
tests and ``bench/history_bounds.py``."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

GIT_ENV = {"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
           "GIT_TERMINAL_PROMPT": "0"}


@dataclass(frozen=True)
class FastCommit:
    message: bytes
    files: dict[str, bytes]  # path -> the file's new text
    authored: dt.datetime
    committed: dt.datetime | None = None  # default: when it was authored
    removed: tuple[str, ...] = field(default=())


def _stamp(when: dt.datetime) -> bytes:
    return f"{int(when.timestamp())} +0000".encode()


def _stream(commits: Iterable[FastCommit]) -> Iterator[bytes]:
    for mark, c in enumerate(commits, start=1):
        yield b"commit refs/heads/main\nmark :%d\n" % mark
        yield b"author Ana Alvarez <ana@example.com> " + _stamp(c.authored) + b"\n"
        yield (b"committer Ana Alvarez <ana@example.com> "
               + _stamp(c.committed or c.authored) + b"\n")
        yield b"data %d\n" % len(c.message) + c.message + b"\n"
        if mark > 1:
            yield b"from :%d\n" % (mark - 1)
        for path, text in c.files.items():
            yield f"M 100644 inline {path}\n".encode() + b"data %d\n" % len(text) + text + b"\n"
        for path in c.removed:
            yield f"D {path}\n".encode()
        yield b"\n"


def fast_repo(repo: Path, commits: Iterable[FastCommit], extra: dict[str, str] | None = None
              ) -> Path:
    """A repository in ``repo`` holding ``commits`` on ``main``, checked out; ``extra`` files
    (e.g. mkdocs.yml, content/) are written into the work tree, not committed."""
    repo.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, **GIT_ENV}
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=repo, check=True, env=env)
    importer = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=repo, env=env,
                                stdin=subprocess.PIPE)
    assert importer.stdin is not None
    for chunk in _stream(commits):
        importer.stdin.write(chunk)
    importer.stdin.close()
    assert importer.wait() == 0
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=repo, check=True, env=env)
    for name, text in (extra or {}).items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    return repo


def many_versions(files: int, commits: int, base: str,
                  start: dt.datetime = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
                  ) -> Iterator[FastCommit]:
    """``commits`` commits, an hour apart, each changing one of ``files`` supplier files in
    turn (the first ``files`` commits add them): every commit a new version."""
    for i in range(commits):
        n = i % files
        text = base.replace("Sole source of housings.", f"Sole source of housings ({i}).")
        yield FastCommit(f"Change {i}".encode(), {f"suppliers/supplier-{n}.yaml": text.encode()},
                         start + dt.timedelta(hours=i))
