"""The commands that start a handbook and edit it: ``init``, ``new``, ``serve``."""

from __future__ import annotations

import datetime as dt
import errno
import logging
import signal
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from urllib.parse import urlsplit

import click

from supplier_handbook.base.problems import display_path
from supplier_handbook.commands.options import AS_OF, CONFIG, START_HINT, config_path

_INIT_HELP = """Create a handbook repository in FOLDER (default: here).

FOLDER may be new, empty, or an existing repository (README.md, LICENSE, .git, a
.gitignore...): only the missing files are added, nothing is overwritten, the files kept
are listed, and the handbook's lines are appended to an existing .gitignore.

requirements.txt and .pre-commit-config.yaml pin this tool where it was installed from
(its PEP 610 record): installed from git, the same URL at the same tag or commit; from a
package index, supplier-handbook==VERSION. Installed from a local folder or in editable
mode there is nothing a new repository could install: give --tool-repo (the team's git
repository of this tool) or --requirement. The pin is never a ref nobody checked: with
--tool-repo, the tag vVERSION when `git ls-remote` finds it there; while it is missing
(the tool repository's CI makes it on main), the exact commit of the installed tool (from
git, or from an unchanged clone) when that repository has it, and init says so.

\b
Examples:
  handbook init ourhandbook
  handbook init . --tool-repo "$(git -C ../supplier-handbook remote get-url origin)"
  handbook init . --tool-repo git@github.com:ORG/supplier-handbook.git
  handbook init . --requirement 'supplier-handbook==0.1.0'
  handbook init . --tool-repo URL --repo-url https://github.com/ORG/handbook
"""


@click.command(help=_INIT_HELP)
@click.argument("folder", type=click.Path(path_type=Path), default=Path("."))
@click.option("--tool-repo", default=None, metavar="GIT_URL",
              help="The git repository new handbooks install this tool from, pinned at the "
              "tag of this version: https://HOST/PATH, ssh://git@HOST/PATH, git@HOST:PATH "
              "(becomes ssh://), file:///PATH or a folder path.")
@click.option("--requirement", default=None, metavar="LINE",
              help="A complete pip requirement instead, e.g. 'supplier-handbook==0.1.0' "
              "from an internal package index.")
@click.option("--repo-url", default=None, metavar="URL",
              help="The address of this handbook's own repository (GitHub or GitLab, e.g. "
              "https://github.com/ORG/handbook): sets repo_url and edit_uri in mkdocs.yml, "
              "so that pages link to their file in the web editor.")
@click.option("--forge", type=click.Choice(["github", "gitlab"]), default=None,
              help="GitHub or GitLab, for a --repo-url whose host name does not say.")
@click.option("--branch", default="main", show_default=True,
              help="The branch edit links open (with --repo-url).")
def init(folder: Path, tool_repo: str | None, requirement: str | None, repo_url: str | None,
         forge: str | None, branch: str) -> None:
    from supplier_handbook.adopt.repolink import RepoLink, RepoLinkError, repo_link
    from supplier_handbook.adopt.scaffold import TargetNotFolderError, init_handbook
    from supplier_handbook.adopt.toolpin import (
        ToolSourceError,
        from_requirement,
        installed_pin,
        verified_repo_pin,
    )
    from supplier_handbook.base.problems import plural

    if tool_repo is not None and requirement is not None:
        raise click.UsageError("give --tool-repo or --requirement, not both")
    link: RepoLink | None = None
    if repo_url is not None:
        try:
            link = repo_link(repo_url, forge, branch)
        except RepoLinkError as exc:
            raise click.UsageError(str(exc)) from None
    try:
        if tool_repo is not None:
            pin = verified_repo_pin(tool_repo)
        elif requirement is not None:
            pin = from_requirement(requirement)
        else:
            pin = installed_pin()
    except ToolSourceError as exc:
        raise click.UsageError(str(exc)) from None
    try:
        done = init_handbook(folder, dt.date.today(), pin, link)
    except TargetNotFolderError as exc:
        raise click.UsageError(str(exc)) from None
    click.echo(f"wrote {plural(len(done.written), 'file')} into {folder}")
    if done.kept:
        click.echo(f"kept, as they were: {', '.join(done.kept)}")
    if done.appended:
        click.echo(f"added the handbook's lines to: {', '.join(done.appended)}")
    if done.steps is not None:
        where = ("; your README.md was kept: link it from there"
                 if "README.md" in done.kept else "")
        click.echo(f"the steps to set up, edit and review are in {done.steps} (GitHub and "
                   f"GitLab show it on every pull request){where}")
    else:
        click.echo("the steps to set up, edit and review were not written: "
                   "CONTRIBUTING.md and CONTRIBUTING-handbook.md exist already")
    if link is not None and "mkdocs.yml" in done.written:
        click.echo(f"edit links: mkdocs.yml sets repo_url: {link.repo_url} and edit_uri: "
                   f"{link.edit_uri}")
    elif link is not None:
        click.echo(f"mkdocs.yml was kept: for edit links, add repo_url: {link.repo_url} and "
                   f"edit_uri: {link.edit_uri} to it")
    click.echo(f"the tool is pinned to {pin.requirement}")
    click.echo(f"  ({pin.origin})")
    if pin.warning:
        click.echo(f"note: {pin.warning}")
    step = "" if folder.resolve() == Path.cwd().resolve() else f"cd {folder} && "
    click.echo("next:")
    click.echo(f"  {step}python3 -m venv .venv && . .venv/bin/activate")
    click.echo("  pip install -r requirements.txt")
    click.echo("  handbook new SLUG        # a commented starter file for your first supplier")
    click.echo("  handbook serve           # the site with live reload")


