"""MkDocs' warnings, shown by ``handbook build`` with what to do about them.

MkDocs logs its warnings (a broken link, a page missing from the nav) and, in strict mode,
ends with only ``Aborted with N warnings in strict mode!``. ``handbook build`` collects them
while it builds and prints each one, so that a failed strict build names its cause; a
warning about a generated supplier page also names the supplier file it comes from.
"""

from __future__ import annotations

import logging
import re
from types import TracebackType

from supplier_handbook.base.problems import display_path

_SUPPLIER_PAGE = re.compile(r"'suppliers/([a-z0-9]+(?:-[a-z0-9]+)*)(?:\.md|/handover\.md)'")
_OWN_SUMMARY = re.compile(r"^Aborted with \d+ warnings? in strict mode!?$")


class MkDocsWarnings(logging.Handler):
    """Collects the warnings and errors MkDocs logs while the ``with`` block runs."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        self._logger = logging.getLogger("mkdocs")

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith("mkdocs.plugins.handbook"):
            return  # the handbook's own problems are printed by the check
        message = record.getMessage()
        if not _OWN_SUMMARY.match(message.strip()):
            self.messages.append(message)

    def __enter__(self) -> MkDocsWarnings:
        self._logger.addHandler(self)
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self._logger.removeHandler(self)

    def lines(self) -> list[str]:
        """Each warning as ``warning: ...``, with the supplier file behind a supplier page."""
        out = []
        for message in self.messages:
            text = display_path(" ".join(message.split()))  # no escape sequence, no line
            page = _SUPPLIER_PAGE.search(text)
            if page is not None and "link" in text:
                text += (f" (the link is written in the supplier file {page.group(1)}.yaml; "
                         "`handbook check` shows its line and column)")
            out.append(f"warning: {text}")
        return out
