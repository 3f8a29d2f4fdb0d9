"""Split an HTML source into segments through the standard library's tolerant parser.

Apart from `segment.py` (Markdown) so that html.parser is loaded by the first HTML file, not by
every run (a Markdown draft never needs it).
"""

from __future__ import annotations

from html.parser import HTMLParser

from checker.core.model import Span
from checker.input.documents import Run, Segment, SegmentKind, TextView
from checker.input.source import SourceFile
from checker.text.lazy_regex import lazy_compile

# --- HTML -----------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
        "head",
    ]
)
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "math"})
_ENTITY = lazy_compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{0,31};?)")


class _HtmlSegmenter(HTMLParser):
    def __init__(self, source: SourceFile, base: int) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.base = base
        text = source.text
        # html.parser counts only "\n" as a line break
        self._nl_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.segments: list[Segment] = []
        self.title: tuple[str, Span] | None = None
        self._skip = 0
        self._pre = 0
        self._stack: list[str] = []
        self._parts: list[str] = []
        self._runs: list[Run] = []
        self._vlen = 0
        self._kind = SegmentKind.PARAGRAPH
        self._level = 0

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.base + self._nl_starts[line - 1] + col if line - 1 < len(self._nl_starts) else len(self.source.text)

    def _flush(self) -> None:
        text = "".join(self._parts)
        if text.strip() and self._runs:
            view = TextView(text, tuple(self._runs))
            span = Span(self._runs[0].src_start, self._runs[-1].src_end)
            containers = frozenset(c for c in self._stack if c in ("li", "blockquote", "table"))
            mapped = frozenset({"li": "list"}.get(c, c) for c in containers) | {"html"}
            kind = SegmentKind.CODE if self._pre else self._kind
            seg = Segment(kind, span, view, mapped, self._level)
            self.segments.append(seg)
            if self._stack and self._stack[-1] == "title" and self.title is None:
                self.title = (text.strip(), span)
        self._parts, self._runs, self._vlen = [], [], 0

    def _append(self, view_text: str, src_start: int, src_end: int) -> None:
        if self._skip or not view_text:
            return
        self._parts.append(view_text)
        self._runs.append(Run(self._vlen, self._vlen + len(view_text), src_start, src_end))
        self._vlen += len(view_text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
            return
        if tag in _BLOCK_TAGS:
            self._flush()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "title"):
                self._kind, self._level = SegmentKind.HEADING, int(tag[1]) if tag[0] == "h" else 0
            elif tag in ("td", "th", "tr"):
                self._kind, self._level = SegmentKind.TABLE, 0
            else:
                self._kind, self._level = SegmentKind.PARAGRAPH, 0
        if tag == "pre":
            self._pre += 1
        if tag not in ("br", "hr", "img", "meta", "link", "input", "wbr"):
            self._stack.append(tag)
            if len(self._stack) > 2000:  # hostile nesting: keep memory bounded
                del self._stack[:1000]

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
            return
        if tag in _BLOCK_TAGS:
            self._flush()
            self._kind, self._level = SegmentKind.PARAGRAPH, 0
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag in self._stack:
            while self._stack:
                if self._stack.pop() == tag:
                    break

    def handle_data(self, data: str) -> None:
        start = self._offset()
        self._append(data, start, start + len(data))

    def _entity(self) -> None:
        start = self._offset()
        m = _ENTITY.match(self.source.text, start)
        if m is None:
            return
        import html

        self._append(html.unescape(m.group(0)), start, m.end())

    def handle_entityref(self, name: str) -> None:
        self._entity()

    def handle_charref(self, name: str) -> None:
        self._entity()

    def handle_comment(self, data: str) -> None:
        self._flush()
        start = self._offset()
        end = self.source.text.find("-->", start)
        end = len(self.source.text) if end < 0 else end + 3
        span = Span(start, end)
        self.segments.append(Segment(SegmentKind.COMMENT, span, TextView.identity(self.source, span)))

    def close(self) -> None:
        super().close()
        self._flush()


def html_segments(source: SourceFile) -> tuple[list[Segment], str | None, Span | None]:
    parser = _HtmlSegmenter(source, 0)
    parser.feed(source.text)
    parser.close()
    title = parser.title
    return parser.segments, (title[0] if title else None), (title[1] if title else None)
