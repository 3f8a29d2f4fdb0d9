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


def reach_of(source: str, flags: int) -> int | None:
    """How far past its start an attempt of the pattern can read; None: unbounded or unknown,
    or the pattern can match the empty string (a scan's resume point then differs)."""
    return _reading(source, flags)[0]


def _reach_parsed(parsed: Any) -> int | None:
    try:
        if parsed.getwidth()[0] == 0:
            return None
        width = _width(parsed.data)
    except Exception:  # a private module may change between versions: then scan per prefix
        return None
    return None if width is None else width + 1


def _min_width(items: Any) -> int:
    """The fewest characters a parsed (sub)pattern consumes (0 where not known: the safe side)."""
    try:
        low: int = items.getwidth()[0]
    except Exception:
        return 0
    return low


def _cased(ch: int, ignore_case: bool) -> set[str]:
    """The characters a literal stands for: itself, and under IGNORECASE its lower case and the
    standard library's extra case equivalents (ſ for s, ς for σ; matched against the text and
    its lower case, which together cover the rest, as K for k)."""
    c = chr(ch)
    if not ignore_case:
        return {c}
    from re import _casefix  # type: ignore[attr-defined]

    low = c.lower()[:1]
    out = {c, low, c.upper()[:1]}
    out.update(chr(x) for x in _casefix._EXTRA_CASES.get(ord(low), ()))
    return out


def _first_chars(items: Any, ignore_case: bool) -> tuple[set[str], bool] | None:
    """The characters a match of a parsed sequence can start with, and whether it can consume
    nothing; None when not known (a category, a negated set, inline flags)."""
    from re import _constants as c  # type: ignore[attr-defined]

    out: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            out |= _cased(av, ignore_case)
            return out, False
        if op is c.IN:
            for kind, arg in av:
                if kind is c.LITERAL:
                    out |= _cased(arg, ignore_case)
                elif kind is c.RANGE and arg[1] - arg[0] < 4096:
                    for ch in range(arg[0], arg[1] + 1):
                        out |= _cased(ch, ignore_case)
                else:
                    return None  # a category (\d, \w), a negation, a big range
            return out, False
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue  # consumes nothing: the first character comes after it
        if op is c.BRANCH:
            nullable = False
            for branch in av[1]:
                found = _first_chars(branch, ignore_case)
                if found is None:
                    return None
                out |= found[0]
                nullable = nullable or found[1]
            if not nullable:
                return out, False
            continue
        if op is c.SUBPATTERN:
            if av[1] or av[2]:
                return None  # inline flags: not followed here
            sub = av[-1]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
            sub = av[2]
        elif op is getattr(c, "ATOMIC_GROUP", None):
            sub = av
        else:
            return None
        found = _first_chars(sub, ignore_case)
        if found is None:
            return None
        out |= found[0]
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)) and av[0] == 0:
            continue  # may repeat zero times
        if not found[1] and _min_width(sub) > 0:
            return out, False
    return out, True


@lru_cache(maxsize=256)
def starts_of(source: str, flags: int) -> re.Pattern[str] | None:
    """A one-character class that matches every character a match of the pattern can start
    with (under IGNORECASE, as the pattern compares: its lower case and the extra cases), or
    None when not known: a match can start only where the class matches."""
    _reach, chars, ignore_case = _reading(source, flags)
    if chars is None:
        return None
    from checker.text.regex_cache import programs

    try:
        return programs().compile(f"[{chars}]", re.IGNORECASE if ignore_case else 0)
    except re.error:  # (a stored class is checked for shape: not expected)
        return None


def _starts_parsed(parsed: Any) -> tuple[str | None, bool]:
    """The class's characters (escaped, sorted) and whether it is case-blind; None: no gate."""
    try:
        ignore_case = bool(parsed.state.flags & re.IGNORECASE)
        found = _first_chars(parsed.data, ignore_case)
    except Exception:  # a private module may change between versions: then no gate
        return None, False
    if found is None or found[1] or not found[0]:
        return None, False
    return "".join(re.escape(ch) for ch in sorted(found[0])), ignore_case


# re.escape's output: a special character escaped, any other as it is (never an unescaped "]",
# "\\", "^" or "-", which would end, escape, negate or range the class built around it)
_ESCAPED = re.compile(r"(?:\\[^0-9A-Za-z]|[^\\\]\[^\-&~|])+")

_Reading = tuple[int | None, str | None, bool]  # reach_of, starts_of's characters, case-blind


@lru_cache(maxsize=256)
def _reading(source: str, flags: int) -> _Reading:
    """`reach_of` and `starts_of` of a pattern from one parse, kept between runs in the lexicon
    store: parsing the long cue-word patterns in Python cost ~0.02 s of a seeds run (each was
    parsed twice), and the answer depends only on the pattern, this code and the Python
    version's parser (all in the key)."""
    from checker.lexicon import built

    k = _stored_key(source, flags)
    got: Any = built.stored_value(k) if k else None
    if _well_formed(got):
        return got[0], got[1], got[2]
    try:
        from re import _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(source, flags)
    except Exception:  # a private module may change between versions: no shortcut, no gate
        return None, None, False
    reading = (_reach_parsed(parsed), *_starts_parsed(parsed))
    if k:
        built.keep(k, list(reading))
    return reading


