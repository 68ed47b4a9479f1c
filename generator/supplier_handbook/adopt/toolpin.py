"""Where a new handbook gets this tool from: the line of ``requirements.txt`` and the hook
entry of ``.pre-commit-config.yaml`` that ``handbook init`` writes.

Three sources, in this order:

- ``--requirement LINE``: a complete pip requirement (an internal package index, usually
  ``supplier-handbook==VERSION``);
- ``--tool-repo URL``: the team's git repository of this tool, pinned at the release tag
  ``vVERSION`` once ``git ls-remote`` shows the tag there (``verified_repo_pin``); while the
  tag is missing, at the exact commit of the installed tool (PEP 610 ``commit_id``, or the
  commit of the clean git checkout it was installed from) when that repository has it;
  never at a ref nobody checked; scp-style ``git@host:org/repo.git`` becomes
  ``ssh://git@host/org/repo.git``;
- neither: the installed distribution's own record (PEP 610 ``direct_url.json``). Installed
  from git, the same URL at the same tag or commit; installed from an index (no record),
  ``supplier-handbook==VERSION``; installed from a local folder, archive or in editable mode,
  there is nothing a new repository could install, so ``init`` asks for one of the options.

A placeholder host (``example.com`` and the like) is refused wherever it comes from.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import SplitResult, unquote, urlsplit

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from supplier_handbook import __version__

DISTRIBUTION = "supplier-handbook"
HOOK_ID = "handbook-check"

_SCP = re.compile(r"^(?P<user>[A-Za-z0-9._-]+)@(?P<host>[A-Za-z0-9.-]+):(?P<path>[^/][^:]*)$")
_SCHEMES = ("https", "http", "ssh", "file")
_HOST = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*"
                   r"[A-Za-z0-9])?)*$")
_PLACEHOLDER = re.compile(r"(^|\.)(example(\.(com|org|net))?|invalid|test)$", re.I)
_SAFE_PATH = re.compile(r"^[A-Za-z0-9._~/%+-]*$")


class ToolSourceError(ValueError):
    """No usable source for the tool: the message says why and what to give instead."""


@dataclass(frozen=True)
class ToolPin:
    """What a new handbook installs the tool from."""

    requirement: str
    """The line of ``requirements.txt``, e.g. ``supplier-handbook @ git+https://...@v0.1.0``."""
    repo: str | None
    """The git URL pre-commit clones the hook from; ``None`` for an index install, whose
    hook is a local one that pip-installs ``requirement``."""
    rev: str | None
    """The tag or commit of ``repo``."""
    origin: str
    """How the pin was found, in words, for the command's output."""
    warning: str | None = None
    """What the team should know about the pin (no release tag yet), for the output."""


def is_placeholder_host(host: str) -> bool:
    """``example.com``, ``git.example.org``, ``corp.example``, ``x.invalid``, ``x.test``."""
    return bool(_PLACEHOLDER.search(host.rstrip(".")))


def normalise_repo_url(url: str) -> str:
    """A git URL that both pip (after ``git+``) and pre-commit accept, or ``ToolSourceError``.

    Accepted: ``https://``, ``http://``, ``ssh://`` and ``file://`` URLs (a ``git+`` prefix is
    dropped), scp-style ``user@host:path``, which becomes ``ssh://user@host/path``, and an
    absolute folder path, which becomes a ``file://`` URL. File URLs are written as
    ``file://localhost/PATH``, the form older pip releases accept too.
    """
    given = url
    url = _as_url(given)
    parts = urlsplit(url)
    problem = _url_problem(url, parts)
    if problem is None and parts.scheme == "file":
        if parts.netloc in ("", "localhost") and parts.path.startswith("/"):
            # pip before 24.1 refuses git+file:///PATH (no host); git and pip both read this:
            return f"file://localhost{parts.path}"
        problem = "a file URL is file:///ABSOLUTE/PATH"
    if problem is None:
        problem = _remote_problem(parts)
    if problem is not None:
        raise ToolSourceError(f"--tool-repo {given!r}{problem}")
    return url


def _as_url(given: str) -> str:
    """``given`` without a ``git+`` prefix, a folder as a file URL, scp-style as ssh://."""
    url = given.strip()
    if url != given or not url:
        raise ToolSourceError(f"--tool-repo {given!r}: expected a git URL without spaces around it")
    if any(ch.isspace() for ch in url):
        raise ToolSourceError(f"--tool-repo {given!r}: a git URL has no spaces")
    url = url.removeprefix("git+")
    if url.startswith("/"):  # a clone of a repository on this machine: its folder
        url = Path(url).as_uri()
    scp = _SCP.match(url)
    if scp and "://" not in url:
        url = f"ssh://{scp['user']}@{scp['host']}/{scp['path']}"
    return url


