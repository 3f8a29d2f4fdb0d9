"""text.llm-residue findings per corpus source, and the rule's own time.

Run on demand (not a test):

    .venv/bin/python benchmarks/residue_counts.py                 # ../shared/corpus/{real,seeds}
    .venv/bin/python benchmarks/residue_counts.py --show 30       # and 30 findings to read by hand
    .venv/bin/python benchmarks/residue_counts.py PATH [PATH ...]

A source is the folder right under corpus/real (one repository) or a seed file. For each it
prints documents, documents with findings, findings, findings by kind and how many were
weak (counted only because the same document or entry has a strong one). `--show N` picks
N findings round-robin over sources and kinds, the same ones on every run, and prints each
with its location and text for reading.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from checker.core.config import Config
from checker.core.engine import Engine, RunOptions, load_inputs
from checker.core.model import Finding

RULE = "text.llm-residue"
ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = [ROOT.parent / "shared/corpus/real", ROOT.parent / "shared/corpus/seeds"]
_KIND = re.compile(r"\(([^)]+)\)")


def source_of(path: str) -> str:
    parts = Path(path).parts
    if "real" in parts:
        rest = parts[parts.index("real") + 1 :]
        return rest[0] if len(rest) > 1 else "real/" + rest[0]
    if "seeds" in parts:
        return "seeds/" + Path(path).name[:3]
    return Path(path).parent.name or path


def kind_of(f: Finding) -> str:
    m = _KIND.search(f.message)
    return m.group(1) if m else "?"


def is_weak(f: Finding) -> bool:
    return any("counted because" in e.detail for e in f.evidence)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path, default=DEFAULT_PATHS)
    ap.add_argument("--show", type=int, default=0, metavar="N", help="print N findings to read by hand")
    args = ap.parse_args(argv)
    missing = [p for p in args.paths if not p.exists()]
    if missing:
        print(f"not found: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2

    cfg = Config(root=ROOT, select=[RULE])
    started = time.perf_counter()
    docs, errors = load_inputs([str(p) for p in args.paths], cfg)
    loaded = time.perf_counter() - started
    engine = Engine(cfg, RunOptions(today=dt.date(2026, 11, 23)))
    cpu = time.process_time()
    report = engine.run(docs)
    cpu = time.process_time() - cpu  # the engine runs this one rule only; CPU time shrugs off a busy machine
    findings = [f for f in report.findings if f.rule == RULE]
    if errors or report.crashes:
        print(f"{len(errors)} input errors, {len(report.crashes)} rule crashes", file=sys.stderr)

    doc_count: Counter[str] = Counter(source_of(d.path) for d in docs)
    flagged_docs: dict[str, set[str]] = defaultdict(set)
    by_source: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_source[source_of(f.path)].append(f)
        flagged_docs[source_of(f.path)].add(f.document)

    print(f"{'source':44} {'docs':>5} {'flagged':>7} {'findings':>8} {'weak':>5}  by kind")
    for src in sorted(doc_count):
        fs = by_source.get(src, [])
        kinds = Counter(kind_of(f) for f in fs)
        kind_text = ", ".join(f"{k} {n}" for k, n in kinds.most_common())
        weak = sum(1 for f in fs if is_weak(f))
        print(f"{src:44} {doc_count[src]:5} {len(flagged_docs.get(src, ())):7} {len(fs):8} {weak:5}  {kind_text}")
    print(f"{'total':44} {len(docs):5} {sum(map(len, flagged_docs.values())):7} {len(findings):8}")
    rule_s = report.rule_seconds.get(RULE, 0.0)
    mb = sum(len(d.text) for d in docs) / 1e6
    print(
        f"\nloading {loaded:.2f} s; {RULE} {rule_s:.3f} s wall, engine run {cpu:.3f} s CPU, "
        f"for {len(docs)} documents ({mb:.1f} M characters)"
    )

    if args.show:
        print()
        for f in sample(findings, args.show):
            lines = f"{f.location.line}" + (f"-{f.location.end_line}" if f.location.end_line > f.location.line else "")
            text = f.text.replace("\n", " ⏎ ")
            print(f"[{source_of(f.path)}] {f.document}:{lines} ({kind_of(f)}{', weak' if is_weak(f) else ''})")
            print(f"    {text[:200]}")
    return 0


def sample(findings: list[Finding], n: int) -> list[Finding]:
    """n findings spread round-robin over (source, kind) groups, spaced evenly inside each group."""
    groups: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        groups[(source_of(f.path), kind_of(f))].append(f)
    queues = {k: _spread(v) for k, v in sorted(groups.items())}
    out: list[Finding] = []
    while len(out) < n and any(queues.values()):
        for k in sorted(queues):
            if queues[k] and len(out) < n:
                out.append(queues[k].pop(0))
    return out


def _spread(items: list[Finding]) -> list[Finding]:
    """The items in an order that visits the whole list early: middle, quarters, eighths, ..."""
    order: list[int] = []
    step = len(items)
    while step >= 1 and len(order) < len(items):
        for i in range(step // 2, len(items), max(step, 1)):
            if i not in order:
                order.append(i)
        step //= 2
    order += [i for i in range(len(items)) if i not in order]
    return [items[i] for i in order]


if __name__ == "__main__":
    sys.exit(main())
