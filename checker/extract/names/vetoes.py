"""name.typo's vetoes: the conditions that silence a candidate slip, as named tables.

Each table is evaluated in order; the first veto whose predicate holds silences the
candidate, and `first_veto` logs which one (logger "checker.names", DEBUG):

    CHECKER_LOG=debug checker check draft.md   # one line per silenced candidate, on stderr

`KB_NAME_VETOES` and `KB_WORD_VETOES` judge the leading word of a name against a word of KB
names (the KB-word pass: "Gemni 3.0" for Gemini 3.0); `SLIP_VETOES` judge the evidence for an
attested word before its spellings are tried, and `WORD_VETOES` judge one written word of a
name against a well-attested spelling one slip away (the word-slip pass: "OpenI" for OpenAI);
`PAIR_VETOES` judge the one differing word of two whole names (the whole-name pass:
"Hoppe-Eco" for Hopper-Eco); `LONE_VETOES` judge two spellings each written once ("Ipmerva" ...
"Imperva"), `LOST_CAPITAL_VETOES` a lowercase word that is a name without its first letter
("pple"), and `CASE_VETOES` name.case's findings (a cited title in a table of sources).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from checker.extract.kb import KnowledgeBase
from checker.extract.names.index import NameIndex, common_english, word_zipf
from checker.extract.names.words import (
    _ACRONYM_DOCS,
    _GENERIC_PART,
    _RARE_ZIPF,
    _ROLE_WORDS,
    _SLIP_LONG,
    _VERSION_PART,
    _capital_replaced,
    _case_changed,
    _edit,
    _english_part_broken,
    _kb_word_in_s,
    _long_swap_less_likely,
    _osa,
    _slip_position,
    _SlipContext,
    _titled_and_dominant,
    _Vocabulary,
    _word_part_touched,
)

log = logging.getLogger("checker.names")

C = TypeVar("C")


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class Veto(Generic[C]):
    """A named condition that silences a name.typo candidate, with an example."""

    name: str
    silences: Callable[[C], bool]
    example: str  # one line: a candidate this veto silences, and why


def _edits(x: str, y: str) -> int:
    """OSA distance (rapidfuzz, loaded where a pair is judged: a draft often judges none)."""
    return int(_osa().distance(x, y))


def first_veto(table: Sequence[Veto[C]], case: C, what: str) -> Veto[C] | None:
    """The first veto of `table` that silences `case` (logged with `what`), or None."""
    for veto in table:
        if veto.silences(case):
            log_veto(veto, what)
            return veto
    return None


def log_veto(veto: Veto[Any], what: str) -> None:
    """Log that `veto` silenced `what` (also for a verdict kept and replayed)."""
    if log.isEnabledFor(logging.DEBUG):
        log.debug("name.typo: %s silenced by veto %r", what, veto.name)


# --- the KB-word pass ---------------------------------------------------------------------------


@dataclass(unsafe_hash=True)
class KbNameCase:
    """A name and its leading word, before the KB words near that word are looked up."""

    rest: list[str]  # the name's other words
    word: str  # the leading word as written
    min_word: int
    kb: KnowledgeBase
    vocab: _Vocabulary
    here: int  # the word's count in this document's names
    docs: int  # documents of the run whose names use the word
    rest_ok: bool | None = None  # rest_not_generic(rest, kb) when the caller has it (kept per name)

    @property
    def low(self) -> str:
        return self.word.casefold()


def _rest_not_generic(c: KbNameCase) -> bool:
    return rest_not_generic(c.rest, c.kb) if c.rest_ok is None else c.rest_ok


def rest_not_generic(rest: list[str], kb: KnowledgeBase) -> bool:
    """The name's other words are not all versions, variants, role words or KB names."""
    return not rest or not all(
        _VERSION_PART.match(p) or _GENERIC_PART.match(p) or p in _ROLE_WORDS or kb.knows(p) for p in rest
    )


