"""How much of one ``handbook`` build the garbage collector takes, in this process.

    .venv/bin/python -m bench.build_gc [--n 1000]

Builds N synthetic suppliers with the plugin (``mkdocs build``, as ``handbook build`` runs
it) and reports the build's wall and CPU seconds, and the seconds spent in collections
(``gc.callbacks``), how many, and how many of them full. The generator's objects are frozen
from the end of ``on_files`` to ``on_post_build`` (``servecache.hold``); compare with a
checkout where they are not.
"""

from __future__ import annotations

import argparse
import gc
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.build_speed import make_handbook


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    os.environ.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1795435200")
    from mkdocs.commands.build import build
    from supplier_handbook.site.config import load_handbook_config

    spent = {"seconds": 0.0, "collections": 0, "full": 0}
    started: dict[str, float] = {}

    def timed(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started["at"] = time.perf_counter()
            return
        spent["seconds"] += time.perf_counter() - started["at"]
        spent["collections"] += 1
        spent["full"] += info["generation"] == 2

    with tempfile.TemporaryDirectory() as tmp:
        root = make_handbook(Path(tmp), args.n)
        config = load_handbook_config(root / "mkdocs.yml", site_dir=str(root / "site"))
        config.plugins.on_startup(command="build", dirty=False)
        gc.callbacks.append(timed)
        wall, cpu = time.perf_counter(), time.process_time()
        build(config)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        gc.callbacks.remove(timed)
        print(f"n={args.n}: build {wall:.1f} s wall, {cpu:.1f} s CPU; the collector "
              f"{spent['seconds']:.2f} s in {spent['collections']} collections "
              f"({spent['full']} full)")


if __name__ == "__main__":
    main()
