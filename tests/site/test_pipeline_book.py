"""One truth, no hidden state: a run of the pipeline derives the book of its portfolio once
(``derive.people.book``) and hands that book to the renderer and to the calendar feeds;
nothing in ``derive.people`` keeps a book between calls."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from supplier_handbook.derive import people
from supplier_handbook.derive.people import Book
from supplier_handbook.derive.portfolio import Settings, derive
from supplier_handbook.model.check import CheckResult
from supplier_handbook.render.calendar import calendar_feeds as real_feeds
from supplier_handbook.render.renderer import Renderer
from supplier_handbook.site import pipeline as pipeline_module
from supplier_handbook.site.pipeline import Pipeline

from tests.conftest import AS_OF, ROOT


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "suppliers", tmp_path / "suppliers")
    return tmp_path / "suppliers"


def test_a_run_derives_the_book_once_and_hands_it_on(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[Book] = []
    renderers: list[Renderer] = []
    feeds_of: list[Book] = []
    real_book = people.book

    def counted(*args: Any, **kwargs: Any) -> Book:
        made.append(real_book(*args, **kwargs))
        return made[-1]

    class Seen(Renderer):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            renderers.append(self)

    def feeds(b: Book, *args: Any) -> dict[str, str]:
        feeds_of.append(b)
        return real_feeds(b, *args)

    monkeypatch.setattr(people, "book", counted)
    monkeypatch.setattr(pipeline_module, "book", counted)
    monkeypatch.setattr(pipeline_module, "Renderer", Seen)
    monkeypatch.setattr(pipeline_module, "calendar_feeds", feeds)
    pipeline = Pipeline(folder, with_history=False)
    for run in (1, 2):  # a build, then a rebuild of serve: one book each
        _, pages = pipeline.run(AS_OF)
        assert pages is not None
        assert pipeline.feeds(None)
        assert len(made) == len(renderers) == len(feeds_of) == run
        assert pipeline.book is made[-1] is renderers[-1].book is feeds_of[-1]
        assert pipeline.book.portfolio is pipeline.portfolio


def test_people_keeps_no_book(examples: CheckResult) -> None:
    first = derive(examples.suppliers, AS_OF, Settings())
    second = derive(examples.suppliers[:2], AS_OF, Settings())
    assert people.book(first) is not people.book(first)  # derived afresh: nothing kept
    assert len(people.book(second).portfolio.suppliers) == 2
    state = [name for name, value in vars(people).items()
             if name.startswith("_") and not name.startswith("__")
             and isinstance(value, (list, dict, set))]
    assert state == []


def test_a_renderer_refuses_the_book_of_another_portfolio(examples: CheckResult) -> None:
    p = derive(examples.suppliers, AS_OF, Settings())
    other = derive(examples.suppliers, AS_OF, Settings())
    with pytest.raises(ValueError, match="not the book of its portfolio"):
        Renderer(p, book=people.book(other))
    assert Renderer(p, book=people.book(p)).book.portfolio is p
