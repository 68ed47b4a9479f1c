"""What the adoption tests share: the release built from this checkout, a local bare git
repository standing in for the team's git server, and fresh virtual environments.

Everything is built from the checkout's files as they would be committed (tracked and new,
less the ignored ones), copied first, so nothing is written into the checkout. The only
network used is the package index, through pip (for the dependencies, and for setuptools
in the isolated build environment).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest
from supplier_handbook import __version__

from tests.conftest import ROOT

TIMEOUT = 900  # seconds for one install or build


def clean_env(home: Path) -> dict[str, str]:
    """The environment without this checkout's virtual environment or git variables."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "PRE_COMMIT", "VIRTUAL_ENV", "PYTHONPATH"))}
    return {
        **env,
        "HOME": str(home),
        "PRE_COMMIT_HOME": str(home / "pre-commit"),
        "GIT_AUTHOR_NAME": "Dana Okafor", "GIT_AUTHOR_EMAIL": "dana@procurement.corp.internal",
        "GIT_COMMITTER_NAME": "Dana Okafor",
        "GIT_COMMITTER_EMAIL": "dana@procurement.corp.internal",
        "GIT_CONFIG_NOSYSTEM": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "NO_MKDOCS_2_WARNING": "1",
        "PATH": os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                if not p.startswith(str(ROOT))),
    }


def run(args: list[str | Path], cwd: Path, env: dict[str, str],
        check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=TIMEOUT, check=False)
    if check and done.returncode != 0:
        raise AssertionError(f"{' '.join(map(str, args))} exited {done.returncode}:\n"
                             f"{done.stdout}\n{done.stderr}")
    return done


def git(cwd: Path, env: dict[str, str], *args: str) -> str:
    return run(["git", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false",
                "-c", "init.defaultBranch=main", *args], cwd, env).stdout


def copy_checkout(target: Path) -> Path:
    """The checkout's files as they would be committed, copied to ``target``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


@dataclass
class Venv:
    root: Path

    @property
    def bin(self) -> Path:
        return self.root / "bin"

    def pip(self, env: dict[str, str], *args: str | Path) -> None:
        """``pip install ARGS`` into this environment: pip (the test environment's, the
        version Python bundles) runs with this environment's interpreter (``--python``), as
        its own copy would, without each environment installing one first."""
        run([sys.executable, "-m", "pip", "--python", self.bin / "python", "install", "-q",
             *args], self.root, env)


def new_venv(path: Path) -> Venv:
    """A fresh virtual environment without pip (``Venv.pip`` brings it): ensurepip took 3 s
    of CPU for each of the tier's six environments."""
    venv.EnvBuilder(with_pip=False, clear=True).create(path)
    return Venv(path)


def file_url(bare: Path) -> str:
    """As ``handbook init`` writes a file URL (pip before 24.1 wants a host in it)."""
    return f"file://localhost{bare.as_posix()}"


@dataclass
class Release:
    wheel: Path
    sdist: Path
    bare: Path
    """The team's "internal git server": a bare repository with the tag vVERSION, made by
    ``scripts/release-tag`` as the tool repository's CI makes it."""
    untagged: Path
    """The same repository before the tag was made: main holds the release commit, no tag."""

    @property
    def url(self) -> str:
        return file_url(self.bare)


@pytest.fixture(scope="session")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("home")


@pytest.fixture(scope="session")
def env(home: Path) -> dict[str, str]:
    return clean_env(home)


@pytest.fixture(scope="session")
def release(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Release:
    work = tmp_path_factory.mktemp("release")
    source = copy_checkout(work / "supplier-handbook")
    dist = work / "dist"
    run([sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", dist, source],
        work, env)
    (wheel,) = dist.glob("*.whl")
    (sdist,) = dist.glob("*.tar.gz")
    git(source, env, "init", "-q")
    git(source, env, "add", "-A")
    git(source, env, "commit", "-q", "-m", f"Release {__version__}")
    bare = work / "git-server" / "procurement" / "supplier-handbook.git"
    bare.parent.mkdir(parents=True)
    git(work, env, "clone", "-q", "--bare", str(source), str(bare))
    untagged = work / "git-server" / "procurement" / "untagged.git"
    git(work, env, "clone", "-q", "--bare", str(bare), str(untagged))
    # the tool repository's CI on main: the tag, made by the release script
    git(source, env, "remote", "add", "origin", str(bare))
    run([sys.executable, source / "scripts" / "release-tag"], source, env)
    return Release(wheel, sdist, bare, untagged)
