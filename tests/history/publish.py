"""Two editions of the handbook published with mike to a local bare repository, the way CI
publishes them to gh-pages (shared by test_mike.py and tests/browser/test_versions.py).

    2026-Q3  the example handbook as it is (Vantor owned by Elif Demir)
    2026-Q4  after "Vantor: Lee Chen takes over" (every Elif Demir of the file is Lee Chen),
             aliased latest, the default version
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

from tests.history.gitrepo import (
    ANA,
    BEN,
    Author,
    commit,
    git,
    git_bytes,
    git_env,
    init_handbook,
    replace,
)

SOURCE_DATE_EPOCH = "1795435200"  # 2026-11-23 12:00 UTC: "today" of both builds
VANTOR = "suppliers/vantor-elektronika.yaml"
OWNERS = {"2026-Q3": "Elif Demir", "2026-Q4": "Lee Chen"}


def mike_script() -> Path:
    """The ``mike`` console script next to this Python (mike has no ``python -m mike``)."""
    script = Path(sys.executable).parent / "mike"
    assert script.is_file(), f"mike is not installed next to {sys.executable}"
    return script


def mike(clone: Path, *args: str, author: Author = ANA,
         date: str = "2026-11-23T12:00:00+00:00") -> str:
    env = {**git_env(author, date), "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
           # mike runs `mkdocs` from the PATH: this Python's, with the handbook plugin
           "PATH": f"{mike_script().parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run([str(mike_script()), *args], cwd=clone, env=env, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, f"mike {' '.join(args)} failed:\n{done.stdout}{done.stderr}"
    return done.stdout + done.stderr


def publish_two_versions(root: Path, site_url: str | None = None) -> Path:
    """Deploy 2026-Q3 and 2026-Q4 (alias latest, default) from a clone of a new bare
    repository; returns the bare repository, whose gh-pages branch holds the site."""
    remote = root / "remote.git"
    git(root, "init", "-q", "--bare", "-b", "main", str(remote))
    source = init_handbook(root / "source")
    if site_url is not None:
        replace(source / "mkdocs.yml", "docs_dir: content\n",
                f"site_url: {site_url}\ndocs_dir: content\n")
    commit(source, "The 2026-Q3 edition", ANA, "2026-09-30T12:00:00+02:00")
    git(source, "push", "-q", str(remote), "main")

    clone = root / "clone"
    git(root, "clone", "-q", str(remote), str(clone))
    mike(clone, "deploy", "--push", "2026-Q3", date="2026-09-30T13:00:00+02:00")
    vantor = clone / VANTOR
    text = vantor.read_text(encoding="utf-8")
    vantor.write_text(text.replace("Elif Demir", "Lee Chen"), encoding="utf-8")
    commit(clone, "Vantor: Lee Chen takes over", BEN, "2026-11-20T17:00:00+01:00")
    git(clone, "push", "-q", "origin", "main")
    mike(clone, "deploy", "--push", "--update-aliases", "2026-Q4", "latest")
    mike(clone, "set-default", "--push", "latest")
    return remote


def versions(remote: Path) -> Any:
    return json.loads(git(remote, "show", "gh-pages:versions.json"))


def extract_gh_pages(remote: Path, dest: Path) -> Path:
    """The gh-pages tree of ``remote`` (``git archive gh-pages | tar -x``) in ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(git_bytes(remote, "archive", "gh-pages"))) as tar:
        tar.extractall(dest, filter="data")
    return dest
