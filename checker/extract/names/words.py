"""Name words: the vocabulary of KB and run names, word neighbours, capital tails, phrase keys and
the letter-level tests name.typo uses to judge a slip."""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from checker.cachefiles import code_digest
from checker.core.model import Evidence, Span
from checker.extract.kb import Entry, KnowledgeBase
from checker.extract.names.extract import Mention, names_of
from checker.extract.names.index import NameIndex, _is_cjk_document, common_english, word_zipf
from checker.extract.names.keys import digit_signature, name_key, name_tokens
from checker.input.documents import Document
from checker.lexicon import alternation, words
from checker.text.lazy_regex import lazy_compile

# parts after a known family that do not make a new product: sizes, snapshots, variants
_GENERIC_PART = lazy_compile(
    rf"^(?:\d+(?:\.\d+)?[bmkt]|a\d+(?:\.\d+)?b|\d+x\d+b|\d{{4,8}}|fp\d+|int\d+|{alternation('names', 'variant')})$",
    re.IGNORECASE,
)
_PART_SPLIT = lazy_compile(r"[\s\-_/]+")

_VERSION_PART = lazy_compile(r"^v?\d+(?:\.\d+)*[a-z]?$", re.IGNORECASE)
# words that follow a maker's name in a run without being part of a product name
_ROLE_WORDS = words("names", "role")


@cache
def _osa() -> Any:
    """rapidfuzz's OSA distance, imported on the first comparison (~0.01 s a draft often saves)."""
    from rapidfuzz.distance import OSA

    return OSA


@cache
def _process() -> Any:
    from rapidfuzz import process

    return process


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


def _word_of(text: str, folded: str) -> str | None:
    """The word of `text` as written whose casefold is `folded`."""
    for tok in name_tokens(text):
        if tok.casefold() == folded:
            return tok
    return None


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class _Vocabulary:
    """The KB names' words, casefolded, with their spelling and an entry using them."""

    words: dict[str, tuple[str, Entry]]  # casefolded word -> (as written, an entry using it)

    @property
    def blocks(self) -> dict[str, list[str]]:
        """The same prefix/suffix blocks as _near_keys (built on first use: few runs ask)."""
        return _vocabulary_blocks(self)


# each vocabulary's blocks, kept with it (its id is not reused); not functools.cached_property: a
# compiled (mypyc) class has no instance __dict__, and cached_property rebuilt them per access
_BLOCKS: dict[int, tuple[_Vocabulary, dict[str, list[str]]]] = {}


def _vocabulary_blocks(vocab: _Vocabulary) -> dict[str, list[str]]:
    if (kept := _BLOCKS.get(id(vocab))) is not None and kept[0] is vocab:
        return kept[1]
    blocks: dict[str, list[str]] = {}
    for w in sorted(vocab.words):
        for b in _blocks(w):
            blocks.setdefault(b, []).append(w)
    _BLOCKS[id(vocab)] = (vocab, blocks)
    return blocks


@lru_cache(maxsize=4)
def _kb_vocabulary(kb: KnowledgeBase) -> _Vocabulary:
    """The words of KB names (three letters or more), casefolded, with a spelling and an entry.

    Tokenising every KB name costs about 0.03 s of every run that reads names; the result
    depends only on the names and this code, so it is kept in the lexicon store as rows of
    (word, spelling, position in `kb.all_names()`), checked before use."""
    from checker.lexicon import built

    names = kb.all_names()
    k = _vocabulary_key(names)
    got = _stored_vocabulary(built.stored_value(k), names) if k else None
    if got is not None:
        return _Vocabulary(got)
    rows: dict[str, tuple[str, int]] = {}
    for pos, (name, _entry) in enumerate(names):
        for tok in name_tokens(name):
            if len(tok) >= 3 and tok.isalpha() and tok.isascii():
                rows.setdefault(tok.casefold(), (tok, pos))
    if k:
        built.keep(k, [[w, spelled, pos] for w, (spelled, pos) in rows.items()])
    return _Vocabulary({w: (spelled, names[pos][1]) for w, (spelled, pos) in rows.items()})


