"""``handbook init --repo-url URL``: where the team's handbook repository is browsed, for the
``repo_url`` and ``edit_uri`` of its ``mkdocs.yml`` (the "Edit this page" links open the
file in the git host's web editor).

GitHub and GitLab write the editor's address differently: ``URL/edit/BRANCH/PATH`` and
``URL/-/edit/BRANCH/PATH``. The host's name tells which (``github`` or ``gitlab`` in it),
or ``--forge`` does for a host whose name does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from supplier_handbook.adopt.toolpin import is_placeholder_host

FORGES = ("github", "gitlab")
DOCS_DIR = "content"
"""The ``docs_dir`` of the ``mkdocs.yml`` that ``init`` writes."""
_SCP = re.compile(r"^(?:[A-Za-z0-9._-]+@)?(?P<host>[A-Za-z0-9.-]+):(?P<path>[^/][^:]*)$")
_PATH = re.compile(r"^/[A-Za-z0-9._~%+-]+(/[A-Za-z0-9._~%+-]+)+$")


class RepoLinkError(ValueError):
    """The URL or the forge cannot give edit links; the message says why."""


@dataclass(frozen=True)
class RepoLink:
    repo_url: str
    """``https://HOST/ORG/REPO``, as a browser opens it."""
    forge: str
    branch: str

    @property
    def edit_uri(self) -> str:
        """Relative to ``repo_url``: the web editor of a file of ``docs_dir`` on ``branch``."""
        prefix = "-/edit" if self.forge == "gitlab" else "edit"
        return f"{prefix}/{self.branch}/{DOCS_DIR}/"

    def settings(self) -> str:
        """The lines of ``mkdocs.yml`` that set both."""
        return ("# Where this handbook's files live (handbook init --repo-url): each page's\n"
                "# edit link opens its file in the web editor, on the branch named here.\n"
                f"repo_url: {self.repo_url}\n"
                f"edit_uri: {self.edit_uri}\n")


def _address(given: str) -> str:
    """``https://HOST[:PORT]/PATH`` of the repository, from any form ``--repo-url`` takes."""
    url = given.strip()
    scp = _SCP.match(url)
    if scp and "://" not in url:
        url = f"https://{scp['host']}/{scp['path']}"
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http", "ssh") or not parts.hostname:
        raise RepoLinkError(f"--repo-url {given!r}: expected the repository's address, e.g. "
                            "https://github.com/ORG/REPO or https://gitlab.HOST/GROUP/REPO")
    host = parts.hostname
    if parts.password or (parts.username and parts.scheme != "ssh"):
        raise RepoLinkError(f"--repo-url {given!r}: no user name or token in the address")
    if is_placeholder_host(host):
        raise RepoLinkError(f"--repo-url {given!r}: {host} is a placeholder host")
    path = parts.path.rstrip("/").removesuffix(".git")
    if not _PATH.match(path) or parts.query or parts.fragment:
        raise RepoLinkError(f"--repo-url {given!r}: expected /ORG/REPO after the host")
    scheme = "http" if parts.scheme == "http" else "https"
    port = f":{parts.port}" if parts.port and parts.scheme != "ssh" else ""
    return f"{scheme}://{host}{port}{path}"


def _forge(given: str, address: str, forge: str | None) -> str:
    host = urlsplit(address).hostname or ""
    if forge is None:
        named = [f for f in FORGES if f in host.lower()]
        if len(named) != 1:
            raise RepoLinkError(
                f"--repo-url {given!r}: cannot tell from {host} whether it is GitHub or "
                "GitLab; add --forge github or --forge gitlab")
        return named[0]
    if forge not in FORGES:
        raise RepoLinkError(f"--forge {forge!r}: expected one of {', '.join(FORGES)}")
    return forge


def repo_link(url: str, forge: str | None = None, branch: str = "main") -> RepoLink:
    """The ``RepoLink`` of the team's repository ``url`` (https, ssh or scp-style, with or
    without ``.git``), or ``RepoLinkError``."""
    address = _address(url)
    found = _forge(url, address, forge)
    if not re.fullmatch(r"[A-Za-z0-9._/-]+", branch) or ".." in branch:
        raise RepoLinkError(f"--branch {branch!r} is not a branch name")
    return RepoLink(address, found, branch)
