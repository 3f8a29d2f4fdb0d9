"""Event or plan: what the clause around a date says about it.

Only an event (told as done or happening: 發布, 宣布, 已, released) can be "future-
dated"; a plan, forecast, schedule, deadline or condition (將, 預計, 截至, 若, will,
expected, by) may name any date. The decision reads three places, in this order:

1. a name around the date: inside 《…》, a fiscal year (2025財年), 2025年度, 1990年代;
2. a plan cue anywhere between the start of the clause and the date (將於2026年…,
   預計最快將於 2027 年, 到2030年), or a deadline/condition word right after the
   date (12月15日前, 2026年後, 起);
3. an event cue before the date in the same clause (released on Dec 15, 2025;
   已於2025年…);
4. the first cue after the date within the sentence (2026年底编程AI将… is a plan;
   2025年12月15日，Google 宣布… is an event), else an event cue earlier in the
   sentence (發布日期：…).

A range (3月10日至12日) is classified once, from the start of its first date to the
end of its last.

No cue at all leaves the mood UNKNOWN, which date.future does not flag: precision
first. The cue lists are short on purpose; each entry was seen in the corpus.
"""

from __future__ import annotations

import re
from typing import Final

from checker.extract.temporal.bounds import sentence_and_clause_before
from checker.extract.temporal.model import Mood
from checker.lexicon import alternation, words
from checker.text.lazy_regex import lazy_compile
from checker.text.sentences import Boundaries

# enum members read as module globals: on CPython 3.11 `Mood.EVENT` is a descriptor call on
# the enum class (~5x a global load), and the extraction reads dozens of them per date
_MOOD_EVENT: Final = Mood.EVENT
_MOOD_LABEL: Final = Mood.LABEL
_MOOD_PLAN: Final = Mood.PLAN
_MOOD_UNKNOWN: Final = Mood.UNKNOWN

# the plan lexicon (mood.toml) minus rumours and "not yet": a rumoured release dated in the
# past is still told as an event; temporal.toml holds the event verbs. Case-sensitive: "May" is
# a month, "may" a hedge.
_PLAN_LISTS = ("plan", "forecast", "hedge", "condition", "question", "deadline")


def _first_class(*lists: tuple[str, ...]) -> str:
    """A class of the first characters of the lists' words ("" with an empty word: it matches
    at every position)."""
    firsts = {w[:1] for name, *keys in lists for w in words(name, *keys)}
    return "" if "" in firsts else f"[{''.join(re.escape(c) for c in sorted(firsts))}]"


def _led_by_firsts(source: str, *lists: tuple[str, ...]) -> str:
    """`source` (alternations of the lists' words, with guards) led by one lookahead for the
    first characters of all those words: every match starts with one, and at any other position
    one class test fails the pattern where the engine would try each alternation's own test in
    turn (a cue scan of a date's 40-character window: 6.9 -> 4.4 us)."""
    firsts = _first_class(*lists)
    return f"(?={firsts})(?:{source})" if firsts else source


def _cue_source() -> str:
    return (
        rf"(?P<plan>{alternation('mood', *_PLAN_LISTS)}|{alternation('temporal', 'plan-phrase')})"
        rf"|(?P<event>(?<![为為除到]){alternation('temporal', 'event')})"
    )


_CUE_LISTS = (("mood", *_PLAN_LISTS), ("temporal", "plan-phrase", "event"))
_CUE = lazy_compile(lambda: _led_by_firsts(_cue_source(), *_CUE_LISTS))
_CUE_START = lazy_compile(lambda: _first_class(*_CUE_LISTS))  # where a _CUE match can start
# deadline, condition or start right after the date: 12月15日前, 2026年後, 2026年起, 2030年以前;
# 後 only when no 了/已 follows it in the clause (2025年12月後，已發布了… tells an event)
_AFTER_PLAN = lazy_compile(
    rf"[ \t*_)）]*(?:{alternation('temporal', 'after-date')}"
    rf"|{alternation('temporal', 'after-date-unless-told')}(?![，,]?[^，,。]{{0,3}}[了已]))"
)
# "by", "until", "到", "至" right before the date: a deadline or target; "生效日期是",
# "發布日期：": a date given as a schedule field, not told as an event
_BEFORE_PLAN = lazy_compile(
    rf"(?:{alternation('temporal', 'before-date')}"
    rf"|{alternation('temporal', 'schedule-field')}[ \t*_]*(?:{alternation('temporal', 'schedule-verb')}|:|：)?)"
    r"[ \t*_(（]*(?:於|于|在)?[ \t*_]*$",
    re.IGNORECASE,
)
_FISCAL_AFTER = lazy_compile(r"[ \t]*" + alternation("temporal", "fiscal"))
_TITLE_OPEN, _TITLE_CLOSE = "《〈", "》〉"