def _vocabulary_key(names: list[tuple[str, Entry]]) -> str | None:
    """The store key of the KB names' vocabulary: a digest of the names in order and of the code
    that tokenises them (None: the code cannot be read, nothing is stored)."""
    from checker.extract.names import keys
    from checker.lexicon import built

    code = code_digest(__name__, keys.__name__)
    if code is None:
        return None
    digest = hashlib.sha256("\0".join(name for name, _entry in names).encode("utf-8", "surrogatepass")).hexdigest()
    return built.key("kb-vocabulary", code, digest[:24], len(names))


def _stored_vocabulary(value: object, names: list[tuple[str, Entry]]) -> dict[str, tuple[str, Entry]] | None:
    """Stored vocabulary rows as words, or None when any row has the wrong shape (then it is built
    afresh): [casefolded word, its spelling in the name, the name's position]."""
    if not isinstance(value, list):
        return None
    out: dict[str, tuple[str, Entry]] = {}
    n = len(names)
    for row in value:
        if not (isinstance(row, list) and len(row) == 3):
            return None
        w, spelled, pos = row
        if not (isinstance(w, str) and isinstance(spelled, str) and type(pos) is int and 0 <= pos < n):
            return None
        name, entry = names[pos]
        if spelled.casefold() != w or spelled not in name:
            return None
        out[w] = (spelled, entry)
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
_PINYIN = lazy_compile(
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|uai|uan|ian|iao|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u|v))+"
)


def _run_phrases(index: NameIndex) -> _Phrases:
    """The run's names of several words by their casefolded words with one left out:
    ("peter", "*") -> [("Diamandis", key of Peter Diamandis)]."""
    out: _Phrases = {}
    for key, st in index.by_key.items():
        surfaces = st.surfaces  # (most keys have one spelling: no max() call for those)
        words = name_tokens(next(iter(surfaces)) if len(surfaces) == 1 else max(surfaces, key=surfaces.__getitem__))
        if not 2 <= len(words) <= _MAX_PHRASE_WORDS:
            continue  # a long Title Case heading is no name
        folded: tuple[str, ...] | None = None  # the words casefolded once per name, not per word
        for i, word in enumerate(words):
            if len(word) >= 4 and word.isascii() and word.isalpha():
                if folded is None:
                    folded = tuple(w.casefold() for w in words)
                starred = (*folded[:i], "*", *folded[i + 1 :])  # _starred(words, i)
                found = out.get(starred)
                if found is None:
                    out[starred] = [(word, key)]
                else:
                    found.append((word, key))
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
    return _alone_in_cjk_text(ctx.doc, m)


