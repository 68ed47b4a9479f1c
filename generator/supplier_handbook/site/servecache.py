"""What lets ``mkdocs serve --dirty`` (and ``handbook serve``) rebuild only what a save changed.

MkDocs' dirty rebuild skips a page when its output is newer than its source file. Generated
pages held in memory have no source file, so every page was rebuilt after every save.
``PageCache`` writes the generated pages into a folder of its own (a fresh temporary folder,
removed when serve ends) and rewrites a file only when its text changed: the supplier that
was saved and the pages that list it. ``Navigation`` gives pages that were not read again
their titles of the last build (the search index is ``search``'s, made from the whole built
site). ``prune`` removes the built pages of suppliers
that are gone, so that nothing stale is served.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache


class PageCache:
    """Generated pages as files, each rewritten only when its text changed."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="handbook-pages-"))
        self._texts: dict[str, str] = {}
        self.rewritten: list[str] = []  # what the last ``write`` changed on disk
        self.templates = TemplateCode()  # the theme's compiled templates

    def write(self, pages: dict[str, str]) -> dict[str, Path]:
        """Bring the folder to ``pages``; returns the file of every page."""
        self.rewritten = []
        files: dict[str, Path] = {}
        for path, text in pages.items():
            target = self.folder / path
            files[path] = target
            if self._texts.get(path) == text:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".{target.name}.partial")
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, target)
            self.rewritten.append(path)
        for gone in set(self._texts) - set(pages):
            (self.folder / gone).unlink(missing_ok=True)
        self._texts = dict(pages)
        return files

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def prune(previous: dict[str, str], current: dict[str, str]) -> list[str]:
    """Remove the built files (``src_uri -> abs_dest_path``) of generated pages that this
    build no longer has; returns what was removed."""
    removed = []
    for src, dest in previous.items():
        if src not in current and os.path.isfile(dest):
            os.remove(dest)
            removed.append(dest)
    return removed


class TemplateCode(BytecodeCache):
    """Compiled Jinja templates kept in memory for the whole ``mkdocs serve``: MkDocs makes
    the theme's environment again for every rebuild, and compiling the theme's templates
    took a good share of a rebuild after one save. A template is keyed by its name and
    checked against its source's checksum (Jinja's ``Bucket``), so an edited template is
    compiled again."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}
        self.compiled = 0  # templates compiled (not found here) since the serve began

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled += 1
        self._code[bucket.key] = bucket.bytecode_to_string()
