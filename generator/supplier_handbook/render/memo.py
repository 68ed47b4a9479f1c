"""What the renderer keeps across the rebuilds of ``mkdocs serve`` (a leaf of ``render``).

``Keep`` is how a listing gets a supplier's rows: made afresh (``fresh``, a build), or kept
by their key and inputs (``PageMemo.value``, a serve). ``PageMemo`` also keeps whole pages
(``PageMemo.keep``). The site stage makes one ``PageMemo`` per pipeline and hands it to the
``Renderer``; nothing here imports MkDocs or any other stage.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Protocol, TypeVar, cast

V = TypeVar("V")


class Keep(Protocol):
    """How a listing gets a supplier's rows: made afresh (``fresh``), or kept across the
    rebuilds of ``mkdocs serve`` by their key and inputs (``PageMemo.value``)."""

    def __call__(self, key: Hashable, inputs: tuple[object, ...], make: Callable[[], V]) -> V:
        ...


def fresh(key: Hashable, inputs: tuple[object, ...], make: Callable[[], V]) -> V:
    """``make()``: nothing is kept (a build)."""
    return make()


class PageMemo:
    """Pages, and parts of pages, kept with the inputs they were made from (``mkdocs serve``
    rebuilds after every save, and most inputs did not change): each is made again only
    when one of its inputs is neither the same object nor equal to the last one. What a
    rebuild did not ask for is forgotten at the start of the next. ``rendered`` names the
    pages the last rebuild rendered again, ``made`` counts the parts it made again."""

    def __init__(self) -> None:
        self.rendered: list[str] = []
        self._values: dict[Hashable, tuple[tuple[object, ...], Any]] = {}
        self._values_before: dict[Hashable, tuple[tuple[object, ...], Any]] = {}
        self.made = 0  # values the last rebuild made again

    def start(self) -> None:
        """A new rebuild: forget what the last one rendered, and the values it did not use."""
        self.rendered = []
        self._values_before, self._values = self._values, {}
        self.made = 0

    def _remember(self, key: Hashable, inputs: tuple[object, ...],
                  make: Callable[[], V]) -> tuple[V, bool]:
        """What ``make`` gave last time for ``key`` when ``inputs`` are the same, else
        ``make()``; and whether it was made now."""
        hit = self._values.get(key) or self._values_before.get(key)
        if hit is not None and _same(hit[0], inputs):
            self._values[key] = hit
            return cast(V, hit[1]), False
        made = make()
        self._values[key] = (inputs, made)
        return made, True

    def value(self, key: Hashable, inputs: tuple[object, ...], make: Callable[[], V]) -> V:
        """A part of a page (a supplier's row in a table, its agenda items): ``make()``, or
        what it gave last time for ``key`` when ``inputs`` are the same."""
        found, made = self._remember(key, inputs, make)
        self.made += made
        return found

    def keep(self, path: str, inputs: tuple[object, ...],
             make: Callable[[], str]) -> Callable[[], str]:
        """``make``, or the text it gave last time when ``inputs`` are the same."""

        def page() -> str:
            text, made = self._remember(("page", path), inputs, make)
            if made:
                self.rendered.append(path)
            return text

        return page


def _same(old: tuple[object, ...], new: tuple[object, ...]) -> bool:
    return len(old) == len(new) and all(a is b or a == b for a, b in zip(old, new, strict=True))