def _alone_in_cjk_text(doc: Document, m: Mention) -> bool:
    """_alone_in_cjk for a document and a mention, without the word-slip context."""
    if not _is_cjk_document(doc):
        return False
    text = doc.segments[m.segment].text
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
    edges included, over wordfreq's 30,000 most common English words). Hand-written:
    a two-letter model is a few lines, no library offers one for this."""
    pairs, unseen = _letter_pairs()
    w = f"^{word.casefold()}$"
    total = sum(pairs.get(w[i : i + 2], unseen) for i in range(len(w) - 1))
    return total / (len(w) - 1)


@lru_cache(maxsize=1)
def _letter_pairs() -> tuple[dict[str, float], float]:
    """Log frequency of each letter pair (^ and $ mark the edges), and the floor for a
    pair no common word has."""
    from checker.text.english_freq import top_words  # imported late, as in word_zipf: its data loads slowly

    counts: Counter[str] = Counter()
    for word in top_words(30000):
        w = f"^{word}$"
        counts.update(w[i : i + 2] for i in range(len(w) - 1))
    total = sum(counts.values())
    return {pair: math.log(n / total) for pair, n in counts.items()}, math.log(0.5 / total)


def _capital_tails(kb: KnowledgeBase, index: NameIndex) -> dict[str, str]:
    """Well-attested capitalised name words (five letters or more) by their lowercase
    rest: "pple" -> "Apple", "opilot" -> "Copilot". Rests that are name words themselves
    are left out, and so are rests English uses ("here" of "There"), but only when asked
    (`rare_tail`): looking up every rest in Wordfreq costs a second or more per run, and a
    run meets only a handful of them."""
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
        if rest.isascii() and rest.isalpha() and rest.islower():
            out.setdefault(rest, spelled)  # the same rest, the same Zipf: filtering later keeps the first
    return out


def rare_tail(rest: str) -> bool:
    """A rest of `_capital_tails` that English does not use: an English word is meant as written."""
    return word_zipf(rest) < _RARE_ZIPF


@dataclass
class _SlipContext:
    """What the word-slip check of one document reads."""

    doc: Document
    mentions: list[Mention]
    kb: KnowledgeBase
    index: NameIndex
    neighbours: _LazyNeighbours
    vocab: _Vocabulary = field(init=False)
    doc_tokens: Counter[str] = field(init=False)

    _settled: dict[str, bool] = field(init=False)

    def __post_init__(self) -> None:
        self.vocab = _kb_vocabulary(self.kb)
        self.doc_tokens = self.index.doc_tokens.get(self.doc.id, Counter())
        self._settled = {}

    def settled(self, text: str) -> bool:
        """No word of the name can be a slip by the word passes (the word slip, the KB phrase,
        the run phrase): each is no ASCII word of three letters or more, or it is used in other
        documents or more than twice here. Those passes skip such words first; asked once per
        name as written (a document repeats its names, a hostile one has thousands)."""
        known = self._settled.get(text)
        if known is None:
            known = self._settled[text] = all(self._settled_word(w.casefold()) for w in name_tokens(text))
        return known

    def _settled_word(self, low: str) -> bool:
        if len(low) < 3 or not (low.isascii() and low.isalpha()):
            return True
        return len(self.index.token_docs.get(low, ())) > 1 or self.doc_tokens[low] > 2


@dataclass(unsafe_hash=True)
class _WordNeighbours:
    """Words indexed by their one-letter deletions (the SymSpell idea): two words one
    insertion, deletion, substitution or swap apart share a deletion, so the words one
    slip from a query are found by a few dictionary look-ups, not a scan (rapidfuzz
    scores pairs but has no such index, so this part is written here)."""

    # never changed after build. Most deletions belong to one word: those map to it, and only
    # the few shared ones to a set (a set per deletion cost a third of the build)
    by_deletion: dict[str, str]
    shared: dict[str, set[str]]

    @staticmethod
    def build(words: Iterable[str]) -> _WordNeighbours:
        one: dict[str, str] = {}
        shared: dict[str, set[str]] = {}
        for w in set(words):
            if len(w) < 3 or not (w.isascii() and w.isalpha()):
                continue
            for variant in _deletions(w):
                first = one.setdefault(variant, w)
                if first != w:
                    found = shared.get(variant)
                    if found is None:
                        shared[variant] = {first, w}
                    else:
                        found.add(w)
        return _WordNeighbours(one, shared)

    def near(self, word: str) -> set[str]:
        """Indexed words at OSA distance 1 from `word`."""
        out: set[str] = set()
        for variant in _deletions(word):
            found = self.shared.get(variant)
            if found is not None:
                out.update(found)
            elif (w := self.by_deletion.get(variant)) is not None:
                out.add(w)
        out.discard(word)
        osa = _osa()
        return {w for w in out if osa.distance(word, w) == 1}


class _LazyNeighbours:
    """The `_WordNeighbours` of the attested words, indexed on the first question: a run whose
    names ask none (most drafts) does not index every word of the KB's names."""

    def __init__(self, words: Callable[[], Iterable[str]]) -> None:
        self._words = words
        self._index: _WordNeighbours | None = None

    def near(self, word: str) -> set[str]:
        if self._index is None:
            self._index = _WordNeighbours.build(self._words())
        return self._index.near(word)


_PAIRWISE_MOST = 50  # words: up to this many, comparing every pair costs less than indexing them


def _pairwise_near(words: Iterable[str]) -> Callable[[str], set[str]]:
    """The words one slip (OSA 1) from a word, among a document's few lone words: every pair
    compared (rapidfuzz, in C) when there are few, the deletion index when there are many (a
    document of thousands of rare words must stay linear)."""
    distinct = set(words)
    if len(distinct) > _PAIRWISE_MOST:
        return _WordNeighbours.build(distinct).near
    osa = _osa()
    return lambda word: {w for w in distinct if osa.distance(word, w) == 1}


