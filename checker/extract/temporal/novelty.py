"""Novelty claims: clauses that present something as new (今日發布, just released; in a daily
digest also a headline telling a release), the names they present, and whether a mention is
told as released (發布了 X, X 已上線). Read by date.stale and date.anachronism."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick_rs

from checker.extract.literal_scan import SEP, join_texts, text_starts
from checker.extract.names.extract import Mention
from checker.extract.temporal import Kind, Precision, extract_dates
from checker.input.documents import Document, Segment, SegmentKind
from checker.lexicon import alternation, cue_pattern, words
from checker.text.lazy_regex import lazy_compile
from checker.text.sentences import clauses, first_clause, sentence_around

# --- clauses and cues (word lists: checker/lexicon/data/novelty.toml) ---------------------------


def _cue(key: str) -> str:
    return alternation("novelty", key)


_NEW_ZH = lazy_compile(
    rf"(?P<cue>{_cue('today')})[，,]?[^，,。；;！!？?\n]{{0,8}}?(?P<verb>{_cue('today-verb')})"
    rf"|(?P<cue2>{_cue('just')})(?:正式)?(?P<verb2>{_cue('just-verb')})"
)
_NEW_EN = lazy_compile(
    rf"(?P<cue>{_cue('just-en')})\s+(?:been\s+)?(?P<verb>{_cue('just-verb-en')})"
    rf"|(?P<verb2>{_cue('verb-today-en')})\s+(?:on\s+)?(?P<cue2>{_cue('today-en')})"
    rf"|(?P<cue3>{_cue('today-en')})[,]?\s+(?:\w+\s+){{0,4}}?(?P<verb3>{_cue('today-verb-en')})",
    re.IGNORECASE,
)
# an update is news about an existing thing; only a written version makes it "a new release"
UPDATE_VERBS = words("novelty", "update")
# the name is compared with, or contrasted to, the new thing
_COMPARE = cue_pattern("novelty", "compare")
# a plan or a forecast before the cue: 將於今日發布, 預計今日推出 (the mood lexicon). Not
# rumours: 「據稱已推出 GPT-5 預覽版」 still tells old news as today's.
_PLAN = cue_pattern("mood", "plan", "forecast")


@dataclass(frozen=True)
class Claim:
    """A clause that presents something as new (view offsets in its segment)."""

    segment: int
    start: int  # the clause
    end: int
    cue: str
    verb: str
    cue_start: int  # where the cue words begin
    verb_end: int  # where the verb ends


_PROSE = frozenset((SegmentKind.HEADING, SegmentKind.PARAGRAPH, SegmentKind.TABLE))


def novelty_clauses(doc: Document) -> list[Claim]:
    """Clauses presenting something as released today (今日發布, 今日更新, just released)."""

    def compute(d: Document) -> list[Claim]:
        out: list[Claim] = []
        segments = d.segments
        for index, gated in _prose_gates(d).items():  # (in segment order)
            out.extend(_segment_claims(index, segments[index], gated))
        return out

    return doc.cached("stale.claims", compute)


# the "just released" is remembered, not reported: 兩年前GPT-4剛發布時, back when it launched
_PAST = cue_pattern("novelty", "past")


# Every branch of _NEW_ZH holds a cue word and then a verb, and every branch of _NEW_EN (case-
# insensitive) one of its cues and one of its verbs; a headline claim needs a release verb. Each
# as plain lower-case substrings of the `_gate_lower` text (every spelling, guards ignored, so
# never stricter than the patterns: lower() changes no Chinese character): the patterns are
# tried only on a segment that holds both. Found for all of a document's prose in one
# Aho-Corasick pass: searched one alternation per gate and per segment, the gates cost more
# than the patterns behind them. The pass also gives where the patterns can start: every branch
# of _NEW_ZH opens with a cue word, every branch of _NEW_EN with a cue or a verb, so they are
# tried there only (`_first`), not at every position (_NEW_EN opens with a look-ahead: no
# prefix lets the engine skip ahead).
class _GateWords:
    """The gate words, what gates each passes, and which words open a match of _NEW_ZH / _NEW_EN."""

    def __init__(self) -> None:
        def lowered(*keys: str) -> set[str]:
            return {w.lower() for w in words("novelty", *keys)}

        lists = {
            "zh-verb": lowered("today-verb", "just-verb"),
            "zh-cue": lowered("today", "just"),
            "en-verb": lowered("just-verb-en", "verb-today-en", "today-verb-en"),
            "en-cue": lowered("just-en", "today-en"),
            "headline": lowered("headline-verb"),
        }
        self.words = sorted({w for ws in lists.values() for w in ws})
        self.gates = [frozenset(name for name, ws in lists.items() if w in ws) for w in self.words]
        self.opens_zh = [w in lists["zh-cue"] for w in self.words]
        self.opens_en = [w in lists["en-cue"] or w in lists["en-verb"] for w in self.words]
        # Standard match kind: with overlapping=True every occurrence of every word is reported
        self.automaton = ahocorasick_rs.AhoCorasick(self.words)


@lru_cache(maxsize=1)
def _gate_words() -> _GateWords:
    return _GateWords()


# what re.IGNORECASE also matches to an ASCII letter that lower() leaves apart (ſ is s, ı is i;
# İ lowers to i + a combining dot): folded so that a gate on the lowered text is never stricter
_IGNORECASE_EXTRA = {0x17F: "s", 0x131: "i", 0x307: None}


def _gate_lower(text: str) -> str:
    """The text lower-cased for a substring gate before a case-insensitive pattern."""
    low = text.lower()
    if "\u017f" in low or "\u0131" in low or "\u0307" in low:  # rare: translate() is slow on long text
        return low.translate(_IGNORECASE_EXTRA)
    return low


class Gated:
    """What the gate pass found in one text: the gates it passes ("zh-verb", "zh-cue", "en-verb",
    "en-cue", "headline"), and where a match of _NEW_ZH / _NEW_EN can start (sorted text
    offsets; None when its lower case has other offsets than the text: then anywhere)."""

    __slots__ = ("en", "gates", "zh")

    def __init__(self, aligned: bool) -> None:
        self.gates: set[str] = set()
        self.zh: list[int] | None = [] if aligned else None
        self.en: list[int] | None = [] if aligned else None


def gates_of(texts: list[str]) -> dict[int, Gated]:
    """Index of each text that holds a gate word -> what the pass found in it (see Gated), read
    in its `_gate_lower` text."""
    gw = _gate_words()
    low = SEP.join(texts).lower()
    starts = text_starts(texts)
    # lower() lengthens a few characters (İ) and _gate_lower drops one: then text by text, so that
    # each text's offsets in the joined string are its own (but not those of the text itself)
    aligned = not (
        len(low) != sum(map(len, texts)) + len(texts) - 1 or "\u017f" in low or "\u0131" in low or "\u0307" in low
    )
    if not aligned:
        low_texts = [_gate_lower(t) for t in texts]
        low, starts = join_texts(low_texts)
    out: dict[int, Gated] = {}
    for word, start, _ in gw.automaton.find_matches_as_indexes(low, overlapping=True):
        k = bisect.bisect_right(starts, start) - 1
        got = out.get(k)
        if got is None:
            got = out[k] = Gated(aligned)
        got.gates |= gw.gates[word]
        zh, en = got.zh, got.en
        if zh is not None and gw.opens_zh[word]:
            zh.append(start - starts[k])
        if en is not None and gw.opens_en[word]:
            en.append(start - starts[k])
    for got in out.values():  # (reported by where they end)
        if got.zh is not None:
            got.zh.sort()
        if got.en is not None:
            got.en.sort()
    return out


def _prose_gates(doc: Document) -> dict[int, Gated]:
    """Segment index -> what the gate pass found in its text (see gates_of), for the prose
    segments that hold a gate word."""

    def compute(d: Document) -> dict[int, Gated]:
        index = [k for k, seg in enumerate(d.segments) if seg.kind in _PROSE]
        got = gates_of([d.segments[k].text for k in index])
        return {index[k]: got[k] for k in sorted(got)}  # (in segment order)

    return doc.cached("stale.gates", compute)


def _first(regex: re.Pattern[str], text: str, opens: list[int] | None, offset: int) -> re.Match[str] | None:
    """`regex.search(text)`, tried only where a match can start: `opens` (offsets of `text`
    shifted by `offset`, sorted; None: anywhere). The leftmost of them that matches is the
    match search finds: every match starts at one."""
    if opens is None:
        return regex.search(text)
    n = len(text)
    for k in range(bisect.bisect_left(opens, offset), len(opens)):
        at = opens[k] - offset
        if at >= n:
            break
        m = regex.match(text, at)
        if m is not None:
            return m
    return None


def _segment_claims(index: int, seg: Segment, gated: Gated) -> Iterator[Claim]:
    text = seg.text
    gates = gated.gates
    # the cue words as plain substrings first (`gates`): the patterns are slow to try at every position
    regexes: list[tuple[re.Pattern[str], list[int] | None]] = []
    if "zh-verb" in gates and "zh-cue" in gates:
        regexes.append((_NEW_ZH, gated.zh))
    if "en-verb" in gates and "en-cue" in gates:
        regexes.append((_NEW_EN, gated.en))
    # neither pattern crosses a clause end, so a segment without a match anywhere has none
    if not any(_first(r, text, opens, 0) is not None for r, opens in regexes):
        return
    for a, b in _cue_joined(text, clauses(text, colons=False)):
        clause = text[a:b]
        for regex, opens in regexes:
            m = _first(regex, clause, opens, a)
            if m is None:
                continue
            groups = {k: (v, m.start(k), m.end(k)) for k, v in m.groupdict().items() if v}
            cue = next(v for k, v in groups.items() if k.startswith("cue"))
            verb = next(v for k, v in groups.items() if k.startswith("verb"))
            if _PLAN.search(clause[: m.start()]) or _PAST.search(clause):
                continue  # 將於今日發布 (a plan); 兩年前剛發布時 (a memory)
            yield Claim(index, a, b, cue[0], verb[0], a + min(cue[1], verb[1]), a + max(cue[2], verb[2]))
            break


# A clause that is only the cue: "This week, Meta released X", 「本週，OpenAI 發布了 X」
_CUE_ONLY = lazy_compile(rf"^[\s*_]*(?:{_cue('today-en')}|{_cue('today')})[\s*_]*$", re.IGNORECASE)


def _cue_joined(text: str, parts: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """Clauses, with a clause that holds only the cue joined to the clause after it."""
    out: list[tuple[int, int]] = []
    for a, b in parts:
        if out and out[-1][1] <= a and _CUE_ONLY.match(text[out[-1][0] : out[-1][1]]):
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


# A headline of a daily digest reports the day's news even without "today":
# 「- OpenAI釋出 **GPT-5** 預覽版，…」 in an AI日報 of 2026-03-01.
_RELEASE_VERB = lazy_compile(f"(?P<verb>{_cue('headline-verb')})", re.IGNORECASE)
_DAILY = cue_pattern("novelty", "daily")
_LEAD = lazy_compile(r"^[\s*_#>\-+\d.)、]*")


def is_daily_news(doc: Document) -> bool:
    """A digest of one day's news: its title says so, or its prose speaks of today."""
    title = doc.title or ""
    return bool(_DAILY.search(title) or novelty_clauses(doc))


