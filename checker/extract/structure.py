"""markdown.broken's reading beyond the loader's structure issues: a document cut off at its
end, GFM table rows whose cell count differs from the header, a heading spliced into a line,
and front-matter values (title, description) cut at a length limit.

The loader (checker/input) already reports unclosed fences, front matter and HTML blocks; what
is here needs the segments and, for names, the knowledge base.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from checker.core.model import Span
from checker.extract.kb import KnowledgeBase
from checker.input.documents import Document, Segment, SegmentKind
from checker.lexicon import Lazy, alternation
from checker.text.lazy_regex import lazy_compile
from checker.text.script import has_han, is_han


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(slots=True, unsafe_hash=True)
class Damage:
    """A structural defect (cut-off end, table cells, spliced heading, truncated value)."""

    kind: str  # cut-off-end, table-cells, spliced-heading, truncated-value
    span: Span
    message: str
    evidence: str
    suggestion: str | None = None
    confidence: float = 0.8


# --- a document cut off at its end --------------------------------------------------------------

# invisible characters a pipeline leaves on an otherwise empty last line
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff \t\u3000"
# emphasis and quote markup around the last words of a line
_TRAILING_MARKUP = "*_~`> \t"
_COMMA_END = frozenset(",，、")
_DANGLING = Lazy(lambda: r"(?:^|(?<=[\s\W]))" + alternation("markdown", "dangling") + r"$", re.IGNORECASE)
_DANGLING_HAN = Lazy(lambda: alternation("markdown", "dangling") + r"$", re.IGNORECASE)
_PROSE_CHAR = lazy_compile(r"[A-Za-z\u3400-\u9fff]")
_BRACKET = lazy_compile(r"[\[(（\])）]")  # what _open_bracket reads
_PROSE_ENOUGH = 8  # prose characters on a last line that may end mid-clause


def _last_body_segment(doc: Document) -> tuple[Segment, int] | None:
    """The last segment with visible text, and how many there are, counted up to two (whether it
    is the only one is all `cut_off_end` asks): read from the end, not every segment stripped."""
    last: Segment | None = None
    for s in reversed(doc.segments):
        if s.kind is not SegmentKind.FRONT_MATTER and s.text.strip(_INVISIBLE + "\n\r"):
            if last is not None:
                return last, 2
            last = s
    return None if last is None else (last, 1)


def _open_bracket(line: str) -> tuple[int, str] | None:
    """Where the line's last unclosed link text, link target or parenthesis opens."""
    stack: list[tuple[int, str]] = []
    pairs = {"]": "[", ")": "(", "）": "（"}
    # only the brackets are read (found in C): a step per character cost 0.25 s on the 2 MB last
    # line of issue 17's "dated weekdays", which holds none
    for m in _BRACKET.finditer(line):
        c = m.group()
        if c in "[(（":
            stack.append((m.start(), c))
        elif stack and stack[-1][1] == pairs[c]:
            stack.pop()
    if not stack:
        return None
    at, c = stack[0]
    if c == "(" and at > 0 and line[at - 1] == "]":
        return at, "link-target"
    if c == "[":
        return at, "link-text"
    return at, "parenthesis"