# a written word English uses more often than this (Zipf) is meant as written ("Meat", "Space")
_RARE_ZIPF = 2.5
_FAMOUS_DOCS = 20
_MAX_PHRASE_WORDS = 6
_ACRONYM_DOCS = 5
_SLIP_LONG = 8  # a word this long is rarely one letter from another real name
_CAMEL_PART = lazy_compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+")


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
    # str.find, not re.finditer(re.escape(word)): a pattern per word overflowed re's cache and
    # recompiled on every call (name.case asks for every mixed-case word of the corpus)
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        before = text[at - 1 : at]
        after = text[end : end + 1]
        if not (before.isalpha() and before.isascii()) and not (after.isalpha() and after.isascii()):
            return at
        at = text.find(word, at + 1)
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
    process, osa = _process(), _osa()
    out: set[str] = set()
    for b in _blocks(word):
        for w, _score, _i in process.extract(
            word, vocab.blocks.get(b, []), scorer=osa.distance, score_cutoff=1, limit=None
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
    # each block by length too: keys more than max_distance letters longer or shorter are never
    # within reach, so they are not scored at all
    r_blocks: dict[str, dict[int, list[str]]] = {}
    for q in queries:
        for b in _blocks(q):
            q_blocks.setdefault(b, []).append(q)
    # only the blocks some query reads: a draft asks about a handful of keys, and filing every
    # reference key of the KB and the run cost more than scoring them (draft: 6.4 -> 1.7 ms CPU)
    heads = {b[1:] for b in q_blocks if b[0] == "p"}
    tails = {b[1:] for b in q_blocks if b[0] == "s"}
    for r in refs:
        head, tail = r[:2], r[-2:]
        if head in heads:
            r_blocks.setdefault("p" + head, {}).setdefault(len(r), []).append(r)
        if tail in tails:
            r_blocks.setdefault("s" + tail, {}).setdefault(len(r), []).append(r)
    out: dict[str, set[str]] = {}
    for b, qs in q_blocks.items():
        by_length = r_blocks.get(b)
        if not by_length:
            continue
        reach: dict[int, list[str]] = {}  # the block's keys within reach of each query length
        for q in qs:
            n = len(q)
            rs = reach.get(n)
            if rs is None:
                rs = reach[n] = [r for k in range(n - max_distance, n + max_distance + 1) for r in by_length.get(k, ())]
            if not rs:
                continue
            # extract() is rapidfuzz's batch scorer over one block (no numpy needed, unlike cdist);
            # rapidfuzz loads at the first key in reach (a draft's names often have none)
            extract, distance = _process().extract, _osa().distance
            for r, _score, _i in extract(q, rs, scorer=distance, score_cutoff=max_distance, limit=None):
                if q != r:
                    out.setdefault(q, set()).add(r)
    return {q: sorted(rs) for q, rs in out.items()}


def _differing_word(text: str, ref: str) -> tuple[str, str] | None:
    """The one word in which two names of the same digits and word count differ, else None."""
    if digit_signature(text) != digit_signature(ref):
        return None  # H100 vs H200, Gemma 2 vs Gemma 3: different versions
    a, b = name_tokens(text), name_tokens(ref)
    if len(a) != len(b):
        return None  # GPT-4 vs GPT-4o, Gemini 2.5 vs Gemini 2.5 Pro: different products
    diffs = [(x, y) for x, y in zip(a, b, strict=True) if x.casefold() != y.casefold()]
    return diffs[0] if len(diffs) == 1 else None


def _typing_slip(written: str, intended: str) -> bool:
    """Two neighbours swapped, or a letter dropped or doubled inside the word (not at its ends,
    where a different name begins or ends: aily / Daily, NetSurf / NetSurfP)."""
    a, b = written.casefold(), intended.casefold()
    edit = _edit(a, b)
    if edit == "swap":
        return True
    if edit not in ("delete", "insert"):
        return False
    short, long = sorted((a, b), key=len)
    return long[0] == short[0] and long[-1] == short[-1]


def slip_evidence(
    word: str, intended: str, here: int, there: int, others: list[str], in_kb: bool, ctx: _SlipContext
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
