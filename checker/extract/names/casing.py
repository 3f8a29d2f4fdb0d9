"""name.case's finder: a known name written in another casing ("Deepseek" for DeepSeek), or one
name cased two ways in one document ("Openai" ... "OpenAI").

Read on the names of `names_of` (URLs, code, handles, hashtags and markup already masked), word
by word. Never a casing slip: a word in capitals (a shouting title: DEEPSEEK), a word in small
letters (handles, package names: deepseek-ai, openai), a capital added at a sentence start
(ArXiv for arXiv), a spelling the KB lists for the name (a maker that styles it both ways), a
house style for a name mostly in capitals (Nvidia for NVIDIA), a cited title or quotation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from checker.core.model import Evidence, Hit, Span, Verdict
from checker.extract.kb import Entry, KnowledgeBase
from checker.extract.names.cited import in_quotation
from checker.extract.names.extract import Mention
from checker.extract.names.index import common_english
from checker.extract.names.keys import name_key, name_tokens
from checker.extract.names.words import _capitals, _times, _word_span
from checker.input.documents import Document
from checker.lexicon import words as lexicon_words
from checker.text.lazy_regex import lazy_compile

_INNER_CAPITAL = lazy_compile(r"[a-z][A-Z]")
_CAPITAL_RUN = lazy_compile(r"[A-Z]{3,}")
_BOTH_WAYS = frozenset(w.casefold() for w in lexicon_words("casing", "styled-both-ways"))


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class CaseOptions:
    """name.case's options (config keys: the field names in kebab-case)."""

    min_length: int = 5  # shorter words clash in case only: Xai (a game network) vs xAI, Arm vs ARM
    within_document: bool = True  # also one name cased two ways in a document, known or not
    include_quoted: bool = False  # also check names inside quotations (a headline quoted verbatim)


class _Word(NamedTuple):  # a tuple: one per mixed-case word of the corpus, built fast
    text: str
    span: Span
    mention: Mention


def _mixed(word: str) -> bool:
    """A word of letters with capitals and small letters: the only casing that can slip."""
    return word.isascii() and word.isalpha() and not word.isupper() and not word.islower()


def _first_capital_only(written: str, canonical: str) -> bool:
    """ArXiv for arXiv, IPhone for iPhone: a capital at the start, as a sentence gives it."""
    return written[1:] == canonical[1:] and canonical[:1].islower()


def _acronym_restyled(written: str, canonical: str) -> bool:
    """SuperPod for SuperPOD, PetaFlops for PetaFLOPS: only the letters after the first of a
    run of three capitals differ, a house style for an acronym part (as Nvidia for NVIDIA)."""
    runs = [range(m.start() + 1, m.end()) for m in _CAPITAL_RUN.finditer(canonical)]
    return all(any(i in r for r in runs) for i, (a, b) in enumerate(zip(written, canonical, strict=True)) if a != b)


def _camel_canonical(entries: list[Entry], folded: str) -> str | None:
    """The KB's spelling of a word when it has an inner capital and is not mostly capitals."""
    for entry in entries:
        if entry.name.casefold() != folded and name_key(entry.name) == name_key(folded):
            return None  # the maker writes it otherwise (Next.js, Hugging Face): not a casing matter
        for name in entry.names:
            if name.casefold() != folded:
                continue
            if _INNER_CAPITAL.search(name) and _capitals(name) * 2 <= len(name):
                return name
            return None  # NVIDIA -> Nvidia, LaMDA -> Lamda: a house style, not an error
    return None


@lru_cache(maxsize=65536)
def _mixed_tokens(text: str, min_length: int) -> tuple[str, ...]:
    """The words of a name that can be miscased, each once (cached: a corpus writes the same
    names over and over, and most hold no such word)."""
    return tuple(tok for tok in dict.fromkeys(name_tokens(text)) if len(tok) >= min_length and _mixed(tok))


class _Spellings:
    """The mixed-case words of a document's names by spelling, placed lazily: where a word
    stands and whether a quotation holds it is asked only for the spellings a finding may
    need (most spellings are neither a KB miscasing nor one of two casings in a document)."""

    def __init__(self, doc: Document, mentions: list[Mention], options: CaseOptions) -> None:
        self.doc = doc
        self.options = options
        # spelling -> [(order among all candidate words, mention)], in order of first candidate
        self.candidates: dict[str, list[tuple[int, Mention]]] = {}
        order = 0
        shortest = options.min_length
        mixed_tokens = _mixed_tokens
        for m in mentions:
            # a name shorter than the shortest word read holds none ("AI", "GPT": most of them),
            # nor one without both a capital and a small letter ("NVIDIA", "H100", "vllm")
            text = m.text
            if m.quoted or len(text) < shortest or text.isupper() or text.islower():
                continue
            for tok in mixed_tokens(text, shortest):
                found = self.candidates.get(tok)
                if found is None:
                    found = self.candidates[tok] = []
                found.append((order, m))
                order += 1
        self._placed: dict[str, list[tuple[int, _Word]]] = {}

    def placed(self, tok: str) -> list[tuple[int, _Word]]:
        """The words written `tok` that are read (placed, and outside quotations unless asked)."""
        out = self._placed.get(tok)
        if out is None:
            out = self._placed[tok] = []
            doc = self.doc
            for order, m in self.candidates[tok]:
                # a one-word name is its own word: its span, without a search and a look-up
                span = m.span if tok == m.text else _word_span(m, tok, doc)
                if span is None:
                    continue
                if not self.options.include_quoted and in_quotation(doc, span):
                    continue
                out.append((order, _Word(tok, span, m)))
        return out


