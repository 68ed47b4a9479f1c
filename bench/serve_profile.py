"""Profile one ``handbook serve`` rebuild after a saved supplier file, in this process.

    .venv/bin/python -m bench.serve_profile [--n 1000] [--top 40] [--keep DIR]

Builds N synthetic suppliers the way ``handbook serve`` does (dirty, the plugin and its
pipeline kept, the configuration loaded again per rebuild), saves one supplier file, and
runs the second rebuild under cProfile. Prints the wall and CPU seconds of each rebuild,
what the plugin rewrote, and the functions with the most cumulative time, so that the
share of the generator, the calendar feeds, MkDocs' pages and the search index can be read.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import tempfile
import time
from pathlib import Path

from bench.build_speed import make_handbook

EDITED = "synthetic-supplier-00007"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--stats", type=Path, default=None, help="write the raw profile here")
    args = parser.parse_args()
    os.environ.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1795435200")
    from mkdocs.commands.build import build
    from supplier_handbook.plugin import HandbookPlugin
    from supplier_handbook.site.config import load_handbook_config

    with tempfile.TemporaryDirectory() as tmp:
        root = make_handbook(Path(tmp), args.n)
        site = root / "site"
        started = False

        def rebuild() -> tuple[float, float]:
            nonlocal started
            config = load_handbook_config(root / "mkdocs.yml", site_dir=str(site))
            if not started:
                config.plugins.on_startup(command="serve", dirty=True)
                started = True
            wall, cpu = time.perf_counter(), time.process_time()
            build(config, dirty=True)
            return time.perf_counter() - wall, time.process_time() - cpu

        first = rebuild()
        path = root / "suppliers" / f"{EDITED}.yaml"
        path.write_text(path.read_text().replace("Aluminium housings, lot 7",
                                                 "Magnesium housings, lot 7", 1))
        profile = cProfile.Profile()
        profile.enable()
        second = rebuild()
        profile.disable()
        config = load_handbook_config(root / "mkdocs.yml", site_dir=str(site))
        plugin = config.plugins["handbook"]
        assert isinstance(plugin, HandbookPlugin)
        print(f"n={args.n}: first build {first[0]:.2f} s wall, {first[1]:.2f} s CPU; "
              f"rebuild after one save {second[0]:.2f} s wall, {second[1]:.2f} s CPU "
              "(under cProfile)")
        if plugin.cache is not None:
            rewritten = sorted(plugin.cache.rewritten)
            print(f"rewritten: {len(rewritten)}: {rewritten[:20]}")
        stats = pstats.Stats(profile)
        if args.stats:
            stats.dump_stats(str(args.stats))
        stats.sort_stats("cumulative").print_stats(args.top)
        config.plugins.on_shutdown()


if __name__ == "__main__":
    main()
