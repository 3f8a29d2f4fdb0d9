"""The name family: near-miss spellings of names, and product names nothing known vouches for."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from checker.core.model import Evidence, Hit, Severity, Span, Verdict
from checker.core.rule import CorpusRule, RuleMeta, RunContext
from checker.extract.kb import Entry, KnowledgeBase, NameQuery, get_kb, get_name_verifier
from checker.extract.names.extract import BareWord, Mention, bare_words, masked_view, names_of
from checker.extract.names.keys import digit_signature, name_key, name_tokens
from checker.input.documents import Document

_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")

# --- the run's names: one index shared by both rules -----------------------------------------------


@dataclass
class KeyStats:
    """Where one name key stands in the run and the archive."""

    surfaces: Counter[str] = field(default_factory=Counter)
    docs: set[str] = field(default_factory=set)
    archived_docs: set[str] = field(default_factory=set)
    first: dict[str, Mention] = field(default_factory=dict)  # per document id


@dataclass
class NameIndex:
    by_key: dict[str, KeyStats] = field(default_factory=dict)
    per_doc: dict[str, Counter[str]] = field(default_factory=dict)
    docs: dict[str, Document] = field(default_factory=dict)
    token_docs: dict[str, set[str]] = field(default_factory=dict)  # name token -> documents
    doc_tokens: dict[str, Counter[str]] = field(default_factory=dict)  # document -> name-token counts
    token_forms: dict[str, Counter[str]] = field(default_factory=dict)  # name token -> spellings as written
    archived_ids: set[str] = field(default_factory=set)

    def add(self, doc: Document, mentions: list[Mention]) -> None:
        counts = self.per_doc.setdefault(doc.id, Counter())
        tokens = self.doc_tokens.setdefault(doc.id, Counter())
        self.docs[doc.id] = doc
        if doc.archived:
            self.archived_ids.add(doc.id)
        # names repeat within a document: count each spelling once, then spread the counts
        written: Counter[str] = Counter()
        for m in mentions:
            if m.shape in ("cjk", "bracketed"):
                continue  # both rules compare Latin-script names only
            if m.text not in written:
                st = self.by_key.get(m.key)
                if st is None:
                    st = self.by_key[m.key] = KeyStats()
                (st.archived_docs if doc.archived else st.docs).add(doc.id)
                st.first.setdefault(doc.id, m)
            written[m.text] += 1
        for text, n in written.items():
            key = name_key(text)
            self.by_key[key].surfaces[text] += n
            counts[key] += n
            for tok in name_tokens(text):
                folded = tok.casefold()
                tokens[folded] += n
                forms = self.token_forms.get(folded)
                if forms is None:  # not setdefault: that would build a Counter and a set per call
                    forms = self.token_forms[folded] = Counter()
                    self.token_docs[folded] = set()
                forms[tok] += n
                self.token_docs[folded].add(doc.id)

    def doc_count(self, key: str) -> int:
        st = self.by_key.get(key)
        return len(st.docs) + len(st.archived_docs) if st else 0

    def surface(self, key: str) -> str:
        surfaces = self.by_key[key].surfaces
        return max(surfaces, key=surfaces.__getitem__)


def _index(collected: list[tuple[Document, list[Mention]]], ctx: RunContext) -> NameIndex:
    """Built once per run for both name rules (cached on ctx.services)."""
    ident = tuple(d.id for d, _ in collected)
    cached = ctx.scratch.get("names.index")
    if isinstance(cached, tuple) and cached[0] == ident:
        index: NameIndex = cached[1]
        return index
    index = NameIndex()
    for doc, mentions in collected:
        index.add(doc, mentions)
    ctx.scratch["names.index"] = (ident, index)
    return index


def _collect(doc: Document, ctx: RunContext) -> list[Mention]:
    return names_of(doc, get_kb(ctx))


@lru_cache(maxsize=65536)
def word_zipf(word: str) -> float:
    """How common a word is in English text (wordfreq Zipf scale: 0 unknown, 3 ordinary, 7 "the")."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word.lower(), "en"))


def common_english(word: str) -> bool:
    """An ordinary English word (Zipf >= 3): capitalised, it is still no name."""
    return word_zipf(word) >= 3.0


def _slip_position(wx: str, wy: str) -> str:
    """Where the words differ: "ok" for a slip of the keys, "first" at the first letter
    (typists rarely miss it: mostly another name), "bad" at a capital inside a word (a
    different word part: TransNormer/Transformer, OpenAPI/OpenAI, DeepGEM/DeepGEMM)."""
    from rapidfuzz.distance import Levenshtein

    x, y = wx.casefold(), wy.casefold()
    if len(x) != len(wx) or len(y) != len(wy):
        return "ok"  # casefold changed the length (rare scripts): positions cannot be compared
    if Levenshtein.distance(x, y) == 2 and sorted(x) == sorted(y):
        # two neighbours swapped (DeepeSek): a capital moves, no name part changes
        swapped = next(i for i, (a, b) in enumerate(zip(x, y, strict=True)) if a != b)
        return "first" if swapped == 0 else "ok"
    # in an all-caps word every letter is a capital: a missing letter is a slip (NVIDI),
    # another or an extra letter makes another acronym (RLMF/RLHF, MMMLU/MMLU)
    mixed = not (wx.isupper() and wy.isupper())
    first = False
    for op in Levenshtein.editops(x, y):
        if not mixed and op.tag != "insert":
            return "bad"
        # "replace" and "delete" point at a letter the query has and the name has not
        if mixed and op.tag in ("replace", "delete") and op.src_pos > 0 and wx[op.src_pos].isupper():
            return "bad"
        if mixed and op.tag in ("replace", "insert") and 0 < op.dest_pos < len(wy) and wy[op.dest_pos].isupper():
            return "bad"
        if op.src_pos == 0 or op.dest_pos == 0:
            first = True
    return "first" if first else "ok"


def _where(doc: Document, m: Mention) -> tuple[str, int]:
    return doc.path, doc.source.line_of(m.span.start)


# --- name.typo --------------------------------------------------------------------------------------

_TYPO_SHAPES = frozenset({"versioned", "camel", "hyphenated", "acronym", "title"})


@dataclass(frozen=True)
class TypoOptions:
    max_distance: int = 1  # edits within the one differing word (2 allowed from min-long-word letters)
    min_long_word: int = 12  # words at least this long may differ by two edits
    min_word: int = 5  # a shorter differing word is never a typo (Orin/Orion, CPUs/Opus, Kwai/Kwali)
    include_quoted: bool = False  # also check names inside quoted sentences
    casing: bool = True  # report casing variants of KB names ("Deepseek") at low confidence