def headline_claims(doc: Document) -> list[Claim]:
    """The first clause of each heading and list item that tells a release."""

    def compute(d: Document) -> list[Claim]:
        out: list[Claim] = []
        gated = _prose_gates(d)
        for index, seg in enumerate(d.segments):
            kind = seg.kind
            if kind is not SegmentKind.HEADING and not (kind is SegmentKind.PARAGRAPH and "list" in seg.containers):
                continue
            found = gated.get(index)
            if found is None or "headline" not in found.gates:
                continue  # no release verb anywhere in it, so none in its first clause
            text = seg.text
            first = first_clause(text, colons=False)
            if first is None:
                continue
            a, b = first
            clause = text[a:b]
            m = _RELEASE_VERB.search(clause)
            if m is None or _PLAN.search(clause) or _PAST.search(clause):
                continue
            lead = _LEAD.match(text, a)
            start = a + m.start("verb")
            out.append(
                Claim(index, lead.end() if lead else a, b, "headline", m.group("verb"), start, a + m.end("verb"))
            )
        return out

    return doc.cached("stale.headlines", compute)


# How far the released thing may stand from the verb: 發布了讓全球矚目的 **GPT-5**.
_OBJECT_GAP_ZH = 15
_OBJECT_GAP_EN = 40
_BEFORE_GAP = lazy_compile(rf"^[\s*_「」“”\"'（(]*{_cue('object-before')}?[\s*_]*$")
# what may follow the released thing in its clause: nothing, a release word, a gloss
_HEAD_AFTER = lazy_compile(
    rf"^[\s*_」”\"']*{_cue('object-noun')}?[\s*_」”\"']*"
    rf"(?:$|[（(:：—\-及和與与、/&[]|{_cue('object-follow')})",
    re.IGNORECASE,
)
_NO_OBJECT = lazy_compile(r"^[\s*_了啦！!。.]*$")


