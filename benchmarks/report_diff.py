"""Diff two JSON reports of checker, by rule: which findings appeared and which disappeared.

    python benchmarks/report_diff.py before.json after.json [--rule ID] [--show N]

A finding is identified by (rule, path, line, column, text, message); a finding whose message
changed but whose place did not is listed as "changed". Used to judge refactors and precision
work on the corpora (issue 12: every finding that appears or disappears must be judged).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from typing import Any


def _load(path: str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        findings: list[dict[str, Any]] = json.load(fh)["findings"]
    return findings


def _place(f: dict[str, Any]) -> tuple[str, str, int, int, str]:
    return (f["rule"], f["path"], f["line"], f["column"], f["text"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("before")
    ap.add_argument("after")
    ap.add_argument("--rule", help="only this rule id (or family prefix)")
    ap.add_argument("--show", type=int, default=30, help="findings listed per rule and direction")
    args = ap.parse_args(argv)
    before, after = _load(args.before), _load(args.after)
    if args.rule:
        before = [f for f in before if f["rule"] == args.rule or f["rule"].startswith(args.rule + ".")]
        after = [f for f in after if f["rule"] == args.rule or f["rule"].startswith(args.rule + ".")]
    b_places = Counter(_place(f) for f in before)
    a_places = Counter(_place(f) for f in after)
    b_msgs = {(_place(f), f["message"]) for f in before}
    gone = [f for f in before if a_places[_place(f)] < b_places[_place(f)] or not a_places[_place(f)]]
    new = [f for f in after if b_places[_place(f)] < a_places[_place(f)] or not b_places[_place(f)]]
    changed = [f for f in after if b_places[_place(f)] and (_place(f), f["message"]) not in b_msgs]
    rules = sorted({f["rule"] for f in before} | {f["rule"] for f in after})
    print(f"{'rule':20} {'before':>7} {'after':>7} {'gone':>5} {'new':>5} {'msg changed':>11}")
    for r in rules:
        print(
            f"{r:20} {sum(f['rule'] == r for f in before):7} {sum(f['rule'] == r for f in after):7}"
            f" {sum(f['rule'] == r for f in gone):5} {sum(f['rule'] == r for f in new):5}"
            f" {sum(f['rule'] == r for f in changed):11}"
        )
    for label, rows in (("gone", gone), ("new", new), ("message changed", changed)):
        for r in rules:
            mine = [f for f in rows if f["rule"] == r]
            if not mine:
                continue
            print(f"\n## {r}: {label} ({len(mine)})")
            for f in mine[: args.show]:
                print(f"  {f['path']}:{f['line']}:{f['column']}  {f['text'][:40]!r}  {f['message'][:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