def _url_problem(url: str, parts: SplitResult) -> str | None:
    """What pip or pre-commit would misread in any git URL (the message's tail), or None."""
    if parts.scheme not in _SCHEMES or "://" not in url:
        return (" is not a git URL (expected https://HOST/PATH, ssh://git@HOST/PATH, "
                "git@HOST:PATH or file:///PATH of the tool's git repository)")
    if parts.query or parts.fragment or "#" in url or "?" in url:
        return ": no '?' or '#' part, please (pip reads them as options)"
    if "@" in parts.path:
        return ": '@' in the path would be read by pip as the revision"
    if not _SAFE_PATH.match(parts.path):
        return ": the path has characters pip rejects"
    return None


def _remote_problem(parts: SplitResult) -> str | None:
    """What is wrong with the host, the credentials or the path of a remote URL, or None."""
    host = parts.hostname or ""
    if not _HOST.match(host):
        return f": {host or 'no host'!r} is not a host name"
    if is_placeholder_host(host):
        return (f": {host} is a placeholder host; give the address of your team's git "
                "repository of this tool")
    if parts.password is not None:
        return (": never write a password or token into the URL; CI gets access another way "
                "(see the README's section on private tool repositories)")
    if parts.scheme in ("http", "https") and parts.username is not None:
        return ": no user name in an http(s) URL"
    if parts.path.strip("/") == "":
        return ": the URL names no repository path"
    return None


def _requirement_ok(line: str) -> Requirement:
    try:
        req = Requirement(line)
    except InvalidRequirement as exc:
        raise ToolSourceError(f"{line!r} is not a pip requirement: {exc}") from None
    if canonicalize_name(req.name) != DISTRIBUTION:
        raise ToolSourceError(f"{line!r} names {req.name!r}, expected {DISTRIBUTION!r}")
    if req.url is not None:
        host = urlsplit(req.url.removeprefix("git+")).hostname or ""
        if is_placeholder_host(host):
            raise ToolSourceError(f"{line!r}: {host} is a placeholder host")
    elif not req.specifier:
        raise ToolSourceError(
            f"{line!r} pins no version (expected e.g. {DISTRIBUTION}=={__version__}): a bare "
            "name could be taken from pypi.org"
        )
    return req


def from_repo(url: str, rev: str | None = None) -> ToolPin:
    """The tool from a git repository, at ``rev`` (default: the release tag of this version)."""
    repo = normalise_repo_url(url)
    rev = rev or f"v{__version__}"
    requirement = f"{DISTRIBUTION} @ git+{repo}@{rev}"
    _requirement_ok(requirement)
    return ToolPin(requirement, repo, rev, f"the git repository {repo} at {rev}")


def from_requirement(line: str) -> ToolPin:
    """The tool as a complete pip requirement (e.g. from an internal index)."""
    line = line.strip()
    _requirement_ok(line)
    return ToolPin(line, None, None, f"the requirement {line}")


def _direct_url() -> dict[str, Any] | None:
    """The PEP 610 record of the installed distribution; ``None`` for an index install.
    Metadata in a source checkout (``*.egg-info``, never made by installing a wheel) counts
    as a local folder, like running without any metadata."""
    try:
        dist = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return {"dir_info": {}, "url": "(not installed as a distribution)"}
    where = str(getattr(dist, "_path", ""))
    if where.endswith(".egg-info"):
        return {"dir_info": {}, "url": Path(where).parent.as_uri()}
    text = dist.read_text("direct_url.json")
    if text is None:
        return None
    data = json.loads(text)
    return data if isinstance(data, dict) else {"url": str(data)}


_ASK = (
    "give --tool-repo with the git URL of your team's copy of this tool (it needs the "
    "release tag v{version}; see the README's Releases section), or --requirement "
    "'{name}=={version}' when it is on an internal package index"
)


def installed_pin() -> ToolPin:
    """What the running tool was installed from (PEP 610), or ``ToolSourceError``."""
    record = _direct_url()
    ask = _ASK.format(version=__version__, name=DISTRIBUTION)
    if record is None:
        return ToolPin(f"{DISTRIBUTION}=={__version__}", None, None,
                       f"the package index ({DISTRIBUTION} {__version__} is installed from it)")
    url = str(record.get("url", ""))
    vcs = record.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git":
        rev = vcs.get("requested_revision") or vcs.get("commit_id")
        try:
            pin = from_repo(url, str(rev) if rev else None)
        except ToolSourceError as exc:
            raise ToolSourceError(f"this tool was installed from git, but {exc}; {ask}") from None
        return ToolPin(pin.requirement, pin.repo, pin.rev,
                       f"the git repository this tool was installed from ({pin.repo} at "
                       f"{pin.rev})")
    dir_info = record.get("dir_info")
    if isinstance(dir_info, dict):
        how = "in editable mode" if dir_info.get("editable") else "from a local folder"
        raise ToolSourceError(
            f"this tool was installed {how} ({url}), which a new repository's CI cannot "
            f"install; {ask}"
        )
    raise ToolSourceError(
        f"this tool was installed from an archive ({url}), which a new repository's CI "
        f"cannot be pinned to; {ask}"
    )