class NameTypo(CorpusRule[list[Mention]]):
    """
    What it flags
        A name that is a near miss of a better-attested name: one word of it differs
        by a deleted, added, swapped or substituted letter from a name that is more
        frequent in the same document, known to the knowledge base, or used in
        several other documents of the run or the archive ("Hoppe-Eco" where the
        article says "Hopper-Eco" four times; "Anthropc"). A second pass compares
        single words, letter for letter and case-sensitively, with well-attested
        name words: "OpenI CEO" (OpenAI), "Qwne3" (Qwen), "eGmini" (Gemini),
        "ChatGPO" next to ChatGPT; there the finding covers just the misspelt word.
        Also: one slipped word in a name of several words that the KB or another
        document writes in full ("Claud Sonnet 4", "Peter Diamandss"); a CamelCase
        name whose English part the slip broke, against a spelling written once
        elsewhere ("SuperDce" for SuperDec, "QuettMobile") or swapped two letters of
        a long word into pairs English rarely uses ("Draemtime"); and a well-known name
        that lost its first letter with its capital ("pple", "opilot"). Two spellings
        of a rare name one slip apart, each written once in the document and nowhere
        else ("Imperva" ... "Ipmerva"), are reported as inconsistent, on the spelling
        less likely to be meant.
        The suggestion is the intended name or word and the evidence says where it
        stands. Casing variants of a KB name ("Deepseek" for "DeepSeek") are
        reported with a lower confidence.

    Why it matters
        A misspelt product name is the typo readers notice first and search engines
        punish; in a digest it also breaks cross-references between issues.

    Flagged
        NVIDIA 發布 Hopper-Eco 晶片。Hopper-Eco 能耗更低。Hopper-Eco 已量產。推出 Hoppe-Eco 晶片。
        We tested Anthropc's new model.
        據報導，OpenI CEO 今天宣布新的合作。

    Passes
        H100 與 H200 都是 NVIDIA 的晶片。Gemma 2 與 Gemma 3。Claude 3.5 與 Claude 3.7。
        「用cursur，又何必是cursor」
        騰訊把 ClawBot 整合進微信。根據 Stord 的一份報告。

    Options
        max-distance: letter edits allowed in the differing word (default 1).
        min-long-word: words at least this long may differ by two edits (default 12).
        min-word: shortest differing word that can be a typo in the whole-name pass
        (default 5).
        include-quoted: also check names inside quoted sentences (default false).
        casing: report casing variants of KB names (default true).

    Known limits
        Only Latin-script names are compared; CJK names are matched exactly. Names
        that differ in their digits are different versions, never typos (a typo in a
        version number is missed). A rare real name one letter from a famous one may
        be flagged when neither the KB nor the run knows it. To keep false alarms rare:
        - a misspelt word must be unknown to English (Wordfreq), or rare in it (Zipf
          under 2.5: "Gork", "Tsla") with the name twice in the document; slips that
          make a word ("Space", "Soya") are missed, except a word of four letters or
          more standing alone in Chinese prose ("Meat" among Metas);
        - a word the document repeats, or another document uses, counts as meant;
        - a replaced letter needs the intended word in the same document, a word of
          eight letters or more, or a KB word of six that twenty other documents use
          ("ChatGPO"); a capital replaced at the start of a short name (Remini/Gemini)
          is another name unless the document writes the name three times and the
          variant once ("Fpple");
        - acronyms need the document's own evidence, except two letters swapped in one
          the KB or five other documents know (UCDA for CUDA); a letter of a short
          acronym is never replaced (QNNs/GNNs);
        - letters added to a name (AdamW, VMamba, OpenAPI), plurals, a capital for a
          small letter (TransNormer) and a slip that leaves an English word part
          (ClawBot, WeUI) are never typos;
        - words that read as pinyin are not compared within names of several words, and
          a given name from the KB needs the document's own evidence (Rihard Jarc);
        - short casing variants (Xai/xAI) and house styles for names mostly in capitals
          (Nvidia, Lamda) are not reported.
    """

    meta = RuleMeta("name.typo", Severity.WARNING, "a near miss of a name used elsewhere or known to the KB")
    Options = TypoOptions

    def collect(self, doc: Document, ctx: RunContext, *, archived: bool = False) -> list[Mention]:
        return _collect(doc, ctx)

    def check(self, collected: list[tuple[Document, list[Mention]]], ctx: RunContext) -> Iterator[Hit]:
        kb = get_kb(ctx)
        index = _index(collected, ctx)
        flagged: set[tuple[str, str]] = set()
        ctx.scratch["names.typos"] = (tuple(d.id for d, _ in collected), flagged)
        queries = self._queries(collected, kb, index)
        refs = self._references(kb, index)
        near = _near_keys(list(queries), refs, max_distance=self.options.max_distance + 1)
        neighbours = _WordNeighbours.build(_attested_words(kb, index))
        tails = _capital_tails(kb, index)
        phrases = _run_phrases(index)
        bare = self._bare_words(collected, tails)
        for doc, mentions in collected:
            if doc.archived:
                continue
            reported: set[str] = set()
            slips = _SlipContext(doc, mentions, kb, index, neighbours)
            for m in mentions:
                if m.key not in queries or m.key in reported:
                    continue
                if m.quoted and not self.options.include_quoted:
                    continue
                hit = (
                    self._best(doc, m, near.get(m.key, []), kb, index)
                    or self._kb_word(doc, m, kb, index)
                    or self._word_slip(m, slips)
                    or self._kb_phrase(m, slips)
                    or self._run_phrase(m, slips, phrases)
                )
                if hit is not None:
                    reported.add(m.key)
                    flagged.add((doc.id, m.key))
                    yield hit
            if self.options.casing:
                yield from self._casing(doc, mentions, kb)
            yield from self._lost_capitals(slips, tails, bare.get(doc.id, []))
            yield from self._lone_pairs(slips, reported)

    # -- candidates

    def _queries(
        self, collected: list[tuple[Document, list[Mention]]], kb: KnowledgeBase, index: NameIndex
    ) -> set[str]:
        """Keys that may be typos: not known, rare in the run, long enough."""
        out: set[str] = set()
        for doc, mentions in collected:
            if doc.archived:
                continue
            for m in mentions:
                if m.shape not in _TYPO_SHAPES or m.in_kb or len(m.key) < 3:
                    continue
                if index.doc_count(m.key) >= 3:
                    continue  # an established spelling in this run
                out.add(m.key)
        return out

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
        doc_counts = index.per_doc.get(doc.id, Counter())
        for rk in near:
            ref_entry = kb.lookup_all(rk)
            ref_surface = _ref_surface(m.text, rk, kb, index)
            if ref_surface is None:
                continue
            pair = self._similar(m.text, ref_surface, index)
            if pair is None:
                continue
            here, there = doc_counts.get(rk, 0), doc_counts.get(m.key, 0)
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
            consistent = index.doc_tokens.get(doc.id, Counter())[pair[0]] >= 2
            if ref_entry and (evidence or (word_zipf(pair[0]) < 2.0 and not consistent)):
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

    def _similar(self, text: str, ref: str, index: NameIndex) -> tuple[str, str] | None:
        """The differing word pair when one word differs by a letter-level slip, else None.

        Digits and word counts must be the same; the slip must look like a typing
        error, not like another name built from the same word.
        """
        if digit_signature(text) != digit_signature(ref):
            return None  # H100 vs H200, Gemma 2 vs Gemma 3: different versions
        a, b = name_tokens(text), name_tokens(ref)
        if len(a) != len(b):
            return None  # GPT-4 vs GPT-4o, Gemini 2.5 vs Gemini 2.5 Pro: different products
        diffs = [(x, y) for x, y in zip(a, b, strict=True) if x.casefold() != y.casefold()]
        if len(diffs) != 1:
            return None
        wx, wy = diffs[0]
        x, y = wx.casefold(), wy.casefold()
        if not (x.isalpha() and y.isalpha()) or min(len(x), len(y)) < self.options.min_word:
            return None
        limit = self.options.max_distance + (1 if min(len(x), len(y)) >= self.options.min_long_word else 0)
        if OSA.distance(x, y) > limit:
            return None
        if x.startswith(y) or x.endswith(y):
            return None  # letters added around a name make another name: AdamW, VMamba
        if wx.isupper() != wy.isupper():
            return None  # an acronym is not a misspelt word: GEMM/Gemma, Clio/CLIP
        if y.endswith(x) or _slip_position(wx, wy) != "ok":
            return None  # Kosmos/Cosmos, TarFlow/STARFlow, OpenAPI/OpenAI: other names
        if common_english(x):
            return None  # "Clause" is a word, not a misspelt "Claude"
        if len(index.token_docs.get(x, ())) >= 5:
            return None  # a word used in names across many documents is a real word of the field
        return x, y

    def _kb_word(self, doc: Document, m: Mention, kb: KnowledgeBase, index: NameIndex) -> Hit | None:
        """A leading word one slip from a word of KB names ("Gemni 3.0" -> "Gemini 3.0").

        Only the first word of a name whose other words are versions, variants or KB
        names ("OpneAI Sora"), only for words no
        English text uses (Wordfreq Zipf 0) that the run does not repeat, with the same
        filters as whole names.
        """
        vocab = _kb_vocabulary(kb)
        doc_tokens = index.doc_tokens.get(doc.id, Counter())
        parts = [p for p in _PART_SPLIT.split(m.text) if p]
        rest = parts[1:]
        if not rest or not all(
            _VERSION_PART.match(p) or _GENERIC_PART.match(p) or p in _ROLE_WORDS or kb.knows(p) for p in rest
        ):
            return None  # only "word + version/variant/known name": "Gemni 3.0", "OpneAI Sora";
            # a lone unknown word near a KB word is as often a real name (Stord, Lizang)
        for word in name_tokens(parts[0])[:1]:
            low = word.casefold()
            if len(low) < self.options.min_word or not low.isalpha() or low in vocab.words or word_zipf(low) > 0.0:
                continue
            if doc_tokens[low] >= 2 or len(index.token_docs.get(low, ())) >= 2:
                continue  # used again here or elsewhere in the run: meant as written
            for cand in _near_words(low, vocab):
                written, entry = vocab.words[cand]
                if low.startswith(cand) or low.endswith(cand) or cand.endswith(low):
                    continue
                if word.isupper() != written.isupper() or _slip_position(word, written) != "ok":
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
            zipf = word_zipf(low)
            if len(ctx.index.token_docs.get(low, ())) > 1 or ctx.doc_tokens[low] > 2:
                continue  # used elsewhere or repeated: written on purpose
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
        strong = in_doc or in_kb or len(others) >= 3
        if rare_word and not (in_doc and there == 1 and (in_kb or len(others) >= 3)):
            return None
        if not in_doc and in_kb and ctx.vocab.words[cand][1].kind == "person":
            return None  # given names are spelt many ways (Rihard Jarc is no misspelt Richard)
        long_word = len(word) >= _SLIP_LONG and sum(ctx.index.doc_tokens[d][cand] for d in others) >= max(2, there + 1)
        # a long word one letter from a name other documents repeat is rarely another name; nor is
        # a word that breaks an English part of a name written once elsewhere (SuperDce/SuperDec)
        if not strong and not long_word and not (there == 1 and (here or others) and not rare_word):
            return None
        weak = not strong and not long_word
        # a KB word of six letters or more that twenty other documents use: a letter replaced
        # in it is a slip even when this document does not write it (ChatGPO)
        famous = in_kb and len(others) >= _FAMOUS_DOCS and len(word) >= 6
        acronym_swap_only = False
        if word.isupper() and not in_doc:
            # acronyms are dense (SPAC/SPACE, LLVM/LVLM): without this document's evidence only
            # two letters swapped in a well-known one (PLRT for PLTR, UCDA for CUDA)
            if not (len(word) >= 4 and (in_kb or len(others) >= _ACRONYM_DOCS)):
                return None
            acronym_swap_only = True
        spellings = set(ctx.index.token_forms.get(cand, ()))
        if in_kb:
            spellings.add(ctx.vocab.words[cand][0])
        for intended in sorted(spellings):
            edit = _edit(word, intended)
            if edit is None or edit == "insert":
                continue  # letters added make other names (OpenAPI, SaaaS, AdamW)
            if acronym_swap_only and edit != "swap":
                continue
            if edit == "delete" and (
                len(intended) < 4 or (intended == word + "s" and not _kb_word_in_s(intended, ctx))
            ):
                continue  # a plural (VideoLLMs) is no slip, but a KB word's own s is (Kubernetes)
            if rare_word and edit == "substitute":
                continue  # a letter replaced in a word English knows makes another name (Remini/Gemini)
            if weak and not (_english_part_broken(word, intended) or _long_swap_less_likely(word, intended, edit)):
                continue  # the written spelling is as plausible as the one written once elsewhere
            if not strong and edit == "substitute" and not weak:
                continue  # on one or two other documents only swaps and drops (Workslop/Workshop)
            if edit == "substitute" and (
                (here < 1 and len(word) < _SLIP_LONG and not famous)
                or (
                    len(word) < 6
                    and _capital_replaced(word, intended)
                    and not _titled_and_dominant(intended, here, there)
                )
                or _case_changed(word, intended)
            ):
                continue  # one letter replaced in a short word is as often another name (Stord/Store,
                # QNNs/GNNs): only with the intended word in this document, not in short acronyms,
                # and never a capital for a small letter (TransNormer/Transformer: a new word part)
            if _word_part_touched(word, intended, edit):
                continue  # the slip leaves an English word part: a coined name (ClawBot, WeUI)
            # the finding covers the misspelt word, so a fix replaces just that word
            span = _word_span(m, word, ctx.doc)
            if span is None:
                continue
            evidence = self._slip_evidence(word, intended, here, there, others, in_kb, ctx)
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
            zipf = word_zipf(low)
            if zipf >= _RARE_ZIPF:
                continue
            for intended, key in (x for p in _windows(words, i) for x in phrases.get(p, ())):
                st = ctx.index.by_key[key]
                others = sorted((st.docs | st.archived_docs) - {ctx.doc.id})
                if not others:
                    continue
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
        for m in ctx.mentions:
            if m.quoted or m.key in reported:
                continue
            for w in name_tokens(m.text):
                low = w.casefold()
                if len(w) < 5 or not (w.isascii() and w.isalpha()) or w in words or _PINYIN.fullmatch(low):
                    continue
                if ctx.doc_tokens[low] != 1 or len(ctx.index.token_docs.get(low, ())) != 1:
                    continue
                if low in ctx.vocab.words or word_zipf(low) >= _RARE_ZIPF:
                    continue
                words[w] = m
        if len(words) < 2:
            return
        lone = _WordNeighbours.build(w.casefold() for w in words)
        by_folded = {w.casefold(): w for w in words}
        done: set[str] = set()
        for a in sorted(words):
            for b_low in sorted(lone.near(a.casefold())):
                b = by_folded[b_low]
                if {a, b} & done:
                    continue
                za, zb = word_zipf(a), word_zipf(b)
                if za > 0.0 and zb > 0.0:
                    continue  # two spellings English text uses: two names
                # a spelling English text knows (Imperva, Zipf 1.2) is the meant one
                typo, intended = (b, a) if za > 0.0 else (a, b) if zb > 0.0 else _likely_typo(a, b)
                edit = _edit(typo, intended)
                if edit not in ("swap", "delete", "substitute"):
                    continue
                if edit == "substitute" and (_case_changed(typo, intended) or _capital_replaced(typo, intended)):
                    continue
                if _word_part_touched(typo, intended, edit):
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

    def _bare_words(
        self, collected: list[tuple[Document, list[Mention]]], tails: dict[str, str]
    ) -> dict[str, list[BareWord]]:
        """Per document, the lowercase words that are a well-attested name without its
        first letter and that no other document writes (those are words: "odex")."""

        vocabulary = frozenset(tails)  # rare in English already (_capital_tails)
        found = {doc.id: list(bare_words(doc, vocabulary)) for doc, _ in collected}
        docs_of: Counter[str] = Counter(w for words in found.values() for w in {b.text for b in words})
        return {
            doc_id: [b for b in words if docs_of[b.text] == 1 and (self.options.include_quoted or not b.quoted)]
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
            if not (in_kb or len(others) >= 3):
                continue
            yield Hit(
                b.span,
                f"'{b.text}' looks like a misspelling of '{intended}' (its first letter lost)",
                evidence=self._slip_evidence(b.text, intended, here, counts[b.text], others, in_kb, ctx),
                suggestion=intended,
                confidence=0.75 if here >= 2 else 0.7,
                verdict=Verdict.LIKELY_ERROR,
                document=ctx.doc.id,
            )

    def _slip_evidence(
        self, word: str, intended: str, here: int, there: int, others: list[str], in_kb: bool, ctx: _SlipContext
    ) -> tuple[Evidence, ...]:
        """Where the intended word stands: this document, the KB, other documents."""
        cand = intended.casefold()
        evidence: list[Evidence] = []
        if here:
            first = next(x for x in ctx.mentions if cand in _folded_tokens(x.text))
            path, line = _where(ctx.doc, first)
            evidence.append(
                Evidence(
                    "mention",
                    f"'{intended}' stands {_times(here)} in this document's names, '{word}' {_times(there)}",
                    path=path,
                    document=ctx.doc.id,
                    line=line,
                )
            )
        if in_kb:
            spelled, entry = ctx.vocab.words[cand]
            evidence.append(entry.evidence(f"knowledge base: '{spelled}' is a word of {entry.name} ({entry.kind})"))
        if others:
            other = ctx.index.docs[others[0]]
            where = next((x for x in names_of(other, ctx.kb) if cand in _folded_tokens(x.text)), None)
            archive = " (the archive included)" if ctx.index.archived_ids & set(others) else ""
            evidence.append(
                Evidence(
                    "mention",
                    f"'{intended}' stands in names of {_times(len(others), 'other document')} of this run{archive}",
                    path=other.path,
                    document=other.id,
                    line=other.source.line_of(where.span.start) if where else None,
                )
            )
        return tuple(evidence)

    def _casing(self, doc: Document, mentions: list[Mention], kb: KnowledgeBase) -> Iterator[Hit]:
        """'Deepseek' for 'DeepSeek': same key as a camel-case KB name, written title-case."""
        seen: set[str] = set()
        for m in mentions:
            if not m.in_kb or m.quoted or m.text in seen or " " in m.text:
                continue
            if not (m.text[:1].isupper() and m.text[1:].islower() and m.text.isalpha()):
                continue
            if len(m.text) < 5:
                continue  # short names clash in case only: Xai (a game network) vs xAI, Arm vs ARM
            entries = kb.lookup_all(m.text)
            if not entries or any(m.text in e.names for e in entries):
                continue  # "React" is React, not a miscased ReAct
            entry = entries[0]
            spelled = [n for n in entry.names if name_key(n) == m.key]
            if not spelled:
                continue
            canonical = spelled[0]
            if not re.search(r"[a-z][A-Z]", canonical) or _capitals(canonical) * 2 > len(canonical):
                continue  # NVIDIA -> Nvidia is a house style, not an error, and so is Lamda for
                # LaMDA (an acronym; and Lamda is often a misspelt lambda)
            seen.add(m.text)
            yield Hit(
                m.span,
                f"'{m.text}' is written '{canonical}' by its maker",
                evidence=(entry.evidence(),),
                suggestion=canonical,
                confidence=0.5,
                verdict=Verdict.LIKELY_ERROR,
                document=doc.id,
            )


def _word_of(text: str, folded: str) -> str | None:
    """The word of `text` as written whose casefold is `folded`."""
    for tok in name_tokens(text):
        if tok.casefold() == folded:
            return tok
    return None


@dataclass(frozen=True)
class _Vocabulary:
    words: dict[str, tuple[str, Entry]]  # casefolded word -> (as written, an entry using it)
    blocks: dict[str, list[str]]  # the same prefix/suffix blocks as _near_keys


@lru_cache(maxsize=4)
def _kb_vocabulary(kb: KnowledgeBase) -> _Vocabulary:
    """The words of KB names (three letters or more), casefolded, with a spelling and an entry."""
    words: dict[str, tuple[str, Entry]] = {}
    for name, entry in kb.all_names():
        for tok in name_tokens(name):
            if len(tok) >= 3 and tok.isalpha() and tok.isascii():
                words.setdefault(tok.casefold(), (tok, entry))
    blocks: dict[str, list[str]] = {}
    for w in sorted(words):
        for b in _blocks(w):
            blocks.setdefault(b, []).append(w)
    return _Vocabulary(words, blocks)


@lru_cache(maxsize=4)
def _kb_phrases(kb: KnowledgeBase) -> dict[tuple[str, ...], list[tuple[str, Entry]]]:
    """KB names of several words, by their casefolded words with one left out ("*"):
    ("*", "sonnet", "4") -> [("Claude", Claude Sonnet 4)]."""
    out: dict[tuple[str, ...], list[tuple[str, Entry]]] = {}
    for name, entry in kb.all_names():
        words = name_tokens(name)
        if len(words) < 2:
            continue
        for i, word in enumerate(words):
            if word.isalpha() and word.isascii() and len(word) >= 3:
                out.setdefault(_starred(words, i), []).append((word, entry))
    return out


def _attested_words(kb: KnowledgeBase, index: NameIndex) -> Iterator[str]:
    """Name words a slip may have meant (_slip_hit decides whether they vouch): words of
    KB names and of the run's names."""
    yield from _kb_vocabulary(kb).words
    # every name word of the run: one written once elsewhere may vouch for an English part
    # (see _english_part_broken)
    yield from index.token_docs


_Phrases = dict[tuple[str, ...], list[tuple[str, str]]]
# could the word be romanised Chinese (a syllable string)? a loose pattern: it says "maybe"
_PINYIN = re.compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v))+"
)


