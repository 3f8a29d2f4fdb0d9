"""Documents and their segments.

A document is a whole file, or one dated entry of a file made of entries. A
segment is one block of it (heading, paragraph, table row, code, HTML, comment)
with a *view*: the text rules read, mapped back to source offsets. For Markdown
and plain text the view is the source slice itself; for HTML it is the text
content with tags left out and entities decoded.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

from mypy_extensions import mypyc_attr

from checker.core.model import Span
from checker.input.source import SourceFile

T = TypeVar("T")


class SegmentKind(enum.StrEnum):
    FRONT_MATTER = "front-matter"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    TABLE = "table"
    CODE = "code"
    HTML = "html"
    COMMENT = "comment"


# What rules look at unless they declare otherwise: prose, not code or markup.
DEFAULT_SCOPE: frozenset[SegmentKind] = frozenset({SegmentKind.HEADING, SegmentKind.PARAGRAPH, SegmentKind.TABLE})


# The types below are built per segment (78k on the real corpus): plain slotted dataclasses,
# hashable by value, not frozen ones (a frozen one sets each field through object.__setattr__:
# five times the cost of a plain one); nothing mutates them after construction.
@mypyc_attr(serializable=True)  # pickled in a worker's record (compiled, it needs saying)
@dataclass(slots=True, unsafe_hash=True)
class Run:
    """A stretch of a view copied from [src_start, src_end) of the source.

    When the lengths differ (an HTML entity decoded to one character), positions
    inside the run map to its start or end.
    """

    view_start: int
    view_end: int
    src_start: int
    src_end: int


_FROM_ZERO: tuple[int, ...] = (0,)


@mypyc_attr(serializable=True)  # pickled in a worker's record (compiled, it needs saying)
@dataclass(slots=True, unsafe_hash=True)
class TextView:
    """A view of a segment's text (see checker/text/view.py)."""

    text: str
    runs: tuple[Run, ...]
    # the runs' view starts, built once: rebuilt per look-up, a view of thousands of HTML
    # entities (a run each) cost runs x look-ups (600 KB of entities: 22 s)
    starts: tuple[int, ...] = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        runs = self.runs
        # one run (every Markdown segment, 78k on the real corpus): no generator to build, and
        # one shared tuple for a run from 0 (3 MB of tuples on the real corpus)
        starts: tuple[int, ...]
        if len(runs) == 1:
            starts = _FROM_ZERO if runs[0].view_start == 0 else (runs[0].view_start,)
        else:
            starts = tuple(r.view_start for r in runs)
        self.starts = starts

    @classmethod
    def identity(cls, source: SourceFile, span: Span) -> TextView:
        return cls.of_source(source.text, span.start, span.end)

    @classmethod
    def of_source(cls, text: str, start: int, end: int) -> TextView:
        """The view of text[start:end] as it is (every Markdown segment): one run from 0."""
        # what __init__ and __post_init__ give, set directly: 134k views on the real corpus
        view = cls.__new__(cls)  # not object.__new__: mypyc refuses that for its compiled class
        view.text = text[start:end]
        view.runs = (new_run(0, end - start, start, end),)
        view.starts = _FROM_ZERO
        return view

    def _starts(self) -> tuple[int, ...]:
        return self.starts

    def source_offset(self, i: int, *, is_end: bool = False) -> int:
        """Source offset of view position `i` (an end position maps to the end of its run)."""
        if not self.runs:
            return 0
        if len(self.runs) == 1:  # most segments: no list of starts to build and search
            run = self.runs[0]
        else:
            starts = self._starts()
            # an end position belongs to the run it closes, a start to the run it opens
            k = max((bisect.bisect_left if is_end else bisect.bisect_right)(starts, i) - 1, 0)
            run = self.runs[k]
        if run.view_end - run.view_start == run.src_end - run.src_start:
            return run.src_start + min(i - run.view_start, run.src_end - run.src_start)
        return run.src_end if is_end else run.src_start

    def to_source(self, start: int, end: int) -> Span:
        s = self.source_offset(start)
        e = self.source_offset(end, is_end=True) if end > start else s
        return Span(s, max(s, e))


@mypyc_attr(serializable=True)  # pickled in a worker's record (compiled, it needs saying)
@dataclass(slots=True, unsafe_hash=True)
class Segment:
    """One segment of a document: its kind, span and text."""

    kind: SegmentKind
    span: Span
    view: TextView
    # enclosing structures: "list", "blockquote", "table", "details", "html"
    containers: frozenset[str] = frozenset()
    level: int = 0  # heading level
    # the view's text, held in a slot: read ~960k times on the real corpus, a property cost
    # ten times a slot's read (~0.17 s); set once here, as nothing assigns a segment's view
    text: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.text = self.view.text

    def to_source(self, start: int, end: int) -> Span:
        return self.view.to_source(start, end)


# Built field by field where they are built most (segmenting): the __init__ dataclasses
# generates stays interpreted where mypyc compiles the class (a tuple of arguments and a Python
# frame per object, then __post_init__ through a generic call), while `__new__` and native
# attribute stores are not. (A written __init__ would be native from compiled callers, but mypyc
# then leaves the class's own constructor a no-op for interpreted ones.)
def new_run(view_start: int, view_end: int, src_start: int, src_end: int) -> Run:
    """`Run(view_start, view_end, src_start, src_end)`."""
    run = Run.__new__(Run)
    run.view_start = view_start
    run.view_end = view_end
    run.src_start = src_start
    run.src_end = src_end
    return run


