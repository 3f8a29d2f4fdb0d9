"""Run-level memos of name.typo's questions about pairs of spellings: a name repeats across the
documents of a run, so each question is answered once per run, not once per mention."""

from __future__ import annotations

from checker.extract.kb import KnowledgeBase
from checker.extract.names.index import NameIndex
from checker.extract.names.keys import digit_signature, name_key, name_token_tuple

# (digit signature, tokens, tokens casefolded) of a name as written
_Shape = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


class NamePairs:
    """`words._ref_surface` and `words._differing_word`, each asked once per run and distinct
    input, with the parts they share (a name's digits and tokens) computed once per name."""

    def __init__(self, kb: KnowledgeBase, index: NameIndex) -> None:
        self._kb = kb
        self._index = index
        self._shapes: dict[str, _Shape] = {}
        self._differing: dict[tuple[str, str], tuple[str, str] | None] = {}
        self._spellings: dict[str, list[str]] = {}
        self._surfaces: dict[tuple[str, bool, bool], str | None] = {}
        self._intended: dict[tuple[str, str], tuple[str, tuple[str, str]] | None] = {}

    def intended(self, query: str, key: str) -> tuple[str, tuple[str, str]] | None:
        """How the name of `key` is written (`ref_surface`) and the one word in which the query
        differs from it (`differing_word`), or None when either is missing: both read only the
        query's text and the key, so the pair is kept per run (_best asks it per mention and
        near key, and a name's mentions ask the same)."""
        memo = (query, key)
        if memo in self._intended:
            return self._intended[memo]
        ref = self.ref_surface(query, key)
        differing = None if ref is None else self.differing_word(query, ref)
        found = self._intended[memo] = None if ref is None or differing is None else (ref, differing)
        return found

    def ref_surface(self, query: str, key: str) -> str | None:
        """How the intended name is written: its KB spellings first, then the run's; among them
        the one cased like the query ("Nvidai" means "Nvidia", "NVIDAI" means "NVIDIA"). The
        query counts only through its two casing tests, so the answer is kept per key and tests."""
        upper, first_upper = query.isupper(), query[:1].isupper()
        memo = (key, upper, first_upper)
        if memo in self._surfaces:
            return self._surfaces[memo]
        spellings = self._spellings.get(key)
        if spellings is None:
            spellings = [n for e in self._kb.lookup_all(key) for n in e.names if name_key(n) == key]
            if key in self._index.by_key:
                spellings.append(self._index.surface(key))
            self._spellings[key] = spellings
        found = next(
            (n for n in spellings if n.isupper() == upper and n[:1].isupper() == first_upper),
            spellings[0] if spellings else None,
        )
        self._surfaces[memo] = found
        return found

    def differing_word(self, text: str, ref: str) -> tuple[str, str] | None:
        """The one word in which two names of the same digits and word count differ, else None
        (H100 / H200 and Gemma 2 / Gemma 3 are versions, GPT-4 / GPT-4o other products)."""
        memo = (text, ref)
        if memo in self._differing:
            return self._differing[memo]
        sig_a, words_a, folded_a = self._shape(text)
        sig_b, words_b, folded_b = self._shape(ref)
        found: tuple[str, str] | None = None
        if sig_a == sig_b and len(words_a) == len(words_b):
            diffs = [i for i, (x, y) in enumerate(zip(folded_a, folded_b, strict=True)) if x != y]
            if len(diffs) == 1:
                found = words_a[diffs[0]], words_b[diffs[0]]
        self._differing[memo] = found
        return found

    def _shape(self, text: str) -> _Shape:
        shape = self._shapes.get(text)
        if shape is None:
            words = name_token_tuple(text)
            shape = self._shapes[text] = (digit_signature(text), words, tuple(w.casefold() for w in words))
        return shape
