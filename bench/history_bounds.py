"""What the history and ``handbook diff`` cost on the red team's sizes (issue 26, item 8).

    .venv/bin/python -m bench.history_bounds [--code generator] [--only NAME ...]

Three repositories, made with ``git fast-import`` (``tests/history/fastrepo.py``):

- ``history-3000``: 3,000 commits over the 12 example suppliers, each commit a new version
  of one file; ``read_history`` of the folder;
- ``subject-20mb``: one commit whose subject is 20 MB; ``read_history``;
- ``diff-11000``: a supplier file with 11,000 log entries, one edited and one added in the
  work tree; ``handbook diff``.

Each runs in a fresh process that imports the package from ``--code`` (a folder holding
``supplier_handbook``), so the same script measures a checkout before and after a change:
``git archive COMMIT generator | tar -x -C /tmp/before`` then ``--code /tmp/before/generator``.
Reported: wall seconds, the process's peak resident memory, and, where the code has them,
the counts ``History.stats`` keeps (versions parsed, most held at once, bytes from git).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.history.fastrepo import FastCommit, fast_repo

ROOT = Path(__file__).resolve().parents[1]
UTC = dt.UTC

MEASURE = r"""
import json, resource, sys, time
from pathlib import Path
kind, folder = sys.argv[1], Path(sys.argv[2])
start = time.perf_counter()
out = {}
if kind == "history":
    from supplier_handbook.history.gitlog import read_history
    history = read_history(folder)
    out["entries"] = sum(len(e) for e in history.by_slug.values())
    out["longest_subject"] = max(len(e.commit.subject) for es in history.by_slug.values()
                                 for e in es)
    stats = getattr(history, "stats", None)
    if stats is not None:
        out.update(versions_read=stats.versions_read, held_peak=stats.held_peak,
                   log_bytes=stats.log_bytes, version_bytes=stats.version_bytes)
else:
    import os
    from click.testing import CliRunner
    from supplier_handbook.commands.cli import main
    os.chdir(folder.parent)
    result = CliRunner().invoke(main, ["diff"])
    out["output"] = result.output.strip().splitlines()[:3]
out["seconds"] = round(time.perf_counter() - start, 2)
out["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
print(json.dumps(out))
"""


def history_3000(tmp: Path) -> Path:
    texts = {p.name: p.read_text(encoding="utf-8")
             for p in sorted((ROOT / "suppliers").glob("*.yaml"))}
    names = sorted(texts)
    start = dt.datetime(2024, 1, 1, tzinfo=UTC)

    def commits() -> list[FastCommit]:
        out = []
        for i in range(3_000):
            name = names[i % len(names)]
            text = texts[name] + f"# version {i}\n"
            out.append(FastCommit(f"Change {i}".encode(), {f"suppliers/{name}": text.encode()},
                                  start + dt.timedelta(hours=i)))
        return out

    return fast_repo(tmp / "history-3000", commits()) / "suppliers"


def subject_20mb(tmp: Path) -> Path:
    text = (ROOT / "suppliers" / "vantor-elektronika.yaml").read_bytes()
    commit = FastCommit(b"S" * 20_000_000, {"suppliers/vantor-elektronika.yaml": text},
                        dt.datetime(2026, 11, 1, tzinfo=UTC))
    return fast_repo(tmp / "subject-20mb", [commit]) / "suppliers"


def diff_11000(tmp: Path) -> Path:
    base = (ROOT / "suppliers" / "vantor-elektronika.yaml").read_text(encoding="utf-8")
    base = base.split("\nlog:\n")[0] + "\nlog:\n"
    text = base + "".join(f"  - date: 2026-01-{1 + i % 28:02d}\n    kind: note\n"
                          f"    text: entry {i}\n" for i in range(11_000))
    repo = fast_repo(tmp / "diff-11000", [FastCommit(
        b"Add", {"suppliers/vantor-elektronika.yaml": text.encode()},
        dt.datetime(2026, 1, 5, tzinfo=UTC))])
    edited = text.replace("text: entry 7000\n", "text: entry 7000, corrected\n")
    edited += "  - date: 2026-02-01\n    kind: win\n    text: a new one\n"
    (repo / "suppliers" / "vantor-elektronika.yaml").write_text(edited, encoding="utf-8")
    return repo / "suppliers"


CASES = {"history-3000": ("history", history_3000), "subject-20mb": ("history", subject_20mb),
         "diff-11000": ("diff", diff_11000)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--code", type=Path, default=ROOT / "generator")
    parser.add_argument("--only", nargs="*", choices=list(CASES), default=list(CASES))
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(args.code.resolve()), "NO_MKDOCS_2_WARNING": "1",
           "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.only:
            kind, make = CASES[name]
            folder = make(Path(tmp))
            done = subprocess.run([sys.executable, "-c", MEASURE, kind, str(folder)],
                                  capture_output=True, text=True, env=env, check=False)
            result = json.loads(done.stdout) if done.returncode == 0 else {
                "failed": done.stderr.strip().splitlines()[-1:]}
            print(f"{name}: {json.dumps(result)}", flush=True)


if __name__ == "__main__":
    main()
