"""Wall time and peak memory of `checker check` (all rules) on generated worst-case inputs.

Run on demand (not a test):  .venv/bin/python benchmarks/pathological.py [--n 3000]

Each input puts N items on ONE line, so no sentence or clause break bounds the work per
item: N maker names in one name run, N Title Case words, N figures of one subject, N dates
with weekdays, N links/DOIs/arXiv ids, N launched product names. A rule that looks back
over the whole sentence per item turns quadratic here (seen: 3,200 maker names took 6 min
and then crashed with RecursionError; 3,000 figures took 56 s; 3,000 links 28 s). Target:
every input well under 10 s at N = 3000, and time growing about linearly with N.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _inputs(n: int) -> dict[str, Callable[[], str]]:
    rng = random.Random(1)
    return {
        "maker names": lambda: "# T\n\n" + " ".join(["OpenAI Sam Altman Google"] * (n // 4)) + "\n",
        "title case words": lambda: "# T\n\n" + " ".join(f"Alpha{chr(65 + i % 26)}" for i in range(n)) + "\n",
        "figures": lambda: (
            "# T\n\n" + "，".join(f"DeepSeek-V3 的訓練成本為 {rng.randint(500, 600)} 萬美元" for _ in range(n)) + "\n"
        ),
        "dates": lambda: (
            "---\ndate: 2025-06-01\n---\n\n"
            + "，".join(f"2025年{rng.randint(1, 12)}月{rng.randint(1, 28)}日 星期三 發布" for _ in range(n))
            + "\n"
        ),
        "links": lambda: (
            "# T\n\n"
            + " ".join(f"[x](https://example{i}.com/a/{i}) arXiv:2501.{i:05d} doi:10.1000/{i}" for i in range(n))
            + "\n"
        ),
        "launched names": lambda: "# T\n\n" + "。".join(f"公司今日發布 Zorvex-{i} 模型" for i in range(n)) + "\n",
    }


def _run(path: Path) -> tuple[float, float, int]:
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "checker", "check", str(path), "--fail-on", "never", "--quiet", "--color", "never"],
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return wall, peak_mb, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=3000, help="items per input line")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'input':<18}{'chars':>10}{'wall s':>9}{'peak MB':>9}  exit")
        for name, make in _inputs(args.n).items():
            path = Path(tmp) / (name.replace(" ", "-") + ".md")
            text = make()
            path.write_text(text, encoding="utf-8")
            wall, peak, code = _run(path)
            # ru_maxrss of children is the largest so far, not this run's alone
            print(f"{name:<18}{len(text):>10,}{wall:>9.2f}{peak:>9.0f}  {code}")


if __name__ == "__main__":
    main()