def _run_phrases(index: NameIndex) -> _Phrases:
    """The run's names of several words by their casefolded words with one left out:
    ("peter", "*") -> [("Diamandis", key of Peter Diamandis)]."""
    out: _Phrases = {}
    for key, st in index.by_key.items():
        words = name_tokens(max(st.surfaces, key=st.surfaces.__getitem__))
        if not 2 <= len(words) <= _MAX_PHRASE_WORDS:
            continue  # a long Title Case heading is no name
        for i, word in enumerate(words):
            if len(word) >= 4 and word.isascii() and word.isalpha():
                out.setdefault(_starred(words, i), []).append((word, key))
    return out


def _kb_word_in_s(intended: str, ctx: _SlipContext) -> bool:
    """Whether the final s belongs to a KB word, not to a plural: Kubernetes, not LLMs."""
    spelled = ctx.vocab.words.get(intended.casefold())
    return spelled is not None and spelled[0] == intended and intended[-2:-1].islower() and len(intended) >= 6


def _by_evidence(words: Iterable[str], ctx: _SlipContext) -> list[str]:
    """Candidate intended words, the best attested first: most often in this document, then
    known to the KB, then in most other documents ("Rubn" is Rubin here, not Ruben)."""
    return sorted(
        words,
        key=lambda w: (-ctx.doc_tokens[w], w not in ctx.vocab.words, -len(ctx.index.token_docs.get(w, ())), w),
    )


