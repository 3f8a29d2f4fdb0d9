"""Bare words: the lowercase words of a document's prose that a vocabulary holds. No names,
but a name that lost its capital may be one ("pple" for Apple); read by name.typo only."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

import ahocorasick_rs

from checker.core.model import Span
from checker.extract.names.extract import _quotes, masked_segment
from checker.input.documents import DEFAULT_SCOPE, Document
from checker.text.lazy_regex import lazy_compile

_BARE_WORD = lazy_compile(r"(?<![A-Za-z0-9+#.\-_@/])[a-z]{3,}(?![A-Za-z0-9+#\-_@/]|\.[A-Za-z0-9])")
# _BARE_WORD's look-arounds as character sets, for the gate below
_ALNUM = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
_NOT_BEFORE = _ALNUM | frozenset("+#.-_@/")
_NOT_AFTER = _ALNUM | frozenset("+#-_@/")
_SEP = "\x00"  # joins a document's segments: no vocabulary word holds it


class BareWord(NamedTuple):
    """A lowercase word of the prose: no name, but a name that lost its capital may be one
    ("pple" for Apple); read by name.typo only."""

    text: str
    span: Span  # in the source file
    quoted: bool  # inside a quoted sentence


@lru_cache(maxsize=4)
def _automaton(vocabulary: frozenset[str]) -> ahocorasick_rs.AhoCorasick | None:
    words = sorted(w for w in vocabulary if w and _SEP not in w)
    # leftmost-longest, no overlaps: a word _BARE_WORD finds is a whole lowercase run after no
    # letter, so no other match can hide it, and the longest at its start is that run itself
    return ahocorasick_rs.AhoCorasick(words, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest) if words else None


def bare_words(doc: Document, vocabulary: frozenset[str]) -> Iterator[BareWord]:
    """The lowercase words of a document's prose that are in `vocabulary` (URLs, code,
    handles and e-mails are masked as for names)."""
    segments = [seg for seg in doc.segments if seg.kind in DEFAULT_SCOPE]
    for i in sorted(_segments_with_words([seg.text for seg in segments], vocabulary)):
        seg = segments[i]
        masked = masked_segment(seg.text)
        quotes = _quotes(masked)
        for m in _BARE_WORD.finditer(masked):
            if m.group() not in vocabulary:
                continue  # (URLs, code, handles and e-mails are masked)
            quoted = any(q.start <= m.start() and m.end() <= q.end and not q.is_name for q in quotes)
            yield BareWord(m.group(), seg.to_source(m.start(), m.end()), quoted)


def _segments_with_words(texts: list[str], vocabulary: frozenset[str]) -> set[int]:
    """The texts in which a vocabulary word stands as `_BARE_WORD` would find it: the wanted
    words are rare, so one Aho-Corasick pass (in Rust) over the texts joined, each occurrence's
    neighbours tested, replaces two regex scans per segment (a third of name.typo's cost)."""
    automaton = _automaton(vocabulary)
    if automaton is None or not texts:
        return set()
    joined = _SEP.join(texts)
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    out: set[int] = set()
    for _word, start, end in automaton.find_matches_as_indexes(joined):
        if start and joined[start - 1] in _NOT_BEFORE:
            continue  # inside a word, a version, a path or a handle (and "Apple" holds "pple")
        after = joined[end : end + 1]
        if after in _NOT_AFTER or (after == "." and joined[end + 1 : end + 2] in _ALNUM):
            continue
        out.add(bisect.bisect_right(starts, start) - 1)
    return out
