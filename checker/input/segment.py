"""Split a source into segments: Markdown through markdown-it's block tokens, HTML
through the standard library's tolerant parser (`htmlsegment.py`).

Only the block level of markdown-it runs: its line maps are all positions need, and
skipping the inline pass makes parsing three times faster on the real corpus.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from checker.core.model import Span
from checker.input.blockscan import BlockToken, block_tokens
from checker.input.documents import Segment, SegmentKind, StructureIssue, TextView, new_segment
from checker.input.source import SourceFile
from checker.text.lazy_regex import lazy_compile

if TYPE_CHECKING:  # markdown-it-py is imported where it runs (~0.04 s): a Markdown draft
    # that pulldown-cmark reads alone never loads it
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token

_LIST_MARKER = lazy_compile(r"[ \t]*(?:[*+-]|\d{1,9}[.)])[ \t]+")
_QUOTE_MARKER = lazy_compile(r"[ \t]*(?:>[ \t]?)+")
_ATX = lazy_compile(r"[ \t]*#{1,6}[ \t]*")
_ATX_TAIL = lazy_compile(r"[ \t]+#+[ \t]*$|[ \t]+$")
# where a fence marker stands (tests/test_load_fast_paths.py checks `_fence_runs` against it)
FENCE = r"^[ \t]{0,3}(`{3,}|~{3,})"


def _quiet_markdown_it_loggers() -> None:
    import importlib
    import pkgutil
    from types import SimpleNamespace

    import markdown_it.rules_block as rb

    # Stands in for markdown-it's block-rule loggers: every block rule calls LOGGER.debug(...) on
    # entry, over a million calls on the real corpus (about 15% of parsing time) for messages that
    # are never shown; `"".format` accepts any arguments and does nothing, in C. (A namespace, not
    # a class with `debug = "".format`: mypyc compiles this module and rejects that class attribute.)
    quiet = SimpleNamespace(debug="".format)

    for info in pkgutil.iter_modules(rb.__path__, rb.__name__ + "."):
        module = importlib.import_module(info.name)
        if hasattr(module, "LOGGER"):
            setattr(module, "LOGGER", quiet)  # noqa: B010 - mypy cannot see the attribute


@lru_cache(maxsize=2)
def _parser(indented_code: bool) -> MarkdownIt:
    from markdown_it import MarkdownIt

    _quiet_markdown_it_loggers()
    md = MarkdownIt("commonmark", {"maxNesting": 40}).enable("table")
    md.core.ruler.disable(["inline"])
    if not indented_code:
        # plain-text digests indent prose; it is not code there
        md.block.ruler.disable(["code"])
    return md


# a line indented four columns (spaces or a tab) after any quote or list markers: where an
# indented code block could start. Over-broad on purpose (a "2025.    x" line matches too)
_INDENTED = lazy_compile(r"^[ \t>*+\-.)\d]*?(?: {4}|\t)", re.MULTILINE)


def _may_indent_code(text: str) -> bool:
    """Whether `text` could hold an indented code block (a line indented four columns)."""
    if "\r" in text:  # `^` knows only "\n": the other line breaks of the parsers made "\n"
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _INDENTED.search(text) is not None


def parse_blocks(text: str, *, plain_text: bool = False) -> list[Token] | list[BlockToken]:
    """Block tokens of Markdown: pulldown-cmark's (fast, in Rust) where it reads the text as
    markdown-it does, else markdown-it-py's. Plain text keeps markdown-it-py where a line is
    indented four columns: it alone can turn indented code off. A plain text without such a line
    reads the same either way (no block rule sees an indent of four), and the seeds' digests
    (100 entries, each parsed alone) then skip markdown-it-py's pure-Python pass."""
    # (plain=True: None where an indented line could read otherwise)
    fast = block_tokens(text, plain=True) if plain_text and _may_indent_code(text) else block_tokens(text)
    if fast is not None:
        return fast
    return _parser(not plain_text).parse(text)


def _trimmed_start(text: str, start: int, end: int, pattern: re.Pattern[str]) -> int:
    """`start` moved past what `pattern` matches there (a list or quote marker, an ATX
    opener), unless that would leave nothing."""
    m = pattern.match(text, start, end)
    return m.end() if m and m.end() < end else start