def _alone_in_cjk(m: Mention, ctx: _SlipContext) -> bool:
    """A one-word mention between Chinese characters or punctuation of a Chinese document:
    there an English word is not prose but a name."""
    if not _is_cjk_document(ctx.doc):
        return False
    text = ctx.doc.segments[m.segment].text
    before = text[: m.start].rstrip()[-1:]
    after = text[m.end :].lstrip()[:1]
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())


def _windows(words: list[str], i: int) -> Iterator[tuple[str, ...]]:
    """Casefolded word windows of two or more words around word i, that word as "*", the
    whole name first: "CEO Sam Altamn" -> (ceo, sam, *), then (sam, *)."""
    n = len(words)
    for size in range(min(n, _MAX_PHRASE_WORDS), 1, -1):  # a long Title Case heading is no name
        for start in range(max(0, i - size + 1), min(i, n - size) + 1):
            yield _starred(words[start : start + size], i - start)


def _starred(words: list[str], i: int) -> tuple[str, ...]:
    """The casefolded words with word i left out as "*": the key of a name with one slip."""
    return tuple(w.casefold() if j != i else "*" for j, w in enumerate(words))


def _long_swap_less_likely(written: str, intended: str, edit: str) -> bool:
    """Two neighbours swapped in a long word whose letter pairs English uses clearly less
    than the other spelling's ("Draemtime" for Dreamtime): two long names a swap apart are
    one name, and the odd letter pairs tell which spelling slipped."""
    return edit == "swap" and len(written) >= _SLIP_LONG and _letter_score(intended) - _letter_score(written) >= 0.15