KB_NAME_VETOES: tuple[Veto[KbNameCase], ...] = (
    Veto(
        "not-word-and-version",
        _rest_not_generic,
        "'Stord', 'Lizang Labs': only 'word + version/variant/known name'; a lone word is as often a name",
    ),
    Veto(
        "short-or-not-letters",
        lambda c: len(c.low) < c.min_word or not c.low.isalpha(),
        "'Gmi 3', 'X1 Pro': a short or numbered word is another name",
    ),
    Veto("kb-word", lambda c: c.low in c.vocab.words, "'Sora 2': the word is a KB word itself"),
    Veto("english-word", lambda c: word_zipf(c.low) > 0.0, "'Geminal 3': English uses the word"),
    Veto(
        "repeated",
        lambda c: c.here >= 2 or c.docs >= 2,
        "'Gemnia 3' written twice here or in two documents: meant as written",
    ),
)


@dataclass(unsafe_hash=True)
class KbWordCase:
    """The leading word of a name and one KB word (`cand`, folded; `written`, as spelt) near it."""

    word: str
    cand: str
    written: str

    @property
    def low(self) -> str:
        return self.word.casefold()


KB_WORD_VETOES: tuple[Veto[KbWordCase], ...] = (
    Veto(
        "letters-added-or-dropped-at-edge",
        lambda c: c.low.startswith(c.cand) or c.low.endswith(c.cand) or c.cand.endswith(c.low),
        "'Geminis 3' for Gemini, 'Penai' for OpenAI: letters at an edge make another name",
    ),
    Veto(
        "acronym-vs-word",
        lambda c: c.word.isupper() != c.written.isupper(),
        "'GEMNI 3' for Gemini: an acronym is not a misspelt word",
    ),
    Veto(
        "not-a-key-slip",
        lambda c: _slip_position(c.word, c.written) != "ok",
        "'Kemini 3' for Gemini: a first letter or inner capital differs, another name",
    ),
)


# --- the word-slip pass: evidence for the attested word ------------------------------------------


@dataclass(unsafe_hash=True)
class SlipCase:
    """A written word and an attested word (`cand`, folded) one slip from it: the evidence."""

    word: str
    cand: str
    here: int  # the attested word's count in this document's names
    there: int  # the written word's count
    in_doc: bool  # the attested word stands at least twice here, and twice as often
    in_kb: bool
    others: int  # other documents whose names use the attested word
    long_word: bool  # a long word one letter from a word other documents repeat
    rare_word: bool  # English uses the written word, seldom
    person: bool  # the attested word is a KB person's name word

    @property
    def strong(self) -> bool:
        return self.in_doc or self.in_kb or self.others >= 3


SLIP_VETOES: tuple[Veto[SlipCase], ...] = (
    Veto(
        "rare-word-weak-evidence",
        lambda c: c.rare_word and not (c.in_doc and c.there == 1 and (c.in_kb or c.others >= 3)),
        "'Gork' for Grok: a word English uses needs it written once, Grok twice here and known",
    ),
    Veto(
        "given-name",
        lambda c: not c.in_doc and c.in_kb and c.person,
        "'Rihard Jarc' is no misspelt Richard: given names are spelt many ways",
    ),
    Veto(
        "little-evidence",
        lambda c: not c.strong and not c.long_word and not (c.there == 1 and (c.here or c.others) and not c.rare_word),
        "'Dreamtim' with 'Dreamtime' nowhere else: too little evidence for either spelling",
    ),
    Veto(
        "acronym-not-attested",
        lambda c: (
            c.word.isupper() and not c.in_doc and not (len(c.word) >= 4 and (c.in_kb or c.others >= _ACRONYM_DOCS))
        ),
        "'SPAC' for SPACE, 'LLVM' for LVLM: acronyms are dense; only a well-known one counts",
    ),
)


# --- the word-slip pass --------------------------------------------------------------------------


@dataclass(unsafe_hash=True)
class WordCase:
    """A written word of a name and one spelling of the attested word it may have meant."""

    word: str
    intended: str
    edit: str | None  # _edit(word, intended): swap, delete, insert, substitute or None
    here: int  # the intended word's count in this document's names
    there: int  # the written word's count
    rare_word: bool  # English uses the written word, seldom ("Googl")
    strong: bool  # the intended word is in this document, the KB or three other documents
    weak: bool  # neither strong nor a long word other documents repeat
    famous: bool  # a KB word of six letters or more that twenty other documents use
    acronym_swap_only: bool  # an acronym without this document's evidence: only a swap
    ctx: _SlipContext
    alone: bool = False  # the name is this one word (no other word of it agrees with the intended name)

    @property
    def in_doc(self) -> bool:
        return self.here >= 2 and self.here >= 2 * self.there


