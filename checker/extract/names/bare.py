"""Bare words: the lowercase words of a document's prose that a vocabulary holds. No names,
but a name that lost its capital may be one ("pple" for Apple); read by name.typo only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from checker.core.model import Span
from checker.extract.names.extract import _quotes, masked_segment
from checker.input.documents import DEFAULT_SCOPE, Document
from checker.text.lazy_regex import lazy_compile

_LOWER_RUN = lazy_compile(r"[a-z]{3,}")
_BARE_WORD = lazy_compile(r"(?<![A-Za-z0-9+#.\-_@/])[a-z]{3,}(?![A-Za-z0-9+#\-_@/]|\.[A-Za-z0-9])")


class BareWord(NamedTuple):
    """A lowercase word of the prose: no name, but a name that lost its capital may be one
    ("pple" for Apple); read by name.typo only."""

    text: str
    span: Span  # in the source file
    quoted: bool  # inside a quoted sentence


def bare_words(doc: Document, vocabulary: frozenset[str]) -> Iterator[BareWord]:
    """The lowercase words of a document's prose that are in `vocabulary` (URLs, code,
    handles and e-mails are masked as for names)."""
    for seg in doc.segments:
        if seg.kind not in DEFAULT_SCOPE:
            continue
        # wanted words are rare: a set intersection (in C) tells which segments have one, and
        # only those are searched and masked
        if vocabulary.isdisjoint(_LOWER_RUN.findall(seg.text)):
            continue
        if vocabulary.isdisjoint(_BARE_WORD.findall(seg.text)):  # (in C, not a generator per word)
            continue
        masked = masked_segment(seg.text)
        quotes = _quotes(masked)
        for m in _BARE_WORD.finditer(masked):
            if m.group() not in vocabulary:
                continue  # (URLs, code, handles and e-mails are masked)
            quoted = any(q.start <= m.start() and m.end() <= q.end and not q.is_name for q in quotes)
            yield BareWord(m.group(), seg.to_source(m.start(), m.end()), quoted)
