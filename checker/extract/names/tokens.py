"""Latin-script name tokens of a masked segment view and their runs (checker.extract.names.extract
reads names from them): the token classes, the lowercase variant words that continue a name
("o4 mini"), the KB names written in lowercase ("vllm") and the maximal runs of tokens joined by
single spaces."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final, NamedTuple

import ahocorasick_rs

from checker.extract.names.keys import name_key
from checker.lexicon import alternation
from checker.text.lazy_regex import lazy_compile

# A token starts at a letter or digit that no other token character precedes; all-lowercase
# words are skipped inside the regex (English prose is mostly them, and the gap they leave
# breaks a run anyway); the lowercase words that matter are found by _lower_pattern.
_TOKEN = lazy_compile(
    # the first character is matched before the look-arounds, so the engine skips to the
    # next letter or digit in C instead of trying them at every position (a quarter faster)
    r"[A-Za-z0-9](?<![A-Za-z0-9+#].)(?!(?<=[a-z])[a-z]*(?![A-Za-z0-9+#]|[.\-_][A-Za-z0-9]))"
    r"(?:[A-Za-z0-9+#]|[.\-_](?=[A-Za-z0-9]))*"
)
# one space joins the tokens of a name: the gaps r"^[ \u00a0]$" matches (its $ also matches
# before a final newline), as a set: a set test per token, not a regex
_RUN_GAPS: Final = frozenset({" ", "\u00a0", " \n", "\u00a0\n"})
_DIGIT = lazy_compile(r"\d")
_LETTER = lazy_compile(r"[A-Za-z]")
_CAMEL = lazy_compile(r"[a-z][A-Z]|[A-Z]{2,}[a-z]{2,}")
_ABBREV = lazy_compile(r"^(?:[A-Za-z]\.)+[A-Za-z]?$")

# Lower-case words that continue a name ("o4 mini", "gpt-4o mini", "Llama 3 instruct").
_VARIANT_WORDS: Final = frozenset(
    "mini nano pro max turbo preview instruct chat base flash lite plus ultra exp thinking".split()  # noqa: SIM905
)
# Capitalised words that start sentences or headings but never start a name.
_STOP: Final = frozenset(
    """
    a an the this that these those it its in on at for with from by of to into onto and or nor but as if
    when while after before since until about over under between through during via per than then so
    not no yes all any some each every both either neither more most less least many much few new
    our we us you your they their them he his she her i me my is are was were be been being am do does
    did done has have had can could will would shall should may might must here there where what which
    who whom whose why how today yesterday tomorrow now just also even still only very too again
    today's here's what's it's let's there's that's
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    monday tuesday wednesday thursday friday saturday sunday
    """.split()  # noqa: SIM905 - a word list reads better as text
)
# quantities, not versions: "144MB", "3k", "40%", "5x" (they may continue a name: "Mixtral 8x7B")
_UNIT = lazy_compile(rf"^\d+(?:\.\d+)?{alternation('names', 'unit')}$")
# Generic nouns that follow a name without being part of it: "H300 GPU", "GPT-5.1 API".
_TAIL_NOUNS: Final = frozenset(
    {
        "GPU",
        "GPUs",
        "CPU",
        "CPUs",
        "NPU",
        "API",
        "APIs",
        "SDK",
        "SoC",
        "Chip",
        "Chips",
        "Model",
        "Models",
        "Version",
        "Series",
        "Edition",
        "App",
        "Beta",
        "Update",
        "Upgrade",
        "Release",
        "Platform",
        "Framework",
        "Project",
        "Video",
        "Image",
        "Solution",
    }
)
_YEAR = lazy_compile(r"^(?:19|20)\d\d$")


# module constants are Final: the compiled loops read them as C statics, not from the module's
# dict (a look-up per token each)
_CLASSES: Final[dict[str, str]] = {}  # token -> class, for the first _CLASSES_KEPT distinct tokens
_CLASSES_KEPT: Final = 131072


def _token_class(tok: str) -> str:
    """How name-like one token is (see SHAPES), or 'version'/'word'/'stop'. Kept in a plain dict
    rather than an lru_cache: a direct call and one dict look-up per token of the corpus."""
    cls = _CLASSES.get(tok)
    if cls is None:
        cls = _classify(tok)
        if len(_CLASSES) < _CLASSES_KEPT:  # (bounded: a file of a million distinct tokens)
            _CLASSES[tok] = cls
    return cls


def _classify(tok: str) -> str:
    low = tok.lower()
    has_digit = bool(_DIGIT.search(tok))
    has_letter = bool(_LETTER.search(tok))
    if not has_letter:
        return "year" if _YEAR.match(tok) else "version"
    if _UNIT.match(tok):
        return "unit"
    if _ABBREV.match(tok):
        return "stop"
    if has_digit:
        return "versioned"
    if low in _STOP:
        return "stop"
    if "-" in tok.strip("-") and any(p[:1].isupper() for p in tok.split("-") if p):
        return "hyphenated"
    if _CAMEL.search(tok):
        return "camel"
    if tok.isupper() and len(tok) >= 2:
        return "acronym"
    if tok[:1].isupper():
        return "title"
    return "word"


_STRENGTH: Final = {
    "versioned": 4,
    "camel": 3,
    "hyphenated": 3,
    "acronym": 2,
    "title": 1,
    "word": 0,
    "version": 0,
    "year": 0,
    "unit": 0,
}


class _Tok:
    """One token of a masked view: its text, offsets and class. A plain class rather than a
    NamedTuple: compiled, it is one allocation with its offsets stored unboxed and its fields
    read directly (a NamedTuple built per token cost two int objects and two tuples, and each
    field read a look-up); one is made per token of the corpus."""

    text: str
    start: int
    end: int
    cls: str

    def __init__(self, text: str, start: int, end: int, cls: str) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.cls = cls

    def _fields(self) -> tuple[str, int, int, str]:
        return (self.text, self.start, self.end, self.cls)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Tok) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"_Tok{self._fields()!r}"


_AFTER_NO_VERSION: Final = frozenset({"%", "％", "'", "’"})


def _tokens(
    masked: str, lower: LowerNames | None = None, lowers: list[tuple[str, re.Pattern[str]]] | None = None
) -> list[_Tok]:
    """Name tokens of a view, in order: name-like tokens, the lowercase variant words that
    continue them ("o4 mini"), and the KB names written in lowercase ("vllm", "cursor");
    `lowers`: `_lower_in(masked, lower)` when the caller has it."""
    out: list[_Tok] = []
    # (no local aliases of functions or methods: compiled, those are calls through Python)
    for m in _TOKEN.finditer(masked):
        start, end = m.span()  # (one span() call: cheaper than group(), start() and end())
        word = masked[start:end]
        cls = _token_class(word)
        if cls == "version" and masked[end : end + 1] in _AFTER_NO_VERSION:
            cls = "stop"  # a percentage is no version ("Hopper-Eco 40%")
        out.append(_Tok(word, start, end, cls))
    if out and (variants := _variants_after(masked, out)):
        out = sorted([*out, *variants], key=_by_start)
    extra = [
        _Tok(m.group(0), m.start(), m.end(), "word")
        for name, pattern in (_lower_in(masked, lower) if lowers is None else lowers)
        for m in pattern.finditer(masked)
    ]
    if extra:
        seen = {t.start for t in out}
        out = sorted([*out, *(t for t in extra if t.start not in seen)], key=_by_start)
    return out


# a variant word after one space anywhere: most texts hold none, so one scan in C replaces a
# match after every token; a hit counts only where a token (or a variant word) ends
_VARIANT_ANY = lazy_compile(
    rf" (?:{'|'.join(sorted(_VARIANT_WORDS, key=lambda w: (-len(w), w)))})(?![A-Za-z0-9+#]|[.\-_][A-Za-z0-9])"
)


def _by_start(tok: _Tok) -> int:
    return tok.start


def _variants_after(masked: str, toks: list[_Tok]) -> list[_Tok]:
    """The variant words that continue a token: one space after a token's end, or after
    another such variant word ("o4 mini", "Gemini 2.5 flash lite")."""
    hits = list(_VARIANT_ANY.finditer(masked))
    if not hits:
        return []
    ends = {t.end for t in toks}
    out: list[_Tok] = []
    for m in hits:
        if m.start() in ends:
            end = m.end()
            out.append(_Tok(masked[m.start() + 1 : end], m.start() + 1, end, "word"))
            ends.add(end)
    return out


_ASCII_WORD = lazy_compile(r"[A-Za-z]+")


class LowerNames(NamedTuple):
    """The KB's names written in lowercase (vllm, cursor), each with its bounded pattern, in
    name order, and the ASCII ones as a set (built once per KB)."""

    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    ascii: frozenset[str]
    other: tuple[tuple[str, re.Pattern[str]], ...]  # not ASCII: found by a substring test
    # any of the names as a substring: most segments hold none, and one Aho-Corasick pass (in
    # Rust) says so faster than an alternation of literals in the regex engine (English prose
    # starts a branch at most letters); None without names
    anywhere: ahocorasick_rs.AhoCorasick | None
    # the same names and the variant words after a space (`variants_gate`): a text without any
    # is read by `_plain_runs` (most texts), with no regex pass for either
    gate: ahocorasick_rs.AhoCorasick


def variants_gate(names: list[str]) -> ahocorasick_rs.AhoCorasick:
    """An automaton that finds `names`, and each variant word after a space as `_VARIANT_ANY`
    would (without its bound after the word: a superset of its matches)."""
    return ahocorasick_rs.AhoCorasick(sorted({*names, *(" " + w for w in _VARIANT_WORDS)}))


def _lower_in(masked: str, lower: LowerNames | None) -> list[tuple[str, re.Pattern[str]]]:
    """The lowercase KB names that may occur in `masked`. A match of an ASCII name's pattern
    is bounded by non-letters on both sides, so it is a whole run of ASCII letters: one
    findall and one set intersection (both in C) replace a substring search per name."""
    if not lower or lower.anywhere is None or not lower.anywhere.find_matches_as_indexes(masked):
        return []
    found = lower.ascii.intersection(_ASCII_WORD.findall(masked)) if lower.ascii else frozenset()
    if lower.other:
        found = found.union(name for name, _ in lower.other if name in masked)
    if not found:
        return []
    return [(name, pattern) for name, pattern in lower.patterns if name in found]


def _runs(text: str, toks: list[_Tok], known: frozenset[str] = frozenset()) -> Iterator[list[_Tok]]:
    """Maximal runs of name tokens joined by single spaces.

    A plain lowercase word is a run of its own ("use Claude" is not one name); variant
    words ("mini", "pro") continue a run.
    """
    run: list[_Tok] = []
    for tok in toks:
        if tok.cls == "stop":
            if run:
                yield run
            run = []
            continue
        if tok.cls == "word" and tok.text.lower() not in _VARIANT_WORDS:
            if run:
                yield run
            if name_key(tok.text) in known:  # a lowercase KB name (cursor, vllm); other words are no names
                yield [tok]
            run = []
            continue
        # the gap first: most tokens stand apart (a lowercase word between), and the test of a
        # lowercase start is asked only of a token one space after the run
        if (
            run
            and tok.start - run[-1].end <= 2
            and text[run[-1].end : tok.start] in _RUN_GAPS
            and not (tok.text[:1].islower() and tok.cls != "word" and _SHORT_ID.match(tok.text) is None)
        ):
            run.append(tok)  # "image-to-3D" does not continue "TRELLIS.2"; "o3", "v2" may
            continue
        if run:
            yield run
        # a number starts no run: a name never starts with one (_trim_bounds drops it), so a
        # run it would start ("2025 Snapdragon 8") names what the run after it names
        run = [] if tok.cls in _NUMBERS else [tok]
    if run:
        yield run


_SHORT_ID = lazy_compile(r"^[a-z]{1,2}\d")
_NUMBERS: Final = frozenset({"version", "year", "unit"})  # the classes _trim_bounds drops first


def _plain_runs(masked: str, known: frozenset[str] = frozenset()) -> list[list[_Tok]]:
    """`list(_runs(masked, _tokens(masked)))` for a text where `_tokens` adds nothing to the
    regex's matches (no variant word after a space, no lowercase KB name: most texts), in one
    pass: no list of every token built first, and one class test per token (a loop per token of
    the corpus; the same runs, tested on both corpora). A list, not a generator: a compiled
    generator keeps its locals in an object, read and written back at every step."""
    out: list[list[_Tok]] = []
    run: list[_Tok] = []
    last = 0  # where the run's last token ends
    # (no local aliases of functions or methods: compiled, those are calls through Python)
    for m in _TOKEN.finditer(masked):
        start, end = m.span()
        word = masked[start:end]
        cls = _token_class(word)
        if cls == "stop" or (cls == "version" and masked[end : end + 1] in _AFTER_NO_VERSION):
            if run:  # (a percentage is no version: "Hopper-Eco 40%" ends the run as a stop word)
                out.append(run)
                run = []
            continue
        if cls == "word" and word.lower() not in _VARIANT_WORDS:
            if run:
                out.append(run)
                run = []
            if name_key(word) in known:  # a lowercase KB name (cursor, vllm); other words are no names
                out.append([_Tok(word, start, end, cls)])
            continue
        if (
            run
            # the gap's length first: a gap of text between two tokens is not copied to be tested
            and start - last <= 2
            and masked[last:start] in _RUN_GAPS
            and not (word[:1].islower() and cls != "word" and _SHORT_ID.match(word) is None)
        ):
            run.append(_Tok(word, start, end, cls))
        else:
            if run:
                out.append(run)
                run = []
            if cls in _NUMBERS:  # (as in _runs: a number starts no run; a sixth of all tokens)
                continue
            run = [_Tok(word, start, end, cls)]
        last = end
    if run:
        out.append(run)
    return out


def _trim_bounds(run: list[_Tok], lo: int, hi: int) -> tuple[int, int]:
    """run[lo:hi] without what a name does not start with (a bare number, a variant word) or
    end with, as bounds into run: no slice per dropped word (a line of thousands of version
    numbers stays linear)."""
    while hi > lo and (
        run[lo].cls in ("version", "year", "unit") or (run[lo].cls == "word" and run[lo].text.lower() in _VARIANT_WORDS)
    ):
        lo += 1
    while hi > lo and (run[hi - 1].cls == "unit" or (hi - lo > 1 and run[hi - 1].text in _TAIL_NOUNS)):
        hi -= 1
    # "开源搜索 Agent MiroThinker 1.5": the generic noun ends the phrase before the name
    if hi - lo > 1 and run[lo].text in _HEAD_NOUNS and run[lo + 1].cls == "camel":
        lo += 1
    # "FP8 Transformer Engine", "INT4 Llama 3": a number format describes the name after it
    while hi - lo > 1 and _NUMBER_FORMAT.fullmatch(run[lo].text):
        lo += 1
    return lo, hi


_NUMBER_FORMAT = lazy_compile(rf"{alternation('names', 'number-format')}\d{{1,2}}", re.IGNORECASE)


# generic nouns that end a Chinese or English phrase right before a CamelCase name
_HEAD_NOUNS: Final = frozenset({"Agent", "Agents", "Model", "Models", "Framework", "Platform", "Tool", "Tools", "App"})