_BACK_LIMIT = 40
_FWD_LIMIT = 40
_TITLE_REACH = 60  # how far inside_title_quote looks for 《 before a date and 》 after it
QUESTION_MARKS = ("？", "?")


def inside_title_quote(text: str, start: int, end: int) -> bool:
    """Inside 《…》 (titles of books, reports, laws): a name, not a time."""
    lo = max(0, start - _TITLE_REACH)
    if (
        text.find("《", lo, start) < 0 and text.find("〈", lo, start) < 0
    ):  # the usual case: no copy, no scan per bracket
        return False
    before = text[lo:start]
    open_at = max(before.rfind(c) for c in _TITLE_OPEN)
    if open_at < 0:
        return False
    if max(before.rfind(c) for c in _TITLE_CLOSE) > open_at:
        return False
    after = text[end : end + _TITLE_REACH]
    close_at = min((i for i in (after.find(c) for c in _TITLE_CLOSE) if i >= 0), default=-1)
    return close_at >= 0


_NOT_TOLD = lazy_compile(alternation("temporal", "not-told"))
# a date that names a version: spec 2025-11-25, revision 2025-06-18, 2025-06-18 版
_VERSION_BEFORE = lazy_compile(rf"(?:{alternation('temporal', 'version-before')})[ \t*_:：]*[vV]?[ \t]*$")
_VERSION_AFTER = lazy_compile(r"[ \t]*(?:版本|版(?![权權面])|version\b)")
# an enumeration or a new item: 7 月中旬、智谱 GLM-5.2 已在 6-13 (the verb is the next item's)
_ITEM_BREAK = lazy_compile(r"[、；;]")


def classify(text: str, start: int, end: int, bounds: Boundaries | None = None) -> tuple[Mood, str | None]:
    """The mood of the date at [start, end) of a prepared view, and the deciding cue."""
    if bounds is None:
        bounds = Boundaries(text)
    if inside_title_quote(text, start, end):
        return _MOOD_LABEL, "《》"
    fiscal = _FISCAL_AFTER.match(text, end)
    if fiscal:
        return _MOOD_LABEL, fiscal.group(0).strip()
    if text.find("-", start, end) >= 0 and (
        _VERSION_BEFORE.search(text, max(0, start - 24), start) or _VERSION_AFTER.match(text, end)
    ):
        return _MOOD_LABEL, "version"
    sent_start, clause_start = sentence_and_clause_before(bounds, start)
    back_start = max(sent_start, start - _BACK_LIMIT)
    clause_from = max(clause_start, start - _BACK_LIMIT)
    before = _BEFORE_PLAN.search(text, max(back_start, start - 16), start)
    if before:
        return _MOOD_PLAN, before.group(0).strip(" \t*_(（於于在")
    sent_end = bounds.after(end)
    fwd_end = min(sent_end, end + _FWD_LIMIT)
    item_break = _ITEM_BREAK.search(text, end, fwd_end)
    if item_break is not None:
        fwd_end = item_break.start()
    after = _AFTER_PLAN.match(text, end, fwd_end)
    if after:
        return _MOOD_PLAN, after.group(0).strip(" \t*_)）")
    # the last cue in the clause, the last plan cue in it, the last event cue of the sentence;
    # no cue starts in a clause without any of their first characters (a scan in C), and the
    # sentence's last event is then read only if nothing after the date decides
    clause_cues = clause_from < start and _CUE_START.search(text, clause_from, start) is not None
    last_event: re.Match[str] | None = None
    if clause_cues:
        last_in_clause, last_plan, last_event = _back_cues(text, back_start, start, clause_from)
        if last_plan is not None:
            return _MOOD_PLAN, last_plan.group(0)
        if last_in_clause is not None:  # only events left in the clause
            return _MOOD_EVENT, last_in_clause.group(0)
    if text[sent_end : sent_end + 1] in QUESTION_MARKS:
        return _MOOD_PLAN, "？"  # a question: whether it happens is open
    first = _CUE.search(text, end, fwd_end)
    if first:
        if first.lastgroup == "event" and text[end : first.start()].strip(" \t*_") == "的":
            return _MOOD_UNKNOWN, None  # 7月17日的发布: a noun, not told as done
        if first.lastgroup == "event" and _NOT_TOLD.match(text, first.end()):
            # 在2026年2月舉行的峰會, 在12月16日生效前: a verb that describes or bounds
            # another clause, not one that tells the event
            return _MOOD_UNKNOWN, None
        return (_MOOD_PLAN if first.lastgroup == "plan" else _MOOD_EVENT), first.group(0)
    if not clause_cues:
        last_event = _back_cues(text, back_start, start, clause_from)[2]
    if last_event is not None:
        return _MOOD_EVENT, last_event.group(0)
    return _MOOD_UNKNOWN, None


_Cue = re.Match[str] | None


