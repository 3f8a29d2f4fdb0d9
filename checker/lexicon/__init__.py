"""Cue and measure word lists, kept as data (checker/lexicon/data/*.toml), compiled once.

A lexicon file holds named lists. Each list is written once, in either script: the loader adds
the other script's spelling with OpenCC (s2t, s2tw, s2hk and back), so 预计 also matches 預計.
Entries that need context are tables: `{ word = "会在", not-after = "大年" }` matches 会在 except
right after one of the listed characters (a plain character class, no regex); `not-before`
likewise looks ahead. Words with Latin letters match as whole words, case-insensitively.

    from checker.lexicon import cue_pattern, words
    words("mood", "plan")                      # every spelling, folded: frozenset[str]
    cue_pattern("mood", "plan", "rumour")      # one compiled alternation, longest first
    alternation("mood", "plan")                # the same as a regex source, to embed

Hand-written rather than a library: no package compiles script-folded cue lists into one
alternation with these guards; OpenCC does the folding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from checker.lexicon import built
from checker.text.lazy_regex import LazyPattern, lazy_compile
from checker.text.regex_cache import programs
from checker.text.script import has_han, is_han

_CONFIGS = ("s2t.json", "s2tw.json", "s2hk.json", "t2s.json", "tw2s.json", "hk2s.json")
_LATIN = lazy_compile(r"[A-Za-z]")


class LexiconError(Exception):
    """A lexicon file or list that does not exist or is malformed (a bug in checker's data)."""


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(slots=True, unsafe_hash=True)
class Entry:
    """A cue word and the text that must not come right after or before it."""

    word: str
    not_after: str = ""
    not_before: str = ""

    def source(self) -> str:
        core = re.escape(self.word)
        if _LATIN.search(self.word):
            # whole words only: "will" is not in "William"; a leading/trailing non-letter keeps its own edge
            if _LATIN.match(self.word[0]):
                core = r"(?<![A-Za-z])" + core
            if _LATIN.match(self.word[-1]):
                core += r"(?![A-Za-z])"
        if self.not_after:
            core = f"(?<![{_charclass(self.not_after)}])" + core
        if self.not_before:
            core += f"(?![{_charclass(self.not_before)}])"
        return core

    def fast_source(self) -> str:
        """`source()` with its look-behind guards moved past the first character, which they
        then check together with it (`(?<![X])会在` is `会(?<![X]会)在`): the same matches, but
        the branch starts with a literal, which lets the regex engine skip positions in C."""
        if not self.word:
            return self.source()
        first = re.escape(self.word[0])
        guards: list[str] = []
        if self.not_after:
            guards.append(f"[{_charclass(self.not_after)}]")
        if _LATIN.search(self.word) and _LATIN.match(self.word[0]):
            guards.append("[A-Za-z]")
        core = first + "".join(f"(?<!{g}{first})" for g in guards) + re.escape(self.word[1:])
        if _LATIN.search(self.word) and _LATIN.match(self.word[-1]):
            core += r"(?![A-Za-z])"
        if self.not_before:
            core += f"(?![{_charclass(self.not_before)}])"
        return core


def _stored(kind: str, build: Callable[..., str], name: str, *keys: str) -> str:
    """`build(name, *keys)`, read from the store of built lists when known (built.py)."""
    k = built.key(kind, name, *keys)
    got = built.stored_text(k)
    if got is None:
        got = build(name, *keys)
        built.keep(k, got)
    return got


def _charclass(chars: str) -> str:
    return "".join("\\" + c if c in "\\]^-[" else c for c in chars)


@lru_cache(maxsize=1)
def _converters() -> tuple[object, ...]:
    import opencc  # lazily: a run that reads no cue never pays for OpenCC's dictionaries

    return tuple(opencc.OpenCC(cfg) for cfg in _CONFIGS)


def _spellings(word: str) -> set[str]:
    if not has_han(word):
        return {word}
    from checker.lexicon.folded import spellings  # kept between runs: OpenCC loads only for new words

    return spellings(word, _converted)


def _converted(word: str) -> set[str]:
    out = {word}
    for conv in _converters():
        out.add(conv.convert(word))  # type: ignore[attr-defined]
    return out


@cache
def _file(name: str) -> dict[str, object]:
    try:
        raw = resources.files("checker.lexicon").joinpath(f"data/{name}.toml").read_text(encoding="utf-8")
    except FileNotFoundError as e:
        raise LexiconError(f"no lexicon file {name}.toml") from e
    import tomllib  # here: a run with the built lists stored reads no TOML

    return tomllib.loads(raw)


def _written(name: str, key: str) -> list[Entry]:
    """The entries of one list as written (no folding)."""
    table = _file(name).get(key)
    if not isinstance(table, dict) or not isinstance(table.get("words"), list):
        raise LexiconError(f"lexicon {name}.toml has no list [{key}] with words = [...]")
    out: list[Entry] = []
    for raw in table["words"]:
        if isinstance(raw, str):
            out.append(Entry(raw))
        elif isinstance(raw, dict) and isinstance(raw.get("word"), str):
            out.append(Entry(raw["word"], str(raw.get("not-after", "")), str(raw.get("not-before", ""))))
        else:
            raise LexiconError(f"lexicon {name}.toml [{key}]: bad entry {raw!r}")
    return out


@cache
def entries(name: str, key: str) -> tuple[Entry, ...]:
    """The entries of one list, each spelling folded in, longest first (a regex alternation
    tries branches in order, so 即将 must come before 将). Kept between runs (built.py)."""
    k = built.key("entries", name, key)
    rows = built.stored_rows(k)
    if rows is not None:
        return tuple(Entry(*row) for row in rows)
    got = _entries(name, key)
    built.keep(k, [[e.word, e.not_after, e.not_before] for e in got])
    return got


def _entries(name: str, key: str) -> tuple[Entry, ...]:
    out: dict[tuple[str, str, str], Entry] = {}
    for base in _written(name, key):
        for spelling in _spellings(base.word):
            guards = (
                "".join(sorted(set().union(*(_spellings(c) for c in base.not_after)))),
                "".join(sorted(set().union(*(_spellings(c) for c in base.not_before)))),
            )
            out[(spelling, *guards)] = Entry(spelling, *guards)
    return tuple(sorted(out.values(), key=lambda e: (-len(e.word), e.word)))


def lists(name: str) -> list[str]:
    """The names of the lists in one lexicon file."""
    return [k for k, v in _file(name).items() if isinstance(v, dict)]


def words(name: str, *keys: str) -> frozenset[str]:
    """Every spelling of the words of the given lists (guards ignored)."""
    return frozenset(e.word for key in keys for e in entries(name, key))


@cache
def alternation(name: str, *keys: str) -> str:
    """A regex source matching any word of the given lists, longest first, as a group."""
    return _stored("alternation", _alternation, name, *keys)


def _alternation(name: str, *keys: str) -> str:
    sources: dict[str, int] = {}
    fast: dict[str, str] = {}
    for key in keys:
        for e in entries(name, key):
            sources.setdefault(e.source(), len(e.word))
            fast.setdefault(e.source(), e.fast_source())
    return _join(sources, {e.word[:1] for key in keys for e in entries(name, key)}, fast)


# Characters from the CJK radicals on (ideographs, kana, fullwidth forms): OpenCC maps a word
# with one of them to spellings that have one too.
CJK_FROM = "\u2e80"


@cache
def latin_alternation(name: str, *keys: str) -> str:
    """`alternation` restricted to the words with no character from CJK_FROM on, without
    OpenCC: on a text that has no such character it matches exactly what `alternation`
    matches (the other words cannot occur; guards on such characters never apply), and it
    costs neither OpenCC's dictionaries nor the compile time of the CJK words."""
    return _stored("latin_alternation", _latin_alternation, name, *keys)


def _latin_alternation(name: str, *keys: str) -> str:
    chosen = [e for key in keys for e in _written(name, key) if max(e.word, default="") < CJK_FROM]
    fast = {e.source(): e.fast_source() for e in chosen}
    return _join({e.source(): len(e.word) for e in chosen}, {e.word[:1] for e in chosen}, fast)


def _join(sources: dict[str, int], firsts: set[str] | None = None, emit: dict[str, str] | None = None) -> str:
    """An alternation of regex sources, longest word first (ties by source, for stable output).

    With `firsts` (the first character of every word) the alternation is led by a lookahead
    for them: at a position no word starts at, the engine then makes one class test instead of
    trying every branch (Python's re builds no such prefix for branches that begin with a
    guard or a group). Measured: the process-talk pivot 6x faster on the corpus's lines.

    `emit` gives the source to write for a source (Entry.fast_source: the same matches; the
    order stays that of the original sources). When every written branch starts with a literal
    that has no case, the lookahead is left out: the engine's own test of each branch's first
    literal (and, for a pattern that is just this alternation, its prefix scan in C) is faster
    than the lookahead (measured: a list of Chinese words 3.5x faster alone)."""
    ordered = sorted(sources, key=lambda s: (-sources[s], s))
    if not ordered:
        return "(?!)"
    written = [emit.get(s, s) for s in ordered] if emit else ordered
    body = "(?:" + "|".join(_by_first(written)) + ")"
    if not firsts or "" in firsts:
        return body
    if emit and all(_literal_first(w) for w in written) and all(c.lower() == c.upper() for c in firsts):
        return body
    return f"(?:(?=[{_charclass(''.join(sorted(firsts)))}]){body})"


def _by_first(written: list[str]) -> list[str]:
    """The branches grouped by their first literal, `e(?:xpected|stimate)` for `expected|estimate`:
    Python's re tries every branch of an alternation in turn (no dispatch on the first
    character, least of all with IGNORECASE), so a position where many words share a first
    letter cost one failed test per branch (9 us at an "e" in the forecast words); grouped, it
    costs one per group. The same matches: branches with different first literals cannot match
    at one position, and the order within a group is kept. Left as written when a branch does
    not start with a literal, or when two first literals are one letter in two cases (under
    IGNORECASE their groups could both match at one position: their order would matter)."""
    heads = [_first_token(w) for w in written]
    if len(written) < 2 or any(h is None for h in heads) or any(_has_bar(w) for w in written):
        return written  # a branch with a bar of its own (`a|b`) could be split by the grouping
    groups: dict[str, list[str]] = {}
    for w, h in zip(written, heads, strict=True):
        assert h is not None
        groups.setdefault(h, []).append(w[len(h) :])
    if len(groups) == len(written):
        return written
    firsts = [re.sub(r"\\(.)", r"\1", h) for h in groups]
    folded = {c.casefold() for c in firsts}
    if len(folded) < len(firsts) or any(
        re.fullmatch(re.escape(a), b, re.IGNORECASE) for a in firsts for b in firsts if a != b and not a.isascii()
    ):
        return written
    return [h + ("(?:" + "|".join(rest) + ")" if len(rest) > 1 else rest[0]) for h, rest in groups.items()]


def _has_bar(source: str) -> bool:
    return "|" in source.replace("\\\\", "").replace("\\|", "")


def _first_token(source: str) -> str | None:
    """The first literal of a branch's source (one character, or an escaped one), or None."""
    if not _literal_first(source):
        return None
    token = source[:2] if source[0] == "\\" else source[:1]
    # a quantified first literal (`s?foo`) is not a prefix of the branch
    return None if source[len(token) : len(token) + 1] in ("*", "+", "?", "{") else token


def _literal_first(source: str) -> bool:
    """Whether a branch's source starts with one literal character (plain or escaped)."""
    if not source or source[0] in "([.^$*+?{|)":
        return False
    return source[0] != "\\" or (len(source) > 1 and not source[1].isalnum())


def _word_char(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c == "_")


@cache
def plain_alternation(name: str, *keys: str, start: bool = False, end: bool = False, script: str = "") -> str:
    """An alternation of the lists' folded words with only the edges asked for: `start`/`end`
    put `\\b` on the edges of words that begin/end with a Latin letter or digit (patterns
    written with their own edges, like `tokens?\\b`, need no more); `script` ("han" or "latin")
    keeps only the words that start with a Chinese character, or the others. Kept between runs
    (built.py)."""
    k = built.key("plain_alternation", name, *keys, int(start), int(end), script)
    got = built.stored_text(k)
    if got is None:
        got = _plain_alternation(name, *keys, start=start, end=end, script=script)
        built.keep(k, got)
    return got


def _plain_alternation(name: str, *keys: str, start: bool, end: bool, script: str) -> str:
    sources: dict[str, int] = {}
    firsts: set[str] = set()
    for key in keys:
        for e in entries(name, key):
            if script and (is_han(e.word[0]) != (script == "han")):
                continue
            src = re.escape(e.word)
            if start and _word_char(e.word[0]):
                src = r"\b" + src
            if end and _word_char(e.word[-1]):
                src += r"\b"
            if e.not_after:
                src = f"(?<![{_charclass(e.not_after)}])" + src
            if e.not_before:
                src += f"(?![{_charclass(e.not_before)}])"
            sources.setdefault(src, len(e.word))
            firsts.add(e.word[:1])
    # written as they are: `_join` then leaves out the lookahead of a list of uncased literals
    return _join(sources, firsts, {s: s for s in sources})


_CJK_ON = lazy_compile(f"[{CJK_FROM}-\U0010ffff]")


def has_cjk(text: str) -> bool:
    """Whether `text` has a character from CJK_FROM on (then `latin_alternation` will not do).
    A regex search, in C, stops at the first such character (max() read every character)."""
    # an ASCII text (most English lines) is answered without a scan: str.isascii() reads a flag
    return not text.isascii() and _CJK_ON.search(text) is not None


@cache
def cue_pattern(name: str, *keys: str) -> re.Pattern[str]:
    """One compiled alternation of the given lists (case-insensitive for Latin words), built and
    compiled on its first use (a module declares it at import; a short draft may never ask)."""
    return lazy_compile(lambda: alternation(name, *keys), re.IGNORECASE, depth=2)


class Lazy(LazyPattern):
    """A regex compiled on its first use from a source built by `build`: a module can declare
    its lexicon patterns at import without loading OpenCC or compiling anything then. After the
    first use its methods are the compiled pattern's own (no Python frame per search). The name
    stays a `Lazy` (no global swap as `lazy_compile` does): callers may ask for `.compiled`."""

    __slots__ = ()

    def __init__(self, build: Callable[[], str], flags: int = 0) -> None:
        super().__init__(build, flags)


def substring_gate(words: Iterable[str]) -> re.Pattern[str]:
    """One compiled search for any of `words` as plain substrings: the cheap test a costly
    pattern runs behind (`any(w in text for w in words)` costs a Python step per word)."""
    source = "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))
    return programs().compile(source)  # kept between runs like the lazy patterns (regex_cache.py)
