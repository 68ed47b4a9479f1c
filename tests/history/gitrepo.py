"""Real git repositories for the history tests: a copy of the example handbook, commits by
named authors at fixed dates, and the built pages read back as text.

Every git process here runs without the user's or the system's git configuration, so a
signing key, a hook path or a default branch name on the machine cannot change a test.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner
from supplier_handbook.commands.cli import main

from tests.conftest import AS_OF_TEXT as AS_OF
from tests.conftest import copy_demo

QUIET = {"NO_MKDOCS_2_WARNING": "1"}
GIT_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_TERMINAL_PROMPT": "0",
    **QUIET,
}


@dataclass(frozen=True)
class Author:
    name: str
    email: str


ANA = Author("Ana Alvarez", "ana.alvarez@example.com")
BEN = Author("Ben Brooks", "ben.brooks@example.com")
CHLOE = Author("Chloé Dubois", "chloe.dubois@example.com")


def git_env(author: Author = ANA, date: str = "2026-06-01T10:00:00+02:00") -> dict[str, str]:
    return {
        **os.environ, **GIT_ENV,
        "GIT_AUTHOR_NAME": author.name, "GIT_AUTHOR_EMAIL": author.email,
        "GIT_COMMITTER_NAME": author.name, "GIT_COMMITTER_EMAIL": author.email,
        "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
    }


def git(cwd: Path, *args: str, author: Author = ANA, date: str = "2026-06-01T10:00:00+02:00",
        stdout_bytes: bool = False) -> str:
    """Run git in ``cwd``; a failure raises with git's own message."""
    done = subprocess.run(["git", *args], cwd=cwd, env=git_env(author, date),
                          capture_output=True, check=False)
    assert done.returncode == 0, (
        f"git {' '.join(args)} failed ({done.returncode}): "
        f"{done.stderr.decode('utf-8', 'replace')}"
    )
    return done.stdout.decode("utf-8")


def git_bytes(cwd: Path, *args: str) -> bytes:
    done = subprocess.run(["git", *args], cwd=cwd, env=git_env(), capture_output=True,
                          check=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    return done.stdout


def commit(repo: Path, subject: str, author: Author, date: str, tag: str | None = None) -> str:
    """Stage everything, commit as ``author`` at ``date`` (ISO 8601 with offset); the sha."""
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", subject, author=author, date=date)
    if tag:
        git(repo, "tag", tag)
    return git(repo, "rev-parse", "HEAD").strip()


def init_handbook(repo: Path) -> Path:
    """A copy of the example handbook in a new git repository (nothing committed)."""
    copy_demo(repo)
    git(repo, "init", "-q", "-b", "main")
    return repo


def replace(path: Path, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` (which must occur exactly ``count`` times) by ``new`` in ``path``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == count, f"{path.name}: {old!r} occurs {text.count(old)} times"
    path.write_text(text.replace(old, new), encoding="utf-8")


def cut(path: Path, start: str, end: str) -> str:
    """Remove the text from ``start`` up to (not including) ``end``; returns what was cut."""
    text = path.read_text(encoding="utf-8")
    i = text.index(start)
    j = text.index(end, i)
    path.write_text(text[:i] + text[j:], encoding="utf-8")
    return text[i:j]


def insert_before(path: Path, anchor: str, block: str) -> None:
    replace(path, anchor, block + anchor)


def set_option(config: Path, option: str, value: str) -> None:
    """Add ``option: value`` to the handbook plugin's options in ``config``."""
    replace(config, "      suppliers_dir: suppliers\n",
            f"      suppliers_dir: suppliers\n      {option}: {value}\n")


def build(repo: Path, site: Path, *extra: str, env: dict[str, str] | None = None) -> str:
    """``handbook build --as-of AS_OF`` of ``repo`` into ``site``; must succeed."""
    result = CliRunner().invoke(
        main,
        ["build", "--as-of", AS_OF, "-f", str(repo / "mkdocs.yml"), "--site-dir", str(site),
         *extra],
        catch_exceptions=False, env={**QUIET, **(env or {})},
    )
    assert result.exit_code == 0, result.output
    return result.output


# --- reading the built pages -------------------------------------------------------------

_BLOCKS = {"p", "li", "tr", "div", "h1", "h2", "h3", "h4", "ul", "ol", "table", "br",
           "td", "th", "admonition"}
_VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col"}


class _Article(HTMLParser):
    """The article's text (blocks on their own lines) and its tables (cells as text, a
    ``<br>`` inside a cell as a newline). A cell's column name (``span.hb-l``), which only a
    phone shows, is left out, as a desktop browser leaves it out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hidden = 0  # inside a span.hb-l: its depth
        self.depth = 0
        self.parts: list[str] = []
        self.tables: list[list[list[str]]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.hidden:
            self.hidden += tag not in _VOID
            return
        if tag == "span" and "hb-l" in (dict(attrs).get("class") or "").split():
            self.hidden = 1
            return
        if tag == "article" or self.depth:
            if tag not in _VOID:
                self.depth += 1
            if tag in _BLOCKS:
                self.parts.append("\n")
            if tag == "table":
                self.tables.append([])
            elif tag == "tr" and self.tables:
                self.tables[-1].append([])
            elif tag in ("td", "th"):
                self.cell = []
            elif tag == "br" and self.cell is not None:
                self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.hidden:
            self.hidden -= tag not in _VOID
            return
        if not self.depth or tag in _VOID:
            return
        self.depth -= 1
        if tag in _BLOCKS:
            self.parts.append("\n")
        if tag in ("td", "th") and self.cell is not None and self.tables:
            text = "\n".join(" ".join(line.split()) for line in "".join(self.cell).split("\n"))
            self.tables[-1][-1].append(text)
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.depth and not self.hidden:
            self.parts.append(data)
            if self.cell is not None:
                self.cell.append(data)


@dataclass(frozen=True)
class Page:
    html: str
    text: str  # the article, one block a line, whitespace folded
    tables: list[list[list[str]]]

    def table(self, *header: str) -> list[list[str]]:
        """The body rows of the table whose header row is ``header``."""
        for rows in self.tables:
            if rows and tuple(rows[0]) == header:
                return rows[1:]
        raise AssertionError(f"no table with header {header}; tables: "
                             f"{[t[0] for t in self.tables if t]}\n{self.text}")

    def row(self, label: str) -> str:
        """The value cell of the first two-column row whose first cell is ``label``."""
        for rows in self.tables:
            for cells in rows:
                if cells and cells[0] == label:
                    return cells[1]
        raise AssertionError(f"no row {label!r}\n{self.text}")

    def section(self, heading: str) -> str:
        """The text under the h2 ``heading``, up to the next h2."""
        html = re.search(
            rf'<h2 id="[^"]*">{re.escape(heading)}<a class="headerlink".*?</h2>'
            r"(.*?)(?=<h2 |</article>)",
            self.html, re.S,
        )
        assert html, f"no section {heading!r}\n{self.text}"
        return read_html(html.group(1), whole=True).text


def read_html(html: str, whole: bool = False) -> Page:
    parser = _Article()
    if whole:
        parser.depth = 1
    parser.feed(html)
    lines = (" ".join(line.split()) for line in "".join(parser.parts).split("\n"))
    return Page(html, "\n".join(line for line in lines if line), parser.tables)


def page(site: Path, path: str) -> Page:
    """The built page ``path`` (e.g. ``suppliers/vantor-elektronika``) of ``site``."""
    return read_html((site / path / "index.html").read_text(encoding="utf-8"))
