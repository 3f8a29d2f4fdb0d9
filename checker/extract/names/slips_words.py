"""name.typo's passes over single words that no whole name vouches for: two rare spellings one
slip apart in one document ("Imperva" ... "Ipmerva"), and a lowercase word that is a
well-attested name without its first letter ("pple"). A part of `slips.SlipFinder`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from checker.core.model import Evidence, Hit, Verdict
from checker.extract.names.bare import BareWord, bare_words
from checker.extract.names.cited import cited
from checker.extract.names.extract import Mention
from checker.extract.names.index import word_zipf
from checker.extract.names.keys import name_token_tuple
from checker.extract.names.vetoes import (
    LONE_VETOES,
    LOST_CAPITAL_VETOES,
    LonePairCase,
    LostCapitalCase,
    first_veto,
)
from checker.extract.names.words import (
    _PINYIN,
    _RARE_ZIPF,
    _edit,
    _likely_typo,
    _pairwise_near,
    _SlipContext,
    _where,
    _word_span,
    rare_tail,
    slip_evidence,
)
from checker.input.documents import Document


class LoneWordPasses:
    """The lone-pair and lost-capital passes, with what they keep per run."""

    def __init__(self) -> None:
        self._docs: dict[str, Document] = {}
        self._lone_static: dict[str, tuple[str, ...]] = {}  # name as written -> its words that may be lone

    def _lone_pairs(self, ctx: _SlipContext, reported: set[str]) -> Iterator[Hit]:
        """Two spellings of a rare name one slip apart, each written once in this document
        and nowhere else ("Imperva ... Ipmerva"): one of them is misspelt, whichever it is.

        Both words must be unknown to the KB, five letters or more, not pinyin, and
        rare in English, at least one of them unknown to it. The one reported is the
        one English text does not know, else the shorter (letters are dropped more
        often than added) or, for the same length, the one whose letter pairs English
        words use less (Ipmerva). The verdict is "inconsistent": the evidence is the other spelling.
        """
        words: dict[str, Mention] = {}
        lone_words: dict[str, list[str]] = {}  # per name as written: a document repeats its names
        static, token_docs = self._lone_static, ctx.index.token_docs
        for m in ctx.mentions:
            # the tests that read no document first, kept per run: most names hold no word that
            # may be lone, and those are passed over with one look-up
            maybe = static.get(m.text)
            if maybe is None:
                maybe = static[m.text] = tuple(
                    w
                    for w in name_token_tuple(m.text)
                    if len(w) >= 5 and w.isascii() and w.isalpha() and len(token_docs.get(w.casefold(), ())) == 1
                )
            if not maybe or m.quoted or m.key in reported:
                continue
            lone = lone_words.get(m.text)
            if lone is None:
                lone = lone_words[m.text] = [w for w in maybe if self._lone_word(w, ctx)]
            if not lone:
                continue  # most names hold no lone word: no list built per mention
            mine = [w for w in lone if w not in words]
            # cited() reads the line: asked only of the few mentions with a lone rare word
            if mine and not cited(ctx.doc, m.span):
                words.update(dict.fromkeys(mine, m))
        if len(words) < 2:
            return
        near = _pairwise_near(w.casefold() for w in words)
        by_folded = {w.casefold(): w for w in words}
        done: set[str] = set()
        for a in sorted(words):
            for b_low in sorted(near(a.casefold())):
                b = by_folded[b_low]
                if {a, b} & done:
                    continue
                za, zb = word_zipf(a), word_zipf(b)
                if za > 0.0 and zb > 0.0:
                    continue  # two spellings English text uses: two names
                # a spelling English text knows (Imperva, Zipf 1.2) is the meant one
                typo, intended = (b, a) if za > 0.0 else (a, b) if zb > 0.0 else _likely_typo(a, b)
                pair_case = LonePairCase(typo, intended, _edit(typo, intended))
                if first_veto(LONE_VETOES, pair_case, f"'{typo}' and '{intended}'") is not None:
                    continue
                m, other = words[typo], words[intended]
                span = _word_span(m, typo, ctx.doc)
                if span is None:
                    continue
                done |= {a, b}
                path, line = _where(ctx.doc, other)
                yield Hit(
                    span,
                    f"'{typo}' and '{intended}' are one slip apart and each written once: "
                    f"one of them is misspelt, most likely '{typo}'",
                    evidence=(
                        Evidence(
                            "mention",
                            f"'{intended}' stands once in this document, and neither spelling anywhere else in the run",
                            path=path,
                            document=ctx.doc.id,
                            line=line,
                        ),
                    ),
                    suggestion=intended,
                    confidence=0.5,
                    verdict=Verdict.INCONSISTENT,
                    document=ctx.doc.id,
                )

    @staticmethod
    def _lone_word(w: str, ctx: _SlipContext) -> bool:
        """A word of five letters or more, written once in this document's names and in no other
        document, unknown to the KB, not pinyin and rare in English: half of a lone pair."""
        if len(w) < 5 or not (w.isascii() and w.isalpha()):
            return False
        low = w.casefold()
        if ctx.doc_tokens[low] != 1 or len(ctx.index.token_docs.get(low, ())) != 1:
            return False  # cheap look-ups first: most name words of a corpus stand more than once
        return not (_PINYIN.fullmatch(low) or low in ctx.vocab.words or word_zipf(low) >= _RARE_ZIPF)

    def _bare_words(
        self, collected: list[tuple[Document, list[Mention]]], tails: dict[str, str], include_quoted: bool
    ) -> dict[str, list[BareWord]]:
        """Per document, the lowercase words that are a well-attested name without its
        first letter and that no other document writes (those are words: "odex")."""

        vocabulary = frozenset(tails)
        self._docs = {doc.id: doc for doc, _ in collected}
        # the English test on the words found only (rare_tail): Wordfreq is slow to load and ask
        found = {doc.id: list(bare_words(doc, vocabulary, rare_tail)) for doc, _ in collected}
        docs_of: Counter[str] = Counter(w for words in found.values() for w in {b.text for b in words})
        return {
            doc_id: [
                b
                for b in words
                if docs_of[b.text] == 1 and (include_quoted or not (b.quoted or cited(self._docs[doc_id], b.span)))
            ]
            for doc_id, words in found.items()
        }

    def _lost_capitals(self, ctx: _SlipContext, tails: dict[str, str], words: list[BareWord]) -> Iterator[Hit]:
        """A lowercase word that is a well-attested name without its first letter ("pple"
        for Apple, "opilot" for Copilot): the capital was lost, and with it the letter.

        The intended word must be a KB name word or stand in names of three other
        documents; the written word is rare in English (Wordfreq Zipf under 2.5), written
        at most twice here and nowhere else in the run.
        """
        counts = Counter(b.text for b in words)
        for b in words:
            if counts[b.text] > 2:
                continue
            intended = tails[b.text]
            cand = intended.casefold()
            here = ctx.doc_tokens[cand]
            others = sorted(ctx.index.token_docs.get(cand, set()) - {ctx.doc.id})
            in_kb = cand in ctx.vocab.words
            lost = LostCapitalCase(b.text, intended, in_kb, len(others))
            if first_veto(LOST_CAPITAL_VETOES, lost, f"'{b.text}' for '{intended}'") is not None:
                continue
            yield Hit(
                b.span,
                f"'{b.text}' looks like a misspelling of '{intended}' (its first letter lost)",
                evidence=slip_evidence(b.text, intended, here, counts[b.text], others, in_kb, ctx),
                suggestion=intended,
                confidence=0.75 if here >= 2 else 0.7,
                verdict=Verdict.LIKELY_ERROR,
                document=ctx.doc.id,
            )
