"""Product-name mentions: models, chips, frameworks, companies, papers, in mixed CJK/Latin prose.

One extractor that every rule reads (`names_of(doc, kb)`, cached per document as
"names"). It finds:

- Latin-script names: runs of name-like tokens ("Gemini Ultra 2.0", "GPT-4o",
  "o3-mini", "Claude 3.7 Sonnet", "GB300 NVL72", "Snapdragon 8 Gen 3",
  "Hub-Vision-Pro"); "H100/H200" gives two mentions; a leading maker is split off
  ("NVIDIA H100" -> "NVIDIA", "H100") when the whole run is not itself a KB name;
- CJK names the knowledge base knows (文心一言, 通義千問, 輝達), matched on the
  Simplified form of the text so both scripts are found;
- the content of 《》 and of short 「」 / “” quotes that hold a name rather than a
  sentence (shape "bracketed").

Not mentions: URLs, domains, e-mail addresses, @handles, #tags, inline code, HTML
tags, Markdown link targets. Tokens inside quoted sentences are mentions with
`quoted=True` (rules skip them by default: 「用cursur，又何必是cursor」 is a pun).
(The Latin tokens and their runs: checker/extract/names/tokens.py.)

Markdown emphasis and CJK particles never join a name: tokens are Latin letters,
digits and inner `.-_+#`.

Each mention carries a *shape* that says how sure the extractor is that it is a name:
"kb" (the KB knows it), "versioned" (letters and digits: GPT-4o, H100, NP-5),
"camel" (DeepSeek, ChatGPT), "hyphenated" (Hub-Vision-Pro), "acronym" (NVIDIA, RTX),
"title" (capitalised words: Gemini Ultra), "lower" (a lowercase KB name: cursor,
vllm), "cjk" (a CJK KB name), "bracketed" (the content of 《》 or a name quote).
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final, NamedTuple

import ahocorasick_rs

from checker.core.model import Span
from checker.extract.names.keys import has_han, name_key, to_simplified
from checker.extract.names.tokens import (
    _STRENGTH,
    _VARIANT_ANY,
    LowerNames,
    _lower_in,
    _plain_runs,
    _runs,
    _Tok,
    _tokens,
    _trim_bounds,
    variants_gate,
)
from checker.input.documents import DEFAULT_SCOPE, Document, Segment
from checker.text.lazy_regex import lazy_compile
from checker.text.regex_cache import programs
from checker.text.sentences import starts_sentence
from checker.text.view import MASK, _folds, reader_view

if TYPE_CHECKING:
    from checker.extract.kb import KnowledgeBase

SHAPES = ("kb", "versioned", "camel", "hyphenated", "acronym", "title", "lower", "cjk", "bracketed")


class Mention(NamedTuple):
    """One name as written in one segment of a document.

    A NamedTuple rather than a frozen dataclass: a corpus run makes hundreds of
    thousands of them, and a tuple is built several times faster.
    """

    text: str  # as it stands in the segment view
    key: str  # normalised (checker.extract.names.keys.name_key)
    span: Span  # in the source file
    segment: int  # index into doc.segments
    start: int  # view offsets in that segment
    end: int
    shape: str
    quoted: bool = False  # inside a quoted sentence
    sentence_start: bool = False  # the first word of a sentence (capitalised for grammar)
    in_kb: bool = False


# --- quotes ---------------------------------------------------------------------------------------

_QUOTES = lazy_compile(r"「([^「」\n]{1,200})」|『([^『』\n]{1,200})』|“([^“”\n]{1,200})”|《([^《》\n]{1,120})》")
_SENTENCE_PUNCT = lazy_compile(r"[，。！？；,!?;]|\s[a-z]+\s[a-z]+\s")


class _Quote:
    """A quotation of a masked view. A plain class, not a NamedTuple: compiled, it is built by a
    native call (a NamedTuple's __new__ is an interpreted frame), one per quotation of the corpus."""

    def __init__(self, start: int, end: int, is_name: bool, title: bool) -> None:
        self.start = start  # of the content
        self.end = end
        self.is_name = is_name  # a short name-like content, not a quoted sentence
        self.title = title  # 《》


def _quotes(text: str) -> list[_Quote]:
    out: list[_Quote] = []
    # most segments hold no opener: four substring tests in C, no regex scan
    if "「" not in text and "『" not in text and "“" not in text and "《" not in text:
        return out
    for m in _QUOTES.finditer(text):
        # each branch of _QUOTES holds one group and no other: the last group matched is it
        group = m.lastindex or 0
        content = m.group(group)
        is_title = group == 4
        is_name = is_title or (len(content) <= 30 and not _SENTENCE_PUNCT.search(content))
        out.append(_Quote(m.start(group), m.end(group), is_name, is_title))
    return out


# --- CJK names from the KB ------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _cjk_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    if not names:
        return None
    # through the program cache: the KB's names make the same ~30 kB pattern every run
    return programs().compile(_by_first_letter(list(set(names))))


@lru_cache(maxsize=4)
def _cjk_names(kb: KnowledgeBase) -> tuple[str, ...]:
    """Every CJK name of the KB in Simplified and both Traditional spellings, so the text
    itself is searched (converting every segment with OpenCC would cost more)."""
    from checker.lexicon.folded import spellings  # kept between runs: OpenCC loads only for new names

    out: set[str] = set()
    for name, _ in kb.all_names():
        if has_han(name) and len(name) >= 2:
            out.update(spellings(name, _kb_name_spellings, kind="kb-name"))
    return tuple(sorted(n for n in out if len(n) >= 2))


def _kb_name_spellings(name: str) -> set[str]:
    """A KB name, its Simplified spelling and that one's Traditional spellings."""
    simple = to_simplified(name)
    return {name, simple, *(_to_trad(cfg).convert(simple) for cfg in ("s2t.json", "s2tw.json", "s2twp.json"))}


@lru_cache(maxsize=4)
def _to_trad(cfg: str) -> Any:
    import opencc

    return opencc.OpenCC(cfg)


@lru_cache(maxsize=4)
def _known_keys(kb: KnowledgeBase) -> frozenset[str]:
    return frozenset(kb.all_keys())


@lru_cache(maxsize=4)
def _lower_pattern(kb: KnowledgeBase | None) -> LowerNames | None:
    """The KB's names written in lowercase (vllm, cursor), each with its bounded pattern."""
    if kb is None:
        return None
    # names with digits, dots or hyphens ("gpt-oss", "llama.cpp") are tokens already
    names = sorted({n for n, _ in kb.all_names() if n.isalpha() and n.islower()})
    compile_ = programs().compile  # the same patterns every run: kept between runs
    patterns = tuple(
        (n, compile_(rf"(?<![A-Za-z0-9+#.\-]){re.escape(n)}(?![A-Za-z0-9+#]|[.\-_][A-Za-z0-9])")) for n in names
    )
    return LowerNames(
        patterns,
        frozenset(n for n in names if n.isascii()),
        tuple((n, p) for n, p in patterns if not n.isascii()),
        ahocorasick_rs.AhoCorasick(names) if names else None,
        variants_gate(names),
    )


# the gate of `_find_names` without a KB: the variant words alone
_NO_KB_GATE: Final = variants_gate([])


def _by_first_letter(names: list[str]) -> str:
    """An alternation of literals grouped by first character, longest first within a group
    (ties by text: the same pattern source every run): the engine tries one branch per
    position, not every name (a third faster, same matches)."""
    groups: dict[str, list[str]] = {}
    for n in sorted(names, key=lambda n: (-len(n), n)):
        groups.setdefault(n[0], []).append(re.escape(n[1:]))
    return "|".join(f"{re.escape(c)}(?:{'|'.join(rest)})" for c, rest in groups.items())


# --- the extractor --------------------------------------------------------------------------------


def extract_names(doc: Document, kb: KnowledgeBase | None = None) -> list[Mention]:
    """Every name mention in the prose of a document (headings, paragraphs, tables)."""
    out: list[Mention] = []
    tables = _tables(kb)
    for index, seg in enumerate(doc.segments):
        if seg.kind not in DEFAULT_SCOPE:
            continue
        out.extend(_segment_mentions(index, seg, tables))
    return out


def names_of(doc: Document, kb: KnowledgeBase | None) -> list[Mention]:
    """The cached mentions of a document (one extraction per run, shared by every rule)."""
    return doc.cached("names", lambda d: extract_names(d, kb))


@lru_cache(maxsize=1024)
def masked_segment(text: str) -> str:
    """The segment's reader view (checker.text.view) masked and copied back to the segment
    offsets it came from, with deleted markup as MASK: same length as the segment text.

    Names are read here rather than on the reader view's text: with the markup deleted,
    name runs join across footnote marks and emphasis ("Claude Opus 4.6 [[1. Anthropic]]"
    reads "Claude Opus 4.6 1. Anthropic"), which made a dozen false name.unverified
    findings on the real corpus."""
    view = reader_view(text)
    if view.origins == (0,) and len(view.masked) == len(text):  # not `identity`: markup deleted at
        return view.masked  # the very start leaves one run too
    parts: list[str] = []
    pos = 0  # segment offset written up to; what no run covers was deleted markup
    masked, starts, origins = view.masked, view.starts, view.origins
    last = len(starts) - 1
    # by index, not a zip of the runs' starts, ends and origins: compiled, the indexing is native
    # where zip builds a tuple per run (a segment of links and emphasis holds hundreds)
    for k in range(len(starts)):
        start, origin = starts[k], origins[k]
        end = starts[k + 1] if k < last else len(masked)
        if origin > pos:
            parts.append(MASK * (origin - pos))
        elif origin < pos:  # a run that starts inside the previous one's copy: overwrite
            parts = ["".join(parts)[:origin]]
        parts.append(masked[start:end])
        pos = origin + (end - start)
    if pos < len(text):
        parts.append(MASK * (len(text) - pos))
    return "".join(parts)[: len(text)]


def _segment_mentions(index: int, seg: Segment, tables: _KbTables) -> list[Mention]:
    """The names of one segment, placed in the source file."""
    if not _may_hold(seg.text, tables):
        return []
    found = _segment_names(seg.text, tables.kb)
    if not found:
        return []
    runs = seg.view.runs
    new = tuple.__new__  # a Mention without NamedTuple's __new__ frame (the fields in order)
    new_span = object.__new__
    if len(runs) == 1 and runs[0].view_end - runs[0].view_start == runs[0].src_end - runs[0].src_start:
        base = runs[0].src_start - runs[0].view_start  # the view is a plain slice of the source
        out: list[Mention] = []
        for surface, key, a, b, shape, quoted, first, known in found:
            # the Span without its __init__ and __post_init__ frames (a third of a mention's cost):
            # 0 <= a <= b within the segment, so the offsets are a valid span of the source
            span = new_span(Span)
            span.start = base + a
            span.end = base + b
            out.append(new(Mention, (surface, key, span, index, a, b, shape, quoted, first, known)))
        return out
    place = seg.to_source
    return [
        new(Mention, (surface, key, place(a, b), index, a, b, shape, quoted, first, known))
        for surface, key, a, b, shape, quoted, first, known in found
    ]


@lru_cache(maxsize=4)
def _name_chars(kb: KnowledgeBase | None) -> re.Pattern[str]:
    """The characters of a segment's text without which `_find_names` finds no Latin name, no
    lowercase KB name and no quote: ASCII letters and digits, the lowercase KB names' first
    characters, the quote openers, and every character the reader view folds (a full-width
    letter becomes ASCII, a compatibility ideograph a CJK character). One character class,
    searched in C (a set test would build a string per CJK character)."""
    starts = set(string.ascii_letters + string.digits + "「『“《")
    lower = _lower_pattern(kb)
    if lower is not None:
        starts.update(n[0] for n, _ in lower.patterns)
    starts.update(chr(cp) for cp in _folds())
    # the same class every run (for the same KB): kept between runs like the lazy patterns
    return programs().compile("[" + "".join(re.escape(c) for c in sorted(starts)) + "]")


def _may_hold_names(text: str, kb: KnowledgeBase | None) -> bool:
    """False when `_find_names` surely finds nothing in `text` (a tenth of the real corpus's
    segments: CJK prose without Latin or quotes), before its view is masked. Without a folded
    character the masked view holds the text's own characters where it holds any (markup and
    URLs become MASK, nothing moves), so a KB CJK name in the view stands in the text too."""
    return _may_hold(text, _tables(kb))


def _may_hold(text: str, tables: _KbTables) -> bool:
    if tables.name_chars.search(text) is not None:
        return True
    cjk = tables.cjk_pattern()
    return cjk is not None and cjk.search(text) is not None


class _KbTables:
    """What the extractor reads of one KB (or of none), fetched once per document: looked up
    per segment, each of these tables cost an lru_cache call (a tuple built and hashed), seven
    per segment of the corpus."""

    def __init__(self, kb: KnowledgeBase | None) -> None:
        self.kb = kb
        self.known: frozenset[str] = _known_keys(kb) if kb is not None else frozenset()
        self.lower = _lower_pattern(kb)
        self.gate: ahocorasick_rs.AhoCorasick = _NO_KB_GATE if self.lower is None else self.lower.gate
        self.parts = _parts_cache(kb)
        self.name_chars = _name_chars(kb)
        self.cjk = _cjk_finder(kb)
        self._cjk_pattern: re.Pattern[str] | None = None
        self._cjk_asked = False

    def cjk_pattern(self) -> re.Pattern[str] | None:
        """`_cjk_of(kb)`, asked only when a segment holds no Latin (a draft seldom has one: the
        pattern of every CJK name of the KB is not loaded for it)."""
        if not self._cjk_asked:
            self._cjk_pattern = _cjk_of(self.kb)
            self._cjk_asked = True
        return self._cjk_pattern


@lru_cache(maxsize=4)
def _tables(kb: KnowledgeBase | None) -> _KbTables:
    return _KbTables(kb)


# (surface, key, start, end, shape, quoted, sentence_start, in_kb): a Mention before it is placed
_Found = tuple[str, str, int, int, str, bool, bool, bool]


@lru_cache(maxsize=2048)
def _segment_names(text: str, kb: KnowledgeBase | None) -> tuple[_Found, ...]:
    """The names of a segment's text, by text: a quarter of a corpus's segments repeat one
    read before (headings, boilerplate lines, digests that restate an item), and their names
    are the same wherever they stand. Most repeats are near (one publisher's consecutive
    digests): 2,048 texts keep the speed of 16,384 (34.9 s either way on corpus/real) and hold
    8 MB less at the peak (482 vs 490 MB)."""
    return tuple(_find_names(text, _tables(kb)))


@lru_cache(maxsize=4)
def _cjk_finder(kb: KnowledgeBase | None) -> ahocorasick_rs.AhoCorasick | None:
    """The KB's CJK names as `_cjk_pattern` finds them: leftmost, then longest, not overlapping
    (the pattern tries the longest name first at each position), found in one pass in Rust
    (a third of the regex's CPU, and no test for Han characters first). Offsets in code points."""
    names = _cjk_names(kb) if kb is not None else ()
    if not names:
        return None
    return ahocorasick_rs.AhoCorasick(list(names), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)


@lru_cache(maxsize=4)
def _cjk_of(kb: KnowledgeBase | None) -> re.Pattern[str] | None:
    """The pattern of the KB's CJK names (cached by KB: hashing a compiled pattern is slow)."""
    return _cjk_pattern(_cjk_names(kb)) if kb is not None else None


def _find_names(text: str, tables: _KbTables) -> list[_Found]:
    """The names of a segment's text, read on `masked_segment` (URLs, code, handles, e-mails
    and markup masked), in segment offsets."""
    masked = masked_segment(text)
    quotes = _quotes(masked)
    kb, known, cjk = tables.kb, tables.known, tables.cjk
    key_of = name_key
    # a list, not a generator, and the mention built inline (`_found` for the rarer kinds):
    # this loop runs for every name of the corpus (and no local alias of `out.append`:
    # compiled, that is a call through Python where the method is a direct list append)
    out: list[_Found] = []
    taken: list[tuple[int, int]] = []
    lower = tables.lower
    # one pass of an automaton says "no variant word, no lowercase KB name" for most texts
    gated = tables.gate.find_matches_as_indexes(masked)
    # the lowercase KB names found once: _tokens reads them too (each search reads every word)
    lowers = _lower_in(masked, lower) if gated else []
    if gated and (lowers or _VARIANT_ANY.search(masked) is not None):
        runs: Iterable[list[_Tok]] = _runs(masked, _tokens(masked, lower, lowers), known)
    else:  # most texts: the tokens are the regex's matches alone, read in one pass
        runs = _plain_runs(masked, known)
    parts_of = tables.parts
    for run in runs:
        # what a run splits into depends only on its words: a corpus repeats the same runs
        # (names) over and over, so the split and the shapes are looked up by the words
        if len(run) == 1:  # most runs: one token, whose parts its class tells
            # (a lone number is no name, _trim_bounds drops it: a sixth of all runs)
            parts = _CLASS_PARTS.get(run[0].cls)
            if parts is None:
                parts = _one_token_parts(run[0], kb)
        else:
            words = tuple((t.text, t.cls) for t in run)
            kept = parts_of.get(words)
            if kept is None:
                kept = _run_parts(run, kb)
                if len(run) <= _PARTS_LONGEST and len(parts_of) < _PARTS_KEPT:
                    parts_of[words] = kept
            parts = kept
        for lo, hi, shape in parts:
            a, b = run[lo].start, run[hi].end
            # starts_sentence's own first test, inline: most names follow a letter or CJK, or
            # one space after a letter or a comma ("use Claude"), which no opener ends in
            before = masked[a - 1] if a else " "
            starts = (
                (before.isspace() or before in _SENTENCE_STOPS)
                and not (before == " " and a >= 2 and _after_word(masked[a - 2]))
                and starts_sentence(masked, a)
            )
            if quotes:
                taken.append((a, b))  # (only quotes ask what is taken)
                out.append(_found(text, a, b, shape, starts, known, quotes))
                continue
            surface = text[a:b]
            key = key_of(surface)
            in_kb = key in known  # (kb.knows_key, without a method call per mention)
            out.append((surface, key, a, b, "kb" if in_kb and shape != "lower" else shape, False, starts, in_kb))
    if cjk is not None:
        for _name, a, b in cjk.find_matches_as_indexes(masked):
            out.append(_found(text, a, b, "cjk", False, known, quotes))
            taken.append((a, b))
    for q in quotes:
        if not q.is_name or not has_han(masked[q.start : q.end]):
            continue
        content = masked[q.start : q.end].strip()
        if not content or MASK in content or any(a <= q.start and q.end <= b for a, b in taken):
            continue
        a = q.start + masked[q.start : q.end].index(content)
        out.append(_found(text, a, a + len(content), "bracketed", False, known, quotes))
    return out


def _found(
    text: str, a: int, b: int, shape: str, sentence_start: bool, known: frozenset[str], quotes: list[_Quote]
) -> _Found:
    """The mention text[a:b] before it is placed: its key, whether the KB knows it and whether
    a quoted sentence holds it."""
    surface = text[a:b]
    key = name_key(surface)
    in_kb = key in known  # (kb.knows_key, without a method call per mention)
    quoted = False
    for q in quotes:
        if q.start <= a and b <= q.end:
            quoted = not q.is_name
            break
    return (
        surface,
        key,
        a,
        b,
        "kb" if in_kb and shape not in ("cjk", "lower") else shape,
        quoted,
        sentence_start,
        in_kb,
    )


# what ends the text before a sentence's first word when it is no space (starts_sentence's
# _OPENER_LAST): asked inline, before the call
_SENTENCE_STOPS: Final = frozenset(".!?。！？:：;；")
_COMMAS: Final = frozenset(",，、")


def _after_word(c: str) -> bool:
    """Whether a name after `c` and one space starts no sentence: starts_sentence's openers
    (a stop, a colon, a line start, a list or quote marker, a numbered item's "1." or "2)",
    whitespace only) all end in a stop, a marker or whitespace before the space, never in a
    letter (any script) or a comma; `c` stands inside the six characters it reads."""
    return c.isalpha() or c in _COMMAS


_PARTS_LONGEST: Final = 12  # runs longer than this (bad input: a line of Title Case words) are not kept
_PARTS_KEPT: Final = 65536  # distinct runs kept per KB (a corpus run holds about 40,000)


@lru_cache(maxsize=4)
def _parts_cache(kb: KnowledgeBase | None) -> dict[tuple[Any, ...], tuple[tuple[int, int, str], ...]]:
    """The names a run of words holds, by the run's (text, class) pairs (see `_run_parts`)."""
    return {}


def _run_parts(run: list[_Tok], kb: KnowledgeBase | None) -> tuple[tuple[int, int, str], ...]:
    """The names in a run: (first token, last token, shape), indices into `run`."""
    out: list[tuple[int, int, str]] = []
    for lo, hi in _split_run(run, *_trim_bounds(run, 0, len(run)), kb):
        shape = _run_shape(run[lo:hi], kb)
        if shape is not None:
            out.append((lo, hi - 1, shape))
    return tuple(out)


_NAME_CLASSES: Final = frozenset({"title", "acronym", "camel", "hyphenated"})
_NO_PARTS: Final[tuple[tuple[int, int, str], ...]] = ()
# `_one_token_parts` of the classes whose answer is the class alone, by a dict look-up instead
# of a call per run (a lone number: no name; a name class: one name of that shape)
_CLASS_PARTS: Final[dict[str, tuple[tuple[int, int, str], ...]]] = {
    **{cls: ((0, 0, cls),) for cls in _NAME_CLASSES},
    **dict.fromkeys(("version", "year", "unit"), _NO_PARTS),
}


def _one_token_parts(tok: _Tok, kb: KnowledgeBase | None) -> tuple[tuple[int, int, str], ...]:
    """`_run_parts` of a run of one token whose class `_CLASS_PARTS` does not answer, without
    the trim, split and shape steps for a versioned id (one name, or none when unit-like): no
    look-up keyed by the token, so a file of thousands of distinct names fills no cache."""
    if tok.cls == "versioned":
        return _NO_PARTS if _unit_like(tok.text) else ((0, 0, "versioned"),)
    return _run_parts([tok], kb)


def _split_run(run: list[_Tok], lo: int, hi: int, kb: KnowledgeBase | None) -> list[tuple[int, int]]:
    """Split run[lo:hi] at a leading maker ("NVIDIA H100" -> NVIDIA | H100) unless it is a KB
    name; the parts as bounds into `run`, none empty.

    A loop, not recursion, and only the KB's longest name length of words is looked up at
    either end: a line of thousands of Title Case words must stay linear (bad input).
    """
    if hi - lo < 2:  # most runs: one token, nothing to split
        return [(lo, hi)] if hi > lo else []
    longest = _longest_name(kb)
    out: list[tuple[int, int]] = []
    tails: list[tuple[int, int]] = []  # split off the end, in reverse order
    # the run left is run[lo:hi]: bounds, not slices, or each split copies the rest (quadratic)
    while hi > lo:
        n = hi - lo
        if n < 2 or (kb is not None and n <= longest and name_key(_joined(run[lo:hi])) in _known_keys(kb)):
            out.append((lo, hi))
            break
        # "AI" is a word of the sentence, not of the name: "AI GLM-5", "Instinct MI450 AI"
        if run[lo].text == "AI":
            lo, hi = _trim_bounds(run, lo + 1, hi)
            continue
        if run[hi - 1].text == "AI":
            hi -= 1
            continue
        if kb is None:
            out.append((lo, hi))
            break
        heads = _prefixes(run, lo, min(n - 1, longest))
        head = next((k for k in range(len(heads), 0, -1) if _is_maker(heads[k - 1], kb)), 0)
        if head:
            out.append((lo, lo + head))
            lo, hi = _trim_bounds(run, lo + head, hi)
            continue
        # a trailing person or company: "OpenAI CEO Sam Altman" -> "OpenAI CEO" | "Sam Altman"
        tail = next((k for k in range(max(1, n - longest), n - 1) if _is_maker(_joined(run[lo + k : hi]), kb)), 0)
        if tail:
            tails.append((lo + tail, hi))
            hi = lo + tail
            continue
        out.append((lo, hi))
        break
    return out + tails[::-1]


def _joined(run: list[_Tok]) -> str:
    return " ".join(t.text for t in run)


def _prefixes(run: list[_Tok], lo: int, count: int) -> list[str]:
    """`_joined(run[lo : lo + k])` for k = 1..count, each built from the one before (not
    `count` joins of up to `count` words per step of a long run)."""
    out: list[str] = []
    text = ""
    for tok in run[lo : lo + count]:
        text = f"{text} {tok.text}" if out else tok.text
        out.append(text)
    return out


def _is_maker(text: str, kb: KnowledgeBase) -> bool:
    """Whether the KB's entry for `text` (`kb.lookup`) is a company or a person: one key look-up
    in a set, not an interpreted method call per prefix and suffix of a run."""
    return name_key(text) in _maker_keys(kb)


@lru_cache(maxsize=4)
def _maker_keys(kb: KnowledgeBase) -> frozenset[str]:
    """The keys whose `kb.lookup` entry is a company or a person. Every key the KB knows is the
    key of one of its names (names and aliases are indexed by their keys), and a name's look-up
    is its key's: so a text is a maker exactly when its key is here."""
    out: set[str] = set()
    for name, _ in kb.all_names():
        entry = kb.lookup(name)
        if entry is not None and entry.kind in ("company", "person"):
            out.add(name_key(name))
    return frozenset(out)


@lru_cache(maxsize=4)
def _longest_name(kb: KnowledgeBase | None) -> int:
    """Words in the KB's longest name (a run longer than that is no KB name)."""
    if kb is None:
        return 0
    return max((len(name.split()) for name, _ in kb.all_names()), default=1)


def _run_shape(run: list[_Tok], kb: KnowledgeBase | None) -> str | None:
    """The shape of a run, or None when it is no name (a lone lowercase word, a number)."""
    best = run[0] if len(run) == 1 else max(run, key=lambda t: _STRENGTH.get(t.cls, 0))
    if best.cls in ("title", "acronym", "camel", "hyphenated") and any(t.cls == "version" for t in run):
        return "versioned"  # "Gemini Ultra 2.0", "RTX 5090", "Snapdragon 8 Gen 3"
    if best.cls in ("version", "word", "year", "unit"):
        # lowercase words are names only when the KB knows them (cursor, vllm, ollama)
        text = " ".join(t.text for t in run)
        if kb is not None and best.cls == "word" and name_key(text) in _known_keys(kb) and len(text) >= 4:
            return "lower"
        return None
    if best.cls == "versioned" and len(run) == 1 and _unit_like(run[0].text):
        return None
    return best.cls


_SHORT_UNIT = lazy_compile(r"\d+[a-z]{1,2}|[a-z]{1,2}\d+")


def _unit_like(text: str) -> bool:
    """A figure with a unit (5x, 10k, 3d), not a name; lowercase ids with digits are names
    (o3-mini, gpt-oss-120b)."""
    return not text[:1].isalpha() and _SHORT_UNIT.fullmatch(text) is not None
