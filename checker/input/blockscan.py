"""Markdown block structure from pulldown-cmark (through pyromark), as the few markdown-it
block tokens `segment.markdown_segments` reads.

Why: markdown-it-py's block pass is pure Python and was the largest single cost of a run
(about 3 s of CPU on the real corpus); pulldown-cmark parses the same CommonMark in Rust in
a tenth of that. markdown-it-pyrs (the Rust port of markdown-it) was measured too and
rejected: it crashes the process (SIGSEGV, stack overflow) on 200,000 nested `>` or `*`,
where pulldown-cmark parses every hostile shape we tried.

Both parsers follow CommonMark, so paragraphs, headings, lists, quotes, fences and HTML
blocks come out on the same lines; `benchmarks/segments_compare.py` compares the two over
whole corpora. Where they could part, this module declines (returns None) and the caller
uses markdown-it-py: deep nesting (markdown-it stops nesting at maxNesting), and a line
indented four columns or more that starts a block (a fence, heading, rule, quote, list item,
HTML or table row) inside a paragraph as pulldown-cmark reads it: under a wide list item
markdown-it lets such a line end the paragraph where CommonMark and pulldown-cmark read it as
a lazy continuation (found on a seed: `    ```` under `  3. item`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyromark

_OPTIONS = pyromark.Options.ENABLE_TABLES
_BREAK = re.compile(rb"\r\n|\n|\r")  # the line breaks of SourceFile and markdown-it
_BREAK_STR = re.compile(r"\r\n|\n|\r")

# markdown-it stops nesting at maxNesting (40 levels of open tokens, about 13 nested lists or
# quotes); well below that both parsers agree, above it markdown-it-py decides
_MAX_DEPTH = 8

# a line of four or more columns of indentation (after any quote markers) that starts a block
# able to end a paragraph in markdown-it: fence, ATX heading, rule, quote, list item, HTML
# block (CommonMark kinds 1-6), or a table header (the line above a delimiter row)
_HTML_BLOCK_NAMES = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|"
    "dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|"
    "iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|"
    "summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul|pre|script|style|textarea"
)
_INDENTED_STARTER = re.compile(
    r"^[ \t>]*?(?: {4}|\t| {1,3}\t)[ \t]*(?:"
    r"`{3}|~{3}|#{1,6}(?:[ \t]|$)|[-*_][ \t]*[-*_][ \t]*[-*_]|>|[*+-](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)"
    rf"|<[!?]|</?(?:{_HTML_BLOCK_NAMES})(?:[\s/>]|$)"
    r"|[^\r\n]*(?:\r\n|\n|\r)[ \t>]*\|?[ \t]*:?-+:?[ \t]*\|)",
    re.MULTILINE | re.IGNORECASE,
)

_CONTAINERS = {"List": ("bullet_list_open", "bullet_list_close"), "BlockQuote": ("blockquote_open", "blockquote_close")}
# block-level starts: anything else met directly inside a list item is inline content of a
# tight paragraph (pulldown-cmark leaves out the Paragraph events there, markdown-it does not)
_BLOCKS = frozenset(
    {"Paragraph", "Heading", "BlockQuote", "CodeBlock", "HtmlBlock", "List", "Item", "Table", "TableHead",
     "TableRow", "TableCell", "FootnoteDefinition", "MetadataBlock", "DefinitionList",
     "DefinitionListTitle", "DefinitionListDefinition"}
)  # fmt: skip


@dataclass(slots=True)
class BlockToken:
    """The fields of a markdown-it Token that segmenting reads."""

    type: str
    map: list[int] | None
    markup: str = ""
    tag: str = ""
    content: str = ""


def _name(value: Any) -> str:
    # pyromark writes a tag without data as a string, one with data as a one-key dict
    return value if isinstance(value, str) else next(iter(value))


class _Lines:
    """0-based line of a UTF-8 byte offset of the parsed text."""

    def __init__(self, data: bytes) -> None:
        self.starts = [0] + [m.end() for m in _BREAK.finditer(data)]

    def of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def map(self, start: int, end: int) -> list[int]:
        # a range ends past its block's line break: its last line is that of end - 1
        return [self.of(start), self.of(max(end - 1, start)) + 1]


def block_tokens(text: str) -> list[BlockToken] | None:
    """The block tokens of `text`, or None where markdown-it-py must decide."""
    data = text.encode("utf-8", "surrogatepass")
    lines = _Lines(data)
    out: list[BlockToken] = []
    stack: list[str] = []  # open block kinds
    tight: list[int] | None = None  # byte range of a tight list item's inline run
    html_first: str | None = None

    def flush_tight() -> None:
        nonlocal tight
        if tight is not None:
            out.append(BlockToken("paragraph_open", lines.map(tight[0], tight[1])))
            tight = None

    # read as plain dicts: pyromark's TypedDict union would need a cast per event kind
    events: Iterable[tuple[Any, Any]] = pyromark.events_with_range(text, options=_OPTIONS)
    for event, rng in events:
        start, end = rng["start"], rng["end"]
        kind = _name(event)
        if kind == "Start":
            value = event["Start"]
            name = _name(value)
            if name not in _BLOCKS:
                if stack and stack[-1] == "Item":
                    tight = [start, end] if tight is None else [tight[0], max(tight[1], end)]
                continue
            flush_tight()
            stack.append(name)
            if len(stack) > _MAX_DEPTH:
                return None
            if name == "Paragraph":
                out.append(BlockToken("paragraph_open", lines.map(start, end)))
            elif name == "Heading":
                level = value["Heading"]["level"]  # "H1".."H6"
                m = lines.map(start, end)
                # an ATX heading is one line; a setext heading has its underline below
                markup = "#" if m[1] - m[0] == 1 else "="
                out.append(BlockToken("heading_open", m, markup, "h" + level[1:]))
            elif name in _CONTAINERS:
                out.append(BlockToken(_CONTAINERS[name][0], None))
            elif name == "Table":
                out.append(BlockToken("table_open", None))
            elif name in ("TableHead", "TableRow"):
                out.append(BlockToken("tr_open", lines.map(start, end)))
            elif name == "CodeBlock":
                out.append(BlockToken("fence", lines.map(start, end)))
            elif name == "HtmlBlock":
                out.append(BlockToken("html_block", lines.map(start, end)))
                html_first = None
        elif kind == "End":
            name = _name(event["End"])
            if name not in _BLOCKS:
                continue
            flush_tight()
            if stack:
                stack.pop()
            if name in _CONTAINERS:
                out.append(BlockToken(_CONTAINERS[name][1], None))
            elif name == "Table":
                out.append(BlockToken("table_close", None))
            elif name == "HtmlBlock" and out and out[-1].type == "html_block":
                out[-1].content = html_first or ""
        elif stack and stack[-1] == "HtmlBlock":
            if html_first is None and kind == "Html":
                html_first = event["Html"]
        elif stack and stack[-1] == "Item":
            tight = [start, end] if tight is None else [tight[0], max(tight[1], end)]
    flush_tight()
    return None if _lazy_starter(text, lines, out) else out


def _lazy_starter(text: str, lines: _Lines, tokens: list[BlockToken]) -> bool:
    """Whether a paragraph goes on over an indented line that starts a block (see above)."""
    if _INDENTED_STARTER.search(text) is None:  # the usual case: one scan says no
        return False
    char_starts = [0] + [m.end() for m in _BREAK_STR.finditer(text)]
    suspects = [bisect.bisect_right(char_starts, m.start()) - 1 for m in _INDENTED_STARTER.finditer(text)]
    for tok in tokens:
        if tok.type == "paragraph_open" and tok.map is not None:
            a, b = tok.map
            k = bisect.bisect_right(suspects, a)  # a suspect line after the paragraph's first
            if k < len(suspects) and suspects[k] < b:
                return True
    return False