def cut_off_end(doc: Document) -> Damage | None:
    """The document stops inside a link, mid-clause, or right after a heading."""
    if doc.format not in ("markdown", "text") or doc.entry_number is not None:
        return None
    if any(i.kind in ("unclosed-fence", "unclosed-front-matter") for i in doc.structure_issues):
        return None  # that finding already says the rest is swallowed
    found = _last_body_segment(doc)
    if found is None:
        return None
    seg, count = found
    src = doc.source
    if seg.kind is SegmentKind.HEADING:
        if count < 2:
            return None  # a title-only page is a stub, not a cut
        return Damage(
            "cut-off-end",
            seg.span,
            "the document ends on a heading with no text under it: it was probably cut off",
            f"last block: heading on line {src.line_of(seg.span.start)}",
            "complete the section or remove the empty heading",
            0.7,
        )
    if seg.kind is not SegmentKind.PARAGRAPH:
        return None
    text = seg.text.rstrip(_INVISIBLE + "\r\n")
    line_start = text.rfind("\n") + 1
    line = text[line_start:]
    base = seg.span.start + line_start
    opened = _open_bracket(line)
    if opened is not None:
        at, what = opened
        inside = line[at + 1 :]
        if what == "parenthesis" and (not inside.strip() or len(inside) > 200):
            opened = None
        else:
            label = {"link-text": "a link's text", "link-target": "a link's address", "parenthesis": "a parenthesis"}
            shown = line[at : at + 60] + ("…" if len(line) - at > 60 else "")
            return Damage(
                "cut-off-end",
                Span(base + at, base + len(line)),
                f"the document ends inside {label[what]} that is never closed: it was cut off",
                f"last line {src.line_of(base)}: {shown}",
                "restore the end of the article from its source",
                0.9,
            )
    core = line.rstrip(_TRAILING_MARKUP)
    # counted up to the bound, not listed: a long last line holds millions
    if sum(1 for _ in islice(_PROSE_CHAR.finditer(core), _PROSE_ENOUGH)) < _PROSE_ENOUGH:
        return None  # a label, a link-only or symbol line: no clause to judge
    tail: str | None = None
    if core and core[-1] in _COMMA_END:
        tail = core[-1]
    else:
        m = (_DANGLING_HAN if core and is_han(core[-1]) else _DANGLING).search(core)
        if m is not None:
            tail = m.group(0)
    if tail is None:
        return None
    end = base + len(core)
    shown = core[-40:]
    return Damage(
        "cut-off-end",
        Span(end - len(tail), end),
        f"the document ends mid-sentence, on '{tail}': it was cut off",
        f"last line {src.line_of(base)} ends: …{shown}",
        "restore the end of the article from its source",
        0.8,
    )


# --- GFM tables ----------------------------------------------------------------------------------


def _cells(row: str) -> int:
    """Cells of a GFM row as markdown-it's `escapedSplit` splits it (escaped pipes kept, outer
    pipes dropped), counted: a pipe splits unless the character before it is a backslash, so the
    parts are the pipes less the escaped ones, plus one. markdown-it's split is a Python step per
    character and cost most of markdown.broken; two counts in C give the same number."""
    s = row.strip()
    parts = s.count("|") - s.count("\\|") + 1
    if s.startswith("|"):
        parts -= 1  # an unescaped pipe: at least two parts before this
    if s.endswith("|") and not s.endswith("\\|"):
        parts -= 1
    return parts


_PIPE_IN_LINK = lazy_compile(r"\[[^\]\n]*?(?<!\\)\|[^\]\n]*\]\(|\]\([^)\s]*?(?<!\\)\|")
_PIPE_IN_CODE = lazy_compile(r"`[^`\n]*?(?<!\\)\|[^`\n]*`")
_PIPE_IN_URL = lazy_compile(r"https?://[^\s)\]]*?(?<!\\)\|")


def _tables(doc: Document) -> Iterator[list[Segment]]:
    """Rows of each table, header first (markdown-it's tr lines, one segment per row)."""
    src = doc.source
    rows: list[Segment] = []
    last_line = -10
    for seg in doc.segments:
        if seg.kind is SegmentKind.TABLE and "table" in seg.containers and "html" not in seg.containers:
            line = src.line_of(seg.span.start)
            # the delimiter row sits between the header and the first body row
            if rows and (line == last_line + 1 or (len(rows) == 1 and line == last_line + 2)):
                rows.append(seg)
            else:
                if rows:
                    yield rows
                rows = [seg]
            last_line = line
        elif rows:
            yield rows
            rows = []
    if rows:
        yield rows


