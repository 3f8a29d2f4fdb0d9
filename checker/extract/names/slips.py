"""name.typo's finder: near misses of better-attested names, computed once per run as the typed
analysis `TypoSlips` (its hits, and the (document, key) pairs it flags for name.unverified)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from checker.core import registry
from checker.core.forked import split_map
from checker.core.model import Evidence, Hit, Verdict
from checker.core.rule import RunContext
from checker.extract.kb import KnowledgeBase, get_kb
from checker.extract.names.bare import BareWord
from checker.extract.names.casing import CaseOptions, casing_hits
from checker.extract.names.cited import cited, spelt_out
from checker.extract.names.extract import Mention, names_of
from checker.extract.names.index import KeyStats, NameIndex, common_english, word_zipf
from checker.extract.names.kb_phrases import _kb_phrases
from checker.extract.names.keys import name_token_tuple, name_tokens
from checker.extract.names.pairs import NamePairs
from checker.extract.names.slips_words import LoneWordPasses
from checker.extract.names.vetoes import (
    KB_NAME_VETOES,
    KB_WORD_VETOES,
    PAIR_CONTEXT_VETOES,
    PAIR_WORD_VETOES,
    SLIP_VETOES,
    WORD_VETOES,
    KbNameCase,
    KbWordCase,
    PairCase,
    SlipCase,
    Veto,
    WordCase,
    first_veto,
    log_veto,
    rest_not_generic,
)
from checker.extract.names.words import (
    _FAMOUS_DOCS,
    _PART_SPLIT,
    _PINYIN,
    _RARE_ZIPF,
    _SLIP_LONG,
    _alone_in_cjk,
    _alone_in_cjk_text,
    _attested_words,
    _by_evidence,
    _capital_tails,
    _case_changed,
    _edit,
    _kb_vocabulary,
    _LazyNeighbours,
    _near_keys,
    _near_words,
    _phrase_edit,
    _Phrases,
    _run_phrases,
    _SlipContext,
    _times,
    _typing_slip,
    _where,
    _windows,
    _word_span,
    slip_evidence,
)
from checker.input.documents import Document
from checker.text.script import HAN_CHAR as _HAN_CHAR

# the counts of a document without names: read only (a Counter built per mention as the default
# of a .get cost a tenth of the KB-word pass)
_NO_COUNTS: Counter[str] = Counter()
_TYPO_SHAPES = frozenset({"versioned", "camel", "hyphenated", "acronym", "title"})


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class TypoOptions:
    """name.typo's options."""

    max_distance: int = 1  # edits within the one differing word (2 allowed from min-long-word letters)
    min_long_word: int = 12  # words at least this long may differ by two edits
    min_word: int = 5  # a shorter differing word is never a typo (Orin/Orion, CPUs/Opus, Kwai/Kwali)
    include_quoted: bool = False  # also check names inside quoted sentences
    casing: bool = False  # also report name.case's casing variants of KB names ("Deepseek") here


def _judged_weight(item: tuple[Document, list[Mention]]) -> int:
    """A document's share of name.typo's judging (split_map's halves): its names."""
    return len(item[1])