def _plural(c: WordCase) -> bool:
    return c.edit == "delete" and (
        len(c.intended) < 4 or (c.intended == c.word + "s" and not _kb_word_in_s(c.intended, c.ctx))
    )


def _short_substitute(c: WordCase) -> bool:
    return c.edit == "substitute" and (
        (c.here < 1 and len(c.word) < _SLIP_LONG and not c.famous)
        or (
            len(c.word) < 6
            and _capital_replaced(c.word, c.intended)
            and not _titled_and_dominant(c.intended, c.here, c.there)
        )
        or _case_changed(c.word, c.intended)
    )


def _variant_letter(written: str, intended: str) -> bool:
    """The intended word is the written one and a capital letter after a small one: a variant's
    suffix (NetSurfP of NetSurf, SignRoundV of SignRound), not a letter the typist lost."""
    return (
        len(intended) == len(written) + 1
        and intended.casefold().startswith(written.casefold())
        and intended[-1:].isupper()
        and intended[-2:-1].islower()
    )


def _end_letter(written: str, intended: str) -> bool:
    """The last letter dropped or added (Imaginatio / Imagination)."""
    a, b = written.casefold(), intended.casefold()
    return a == b[:-1] or b == a[:-1]


def _not_a_finger_slip(written: str, intended: str) -> bool:
    """A letter replaced, or one dropped or added at the end: how another name or another
    language's word differs from an English one (Nuxt / Next, Imaginatio / Imagination); two
    neighbours swapped or a letter lost inside (Nvidai, eGmini, Anthropc) is how fingers slip."""
    edit = _edit(written.casefold(), intended.casefold())
    return edit == "substitute" or (edit in ("delete", "insert") and _end_letter(written, intended))


def _english_without_document(c: WordCase) -> bool:
    """An ordinary English word (Zipf >= 3) is no name of its own: a letter replaced in it is as
    often another name (Nuxt for Next) and its last letter dropped another language's word
    (Latin Imaginatio), unless this document writes it as a name twice and twice as often."""
    return (
        common_english(c.intended)
        and not c.in_doc
        and (c.alone or _end_letter(c.word, c.intended))
        and _not_a_finger_slip(c.word, c.intended)
    )


WORD_VETOES: tuple[Veto[WordCase], ...] = (
    Veto("not-one-slip", lambda c: c.edit is None, "'Gmeinii' is more than one slip from Gemini"),
    Veto("letters-added", lambda c: c.edit == "insert", "'OpenAPI', 'SaaaS', 'AdamW': letters added make other names"),
    Veto(
        "acronym-not-swapped",
        lambda c: c.acronym_swap_only and c.edit != "swap",
        "'SPAC' for SPACE: acronyms are dense; without this document only a swap (UCDA) counts",
    ),
    Veto("plural", _plural, "'VideoLLMs' for VideoLLM is a plural, but 'Kubernete' is a slip of a KB word's s"),
    Veto(
        "english-word-replaced",
        lambda c: c.rare_word and c.edit == "substitute",
        "'Remini' for Gemini: a letter replaced in a word English knows makes another name",
    ),
    Veto(
        "as-plausible",
        lambda c: (
            c.weak
            and not (
                _english_part_broken(c.word, c.intended) or _long_swap_less_likely(c.word, c.intended, c.edit or "")
            )
        ),
        "'Draemtim' vs 'Dreamtim' written once elsewhere: neither spelling is more likely",
    ),
    Veto(
        "substitute-on-few-documents",
        lambda c: not c.strong and c.edit == "substitute" and not c.weak,
        "'Workslop' for Workshop, known to one or two other documents: only swaps and drops",
    ),
    Veto(
        "short-substitute",
        _short_substitute,
        "'Stord' for Store, 'QNNs' for GNNs, 'TransNormer' for Transformer: another name as often",
    ),
    Veto(
        "english-word-part",
        lambda c: _word_part_touched(c.word, c.intended, c.edit or ""),
        "'ClawBot', 'WeUI': the slip leaves an English word part, a coined name",
    ),
    Veto(
        "variant-letter",
        lambda c: _variant_letter(c.word, c.intended),
        "'NetSurf' for NetSurfP, 'SignRound' for SignRoundV: a capital suffix makes the variant",
    ),
    Veto(
        "short-acronym-alone",
        lambda c: c.word.isupper() and len(c.word) <= 3 and c.alone,
        "'GTP' alone for GPT: every three-letter string is somebody's acronym (a handle, a protocol)",
    ),
    Veto(
        "english-word-without-document",
        _english_without_document,
        "'Nuxt' for Next, 'Imaginatio Nova' for Imagination: one letter from an English word is another name",
    ),
)


