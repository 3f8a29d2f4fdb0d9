"""The lines of a text that hold a needle or a gate pattern's match (link extraction reads only
those: links never span lines, so each costly pattern runs on the few lines that can hold one)."""

from __future__ import annotations

import re


def lines_with(text: str, lowered: str, *needles: str) -> list[tuple[int, int]]:
    """(start, end) of each line holding one of the needles (lower case), in order.

    Links never span lines, so each pattern runs only on the few lines that can hold
    one: a tenth of the time of running it over whole documents."""
    found: set[tuple[int, int]] = set()
    for needle in needles:
        pos = 0
        while (i := lowered.find(needle, pos)) != -1:
            a = text.rfind("\n", 0, i) + 1
            b = text.find("\n", i)
            b = len(text) if b == -1 else b
            found.add((a, b))
            pos = b + 1
    return sorted(found)


def hit_lines(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of each line of `text` in which `pattern` has a match, in order. For a gate
    that never matches a line break: one search over the whole text, resumed at the next line
    after a hit, where a search per line of a needle cost a Python step per line."""
    out: list[tuple[int, int]] = []
    pos = 0
    while (m := pattern.search(text, pos)) is not None:
        a = text.rfind("\n", 0, m.start()) + 1
        b = text.find("\n", m.start())
        b = len(text) if b == -1 else b
        out.append((a, b))
        pos = b + 1
    return out
