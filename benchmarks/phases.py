"""Wall seconds of a `checker check` run's two phases: phase 1 (load, per-document rules, in the
pool at --jobs N) and phase 2 (`Engine.finish`: the cross-document rules, serial but for the
loops `core/forked.py` splits), in process.

    .venv/bin/python benchmarks/phases.py ../shared/corpus/real --jobs 2

Prints {start, phase 1, phase 2, total} in seconds. Run on an idle machine (wall time). The
modules' bytecode is written first (child_env.warm_bytecode), as an installed copy has it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# child_env.py sits beside this script (also when it is loaded by path, without benchmarks/ on sys.path)
sys.path.insert(0, str(Path(__file__).resolve().parent))
from child_env import warm_bytecode

T0 = time.perf_counter()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path")
    ap.add_argument("--jobs", default="1")
    ap.add_argument("--today", default="2026-12-06")
    args = ap.parse_args()
    warm_bytecode()  # before checker is imported: its modules load from bytecode, not source
    global T0
    T0 = time.perf_counter()

    from checker import cli
    from checker.core import engine as engine_mod
    from checker.core import runner

    marks: dict[str, float] = {}
    run_files = runner.run_files
    finish = engine_mod.Engine.finish

    def timed_files(*a: Any, **k: Any) -> Any:
        marks["phase 1 starts"] = time.perf_counter() - T0
        out = run_files(*a, **k)
        marks["phase 1"] = time.perf_counter() - T0 - marks["phase 1 starts"]
        return out

    def timed_finish(self: Any, *a: Any, **k: Any) -> Any:
        t = time.perf_counter()
        out = finish(self, *a, **k)
        marks["phase 2"] = time.perf_counter() - t
        return out

    runner.run_files = timed_files
    engine_mod.Engine.finish = timed_finish  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.json"
        cli.main(
            [
                "check", args.path, "--today", args.today, "--format", "json", "--output", str(out),
                "--fail-on", "never", "--jobs", args.jobs, "--no-cache", "-q",
            ]
        )  # fmt: skip
    marks["total"] = time.perf_counter() - T0
    print({k: round(v, 2) for k, v in marks.items()}, file=sys.stderr)


if __name__ == "__main__":  # (a spawned worker imports this module: no run there)
    main()