# --- the whole-name pass -------------------------------------------------------------------------


@dataclass(unsafe_hash=True)
class PairCase:
    """The one differing word of a name (`written`) and of a better-attested name (`intended`)."""

    written: str
    intended: str
    min_word: int
    limit: int  # letter edits allowed
    index: NameIndex
    one_word: bool = False  # the whole name is the differing word: no other word vouches
    # whether the name stands alone in Chinese prose, where an English word is a name (asked
    # only of a written word English uses: it reads the document)
    alone_in_cjk: Callable[[], bool] = lambda: False
    in_doc: bool = False  # the intended name stands twice here and twice as often as the written one

    @property
    def x(self) -> str:
        return self.written.casefold()

    @property
    def y(self) -> str:
        return self.intended.casefold()


# the vetoes that read the two words alone (and the limit, which their lengths give): their
# verdict on a pair holds wherever the pair stands, so name.typo keeps it per pair
PAIR_WORD_VETOES: tuple[Veto[PairCase], ...] = (
    Veto(
        "short-or-not-letters",
        lambda c: not (c.x.isalpha() and c.y.isalpha()) or min(len(c.x), len(c.y)) < c.min_word,
        "'Orin' for Orion, 'Kwai' for Kwali: a short differing word is another name",
    ),
    Veto("too-many-edits", lambda c: _edits(c.x, c.y) > c.limit, "'Gemma' for Gemini: more edits than allowed"),
    Veto(
        "letters-added",
        lambda c: c.x.startswith(c.y) or c.x.endswith(c.y),
        "'AdamW' for Adam, 'VMamba' for Mamba: letters added around a name make another",
    ),
    Veto(
        "acronym-vs-word",
        lambda c: c.written.isupper() != c.intended.isupper(),
        "'GEMM' for Gemma, 'Clio' for CLIP: an acronym is not a misspelt word",
    ),
    Veto(
        "other-name-part",
        lambda c: c.y.endswith(c.x) or _slip_position(c.written, c.intended) != "ok",
        "'Kosmos' for Cosmos, 'TarFlow' for STARFlow, 'OpenAPI' for OpenAI: other names",
    ),
    Veto("english-word", lambda c: common_english(c.x), "'Clause' is a word, not a misspelt 'Claude'"),
    Veto(
        "variant-letter",
        lambda c: _variant_letter(c.written, c.intended),
        "'NetSurf' for NetSurfP: a capital suffix makes the variant, the base name is real",
    ),
)
# the vetoes that read where the name stands (the document, the run), asked after those
PAIR_CONTEXT_VETOES: tuple[Veto[PairCase], ...] = (
    Veto(
        "english-used-word",
        lambda c: word_zipf(c.x) >= _RARE_ZIPF and not c.alone_in_cjk(),
        "'Wikimedia' for Wikipedia: a word English text uses is a name of its own, unless it stands "
        "alone in Chinese prose ('Codec' among Codex)",
    ),
    Veto(
        "letter-added-to-english-word",
        lambda c: c.one_word and len(c.x) > len(c.y) and common_english(c.y),
        "'Apstra' for Astra: a letter added to an English word makes a one-word name of its own",
    ),
    Veto(
        "english-word-without-document",
        lambda c: c.one_word and common_english(c.y) and not c.in_doc and _not_a_finger_slip(c.x, c.y),
        "'Nuxt' for Next: an English word is no evidence for a one-word name it is one letter from",
    ),
    Veto(
        "field-word",
        lambda c: len(c.index.token_docs.get(c.x, ())) >= 5,
        "a word five documents use in names is a real word of the field",
    ),
)
PAIR_VETOES = PAIR_WORD_VETOES + PAIR_CONTEXT_VETOES  # in this order


