"""The MkDocs plugin adapter: virtual files, the serve watch, generated-page conflicts."""

from __future__ import annotations

from pathlib import Path
from typing import Literal, cast

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files, get_files
from supplier_handbook.plugin import HandbookPlugin, Mode, mode_for
from supplier_handbook.site.config import as_of_for_run, handbook_plugin, load_handbook_config
from supplier_handbook.site.watching import ChangeObserver

from tests.conftest import AS_OF


def run_on_files(root: Path) -> tuple[Files, list[str]]:
    config = load_handbook_config(root / "mkdocs.yml")
    config = config.plugins.on_config(config)
    before = sorted(p.name for p in (root / "content").rglob("*"))
    with as_of_for_run(AS_OF):
        files = config.plugins.on_files(get_files(config), config=config)
    assert sorted(p.name for p in (root / "content").rglob("*")) == before  # nothing written
    return files, list(config.extra_css)


def test_generated_pages_are_virtual_files(demo_handbook: Path) -> None:
    files, extra_css = run_on_files(demo_handbook)
    page = files.get_file_from_path("suppliers/vantor-elektronika.md")
    assert page is not None
    assert page.generated_by == "handbook"
    assert "# Vantor Elektronika s.r.o." in page.content_string
    for path in ("index.md", "suppliers/index.md", "owners/index.md", "actions.md",
                 "culture-check.md", "api/suppliers.json", "assets/handbook.css"):
        assert files.get_file_from_path(path) is not None, path
    assert "assets/handbook.css" in extra_css
    hand_written = files.get_file_from_path("guides/handover.md")
    assert hand_written is not None and hand_written.generated_by is None


def test_a_hand_written_page_may_not_shadow_a_generated_one(demo_handbook: Path) -> None:
    (demo_handbook / "content" / "actions.md").write_text("# Mine\n", encoding="utf-8")
    with pytest.raises(PluginError, match=r"actions\.md is generated"):
        run_on_files(demo_handbook)


def test_serve_watches_the_supplier_folder_through_file_events(demo_handbook: Path) -> None:
    config = load_handbook_config(demo_handbook / "mkdocs.yml")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0,
                              root=str(demo_handbook / "site"))
    try:
        server.watch(config.docs_dir)  # as MkDocs does before ``on_serve``
        plugin = cast(HandbookPlugin, handbook_plugin(config))
        server = plugin.on_serve(server, config=config, builder=None)
        assert isinstance(server.observer, ChangeObserver)
        assert {e.watch.path for e in server.observer.native.emitters} == {
            str(demo_handbook / "suppliers"), config.docs_dir}
    finally:
        server.server_close()


def test_invalid_as_of_variable_is_a_plugin_error(demo_handbook: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    config = load_handbook_config(demo_handbook / "mkdocs.yml")
    monkeypatch.setenv("HANDBOOK_AS_OF", "23.11.2026")
    with pytest.raises(PluginError, match=r"HANDBOOK_AS_OF: '23\.11\.2026' is not a date"):
        config.plugins.on_files(get_files(config), config=config)


Command = Literal["build", "gh-deploy", "serve"]


@pytest.mark.parametrize(("command", "dirty", "enabled", "mode"), [
    ("build", False, True, Mode.BUILD),
    ("gh-deploy", False, True, Mode.BUILD),
    ("serve", False, True, Mode.SERVE),
    ("serve", True, True, Mode.DIRTY_SERVE),
    ("serve", True, False, Mode.DISABLED),
    ("build", False, False, Mode.DISABLED),
])
def test_the_mode_is_decided_once_from_on_startup(demo_handbook: Path, command: Command,
                                                  dirty: bool, enabled: bool,
                                                  mode: Mode) -> None:
    assert mode_for(command, dirty, enabled) is mode
    config = load_handbook_config(demo_handbook / "mkdocs.yml")
    plugin = cast(HandbookPlugin, handbook_plugin(config))
    plugin.config.enabled = enabled
    config.plugins.on_startup(command=command, dirty=dirty)
    try:
        assert plugin.mode is mode
        assert (plugin.serving is not None) == (mode in (Mode.SERVE, Mode.DIRTY_SERVE))
        assert (plugin.cache is not None) == (mode is Mode.DIRTY_SERVE)
        config.plugins.on_config(config)
        assert plugin.mode is mode  # not guessed again by the build
    finally:
        config.plugins.on_shutdown()
    assert plugin.mode is None and plugin.serving is None
