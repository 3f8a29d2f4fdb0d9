"""The layout: what is read of a document as one string, so that each temporal pattern runs
once per document, with each piece's way back to the source."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mypy_extensions import mypyc_attr

from checker.core.model import Span
from checker.input.documents import Document, SegmentKind
from checker.text.lazy_regex import lazy_compile
from checker.text.view import MASK

_FM_KEYS = lazy_compile(r"^(title|description|summary|excerpt|subtitle)[ \t]*:[ \t]*(.*)$", re.MULTILINE)


@mypyc_attr(serializable=True)  # pickled with a document's extractions (compiled, it needs saying)
@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of the layout text that is read, with its kind and its way back to the source."""

    start: int
    end: int
    kind: str  # "title", "front-matter", "heading", "paragraph", "table"
    src_start: int  # source offset of `start` when the piece is a copy of the source
    to_source: Callable[[int, int], Span] | None  # otherwise: piece-relative offsets to a source span


class Layout:
    """What is read of a document as one string, so that each pattern runs once per document.

    For Markdown and plain text the string is the document's own text with code, HTML
    blocks and the rest of the front matter blanked, so offsets are source offsets; for
    HTML the segment views are joined. Pieces are kept as parallel lists (a document
    has thousands) and materialised only where a date is found.
    """

    __slots__ = ("ends", "kinds", "mappers", "src_starts", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.kinds: list[str] = []
        self.src_starts: list[int] = []
        self.mappers: list[Callable[[int, int], Span] | None] = []

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled with a document's extractions: rebuilt through __init__, the one way a class
        compiled by mypyc (this module is) comes back with every attribute set."""
        return (_rebuilt, (self.text, self.starts, self.ends, self.kinds, self.src_starts, self.mappers))

    def add(
        self, start: int, end: int, kind: str, src_start: int, mapper: Callable[[int, int], Span] | None = None
    ) -> None:
        self.starts.append(start)
        self.ends.append(end)
        self.kinds.append(kind)
        self.src_starts.append(src_start)
        self.mappers.append(mapper)

    @property
    def pieces(self) -> list[Piece]:
        return [self.piece(k) for k in range(len(self.starts))]

    def piece(self, k: int) -> Piece:
        return Piece(self.starts[k], self.ends[k], self.kinds[k], self.src_starts[k], self.mappers[k])

    def piece_at(self, pos: int) -> Piece | None:
        k = bisect.bisect_right(self.starts, pos) - 1
        if k >= 0 and self.starts[k] <= pos < self.ends[k]:
            return self.piece(k)
        return None

    def to_source(self, piece: Piece, start: int, end: int) -> Span:
        if piece.to_source is None:
            return Span(piece.src_start + start - piece.start, piece.src_start + end - piece.start)
        return piece.to_source(start - piece.start, end - piece.start)


def _rebuilt(text: str, *columns: list[Any]) -> Layout:
    lay = Layout(text)
    lay.starts, lay.ends, lay.kinds, lay.src_starts, lay.mappers = columns
    return lay


def layout(doc: Document) -> Layout:
    return doc.cached("temporal.layout", build_layout)


_READ = {SegmentKind.HEADING: "heading", SegmentKind.PARAGRAPH: "paragraph", SegmentKind.TABLE: "table"}
_GAP_RUN = lazy_compile(r"[^\r\n]+")


def _gap_mask(m: re.Match[str]) -> str:
    return MASK * (m.end() - m.start())


def build_layout(doc: Document, limit: int | None = None) -> Layout:
    spans: list[tuple[Span, str, Callable[[int, int], Span] | None]] = []
    if doc.entry_number is not None and doc.title_span is not None:
        spans.append((doc.title_span, "title", None))
    html = doc.format == "html"
    for seg in doc.segments:
        if limit is not None and seg.span.start >= limit:
            break
        kind = _READ.get(seg.kind)
        if kind is not None:
            # Markdown and plain-text views are copies of the source; HTML views are not
            spans.append((seg.span, kind, seg.to_source if html else None))
        elif seg.kind is SegmentKind.FRONT_MATTER:
            for m in _FM_KEYS.finditer(seg.text):
                fm_kind = "title" if m.group(1) == "title" else "front-matter"
                spans.append((seg.to_source(m.start(2), m.end(2)), fm_kind, None))
    spans.sort(key=lambda t: t[0].start)
    if limit is not None:
        spans = [t for t in spans if t[0].start < limit]
    if not html:
        return _identity_layout(doc, spans, limit)
    return _joined_layout(doc, spans)


def _identity_layout(
    doc: Document, spans: list[tuple[Span, str, Callable[[int, int], Span] | None]], limit: int | None = None
) -> Layout:
    src = doc.source.text
    base = doc.span.start
    stop = (
        doc.span.end if limit is None else max(base, min(doc.span.end, max((s.end for s, _, _ in spans), default=base)))
    )
    # the read pieces straight into the layout's columns (one pass, no tuple per piece)
    starts: list[int] = []
    ends: list[int] = []
    kinds: list[str] = []
    src_starts: list[int] = []
    inner: list[tuple[int, int]] = []  # the read title and front-matter values
    pos = base
    for span, kind, _ in spans:
        a, b = span.start, span.end
        if a < pos or b > stop:
            continue  # overlapping or outside the document: read once only
        starts.append(a - base)
        ends.append(b - base)
        kinds.append(kind)
        src_starts.append(a)
        if kind == "title" or kind == "front-matter":
            inner.append((a, b))
        pos = b
    # blank what is not read (code, HTML blocks, the rest of the front matter); the gaps
    # between read segments (blank lines, list and heading markers) can stay as they are
    hidden: list[tuple[int, int]] = []
    for seg in doc.segments:
        if seg.span.start >= stop:
            break
        if seg.kind not in _READ:
            hidden.extend(_minus(seg.span.start, min(seg.span.end, stop), inner))
    if hidden:
        parts: list[str] = []
        pos = base
        for a, b in sorted(hidden):
            a = max(a, pos)
            if b <= a:
                continue
            parts.append(src[pos:a])
            parts.append(_GAP_RUN.sub(_gap_mask, src[a:b]))
            pos = b
        parts.append(src[pos:stop])
        lay = Layout("".join(parts))
    else:
        lay = Layout(src[base:stop])
    lay.starts, lay.ends, lay.kinds, lay.src_starts = starts, ends, kinds, src_starts
    lay.mappers = [None] * len(starts)
    return lay


def _minus(a: int, b: int, inner: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """[a, b) without the read spans inside it (a front-matter title inside the front matter)."""
    out: list[tuple[int, int]] = []
    for ps, pe in inner:
        if pe <= a or ps >= b:
            continue
        if ps > a:
            out.append((a, ps))
        a = max(a, pe)
    if a < b:
        out.append((a, b))
    return out


# HTML views are joined by a break and a mask character
_JOIN = "\n" + MASK + "\n"


def _joined_layout(doc: Document, spans: list[tuple[Span, str, Callable[[int, int], Span] | None]]) -> Layout:
    views = {seg.span: seg.text for seg in doc.segments if seg.kind in _READ}
    parts: list[str] = []
    lay = Layout("")
    pos = 0
    for span, kind, mapper in spans:
        text = doc.source.slice(span) if mapper is None else views.get(span, "")
        parts.append(text)
        parts.append(_JOIN)
        lay.add(pos, pos + len(text), kind, span.start, mapper)
        pos += len(text) + len(_JOIN)
    lay.text = "".join(parts)
    return lay