def subject_of(claim: Claim, doc: Document, mentions: list[Mention]) -> list[Mention]:
    """The names the clause presents as new: the object right after the verb (今日釋出
    GPT-5, just released X), or the subject right before the cue when nothing follows the
    verb (GPT-5 今日發布). Not the actor (Qwen3 series just dropped two tools), not what
    the new thing is compared with (超越 GPT-5)."""
    text = doc.segments[claim.segment].text
    latin = claim.verb.isascii()
    out = []
    for m in mentions:
        if m.segment != claim.segment or not (claim.start <= m.start and m.end <= claim.end) or m.quoted:
            continue
        if m.start >= claim.verb_end:
            gap = text[claim.verb_end : m.start]
            if len(gap) > (_OBJECT_GAP_EN if latin else _OBJECT_GAP_ZH) or _COMPARE.search(gap):
                continue
            if not _HEAD_AFTER.match(text[m.end : claim.end]):
                continue  # 「Qwen2.5系列實測報告」: the name modifies what was released
        elif m.end <= claim.cue_start:
            if not _BEFORE_GAP.match(text[m.end : claim.cue_start]):
                continue
            if not _NO_OBJECT.match(text[claim.verb_end : claim.end]):
                continue
        else:
            continue
        out.append(m)
    return out


def dated_elsewhere(claim: Claim, doc: Document, published: dt.date) -> bool:
    """The clause dates its event itself, to another day (百度在6月30日…開源): not "today"."""
    span = doc.segments[claim.segment].to_source(claim.start, claim.end)
    for t in extract_dates(doc):
        if not (span.start <= t.span.start and t.span.end <= span.end) or t.start is None:
            continue
        if t.kind is Kind.RELATIVE and (t.offset_days == 0 or t.precision is Precision.WEEK):
            continue  # the cue itself: 今天, 本週, last week
        if t.start <= published <= (t.end or t.start):
            continue
        return True
    return False


