"""name.unverified's candidates: a model/version name introduced as new by a launch word, not a
plan, and what makes a name known (a KB family with generic parts)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from checker.extract.kb import KnowledgeBase
from checker.extract.names.extract import Mention, masked_segment
from checker.extract.names.index import NameIndex, _is_cjk_document, common_english, word_zipf
from checker.extract.names.keys import name_key
from checker.extract.names.words import _GENERIC_PART, _PART_SPLIT, _VERSION_PART
from checker.input.documents import Document
from checker.lexicon import alternation, cue_pattern, words
from checker.text.lazy_regex import lazy_compile
from checker.text.sentences import SENTENCE_END

_LAUNCH = cue_pattern("names", "launch")
# a launch word denied: "訓練出 Claude Opus 3.5 但未發布", "an unreleased model", "not yet launched"
_DENIED = cue_pattern("mood", "not-yet")
_DENIAL_REACH = 8  # characters before a launch word in which its denial stands
# another name between a launch word and the name: the launch is the other name's
_OTHER_NAME = lazy_compile(rf"(?<![A-Za-z0-9])(?!{alternation('names', 'generic-acronym')}\b)[A-Z][A-Za-z0-9]+")
# a plan or forecast, not a launch: "預計 2027 年推出", "計劃推出", "will release", "upcoming"
_FUTURE = lazy_compile(
    alternation("mood", "launch-plan")
    # 計畫 and 準備 are nouns as often ("綠色 AI 運算計畫"): a plan only right before a launch verb
    + "|"
    + alternation("names", "plan-noun")
    + f"{alternation('names', 'plan-link')}?"
    + alternation("names", "launch"),
    re.IGNORECASE,
)


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class UnverifiedOptions:
    """name.unverified's options (config keys: the field names in kebab-case)."""

    require_launch: bool = True  # only names introduced as released, launched, open-sourced ...
    include_quoted: bool = False
    window_before: int = 40  # characters before the name searched for a launch word
    window_after: int = 20
    # offline, also names of lines the KB does not know well (the wide behaviour before issue 14)
    unknown_families: bool = False


_CANDIDATE_SHAPES = frozenset({"versioned", "hyphenated"})  # the shapes `candidate` reads
# compiled once (a pattern string looked up in re's cache per name was a fifth of `candidate`)
_ASCII_LETTER = lazy_compile(r"[A-Za-z]")
_RANGE_X = lazy_compile(r"\d\.x\b")
_DIGIT = lazy_compile(r"\d")


class LaunchCandidates:
    """Which mentions name.unverified considers, with its options."""

    def __init__(self, options: UnverifiedOptions) -> None:
        self.options = options

    def candidate(self, doc: Document, m: Mention, kb: KnowledgeBase) -> bool:
        """A model/version shape: letters with a version number ("GPT-6", "NP-5", "Gemini
        Ultra 2.0"), or in CJK prose one Capitalised-Hyphenated name ("Hub-Vision-Pro").

        CamelCase words and hyphenated English terms ("Speech-to-Reality", "AlphaSense")
        are left out: in real digests they are mostly real companies, projects and
        coined terms, and flagging them would cry wolf.
        """
        if not self.shaped(m):
            return False
        if m.shape == "versioned":
            if not _ASCII_LETTER.match(m.text) or len(_ASCII_LETTER.findall(m.text)) < 2:
                return False  # "4.5Turbo", "5x": no name in front of the number
            if _RANGE_X.search(m.text):
                return False  # "Gemini 2.x": a range of versions, not a product
            if _plain_words_and_number(m.text, kb):
                return False  # "Model 1", "Agent 4", "CWE Top 25": words with a number
            if _EVENT_YEAR.fullmatch(m.text) or _EVENT.fullmatch(m.text):
                return False  # "HDC2025", "WWDC25", "NeurIPS 2025": an event of a year, not a product
            if not_a_product(m.text):
                return False  # "ASL-4", "CVE-2025-1234", "IEEE 802.11be": a level or an identifier
            if _counted(doc.segments[m.segment].text, m):
                return False  # "Rillet 8月19日", "RSS 4 篇": a date or a count, not a version
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
            if parts[-1] in _ORG_SUFFIX:
                return False  # "F-ISAC", "JP-CERT": an organisation, not a product
            if word_zipf(m.text) >= 4.0:
                return False  # an English compound ("Purpose-Built", "Tool-Use"), not a product
        else:
            return False
        if not self.options.require_launch:
            return True
        return self._introduced(masked_segment(doc.segments[m.segment].text), m.start, m.end)

    def shaped(self, m: Mention) -> bool:
        """The first tests of `candidate`, on the mention alone: not a KB name, not quoted (unless
        asked), a versioned or hyphenated shape."""
        if m.in_kb or (m.quoted and not self.options.include_quoted):
            return False
        return m.shape in _CANDIDATE_SHAPES

    def _introduced(self, text: str, start: int, end: int) -> bool:
        """A launch word near the name, within its sentence."""
        left = max(start - self.options.window_before, 0)
        ends_before = [e.end() for e in SENTENCE_END.finditer(text, left, start)]
        if ends_before:
            left = ends_before[-1]
        right = min(end + self.options.window_after, len(text))
        nxt = SENTENCE_END.search(text, end, right)
        if nxt:
            right = nxt.start()
        before = list(_LAUNCH.finditer(text, left, start))
        if (
            before
            and text[before[-1].start() - 1 : before[-1].start()] == "的"
            and text[before[-1].end() : before[-1].end() + 1] in "，,、；;"
        ):
            before = []  # "Grok Imagine的发布，以及Grok V7…": the release of the name before
        if before and not _OTHER_NAME.search(text, before[-1].end(), start):
            # "發布 Hub-Vision-Pro"; not "開源的 InstanceAssemble 框架和 Assemble-Attention"
            # nor "計劃明年推出 X": a plan, nor "未發布的 X": denied
            return not _FUTURE.search(text, left, start) and not _denied(text, before[-1], left)
        after = _LAUNCH.search(text, end, right)
        if after is None or _OTHER_NAME.search(text, end, after.start()):
            return False
        # "Trainium4（預計 2027 年推出）" is a plan, "Claude Opus 3.5 但未發布" denied
        return not _FUTURE.search(text, left, after.start()) and not _denied(text, after, end)

    def known(self, m: Mention, kb: KnowledgeBase, index: NameIndex, doc: Document) -> bool:
        """A known family with routine parts (another document naming it is asked separately:
        it must be independent, checker.extract.names.vouch)."""
        return _family_known(m.text, kb)


