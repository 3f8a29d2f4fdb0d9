"""Temporal mentions: every date expression of a document, found by our own grammar.

Public API (the date rules and date.stale / date.anachronism read only this):

    extract_dates(doc, anchor=...) -> list[TemporalMention]
        Every mention in the document's prose (headings, paragraphs, table rows), its
        title and its front-matter title/description, in source order, resolved
        against `anchor` (default: the document's publication date; pass --today for
        an undated document). Cached per document and anchor.
    scan_text(text, kind=..., anchor=..., to_source=...) -> list[TemporalMention]
        Mentions in a bare string (tests, other extractors, a few lines of a document).
    head_mentions(doc, limit) -> list[TemporalMention]
        Mentions of the pieces that start before a source offset, unresolved
        (checker.input.published reads the title and the first lines with it), taken from
        the whole document's extraction, which the date rules then read again.

Each mention has its source span, the text as written, its kind (absolute, partial,
relative), precision (day, week, month, quarter, season, year), a normalised value
(2025-12-15, XXXX-05-14, 2025-Q3, 2025-H1), the period it means (`start`/`end`), an
attached weekday, its mood (event, plan, label, unknown, with the deciding cue), its
place in a range, and whether it is inside a Markdown link text (a cited headline).

Segments of kind CODE, HTML and COMMENT are never read; URLs, inline code and HTML
tags inside prose are blanked before matching: the layout is read through the shared reader
view (checker.text.view: markup deleted, so 2025年**12月**15日 is one date). The whole
document is read as one string (see `Layout`), so each pattern runs once per document:
over the 17 MB real corpus the extraction takes about 1.5 s of CPU.

Module map: layout.py (the document as one string), grammar.py (the scanner) and patterns.py
(its patterns), finding.py (the work per date: placing, mood, weekday, resolution; compiled),
mood.py (event or plan), resolve.py (calendar periods against an anchor), model.py (the value
types), dating.py (helpers of the date rules), novelty.py (novelty claims for date.stale and
date.anachronism).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from checker.core.model import Span
from checker.extract.temporal.finding import Found, anchor_free, anchored, filled, resolve_found
from checker.extract.temporal.finding import find_in_layout as _find_in_layout
from checker.extract.temporal.layout import Layout, layout
from checker.extract.temporal.model import (
    Kind,
    Mood,
    Precision,
    TemporalMention,
    WeekdayMark,
)
from checker.input.documents import Document

_KIND_RELATIVE = Kind.RELATIVE
_DEFAULT = object()

__all__ = [
    "Kind",
    "Mood",
    "Precision",
    "TemporalMention",
    "WeekdayMark",
    "extract_dates",
    "extract_stated",
    "head_mentions",
    "layout",
    "scan_text",
]


def extract_dates(doc: Document, anchor: dt.date | object | None = _DEFAULT) -> list[TemporalMention]:
    """Every temporal mention of `doc`, resolved against `anchor` (default doc.published)."""
    a = doc.published if anchor is _DEFAULT else anchor
    assert a is None or isinstance(a, dt.date)
    return doc.cached(f"temporal@{a}", lambda d: _resolved(d, a))


def extract_stated(doc: Document, anchor: dt.date) -> list[TemporalMention]:
    """`extract_dates(doc, anchor)` without its relative mentions (Kind.RELATIVE: date.future
    reads none). Against an anchor other than the document's own (--today for an undated
    document) no other rule shares the resolution: the relative mentions (issue 17's
    "launched names" has a 今日 per sentence) are then not resolved at all."""
    if anchor == doc.published:
        return [m for m in extract_dates(doc, anchor) if m.kind is not _KIND_RELATIVE]
    return _anchored(doc, anchor, stated_only=True)


def _resolved(doc: Document, anchor: dt.date | None) -> list[TemporalMention]:
    # a date with its year reads the same against any anchor: resolved once, shared by anchors
    if anchor is None:  # what head_mentions resolved already is kept
        return filled(found_mentions(doc), _unanchored(doc), None)
    return _anchored(doc, anchor)


def _anchored(doc: Document, anchor: dt.date, *, stated_only: bool = False) -> list[TemporalMention]:
    """The document's mentions resolved against `anchor` (the anchor-free ones shared by every
    anchor); `stated_only`: without those counted from a unit (not Raw.relative: resolve_found
    makes those Kind.RELATIVE)."""
    return anchored(found_mentions(doc), doc.cached("temporal.fixed", _anchor_free), anchor, stated_only)


def _anchor_free(doc: Document) -> list[TemporalMention | None]:
    return anchor_free(found_mentions(doc))


def _unanchored(doc: Document) -> list[TemporalMention | None]:
    """The mentions resolved without an anchor so far (filled as they are asked for): the
    publication date's look-up (head_mentions) and extract_dates(doc, None) share them."""
    return doc.cached("temporal.unanchored", lambda d: list(d.cached("temporal.fixed", _anchor_free)))


def found_mentions(doc: Document) -> list[Found]:
    return doc.cached("temporal.found", lambda d: _find_in_layout(layout(d)))


def scan_text(
    text: str,
    *,
    kind: str = "paragraph",
    anchor: dt.date | None = None,
    to_source: Callable[[int, int], Span] | None = None,
) -> list[TemporalMention]:
    """Mentions in a bare string: offsets into it, or mapped by `to_source`.

    For tests, for other extractors, and for reading a few lines of a document (its
    title, its first lines) without extracting the whole of it.
    """
    lay = Layout(text)
    lay.add(0, len(text), kind, 0, to_source)
    return [resolve_found(f, anchor) for f in _find_in_layout(lay)]


def head_mentions(doc: Document, limit: int) -> list[TemporalMention]:
    """Mentions in the read pieces that start before source offset `limit` (the title,
    the first lines); not resolved. They are read from the whole document's extraction:
    the date rules read that one again, and a second pass over the head cost about a
    sixth of the extraction on the real corpus."""
    return filled(found_mentions(doc), _unanchored(doc), limit)
