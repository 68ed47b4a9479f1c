"""``mkdocs serve`` and ``handbook serve`` hear a saved file at once.

MkDocs' server looks for changes by polling: it lists every watched file every 0.5 s, so a
save waited a quarter of a second on average (and up to half a second) before the rebuild
began, and the polling cost CPU all the time (at 1,000 suppliers, 1,000 files a poll).
The plugin's ``on_serve`` (MkDocs hands it the server) gives the server an observer of the
platform's file events instead (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW
on Windows, through watchdog, which MkDocs already depends on); where they cannot be had (no
watch left, a file system without events), it polls as MkDocs does and says so.

Only changes are heard, never reads: MkDocs reads the watched files during every build,
and an observer that heard those would rebuild for ever. A single watched file (the
``mkdocs.yml``) is heard through its folder, so that an editor that saves by writing a new
file and renaming it over the old one is heard on every save, not only on the first.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterable
from typing import Any

from mkdocs.livereload import LiveReloadServer
from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.handbook")

CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent, FileModifiedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent,
]
"""The events that mean a file changed (``FileClosedEvent``: closed after writing)."""

POLLING_INTERVAL = 0.5  # MkDocs' own, for the fallback


class OneFile(FileSystemEventHandler):
    """Passes on the events of one file, heard through its folder."""

    def __init__(self, handler: FileSystemEventHandler, path: str) -> None:
        self.handler = handler
        self.path = os.path.abspath(path)

    def on_any_event(self, event: FileSystemEvent) -> None:
        paths = {os.fsdecode(event.src_path), os.fsdecode(event.dest_path or b"")}
        if self.path in paths:
            self.handler.dispatch(event)


class ChangeObserver:
    """What MkDocs' ``LiveReloadServer`` needs of an observer (``schedule``, ``unschedule``,
    ``start``, ``stop``, ``join``), from the platform's file events, falling back to polling
    when they cannot be had."""

    def __init__(self) -> None:
        self.native: BaseObserver = Observer()
        self.polling: BaseObserver | None = None  # only when the native one failed
        self._scheduled: list[tuple[FileSystemEventHandler, str, bool]] = []

    def schedule(self, handler: FileSystemEventHandler, path: str, *,
                 recursive: bool = False) -> ObservedWatch:
        if os.path.isfile(path):
            handler, path, recursive = OneFile(handler, path), os.path.dirname(
                os.path.abspath(path)), False
        self._scheduled.append((handler, path, recursive))
        observer = self.polling or self.native
        kwargs: dict[str, Any] = {} if observer is self.polling else {"event_filter": CHANGES}
        return observer.schedule(handler, path, recursive=recursive, **kwargs)

    def unschedule(self, watch: ObservedWatch) -> None:
        for observer in (self.native, self.polling):
            if observer is not None:
                with contextlib.suppress(KeyError):  # scheduled on the other one
                    observer.unschedule(watch)

    def start(self) -> None:
        try:
            self.native.start()
        except OSError as exc:  # e.g. inotify's watch limit (fs.inotify.max_user_watches)
            log.warning("handbook: file events unavailable (%s); polling for changes every "
                        "%s s instead", exc, POLLING_INTERVAL)
            self.native.unschedule_all()
            self.native.stop()
            self.polling = PollingObserver(timeout=POLLING_INTERVAL)
            for handler, path, recursive in self._scheduled:
                self.polling.schedule(handler, path, recursive=recursive)
            self.polling.start()

    def stop(self) -> None:
        for observer in (self.native, self.polling):
            if observer is not None and observer.is_alive():
                observer.stop()

    def join(self) -> None:
        for observer in (self.native, self.polling):
            if observer is not None and observer.is_alive():
                observer.join()


def hear_changes(server: LiveReloadServer, watched: Iterable[str]) -> bool:
    """Give MkDocs' ``server`` a ``ChangeObserver`` (from the plugin's ``on_serve``, before
    the server starts its observer). ``watched``: the paths MkDocs may have watched before
    ``on_serve`` (the docs folder, ``mkdocs.yml``, the theme's folders); each is moved to
    the new observer through the server's own ``unwatch`` and ``watch``. When something
    else was watched too (a MkDocs that watches more), the server keeps its own polling
    observer, so that no watch is ever lost. Returns whether the observer was replaced."""
    moved: list[str] = []
    for path in dict.fromkeys(os.path.abspath(p) for p in watched):
        while True:
            try:
                server.unwatch(path)
            except KeyError:  # not watched (any more)
                break
            moved.append(path)
    polling = server.observer
    replaced = not polling.emitters  # nothing is left that this module does not know
    if replaced:
        server.observer = ChangeObserver()  # type: ignore[assignment]
    else:
        log.warning("handbook: MkDocs watches paths the handbook does not know; it keeps "
                    "polling for changes every %s s", POLLING_INTERVAL)
    for path in moved:
        server.watch(path)
    return replaced
