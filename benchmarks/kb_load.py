"""Time to load the knowledge base and answer the first look-up (target: 0.2 s).

Run twice: the first run may compile the index into the user cache; later runs read it.
    .venv/bin/python benchmarks/kb_load.py
"""

from __future__ import annotations

import time


def main() -> None:
    started = time.perf_counter()
    from checker.extract.kb import load_kb

    imported = time.perf_counter()
    kb = load_kb()
    entry = kb.lookup("claude-opus-4-7")
    done = time.perf_counter()
    names = sum(len(e.names) for e in kb)
    print(f"import: {imported - started:.3f} s")
    print(
        f"load + first lookup: {done - imported:.3f} s ({len(kb)} entries, {names} names; found {entry and entry.name})"
    )


if __name__ == "__main__":
    main()