def _stored_key(source: str, flags: int) -> str | None:
    import hashlib
    import sys

    from checker.lexicon import built

    code = _code_digest()
    if code is None:
        return None
    digest = hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return built.key("pattern-reading", code, sys.version_info[:2], int(flags), digest)


@lru_cache(maxsize=1)
def _code_digest() -> str | None:
    from checker.cachefiles import code_digest

    return code_digest(__name__)


def _well_formed(value: Any) -> bool:
    """A stored [reach, characters, case-blind]: reach a positive int or null, characters a
    non-empty string or null (a class built from it as it is: no "]" unescaped, no newline)."""
    if not (isinstance(value, list) and len(value) == 3 and isinstance(value[2], bool)):
        return False
    reach, chars = value[0], value[1]
    reach_ok = reach is None or (type(reach) is int and reach > 0)
    chars_ok = chars is None or (isinstance(chars, str) and _ESCAPED.fullmatch(chars) is not None)
    return reach_ok and chars_ok


_DENSE = 6  # more than one possible start in this many characters: the engine scans faster


class PrefixScan:
    """`pattern` over the prefixes `text[:p]` of one text, each answer as from that prefix alone."""

    __slots__ = ("_at", "_candidates", "_matches", "_pattern", "_reach", "_starts", "_text")

    def __init__(self, pattern: re.Pattern[str], text: str) -> None:
        self._pattern = pattern
        self._text = text
        self._reach = reach_of(pattern.pattern, pattern.flags)
        self._at = starts_of(pattern.pattern, pattern.flags)
        self._candidates: list[int] | None = None  # where a match can start
        self._matches: list[re.Match[str]] | None = None
        self._starts: list[int] = []

    def _prefix(self, p: int) -> tuple[int, int]:
        """How many whole-text matches the scan of text[:p] shares, and where its rescan starts."""
        if self._matches is None:
            self._matches = self._scan()
            self._starts = [m.start() for m in self._matches]
        assert self._reach is not None
        safe = p - self._reach  # attempts at or before here read nothing at or past p
        k = bisect.bisect_right(self._starts, safe)
        resume = self._matches[k - 1].end() if k else 0
        return k, max(resume, safe + 1, 0)

    def _scan(self) -> list[re.Match[str]]:
        """`list(finditer(text))`, trying only where a match can start (when such places are
        few: a match tried from Python costs as much as the engine's own scan of ~6 characters)."""
        if self._at is None or len(self._starts_at()) * _DENSE > len(self._text):
            return list(self._pattern.finditer(self._text))
        out: list[re.Match[str]] = []
        end = len(self._text)
        s = 0
        while (m := self.search(s, end)) is not None:
            out.append(m)
            s = m.end()
        return out

    def last(self, p: int) -> re.Match[str] | None:
        """The last match of `finditer(text[:p])` (positions in `text`)."""
        if self._reach is None:
            found = None
            for found in self._pattern.finditer(self._text, 0, p):  # noqa: B007
                pass
            return found
        k, start = self._prefix(p)
        found = None
        s = start
        while (m := self.search(s, p)) is not None:
            found = m
            s = m.end()
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
        return self.search(start, p)

    def _starts_at(self) -> list[int]:
        """Where a match can start (`_at` is set)."""
        if self._candidates is None:
            assert self._at is not None
            self._candidates = [m.start() for m in self._at.finditer(self._text)]
        return self._candidates

    def search(self, start: int, end: int) -> re.Match[str] | None:
        """`search(text, start, end)`, trying only where a match can start: the rescan of a
        stretch costs ~0.7 us a character with a long case-blind word list, one attempt less."""
        if self._at is None:
            return self._pattern.search(self._text, start, end)
        text = self._text
        if self._candidates is not None:  # listed for a scan already
            cands = self._candidates
            match = self._pattern.match
            for k in range(bisect.bisect_left(cands, start), len(cands)):
                s = cands[k]
                if s >= end:
                    break
                m = match(text, s, end)
                if m is not None:
                    return m
            return None
        # else the next place is found in C from each failed one: listing every place of the
        # whole sentence for a search of its last few hundred characters cost more than the search
        at_search, match = self._at.search, self._pattern.match
        s = start
        while (c := at_search(text, s, end)) is not None:
            s = c.start()
            m = match(text, s, end)
            if m is not None:
                return m
            s += 1
        return None


def gated_search(pattern: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
    """`pattern.search(text, pos, endpos)`, begun at the first character a match can start with:
    most clauses hold none of a cue list's first characters, and a case-blind word list costs the
    engine a full attempt at every position before it (the attempts before that character
    cannot match, and those from it on are the same attempts on the same text)."""
    end = len(text) if endpos is None else endpos
    gate = starts_of(pattern.pattern, pattern.flags)
    if gate is None:
        return pattern.search(text, pos, end)
    first = gate.search(text, pos, end)
    return None if first is None else pattern.search(text, first.start(), end)
