"""CPU time (not wall: the machine is shared) of one `checker check` run, per rule, in process.

    python benchmarks/rule_cpu.py ../shared/corpus/real [--top 15] [--profile out.prof] [-- extra args]

Prints the run's total CPU, the CPU spent before the engine (start-up, loading and segmenting),
the engine's CPU and the rules' CPU, highest first (an extraction is charged to the first rule
that asks for it). Writes the JSON report to /tmp/rule_cpu.json for benchmarks/report_diff.py.
"""

from __future__ import annotations

import argparse
import cProfile
import time
import types
from typing import Any

_T0 = time.process_time()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--profile", default=None, help="write a cProfile of the run here")
    ap.add_argument("--today", default="2026-12-06")
    ap.add_argument("--output", default="/tmp/rule_cpu.json")
    ap.add_argument("extra", nargs="*")
    args = ap.parse_args()

    from checker import cli
    from checker.core import engine as engine_mod
    from checker.core import phases as phases_mod

    # the engine times rules with perf_counter (wall); CPU is what a shared machine can compare
    engine_mod.time = types.SimpleNamespace(perf_counter=time.process_time)  # type: ignore[assignment]
    phases_mod.time = types.SimpleNamespace(perf_counter=time.process_time)  # type: ignore[assignment]
    seen: dict[str, Any] = {}
    real_work = engine_mod.Engine.document_work
    real_finish = engine_mod.Engine.finish

    # the runner calls document_work() once before the first document and finish() after the last
    def document_work(self: Any) -> Any:
        seen.setdefault("engine_start", time.process_time())
        return real_work(self)

    def finish(self: Any, *a: Any, **kw: Any) -> Any:
        report = real_finish(self, *a, **kw)
        seen["engine_end"] = time.process_time()
        seen["report"] = report
        return report

    engine_mod.Engine.document_work = document_work  # type: ignore[method-assign]
    engine_mod.Engine.finish = finish  # type: ignore[method-assign]
    argv = ["check", args.path, "--today", args.today, "--format", "json", "--output", args.output]
    # in process and cold: a pool or the cache of unchanged files would hide the rules' cost
    argv += ["--quiet", "--fail-on", "never", "--jobs", "1", "--no-cache", *args.extra]
    prof = cProfile.Profile() if args.profile else None
    if prof:
        prof.enable()
    cli.main(argv)
    if prof:
        prof.disable()
        prof.dump_stats(args.profile)
    total = time.process_time() - _T0
    report = seen["report"]
    engine = seen["engine_end"] - seen["engine_start"]
    print(f"CPU total {total:.2f} s: before the engine {seen['engine_start'] - _T0:.2f} s, engine {engine:.2f} s")
    rows = sorted(report.rule_seconds.items(), key=lambda kv: -kv[1])
    for rid, sec in rows[: args.top]:
        print(f"  {sec:7.2f}  {rid}")
    print(f"  ({len(report.findings)} findings in {len(report.documents)} documents)")


if __name__ == "__main__":
    main()
