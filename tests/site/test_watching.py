"""``handbook serve`` hears a save through the file system's events (``watching``): a write
is heard, a read is not (MkDocs reads the watched files in every build), a single watched
file is heard through its folder (an editor that saves by renaming a new file over it), and
where events cannot be had the observer polls, as MkDocs does. Waits are bounded event
waits, never sleeps."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from supplier_handbook.site.watching import ChangeObserver, hear_changes
from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers.polling import PollingObserver

WAIT_S = 20  # an upper bound for an event to arrive, not a pause


class Heard(FileSystemEventHandler):
    def __init__(self) -> None:
        self.events: list[FileSystemEvent] = []
        self.arrived = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        self.events.append(event)
        self.arrived.set()

    def first(self) -> FileSystemEvent:
        assert self.arrived.wait(WAIT_S), "no event arrived"
        return self.events[0]


@pytest.fixture
def observer() -> Iterator[ChangeObserver]:
    watching = ChangeObserver()
    yield watching
    watching.stop()
    watching.join()


def test_a_write_is_heard_and_a_read_is_not(tmp_path: Path, observer: ChangeObserver) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text("name: Acme\n", encoding="utf-8")
    heard = Heard()
    observer.schedule(heard, str(tmp_path), recursive=True)
    observer.start()
    assert observer.polling is None  # the platform's events, not polling
    assert path.read_text(encoding="utf-8")  # a read first: events come in order
    path.write_text("name: Acme Castings\n", encoding="utf-8")
    first = heard.first()
    assert first.event_type in ("modified", "closed")
    assert os.fsdecode(first.src_path) == str(path)
    assert not [e for e in heard.events if e.event_type in ("opened", "closed_no_write")]


def test_a_file_replaced_by_a_rename_is_heard_on_every_save(
        tmp_path: Path, observer: ChangeObserver) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: A\n", encoding="utf-8")
    (tmp_path / "other.txt").write_text("x", encoding="utf-8")
    heard = Heard()
    observer.schedule(heard, str(config))
    observer.start()
    (tmp_path / "other.txt").write_text("y", encoding="utf-8")  # not this file: not heard
    for n in range(2):
        heard.events.clear()
        heard.arrived.clear()
        new = tmp_path / f".mkdocs.yml.{n}"
        new.write_text(f"site_name: B{n}\n", encoding="utf-8")
        os.replace(new, config)  # what many editors do on save
        event = heard.first()
        paths = {os.fsdecode(event.src_path), os.fsdecode(event.dest_path or "")}
        assert str(config) in paths
    assert all(str(config) in {os.fsdecode(e.src_path), os.fsdecode(e.dest_path or "")}
               for e in heard.events)


def test_without_file_events_the_observer_polls(tmp_path: Path, observer: ChangeObserver,
                                                monkeypatch: pytest.MonkeyPatch,
                                                caplog: pytest.LogCaptureFixture) -> None:
    def no_events() -> None:
        raise OSError(28, "inotify watch limit reached")

    monkeypatch.setattr(observer.native, "start", no_events)
    heard = Heard()
    observer.schedule(heard, str(tmp_path), recursive=True)
    observer.start()
    assert isinstance(observer.polling, PollingObserver)
    assert "polling for changes" in caplog.text
    (tmp_path / "acme.yaml").write_text("name: Acme\n", encoding="utf-8")
    assert os.fsdecode(heard.first().src_path) == str(tmp_path / "acme.yaml")


def _server(root: Path) -> LiveReloadServer:
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(root))


def _watched(observer: ChangeObserver) -> set[str]:
    return {e.watch.path for e in observer.native.emitters}


def test_on_serve_gives_mkdocs_server_the_event_observer(tmp_path: Path) -> None:
    """What MkDocs watched before ``on_serve`` (the docs folder, mkdocs.yml) moves to the
    event observer, through the server's own ``watch`` and ``unwatch``; MkDocs' classes
    and modules stay as they are."""
    docs, config = tmp_path / "docs", tmp_path / "mkdocs.yml"
    docs.mkdir()
    config.write_text("site_name: A\n", encoding="utf-8")
    server = _server(tmp_path)
    try:
        server.watch(str(docs))
        server.watch(str(config))
        assert hear_changes(server, [str(docs), str(config), str(tmp_path / "theme")])
        assert isinstance(server.observer, ChangeObserver)
        assert _watched(server.observer) == {str(docs), str(tmp_path)}  # the file by its folder
        server.watch(str(tmp_path / "docs"))  # watched twice: one schedule, as MkDocs counts
        server.unwatch(str(docs))
        assert _watched(server.observer) == {str(docs), str(tmp_path)}
        assert type(server) is LiveReloadServer
    finally:
        server.server_close()


def test_a_watch_the_handbook_does_not_know_keeps_mkdocs_polling(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    docs, other = tmp_path / "docs", tmp_path / "other"
    docs.mkdir()
    other.mkdir()
    server = _server(tmp_path)
    try:
        server.watch(str(docs))
        server.watch(str(other))
        assert not hear_changes(server, [str(docs)])
        assert isinstance(server.observer, PollingObserver)
        assert {e.watch.path for e in server.observer.emitters} == {str(docs), str(other)}
        assert "keeps polling" in caplog.text
    finally:
        server.server_close()