def _likely_typo(a: str, b: str) -> tuple[str, str]:
    """(misspelt, meant) for two spellings one slip apart with no other evidence."""
    if len(a) != len(b):
        return (a, b) if len(a) < len(b) else (b, a)
    return (a, b) if _letter_score(a) < _letter_score(b) else (b, a)


def _letter_score(word: str) -> float:
    """How English-like the letter pairs of a word are (mean log frequency of its pairs,
    edges included, over Wordfreq's 30,000 most common English words). Hand-written:
    a two-letter model is a few lines, no library offers one for this."""
    pairs, unseen = _letter_pairs()
    w = f"^{word.casefold()}$"
    total = sum(pairs.get(w[i : i + 2], unseen) for i in range(len(w) - 1))
    return total / (len(w) - 1)


@lru_cache(maxsize=1)
def _letter_pairs() -> tuple[dict[str, float], float]:
    """Log frequency of each letter pair (^ and $ mark the edges), and the floor for a
    pair no common word has."""
    from wordfreq import top_n_list  # imported late, as in word_zipf: its data loads slowly

    counts: Counter[str] = Counter()
    for word in top_n_list("en", 30000):
        w = f"^{word}$"
        counts.update(w[i : i + 2] for i in range(len(w) - 1))
    total = sum(counts.values())
    return {pair: math.log(n / total) for pair, n in counts.items()}, math.log(0.5 / total)


def _capital_tails(kb: KnowledgeBase, index: NameIndex) -> dict[str, str]:
    """Well-attested capitalised name words (five letters or more) by their lowercase
    rest: "pple" -> "Apple", "opilot" -> "Copilot". Rests that are name words themselves
    are left out."""
    words = _kb_vocabulary(kb).words
    spellings = [spelled for spelled, _entry in words.values()]
    spellings += [
        index.token_forms[word].most_common(1)[0][0] for word, docs in index.token_docs.items() if len(docs) >= 3
    ]
    out: dict[str, str] = {}
    for spelled in spellings:
        rest = spelled[1:]
        if len(spelled) < 5 or not spelled[0].isupper() or rest in index.token_docs or rest in words:
            continue
        if rest.isascii() and rest.isalpha() and rest.islower() and word_zipf(rest) < _RARE_ZIPF:
            out.setdefault(rest, spelled)  # not "here" of "There": an English word is meant as written
    return out


@dataclass
class _SlipContext:
    """What the word-slip check of one document reads."""

    doc: Document
    mentions: list[Mention]
    kb: KnowledgeBase
    index: NameIndex
    neighbours: _WordNeighbours
    vocab: _Vocabulary = field(init=False)
    doc_tokens: Counter[str] = field(init=False)

    def __post_init__(self) -> None:
        self.vocab = _kb_vocabulary(self.kb)
        self.doc_tokens = self.index.doc_tokens.get(self.doc.id, Counter())


@dataclass(frozen=True)
class _WordNeighbours:
    """Words indexed by their one-letter deletions (the SymSpell idea): two words one
    insertion, deletion, substitution or swap apart share a deletion, so the words one
    slip from a query are found by a few dictionary look-ups, not a scan (rapidfuzz
    scores pairs but has no such index, so this part is written here)."""

    by_deletion: dict[str, frozenset[str]]

    @staticmethod
    def build(words: Iterable[str]) -> _WordNeighbours:
        index: dict[str, set[str]] = {}
        for w in set(words):
            if len(w) < 3 or not (w.isascii() and w.isalpha()):
                continue
            for variant in _deletions(w):
                index.setdefault(variant, set()).add(w)
        return _WordNeighbours({k: frozenset(v) for k, v in index.items()})

    def near(self, word: str) -> set[str]:
        """Indexed words at OSA distance 1 from `word`."""
        out: set[str] = set()
        for variant in _deletions(word):
            out.update(self.by_deletion.get(variant, ()))
        out.discard(word)
        return {w for w in out if OSA.distance(word, w) == 1}


# a written word English uses more often than this (Zipf) is meant as written ("Meat", "Space")
_RARE_ZIPF = 2.5
_FAMOUS_DOCS = 20
_MAX_PHRASE_WORDS = 6
_ACRONYM_DOCS = 5
_SLIP_LONG = 8  # a word this long is rarely one letter from another real name
_CAMEL_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")


def _word_span(m: Mention, word: str, doc: Document) -> Span | None:
    """Where one word of a mention stands in the source file (None when it is not a
    whole name token of it)."""
    offset = _word_offset(m.text, word)
    if offset is None:
        return None
    return doc.segments[m.segment].to_source(m.start + offset, m.start + offset + len(word))


def _phrase_edit(word: str, intended: str) -> str | None:
    """The slip from `intended` to `word` when a name of several words vouches for it: not
    letters added, not a plural's s, not a letter of the other case, not a letter of an
    acronym replaced."""
    edit = _edit(word, intended)
    if edit is None or edit == "insert" or (edit == "delete" and intended == word + "s"):
        return None
    if edit == "substitute" and (_case_changed(word, intended) or word.isupper()):
        return None
    return edit


def _word_offset(text: str, word: str) -> int | None:
    """Where `word` stands in `text` as a whole name token."""
    for m in re.finditer(re.escape(word), text):
        before = text[m.start() - 1 : m.start()]
        after = text[m.end() : m.end() + 1]
        if not (before.isalpha() and before.isascii()) and not (after.isalpha() and after.isascii()):
            return m.start()
    return None


def _times(n: int, noun: str = "time") -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _folded_tokens(text: str) -> set[str]:
    return {t.casefold() for t in name_tokens(text)}


