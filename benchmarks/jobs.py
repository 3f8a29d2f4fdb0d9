"""Wall and CPU time of `checker check` with --jobs 1, --jobs N and the cache of unchanged files.

Run on demand (not a test):  .venv/bin/python benchmarks/jobs.py [--corpus real] [--jobs 2]
Runs, on a private cache directory: --jobs 1 without the cache, --jobs N without the cache,
--jobs N with a cold cache, then twice with the warm cache (--jobs N and --jobs 1); checks
that every report is the same (bar elapsed_s) and prints the load average, since the machine
may be shared. Targets (issue 17): corpus/real < 15 s with --jobs 1, < 9 s with --jobs 2,
< 3 s for a second run on the unchanged corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# child_env.py sits beside this script (also when it is loaded by path, without benchmarks/ on sys.path)
sys.path.insert(0, str(Path(__file__).resolve().parent))
from child_env import user_env, warm_bytecode

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"


def run(folder: Path, out: Path, cache: Path, extra: list[str]) -> tuple[float, float, dict[str, object]]:
    cmd = [sys.executable, "-m", "checker", "check", str(folder), "--format", "json", "-o", str(out)]
    cmd += ["--today", "2026-12-06", "--fail-on", "never", "-q", *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(cmd, check=True, env=user_env(CHECKER_CACHE_DIR=str(cache)))
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    data = json.loads(out.read_text(encoding="utf-8"))
    data["summary"].pop("elapsed_s", None)
    return wall, cpu, data


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="real")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    folder = SHARED / args.corpus
    warm_bytecode()  # time what an installed copy pays, whatever this shell's PYTHONDONTWRITEBYTECODE
    n = str(args.jobs)
    plan = [
        ("--jobs 1, no cache", ["--jobs", "1", "--no-cache"]),
        (f"--jobs {n}, no cache", ["--jobs", n, "--no-cache"]),
        (f"--jobs {n}, cold cache", ["--jobs", n]),
        (f"--jobs {n}, warm cache", ["--jobs", n]),
        ("--jobs 1, warm cache", ["--jobs", "1"]),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        reports = []
        for label, extra in plan:
            load = os.getloadavg()[0]
            wall, cpu, data = run(folder, Path(tmp) / "r.json", Path(tmp) / "cache", extra)
            reports.append(data)
            print(f"{args.corpus} {label}: wall {wall:.2f} s, CPU {cpu:.2f} s (load average before: {load:.2f})")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        print(f"largest peak RSS of one process: {peak / 1024:.0f} MB")
        same = all(json.dumps(r, sort_keys=True) == json.dumps(reports[0], sort_keys=True) for r in reports)
        print("reports identical:" if same else "REPORTS DIFFER:", same)


if __name__ == "__main__":
    main()
