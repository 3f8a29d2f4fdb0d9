"""Novelty claims: clauses that present something as new (今日發布, just released; in a daily
digest also a headline telling a release), the names they present, and whether a mention is
told as released (發布了 X, X 已上線). Read by date.stale and date.anachronism."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from checker.extract.names.extract import Mention
from checker.extract.temporal import Kind, extract_dates
from checker.input.documents import Document, Segment
from checker.lexicon import cue_pattern
from checker.text.sentences import sentence_around

# --- clauses and cues --------------------------------------------------------------------------

_CLAUSE_END = re.compile(r"[，,；;。！？!?\n|｜]|(?<=[a-z\)])\.\s")
_NEW_ZH = re.compile(
    r"(?P<cue>今日|今天|今晨|本日|剛剛|刚刚|甫)[^，,。；;！!？?\n]{0,8}?"
    r"(?P<verb>發布|发布|發佈|推出|上線|上线|釋出|释出|亮相|問世|问世|面世|登場|登场|首發|首发|更新|升級|升级)"
    r"|(?P<cue2>剛|刚)(?:正式)?(?P<verb2>發布|发布|發佈|推出|上線|上线|釋出|释出|更新)"
)
_NEW_EN = re.compile(
    r"(?<![A-Za-z])(?P<cue>just|newly)\s+(?:been\s+)?(?P<verb>released|launched|unveiled|announced|shipped"
    r"|updated|dropped)(?![A-Za-z])"
    r"|(?<![A-Za-z])(?P<verb2>released|launched|unveiled|announced|shipped|rolled out|updated)\s+(?:on\s+)?"
    r"(?P<cue2>today)"
    r"(?![A-Za-z])"
    r"|(?<![A-Za-z])(?P<cue3>today)[,]?\s+(?:\w+\s+){0,4}?(?P<verb3>released|launched|unveiled|announced|rolled out"
    r"|updated)(?![A-Za-z])",
    re.IGNORECASE,
)
# an update is news about an existing thing; only a written version makes it "a new release"
UPDATE_VERBS = frozenset({"更新", "升級", "升级", "updated"})
# the name is compared with, or contrasted to, the new thing
_COMPARE = re.compile(
    r"超越|超過|超过|媲美|比肩|對比|对比|相比|相較|相较|不如|優於|优于|勝過|胜过|than|vs\.?|versus|like|compared|surpass",
    re.IGNORECASE,
)
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


@lru_cache(maxsize=512)
def clauses(text: str) -> list[tuple[int, int]]:
    """Clause boundaries of a segment's text (cached: every name in a segment asks)."""
    out = []
    start = 0
    for m in _CLAUSE_END.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(a, b) for a, b in out if b > a]


def novelty_clauses(doc: Document) -> list[Claim]:
    """Clauses presenting something as released today (今日發布, 今日更新, just released)."""

    def compute(d: Document) -> list[Claim]:
        out: list[Claim] = []
        for index, seg in enumerate(d.segments):
            if seg.kind.value not in ("heading", "paragraph", "table"):
                continue
            out.extend(_segment_claims(index, seg))
        return out

    return doc.cached("stale.claims", compute)


# the "just released" is remembered, not reported: 兩年前GPT-4剛發布時, back when it launched
_PAST = re.compile(
    r"年前|個月前|个月前|天前|去年|前年|當年|当年|當時|当时|那時|那时|曾經|曾经|回顧|回顾|以來|以来|自從|自从"
    r"|今年|年初|年中|上半年|下半年|此前|早前|先前|之前"
    r"|ago|back when|back in|recall|since|earlier|previously",
    re.IGNORECASE,
)


def _segment_claims(index: int, seg: Segment) -> Iterator[Claim]:
    text = seg.text
    # the cue words as plain substrings first: the patterns are slow to try at every position
    low = text.lower()
    regexes = []
    if any(c in text for c in "今本剛刚甫"):
        regexes.append(_NEW_ZH)
    if "today" in low or "just" in low or "newly" in low:
        regexes.append(_NEW_EN)
    # neither pattern crosses a clause end, so a segment without a match anywhere has none
    if not any(r.search(text) for r in regexes):
        return
    for a, b in clauses(text):
        clause = text[a:b]
        for regex in regexes:
            m = regex.search(clause)
            if m is None:
                continue
            groups = {k: (v, m.start(k), m.end(k)) for k, v in m.groupdict().items() if v}
            cue = next(v for k, v in groups.items() if k.startswith("cue"))
            verb = next(v for k, v in groups.items() if k.startswith("verb"))
            if _PLAN.search(clause[: m.start()]) or _PAST.search(clause):
                continue  # 將於今日發布 (a plan); 兩年前剛發布時 (a memory)
            yield Claim(index, a, b, cue[0], verb[0], a + min(cue[1], verb[1]), a + max(cue[2], verb[2]))
            break