class SlipFinder(LoneWordPasses):
    """The checks of name.typo with one set of options."""

    def __init__(self, options: TypoOptions) -> None:
        super().__init__()
        self.options = options
        self._kb_name_veto: dict[tuple[str, str, bool], Veto[KbNameCase] | None] = {}
        # name as written -> (its leading word, or none; its other parts; rest_not_generic of those)
        self._kb_word_split: dict[str, tuple[tuple[str, ...], list[str], bool] | None] = {}
        self._word_veto: dict[tuple[str, str], Veto[PairCase] | None] = {}
        self._pairs: NamePairs | None = None  # the run's memo of pair questions, made by find

    def find(
        self,
        collected: list[tuple[Document, list[Mention]]],
        kb: KnowledgeBase,
        index: NameIndex,
        flagged: set[tuple[str, str]],
        processes: int = 1,
    ) -> Iterator[Hit]:
        self._pairs = NamePairs(kb, index)
        queries = self._queries(collected, kb, index)
        refs = self._references(kb, index)
        near = _near_keys(list(queries), refs, max_distance=self.options.max_distance + 1)
        neighbours = _LazyNeighbours(lambda: _attested_words(kb, index))
        tails = _capital_tails(kb, index)
        phrases = _run_phrases(index)
        bare = self._bare_words(collected, tails, self.options.include_quoted)
        judge = partial(self._judge_all, kb, index, queries, near, neighbours, tails, phrases, bare)
        # each document's judgement reads only the tables above: at --jobs 2, half of the
        # documents are judged in a forked child while this process judges the rest
        live = [(doc, mentions) for doc, mentions in collected if not doc.archived]
        for hits, pairs in split_map(live, judge, processes=processes, weight=_judged_weight):
            flagged.update(pairs)
            yield from hits

    def _judge_all(
        self,
        kb: KnowledgeBase,
        index: NameIndex,
        queries: set[str],
        near: dict[str, list[str]],
        neighbours: _LazyNeighbours,
        tails: dict[str, str],
        phrases: _Phrases,
        bare: dict[str, list[BareWord]],
        part: Sequence[tuple[Document, list[Mention]]],
    ) -> list[tuple[list[Hit], list[tuple[str, str]]]]:
        """Per document, its hits and the (document id, key) pairs they flag."""
        out: list[tuple[list[Hit], list[tuple[str, str]]]] = []
        for doc, mentions in part:
            reported: set[str] = set()
            hits: list[Hit] = []
            slips = _SlipContext(doc, mentions, kb, index, neighbours)
            for m in mentions:
                if m.key not in queries or m.key in reported:
                    continue
                if not self.options.include_quoted and (m.quoted or cited(doc, m.span)):
                    continue  # a quotation or a cited title: misspelt, if at all, by its author
                if spelt_out(doc, m.span, m.text):
                    continue  # an acronym its line spells out is its own (MDUSV), not a slip
                near_keys = near.get(m.key)
                hit = (self._best(doc, m, near_keys, kb, index) if near_keys else None) or self._kb_word(
                    doc, m, kb, index
                )
                if hit is None and not slips.settled(m.text):  # (the word passes skip settled words)
                    hit = self._word_slip(m, slips) or self._kb_phrase(m, slips) or self._run_phrase(m, slips, phrases)
                if hit is not None:
                    reported.add(m.key)
                    hits.append(hit)
            if self.options.casing:  # name.case's findings, also reported here on request
                hits.extend(casing_hits(doc, mentions, kb, CaseOptions(within_document=False)))
            hits.extend(self._lost_capitals(slips, tails, bare.get(doc.id, [])))
            hits.extend(self._lone_pairs(slips, reported))
            out.append((hits, [(doc.id, key) for key in sorted(reported)]))
        return out

    # -- candidates

    def _queries(
        self, collected: list[tuple[Document, list[Mention]]], kb: KnowledgeBase, index: NameIndex
    ) -> set[str]:
        """Keys that may be typos: not known, rare in the run, long enough."""
        # each document's candidate keys in one comprehension, the run's count asked per key:
        # names repeat, so most mentions only add a key already there
        keys: set[str] = set()
        for doc, mentions in collected:
            if not doc.archived:
                keys.update({m.key for m in mentions if m.shape in _TYPO_SHAPES and not m.in_kb})
        # (fewer than three documents: three make an established spelling in this run)
        return {key for key in keys if len(key) >= 3 and index.doc_count(key) < 3}

    def _references(self, kb: KnowledgeBase, index: NameIndex) -> set[str]:
        """Keys of the names a typo may have meant: the KB's Latin names and the run's names
        that stand at least twice (a name written once can be no evidence in _best)."""
        refs = {k for k in kb.all_keys() if not _HAN_CHAR.search(k)}
        refs.update(
            k for k, st in index.by_key.items() if len(st.docs) + len(st.archived_docs) > 1 or st.surfaces.total() > 1
        )
        return refs

    # -- judging one mention

    def _best(self, doc: Document, m: Mention, near: list[str], kb: KnowledgeBase, index: NameIndex) -> Hit | None:
        best: tuple[float, Hit] | None = None
        doc_counts = index.per_doc.get(doc.id, _NO_COUNTS)
        kb_words = _kb_vocabulary(kb).words
        pairs = self._pairs
        assert pairs is not None, "find makes the run's pair memo first"
        for rk in near:
            # (most near keys differ in more than one word: asked before the rest)
            intended = pairs.intended(m.text, rk)
            if intended is None:
                continue
            ref_surface, differing = intended
            here, there = doc_counts.get(rk, 0), doc_counts.get(m.key, 0)
            pair = self._similar(m.text, ref_surface, differing, index, (doc, m, here, there))
            if pair is None or pair[0] in kb_words:
                continue  # both exist: a word of a KB name is a name of its own (Wikimedia, Wikipedia)
            ref_entry = kb.lookup_all(rk)
            evidence: list[Evidence] = []
            confidence = 0.0
            if here >= 2 and here >= 2 * there:
                first = index.by_key[rk].first[doc.id]
                path, line = _where(doc, first)
                evidence.append(
                    Evidence(
                        "mention",
                        f"'{first.text}' appears {here} times in this document, '{m.text}' {there}",
                        path=path,
                        document=doc.id,
                        line=line,
                    )
                )
                confidence = 0.9
            # without the document's own evidence, a word the wider world uses is a real
            # name (Pegatron, Quora), not a slip
            # the same holds for a word the document uses again and again (Pete Docter ... Docter)
            consistent = index.doc_tokens.get(doc.id, _NO_COUNTS)[pair[0]] >= 2
            # the KB alone vouches for a slip only in a name of several words that agree but one
            # (Geoffery Hinton), when the document writes the other name too, or for a slip of
            # the fingers (Nvidai, Anthropc): a lone word a letter swapped or added at an end
            # from a KB name is as often a real name the KB lacks (NetSurf / NetSurfP, Keplar /
            # Kepler, GEMMs / Gemma: read wrong by an independent reader)
            kb_alone_ok = here >= 1 or len(name_tokens(m.text)) > 1 or _typing_slip(pair[0], pair[1])
            if ref_entry and (evidence or (word_zipf(pair[0]) < 2.0 and not consistent and kb_alone_ok)):
                evidence.append(ref_entry[0].evidence())
                confidence = max(confidence, 0.85)
            others = index.doc_count(rk) - (1 if doc.id in index.by_key.get(rk, KeyStats()).docs else 0)
            mine = index.doc_count(m.key)
            if (
                not evidence
                and others >= 3
                and others >= 3 * mine
                and word_zipf(pair[0]) < 1.0
                and not consistent
                # a common word is a name's word only inside a longer name that agrees
                # otherwise ("Top Open-Source Projcts"); alone it is prose (Buildium/Building)
                and (not common_english(pair[1]) or (len(name_tokens(ref_surface)) > 1 and word_zipf(pair[0]) == 0))
            ):
                st = index.by_key[rk]
                other_id = next(d for d in sorted(st.docs | st.archived_docs) if d != doc.id)
                other_doc = index.docs[other_id]
                path, line = _where(other_doc, st.first[other_id])
                where = "the archive and other documents" if st.archived_docs else "other documents"
                evidence.append(
                    Evidence(
                        "mention",
                        f"'{index.surface(rk)}' appears in {others} {where} of this run",
                        path=path,
                        document=other_id,
                        line=line,
                    )
                )
                confidence = 0.75
            if not evidence:
                continue
            hit = Hit(
                m.span,
                f"'{m.text}' looks like a misspelling of '{ref_surface}'",
                evidence=tuple(evidence),
                suggestion=ref_surface,
                confidence=confidence,
                verdict=Verdict.LIKELY_ERROR,
                document=doc.id,
            )
            if best is None or confidence > best[0]:
                best = (confidence, hit)
        return best[1] if best else None

    @staticmethod
    def _setting(doc: Document, m: Mention, here: int, there: int) -> tuple[bool, Callable[[], bool], bool]:
        """(one word, alone in Chinese prose (asked lazily), the intended name dominant here)
        for PairCase."""
        one_word = len(name_token_tuple(m.text)) == 1
        return one_word, lambda: one_word and _alone_in_cjk_text(doc, m), here >= 2 and here >= 2 * there

    def _similar(
        self,
        text: str,
        ref: str,
        differing: tuple[str, str],
        index: NameIndex,
        where: tuple[Document, Mention, int, int],
    ) -> tuple[str, str] | None:
        """The differing word pair (`differing`: the one word in which the names of the same
        digits and word count differ) when it is a letter-level slip, else None: the slip must
        look like a typing error, not like another name built from the same word. `where`: the
        mention, its document and the two names' counts there, for the vetoes that read them.
        """
        wx, wy = differing
        what = f"'{text}' for '{ref}'"
        # PAIR_VETOES in order: the word vetoes' verdict kept per pair (a name repeats across
        # documents; a pair vetoed before is dropped before its case is built), then the vetoes
        # that read where the name stands
        known = (wx, wy) in self._word_veto
        if known and (veto := self._word_veto[wx, wy]) is not None:
            log_veto(veto, what)
            return None
        short = min(len(wx.casefold()), len(wy.casefold()))
        limit = self.options.max_distance + (1 if short >= self.options.min_long_word else 0)
        case = PairCase(wx, wy, self.options.min_word, limit, index, *self._setting(*where))
        if not known and (first := first_veto(PAIR_WORD_VETOES, case, what)) is not None:
            self._word_veto[wx, wy] = first
            return None
        self._word_veto[wx, wy] = None
        if first_veto(PAIR_CONTEXT_VETOES, case, what) is not None:
            return None
        return case.x, case.y

    def _kb_word(self, doc: Document, m: Mention, kb: KnowledgeBase, index: NameIndex) -> Hit | None:
        """A leading word one slip from a word of KB names ("Gemni 3.0" -> "Gemini 3.0").

        Only the first word of a name whose other words are versions, variants or KB
        names ("OpneAI Sora"), only for words no
        English text uses (Wordfreq Zipf 0) that the run does not repeat, with the same
        filters as whole names.
        """
        vocab = _kb_vocabulary(kb)
        doc_tokens = index.doc_tokens.get(doc.id, _NO_COUNTS)
        split = self._kb_word_split.get(m.text)
        if split is None:  # (a name's parts and the test of its rest kept per run: names repeat)
            parts = [p for p in _PART_SPLIT.split(m.text) if p]
            split = self._kb_word_split[m.text] = (
                (name_token_tuple(parts[0])[:1], parts[1:], rest_not_generic(parts[1:], kb)) if parts else None
            )
        if split is None:
            return None
        leading, rest, rest_ok = split
        for word in leading:
            low = word.casefold()
            # the vetoes read the rest of the name only through its first test: their verdict on
            # the word is kept per document, replayed (and logged) for its other names
            memo = (doc.id, word, rest_ok)
            if memo in self._kb_name_veto:
                veto = self._kb_name_veto[memo]
                if veto is not None:
                    log_veto(veto, f"'{m.text}'")
            else:
                name = KbNameCase(
                    rest,
                    word,
                    self.options.min_word,
                    kb,
                    vocab,
                    doc_tokens[low],
                    len(index.token_docs.get(low, ())),
                    rest_ok,  # (the first veto's answer, kept with the name's split)
                )
                veto = self._kb_name_veto[memo] = first_veto(KB_NAME_VETOES, name, f"'{m.text}'")
            if veto is not None:
                return None
            for cand in _near_words(low, vocab):
                written, entry = vocab.words[cand]
                if first_veto(KB_WORD_VETOES, KbWordCase(word, cand, written), f"'{word}' for '{written}'") is not None:
                    continue
                suggestion = m.text.replace(word, written, 1)
                return Hit(
                    m.span,
                    f"'{m.text}' looks like a misspelling of '{suggestion}'",
                    evidence=(entry.evidence(f"knowledge base: '{written}' is a word of {entry.name} ({entry.kind})"),),
                    suggestion=suggestion,
                    confidence=0.7,
                    verdict=Verdict.LIKELY_ERROR,
                    document=doc.id,
                )
        return None

    def _word_slip(self, m: Mention, ctx: _SlipContext) -> Hit | None:
        """One word of the name is, letter for letter, a well-attested name word with one
        slip: two neighbours swapped ("Gemnii"), a letter dropped ("OpenI", "Googl") or,
        with the intended word in this document or a word of eight letters or more, one
        letter replaced ("ChatGPO").

        The written word must be unknown to the KB and to every other document of the
        run, and stand at most twice here: a word written on purpose turns up again.
        It must be unknown to English (Wordfreq Zipf 0), or rare in it (Zipf under
        2.5), or, in Chinese prose, an English word of four letters or more standing
        alone ("Meat" among Metas); the last two need the strongest evidence (see
        _slip_hit). The intended word must be a word of a KB name, be used in three
        other documents (one, for words of eight letters or more, or a word whose
        English part the slip broke), or stand at least twice as often in this
        document's names. The comparison is case-sensitive: a slip keeps the capitals
        where they were, while a different name (RuView/Review) does not.
        """
        for word in name_tokens(m.text):
            low = word.casefold()
            if len(low) < 3 or not (low.isascii() and low.isalpha()) or low in ctx.vocab.words:
                continue
            if len(ctx.index.token_docs.get(low, ())) > 1 or ctx.doc_tokens[low] > 2:
                continue  # used elsewhere or repeated: written on purpose (asked before Wordfreq)
            zipf = word_zipf(low)
            if zipf >= _RARE_ZIPF and not (word == m.text and len(word) >= 4 and _alone_in_cjk(m, ctx)):
                continue  # an English word, unless it stands alone in Chinese prose ("Meat 發布 Llama");
                # short ones are as often given names there (Kim, Jon)
            for cand in _by_evidence(ctx.neighbours.near(low), ctx):
                hit = self._slip_hit(m, word, cand, ctx, rare_word=zipf > 0.0)
                if hit is not None:
                    return hit
        return None

    def _slip_hit(self, m: Mention, word: str, cand: str, ctx: _SlipContext, *, rare_word: bool = False) -> Hit | None:
        """A finding when `word` is one slip from a spelling of the attested word `cand`.

        A `rare_word` (one English text uses, but seldom: "Googl", "Gork", "Tsla") is
        a slip only on the strongest evidence: written once, with the intended word at
        least twice in this document and known to the KB or three other documents.
        """
        here, there = ctx.doc_tokens[cand], ctx.doc_tokens[word.casefold()]
        in_doc = here >= 2 and here >= 2 * there
        in_kb = cand in ctx.vocab.words
        others = sorted(ctx.index.token_docs.get(cand, set()) - {ctx.doc.id})
        long_word = len(word) >= _SLIP_LONG and sum(ctx.index.doc_tokens[d][cand] for d in others) >= max(2, there + 1)
        person = in_kb and ctx.vocab.words[cand][1].kind == "person"
        slip = SlipCase(word, cand, here, there, in_doc, in_kb, len(others), long_word, rare_word, person)
        if first_veto(SLIP_VETOES, slip, f"'{word}' for '{cand}'") is not None:
            return None
        strong = slip.strong
        weak = not strong and not long_word
        # a KB word (6+ letters) that 20 other documents use: a letter replaced in it is a slip (ChatGPO)
        famous = in_kb and len(others) >= _FAMOUS_DOCS and len(word) >= 6
        # without this document's evidence, only two letters swapped in an acronym (PLRT for PLTR)
        acronym_swap_only = word.isupper() and not in_doc
        spellings = set(ctx.index.token_forms.get(cand, ()))
        if in_kb:
            spellings.add(ctx.vocab.words[cand][0])
        for intended in sorted(spellings):
            case = WordCase(
                word,
                intended,
                _edit(word, intended),
                here,
                there,
                rare_word,
                strong,
                weak,
                famous,
                acronym_swap_only,
                ctx,
                alone=word == m.text,
            )
            if first_veto(WORD_VETOES, case, f"'{word}' for '{intended}'") is not None:
                continue
            # the finding covers the misspelt word, so a fix replaces just that word
            span = _word_span(m, word, ctx.doc)
            if span is None:
                continue
            evidence = slip_evidence(word, intended, here, there, others, in_kb, ctx)
            return Hit(
                span,
                f"'{word}' looks like a misspelling of '{intended}'",
                evidence=evidence,
                suggestion=intended,
                confidence=0.85 if in_doc else 0.75 if here else 0.7,
                verdict=Verdict.LIKELY_ERROR,
                document=ctx.doc.id,
            )
        return None

    def _kb_phrase(self, m: Mention, ctx: _SlipContext) -> Hit | None:
        """A name of several words that matches a KB name in every word but one, and that
        one is a slip of the KB's word ("Claud Sonnet 4", "Eln Musk", "Jonf Ive").

        The other words vouch for the name, so the slip may be a short word, an
        uncommon English one (Wordfreq Zipf under 3) or at the first letter; the word
        must still be unused by the rest of the run and stand at most twice here.
        """
        words = name_tokens(m.text)
        if len(words) < 2:
            return None
        phrases = _kb_phrases(ctx.kb)
        for i, word in enumerate(words):
            low = word.casefold()
            if len(low) < 3 or not (low.isascii() and low.isalpha()) or low in ctx.vocab.words:
                continue
            if len(ctx.index.token_docs.get(low, ())) > 1 or ctx.doc_tokens[low] > 2 or word_zipf(low) >= 3.0:
                continue
            for intended, entry in (x for p in _windows(words, i) for x in phrases.get(p, ())):
                if _phrase_edit(word, intended) is None or _case_changed(word, intended):
                    continue  # a KB name's letters keep their case in any slip
                span = _word_span(m, word, ctx.doc)
                if span is None:
                    continue
                return Hit(
                    span,
                    f"'{word}' looks like a misspelling of '{intended}' in '{entry.name}'",
                    evidence=(entry.evidence(),),
                    suggestion=intended,
                    confidence=0.8,
                    verdict=Verdict.LIKELY_ERROR,
                    document=ctx.doc.id,
                )
        return None

    def _run_phrase(self, m: Mention, ctx: _SlipContext, phrases: _Phrases) -> Hit | None:
        """A name of several words that matches a name of other documents in every word but
        one, and that one is a slip ("Peter Diamandss" where other articles write Peter
        Diamandis, "Daily AI Repot").

        The other words vouch for the name, so the intended name may stand in a single
        other document; the written word must be unused by the rest of the run, stand at
        most twice here and be rare in English (Wordfreq Zipf under 2.5; a replaced
        letter needs a word unknown to English of six letters or more). Words that read
        as pinyin are left alone: Jianchao and Jiaochao are two people.
        """
        words = name_tokens(m.text)
        if len(words) < 2 or ctx.index.doc_count(m.key) > 1:
            return None
        for i, word in enumerate(words):
            low = word.casefold()
            if len(low) < 4 or not (low.isascii() and low.isalpha()) or _PINYIN.fullmatch(low):
                continue
            if len(ctx.index.token_docs.get(low, ())) > 1 or ctx.doc_tokens[low] > 2:
                continue
            # other documents' names first, Wordfreq only then: it costs a second to load
            matches = [
                (intended, key)
                for p in _windows(words, i)
                for intended, key in phrases.get(p, ())
                if (ctx.index.by_key[key].docs | ctx.index.by_key[key].archived_docs) - {ctx.doc.id}
            ]
            if not matches:
                continue
            zipf = word_zipf(low)
            if zipf >= _RARE_ZIPF:
                continue
            for intended, key in matches:
                st = ctx.index.by_key[key]
                others = sorted((st.docs | st.archived_docs) - {ctx.doc.id})
                edit = _phrase_edit(word, intended)
                if edit is None or (edit == "substitute" and (zipf > 0.0 or len(word) < 6)):
                    continue
                span = _word_span(m, word, ctx.doc)
                if span is None:
                    continue
                other = ctx.index.docs[others[0]]
                path, line = _where(other, st.first[others[0]])
                name = ctx.index.surface(key)
                return Hit(
                    span,
                    f"'{word}' looks like a misspelling of '{intended}' in '{name}'",
                    evidence=(
                        Evidence(
                            "mention",
                            f"'{name}' stands in {_times(len(others), 'other document')} of this run",
                            path=path,
                            document=other.id,
                            line=line,
                        ),
                    ),
                    suggestion=intended,
                    confidence=0.7,
                    verdict=Verdict.LIKELY_ERROR,
                    document=ctx.doc.id,
                )
        return None