# --- the pass over lone pairs ---------------------------------------------------------------------


@dataclass(unsafe_hash=True)
class LonePairCase:
    """Two spellings of a rare word one slip apart, each written once in the document."""

    typo: str  # the spelling reported (the less likely one)
    intended: str
    edit: str | None  # _edit(typo, intended)


def _plural_pair(a: str, b: str) -> bool:
    """One word and its plural (RDIMM, RDIMMs; GEMM, GEMMs): no slip."""
    short, long = sorted((a, b), key=len)
    return long.casefold() in (short.casefold() + "s", short.casefold() + "es")


LONE_VETOES: tuple[Veto[LonePairCase], ...] = (
    Veto(
        "not-a-key-slip",
        lambda c: c.edit not in ("swap", "delete", "substitute"),
        "'Zorblax' and 'Zorblaxon': more than a slip apart",
    ),
    Veto("plural", lambda c: _plural_pair(c.typo, c.intended), "'RDIMM' and 'RDIMMs': one thing and many"),
    Veto(
        "acronyms",
        lambda c: c.typo.isupper() and c.intended.isupper(),
        "'MDUSV' and 'MDUASV': each letter of an acronym stands for a word; two acronyms are two things",
    ),
    Veto(
        "capital-substituted",
        lambda c: (
            c.edit == "substitute" and (_case_changed(c.typo, c.intended) or _capital_replaced(c.typo, c.intended))
        ),
        "'KernelX' and 'KernelZ': a capital replaced makes another name part",
    ),
    Veto(
        "english-word-part",
        lambda c: _word_part_touched(c.typo, c.intended, c.edit or ""),
        "'ClawBot' and 'ClawdBot': the slip leaves an English word part, a coined name",
    ),
)


# --- the lost-capital pass -------------------------------------------------------------------------


@dataclass(unsafe_hash=True)
class LostCapitalCase:
    """A lowercase word and the well-attested name it is without its first letter."""

    word: str
    intended: str
    in_kb: bool
    others: int  # other documents whose names use the intended word


LOST_CAPITAL_VETOES: tuple[Veto[LostCapitalCase], ...] = (
    Veto(
        "little-evidence",
        lambda c: not (c.in_kb or c.others >= 3),
        "'odex' with Codex in two other documents only: too little evidence",
    ),
    Veto(
        "english-title-word",
        lambda c: not c.in_kb and common_english(c.intended),
        "'aily' (a product) for Daily: an English word of the run's titles (AI Daily) is no brand",
    ),
)


# --- name.case ------------------------------------------------------------------------------------


@dataclass(unsafe_hash=True)
class CasingCase:
    """A name.case finding before it is reported: the word as written, the other spelling, and
    whether it stands in the link text of a table row."""

    written: str
    other: str | None  # the maker's or the document's other spelling (None on a tie)
    table_link: bool  # a cited title in a table of sources ("| [Tesla integrates Deepseek ...](url) |")
    heading_title: bool = False  # a heading that cites a source's title (see cited.cited_heading)


def _word_of_an_acronym(c: CasingCase) -> bool:
    """'Lidar' for LiDAR: an acronym become an English word (lidar, radar, laser) is written as
    a word; only its all-capital or mixed form is the acronym's."""
    w, o = c.written, c.other or ""
    return (
        w[:1].isupper()
        and w[1:].islower()
        and re.search(r"[A-Z]{2,}", o[1:]) is not None
        and word_zipf(w) >= 2.0  # a word English text uses (lidar 2.65, captcha 2.4)
    )


CASE_VETOES: tuple[Veto[CasingCase], ...] = (
    Veto(
        "cited-title-in-table",
        lambda c: c.table_link,
        "'| [Tesla integrates Deepseek and Doubao](url) |': a source's title, cased by its author",
    ),
    Veto("word-of-an-acronym", _word_of_an_acronym, "'Lidar' for LiDAR: an acronym become a word"),
    Veto(
        "cited-title-heading",
        lambda c: c.heading_title,
        "'### Jetbrains unbundles AI Assistant' over '[Submission URL](…)': a source's title as a heading",
    ),
)
