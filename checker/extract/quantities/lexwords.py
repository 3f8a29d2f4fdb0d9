"""quantities.toml's word lists as the extractor's patterns need them, compiled on first use.

The lexicon's `alternation` puts word boundaries around every Latin word; the quantity patterns
were written with their own edges (`tokens?\\b`, an unbounded `or` in a list of figures), so
`plain` builds an alternation of the folded spellings with only the edges asked for. `Lazy`
defers a pattern to its first use: reading the lexicon loads OpenCC, which an import must not.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from functools import cache, cached_property

from checker.lexicon import entries, words
from checker.text.script import is_han

_FILE = "quantities"


def _charclass(chars: str) -> str:
    return "".join("\\" + c if c in "\\]^-[" else c for c in chars)


def _word_char(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c == "_")


@cache
def plain(*lists: str, start: bool = False, end: bool = False, script: str = "") -> str:
    """A non-capturing alternation of the lists' words, longest first. `start`/`end` put `\\b`
    on the edges of words that begin/end with a Latin letter or digit; `script` ("han" or
    "latin") keeps only the words that start with a Chinese character, or the others."""
    seen: dict[str, int] = {}
    for key in lists:
        for e in entries(_FILE, key):
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
            seen.setdefault(src, len(e.word))
    ordered = sorted(seen, key=lambda s: (-seen[s], s))
    return "(?:" + "|".join(ordered) + ")" if ordered else "(?!)"


@cache
def word_set(*lists: str, lower: bool = False) -> frozenset[str]:
    """Every spelling of the lists' words (lower-cased if asked)."""
    found = words(_FILE, *lists)
    return frozenset(w.lower() for w in found) if lower else found


class Lazy:
    """A regex compiled on its first use from a source built by `build`."""

    def __init__(self, build: Callable[[], str], flags: int = 0) -> None:
        self._build = build
        self._flags = flags

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        return re.compile(self._build(), self._flags)

    @property
    def pattern(self) -> str:
        return self.compiled.pattern

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.fullmatch(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.search(text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text, pos, endpos)

    def sub(self, repl: str, text: str) -> str:
        return self.compiled.sub(repl, text)
