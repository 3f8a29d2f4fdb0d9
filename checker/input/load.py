"""Load: find input files, decode them, and cut them into documents.

Every failure here is an `InputError` naming the file and the reason; the CLI turns
it into exit code 2. Nothing here writes to the inputs.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from checker.core.model import Span
from checker.input.documents import Document, SegmentKind, StructureIssue
from checker.input.frontmatter import as_date, find_front_matter, key_span
from checker.input.segment import html_segments, inline_code_spans, markdown_segments
from checker.input.source import SourceFile
from checker.text.lazy_regex import lazy_compile

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdx"})
TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUFFIXES = MARKDOWN_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


class InputError(Exception):
    """A file that cannot be read as text, with the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(slots=True, unsafe_hash=True)
class InputFile:
    """One file to check: its name as reported and where to read it."""

    path: str  # as the user will see it: relative where it was given relative
    fs_path: Path | None  # None for stdin


def decode(path: str, data: bytes) -> str:
    """UTF-8 text, or an InputError that says why not."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(path, "UTF-16 text is not supported; convert it to UTF-8")
    head = data[:8192]
    if head and head.count(0) > len(head) // 4:
        raise InputError(path, "binary file (mostly NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            path, f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}, line {line})"
        ) from None


def read_source(inp: InputFile, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceFile:
    try:
        if inp.fs_path is None:
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            size = inp.fs_path.stat().st_size
            if size > max_bytes:
                raise InputError(inp.path, f"file too large ({size} bytes; the limit is {max_bytes})")
            with inp.fs_path.open("rb") as fh:  # read-only: the tool never modifies inputs
                # read(max_bytes + 1) allocated the whole limit (20 MB) per file and shrank it:
                # ask for the size stat gave, then for the rest up to the limit only when the
                # file filled that (it grew, or stat knows no size: a device)
                want = min(size, max_bytes) + 1
                data = fh.read(want)
                if len(data) == want:
                    data += fh.read(max_bytes + 1 - want)
    except OSError as exc:
        raise InputError(inp.path, exc.strerror or str(exc)) from None
    if len(data) > max_bytes:
        raise InputError(inp.path, f"input too large (over {max_bytes} bytes)")
    return SourceFile(inp.path, decode(inp.path, data), len(data))


def file_format(path: str) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    return "markdown"


# --- documents ------------------------------------------------------------------------------

_ENTRY = lazy_compile(
    r"^[ \t]*<details>[ \t]*(?:\r\n|\n|\r)?[ \t]*<summary>[ \t]*(\d+)\.[ \t]*"
    r"(?:\[(\d{4})-(\d{2})-(\d{2})\])?[ \t]*([^\r\n]*?)[ \t]*(?:</summary>|$)",
    re.MULTILINE,
)
_DETAILS_CLOSE = lazy_compile(r"</details>", re.IGNORECASE)
_DETAILS_OPEN = lazy_compile(r"<details\b", re.IGNORECASE)


def build_documents(source: SourceFile, fmt: str | None = None) -> list[Document]:
    fmt = fmt or file_format(source.path)
    if fmt == "html":
        return [_html_document(source)]
    # every entry opens with "<details>" (_ENTRY is case-sensitive): most files hold none, and
    # the find in C spares the pattern's try at every line start
    entries = list(_ENTRY.finditer(source.text)) if "<details>" in source.text else []
    if entries:
        return _entry_documents(source, entries, fmt)
    return [_markdown_document(source, fmt)]


def _markdown_document(source: SourceFile, fmt: str) -> Document:
    doc = Document(source.path, source.path, source, Span(0, len(source.text)), fmt)
    body_start = 0
    fm = find_front_matter(source)
    if fm is not None:
        doc.front_matter_span = fm.span
        doc.front_matter = fm.data
        fm_seg_span = fm.span
        if fm.error == "unclosed":
            doc.structure_issues.append(
                StructureIssue(
                    "unclosed-front-matter",
                    source.line_span(1),
                    "front matter opened on line 1 is never closed with '---'",
                )
            )
        else:
            body_start = fm.span.end
            if fm.error:
                doc.structure_issues.append(
                    StructureIssue("invalid-front-matter", fm.body_span, f"front matter is {fm.error}")
                )
            for value, reason in fm.bad_values:
                at = source.text.find(value, fm.body_span.start, fm.body_span.end)
                where = Span(at, at + len(value)) if at >= 0 else fm.body_span
                shown = value if len(value) <= 40 else value[:20] + "…" + value[-8:]
                doc.structure_issues.append(
                    StructureIssue(
                        "invalid-front-matter-value",
                        where,
                        f"front matter value {shown} is impossible ({reason}); read as text",
                    )
                )
        if fm.error != "unclosed":
            from checker.input.documents import Segment, TextView

            doc.segments.append(Segment(SegmentKind.FRONT_MATTER, fm_seg_span, TextView.identity(source, fm.body_span)))
        if fm.data:
            _front_matter_meta(doc, fm)
    if body_start < len(source.text) and source.line_of(body_start) <= source.line_count:
        # start the Markdown at a line start so markdown-it's line map is ours
        line = source.line_of(body_start)
        if source.line_starts[line - 1] < body_start:
            line += 1
        if line <= source.line_count:
            region = Span(source.line_starts[line - 1], len(source.text))
            segs, issues = markdown_segments(source, region, plain_text=fmt == "text")
            doc.segments.extend(segs)
            doc.structure_issues.extend(issues)
    _html_block_issues(doc)
    if doc.title is None:
        _title_from_heading(doc)
    return doc


def _front_matter_meta(doc: Document, fm: object) -> None:
    from checker.input.frontmatter import FrontMatter

    assert isinstance(fm, FrontMatter) and fm.data is not None
    title = fm.data.get("title")
    if isinstance(title, str | int | float) and str(title).strip():
        doc.title = str(title).strip()
        doc.title_span = key_span(doc.source, fm, "title")
    for key in ("date", "published", "pubDate", "publishDate"):
        if key in fm.data:
            d = as_date(fm.data[key])
            if d is not None:
                doc.published = d
                doc.published_source = "front-matter"
                doc.published_span = key_span(doc.source, fm, key)
                break


def _title_from_heading(doc: Document) -> None:
    for seg in doc.segments:
        if seg.kind is SegmentKind.HEADING and seg.text.strip():
            doc.title = seg.text.strip()
            doc.title_span = seg.span
            return


def _entry_documents(source: SourceFile, entries: list[re.Match[str]], fmt: str) -> list[Document]:
    docs: list[Document] = []
    used: dict[str, int] = {}
    for k, m in enumerate(entries):
        start = source.line_starts[source.line_of(m.start()) - 1]
        limit = (
            source.line_starts[source.line_of(entries[k + 1].start()) - 1] if k + 1 < len(entries) else len(source.text)
        )
        close = _DETAILS_CLOSE.search(source.text, m.end(), limit)
        closed = close is not None
        end = source.line_ends[source.line_of(close.start()) - 1] if close is not None else limit
        number = m.group(1)
        doc_id = f"{source.path}#{number}"
        if doc_id in used:
            used[doc_id] += 1
            doc_id = f"{doc_id}~{used[doc_id]}"
        else:
            used[doc_id] = 1
        doc = Document(doc_id, source.path, source, Span(start, end), fmt, entry_number=int(number))
        doc.title = m.group(5).strip() or None
        doc.title_span = Span(m.start(5), m.end(5)) if doc.title else None
        if m.group(2):
            doc.entry_header_span = Span(m.start(2) - 1, m.end(4) + 1)
            try:
                doc.entry_date = dt.date(int(m.group(2)), int(m.group(3)), int(m.group(4)))
                doc.published = doc.entry_date
                doc.published_source = "entry-header"
                doc.published_span = doc.entry_header_span
            except ValueError:
                pass
        segs, issues = markdown_segments(source, Span(start, end), plain_text=fmt == "text")
        doc.segments = segs
        doc.structure_issues = issues
        if not closed:
            doc.structure_issues.append(
                StructureIssue(
                    "unclosed-details",
                    Span(m.start(), source.line_ends[source.line_of(m.start()) - 1]),
                    f"<details> of entry {number} is never closed with </details>",
                )
            )
        docs.append(doc)
    return docs


_INLINE_KINDS = frozenset({SegmentKind.PARAGRAPH, SegmentKind.HEADING, SegmentKind.TABLE})
_BLOCK_OPEN = lazy_compile(r"<(details|div|table|pre|script|style)\b[^>]*>", re.IGNORECASE)


def _html_block_issues(doc: Document) -> None:
    """Unbalanced <details>/<div>/<table>/... in Markdown: the rest renders inside them."""
    text = doc.source.text
    opened = _BLOCK_OPEN.finditer(text, doc.span.start, doc.span.end)
    first = next(opened, None)
    if first is None:  # most documents: no segment lists to build
        return
    counts: dict[str, list[int]] = {}
    code_spans = [s.span for s in doc.segments if s.kind is SegmentKind.CODE]
    inline_code: dict[Span, list[Span]] = {}
    prose = sorted((s.span for s in doc.segments if s.kind in _INLINE_KINDS), key=lambda sp: sp.start)
    starts = [sp.start for sp in prose]

    def in_code(pos: int) -> bool:
        if any(sp.start <= pos < sp.end for sp in code_spans):
            return True
        # a tag written in an inline code span (`<details>`) is shown as code, not opened
        k = bisect.bisect_right(starts, pos) - 1
        if k < 0 or pos >= prose[k].end:
            return False
        span = prose[k]
        if span not in inline_code:
            inline_code[span] = inline_code_spans(doc.source, span)
        return any(sp.start <= pos < sp.end for sp in inline_code[span])

    for m in itertools.chain((first,), opened):
        if not in_code(m.start()):
            counts.setdefault(m.group(1).lower(), []).append(m.start())
    for tag, opens in counts.items():
        closes = [
            c.start()
            for c in re.finditer(rf"</{tag}\s*>", text[doc.span.start : doc.span.end], re.IGNORECASE)
            if not in_code(doc.span.start + c.start())
        ]
        if len(opens) > len(closes):
            # the unmatched opener is the last one whose close never comes
            pos = opens[len(closes)] if closes else opens[0]
            line = doc.source.line_of(pos)
            end = doc.source.text.find(">", pos, doc.source.line_ends[line - 1])
            span = Span(pos, end + 1 if end >= 0 else doc.source.line_ends[line - 1])
            doc.structure_issues.append(
                StructureIssue(
                    f"unclosed-{tag}",
                    span,
                    f"<{tag}> opened on line {line} is never closed ({len(opens)} opened, {len(closes)} closed)",
                )
            )


def _html_document(source: SourceFile) -> Document:
    doc = Document(source.path, source.path, source, Span(0, len(source.text)), "html")
    segs, title, title_span = html_segments(source)
    doc.segments = segs
    doc.title = title
    doc.title_span = title_span
    if doc.title is None:
        _title_from_heading(doc)
    return doc


def load_documents(inp: InputFile, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Document]:
    source = read_source(inp, max_bytes=max_bytes)
    fmt = file_format(inp.path)
    try:
        docs = build_documents(source, fmt)
    except RecursionError:
        raise InputError(inp.path, "structure nested too deeply to read") from None
    from checker.input.published import settle_publication

    for doc in docs:
        settle_publication(doc)
    return docs
