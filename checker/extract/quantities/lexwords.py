"""quantities.toml's word lists as the extractor's patterns need them, compiled on first use.

The lexicon's `alternation` puts word boundaries around every Latin word; the quantity patterns
were written with their own edges (`tokens?\\b`, an unbounded `or` in a list of figures), so
`plain` builds an alternation of the folded spellings with only the edges asked for. `Lazy`
defers a pattern to its first use: reading the lexicon loads OpenCC, which an import must not.
"""

from __future__ import annotations

from functools import cache

from checker.lexicon import Lazy, plain_alternation, words

__all__ = ["Lazy", "plain", "word_set"]

_FILE = "quantities"


@cache
def plain(*lists: str, start: bool = False, end: bool = False, script: str = "") -> str:
    """quantities.toml's lists as `checker.lexicon.plain_alternation` builds them."""
    return plain_alternation(_FILE, *lists, start=start, end=end, script=script)


@cache
def word_set(*lists: str, lower: bool = False) -> frozenset[str]:
    """Every spelling of the lists' words (lower-cased if asked)."""
    found = words(_FILE, *lists)
    return frozenset(w.lower() for w in found) if lower else found
