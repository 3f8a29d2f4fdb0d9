"""Lines of prose: the non-blank lines of headings and paragraphs, without list, quote or
heading markers, with their offsets in the segment view (text.llm-residue reads them)."""

from __future__ import annotations

from typing import NamedTuple

from checker.core.model import Span
from checker.input.documents import Document, Segment, SegmentKind
from checker.text.lazy_regex import lazy_compile

_LEAD = lazy_compile(r"[ \t]*(?:(?:[*+-]|\d{1,3}[.)])[ \t]+|>[ \t]?|#{1,6}[ \t]+)*")
_LEAD_CHARS = frozenset(" \t*+->#0123456789")
# A line that introduces what follows: all in bold, or short and ending in a colon.
_LABEL = lazy_compile(r"(?:\*\*|__)[^*\n]{1,80}(?:\*\*|__)[ \t]*[:：]?[ \t]*|[^\n]{1,40}[:：][*_ \t]*")
_LABEL_ENDS = frozenset(":：*_")


class ProseLine(NamedTuple):
    """One non-blank line of a heading or paragraph, without list, quote or heading markers.

    A named tuple rather than a dataclass: the real corpus has some 90,000 such lines and
    building them is most of this rule's time.
    """

    text: str
    segment: Segment
    start: int  # offsets of `text` in the segment's view
    end: int

    @property
    def span(self) -> Span:
        """The line in the source, mapped on demand (most lines are never flagged)."""
        return self.segment.to_source(self.start, self.end)

    @property
    def in_list(self) -> bool:
        return "list" in self.segment.containers

    @property
    def is_label(self) -> bool:
        """A heading, a line all in bold, or a short line ending in a colon."""
        t = self.text
        if t[-1] in _LABEL_ENDS and len(t) <= 90 and _LABEL.fullmatch(t) is not None:
            return True
        return self.segment.kind is SegmentKind.HEADING


def prose_lines(doc: Document, kinds: frozenset[SegmentKind]) -> list[ProseLine]:
    """The non-blank lines of the document's segments of `kinds`, in order."""
    out: list[ProseLine] = []
    for seg in doc.segments:
        if seg.kind not in kinds:
            continue
        text = seg.text
        # most segments are one line: skip splitting them
        raws = [text] if "\n" not in text and "\r" not in text else text.splitlines(keepends=True)
        pos = 0
        for raw in raws:
            body = raw.rstrip("\r\n")
            start = 0
            if body and body[0] in _LEAD_CHARS:
                start = _LEAD.match(body).end()  # type: ignore[union-attr]  # all-optional: always matches
            stripped = body[start:].rstrip()
            if stripped:
                s = pos + start
                out.append(_new_line(ProseLine, (stripped, seg, s, s + len(stripped))))
            pos += len(raw)
    return out


_new_line = tuple.__new__  # builds a ProseLine without the Python-level __new__ of named tuples