# Not about a thing that exists: plans, forecasts, rumours, roadmaps, negations.
_NOT_YET = cue_pattern("mood", "plan", "forecast", "hedge", "condition", "rumour", "not-yet")
# A release told as done, next to the name: 發布了 X, X 已上線, released X, X was launched.
_RELEASE_BEFORE = lazy_compile(
    rf"{alternation('novelty', 'release', 'release-en')}(?:了|的)?[^，,。；;！!？?\n]{{0,12}}$", re.IGNORECASE
)
_RELEASE_AFTER = lazy_compile(
    rf"^(?:(?!的)[^，,。；;！!？?\n]){{0,6}}?{_cue('release-adverb')}?{_cue('release')}"
    rf"|^\s+{_cue('release-aux-en')}\s+(?:officially\s+)?{_cue('released-en')}",
    re.IGNORECASE,
)


def told_as_released(text: str, start: int, end: int) -> bool:
    """The clause tells the release of the name at [start, end) as done, with no plan,
    rumour, roadmap or negation anywhere in its sentence."""
    if _NOT_YET.search(text[slice(*sentence_around(text, start, end))]):
        return False
    clause = next(((a, b) for a, b in clauses(text, colons=False) if a <= start and end <= b), (start, end))
    return bool(_RELEASE_BEFORE.search(text[clause[0] : start]) or _RELEASE_AFTER.search(text[end : clause[1]]))
