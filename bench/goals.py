"""Benchmark: the six speed goals where people wait, side by side in one run.

    .venv/bin/python -m bench.goals [--serve-size 1000] [--search-sizes 1000 5000]
        [--check-n 1000] [--build-sizes 100 1000 5000] [--runs 3]
        [--out bench/results/goals.md]

1. serve: ``handbook serve`` of N synthetic suppliers as a child process; one supplier file
   is saved (three times, or ``--runs``, each once the server is idle: the search index of
   the build before is in place) and the local server polled until the supplier's page and
   the suppliers index answer with the new text: seconds from the save to that HTTP
   response, end to end, and the CPU seconds the server spent meanwhile (less swayed by
   other work on the machine); medians and the worst.
2. search: the built site on a local server in Debian's Chromium (Playwright): seconds from
   typing a word (right after the page loaded, in a fresh browser context: nothing cached)
   to the first result shown in Material's search box, which the handbook's search worker
   answers from Pagefind's index; and the bytes of search files loaded by then.
3. page sizes: the largest page of the site, Material's search_index.json (settings only
   since Pagefind) and Pagefind's whole index folder (the browser loads a small part), in KB.
4. check: ``handbook check`` of N files against a bare libyaml parse of the same files, each
   a whole process (interpreter start and imports included); medians, alternating.
5. cold build: ``handbook build`` against plain ``mkdocs build`` of ``handbook export``.
6. scaling: seconds, bytes and peak memory per supplier at the largest size against the
   smallest.
Only ratios made in the same run are compared; the table is printed and written to ``--out``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import platform
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.build_speed import BIN, ENV, ROOT, make_handbook, size_of

CHROMIUM = Path(os.environ.get("HANDBOOK_CHROMIUM", "/usr/bin/chromium"))
EDITED = "synthetic-supplier-00007"
BARE_PARSE = (
    "import pathlib, sys, yaml\n"
    "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')):\n"
    "    yaml.load(p.read_bytes().decode('utf-8'), Loader=yaml.CSafeLoader)\n"
)
SEARCH_FILES = ("/pagefind/", "/search/", "search-worker.js")  # what search loads
LIMIT_S = 900.0  # a bound on every wait, so that a broken build ends the run


def timed(cmd: list[str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system: less swayed by other work on the machine)
    and peak RSS in KiB of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{stderr[-2000:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return str(response.read().decode("utf-8"))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, started: float) -> float:
    """Poll ``url`` until its body holds ``text``; seconds since ``started``."""
    while time.perf_counter() - started < LIMIT_S:
        body = fetch(url)
        if body is not None and text in body:
            return time.perf_counter() - started
        time.sleep(0.02)
    raise SystemExit(f"{url} never showed {text!r} within {LIMIT_S:.0f} s")


def listing_part(base: str, text: str) -> str:
    """The part of the suppliers index (``suppliers/``, ``suppliers-2/`` ...) that lists
    ``text``: long lists come in parts, and only one of them lists a given supplier."""
    for k in range(1, 10_000):
        url = f"{base}suppliers/" if k == 1 else f"{base}suppliers-{k}/"
        body = fetch(url)
        if body is None:
            break
        if text in body:
            return url
    raise SystemExit(f"no part of {base}suppliers/ lists {text!r}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a running process so far (Linux ``/proc``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


TEXTS = ("Aluminium housings, lot 7", "Magnesium housings, lot 7")


def measure_serve(n: int, saves: int) -> dict[str, Any]:
    """``saves`` saves of one supplier file, each changing its category back and forth (on
    its page, its part of the suppliers index and the positions page). Each save waits
    until the server is idle: the search index of the build before is in place (the
    server indexes in the background after each build, the first one for some seconds)."""
    with tempfile.TemporaryDirectory() as tmp:
        root = make_handbook(Path(tmp), n)
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        proc = subprocess.Popen(
            [str(BIN / "handbook"), "serve", "-f", "mkdocs.yml", "-a", f"127.0.0.1:{port}"],
            cwd=root, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        pages: list[float] = []
        listings: list[float] = []
        cpus: list[float] = []
        try:
            started = time.perf_counter()
            first = wait_for(f"{base}suppliers/{EDITED}/", TEXTS[0], started)
            part = listing_part(base, f"{EDITED}/")
            path = root / "suppliers" / f"{EDITED}.yaml"
            entry = f"{base}pagefind/pagefind-entry.json"
            before: str | None = None  # the index before the last build
            for k in range(saves):
                old, new = TEXTS[k % 2], TEXTS[(k + 1) % 2]
                before = settled(entry, before, time.perf_counter())
                saved, cpu = time.perf_counter(), cpu_seconds(proc.pid)
                path.write_text(path.read_text().replace(old, new, 1))
                pages.append(wait_for(f"{base}suppliers/{EDITED}/", new, saved))
                listings.append(wait_for(part, new, saved))
                cpus.append(cpu_seconds(proc.pid) - cpu)  # the rebuild (and the indexing)
        finally:
            proc.terminate()
            proc.wait(timeout=60)
        return {"n": n, "first": first, "page": statistics.median(pages),
                "listing": statistics.median(listings), "worst": max(pages + listings),
                "cpu": statistics.median(cpus), "saves": saves}


def settled(entry: str, before: str | None, started: float) -> str:
    """Wait until the search index of the last build is in place (the server indexes in
    the background after each build): Pagefind's entry file exists and is no longer the
    one ``before`` that build. Returns it."""
    while time.perf_counter() - started < LIMIT_S:
        now = fetch(entry)
        if now is not None and now != before:
            return now
        time.sleep(0.2)
    raise SystemExit(f"{entry} was not written again within {LIMIT_S:.0f} s")


@contextlib.contextmanager
def static_server(folder: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _append(found: list[Any], item: Any) -> None:
    found.append(item)


def measure_search(site: Path, queries: list[str], runs: int) -> dict[str, Any]:
    """Seconds to the first result of the whole query, per query, right after the page
    loaded in a fresh browser context: from the last key typed ("search": what the goal
    bounds, the wait after typing) and from the first ("typing": Playwright's typing, one
    key at a time, included). Every keystroke is a query of its own; the results of the
    whole word are those whose links carry it as the highlight parameter. Also the bytes
    of search files (worker, Material's settings, Pagefind) loaded by then."""
    from playwright.sync_api import sync_playwright

    after_last: list[float] = []
    typing: list[float] = []
    loaded: list[int] = []
    with static_server(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            for _ in range(runs):
                for query in queries:
                    context = browser.new_context()  # a cold cache, like a new reader
                    finished: list[Any] = []
                    # a lambda: a bound builtin cannot carry what Playwright sets on a handler
                    context.on("requestfinished", functools.partial(_append, finished))
                    page = context.new_page()
                    page.goto(url, wait_until="load", timeout=LIMIT_S * 1000)
                    box = page.locator(".md-search__input")
                    start = time.perf_counter()
                    page.keyboard.press("/")
                    box.press_sequentially(query[:-1])
                    last = time.perf_counter()
                    box.press(query[-1])
                    whole = urllib.parse.urlencode({"h": query})
                    page.locator(f'.md-search-result__item a[href*="{whole}"]').first.wait_for(
                        timeout=LIMIT_S * 1000)
                    end = time.perf_counter()
                    after_last.append(end - last)
                    typing.append(end - start)
                    loaded.append(sum(r.sizes()["responseBodySize"] for r in list(finished)
                                      if any(part in r.url for part in SEARCH_FILES)))
                    context.close()
        finally:
            browser.close()
    return {"search": statistics.median(after_last), "search_max": max(after_last),
            "search_typing": statistics.median(typing),
            "search_loaded_kb": statistics.median(loaded) / 1024}


def measure_check(n: int, runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        root = make_handbook(Path(tmp), n)
        check = [str(BIN / "handbook"), "check", "suppliers"]
        bare = [str(BIN / "python"), "-c", BARE_PARSE, "suppliers"]
        timed(check, root)  # warm the file cache and the bytecode
        ours: list[tuple[float, float, int]] = []
        floor: list[tuple[float, float, int]] = []
        for _ in range(runs):
            floor.append(timed(bare, root))
            ours.append(timed(check, root))
        imports = timed([str(BIN / "python"), "-c", "import supplier_handbook.commands.cli"],
                        root)[1]
        python = timed([str(BIN / "python"), "-c", "pass"], root)[1]
        return {"n": n, "check": statistics.median(t[0] for t in ours),
                "parse": statistics.median(t[0] for t in floor),
                "check_cpu": statistics.median(t[1] for t in ours),
                "parse_cpu": statistics.median(t[1] for t in floor),
                "imports": imports - python}


def page_sizes(site: Path) -> dict[str, Any]:
    pages = {str(p.relative_to(site)): p.stat().st_size for p in site.rglob("*.html")}
    largest = max(pages, key=lambda k: pages[k])
    index = site / "search" / "search_index.json"
    pagefind = site / "pagefind"
    return {"largest_page": largest, "largest_kb": pages[largest] / 1024,
            "search_index_kb": index.stat().st_size / 1024 if index.exists() else 0.0,
            "pagefind_kb": size_of(pagefind) / 1024 if pagefind.is_dir() else 0.0}


def measure_build(n: int, runs: int, search_queries: list[str] | None,
                  search_runs: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        root = make_handbook(Path(tmp), n)
        handbook = [str(BIN / "handbook"), "build", "-f", "mkdocs.yml", "--site-dir", "site"]
        subprocess.run([str(BIN / "handbook"), "export", "export", "-f", "mkdocs.yml"],
                       cwd=root, env=ENV, check=True, capture_output=True)
        plain = [str(BIN / "mkdocs"), "build", "-q", "-f", "export/mkdocs.yml"]
        ours: list[tuple[float, float, int]] = []
        theirs: list[tuple[float, float, int]] = []
        for _ in range(runs):
            ours.append(timed(handbook, root))
            theirs.append(timed(plain, root))
        site = root / "site"
        row: dict[str, Any] = {
            "n": n, "build": statistics.median(t[0] for t in ours),
            "mkdocs": statistics.median(t[0] for t in theirs),
            "build_cpu": statistics.median(t[1] for t in ours),
            "mkdocs_cpu": statistics.median(t[1] for t in theirs),
            "peak_kb": max(t[2] for t in ours),
            "bytes": size_of(site), **page_sizes(site),
        }
        if search_queries:
            row.update(measure_search(site, search_queries, search_runs))
        return row


def report(args: argparse.Namespace, serve: dict[str, Any] | None,
           check: dict[str, Any] | None, builds: list[dict[str, Any]]) -> str:
    lines = [
        f"machine: {platform.machine()}, {os.cpu_count()} cores, CPython "
        f"{platform.python_version()}; load average at the end "
        f"{os.getloadavg()[0]:.1f}; medians of {args.runs} runs",
        "",
        "| goal | measured | bound | met |",
        "|---|---|---|---|",
    ]

    def row(goal: str, measured: str, bound: str, met: bool) -> None:
        lines.append(f"| {goal} | {measured} | {bound} | {'yes' if met else 'no'} |")

    if serve:
        row(f"1 serve at {serve['n']:,}: save -> new page (-> suppliers index), median of "
            f"{serve['saves']} saves (worst)",
            f"{serve['page']:.2f} s ({serve['listing']:.2f} s) ({serve['worst']:.2f} s); "
            f"CPU {serve['cpu']:.2f} s", "1.5 s",
            max(serve["page"], serve["listing"]) <= 1.5)
    for b in builds:
        if "search" in b:
            bound = 0.5 if b["n"] <= 1000 else 1.0
            row(f"2 search at {b['n']:,}: last key -> first result of the word (worst); "
                "first key -> result",
                f"{b['search']:.2f} s ({b['search_max']:.2f} s); {b['search_typing']:.2f} s; "
                "search files loaded "
                f"{b['search_loaded_kb']:,.0f} KB (search_index.json "
                f"{b['search_index_kb']:,.0f} KB, Pagefind folder {b['pagefind_kb']:,.0f} KB)",
                f"{bound} s", b["search"] <= bound)
    for b in builds:
        row(f"3 largest page at {b['n']:,}", f"{b['largest_kb']:,.0f} KB "
            f"({b['largest_page']})", "300 KB", b["largest_kb"] <= 300)
    if check:
        ratio = check["check"] / check["parse"]
        cpu = check["check_cpu"] / check["parse_cpu"]
        row(f"4 check of {check['n']:,} files / bare libyaml parse (whole processes)",
            f"{check['check']:.2f} s / {check['parse']:.2f} s = {ratio:.2f}; CPU "
            f"{check['check_cpu']:.2f} s / {check['parse_cpu']:.2f} s = {cpu:.2f} (imports "
            f"{check['imports']:.2f} s CPU)", "2.0", ratio <= 2.0)
    for b in builds:
        ratio = b["build"] / b["mkdocs"]
        cpu = b["build_cpu"] / b["mkdocs_cpu"]
        row(f"5 cold build at {b['n']:,} / plain mkdocs of the export",
            f"{b['build']:.2f} s / {b['mkdocs']:.2f} s = {ratio:.2f}; CPU {cpu:.2f}", "1.10",
            ratio <= 1.10)
    if len(builds) > 1:
        small, large = builds[0], builds[-1]
        seconds = (large["build"] / large["n"]) / (small["build"] / small["n"])
        size = (large["bytes"] / large["n"]) / (small["bytes"] / small["n"])
        memory = (large["peak_kb"] / small["peak_kb"]) / (large["n"] / small["n"])
        row(f"6 per supplier at {large['n']:,} / at {small['n']:,}: seconds, bytes",
            f"{seconds:.2f}, {size:.2f}", "1.5", max(seconds, size) <= 1.5)
        row(f"6 peak memory growth / supplier growth ({small['peak_kb'] / 1024:.0f} MB -> "
            f"{large['peak_kb'] / 1024:.0f} MB)", f"{memory:.2f}", "1.0", memory <= 1.0)
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--serve-size", type=int, default=1000, help="0: leave out")
    parser.add_argument("--search-sizes", type=int, nargs="*", default=[1000, 5000])
    parser.add_argument("--check-n", type=int, default=1000, help="0: leave out")
    parser.add_argument("--build-sizes", type=int, nargs="*", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--queries", nargs="+", default=["Tanaka", "forecast"])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "goals.md")
    args = parser.parse_args()
    serve = measure_serve(args.serve_size, max(3, args.runs)) if args.serve_size else None
    check = measure_check(args.check_n, args.runs) if args.check_n else None
    sizes = sorted(set(args.build_sizes) | set(args.search_sizes))
    builds = [measure_build(n, args.runs, args.queries if n in args.search_sizes else None,
                            args.runs) for n in sizes]
    text = report(args, serve, check, builds)
    print(text, end="")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