def casing_hits(doc: Document, mentions: list[Mention], kb: KnowledgeBase, options: CaseOptions) -> Iterator[Hit]:
    """The casing findings of one document: KB spellings first, then spellings that differ
    within the document (the minority spelling, or the one with fewer capitals)."""
    words = _Spellings(doc, mentions, options)
    reported: set[str] = set()
    hits: list[tuple[int, Hit]] = []  # by where the first word read stands among the words
    for text in words.candidates:  # the verdict depends on the spelling alone: one look-up each
        entries = kb.lookup_all(text)
        if not entries or any(text in e.names for e in entries):
            continue  # "React" is React, not a miscased ReAct; a spelling the KB lists is meant
        canonical = _camel_canonical(entries, text.casefold())
        if canonical is None or canonical == text or _first_capital_only(text, canonical):
            continue
        if _acronym_restyled(text, canonical):
            continue
        placed = words.placed(text)
        if not placed:
            continue  # every such word is quoted or cannot be placed
        order, w = placed[0]
        reported.add(text)
        entry = next(e for e in entries if canonical in e.names)
        hits.append(
            (
                order,
                Hit(
                    w.span,
                    f"'{text}' is written '{canonical}' by its maker",
                    evidence=(
                        entry.evidence(
                            None if canonical == entry.name else f"knowledge base: '{canonical}' is {entry.name}"
                        ),
                    ),
                    suggestion=canonical,
                    confidence=0.6,
                    verdict=Verdict.LIKELY_ERROR,
                    document=doc.id,
                ),
            )
        )
    yield from (hit for _, hit in sorted(hits, key=lambda oh: oh[0]))
    if options.within_document:
        yield from _two_ways(doc, words, kb, reported)


def _two_ways(doc: Document, words: _Spellings, kb: KnowledgeBase, reported: set[str]) -> Iterator[Hit]:
    by_folded: dict[str, list[str]] = {}
    for text in words.candidates:
        by_folded.setdefault(text.casefold(), []).append(text)
    found: list[tuple[int, Hit]] = []  # by where the group's first word read stands
    for candidates in by_folded.values():
        if len(candidates) < 2:
            continue  # one spelling among the candidates: at most one among the words read
        placed = {text: words.placed(text) for text in candidates}
        spellings = sorted((text for text in candidates if placed[text]), key=lambda t: placed[t][0][0])
        if len(spellings) < 2 or any(s in reported for s in spellings):
            continue
        counts = Counter({text: len(placed[text]) for text in spellings})
        first = {text: placed[text][0][1] for text in spellings}
        group_order = placed[spellings[0]][0][0]
        folded = spellings[0].casefold()
        entries = kb.lookup_all(spellings[0])
        if folded in _BOTH_WAYS or (not entries and common_english(folded)):
            continue  # FinTech/Fintech, Healthcare/HealthCare: terms, not brands
        known = [s for s in spellings if any(s in e.names for e in entries)]
        if len(known) > 1:
            continue  # the KB lists both: styled both ways
        ranked = sorted(spellings, key=lambda s: (s in known, counts[s], -first[s].span.start), reverse=True)
        intended = ranked[0]
        for typo in ranked[1:]:
            if _first_capital_only(typo, intended) or _first_capital_only(intended, typo):
                continue  # a sentence's capital, not another casing
            if _acronym_restyled(typo, intended) or _acronym_restyled(intended, typo):
                continue
            if typo[:1].islower():
                continue  # codeX, eXo: a small first letter before a capital is designed, not slipped
            if known and _capitals(typo) > _capitals(intended):
                continue  # capitals added to a KB name make another name (CosmOS next to Cosmos)
            found.append(
                (group_order, _two_ways_hit(doc, first[typo], first[intended], counts, entries[0] if known else None))
            )
    # (a stable sort: a group's hits keep their order)
    yield from (hit for _, hit in sorted(found, key=lambda oh: oh[0]))


def _two_ways_hit(doc: Document, w: _Word, other: _Word, counts: Counter[str], entry: Entry | None) -> Hit:
    """The finding on `w`, cased otherwise than `other` in the same document. Without the KB
    and with both spellings as frequent, neither is called right."""
    typo, intended = w.text, other.text
    tie = entry is None and counts[typo] == counts[intended]
    evidence = [
        Evidence(
            "mention",
            f"'{intended}' stands {_times(counts[intended])} in this document's names, '{typo}' {_times(counts[typo])}",
            path=doc.path,
            document=doc.id,
            line=doc.source.line_of(other.span.start),
        )
    ]
    if entry is not None:
        evidence.append(entry.evidence(f"knowledge base: '{intended}' names {entry.name} ({entry.kind})"))
    return Hit(
        w.span,
        f"'{typo}' is also written '{intended}' in this document: one name cased two ways"
        if tie
        else f"'{typo}' is written '{intended}' elsewhere in this document",
        evidence=tuple(evidence),
        suggestion=None if tie else intended,
        confidence=0.4 if tie else 0.5,
        verdict=Verdict.INCONSISTENT,
        document=doc.id,
    )
