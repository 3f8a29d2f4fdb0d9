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
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

import pyromark

from checker.text.lazy_regex import lazy_compile

_OPTIONS = pyromark.Options.ENABLE_TABLES
_BREAK = re.compile(rb"\r\n|\n|\r")  # the line breaks of SourceFile and markdown-it
_BREAK_STR = lazy_compile(r"\r\n|\n|\r")

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
_INDENTED_STARTER = lazy_compile(
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


def _token(kind: str, lines: list[int] | None, markup: str = "", tag: str = "") -> BlockToken:
    """`BlockToken(kind, lines, markup, tag)` field by field (~110k on the real corpus): the
    __init__ dataclasses generates stays interpreted where mypyc compiles the class."""
    tok = BlockToken.__new__(BlockToken)
    tok.type = kind
    tok.map = lines
    tok.markup = markup
    tok.tag = tag
    tok.content = ""
    return tok


class _Lines:
    """0-based line of a UTF-8 byte offset of the parsed text."""

    def __init__(self, data: bytes) -> None:
        if b"\r" not in data:
            # LF only (almost every file): line lengths summed in C, no match object per line
            self.starts = list(accumulate(map((1).__add__, map(len, data.split(b"\n")[:-1])), initial=0))
        else:
            self.starts = [0] + [m.end() for m in _BREAK.finditer(data)]

    def of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def map(self, start: int, end: int) -> list[int]:
        # a range ends past its block's line break: its last line is that of end - 1
        # (`of` written out: ~77k blocks on the real corpus)
        starts = self.starts
        return [bisect.bisect_right(starts, start) - 1, bisect.bisect_right(starts, end - 1 if end > start else start)]


def block_tokens(text: str, *, plain: bool = False) -> list[BlockToken] | None:
    """The block tokens of `text`, or None where markdown-it-py must decide. `plain`: read as
    plain text, where markdown-it-py turns indented code off; None unless no line is indented
    far enough for that to matter (`_plain_agrees`)."""
    data = text.encode("utf-8", "surrogatepass")
    if plain and (b"\t" in data or b"\r" in data):  # columns that need expanding: not worth it
        return None
    lines = _Lines(data)
    build = _Builder(lines, plain)
    # pyromark reads the str through CPython's UTF-8 cache, which then stays attached to it: a
    # copy keeps that cache off a source text held all run (5 MB on the real corpus, where the
    # region is the whole file). Joined from two slices (a copy of the code points, a quarter
    # of decoding `data` again); an ASCII text is its own UTF-8 and needs none
    fresh = text if text.isascii() else text[:1] + text[1:]
    # read as plain dicts: pyromark's TypedDict union would need a cast per event kind
    events: Iterable[tuple[Any, Any]] = pyromark.events_with_range(fresh, options=_OPTIONS)
    # most events are inline (text, breaks, emphasis) inside a paragraph: the loop settles
    # them with one dict look-up, and only structure reaches the builder
    # an inline start or end (emphasis, a link: most of them) is settled here too, without
    # a call into the builder (560k events on the real corpus: 0.53 -> 0.4 s of Python)
    blocks, inline = _BLOCKS, build.inline
    # `build.in_item` as a local, read again after each block start or end (the only places it
    # changes): 643k events on the real corpus each asked the builder
    in_item = False
    for event, rng in events:
        if event.__class__ is dict:
            if "Text" in event:  # a third of the events: inline, settled before any other test
                if in_item:
                    inline(rng["start"], rng["end"])
                continue
            # pyromark writes a tag without data as a string, one with data as a one-key dict
            value = event.get("Start")
            if value is not None:
                name = value if value.__class__ is str else next(iter(value))
                if name in blocks:
                    if not build.start(value, name, rng["start"], rng["end"]):
                        return None
                    in_item = build.in_item
                elif in_item:
                    inline(rng["start"], rng["end"])
                continue
            value = event.get("End")
            if value is not None:
                name = value if value.__class__ is str else next(iter(value))
                if name in blocks:
                    build.end(name)
                    in_item = build.in_item
            elif in_item:
                inline(rng["start"], rng["end"])
            elif build.in_html and "Html" in event and build.html_first is None:
                build.html_first = event["Html"]
        elif in_item:
            inline(rng["start"], rng["end"])
    build.flush_tight()
    if _lazy_starter(text, lines, build.out):
        return None
    if plain and not _plain_agrees(data, lines, build):
        return None
    return build.out


class _Builder:
    """markdown-it's block tokens from pulldown-cmark's start and end events."""

    def __init__(self, lines: _Lines, plain: bool = False) -> None:
        self.plain = plain
        # plain text only: byte ranges of list items and HTML blocks (see `_plain_agrees`)
        self.items: list[tuple[int, int]] = []
        self.html_ranges: list[tuple[int, int]] = []
        self.lines = lines
        self.out: list[BlockToken] = []
        self.stack: list[str] = []  # open block kinds
        self.in_item = False  # directly inside a list item: inline content is a tight paragraph
        self.in_html = False
        self.tight: list[int] | None = None  # byte range of a tight list item's inline run
        self.html_first: str | None = None

    def _top(self) -> None:
        top = self.stack[-1] if self.stack else ""
        self.in_item, self.in_html = top == "Item", top == "HtmlBlock"

    def inline(self, start: int, end: int) -> None:
        tight = self.tight
        if tight is None:
            self.tight = [start, end]
        elif end > tight[1]:
            tight[1] = end

    def flush_tight(self) -> None:
        if self.tight is not None:
            self.out.append(_token("paragraph_open", self.lines.map(self.tight[0], self.tight[1])))
            self.tight = None

    def start(self, value: Any, name: str, start: int, end: int) -> bool:
        """Open a block (`name`: of a block kind, `value`: its event's value); False when
        nesting is too deep to be sure of markdown-it's reading."""
        if self.tight is not None:
            self.flush_tight()
        stack = self.stack
        stack.append(name)
        self.in_item, self.in_html = name == "Item", name == "HtmlBlock"  # `_top`: the top is `name`
        if len(stack) > _MAX_DEPTH:
            return False
        if name == "Item" or name == "TableCell":  # the most frequent block starts make no token
            if self.plain and name == "Item":
                self.items.append((start, end))
            return True
        if self.plain and (name == "BlockQuote" or (name == "CodeBlock" and value["CodeBlock"] == "Indented")):
            return False  # plain text: markdown-it-py reads these (quote markers shift columns)
        out, lines = self.out, self.lines
        if name == "Paragraph":
            out.append(_token("paragraph_open", lines.map(start, end)))
        elif name == "Heading":
            level = value["Heading"]["level"]  # "H1".."H6"
            m = lines.map(start, end)
            # an ATX heading is one line; a setext heading has its underline below
            out.append(_token("heading_open", m, "#" if m[1] - m[0] == 1 else "=", "h" + level[1:]))
        elif name in _CONTAINERS:
            out.append(_token(_CONTAINERS[name][0], None))
        elif name == "Table":
            out.append(_token("table_open", None))
        elif name in ("TableHead", "TableRow"):
            out.append(_token("tr_open", lines.map(start, end)))
        elif name == "CodeBlock":
            out.append(_token("fence", lines.map(start, end)))
        elif name == "HtmlBlock":
            out.append(_token("html_block", lines.map(start, end)))
            if self.plain:
                self.html_ranges.append((start, end))
            self.html_first = None
        return True

    def end(self, name: str) -> None:
        """Close a block of kind `name`."""
        if self.tight is not None:
            self.flush_tight()
        if self.stack:
            self.stack.pop()
        self._top()
        if name == "Item" or name == "TableCell" or name == "Paragraph":  # no token to close
            return
        if name in _CONTAINERS:
            self.out.append(_token(_CONTAINERS[name][1], None))
        elif name == "Table":
            self.out.append(_token("table_close", None))
        elif name == "HtmlBlock" and self.out and self.out[-1].type == "html_block":
            self.out[-1].content = self.html_first or ""


def _lazy_starter(text: str, lines: _Lines, tokens: list[BlockToken]) -> bool:
    """Whether a paragraph goes on over an indented line that starts a block (see above)."""
    if "    " not in text and "\t" not in text:  # a suspect line holds one: two finds in C
        return False
    found = _INDENTED_STARTER.finditer(text)
    first = next(found, None)
    if first is None:  # the usual case: one scan says no
        return False
    if "\r" in text:
        char_starts = [0] + [m.end() for m in _BREAK_STR.finditer(text)]
        suspects = [bisect.bisect_right(char_starts, m.start()) - 1 for m in itertools.chain((first,), found)]
    else:
        # LF only: each suspect's line counted from the last one's, in C (a list of every
        # line's start, built per file with suspects, cost more than the scan)
        suspects = []
        line = prev = 0
        for m in itertools.chain((first,), found):
            at = m.start()
            line += text.count("\n", prev, at)
            prev = at
            suspects.append(line)
    for tok in tokens:
        if tok.type == "paragraph_open" and tok.map is not None:
            a, b = tok.map
            k = bisect.bisect_right(suspects, a)  # a suspect line after the paragraph's first
            if k < len(suspects) and suspects[k] < b:
                return True
    return False


# plain text (`block_tokens(plain=True)`): a line that opens with four spaces or more, and the
# list marker of an item with the spaces after it
_DEEP_LINE = re.compile(rb"^( {4,})[^ \n]", re.MULTILINE)
_ITEM_MARKER = re.compile(rb"(?:[*+-]|\d{1,9}[.)])( *)")


def _plain_agrees(data: bytes, lines: _Lines, build: _Builder) -> bool:
    """Whether markdown-it-py with indented code off reads `data` as pulldown-cmark did.

    Indented code on or off matters only where markdown-it sees a line indented four columns
    past the block it is in (`StateBlock.is_code_block`). So every line that opens with four
    spaces must sit less than four columns past the content of the innermost list item holding
    it (a nested item under `*   item`), or inside an HTML block after its first line (HTML
    continues to its end condition whatever the indentation); anything else is left to
    markdown-it-py. Tabs, CRs, quotes and indented code never reach here."""
    deep = [(m.start(), len(m.group(1))) for m in _DEEP_LINE.finditer(data)]
    if not deep:
        return True
    starts = lines.starts
    items: list[tuple[int, int, int]] = []  # (start, end, content column)
    for a, b in build.items:
        m = _ITEM_MARKER.match(data, a)
        if m is None:
            return False
        col = a - starts[lines.of(a)]
        gap = len(m.group(1))
        after = data[m.end() : m.end() + 1]
        # CommonMark: content starts one space past the marker when the rest of the line is
        # empty or opens with five spaces or more (indented code inside the item)
        width = 1 if gap >= 5 or after in (b"", b"\n") else gap
        items.append((a, b, col + (m.end(1) - gap - a) + width))
    html = build.html_ranges
    open_items: list[tuple[int, int, int]] = []
    k = h = 0
    for pos, indent in deep:
        while h < len(html) and html[h][1] <= pos:
            h += 1
        if h < len(html) and html[h][0] < pos:  # inside an HTML block, past its first line
            continue
        while k < len(items) and items[k][0] <= pos:
            while open_items and open_items[-1][1] <= items[k][0]:
                open_items.pop()
            open_items.append(items[k])
            k += 1
        while open_items and open_items[-1][1] <= pos:
            open_items.pop()
        content = open_items[-1][2] if open_items else 0
        if indent - content >= 4:
            return False
    return True