def _word_part_touched(written: str, intended: str, edit: str) -> bool:
    """Whether the slip turns a CamelCase part of the intended word into an English word.

    "ClawBot" is one letter from "ClawdBot" and "WeUI" from "WebUI", but the changed
    parts (Clawd -> Claw, Web -> We) become words: coined names, not slips. In "OpenI"
    the part AI lost a letter and in "ChatGP" the part GPT: slips.
    """
    spans = [(m.start(), m.end()) for m in _CAMEL_PART.finditer(intended)]
    if len(spans) < 2 or "".join(intended[a:b] for a, b in spans) != intended:
        return False
    i = next((k for k in range(min(len(written), len(intended))) if written[k] != intended[k]), len(written))
    touched = {i, i + 1} if edit == "swap" else {i}
    for start, end in spans:
        if not any(start <= k < end for k in touched):
            continue
        part = written[start : end - 1] if edit == "delete" else written[start:end]
        if part.isupper() or part == intended[start:end]:
            continue
        if intended[start].isupper() and not part[:1].isupper():
            continue  # a coined part keeps its capital ("penAI" lost the O of Open: a slip)
        if (len(part) >= 3 and common_english(part)) or (len(part) == 2 and word_zipf(part) >= 5.0):
            return True
    return False


def _english_part_broken(written: str, intended: str) -> bool:
    """Whether the slip breaks English words of the intended name into non-words: the
    CamelCase parts only the intended word has are all English words of three letters
    or more, the parts only the written word has are unknown to English ("SuperDce" for
    SuperDec, "QuettMobile" for QuestMobile, "Jetrains" for JetBrains, "Solvre" for
    Solver). Then the intended spelling is the meant one even when it is written only
    once elsewhere. The written word is unknown to English; its new parts are rare in it."""
    mine = _camel_parts(written)
    theirs = _camel_parts(intended)
    if len(theirs) < 2:
        return False  # a one-part word may be coined from English words (Workslop/Workshop)
    if len(mine) < 2 and not (len(written) + 1 == len(intended) and _capitals(intended) > _capitals(written)):
        return False  # ... and so may a one-part word from a two-part one, unless a capital fell out (Jetrains)
    gone = [p for p in theirs if p not in mine]
    new = [p for p in mine if p not in theirs]
    if not gone or not new:
        return False
    return all(len(p) >= 3 and common_english(p) for p in gone) and all(word_zipf(p) < _RARE_ZIPF for p in new)


def _capitals(word: str) -> int:
    return sum(1 for c in word if c.isupper())


def _camel_parts(word: str) -> list[str]:
    parts = [m.group() for m in _CAMEL_PART.finditer(word)]
    return parts if "".join(parts) == word else [word]


def _case_changed(written: str, intended: str) -> bool:
    """A substituted letter of the other case: a new word part, not a slip of the keys."""
    return any(a != b and a.isupper() != b.isupper() for a, b in zip(written, intended, strict=False))


def _titled_and_dominant(intended: str, here: int, there: int) -> bool:
    """A title-case word whose capital was replaced, with the intended word at least three
    times in the document and the written one once: "Fpple" among Apples. (Short names
    with another capital are other names too often: Remini, Kimi/Mimi; those are English
    words or used elsewhere, which the caller has ruled out.)"""
    return _capitals(intended) == 1 and intended[:1].isupper() and here >= 3 and there == 1


def _capital_replaced(written: str, intended: str) -> bool:
    """A substituted capital: letters of acronyms carry meaning (QNNs/GNNs, RLMF/RLHF)."""
    return any(a != b and (a.isupper() or b.isupper()) for a, b in zip(written, intended, strict=False))


def _edit(written: str, intended: str) -> str | None:
    """The one case-sensitive slip that turns `intended` into `written`: "swap" (two
    neighbours), "delete", "insert" or "substitute"; None when there is none."""
    a, b = written, intended
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return "substitute"
        if len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]:
            return "swap"
        return None
    if len(a) + 1 == len(b):
        return "delete" if any(b[:i] + b[i + 1 :] == a for i in range(len(b))) else None
    if len(a) == len(b) + 1:
        return "insert" if any(a[:i] + a[i + 1 :] == b for i in range(len(a))) else None
    return None


