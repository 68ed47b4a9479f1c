"""Supplier text -> safe HTML, the same for every builder and every Markdown extension.

Three steps, each linear in the length of the text:

1. ``markdown-it-py`` (CommonMark) with only the constructs the format allows: paragraphs,
   emphasis, inline code, lists and links (plus backslash escapes and line breaks). Raw
   HTML, headings, quotes, code blocks, tables, images, entities and reference definitions
   are not parsed: their characters are text.
2. ``nh3`` (the Ammonia sanitiser) keeps only the tags below, no attribute but ``href`` on
   ``a``, and only http, https and mailto URLs or relative ones.
3. The sanitised HTML is written out again on one line (``inert``): every character that
   Markdown or one of its common extensions gives a meaning to, in the text and in the
   ``href``, becomes a numeric character reference (``*`` -> ``&#42;``). Whatever reads
   the generated page next (Python-Markdown with any extension: attr_list, md_in_html,
   pymdownx.blocks, toc, snippets, tables; Zensical; a macro plugin) finds only tags, which
   it keeps as raw HTML, and text it has no construct for. The browser shows the text as
   written.

Plain text (names, roles, categories) takes step 3 alone: it is shown exactly as written.
"""

from __future__ import annotations

import functools
import html
import posixpath
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import nh3
from markdown_it import MarkdownIt

TAGS = frozenset({"p", "em", "strong", "code", "ul", "ol", "li", "a", "br"})
SCHEMES = frozenset({"http", "https", "mailto"})
_VOID = frozenset({"br"})
# What markdown-it reads: everything else in a text field is text.
_RULES = ["list", "emphasis", "backticks", "link", "autolink", "escape", "newline"]
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"</p>\s*<p>")
_BROWSER_DROPS = re.compile(r"[\x00-\x20\x7f-\x9f<>]")
_PUNCTUATION = frozenset(map(chr, [*range(0x21, 0x30), *range(0x3A, 0x41), *range(0x5B, 0x61),
                                   *range(0x7B, 0x7F)]))
_CM_INLINE = re.compile(r"[\\`*_\[\]<&~|$@]")
_CM_START = re.compile(r"^(\d*)([#=+\->]|(?<=\d)[.)])")
_PUNCT_RE = re.compile("[" + re.escape("".join(sorted(_PUNCTUATION))) + "]")
_MARKUP = re.compile(r"[\\`*_{}\[\]<#+|~^=$@&]|:(?=\S)")
_START = re.compile(r"^( ?\d+)([.)])|^( ?)([-!?:/>])")


def is_safe_url(target: str) -> bool:
    """http, https, mailto, or a relative link; judged the way a browser reads it (character
    references decoded, control characters and spaces dropped). Only such a target becomes
    a link at all; nh3 checks the result again."""
    plain = _BROWSER_DROPS.sub("", html.unescape(html.unescape(target)))
    scheme = _SCHEME.match(plain)
    return scheme is None or scheme.group(1).lower() in SCHEMES


@dataclass(frozen=True)
class LinkBase:
    """The page a text is shown on (its path in the site's source, ``suppliers/acme.md``),
    so that a relative link written in the text is turned into the URL MkDocs would give
    it: raw HTML is not rewritten by MkDocs."""

    page: str
    directory_urls: bool = True

    def url(self, path: str) -> str:
        """The URL (relative to the site's root) of the source file ``path``."""
        if not path.endswith(".md"):
            return path
        stem = path[:-3]
        if not self.directory_urls:
            return stem + ".html"
        if stem == "index" or stem.endswith("/index"):
            return stem[:-5]
        return stem + "/"

    def resolve(self, href: str) -> str:
        """``href`` as written in the page's source -> as the browser needs it on the page."""
        if not href or _SCHEME.match(href) or href.startswith(("/", "#", "?")):
            return href
        cut = min((i for i in (href.find("#"), href.find("?")) if i >= 0), default=len(href))
        path, rest = href[:cut], href[cut:]
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.page), path))
        if target == ".." or target.startswith("../"):
            return href  # outside the site's source: MkDocs keeps such a link as written
        url, here = self.url(target), self.url(self.page)
        folder = here if here.endswith("/") or not here else posixpath.dirname(here)
        relative = posixpath.relpath(url or ".", folder.rstrip("/") or ".")
        if url.endswith("/") or not url:
            relative = "./" if relative == "." else relative + "/"
        return relative + rest


_BASE: ContextVar[LinkBase | None] = ContextVar("link_base", default=None)


@contextmanager
def links_from(page: str, directory_urls: bool = True) -> Iterator[None]:
    """Render text for the page ``page`` (see ``LinkBase``) inside this block."""
    token = _BASE.set(LinkBase(page, directory_urls))
    try:
        yield
    finally:
        _BASE.reset(token)


def _parser() -> MarkdownIt:
    parser = MarkdownIt("zero", {"html": False, "linkify": False, "typographer": False,
                                 "breaks": False, "maxNesting": 20})
    parser.enable(_RULES)
    parser.validateLink = is_safe_url  # type: ignore[method-assign,assignment]
    return parser


_MD = _parser()