def _denied(text: str, launch: re.Match[str], floor: int) -> bool:
    """A denial ending at or just before the launch word (未發布, 尚未推出, not yet released)."""
    return any(
        d.end() >= launch.start() or not text[d.end() : launch.start()].strip()
        for d in _DENIED.finditer(text, max(floor, launch.start() - _DENIAL_REACH), launch.end())
    )


_MODEL_KINDS = frozenset({"model", "model-family", "chip", "architecture"})


def _family_known(text: str, kb: KnowledgeBase) -> bool:
    """A KB name followed only by sizes, snapshot dates, variant words or other KB names.

    For software, products and devices a new version number or edition is routine
    ("Kubernetes v1.35", "Docker Desktop 4.50"); for models and chips it is the news
    itself ("GPT-6"), so there it makes the name unknown.
    """
    parts = [p for p in _PART_SPLIT.split(text) if p]
    prefixes = _versioned_prefixes(kb)
    for n in range(len(parts) - 1, 0, -1):
        head = " ".join(parts[:n])
        entry = kb.lookup(head)
        rest = parts[n:]
        if entry is None:
            # "Gemini 3.1 Flash" when the KB knows "Gemini 3.1 Pro": the version is known, the
            # variant word is routine
            if name_key(head) in prefixes and all(_generic(p, kb) for p in rest):
                return True
            continue
        if entry.kind in _MODEL_KINDS:
            return all(_generic(p, kb) for p in rest)
        return all(_generic(p, kb) or _VERSION_PART.match(p.rstrip("+")) or p[:1].isupper() for p in rest)
    return False


def _generic(part: str, kb: KnowledgeBase) -> bool:
    """A size, snapshot date, format or variant word, or another KB name ("3B", "2507", "GGUF", "E2B")."""
    return bool(_GENERIC_PART.match(part) or _SIZE_ONLY.fullmatch(part) or kb.knows(part))


@lru_cache(maxsize=4)
def _versioned_prefixes(kb: KnowledgeBase) -> frozenset[str]:
    """Keys of the leading parts of the KB's model names that end in a version ("Gemini 3.1" of
    "Gemini 3.1 Pro"): that version of the family exists. Stored with the KB (0.06 s to build)."""
    from checker.cachefiles import code_digest
    from checker.extract.names import keys, words
    from checker.kb import derived

    def decode(value: object) -> frozenset[str] | None:
        got = derived.str_list(value)
        return None if got is None else frozenset(got)

    code = code_digest(__name__, keys.__name__, words.__name__)
    return derived.stored("versioned-prefixes", kb, code, lambda: _build_versioned_prefixes(kb), sorted, decode)


def _build_versioned_prefixes(kb: KnowledgeBase) -> frozenset[str]:
    out: set[str] = set()
    for name, entry in kb.all_names():
        if entry.kind not in _MODEL_KINDS:
            continue
        parts = [p for p in _PART_SPLIT.split(name) if p]
        for n in range(1, len(parts)):
            if re.search(r"\d", parts[n - 1]):
                out.add(name_key(" ".join(parts[:n])))
    return frozenset(out)


