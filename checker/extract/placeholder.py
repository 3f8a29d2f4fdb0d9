"""text.placeholder's reading: editorial markers, placeholders and unrendered templates.

Every pattern reads a segment's own text (the Markdown source slice), not the reader view: the
view deletes what marks a placeholder ("[" of "[citation needed]", "<link>" as a tag). What a
reader never sees as prose is shielded instead: inline code, URLs, link targets and HTML
comments. The word lists are in checker/lexicon/data/placeholder.toml; this module holds the
shapes around them (brackets, cells, lines).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from checker.core.model import Span
from checker.extract.literal_scan import GateWords, join_texts
from checker.input.documents import Document, Segment, SegmentKind
from checker.lexicon import alternation, has_cjk, latin_alternation
from checker.text.lazy_regex import lazy_compile
from checker.text.script import HAN

SCOPE = frozenset({SegmentKind.HEADING, SegmentKind.PARAGRAPH, SegmentKind.TABLE, SegmentKind.FRONT_MATTER})

# kind -> (what it is, what to do): the message and the suggestion of the finding
KINDS: dict[str, tuple[str, str]] = {
    "editorial marker": (
        "an editor's note to check or complete the text, left in the published text",
        "check the claim and its source, then delete the marker",
    ),
    "missing content": (
        "a slot where content was still to be written",
        "write the missing content or delete the slot",
    ),
    "citation needed": ("a claim marked as lacking its source", "add the source or delete the claim"),
    "drafting marker": ("a drafting marker (TODO, FIXME, TBD, XXX)", "finish the passage and delete the marker"),
    "link placeholder": ("a slot for a link that was never filled in", "put the real link in, or delete the slot"),
    "empty link": (
        "a link label with no address: it renders as literal brackets",
        "add the address ([label](https://...)) or delete the label",
    ),
    "hypothetical source": (
        "a source the draft itself calls hypothetical or a placeholder",
        "replace it with the real source, or delete it and the claims that rest on it",
    ),
    "filler text": ("placeholder filler text (lorem ipsum)", "replace the filler with the real text"),
    "placeholder value": (
        "a number or id written as X's: the value was never filled in",
        "fill in the real value or delete the claim",
    ),
    "unrendered template": (
        "template code that was never rendered (the reader sees the raw placeholder)",
        "render the template with its value, or delete the placeholder",
    ),
    "empty slot": (
        "empty brackets where a generated value (often a date) was dropped",
        "fill in the missing value or delete the brackets",
    ),
    "pipeline settings": (
        "a generation pipeline's internal settings published as text",
        "delete the settings line",
    ),
}


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(slots=True, unsafe_hash=True)
class Marker:
    """An editorial marker or placeholder as written."""

    span: Span  # in the source
    kind: str  # a key of KINDS
    text: str  # the marker as written


# `\\?[…]` spelt as two branches that each open with a character (the same matches, the backslash
# tried first as the greedy `?` did): a pattern opening with an optional is tried at every position,
# one opening with characters lets the engine skip in C to the brackets
_OPEN = r"(?:\\[\[(（【]|[\[(（【])"
_CLOSE = r"\\?[\])）】]"
_INNER = r"[^()（）【】\[\]\n]"


class _Patterns:
    """The compiled shapes, built once per script kind (a Latin-only text skips OpenCC)."""

    def __init__(self, cjk: bool) -> None:
        def w(*lists: str) -> str:
            return alternation("placeholder", *lists) if cjk else latin_alternation("placeholder", *lists)

        i = re.IGNORECASE
        # 「（來源連結待驗證）」「（可能有誤，請確認）」: a pending word inside one bracket
        self.pending = lazy_compile(rf"{_OPEN}{_INNER}{{0,30}}?{w('pending')}{_INNER}{{0,30}}?{_CLOSE}")
        # 「（此处待补充Manus相关新闻，…）」: the slot and the note that follows it, to the bracket's end
        self.here = lazy_compile(
            rf"{_OPEN}\s*{w('here')}\s*(?:{w('insert_verb')})(?:[^\n)）】\]]{{0,300}}{_CLOSE})?"
            rf"|{w('here')}\s*(?:{w('pending_alone')})[^\n。！？!?)）】\]]{{0,60}}[。！？!?]?"
        )
        # 「細節待補充」 as a whole cell, line or list item (or after a label: 「描述：待補充」)
        self.alone = lazy_compile(
            rf"(?m)(?:^|(?<=[|｜]))[ \t]*(?:[-*+>][ \t]+|\d+[.)、][ \t]*)?(?:[^\n|：:]{{1,12}}[：:][ \t]*)?"
            rf"(?P<m>(?:\*\*|__)?(?:{w('pending_subject')})?[ \t]*{w('pending_alone')}(?:\*\*|__)?)"
            r"[ \t]*[。.！!…]*[ \t]*(?=$|[|｜])"
        )
        self.citation = lazy_compile(rf"{_OPEN}\s*{w('citation_needed')}\s*{_CLOSE}", i)
        # the look-behind checks the character before the match (before its backslash, if any)
        self.link_label = lazy_compile(
            rf"(?:\\(?<![!\]\w]\\)\[|\[(?<![!\]\w]\[))(?P<label>{w('link_label')})\\?\](?![(\[:])", i
        )
        self.angle = lazy_compile(rf"<\s*{w('angle_link')}\s*>", i)
        self.insert = lazy_compile(
            rf"(?:\\[\[【]|[\[【])\s*(?:{w('insert_en')}|请插入|請插入|插入)[^\]】\n]{{0,40}}\\?[\]】]", i
        )
        self.hypothetical = lazy_compile(
            rf"{_OPEN}\s*[(（]?\s*(?:{w('hypothetical')})\s*(?:{w('hypothetical_what')}|[,:，：])"
            rf"[^\n\]）】]{{0,160}}?(?:{_CLOSE}|$)"
            rf"|{_OPEN}\s*(?:{w('hypothetical_zh')})[^\n\]）】)]{{0,160}}?(?:{_CLOSE}|$)",
            i | re.MULTILINE,
        )
        self.lorem = lazy_compile(rf"{w('lorem')}[^\n.。]{{0,200}}[.。]?", i)
        # capitals only; whether it stands as a marker is decided around it (`_is_marker`)
        self.marker = lazy_compile(rf"(?<![A-Za-z0-9_./#@$&-]){w('marker')}(?![A-Za-z0-9_/-])")
        self.topic = lazy_compile(rf"[ \t]*(?:{w('marker_topic')})", i)
        self.settings = lazy_compile(rf"(?<![\w.])(?:{w('setting')})[ \t]*[=:][ \t]*[\"']?[\w.\-/]+")


@lru_cache(maxsize=2)
def _patterns(cjk: bool) -> _Patterns:
    return _Patterns(cjk)


# Shapes with no word list (or a list used only as names), compiled at import: no OpenCC involved.
_LIQUID_OK = lazy_compile(
    r"\s*(?:" + latin_alternation("placeholder", "jekyll_liquid") + r")\b", re.IGNORECASE
)  # {{ site.url }}, {% include %}: a Jekyll or Hugo site renders these on purpose
_DOUBLE = lazy_compile(
    rf"(?<![A-Za-z0-9_\\^]){{{{(?![<%{{])-?[ \t]*(?P<c>[#/^>!]?[A-Za-z_${HAN}][^{{}}\n]{{0,80}}?)[ \t]*-?}}}}"
)
_TAG = lazy_compile(
    r"{%-?[ \t]*(?P<c>(?:" + latin_alternation("placeholder", "template_tag") + r")\b[^%\n]{0,100}?)-?%}"
)
_DOLLAR = lazy_compile(r"(?<![\\$])\$\{[A-Za-z_][\w.]{0,40}\}")
_SINGLE = lazy_compile(
    r"(?<![A-Za-z0-9_\\$/{^])\{(?:"
    + latin_alternation("placeholder", "template_field")
    + rf"|[{HAN}]{{2,8}})\}}(?![}}(])",
    re.IGNORECASE,
)
_PERCENT = lazy_compile(r"%\([a-z_]{2,30}\)s")
_ID_X = lazy_compile(r"(?<![A-Za-z0-9-])[A-Z]{2,}-\d{4}-X{4,}(?![A-Za-z0-9])")
_FIGURE_X = lazy_compile(
    r"(?<![A-Za-z0-9_$])(?:\$|USD ?)?X{2,}(?:\.X+)?[ \t]?(?:%|million\b|billion\b|万|亿|萬|億|美元)"
)
# "(" before its look-behinds (which then read the character before it): a pattern whose
# branches open with a character lets the engine skip to them, where an opening assertion is
# tried at every position (a fifth of the time, same matches)
_EMPTY = lazy_compile(
    rf"（[ \t\u3000]*）|\((?:(?<=[{HAN}，。：；、\s]\()|(?<=^\())[ \t]*\)(?=[{HAN}，。、；：\s]|$)", re.MULTILINE
)

_QUOTED = lazy_compile(r"^[「“\"'].*[」”\"']$")
# what a reader never sees as prose: inline code, URLs, link targets, HTML comments
_SHIELD = lazy_compile(
    r"`[^`\n]+`|<!--.*?-->|\]\([^)\n]*\)|(?:https?|ftp)://[^\s<>()\[\]（）「」]+|www\.[^\s<>()\[\]（）「」]+", re.DOTALL
)
# a reference definition makes "[來源]" a shortcut link: "[來源]: https://…"
_REF_DEF = lazy_compile(r"(?m)^[ \t]{0,3}\[([^\]\n]+)\]:")
_BRACKET_BEFORE = lazy_compile(r"[\[(（【]\s*(?:\*\*|__)?\s*$")
_CELL_ALONE_BEFORE = lazy_compile(r"(?:^|[|｜])[ \t]*(?:[-*+>][ \t]+|\d+[.)][ \t]*)?(?:\*\*|__)?$")
_CELL_ALONE_AFTER = lazy_compile(r"(?:\*\*|__)?[ \t]*(?:$|[|｜])")
_COLON_AFTER = lazy_compile(r"(?:\*\*|__)?[ \t]*[:：]")


# substrings one of which a text must hold for the family of patterns to run
_HYPOTHETICAL_GATE = ("hypothetical", "fictional", "fictitious", "made-up", "placeholder", "example", "假设", "假設",
                      "虚构", "虛構", "示例", "占位")  # fmt: skip
_CITATION_GATE = ("citation", "source", "link needed", "需要", "请求", "請求", "待补", "待補", "待引用")
_PENDING_GATE = "待请請误誤需暂暫"
_INSERT_GATE = ("insert", "add ", "link to", "source:", "placeholder", "插入")
_SETTINGS_GATE = ("temperature", "top_", "max_", "penalty", "seed", "prompt", "model_", "_format", "stop_")
_LABEL_GATE = ("来源", "來源", "链接", "連結", "连结", "出处", "出處", "原文", "source", "link", "url")
_MARKER_GATE = ("TODO", "FIXME", "TKTK", "XXX", "TB")


_LORE_GATE = ("ipsum", "dolor sit", "consectetur")

# The gate of each family of `_segment_markers`: a word of the text as written or lowered.
# A family runs only on a text that passes its gates (most texts pass none).
_WRITTEN_GATES: dict[str, tuple[str, ...]] = {
    "brackets": ("[", "(", "（", "【"),
    "here": ("此", "这里", "這裡"),
    "pending": tuple(_PENDING_GATE),
    "close": ("]",),
    "wait": ("待",),
    "lt": ("<",),
    "gt": (">",),
    "marker": _MARKER_GATE,
    "xx": ("XX",),
    "brace": ("{",),
    "dollar": ("${",),
    "percent": ("%(",),
    "empty": ("（", "()", "( )"),
}
_LOWERED_GATES: dict[str, tuple[str, ...]] = {
    "hypothetical": _HYPOTHETICAL_GATE,
    "citation": _CITATION_GATE,
    "insert": _INSERT_GATE,
    "label": _LABEL_GATE,
    "lorem": _LORE_GATE,
    "settings": _SETTINGS_GATE,
}


@lru_cache(maxsize=1)
def _gate_words() -> tuple[GateWords, GateWords]:
    return GateWords(_WRITTEN_GATES), GateWords(_LOWERED_GATES, lowered=True)


def gates_passed(texts: list[str]) -> dict[int, set[str]]:
    """Index of each text that passes a gate -> the gates it passes: the texts
    `_segment_markers` can find anything in (three in five texts pass none)."""
    written, lowered = _gate_words()
    joined = join_texts(texts)  # once for both automatons
    found = written.found(texts, joined)
    for k, names in lowered.found(texts, joined).items():
        found.setdefault(k, set()).update(names)
    return found


def _is_marker(text: str, m: re.Match[str], p: _Patterns) -> bool:
    """TODO, FIXME, XXX, TBD as markers: bracketed, before a colon, or alone in a line or cell;
    not as the name of a thing ("a TODO list app", "TODO comments", Meta's "TBD Lab")."""
    word = m.group(0)
    if p.topic.match(text, m.end()):
        return False
    line_start = text.rfind("\n", 0, m.start()) + 1
    line_end = text.find("\n", m.end())
    before = text[max(line_start, m.start() - 6) : m.start()]
    after = text[m.end() : line_end if line_end >= 0 else len(text)]
    if _BRACKET_BEFORE.search(before):
        # "(TBD)" after a date is the article's own word; only "[TBD]" is a marker for these
        return not word.startswith("TB") or before.rstrip(" *_").endswith("[")
    if _COLON_AFTER.match(after):
        return True
    if word.startswith("TB") or word == "XXX":
        return False  # "Price | TBD |" is a schedule the reader may be told
    return bool(_CELL_ALONE_BEFORE.search(text[line_start : m.start()]) and _CELL_ALONE_AFTER.match(after))


def _shielded(text: str) -> list[tuple[int, int]]:
    if "`" not in text and "<!--" not in text and "](" not in text and "://" not in text and "www." not in text:
        return []
    return [m.span() for m in _SHIELD.finditer(text)]


def _segment_markers(text: str, defined: frozenset[str], has: set[str]) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) in the segment's text, in priority order (overlaps dropped later).
    `has`: the gates the text passes (`gates_passed`)."""
    p = _patterns(has_cjk(text))
    brackets = "brackets" in has
    if "here" in has:
        for m in p.here.finditer(text):
            yield m.start(), m.end(), "missing content"
    if brackets:
        if "hypothetical" in has:
            for m in p.hypothetical.finditer(text):
                yield m.start(), m.end(), "hypothetical source"
        if "citation" in has:
            for m in p.citation.finditer(text):
                yield m.start(), m.end(), "citation needed"
        if "pending" in has:
            for m in p.pending.finditer(text):
                yield m.start(), m.end(), "editorial marker"
        if "insert" in has:
            for m in p.insert.finditer(text):
                yield m.start(), m.end(), "link placeholder"
        if "close" in has and "label" in has:
            for m in p.link_label.finditer(text):
                if m.group("label").casefold() not in defined:
                    yield m.start(), m.end(), "empty link"
    if "wait" in has:
        for m in p.alone.finditer(text):
            yield m.start("m"), m.end("m"), "editorial marker"
    if "lt" in has and "gt" in has:
        for m in p.angle.finditer(text):
            yield m.start(), m.end(), "link placeholder"
    if "lorem" in has:
        for m in p.lorem.finditer(text):
            yield m.start(), m.end(), "filler text"
    if "marker" in has:
        for m in p.marker.finditer(text):
            if _is_marker(text, m, p):
                yield m.start(), m.end(), "drafting marker"
    if "xx" in has:
        for m in _ID_X.finditer(text):
            yield m.start(), m.end(), "placeholder value"
        for m in _FIGURE_X.finditer(text):
            yield m.start(), m.end(), "placeholder value"
    if "brace" in has:
        for m in _DOUBLE.finditer(text):
            if not _LIQUID_OK.match(m.group("c").lstrip("#/^>!")):
                yield m.start(), m.end(), "unrendered template"
        for m in _TAG.finditer(text):
            if not _LIQUID_OK.match(m.group("c")):
                yield m.start(), m.end(), "unrendered template"
        for m in _DOLLAR.finditer(text) if "dollar" in has else ():
            yield m.start(), m.end(), "unrendered template"
        for m in _SINGLE.finditer(text):
            yield m.start(), m.end(), "unrendered template"
    if "percent" in has:
        for m in _PERCENT.finditer(text):
            yield m.start(), m.end(), "unrendered template"
    if "empty" in has:
        for m in _EMPTY.finditer(text):
            if m.start() > 0 and _QUOTED.match(text[m.start() - 1 : m.end() + 1]):
                continue  # 「（）」: the brackets quoted, as in a note about this very defect
            yield m.start(), m.end(), "empty slot"
    if "settings" in has and p.settings.search(text):
        for line in _lines(text):
            found = list(p.settings.finditer(text, line[0], line[1]))
            if len(found) >= 2:
                yield found[0].start(), found[-1].end(), "pipeline settings"


# The gates that run a family of `_segment_markers` only together (brackets with a word of what is
# bracketed or with "]" and a label word, "<" with ">", "$" inside a brace); every other gate runs
# one on its own. Half the texts that pass a gate pass only such partial ones: `_inert` skips them
# without the call (a gate added later runs on its own unless it is listed here).
_BRACKETED = frozenset({"hypothetical", "citation", "pending", "insert"})
_PARTIAL = frozenset({"brackets", "close", "label", "lt", "gt", "dollar", *_BRACKETED})


def _inert(has: set[str]) -> bool:
    """Whether `_segment_markers` runs no pattern for a text passing just the gates `has`."""
    if not has <= _PARTIAL or ("lt" in has and "gt" in has):
        return False
    return "brackets" not in has or (_BRACKETED.isdisjoint(has) and not ("close" in has and "label" in has))


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        yield start, end
        start = end + 1


@lru_cache(maxsize=2)
def _defined(src: str) -> frozenset[str]:
    """The reference labels a file defines. Per file, not per document: the entries of one file
    (a hundred in a digest archive) share it, and each scanned the whole file again."""
    return frozenset(m.group(1).casefold() for m in _REF_DEF.finditer(src)) if "]:" in src else frozenset()


def _find(doc: Document) -> list[Marker]:
    defined = _defined(doc.source.text)
    out: list[Marker] = []
    segments = list(doc.segments_in(SCOPE))
    passed = gates_passed([seg.text for seg in segments])
    for i in sorted(passed):
        if _inert(passed[i]):
            continue
        seg = segments[i]
        text = seg.text
        shield: list[tuple[int, int]] | None = None  # read only for a segment with a marker (few have one)
        taken: list[tuple[int, int]] = []
        for start, end, kind in _segment_markers(text, defined, passed[i]):
            if shield is None:
                shield = _shielded(text)
            if end <= start or any(a < end and start < b for a, b in shield):
                continue
            if any(a < end and start < b for a, b in taken):
                continue
            taken.append((start, end))
            out.append(Marker(_span(seg, start, end), kind, text[start:end]))
    out.sort(key=lambda mk: mk.span.start)
    return out


def _span(seg: Segment, start: int, end: int) -> Span:
    return seg.to_source(start, end)


def document_markers(doc: Document) -> list[Marker]:
    """The document's placeholders and markers, in source order (cached per document)."""
    return doc.cached("placeholder.markers", _find)