@click.command()
@click.argument("slug")
@click.option("--dir", "folder", type=click.Path(path_type=Path), default=Path("suppliers"),
              show_default=True, help="Folder of the supplier files.")
def new(slug: str, folder: Path) -> None:
    """Write a commented starter file suppliers/SLUG.yaml (never overwrites).

    It shows an example of every section; its placeholder values fail the check until
    they are replaced.
    """
    from supplier_handbook.edit.starter import suggest_slug, write_starter
    from supplier_handbook.model.supplier import SLUG_RE

    if not SLUG_RE.match(slug):
        suggestion = suggest_slug(slug)
        hint = f"; for this name: handbook new {suggestion}" if suggestion else ""
        raise click.UsageError(
            f"{display_path(repr(slug))} is not a slug (expected lowercase letters and digits "
            f"joined by single hyphens, e.g. acme-castings){hint}"
        )
    target = folder / f"{slug}.yaml"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        write_starter(target, slug, dt.date.today())
    except FileExistsError:
        raise click.UsageError(f"{target} exists already; it is not overwritten") from None
    except OSError as exc:
        raise click.UsageError(f"{target}: not written ({exc.strerror or exc})") from None
    click.echo(f"wrote {target}; replace its placeholders (the check lists them), then run: "
               f"handbook check {target}")


def serve_address(dev_addr: str, site_url: str | None) -> str:
    """The address ``mkdocs serve`` answers on: the dev address plus site_url's path."""
    host, _, port = dev_addr.rpartition(":")
    path = urlsplit(site_url or "/").path or "/"
    if not path.endswith("/"):
        path += "/"
    return f"http://{host or '127.0.0.1'}:{port}{path}"


def port_problem(host: str, port: int) -> str | None:
    """Why ``handbook serve`` could not listen on ``host:port``, or ``None``: judged before
    the first build, binding as the server will (``SO_REUSEADDR``)."""
    shown = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    other = f"{host}:{port + 1}" if ":" not in host else f"[{host}]:{port + 1}"
    hint = f"serve on another address with -a HOST:PORT, e.g. -a {other}"
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM)[0]
    except (OSError, UnicodeError) as exc:
        return f"cannot serve on {shown}: {exc}; {hint}"
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return (f"{shown} is in use already (another `handbook serve`?); {hint}")
            return f"cannot serve on {shown}: {exc.strerror or exc}; {hint}"
    return None


DIRTY_NOTE = (
    "a save rebuilds only the pages it changes (MkDocs' 'dirty' build, whose warning about "
    "inaccurate navigation is not shown: the handbook's navigation is fixed in mkdocs.yml "
    "and its generated pages are rebuilt whenever their content changes; after changing "
    "mkdocs.yml, restart serve)"
)
_DIRTY_WARNING = "A 'dirty' build is being performed"


class _NoDirtyWarning(logging.Filter):
    """Drops MkDocs' warning about dirty builds, printed before every rebuild of a serve;
    ``DIRTY_NOTE`` says once what it means for the handbook."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(_DIRTY_WARNING)


@contextmanager
def quiet_dirty_builds() -> Iterator[None]:
    """Within the block, MkDocs' dirty-build warning is not logged."""
    logger = logging.getLogger("mkdocs.commands.build")
    quiet = _NoDirtyWarning()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


def _as_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


@contextmanager
def stop_on_signals_as_on_ctrl_c() -> Iterator[None]:
    """SIGTERM and SIGHUP end the block as Ctrl+C does (``KeyboardInterrupt``), so that the
    server's clean-up runs (MkDocs' and the plugin's temporary folders are removed)."""
    wanted = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {}
    try:
        for sig in wanted:
            previous[sig] = signal.signal(sig, _as_interrupt)
    except ValueError:  # not the main thread: leave the handlers as they are
        pass
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@click.command()
@CONFIG
@AS_OF
@click.option("--dev-addr", "-a", default="127.0.0.1:8000", show_default=True,
              help="Address to serve on.")
def serve(config_file: Path, as_of: dt.date | None, dev_addr: str) -> None:
    """Serve the handbook with live reload (saving a supplier file rebuilds it).

    A supplier file with errors never stops the server: the last good site stays served,
    and every page shows the located errors until the file is fixed.
    """
    from mkdocs.commands.serve import serve as mkdocs_serve

    from supplier_handbook.site.config import (
        as_of_for_run,
        handbook_plugin,
        load_handbook_config,
        suppliers_folder,
    )
    from supplier_handbook.site.watching import event_server

    config_file = config_path(config_file)
    # loaded here for its address and to report a bad option before the server starts;
    # ``mkdocs serve`` then loads it for each build it makes
    config = load_handbook_config(config_file, dev_addr=dev_addr)
    options = handbook_plugin(config).config
    folder = suppliers_folder(config, options)
    if options.enabled and not folder.is_dir():  # judged before the server starts
        raise click.UsageError(f"{display_path(str(folder))}: no such folder; {START_HINT}")
    problem = port_problem(config.dev_addr.host, config.dev_addr.port)
    if problem is not None:  # said before the first build, not after it
        raise click.UsageError(problem)
    site_url = config.site_url
    click.echo(f"serving the handbook on {serve_address(dev_addr, site_url)} "
               "(saving a file rebuilds it; Ctrl+C stops)")
    click.echo(f"  ({DIRTY_NOTE})")
    # dirty: MkDocs rebuilds only the pages whose source changed; the plugin writes the
    # generated pages to a cache folder, rewriting only those whose text changed
    # the server hears a save through the file system's events, not by polling
    with as_of_for_run(as_of), event_server(), quiet_dirty_builds(), \
            stop_on_signals_as_on_ctrl_c():
        mkdocs_serve(str(config_file), dev_addr=dev_addr, build_type="dirty")