@dataclass(unsafe_hash=True)
class TypoSlips:
    """name.typo's findings of the run and the (document id, name key) pairs they cover.

    Built once per run with the configured options of name.typo (the defaults when the
    configuration gives none or name.typo is off: name.unverified still leaves a likely
    misspelling to it)."""

    options: TypoOptions
    hits: tuple[Hit, ...]
    flagged: frozenset[tuple[str, str]]

    @classmethod
    def build(cls, documents: Sequence[Document], ctx: RunContext) -> TypoSlips:
        return cls.compute(documents, ctx, _configured(ctx))

    @classmethod
    def compute(cls, documents: Sequence[Document], ctx: RunContext, options: TypoOptions) -> TypoSlips:
        kb = get_kb(ctx)
        collected = [(doc, names_of(doc, kb)) for doc in documents]
        flagged: set[tuple[str, str]] = set()
        hits = tuple(SlipFinder(options).find(collected, kb, ctx.analysis(NameIndex), flagged, ctx.processes))
        return cls(options, hits, frozenset(flagged))

    @classmethod
    def of(cls, ctx: RunContext, options: TypoOptions) -> TypoSlips:
        """The run's analysis, or a fresh one when a rule was given other options."""
        slips = ctx.analysis(cls)
        if slips.options == options:
            return slips
        return cls.compute(ctx.analyses.documents, ctx, options)


def _configured(ctx: RunContext) -> TypoOptions:
    config = ctx.services.config
    raw = config.rule_options.get("name.typo") if config is not None else None
    if not raw:
        return TypoOptions()
    options: TypoOptions = registry.get_rule("name.typo").build_options(raw)  # validated, as the rule's
    return options
