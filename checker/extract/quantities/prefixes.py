"""One pattern over many prefixes of one sentence, each answered as a scan of that prefix would.

A sentence of k figures asked "the last time word before this figure" and "a plan word before
this figure" by scanning `sent[:p]` for each figure: k scans of the whole sentence, quadratic
on a sentence of hundreds of figures. `PrefixScan` scans the sentence once and answers each
prefix from that scan plus a short rescan of its last `reach` characters.

Why that is exact: an attempt of a pattern at position s reads no character at or after
s + reach (`reach_of`: the longest text any path of the pattern can consume or look ahead at,
plus one for an anchor such as `\\b` that looks at the next character). Cutting the text at p
(`endpos=p`, which is the same as slicing: the engine's end of string moves to p) changes
only attempts that read position p or beyond, that is attempts at s > p - reach. So the scan
of `text[:p]` agrees with the scan of the whole text up to the first match that starts after
p - reach, and only the rest needs a rescan. A pattern whose reach is unbounded (`.*`, a
back-reference), or that can match the empty string, is scanned per prefix as before.

Hand-written: no library answers "matches in each prefix"; the reach is read from the parsed
pattern by the standard library's own parser (re._parser), with a fallback to plain scans.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Any


def _width(items: Any) -> int | None:
    """The most characters a parsed (sub)pattern can read forward; None if unbounded."""
    from re import _constants as c  # type: ignore[attr-defined]

    total = 0
    for op, av in items:
        if op in (c.LITERAL, c.NOT_LITERAL, c.ANY, c.IN):
            w: int | None = 1
        elif op is c.AT:
            w = 0  # an anchor reads the next character: the one added to every reach
        elif op is c.SUBPATTERN:
            w = _width(av[-1])
        elif op is c.BRANCH:
            ws = [_width(b) for b in av[1]]
            w = None if None in ws else max(x for x in ws if x is not None)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            _lo, hi, sub = av
            inner = _width(sub)
            w = None if inner is None or hi == c.MAXREPEAT else inner * hi
        elif op in (c.ASSERT, c.ASSERT_NOT):
            direction, sub = av
            # a look-ahead reads past where it stands (counted as if consumed: an upper bound);
            # a look-behind reads only before it
            w = _width(sub) if direction > 0 else 0
        elif op is getattr(c, "ATOMIC_GROUP", None):
            w = _width(av)
        elif op is c.GROUPREF_EXISTS:
            _group, yes, no = av
            ws = [_width(yes), _width(no) if no is not None else 0]
            w = None if None in ws else max(x for x in ws if x is not None)
        else:
            return None  # a back-reference or an opcode not known here: no bound claimed
        if w is None:
            return None
        total += w
    return total


@lru_cache(maxsize=256)
def reach_of(source: str, flags: int) -> int | None:
    """How far past its start an attempt of the pattern can read; None: unbounded or unknown,
    or the pattern can match the empty string (a scan's resume point then differs)."""
    try:
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(source, flags)
        if parsed.getwidth()[0] == 0:
            return None
        width = _width(parsed.data)
    except Exception:  # a private module may change between versions: then scan per prefix
        return None
    return None if width is None else width + 1


class PrefixScan:
    """`pattern` over the prefixes `text[:p]` of one text, each answer as from that prefix alone."""

    __slots__ = ("_matches", "_pattern", "_reach", "_starts", "_text")

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self._pattern = pattern
        self._text = text
        self._reach = reach_of(pattern.pattern, pattern.flags)
        self._matches: list[re.Match[str]] | None = None
        self._starts: list[int] = []

    def _prefix(self, p: int) -> tuple[int, int]:
        """How many whole-text matches the scan of text[:p] shares, and where its rescan starts."""
        if self._matches is None:
            self._matches = list(self._pattern.finditer(self._text))
            self._starts = [m.start() for m in self._matches]
        assert self._reach is not None
        safe = p - self._reach  # attempts at or before here read nothing at or past p
        k = bisect.bisect_right(self._starts, safe)
        resume = self._matches[k - 1].end() if k else 0
        return k, max(resume, safe + 1, 0)

    def last(self, p: int) -> re.Match[str] | None:
        """The last match of `finditer(text[:p])` (positions in `text`)."""
        if self._reach is None:
            found = None
            for found in self._pattern.finditer(self._text, 0, p):  # noqa: B007
                pass
            return found
        k, start = self._prefix(p)
        found = None
        for found in self._pattern.finditer(self._text, start, p):  # noqa: B007
            pass
        if found is not None:
            return found
        assert self._matches is not None
        return self._matches[k - 1] if k else None

    def first(self, p: int) -> re.Match[str] | None:
        """`search(text[:p])` (positions in `text`)."""
        if self._reach is None:
            return self._pattern.search(self._text, 0, p)
        k, start = self._prefix(p)
        if k:
            assert self._matches is not None
            return self._matches[0]
        return self._pattern.search(self._text, start, p)