def markdown_segments(
    source: SourceFile, region: Span, *, plain_text: bool = False
) -> tuple[list[Segment], list[StructureIssue]]:
    """Segments of the Markdown in `region` (which starts at a line start)."""
    first_line = source.line_of(region.start)  # 1-based
    src = source.text
    tokens = parse_blocks(source.slice(region), plain_text=plain_text)
    segments: list[Segment] = []
    containers: list[str] = []
    starts, ends = source.line_starts, source.line_ends
    region_start, region_end, line_count = region.start, region.end, source.line_count
    # offsets, not Spans, until a segment is built: one Span and one view per segment (78k
    # on the real corpus), none for the steps between
    HEADING, PARAGRAPH = SegmentKind.HEADING, SegmentKind.PARAGRAPH

    def lines(tok: Token | BlockToken, drop_last: int = 0) -> tuple[int, int] | None:
        if tok.map is None:
            return None
        a, b = tok.map
        b -= drop_last
        if b <= a:
            b = a + 1
        last = min(first_line + b - 1, line_count)
        # source.lines_span's offsets, clipped to the region
        start, end = starts[first_line + a - 1], ends[last - 1]
        return (start if start > region_start else region_start, end if end < region_end else region_end)

    frozen: dict[tuple[str, ...], frozenset[str]] = {}  # one frozenset per nesting, not per segment
    held: frozenset[str] = frozenset()  # the containers', updated as they open and close
    of_source = TextView.of_source

    def nest() -> frozenset[str]:
        key = tuple(containers)
        got = frozen.get(key)
        if got is None:
            got = frozen[key] = frozenset(key)
        return got

    def add(kind: SegmentKind, where: tuple[int, int] | None, level: int = 0) -> None:
        if where is None:
            return
        start, end = where
        if end <= start:
            return
        if held and (kind is PARAGRAPH or kind is HEADING):
            if "list" in held:
                start = _trimmed_start(src, start, end, _LIST_MARKER)
            if "blockquote" in held:
                start = _trimmed_start(src, start, end, _QUOTE_MARKER)
        segments.append(new_segment(kind, Span(start, end), of_source(src, start, end), held, level))

    for tok in tokens:
        t = tok.type
        if t == "paragraph_open":  # the most frequent first
            add(PARAGRAPH, lines(tok))
        elif t in ("bullet_list_open", "ordered_list_open"):
            containers.append("list")
            held = nest()
        elif t in ("bullet_list_close", "ordered_list_close", "blockquote_close", "table_close"):
            if containers:
                containers.pop()
                held = nest()
        elif t == "blockquote_open":
            containers.append("blockquote")
            held = nest()
        elif t == "table_open":
            containers.append("table")
            held = nest()
        elif t == "heading_open":
            where = lines(tok, drop_last=1 if tok.markup in ("=", "-") else 0)
            if where is not None and tok.markup.startswith("#"):
                start, end = where
                start = _trimmed_start(src, start, end, _ATX)
                tail = _ATX_TAIL.search(src, start, end)
                if tail and tail.start() > start:
                    end = tail.start()
                where = (start, end)
            add(HEADING, where, level=int(tok.tag[1:]) if tok.tag[1:].isdigit() else 0)
        elif t == "tr_open":
            add(SegmentKind.TABLE, lines(tok))
        elif t in ("fence", "code_block"):
            add(SegmentKind.CODE, lines(tok))
        elif t == "html_block":
            kind = SegmentKind.COMMENT if tok.content.lstrip().startswith("<!--") else SegmentKind.HTML
            add(kind, lines(tok))
    return segments, _fence_issues(source, region)


def _fence_issues(source: SourceFile, region: Span) -> list[StructureIssue]:
    """An opening code fence with no closing fence swallows the rest of the document."""
    issues: list[StructureIssue] = []
    text = source.text
    # every fence holds ``` or ~~~: most regions hold neither, and the finds in C spare the
    # pattern's try at every line start
    if text.find("```", region.start, region.end) < 0 and text.find("~~~", region.start, region.end) < 0:
        return issues
    open_at = -1  # where the open fence's marker starts
    opener = ""
    for m in _fence_runs(text, region.start, region.end):
        marker = m.group(0)
        if open_at < 0:
            open_at, opener = m.start(), marker
            continue
        rest_end = source.line_ends[source.line_of(m.start()) - 1]
        rest = text[m.end() : rest_end].strip()
        if marker[0] == opener[0] and len(marker) >= len(opener) and not rest:
            open_at = -1
    if open_at >= 0:
        line = source.line_of(open_at)
        span = source.line_span(line)
        issues.append(
            StructureIssue(
                "unclosed-fence",
                Span(open_at, span.end),
                f"code fence opened on line {line} is never closed: the rest of the document renders as code",
            )
        )
    return issues


_FENCE_RUN = lazy_compile(r"`{3,}|~{3,}")


def _fence_runs(text: str, start: int, end: int) -> list[re.Match[str]]:
    """The markers FENCE (MULTILINE) finds in text[start:end] (a run of three backticks or tildes after at
    most three spaces or tabs at a line start, "^" knowing only "\n"), found from the runs
    themselves: the scan skips to them in C, where FENCE tried every position."""
    out: list[re.Match[str]] = []
    for m in _FENCE_RUN.finditer(text, start, end):
        at = m.start()
        lead = at
        while lead > 0 and at - lead < 4 and text[lead - 1] in " \t":
            lead -= 1
        if at - lead < 4 and lead >= start and (lead == 0 or text[lead - 1] == "\n"):
            out.append(m)
    return out


def _recording_backtick(state: StateInline, silent: bool) -> bool:
    """markdown-it's code-span rule, noting where each code span it makes starts and ends."""
    from markdown_it.rules_inline import backtick

    start = state.pos
    if not backtick(state, silent):
        return False
    if not silent and state.tokens and state.tokens[-1].type == "code_inline":
        state.env.setdefault("code_spans", []).append((start, state.pos))
    return True


@lru_cache(maxsize=1)
def _inline_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"maxNesting": 40})
    md.inline.ruler.at("backticks", _recording_backtick)
    return md


def inline_code_spans(source: SourceFile, span: Span) -> list[Span]:
    """Inline code spans (`` `<details>` ``) of one paragraph, heading or table row, as markdown-it
    reads them. The block pass skips inline parsing for speed; this runs only where asked."""
    # markdown-it turns "\r\n" into "\n" and NUL into U+FFFD: keep the length so positions hold
    text = source.text[span.start : span.end].replace("\r", " ").replace("\0", "\ufffd")
    env: dict[str, list[tuple[int, int]]] = {}
    _inline_parser().parseInline(text, env)
    return [Span(span.start + a, span.start + b) for a, b in env.get("code_spans", [])]


def html_segments(source: SourceFile) -> tuple[list[Segment], str | None, Span | None]:
    """Segments of an HTML source, its title and the title's span (`htmlsegment.py`)."""
    from checker.input.htmlsegment import html_segments as read_html

    return read_html(source)
