"""The mood cue patterns led by one lookahead for their words' first characters find exactly
what the alternations alone find (mood._led_by_firsts), and classify, which scans a date's
clause and sentence for cues only where one can start, answers as it did with every window
scanned (the reference below)."""

from __future__ import annotations

import random
import re

from checker.extract.temporal import grammar, mood
from checker.extract.temporal.bounds import boundaries_for, sentence_and_clause_before
from checker.extract.temporal.model import Mood
from checker.lexicon import words
from checker.text.sentences import Boundaries


def _pieces(*lists: tuple[str, ...]) -> list[str]:
    cue_words = sorted({w for name, *keys in lists for w in words(name, *keys)})
    noise = ["2025年", "12月15日", " ", "，", "。", "的", "为", "到", "x", "A", "星期三", "**", "\n", "Will", "may"]
    return cue_words + noise * 8


def _matches(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> list[tuple[int, int, str | None]]:
    return [(m.start(), m.end(), m.lastgroup) for m in pattern.finditer(text, lo, hi)]


def test_led_patterns_match_as_the_plain_alternations() -> None:
    rng = random.Random(11)
    cases = [
        (mood._CUE, re.compile(mood._cue_source()), _pieces(*mood._CUE_LISTS)),
        (mood._RUMOUR, re.compile(mood._rumour_source()), _pieces(*mood._RUMOUR_LISTS)),
    ]
    for led, plain, pieces in cases:
        assert led.pattern != plain.pattern  # the lead is there
        found = 0
        for _ in range(3000):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
            lo = rng.randint(0, len(text))
            hi = rng.randint(lo, len(text))
            want = _matches(plain, text, lo, hi)
            assert _matches(led, text, lo, hi) == want, (text, lo, hi)
            assert (led.search(text, lo, hi) is None) == (not want)
            found += len(want)
        assert found > 300  # the texts hold cues


_PLAIN_CUE = re.compile(mood._cue_source())
_PLAIN_RUMOUR = re.compile(mood._rumour_source())


def _classify_reference(text: str, start: int, end: int, bounds: Boundaries | None = None) -> tuple[Mood, str | None]:
    """mood.classify before its cue scans were gated (the plain alternation, every window scanned)."""
    if bounds is None:
        bounds = Boundaries(text)
    if mood.inside_title_quote(text, start, end):
        return Mood.LABEL, "《》"
    fiscal = mood._FISCAL_AFTER.match(text, end)
    if fiscal:
        return Mood.LABEL, fiscal.group(0).strip()
    if "-" in text[start:end] and (
        mood._VERSION_BEFORE.search(text, max(0, start - 24), start) or mood._VERSION_AFTER.match(text, end)
    ):
        return Mood.LABEL, "version"
    sent_start, clause_start = sentence_and_clause_before(bounds, start)
    back_start = max(sent_start, start - mood._BACK_LIMIT)
    clause_from = max(clause_start, start - mood._BACK_LIMIT)
    before = mood._BEFORE_PLAN.search(text, max(back_start, start - 16), start)
    if before:
        return Mood.PLAN, before.group(0).strip(" \t*_(（於于在")
    sent_end = bounds.after(end)
    fwd_end = min(sent_end, end + mood._FWD_LIMIT)
    item_break = mood._ITEM_BREAK.search(text, end, fwd_end)
    if item_break is not None:
        fwd_end = item_break.start()
    after = mood._AFTER_PLAN.match(text, end, fwd_end)
    if after:
        return Mood.PLAN, after.group(0).strip(" \t*_)）")
    # the last cue in the clause, the last plan cue in it, the last event cue of the sentence
    last_in_clause = last_plan = last_event = None
    for m in _PLAIN_CUE.finditer(text, back_start, start):
        if m.start() >= clause_from:
            last_in_clause = m
            if m.lastgroup == "plan":
                last_plan = m
        if m.lastgroup == "event":
            last_event = m
    if last_plan is not None:
        return Mood.PLAN, last_plan.group(0)
    if last_in_clause is not None:  # only events left in the clause
        return Mood.EVENT, last_in_clause.group(0)
    if text[sent_end : sent_end + 1] in ("？", "?"):
        return Mood.PLAN, "？"  # a question: whether it happens is open
    first = _PLAIN_CUE.search(text, end, fwd_end)
    if first:
        if first.lastgroup == "event" and text[end : first.start()].strip(" \t*_") == "的":
            return Mood.UNKNOWN, None  # 7月17日的发布: a noun, not told as done
        if first.lastgroup == "event" and mood._NOT_TOLD.match(text, first.end()):
            # 在2026年2月舉行的峰會, 在12月16日生效前: a verb that describes or bounds
            # another clause, not one that tells the event
            return Mood.UNKNOWN, None
        return (Mood.PLAN if first.lastgroup == "plan" else Mood.EVENT), first.group(0)
    if last_event is not None:
        return Mood.EVENT, last_event.group(0)
    return Mood.UNKNOWN, None


def test_classify_answers_as_with_every_window_scanned() -> None:
    rng = random.Random(5)
    pieces = (
        _pieces(*mood._CUE_LISTS)[::3] + ["2025年5月4日", "12月15日", "、", "？", "。", "，", "星期三 ", "發布"] * 20
    )
    told = ahead = 0
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 30)))
        raws = grammar.scan(text)
        for bounds in (boundaries_for(text, len(raws)), Boundaries(text)):
            for r in raws:
                got = mood.classify(text, r.start, r.end, bounds)
                assert got == _classify_reference(text, r.start, r.end, bounds), (text, r.start)
                said = mood.ahead(text, r.start, r.end, bounds)
                assert said == _ahead_reference(text, r.start, r.end, bounds), (text, r.start)
                ahead += said is not None
                told += got[0] is Mood.EVENT and got[1] is not None
    assert told > 1000  # events decided by cues before and after the date
    assert ahead > 300


def _ahead_reference(text: str, start: int, end: int, bounds: Boundaries | None = None) -> str | None:
    """mood.ahead before its rumour and announcement scans were gated."""
    if bounds is None:
        bounds = Boundaries(text)
    clause_start = max(bounds.before(start, clause=True), start - mood._BACK_LIMIT)
    if mood._TOLD_DONE.search(text, clause_start, start) or mood._TOLD_AFTER.match(text, end):
        return None  # 新條款已於…正式生效, 宣布于8月19日上市了: told as done
    schedule = mood._SCHEDULE_AFTER.match(text, end, min(len(text), end + 30))
    if schedule is not None:
        return schedule.group("w")
    headline = mood._HEADLINE_LAUNCH.match(text, end)
    if headline is not None and not mood._NARRATED_BEFORE.search(text, max(0, start - mood._NARRATION_REACH), start):
        return headline.group("w")
    sent_start = max(bounds.before(start, clause=False), start - mood._AHEAD_BACK)
    for cues in (_PLAIN_RUMOUR, mood._ANNOUNCE):
        found = [c.group(0) for c in cues.finditer(text, sent_start, start)]
        if found:
            return found[-1]
    aside = mood._ASIDE_OPEN.search(text, sent_start, start)
    if aside is not None and aside.start() > sent_start and mood._ASIDE_VERB.match(text, end):
        return "（…）"
    return None