def table_rows(doc: Document, skip: Iterable[Span] = ()) -> list[Damage]:
    out: list[Damage] = []
    if doc.format != "markdown":
        return out
    skipped = list(skip)
    src = doc.source
    for rows in _tables(doc):
        header = rows[0].text.strip()
        want = _cells(header)
        for seg in rows[1:]:
            row = seg.text.rstrip("\r\n")
            stripped = row.strip(_INVISIBLE)
            if "|" not in stripped or any(seg.span.start <= s.start < seg.span.end for s in skipped):
                continue
            got = _cells(row)
            lead = len(row) - len(row.lstrip())
            if got == want:
                if header.endswith("|") and not stripped.endswith("|") and _open_bracket(stripped) is not None:
                    # the last cell stops inside a link: the row was cut off mid-cell
                    out.append(
                        Damage(
                            "table-cells",
                            Span(seg.span.start + lead, seg.span.start + len(row.rstrip())),
                            "this table row stops inside a link in its last cell, with no closing '|': "
                            "it was cut off mid-row",
                            f"header (line {src.line_of(rows[0].span.start)}) ends with '|', this row does not",
                            "restore the rest of the row",
                            0.85,
                        )
                    )
                continue
            span = Span(seg.span.start + lead, seg.span.start + len(row.rstrip()))
            evidence = f"header (line {src.line_of(rows[0].span.start)}) has {want} cells, this row {got}"
            if got > want:
                m = _PIPE_IN_LINK.search(row) or _PIPE_IN_CODE.search(row) or _PIPE_IN_URL.search(row)
                if m is not None:
                    pipe = m.start() + m.group(0).index("|", 1)
                    # by pattern text, not identity: compiled by mypyc, this module keeps the lazy
                    # stand-in (checker/text/lazy_regex.py cannot find its globals to rebind)
                    where = "a code span" if m.re.pattern == _PIPE_IN_CODE.pattern else "a link"
                    head = row.lstrip()[:8]
                    if len(head) == 8 and row.startswith(head, pipe):
                        # the row stops mid-cell and the next row begins right there
                        out.append(
                            Damage(
                                "table-cells",
                                Span(seg.span.start + pipe, seg.span.start + pipe + len(head)),
                                f"this table row is cut off mid-cell and the next row starts inside it "
                                f"({got} cells, the header has {want})",
                                evidence,
                                "restore the end of the row and start the next row on its own line",
                                0.9,
                            )
                        )
                        continue
                    out.append(
                        Damage(
                            "table-cells",
                            Span(seg.span.start + pipe, seg.span.start + pipe + 1),
                            f"an unescaped '|' inside {where} splits this table row into {got} cells "
                            f"(the header has {want}): the cells after it shift and the last are dropped",
                            evidence,
                            "escape the pipe as '\\|'",
                            0.9,
                        )
                    )
                    continue
                out.append(
                    Damage(
                        "table-cells",
                        span,
                        f"this table row has {got} cells but the header has {want}: "
                        f"the last {got - want} are dropped when it renders",
                        evidence,
                        None,
                        0.8,
                    )
                )
            elif header.endswith("|") and not stripped.endswith("|"):
                out.append(
                    Damage(
                        "table-cells",
                        span,
                        f"this table row stops after {got} of {want} cells with no closing '|': it was cut off mid-row",
                        evidence,
                        "restore the rest of the row",
                        0.8,
                    )
                )
    return out


# --- a heading spliced into a line ------------------------------------------------------------------

# `##` to `######` plus a space, in the middle of a line: glued to the text before it, or after
# the end of a sentence or a table row
# (not after a literal "\n" escape: a one-line file of escaped newlines is another defect)
_SPLICED = lazy_compile(r"(?<!\\n)(?:(?<=[^\s#\\&/])|(?<=[。！？.!?|)）」]\s))(#{2,6})[ \t]+(?=[^\s#])")
_CODE_SPAN = lazy_compile(r"(`+)[^`].*?\1|`+")


