"""Wall time and peak memory of `checker check` on a short draft, the seeds and the real corpus.

Run on demand (not a test):  .venv/bin/python benchmarks/foundation.py [--only draft|seeds|real] [--select RULES]
Prints documents and MB per second, and the ratio to a bare one-pass regex scan of the
same bytes (the floor any reader of these files pays). Targets: a draft under 0.3 s, seeds
under 1 s including start-up; the real corpus under 15 s on one core.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# child_env.py sits beside this script (also when it is loaded by path, without benchmarks/ on sys.path)
sys.path.insert(0, str(Path(__file__).resolve().parent))
from child_env import user_env, warm_bytecode

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
SUFFIXES = {".md", ".markdown", ".mdx", ".txt", ".html", ".htm"}


def corpus_bytes(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def bare_scan(folder: Path) -> float:
    """One pass of a simple regex over every file's decoded text."""
    pattern = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|https?://\S+|[A-Z][a-z]+-[A-Z0-9]\w*")
    started = time.perf_counter()
    for p in sorted(folder.rglob("*")):
        if p.suffix.lower() in SUFFIXES and p.is_file():
            text = p.read_bytes().decode("utf-8", "replace")
            sum(1 for _ in pattern.finditer(text))
    return time.perf_counter() - started


def run_checker(folder: Path, extra: list[str], cache: Path | None = None) -> tuple[float, int, dict[str, Any]]:
    """One run, cold (--no-cache) or with the cache folder `cache` (a warm run when filled)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.json"
        cmd = [
            sys.executable,
            "-m",
            "checker",
            "check",
            str(folder),
            "--format",
            "json",
            "-o",
            str(out),
            "--today",
            "2026-11-23",
            "--fail-on",
            "never",
            *(["--no-cache"] if cache is None else []),
            *extra,
        ]
        # one core, as the target says
        if hasattr(os, "sched_setaffinity"):
            cmd = ["taskset", "-c", "0", *cmd]
        started = time.perf_counter()
        env = user_env(CHECKER_CACHE_DIR=str(cache)) if cache is not None else user_env()
        subprocess.run(cmd, check=True, env=env)
        wall = time.perf_counter() - started
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        return wall, peak_kb, json.loads(out.read_text(encoding="utf-8"))


# an editor's short draft (issue 17: < 0.3 s): front matter, a heading, two sentences with names,
# dates and a figure
DRAFT = """---
title: AI 日报
date: 2026-12-01
---
# 今日要闻

OpenAI 于 2025年8月7日发布了 GPT-5，称错误率下降 45%。
Google 的 Gemini 2.5 Pro 在 2025年3月25日上线。
"""


def time_draft(extra: list[str], runs: int = 9) -> None:
    """Wall time of `checker check draft.md --no-cache`, min and median of `runs` after one
    warm-up, with a private cache folder (the built lexicon and regex programs of a user who ran
    checker before; a shared folder's programs file makes the figures noisy)."""
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "draft.md"
        draft.write_text(DRAFT, encoding="utf-8")
        cache, out = Path(tmp) / "cache", Path(tmp) / "r.json"
        cmd = [sys.executable, "-m", "checker", "check", str(draft), "--no-cache", "--format", "json"]
        cmd += ["-o", str(out), "-q", "--today", "2026-12-06", "--fail-on", "never", *extra]
        env = user_env(CHECKER_CACHE_DIR=str(cache))
        walls = []
        for _ in range(runs + 1):
            started = time.perf_counter()
            subprocess.run(cmd, check=True, env=env)
            walls.append(time.perf_counter() - started)
        walls = sorted(walls[1:])
        print(f"draft: {len(DRAFT.splitlines())} lines, {runs} runs after a warm-up")
        print(f"  checker wall min {walls[0]:.3f} s, median {walls[len(walls) // 2]:.3f} s")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--select", default=None, help="rules or families (default: all)")
    ap.add_argument("--only", choices=("draft", "seeds", "real"), default=None)
    ap.add_argument("--warm", action="store_true", help="also time a second run with the cache filled")
    args = ap.parse_args()
    extra = ["--select", args.select] if args.select else []
    warm_bytecode()  # time what an installed copy pays, whatever this shell's PYTHONDONTWRITEBYTECODE
    if args.only in (None, "draft"):
        time_draft(extra)
    for name in ("seeds", "real"):
        if args.only and name != args.only:
            continue
        folder = SHARED / name
        n_files, n_bytes = corpus_bytes(folder)
        wall, peak_kb, report = run_checker(folder, extra)
        scan = bare_scan(folder)
        docs = report["summary"]["documents"]
        mb = n_bytes / 1e6
        print(f"{name}: {n_files} files, {docs} documents, {mb:.1f} MB")
        print(
            f"  checker wall {wall:.2f} s (engine {report['summary']['elapsed_s']:.2f} s), "
            f"peak RSS {peak_kb / 1024:.0f} MB"
        )
        print(
            f"  {docs / wall:.0f} documents/s, {mb / wall:.2f} MB/s; bare regex scan {scan:.2f} s "
            f"(checker/scan = {wall / scan:.0f}x)"
        )
        print(f"  findings by rule: {report['summary']['by_rule']}")
        if args.warm:
            # a second run on the unchanged folder (target < 3 s): the first fills a private cache
            with tempfile.TemporaryDirectory() as cache:
                run_checker(folder, extra, Path(cache))
                warm, _peak, again = run_checker(folder, extra, Path(cache))
            same = again["findings"] == report["findings"] and again["documents"] == report["documents"]
            print(f"  warm (second run, unchanged): wall {warm:.2f} s, same findings and documents: {same}")


if __name__ == "__main__":
    main()