def _deletions(word: str) -> set[str]:
    """The word itself and every form with one letter removed."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _near_words(word: str, vocab: _Vocabulary) -> list[str]:
    """Vocabulary words one slip (OSA 1) from `word`, found through the same blocks."""
    out: set[str] = set()
    for b in _blocks(word):
        for w, _score, _i in process.extract(
            word, vocab.blocks.get(b, []), scorer=OSA.distance, score_cutoff=1, limit=None
        ):
            if w != word:
                out.add(w)
    return sorted(out)


def _ref_surface(query: str, key: str, kb: KnowledgeBase, index: NameIndex) -> str | None:
    """How the intended name is written: its KB spellings first, then the run's; among
    them the one cased like the query ("Nvidai" means "Nvidia", "NVIDAI" means "NVIDIA")."""
    spellings = [n for e in kb.lookup_all(key) for n in e.names if name_key(n) == key]
    if key in index.by_key:
        spellings.append(index.surface(key))
    if not spellings:
        return None
    for n in spellings:
        if n.isupper() == query.isupper() and n[:1].isupper() == query[:1].isupper():
            return n
    return spellings[0]


def _blocks(key: str) -> tuple[str, str]:
    return ("p" + key[:2], "s" + key[-2:])


def _near_keys(queries: list[str], refs: set[str], *, max_distance: int) -> dict[str, list[str]]:
    """For each query key, the reference keys within `max_distance` edits (OSA).

    Blocking keeps this near-linear: only keys sharing their first or last two
    characters are compared (one slip, even a swap, cannot change both ends of a name
    of five or more characters), and each query is scored against its block in one rapidfuzz
    `process.extract` call.
    """
    q_blocks: dict[str, list[str]] = {}
    r_blocks: dict[str, list[str]] = {}
    for q in queries:
        for b in _blocks(q):
            q_blocks.setdefault(b, []).append(q)
    for r in refs:
        for b in _blocks(r):
            r_blocks.setdefault(b, []).append(r)
    out: dict[str, set[str]] = {}
    for b, qs in q_blocks.items():
        rs = r_blocks.get(b)
        if not rs:
            continue
        for q in qs:
            # extract() is rapidfuzz's batch scorer over one block (no numpy needed, unlike cdist)
            for r, _score, _i in process.extract(q, rs, scorer=OSA.distance, score_cutoff=max_distance, limit=None):
                if q != r and abs(len(q) - len(r)) <= max_distance:
                    out.setdefault(q, set()).add(r)
    return {q: sorted(rs) for q, rs in out.items()}


# --- name.unverified ----------------------------------------------------------------------------

_LAUNCH_ZH = (
    r"發布|发布|發佈|发佈|發表|发表|推出|開源|开源|釋出|释出|上線|上线|亮相|問世|问世|面世|首發|首发|宣布|公布|"
    r"揭曉|揭晓|登場|登场|上市|發售|发售|正式版"
)
_LAUNCH_EN = (
    r"releas(?:e|es|ed|ing)|launch(?:es|ed|ing)?|unveil(?:s|ed|ing)?|introduc(?:es|ed|ing)|"
    r"open[- ]sourc(?:es|ed|ing)|announc(?:es|ed|ing)|debut(?:s|ed)?|roll(?:s|ed)? out|ship(?:s|ped)"
)
_LAUNCH = re.compile(rf"(?:{_LAUNCH_ZH})|\b(?:{_LAUNCH_EN})\b", re.IGNORECASE)
# another name between a launch word and the name: the launch is the other name's
_OTHER_NAME = re.compile(r"(?<![A-Za-z0-9])(?!(?:AI|AGI|LLM|GPU|CPU|NPU|API|SDK|AR|VR|XR|3D|2D)\b)[A-Z][A-Za-z0-9]+")
# a plan or forecast, not a launch: "預計 2027 年推出", "計劃推出", "will release", "upcoming"
_FUTURE = re.compile(
    rf"预计|預計|预期|預期|将于|將於|将在|將在|即将|即將|拟于|擬於|有望|预告|預告|"
    # 計畫 and 準備 are nouns as often ("綠色 AI 運算計畫"): a plan only right before a launch verb
    rf"(?:计划|計劃|计画|計畫|准备|準備)(?:于|於|在|将|將|要)?(?:{_LAUNCH_ZH})|"
    r"明年|\b(?:will|plans? to|planned|planning to|expected to|is set to|upcoming|next year)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[。！？；\n]|[.!?;](?:\s|$)")
# parts after a known family that do not make a new product: sizes, snapshots, variants
_GENERIC_PART = re.compile(
    r"^(?:\d+(?:\.\d+)?[bmkt]|a\d+(?:\.\d+)?b|\d+x\d+b|\d{4,8}|fp\d+|int\d+|bf16|gguf|awq|gptq|mlx|"
    r"instruct|chat|base|pro|max|mini|nano|flash|lite|turbo|plus|ultra|preview|thinking|coder|code|vl|vision|"
    r"omni|audio|distill|math|reasoning|exp|experimental|fast|high|speed|mode|low|medium|large|small|it|hf|latest|"
    r"sxm|sxm5|pcie|nvl|hgx|dgx|superchip)$",
    re.IGNORECASE,
)
_PART_SPLIT = re.compile(r"[\s\-_/]+")


@dataclass(frozen=True)
class UnverifiedOptions:
    require_launch: bool = True  # only names introduced as released, launched, open-sourced ...
    include_quoted: bool = False
    window_before: int = 40  # characters before the name searched for a launch word
    window_after: int = 20


class NameUnverified(CorpusRule[list[Mention]]):
    """
    What it flags
        A name with a model/version shape (letters with a version number: "GPT-6",
        "NP-5", "Gemini Ultra 2.0"; also a Capitalised-Hyphenated name of up to
        three parts: "Hub-Vision-Pro", in English prose only with a coined word:
        "Talquin-Flux-Pro") introduced as new by a launch
        word in its clause with no other name in between (發布, 推出, 開源, 釋出,
        released, launched, unveiled ...; not a plan or forecast: 預計, 計劃, 即將,
        will, expected to), that neither the knowledge base, nor the
        archive, nor any other document of the run knows. A known model family
        followed only by sizes, snapshot dates or variant words
        ("Qwen3-235B-A22B-Instruct") counts as known, and so does a new version of
        known software ("Kubernetes v1.35"); a known model family or chip with an
        unknown version or new words ("GPT-6", "Hopper-Eco") does not. A likely
        misspelling of a known name is left to name.typo. With --online, the
        registered reference verifier is asked as well. The evidence lists what was
        consulted.

    Why it matters
        AI-written digests invent products ("神經元處理器NP-5", "Hub-Vision-Pro").
        A name no reference knows is the cheapest thing for an editor to check
        before publishing.

    Flagged
        Hugging Face 今日發布全新開源模型 Hub-Vision-Pro。
        SynapticTech 推出神經元處理器 NP-5。

    Passes
        DeepSeek 發布 DeepSeek-R1。
        阿里開源 Qwen3-235B-A22B-Instruct-2507。

    Options
        require-launch: only names next to a launch word (default true).
        include-quoted: also names inside quoted sentences (default false).
        window-before / window-after: how far from the name a launch word may stand
        (default 40 / 20 characters, within the clause).

    Known limits
        "Unverified" is not "false": real but recent or obscure products are reported
        when the KB and the run do not mention them; add them to a KB file of your own
        (`knowledge-base` in the config). Deliberately conservative: CamelCase names
        without digits, hyphenated English terms, plain words with numbers ("Agent 4")
        and names without a launch word are not checked, so invented names of those
        shapes ("SynapticTech", "Project Glasswing", "Kara 2.4 Pro": Kara is a word to
        Wordfreq) are missed, and so are names of events with a year ("HDC2025").
        An invented name one letter from a known one ("Motal-1" next to Modal) is
        reported by name.typo instead.
    """

    meta = RuleMeta(
        "name.unverified",
        Severity.WARNING,
        "a product, model or chip name that no knowledge base, archive or reference source knows",
    )
    Options = UnverifiedOptions

    def collect(self, doc: Document, ctx: RunContext, *, archived: bool = False) -> list[Mention]:
        return _collect(doc, ctx)

    def check(self, collected: list[tuple[Document, list[Mention]]], ctx: RunContext) -> Iterator[Hit]:
        kb = get_kb(ctx)
        index = _index(collected, ctx)
        verifier = get_name_verifier(ctx)
        typos = _typo_keys(collected, ctx)
        n_run = sum(1 for d, _ in collected if not d.archived)
        n_archive = len(collected) - n_run
        for doc, mentions in collected:
            if doc.archived:
                continue
            seen: set[str] = set()
            for m in mentions:
                if m.key in seen or not self._candidate(doc, m, kb):
                    continue
                seen.add(m.key)
                if (doc.id, m.key) in typos or self._known(m, kb, index, doc):
                    continue  # a likely misspelling is name.typo's finding, not an unknown product
                evidence = [
                    Evidence(
                        "consulted",
                        f"knowledge base ({len(kb)} entries{', version ' + kb.version if kb.version else ''}): "
                        f"no entry for '{m.text}'{_family_note(m.text, kb)}",
                    ),
                    Evidence("consulted", f"{n_run - 1} other documents of this run: not mentioned"),
                    Evidence(
                        "consulted",
                        f"archive ({n_archive} documents): not mentioned" if n_archive else "archive: none given",
                    ),
                ]
                if verifier is not None:
                    seg = doc.segments[m.segment]
                    result = verifier(NameQuery(m.text, seg.text, None, doc.published))
                    if result.status == "found":
                        continue
                    evidence.extend(result.evidence)
                else:
                    evidence.append(Evidence("consulted", "online reference sources: not consulted (offline)"))
                yield Hit(
                    m.span,
                    f"'{m.text}' is introduced as new, but nothing consulted knows it",
                    evidence=tuple(evidence),
                    confidence=0.6,
                    verdict=Verdict.UNVERIFIED,
                    document=doc.id,
                )

    def _candidate(self, doc: Document, m: Mention, kb: KnowledgeBase) -> bool:
        """A model/version shape: letters with a version number ("GPT-6", "NP-5", "Gemini
        Ultra 2.0"), or in CJK prose one Capitalised-Hyphenated name ("Hub-Vision-Pro").

        CamelCase words and hyphenated English terms ("Speech-to-Reality", "AlphaSense")
        are left out: in real digests they are mostly real companies, projects and
        coined terms, and flagging them would cry wolf.
        """
        if m.in_kb or (m.quoted and not self.options.include_quoted):
            return False
        if m.shape == "versioned":
            if not re.match(r"[A-Za-z]", m.text) or len(re.sub(r"[^A-Za-z]", "", m.text)) < 2:
                return False  # "4.5Turbo", "5x": no name in front of the number
            if re.search(r"\d\.x\b", m.text):
                return False  # "Gemini 2.x": a range of versions, not a product
            if _plain_words_and_number(m.text, kb):
                return False  # "Model 1", "Agent 4", "CWE Top 25": words with a number
            if _EVENT_YEAR.fullmatch(m.text):
                return False  # "HDC2025", "CES 2026": an event of a year, not a product
            if _PRERELEASE.match(m.text):
                return False  # "RC1", "Beta2": a release stage, not a product
            if _GLUED.search(m.text):
                return False  # "Claude Opus 4.7OpenAI": two names glued by a lost separator
            first = m.text.split()[0]
            if " " in m.text and first.isupper() and len(first) <= 2 and not kb.knows(first):
                return False  # "ER 1.5", "YC W07": a bare abbreviation is no product name
        elif m.shape == "hyphenated":
            parts = m.text.split("-")
            if " " in m.text or len(parts) > 3:
                return False
            if not _is_cjk_document(doc) and not any(len(p) >= 4 and word_zipf(p) == 0.0 for p in parts):
                return False  # English prose is full of Hyphenated-Title-Terms; a coined word marks a name
            if not all(p[:1].isupper() or p[:1].isdigit() for p in parts):
                return False
            if word_zipf(m.text) >= 4.0:
                return False  # an English compound ("Purpose-Built", "Tool-Use"), not a product
        else:
            return False
        if not self.options.require_launch:
            return True
        return self._introduced(masked_view(doc.segments[m.segment].text), m.start, m.end)

    def _introduced(self, text: str, start: int, end: int) -> bool:
        """A launch word near the name, within its clause."""
        left = max(start - self.options.window_before, 0)
        ends_before = [e.end() for e in _CLAUSE_END.finditer(text, left, start)]
        if ends_before:
            left = ends_before[-1]
        right = min(end + self.options.window_after, len(text))
        nxt = _CLAUSE_END.search(text, end, right)
        if nxt:
            right = nxt.start()
        before = list(_LAUNCH.finditer(text, left, start))
        if (
            before
            and text[before[-1].start() - 1 : before[-1].start()] == "的"
            and text[before[-1].end() :][:1] in "，,、；;"
        ):
            before = []  # "Grok Imagine的发布，以及Grok V7…": the release of the name before
        if before and not _OTHER_NAME.search(text, before[-1].end(), start):
            # "發布 Hub-Vision-Pro"; not "開源的 InstanceAssemble 框架和 Assemble-Attention"
            return not _FUTURE.search(text, left, start)  # nor "計劃明年推出 X": a plan
        after = _LAUNCH.search(text, end, right)
        if after is None or _OTHER_NAME.search(text, end, after.start()):
            return False
        return not _FUTURE.search(text, left, after.start())  # "Trainium4（預計 2027 年推出）"

    def _known(self, m: Mention, kb: KnowledgeBase, index: NameIndex, doc: Document) -> bool:
        st = index.by_key.get(m.key)
        if st is not None and (st.docs - {doc.id} or st.archived_docs):
            return True
        return _family_known(m.text, kb)


def _typo_keys(collected: list[tuple[Document, list[Mention]]], ctx: RunContext) -> set[tuple[str, str]]:
    """(document id, name key) pairs that name.typo flags (run with defaults when it is off)."""
    ident = tuple(d.id for d, _ in collected)
    cached = ctx.scratch.get("names.typos")
    if not (isinstance(cached, tuple) and cached[0] == ident):
        for _hit in NameTypo().check(collected, ctx):
            pass
        cached = ctx.scratch["names.typos"]
    keys: set[tuple[str, str]] = cached[1]
    return keys


_MODEL_KINDS = frozenset({"model", "model-family", "chip", "architecture"})
_VERSION_PART = re.compile(r"^v?\d+(?:\.\d+)*[a-z]?$", re.IGNORECASE)


def _family_known(text: str, kb: KnowledgeBase) -> bool:
    """A KB name followed only by sizes, snapshot dates, variant words or other KB names.

    For software, products and devices a new version number or edition is routine
    ("Kubernetes v1.35", "Docker Desktop 4.50"); for models and chips it is the news
    itself ("GPT-6"), so there it makes the name unknown.
    """
    parts = [p for p in _PART_SPLIT.split(text) if p]
    for n in range(len(parts) - 1, 0, -1):
        entry = kb.lookup(" ".join(parts[:n]))
        if entry is None:
            continue
        rest = parts[n:]
        if entry.kind in _MODEL_KINDS:
            return all(_GENERIC_PART.match(p) or kb.knows(p) for p in rest)
        return all(_GENERIC_PART.match(p) or kb.knows(p) or _VERSION_PART.match(p) or p[:1].isupper() for p in rest)
    return False


def _plain_words_and_number(text: str, kb: KnowledgeBase) -> bool:
    """Ordinary words with a separate number ("Model 1", "CWE Top 25"), no KB name among them.

    The word right before the number decides: a common Capitalised English word there
    makes a list title or a generic thing; an acronym with a number ("NP-5", "JADE-1")
    keeps its name shape.
    """
    parts = [p for p in _PART_SPLIT.split(text) if p]
    words = [p for p in parts if not _VERSION_PART.match(p)]
    if not words or any(re.search(r"\d", w) for w in words) or any(kb.knows(w) for w in words):
        return False  # "S26", "GLM-5.1": the number is part of a name token
    numbered = [i for i, p in enumerate(parts) if _VERSION_PART.match(p)]
    last = parts[numbered[0] - 1] if numbered and numbered[0] > 0 else words[-1]
    return not last.isupper() and common_english(last)


# words that follow a maker's name in a run without being part of a product name
_ROLE_WORDS = frozenset({"AI", "CEO", "CTO", "CFO", "COO", "Labs", "Lab", "Team", "Research", "Inc", "Corp"})
_EVENT_YEAR = re.compile(r"[A-Z][A-Za-z]{1,7} ?(?:19|20)\d\d")
_PRERELEASE = re.compile(r"^(?:RC|rc|Beta|beta|Alpha|alpha|[vV])\d+$")
_GLUED = re.compile(r"\d[A-Z][a-z]{2,}|[a-z]{2,}\d+(?:\.\d+)?[A-Z][a-z]")
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
_LATIN_RUN = re.compile(r"[A-Za-z]+")


def _is_cjk_document(doc: Document) -> bool:
    """Mostly Chinese prose (cached): English articles are full of Hyphenated-Title-Terms."""

    def compute(d: Document) -> bool:
        text = d.text
        han = sum(len(run) for run in _HAN_RUN.findall(text))
        latin = sum(len(run) for run in _LATIN_RUN.findall(text))
        return han > 0 and han >= latin * 0.15

    return doc.cached("names.cjk", compute)


def _family_note(text: str, kb: KnowledgeBase) -> str:
    parts = [p for p in _PART_SPLIT.split(text) if p]
    for n in range(len(parts) - 1, 0, -1):
        entry = kb.lookup(" ".join(parts[:n]))
        if entry is not None:
            return f" (it knows '{entry.name}', but not this variant)"
    return ""


def iter_mentions(docs: Iterable[Document], kb: KnowledgeBase) -> Iterator[tuple[Document, Mention]]:
    """Every mention of every document (for benchmarks and tools)."""
    for d in docs:
        for m in names_of(d, kb):
            yield d, m