GIT_TIMEOUT = 300
"""Seconds for one git command against the tool repository."""


def _git(*args: str, cwd: Path | None = None) -> str:
    """The output of a git command that never asks for a password, or ``ToolSourceError``."""
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "true"}
    try:
        done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True,
                              text=True, timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ToolSourceError(f"git {args[0]} could not run: {exc}") from None
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        raise ToolSourceError(f"git {args[0]} failed: {said[-1] if said else done.returncode}")
    return done.stdout


def remote_has_tag(repo: str, tag: str) -> bool:
    """Whether the git repository ``repo`` has the tag ``tag`` (``git ls-remote``)."""
    return bool(_git("ls-remote", "--tags", repo, f"refs/tags/{tag}").strip())


def _folder_commit(folder: Path) -> tuple[str | None, str]:
    """``(commit, "")`` of a git checkout whose tracked files are as committed, else
    ``(None, why not)``."""
    try:
        head = _git("-C", str(folder), "rev-parse", "--verify", "HEAD^{commit}").strip()
    except ToolSourceError:
        return None, f"its folder {folder} is not a git checkout with a commit"
    if _git("-C", str(folder), "status", "--porcelain", "--untracked-files=no").strip():
        return None, (f"its folder {folder} has uncommitted changes, so no commit holds what "
                      "is installed")
    return head, ""


def installed_commit() -> tuple[str | None, str]:
    """``(commit, how it is known)`` of the running tool: its PEP 610 ``vcs_info.commit_id``
    (installed from git), or the commit of the git checkout it was installed from (a local
    folder or an editable install, when its tracked files are as committed); else
    ``(None, why it is not known)``."""
    record = _direct_url()
    if record is None:
        return None, "it was installed from a package index"
    vcs = record.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("commit_id"):
        return str(vcs["commit_id"]), "the exact commit of the installed tool (its PEP 610 record)"
    parts = urlsplit(str(record.get("url", "")))
    if isinstance(record.get("dir_info"), dict) and parts.scheme == "file":
        folder = Path(unquote(parts.path))
        commit, why = _folder_commit(folder)
        if commit is None:
            return None, why
        return commit, f"the exact commit of the installed tool (its folder {folder} is at it)"
    return None, "its installation record names no commit"


def _has_commit(clone: Path, commit: str) -> bool:
    try:
        _git("cat-file", "-e", f"{commit}^{{commit}}", cwd=clone)
    except ToolSourceError:
        return False
    return True


def _on_remote(repo: str, commit: str) -> bool:
    """Whether the repository ``repo`` has ``commit`` (a branch or tag is at it, or it is in
    their history)."""
    if any(line.split("\t", 1)[0] == commit for line in _git("ls-remote", repo).splitlines()):
        return True
    with tempfile.TemporaryDirectory(prefix="handbook-tool-") as tmp:
        clone = Path(tmp) / "tool.git"
        _git("clone", "--quiet", "--bare", "--filter=blob:none", repo, str(clone))
        return _has_commit(clone, commit)


def verified_repo_pin(url: str) -> ToolPin:
    """The tool from the git repository ``url`` at a ref that exists there: the tag
    ``vVERSION`` when ``git ls-remote`` lists it; else the exact commit of the installed tool
    (``installed_commit``) when the repository has it. Raises ``ToolSourceError`` when the
    repository cannot be read or has neither: nothing is guessed."""
    pin = from_repo(url)
    assert pin.repo is not None and pin.rev is not None
    tag = pin.rev
    try:
        if remote_has_tag(pin.repo, tag):
            return replace(pin, origin=f"the git repository {pin.repo} at the tag {tag}, "
                           "which git ls-remote found there")
    except ToolSourceError as exc:
        raise ToolSourceError(
            f"--tool-repo {url!r}: {exc} (init checks that the pinned release exists there: "
            "check the address and your access to it, or give --requirement)") from None
    commit, how = installed_commit()
    if commit is None:
        raise ToolSourceError(
            f"--tool-repo {url!r} has no tag {tag} yet (git ls-remote), and the commit of the "
            f"installed tool is not known: {how}. Wait for the tool repository's CI to make "
            f"the tag (it does when main gets version {__version__}), install the tool from "
            "an unchanged clone of that repository (pip install .), or give --requirement")
    if not _on_remote(pin.repo, commit):
        raise ToolSourceError(
            f"--tool-repo {url!r} has no tag {tag} yet (git ls-remote), nor the commit "
            f"{commit[:12]} the installed tool comes from: push it there, or give "
            "--requirement")
    found = from_repo(url, commit)
    return replace(
        found,
        origin=f"the git repository {pin.repo} at commit {commit}, {how}",
        warning=(f"{pin.repo} has no tag {tag} yet (git ls-remote), so the tool is pinned to "
                 f"the exact commit of the installed tool ({commit[:12]}) rather than to an "
                 f"unchecked tag; once the release CI has tagged {tag}, you may change the pin "
                 f"to {tag} in requirements.txt and .pre-commit-config.yaml"),
    )