def spliced_headings(doc: Document) -> list[Damage]:
    out: list[Damage] = []
    if doc.format != "markdown":
        return out
    for seg in doc.segments:
        # a spliced heading has "##" (blanking code only blanks); code spans need a backtick: both
        # patterns open with a group or a look-behind, tried at every position of every segment
        if seg.kind not in (SegmentKind.PARAGRAPH, SegmentKind.TABLE) or "##" not in seg.text:
            continue
        text = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), seg.text) if "`" in seg.text else seg.text
        for m in _SPLICED.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if not text[line_start : m.start()].strip(" \t>*-+0123456789.)"):
                continue  # only markers before it: a heading where a heading belongs
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end < 0 else line_end
            start = seg.span.start + m.start()
            end = seg.span.start + min(line_end, m.end() + 60)
            before = seg.text[max(line_start, m.start() - 12) : m.start()]
            after = seg.text[m.start() : min(line_end, m.end() + 30)]
            out.append(
                Damage(
                    "spliced-heading",
                    Span(start, end),
                    f"a '{m.group(1)}' heading is spliced into the middle of a line: it renders as literal "
                    "text, and the text before it was probably cut off",
                    f"…{before}{after}",
                    "start the heading on a line of its own (and restore the text cut before it)",
                    0.9,
                )
            )
    return out


# --- front-matter values cut at a length limit -----------------------------------------------------

TRUNCATABLE_KEYS = ("title", "description", "summary", "excerpt", "subtitle", "abstract")
_CLOSED_END = frozenset("。！？.!?）)」』\"”'’…》】]")
_LATIN_TAIL = lazy_compile(r"[A-Za-z][A-Za-z0-9]*$")
# markup a cut value may end with after its last words: emphasis, line breaks
_TRAILING_VALUE_MARKUP = lazy_compile(r"(?:\s|\*|_|~|<br\s*/?>)+$", re.IGNORECASE)
_HAN_TAIL = lazy_compile(r"[\u3400-\u9fff]{2,4}$")


class NamePrefixes:
    """Proper prefixes of KB names cut inside a word (3+ characters, 2+ for Han) -> the shortest
    such name. Answered by bisecting the sorted names: a table of every prefix cost ~0.3 s of
    every run, a draft's included, for the few front-matter tails a run asks about."""

    def __init__(self, names: Iterable[str]) -> None:
        self._names = sorted(set(names))
        self._whole = frozenset(self._names)

    def get(self, fragment: str) -> str | None:
        k = len(fragment)
        if fragment in self._whole or k < (2 if has_han(fragment[:1]) else 3):
            return None  # a whole name is no fragment
        best: str | None = None
        i = bisect.bisect_left(self._names, fragment)
        while i < len(self._names) and self._names[i].startswith(fragment):
            name = self._names[i]
            i += 1
            # a cut inside a word: "Anthropi" is a fragment, "Spark" of "Spark Desk" is a word
            a, b = name[k - 1], name[k]
            inside = (a.isascii() and a.isalpha() and b.isascii() and b.isalpha()) or (is_han(a) and is_han(b))
            if inside and (best is None or len(name) < len(best)):
                best = name
        return best

    def __contains__(self, fragment: str) -> bool:
        return self.get(fragment) is not None


@lru_cache(maxsize=4)
def _name_prefixes(kb: KnowledgeBase) -> NamePrefixes:
    return NamePrefixes(n for n, _ in kb.all_names())


def _value_span(doc: Document, key: str, value: str) -> Span | None:
    fm_span = doc.front_matter_span
    if fm_span is None:
        return None
    tail = value[-min(len(value), 24) :]
    at = doc.source.text.find(tail, fm_span.start, fm_span.end)
    if at < 0:
        return None
    return Span(at + len(tail), at + len(tail))


def _continues_in_body(doc: Document, value: str) -> str | None:
    """The body's continuation of the value's last words, when the body has them with more after."""
    fm = doc.front_matter_span
    start = fm.end if fm is not None else 0
    tail = value[-12:]
    if len(tail.strip()) < 6:
        return None
    text = doc.source.text
    at = text.find(tail, start)
    if at < 0:
        return None
    nxt = text[at + len(tail) : at + len(tail) + 20].split("\n", 1)[0]
    if nxt and (nxt[0].isalnum() or is_han(nxt[0])):
        return nxt
    return None


