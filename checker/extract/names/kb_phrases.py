"""The KB's names of several words by their words with one left out, for name.typo's phrase slips
("Claud Sonnet 4" -> Claude Sonnet 4): built from every KB name once, stored with the KB
(checker/kb/derived.py) and read back per key asked."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from checker.cachefiles import code_digest
from checker.extract.kb import Entry, KnowledgeBase
from checker.extract.names.keys import name_tokens

_KBPhrases = dict[tuple[str, ...], list[tuple[str, Entry]]]
_SEP = "\x1f"  # joins a phrase's words into the stored table's keys (no name word holds it)


class _PhraseTable:
    """KB phrases looked up by words with one starred: built whole, or read from the stored table
    {joined words: [word, entry position, word, entry position, ...]} and decoded per key asked
    (a run asks about a few of the 9,000)."""

    def __init__(self, kb: KnowledgeBase, built: _KBPhrases | None, raw: dict[str, Any] | None = None) -> None:
        self._kb = kb
        self._built = built
        self._raw = raw or {}
        self._entries = list(kb) if built is None else []
        self._done: _KBPhrases = {}

    def get(self, key: tuple[str, ...], default: Sequence[tuple[str, Entry]] = ()) -> Sequence[tuple[str, Entry]]:
        if self._built is not None:
            return self._built.get(key, default)
        got = self._done.get(key)
        if got is None:
            flat = self._raw.get(_SEP.join(key))
            if flat is None:
                return default
            got = self._decode(flat)
            if got is None:  # a malformed stored row: the whole table built afresh
                self._built = _build_kb_phrases(self._kb)
                return self._built.get(key, default)
            self._done[key] = got
        return got

    def _decode(self, flat: object) -> list[tuple[str, Entry]] | None:
        n = len(self._entries)
        if not (isinstance(flat, list) and flat and len(flat) % 2 == 0):
            return None
        out: list[tuple[str, Entry]] = []
        for i in range(0, len(flat), 2):
            w, p = flat[i], flat[i + 1]
            if not (isinstance(w, str) and type(p) is int and 0 <= p < n):
                return None
            out.append((w, self._entries[p]))
        return out


@lru_cache(maxsize=4)
def _kb_phrases(kb: KnowledgeBase) -> _PhraseTable:
    """KB names of several words, by their casefolded words with one left out ("*"):
    ("*", "sonnet", "4") -> [("Claude", Claude Sonnet 4)]. Stored with the KB (0.06-0.1 s to
    build, ~0.02 s to read)."""
    from checker.extract.names import keys
    from checker.kb import derived

    code = code_digest(__name__, keys.__name__)
    return derived.stored(
        "kb-phrases",
        kb,
        code,
        lambda: _PhraseTable(kb, _build_kb_phrases(kb)),
        lambda table: _encode_phrases(table, kb),
        lambda value: _PhraseTable(kb, None, value) if isinstance(value, dict) else None,
    )


def _encode_phrases(table: _PhraseTable, kb: KnowledgeBase) -> dict[str, list[Any]] | None:
    phrases = table._built or {}
    if any(_SEP in w for k in phrases for w in k):
        return None
    pos = {id(e): i for i, e in enumerate(kb)}
    return {_SEP.join(k): [x for w, e in found for x in (w, pos[id(e)])] for k, found in phrases.items()}


def _build_kb_phrases(kb: KnowledgeBase) -> _KBPhrases:
    out: _KBPhrases = {}
    for name, entry in kb.all_names():
        words = name_tokens(name)
        if len(words) < 2:
            continue
        folded: tuple[str, ...] | None = None  # the words casefolded once per name, not per word
        for i, word in enumerate(words):
            if word.isalpha() and word.isascii() and len(word) >= 3:
                if folded is None:
                    folded = tuple(w.casefold() for w in words)
                key = (*folded[:i], "*", *folded[i + 1 :])  # _starred(words, i)
                out.setdefault(key, []).append((word, entry))
    return out