def _plain_words_and_number(text: str, kb: KnowledgeBase) -> bool:
    """Ordinary words with a separate number ("Model 1", "CWE Top 25"), no KB name among them.

    The word right before the number decides: a common Capitalised English word there
    makes a list title or a generic thing; an acronym with a number ("NP-5", "JADE-1")
    keeps its name shape.
    """
    parts = [p for p in _PART_SPLIT.split(text) if p]
    words = [p for p in parts if not _VERSION_PART.match(p)]
    if not words or any(_DIGIT.search(w) for w in words) or any(kb.knows(w) for w in words):
        return False  # "S26", "GLM-5.1": the number is part of a name token
    numbered = [i for i, p in enumerate(parts) if _VERSION_PART.match(p)]
    last = parts[numbered[0] - 1] if numbered and numbered[0] > 0 else words[-1]
    return not last.isupper() and common_english(last)


_EVENT_YEAR = lazy_compile(r"[A-Z][A-Za-z]{1,7} ?(?:19|20)\d\d")
_EVENT = lazy_compile(rf"(?:[A-Z][\w.&]*[ -])?{alternation('names', 'event')}[ -]?(?:19|20)?\d\d", re.IGNORECASE)
_ORG_SUFFIX = words("names", "org-suffix")
# "ASL-4", "DoD IL4", "SAE L3+": a level or tier (the prefix as written, a short number)
_LEVEL = lazy_compile(
    rf"(?:[A-Z][A-Za-z]{{1,5}} )?(?-i:{alternation('names', 'level-prefix')})[ -]?\d{{1,2}}\+?(?:[ -][Ll]evel)?"
)
# "CVE-2025-1234", "ISO 42001", "HTTP 406", "Q3", "H1": identifiers, standards, periods, labels
_IDENTIFIER = lazy_compile(rf"(?-i:{alternation('names', 'identifier-prefix')})[ \-/:]?\d[\w.\-]*|[HQ][1-4]")
# a size label on its own: "A23B" (active parameters), "E2B" (effective), "4T-token"
_SIZE_ONLY = lazy_compile(r"[AEae]?\d+(?:\.\d+)?[BMKTbmkt](?:-[a-z]+)?")
_NUMBER_FOLLOWER = lazy_compile(
    rf"\s*(?:{alternation('names', 'number-follower')}|{alternation('quantities', 'unit-classifier')})"
)
_FORMAT = rf"(?i:{alternation('names', 'number-format')})\d{{1,2}}"
_NUMBER_FORMAT_JOIN = lazy_compile(rf"{_FORMAT}(?:\+[A-Z][A-Za-z0-9]*)+|[A-Z0-9]+\+{_FORMAT}")
_CALENDAR = frozenset("月日年号號")
_BARE_NUMBER_END = lazy_compile(r"\s\d+(?:\.\d+)?$")


def not_a_product(text: str) -> bool:
    """A level, tier, identifier, standard or bare size that has a name's shape but is no product."""
    if _LEVEL.fullmatch(text) or _IDENTIFIER.fullmatch(text) or _SIZE_ONLY.fullmatch(text):
        return True
    if _NUMBER_FORMAT_JOIN.fullmatch(text):
        return True  # "NVFP4+MTP": number formats and techniques joined, a quantisation recipe
    last = text.rsplit(None, 1)[-1]
    return " " in text and bool(_SIZE_ONLY.fullmatch(last)) and "-" in last  # "Spud 4T-token"


def _counted(segment_text: str, m: Mention) -> bool:
    """The name ends in a separate figure that the next characters make a date, count or amount."""
    figure = _BARE_NUMBER_END.search(m.text)
    if figure is None:
        return False
    follower = _NUMBER_FOLLOWER.match(segment_text, m.end)
    if follower is None:
        return False
    # "2.5 月底" is no date: a decimal is a version before a calendar word
    return "." not in figure.group() or follower.group().strip() not in _CALENDAR


_PRERELEASE = lazy_compile(rf"^{alternation('names', 'prerelease')}\d+$")
_GLUED = lazy_compile(r"\d[A-Z][a-z]{2,}|[a-z]{2,}\d+(?:\.\d+)?[A-Z][a-z]")


def _family_note(text: str, kb: KnowledgeBase) -> str:
    parts = [p for p in _PART_SPLIT.split(text) if p]
    for n in range(len(parts) - 1, 0, -1):
        entry = kb.lookup(" ".join(parts[:n]))
        if entry is not None:
            return f" (it knows '{entry.name}', but not this variant)"
    return ""