# A headline of a daily digest reports the day's news even without "today":
# 「- OpenAI釋出 **GPT-5** 預覽版，…」 in an AI日報 of 2026-03-01.
_RELEASE_VERB = re.compile(
    r"(?P<verb>發布|发布|發佈|推出|上線|上线|釋出|释出|亮相|問世|问世|面世|首發|首发"
    r"|releases|released|launches|launched|unveils|unveiled|introduces|introduced|debuts|rolls out)",
    re.IGNORECASE,
)
_DAILY = re.compile(r"日報|日报|每日|早報|早报|晚報|晚报|速遞|速递|快報|快报|daily|news", re.IGNORECASE)
_LEAD = re.compile(r"^[\s*_#>\-+\d.)、]*")


def is_daily_news(doc: Document) -> bool:
    """A digest of one day's news: its title says so, or its prose speaks of today."""
    title = doc.title or ""
    return bool(_DAILY.search(title) or novelty_clauses(doc))


def headline_claims(doc: Document) -> list[Claim]:
    """The first clause of each heading and list item that tells a release."""

    def compute(d: Document) -> list[Claim]:
        out: list[Claim] = []
        for index, seg in enumerate(d.segments):
            heading = seg.kind.value == "heading"
            if not heading and not (seg.kind.value == "paragraph" and "list" in seg.containers):
                continue
            spans = clauses(seg.text)
            if not spans:
                continue
            a, b = spans[0]
            lead = _LEAD.match(seg.text, a)
            clause = seg.text[a:b]
            m = _RELEASE_VERB.search(clause)
            if m is None or _PLAN.search(clause) or _PAST.search(clause):
                continue
            start = a + m.start("verb")
            out.append(
                Claim(index, lead.end() if lead else a, b, "headline", m.group("verb"), start, a + m.end("verb"))
            )
        return out

    return doc.cached("stale.headlines", compute)


# How far the released thing may stand from the verb: 發布了讓全球矚目的 **GPT-5**.
_OBJECT_GAP_ZH = 15
_OBJECT_GAP_EN = 40
_BEFORE_GAP = re.compile(r"^[\s*_「」“”\"'（(]*(?:正式|已經|已经|已|也)?[\s*_]*$")
# what may follow the released thing in its clause: nothing, a release word, a gloss
_HEAD_AFTER = re.compile(
    r"^[\s*_」”\"']*(?:(?:預覽版|预览版|正式版|測試版|测试版|模型|大模型|版本|版|系列|晶片|芯片|preview|model|models"
    r"|series|version|release|beta|chip)(?![A-Za-z]))?[\s*_」”\"']*"
    r"(?:$|[（(:：—\-及和與与、/&]|(?:and|to|for|with|in|on|at|as|which|that|today|this|by)(?![A-Za-z]))",
    re.IGNORECASE,
)
_NO_OBJECT = re.compile(r"^[\s*_了啦！!。.]*$")


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
        if t.kind is Kind.RELATIVE and t.offset_days == 0:
            continue
        if t.start <= published <= (t.end or t.start):
            continue
        return True
    return False


# Not about a thing that exists: plans, forecasts, rumours, roadmaps, negations.
_NOT_YET = cue_pattern("mood", "plan", "forecast", "hedge", "condition", "rumour", "not-yet")
# A release told as done, next to the name: 發布了 X, X 已上線, released X, X was launched.
_RELEASE_BEFORE = re.compile(
    r"(?:發布|发布|發佈|推出|上線|上线|開源|开源|釋出|释出|亮相|問世|问世|面世|登場|登场|首發|首发"
    r"|released|launched|unveiled|introduced|rolled out|shipped|open-sourced)(?:了|的)?[^，,。；;！!？?\n]{0,12}$",
    re.IGNORECASE,
)
_RELEASE_AFTER = re.compile(
    r"^(?:(?!的)[^，,。；;！!？?\n]){0,6}?(?:已經|已经|已|正式|剛|刚)?(?:發布|发布|發佈|推出|上線|上线|開源|开源|釋出|释出|亮相"
    r"|問世|问世|面世|登場|登场|首發|首发)"
    r"|^\s+(?:was|is now|has been|had been|were)\s+(?:officially\s+)?"
    r"(?:released|launched|unveiled|available|rolled out)",
    re.IGNORECASE,
)


def told_as_released(text: str, start: int, end: int) -> bool:
    """The clause tells the release of the name at [start, end) as done, with no plan,
    rumour, roadmap or negation anywhere in its sentence."""
    if _NOT_YET.search(text[slice(*sentence_around(text, start, end))]):
        return False
    clause = next(((a, b) for a, b in clauses(text) if a <= start and end <= b), (start, end))
    return bool(_RELEASE_BEFORE.search(text[clause[0] : start]) or _RELEASE_AFTER.search(text[end : clause[1]]))