def _cut_inside(words: str) -> str | None:
    """What a value's cut end stands inside when that is no prose: "a link's address", "an HTML
    tag", "a URL or path". A name fragment is claimed only in prose ("…/main/image" is a path
    cut mid-way, not a cut-off "imagehub")."""
    line = words[words.rfind("\n") + 1 :]
    target = line.rfind("](")
    if target >= 0 and ")" not in line[target + 2 :]:
        return "a link's address"
    if line.rfind("<") > line.rfind(">"):
        return "an HTML tag"
    token = line.rsplit(None, 1)[-1] if line.strip() else ""
    # "a/b" or "24/7" is prose; two slashes, a scheme or a backslash make a path
    if "://" in token or token.count("/") >= 2 or "\\" in token or token.startswith(("www.", "/", "./")):
        return "a URL or path"
    return None


def truncated_values(doc: Document, kb: KnowledgeBase, limits: frozenset[int]) -> list[Damage]:
    out: list[Damage] = []
    fm = doc.front_matter
    if not fm:
        return out
    prefixes = _name_prefixes(kb)
    for key in TRUNCATABLE_KEYS:
        raw = fm.get(key)
        if not isinstance(raw, str):
            continue
        value = raw.strip()
        words = _TRAILING_VALUE_MARKUP.sub("", value)
        if len(words) < 20 or words[-1] in _CLOSED_END:
            continue
        at = _value_span(doc, key, words)
        if at is None:
            continue
        inside = _cut_inside(words)
        m = _LATIN_TAIL.search(words) if inside is None else None
        fragment = None
        before = words[m.start() - 1] if m is not None and m.start() > 0 else " "
        body = doc.source.text[doc.front_matter_span.end if doc.front_matter_span else 0 :]
        completed: str | None = None
        known = prefixes.get(m.group(0)) if m is not None and not (before.isascii() and before.isalnum()) else None
        if m is not None and known is not None:
            frag = m.group(0)
            # a word the body uses on its own ("Agent", "Code") is no fragment
            if re.search(rf"(?<![A-Za-z]){re.escape(frag)}(?![A-Za-z0-9])", body) is None:
                full = re.search(rf"(?<![A-Za-z]){re.escape(frag)}[A-Za-z]+", body)
                completed = full.group(0) if full is not None else None
                if completed is not None or len(value) in limits:
                    fragment = frag
        if fragment is None and inside is None:
            h = _HAN_TAIL.search(words)
            tail = h.group(0) if h is not None else ""
            # a Han prefix is often a word of its own (世界): only with the whole name in the body
            for i in range(len(tail) - 1):
                known = prefixes.get(tail[i:])
                if known is not None and known in body:
                    fragment = tail[i:]
                    break
        at_limit = len(value) in limits
        if fragment is not None:
            name = completed or known
            span = Span(at.start - len(fragment), at.start)
            out.append(
                Damage(
                    "truncated-value",
                    span,
                    f"the front-matter {key} ends in '{fragment}', a cut-off '{name}'"
                    + (f" ({len(value)} characters: cut at a length limit)" if at_limit else ""),
                    f"the body writes '{completed}'" if completed else f"knowledge base: {known}",
                    f"end the {key} at a full sentence (or write '{name}' out)",
                    0.9,
                )
            )
            continue
        shown = words[-24:]
        if inside is not None and (at_limit or inside != "a URL or path"):
            # an unclosed link address or tag proves the cut at any length
            limit = f"at exactly {len(value)} characters, a length limit" if at_limit else f"at {len(value)} characters"
            out.append(
                Damage(
                    "truncated-value",
                    Span(max(at.start - 1, 0), at.start),
                    f"the front-matter {key} is cut off {limit}, inside {inside}",
                    f"ends: …{shown}",
                    f"end the {key} before the link or markup, at a full sentence",
                    0.85,
                )
            )
            continue
        if not at_limit:
            continue
        more = _continues_in_body(doc, words)
        out.append(
            Damage(
                "truncated-value",
                Span(max(at.start - 1, 0), at.start),
                f"the front-matter {key} stops mid-sentence at exactly {len(value)} characters: "
                "it was cut at a length limit",
                f"ends: …{shown}" + (f" (the body goes on: {shown[-8:]}{more}…)" if more else ""),
                f"end the {key} at a full sentence",
                0.85 if more else 0.75,
            )
        )
    return out