def _back_cues(text: str, back_start: int, start: int, clause_from: int) -> tuple[_Cue, _Cue, _Cue]:
    """(the last cue from `clause_from` on, the last plan cue from there, the last event cue) of
    _CUE's matches in [back_start, start)."""
    last_in_clause = last_plan = last_event = None
    if _CUE_START.search(text, back_start, start) is None:
        return None, None, None
    for m in _CUE.finditer(text, back_start, start):
        if m.start() >= clause_from:
            last_in_clause = m
            if m.lastgroup == "plan":
                last_plan = m
        if m.lastgroup == "event":
            last_event = m
    return last_in_clause, last_plan, last_event


# --- announced ahead ---------------------------------------------------------------------------
# A date can be after the publication date without any error when the article reports what was
# announced for it: a schedule (（7月30日生效）, 2027 年 7 月实施, 8 月 12 日开庭), an
# announcement's content (宣布 8 月 19 日上市), an aside about what was just released
# (发布 Kimi K3（…，7 月 27 日开源）), a schedule in headline style (新设计9月30日正式发布, no
# 于/在 before the date, no 了 after the verb) or a rumour (據傳 4 月 14 日發布). The mood stays an event
# for the other date rules; date.future reads `ahead`.

_SCHEDULE_AFTER = lazy_compile(
    r"[ \t*_]*(?:[(（][^()（）\n]{0,8}[)）])?[^，,。；;、\n]{0,10}?"
    rf"(?P<w>{alternation('temporal', 'schedule-after')})"
)
_ANNOUNCE = lazy_compile(alternation("temporal", "announce"))
_ANNOUNCE_START = lazy_compile(lambda: _first_class(("temporal", "announce")))


def _rumour_source() -> str:
    return rf"{alternation('mood', 'rumour')}|{alternation('temporal', 'rumour-extra')}"


_RUMOUR_LISTS = (("mood", "rumour"), ("temporal", "rumour-extra"))
_RUMOUR = lazy_compile(lambda: _led_by_firsts(_rumour_source(), *_RUMOUR_LISTS))
_RUMOUR_START = lazy_compile(lambda: _first_class(*_RUMOUR_LISTS))
_TOLD_DONE = lazy_compile(alternation("temporal", "told-done"))
_TOLD_AFTER = lazy_compile(r"[^，,。；;、\n]{0,12}?了")
# "部署管道新设计9月30日正式发布": a date followed straight by a bare launch verb, not narrated with
# 于/在 before it, is how feature summaries list what ships on a day ahead
_HEADLINE_LAUNCH = lazy_compile(
    rf"[ \t]*(?:{alternation('temporal', 'headline-adverb')})?(?P<w>{alternation('names', 'launch')})"
)
_NARRATED_BEFORE = lazy_compile(rf"(?:{alternation('temporal', 'narrated-before')})[ \t]*$", re.IGNORECASE)
_NARRATION_REACH = 6
_ASIDE_OPEN = lazy_compile(r"[(（][^()（）\n]*$")
_ASIDE_VERB = lazy_compile(r"[ \t*_]*[^()（）\s，,、；;。][^()（）\n]{0,12}[)）]")
_AHEAD_BACK = 60


def ahead(text: str, start: int, end: int, bounds: Boundaries | None = None) -> str | None:
    """The cue that tells the date at [start, end) as announced ahead, or None."""
    if bounds is None:
        bounds = Boundaries(text)
    # both starts by one look-up (what classify read for the same date)
    sentence_start, clause_start = sentence_and_clause_before(bounds, start)
    clause_start = max(clause_start, start - _BACK_LIMIT)
    if _TOLD_DONE.search(text, clause_start, start) or _TOLD_AFTER.match(text, end):
        return None  # 新條款已於…正式生效, 宣布于8月19日上市了: told as done
    schedule = _SCHEDULE_AFTER.match(text, end, min(len(text), end + 30))
    if schedule is not None:
        return schedule.group("w")
    headline = _HEADLINE_LAUNCH.match(text, end)
    if headline is not None and not _NARRATED_BEFORE.search(text, max(0, start - _NARRATION_REACH), start):
        return headline.group("w")
    sent_start = max(sentence_start, start - _AHEAD_BACK)
    for cues, cue_start in ((_RUMOUR, _RUMOUR_START), (_ANNOUNCE, _ANNOUNCE_START)):
        if cue_start.search(text, sent_start, start) is None:
            continue  # none of the words' first characters: no cue (a scan in C)
        last = None
        for found in cues.finditer(text, sent_start, start):  # the last one is the cue
            last = found
        if last is not None:
            return last.group(0)
    aside = _ASIDE_OPEN.search(text, sent_start, start)
    if aside is not None and aside.start() > sent_start and _ASIDE_VERB.match(text, end):
        return "（…）"
    return None
