"""Bare words: the lowercase words of a document's prose that a vocabulary holds. No names,
but a name that lost its capital may be one ("pple" for Apple); read by name.typo only."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import NamedTuple

import ahocorasick_rs

from checker.core.model import Span
from checker.extract.names.extract import _quotes, masked_segment
from checker.input.documents import DEFAULT_SCOPE, Document
from checker.text.lazy_regex import lazy_compile

_BARE_WORD = lazy_compile(r"(?<![A-Za-z0-9+#.\-_@/])[a-z]{3,}(?![A-Za-z0-9+#\-_@/]|\.[A-Za-z0-9])")
# _BARE_WORD's look-arounds as a byte map for the gate below: a letter stays itself, a full stop
# stays ".", the other characters the look-arounds name become "A", every other byte (space,
# punctuation, NUL, each byte of a character past ASCII) becomes EDGE, where a word may begin or end
EDGE = b"\x01"
_ALNUM = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_EDGES = bytearray(EDGE * 256)
for _b in b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#-_@/":
    _EDGES[_b] = ord("A")
for _b in b"abcdefghijklmnopqrstuvwxyz.":
    _EDGES[_b] = _b
_EDGE_MAP = bytes(_EDGES)
_ALNUM_BYTES = frozenset(bytes([b]) for b in _ALNUM)


class BareWord(NamedTuple):
    """A lowercase word of the prose: no name, but a name that lost its capital may be one
    ("pple" for Apple); read by name.typo only."""

    text: str
    span: Span  # in the source file
    quoted: bool  # inside a quoted sentence


@lru_cache(maxsize=4)
def _automaton(vocabulary: frozenset[str]) -> tuple[ahocorasick_rs.BytesAhoCorasick, tuple[str, ...]] | None:
    """Each word between two edges, or before a full stop (then the byte after it decides);
    with the words in pattern order (pattern k is a form of word k // 2)."""
    words = sorted(w.encode() for w in vocabulary if len(w) >= 3 and w.isascii() and w.isalpha() and w.islower())
    if not words:
        return None
    automaton = ahocorasick_rs.BytesAhoCorasick([EDGE + w + end for w in words for end in (EDGE, b".")])
    return automaton, tuple(w.decode() for w in words)


def bare_words(
    doc: Document, vocabulary: frozenset[str], keep: Callable[[str], bool] | None = None
) -> Iterator[BareWord]:
    """The lowercase words of a document's prose that are in `vocabulary` (URLs, code,
    handles and e-mails are masked as for names), and that `keep` keeps when given: a segment
    whose words it all drops is not masked (its reader view is computed again outside the
    document's phase: name.typo's vocabulary words are mostly English, which it drops; `keep`
    is asked once per match, so it should be cheap or cached)."""
    segments = [seg for seg in doc.segments if seg.kind in DEFAULT_SCOPE]
    for i in sorted(_segments_with_words([seg.text for seg in segments], vocabulary, keep)):
        seg = segments[i]
        masked = masked_segment(seg.text)
        quotes = _quotes(masked)
        for m in _BARE_WORD.finditer(masked):
            if m.group() not in vocabulary or (keep is not None and not keep(m.group())):
                continue  # (URLs, code, handles and e-mails are masked)
            quoted = any(q.start <= m.start() and m.end() <= q.end and not q.is_name for q in quotes)
            yield BareWord(m.group(), seg.to_source(m.start(), m.end()), quoted)


def _segments_with_words(
    texts: list[str], vocabulary: frozenset[str], keep: Callable[[str], bool] | None = None
) -> set[int]:
    """The texts in which a vocabulary word stands as `_BARE_WORD` would find it (words that are
    not ASCII lowercase letters never are). The wanted words are rare: the texts are encoded,
    joined and mapped to _EDGE_MAP's four kinds of bytes (in C), and one Aho-Corasick pass (in
    Rust) finds each vocabulary word between two edges; this replaced two regex scans per
    segment (a third of name.typo's cost) and then a pass over every occurrence (the rest of
    "Google" is "oogle")."""
    built = _automaton(vocabulary)
    if built is None or not texts:
        return set()
    automaton, words = built
    encoded = [t.encode("utf-8", "surrogatepass") for t in texts]
    starts, pos = [], 1
    for t in encoded:
        starts.append(pos)
        pos += len(t) + 1
    raw = b"\x00" + b"\x00".join(encoded) + b"\x00"  # (NUL: an edge around each text)
    mapped = raw.translate(_EDGE_MAP)
    out: set[int] = set()
    for pattern, start, end in automaton.find_matches_as_indexes(mapped, overlapping=True):
        if mapped[end - 1] == 0x2E and raw[end : end + 1] in _ALNUM_BYTES:
            continue  # a word before ".x": a file name or a domain
        if keep is not None and not keep(words[pattern // 2]):
            continue
        out.add(bisect.bisect_right(starts, start + 1) - 1)
    return out