def new_segment(kind: SegmentKind, span: Span, view: TextView, containers: frozenset[str], level: int) -> Segment:
    """`Segment(kind, span, view, containers, level)`."""
    seg = Segment.__new__(Segment)
    seg.kind = kind
    seg.span = span
    seg.view = view
    seg.containers = containers
    seg.level = level
    seg.text = view.text
    return seg


@mypyc_attr(serializable=True)  # pickled in a worker's record (compiled, it needs saying)
@dataclass(slots=True, unsafe_hash=True)
class StructureIssue:
    """Damage found while reading (unclosed fence, front matter, HTML block)."""

    kind: str
    span: Span
    detail: str


@dataclass(eq=False)
class Document:
    """One article of a source file, with its segments."""

    id: str
    path: str
    source: SourceFile
    span: Span
    format: str  # "markdown", "text" or "html"
    segments: list[Segment] = field(default_factory=list)
    title: str | None = None
    title_span: Span | None = None
    front_matter: dict[str, Any] | None = None
    front_matter_span: Span | None = None
    entry_number: int | None = None
    entry_date: dt.date | None = None
    entry_header_span: Span | None = None
    published: dt.date | None = None
    published_source: str | None = None
    published_span: Span | None = None
    structure_issues: list[StructureIssue] = field(default_factory=list)
    archived: bool = False  # loaded with --archive: evidence only, never flagged
    # extractors store their per-document results here (see `cached`)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        return self.source.slice(self.span)

    @property
    def first_line(self) -> int:
        return self.source.line_of(self.span.start)

    @property
    def last_line(self) -> int:
        return self.source.line_of(max(self.span.end - 1, self.span.start))

    def segments_in(self, scope: frozenset[SegmentKind]) -> Iterator[Segment]:
        return (s for s in self.segments if s.kind in scope)

    def cached(self, key: str, compute: Callable[[Document], T]) -> T:
        """Compute a per-document extraction once and share it between rules."""
        if key not in self._cache:
            self._cache[key] = compute(self)
        result: T = self._cache[key]
        return result

    def cached_value(self, key: str) -> Any:
        """A cached extraction if it was computed, else None (never computes)."""
        return self._cache.get(key)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (a worker's record sent back) with each plain segment as a row of numbers:
        its view is a slice of the source, which travels once (segments were 40% of a
        record's bytes and 60% of its pickling time)."""
        # by field, not through __dict__: a compiled (mypyc) Document has none
        state = {name: getattr(self, name) for name in _DOCUMENT_FIELDS}
        state["segments"] = [_packed(self.source.text, s) for s in self.segments]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        text = state["source"].text
        state["segments"] = [_unpacked(text, s) for s in state["segments"]]
        for name, value in state.items():
            setattr(self, name, value)

    def without_cached(self, key: str) -> Document:
        """A shallow copy whose cache lacks one extraction (the original keeps it)."""
        light = type(self).__new__(type(self))  # field by field: a compiled Document has no __dict__
        for name in _DOCUMENT_FIELDS:
            setattr(light, name, getattr(self, name))
        light._cache = {k: v for k, v in self._cache.items() if k != key}
        return light

    def keep_cached(self, keys: frozenset[str]) -> None:
        """Drop every cached extraction but these (what a later phase reads): memory, and the
        size of a document sent back from a worker process. A dropped one is recomputed."""
        self._cache = {k: v for k, v in self._cache.items() if k in keys}


_DOCUMENT_FIELDS = tuple(f.name for f in fields(Document))
_KINDS = tuple(SegmentKind)
_KIND_INDEX = {k: i for i, k in enumerate(_KINDS)}
_Packed = tuple[int, int, int, int, int, frozenset[str], int]


def _packed(text: str, seg: Segment) -> Segment | _Packed:
    """A segment whose view is one run of the source, as (kind, span, run, containers, level);
    any other (an HTML view) as itself."""
    view = seg.view
    if len(view.runs) == 1:
        run = view.runs[0]
        a, b = run.src_start, run.src_end
        if run.view_start == 0 and run.view_end == b - a == len(view.text) and text[a:b] == view.text:
            return (_KIND_INDEX[seg.kind], seg.span.start, seg.span.end, a, b, seg.containers, seg.level)
    return seg


def _unpacked(text: str, row: Segment | _Packed) -> Segment:
    if isinstance(row, Segment):
        return row
    kind, start, end, a, b, containers, level = row
    view = TextView.of_source(text, a, b)
    return new_segment(_KINDS[kind], Span(start, end), view, containers, level)


# files of a repository that are not articles: a README or changelog quotes, lists and
# documents; it is no independent report of what it names
_NOT_ARTICLES = frozenset(
    {"readme", "license", "licence", "copying", "notice", "changelog", "changes", "history",
     "contributing", "authors", "security", "code_of_conduct", "todo"}
)  # fmt: skip


def is_article(path: str) -> bool:
    """False for a repository's README, licence, changelog and the like, and for generated site
    output (`_site/`): files a corpus-level rule must not take as evidence."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.split(".", 1)[0].lower()
    return stem not in _NOT_ARTICLES and "/_site/" not in "/" + path.replace("\\", "/")
