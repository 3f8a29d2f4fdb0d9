"""Compare the segments of every Markdown file under the given folders as read through
pulldown-cmark (checker.input.blockscan, the default) and through markdown-it-py alone.

    .venv/bin/python benchmarks/segments_compare.py ../shared/corpus/real ../shared/corpus/validation [-v]

Prints the files whose segment lists (kind, span, containers, level) or structure issues
differ, the first difference of each, the number of regions that fell back to markdown-it-py,
and the CPU of both block passes. tests/test_blockscan.py runs the same comparison on the
seeds and on hand-written tricky cases.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from checker.input import blockscan, segment
from checker.input.load import MARKDOWN_SUFFIXES, TEXT_SUFFIXES, InputError, InputFile, build_documents, read_source


def shape(docs: list[Any]) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for d in docs:
        out.append(("doc", d.id, d.span, d.title, d.title_span))
        out += [(s.kind, s.span, s.containers, s.level, s.view.text, s.view.runs) for s in d.segments]
        out += [("issue", i.kind, i.span, i.detail) for i in d.structure_issues]
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    files = sorted(
        p for d in args.paths for p in Path(d).rglob("*") if p.suffix.lower() in MARKDOWN_SUFFIXES | TEXT_SUFFIXES
    )
    real_fast = blockscan.block_tokens
    fallbacks = 0

    def counting(text: str, **kw: Any) -> Any:
        nonlocal fallbacks
        got = real_fast(text, **kw)
        fallbacks += got is None
        return got

    differ = 0
    cpu = {"fast": 0.0, "slow": 0.0}
    for p in files:
        try:
            source = read_source(InputFile(str(p), p))
        except InputError:
            continue
        got = {}
        for mode in ("fast", "slow"):
            segment.block_tokens = counting if mode == "fast" else (lambda text, **kw: None)  # type: ignore[assignment]
            t0 = time.process_time()
            got[mode] = shape(build_documents(source))
            cpu[mode] += time.process_time() - t0
        segment.block_tokens = real_fast  # type: ignore[assignment]
        if got["fast"] != got["slow"]:
            differ += 1
            first = next(
                (i for i, (a, b) in enumerate(zip(got["fast"], got["slow"], strict=False)) if a != b),
                min(len(got["fast"]), len(got["slow"])),
            )
            print(f"DIFF {p}: {len(got['fast'])} vs {len(got['slow'])} items, first at {first}")
            if args.verbose:
                for mode in ("fast", "slow"):
                    item = got[mode][first] if first < len(got[mode]) else None
                    print(f"  {mode}: {str(item)[:300]}")
    print(
        f"{len(files)} files, {differ} differ, {fallbacks} regions fell back to markdown-it-py; "
        f"build_documents CPU: pulldown-cmark {cpu['fast']:.2f} s, markdown-it-py {cpu['slow']:.2f} s"
    )
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