def inert(text: str, start: bool = True) -> str:
    """Text that no Markdown processor or HTML parser can read as anything but text: white
    space collapsed to single spaces, control characters replaced, and as numeric character
    references every character that Markdown or one of its common extensions gives a
    meaning to (``*`` -> ``&#42;``), plus, at the start, one that could open a block there
    (``-``, ``!``, ``?``, ``:``, ``/``, ``>``, the ``.`` or ``)`` of ``1.``). What is left (letters,
    digits, spaces, ``,.;'"()/%>`` and a ``:`` before a space) means nothing to any of them."""
    text = _SPACES.sub(" ", _CONTROLS.sub("\ufffd", text))
    text = _MARKUP.sub(_reference, text)
    return _START.sub(_start_reference, text, count=1) if start else text


def _start_reference(m: re.Match[str]) -> str:
    lead, char = (m.group(1), m.group(2)) if m.group(2) else (m.group(3), m.group(4))
    return f"{lead}&#{ord(char)};"


def inert_attribute(value: str) -> str:
    """An attribute value with every ASCII punctuation character as a reference."""
    return _PUNCT_RE.sub(_reference, _SPACES.sub(" ", _CONTROLS.sub("", value)))


def _reference(m: re.Match[str]) -> str:
    return "".join(f"&#{ord(c)};" for c in m.group(0))


class _Inert(HTMLParser):
    """Re-writes sanitised HTML with every text and attribute value made ``inert``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:  # nh3 allows no other; never trust a second parser's view
            return
        base = _BASE.get()
        values = "".join(
            f' {k}="{inert_attribute(base.resolve(v or "") if base else v or "")}"'
            for k, v in attrs if (tag, k) == ("a", "href"))
        self.out.append(f"<{tag}{values}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in TAGS and tag not in _VOID:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(inert(data, start=not self.out))


def sanitise(fragment: str) -> str:
    """HTML -> the allowed tags and links only, written out inert on one line."""
    clean = nh3.clean(fragment, tags=set(TAGS), attributes={"a": {"href"}},
                      url_schemes=set(SCHEMES), link_rel=None, strip_comments=True,
                      clean_content_tags={"script", "style"})
    writer = _Inert()
    writer.feed(clean)
    writer.close()
    return "".join(writer.out).strip()


_MEMO_LIMIT = 1 << 17  # texts remembered per table; the table starts again when full
_UNLINKED: dict[str, str] = {}  # text -> its HTML when that holds no link (any page)
_LINKED: dict[tuple[str, LinkBase | None], str] = {}  # (text, page) -> its HTML with links


def _remember(table: dict[Any, str], key: Any, value: str) -> None:
    if len(table) >= _MEMO_LIMIT:
        table.clear()
    table[key] = value


def markdown_html(text: str) -> str:
    """A Markdown text field as safe HTML blocks (``<p>``, ``<ul>``...), on one line.

    A pure function of the text and, for a text with links, of the page it is shown on
    (``links_from``): each result is remembered, so a text shown on several pages, or on
    the pages a rebuild of ``mkdocs serve`` renders again, is parsed and sanitised once."""
    out = _UNLINKED.get(text)
    if out is not None:
        return out
    base = _BASE.get()
    out = _LINKED.get((text, base))
    if out is None:
        out = sanitise(_MD.render(_CONTROLS.sub("\ufffd", text)))
        if "<a" in out:  # only the tag can hold it: a text "<" is written "&#60;"
            _remember(_LINKED, (text, base), out)
        else:
            _remember(_UNLINKED, text, out)
    return out


def markdown_inline_html(text: str) -> str:
    """A Markdown text field inside a line of the page (a table cell, a list item): the
    same, with its paragraphs as lines (``<br>``) instead of paragraphs of their own."""
    out = _PARAGRAPH_BREAK.sub("<br>", markdown_html(text))
    return out.replace("<p>", "").replace("</p>", "")


_BLOCK_TAG = re.compile(r"</?(?:p|ul|ol|li|br)\b[^>]*>")
_INLINE_TAG = re.compile(r"<[^>]+>")


def markdown_text(text: str) -> str:
    """A Markdown text field as the plain text a reader sees (``*before*`` -> ``before``,
    a link -> its words), on one line: for search entries and other plain-text places."""
    out = _INLINE_TAG.sub("", _BLOCK_TAG.sub(" ", markdown_html(text)))
    return _SPACES.sub(" ", html.unescape(out)).strip()


@functools.lru_cache(maxsize=_MEMO_LIMIT)
def plain_html(text: str) -> str:
    """Plain text as written, never markup (remembered: names repeat on many pages)."""
    return inert(text).strip()


def title_text(text: str, quote: bool = True) -> str:
    """Text for a slot that MkDocs or the theme prints unescaped into HTML (a page title,
    ``site_name``): on one line, ``<``, ``>`` and ``&`` escaped, and ``"`` too with
    ``quote`` (the theme also prints ``site_name`` into double-quoted attributes). An
    apostrophe stays as written: no attribute of the theme is single-quoted."""
    text = html.escape(" ".join(_CONTROLS.sub("\ufffd", text).split()), quote=False)
    return text.replace('"', "&quot;") if quote else text


def commonmark_text(text: str) -> str:
    """Plain text for a CommonMark (GitHub, GitLab) document of its own, such as a
    pull-request comment: on one line, with a backslash before every character that could
    open emphasis, code, a link, raw HTML, a comment, a mention or math, and before a first
    character that could open a block (``#``, ``>``, ``-``, ``+``, ``1.``). A value then
    cannot add a line, a heading, a list or hidden text of its own."""
    text = _SPACES.sub(" ", _CONTROLS.sub("\ufffd", text)).strip()
    text = _CM_INLINE.sub(r"\\\g<0>", text)
    return _CM_START.sub(r"\g<1>\\\g<2>", text, count=1)
