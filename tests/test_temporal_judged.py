"""temporal/judged.py: a judgement shared between dates whose contexts differ only in their
digits (or lie beyond what mood.classify and mood.ahead read) is the judgement each date
gets on its own, on random documents of dates and cue words."""

from __future__ import annotations

import random

from checker.extract.temporal import grammar, mood
from checker.extract.temporal.bounds import IndexedBoundaries
from checker.extract.temporal.judged import DenseMemo, judged_dense

# dates, cue words of every list both functions read, breaks, brackets, runs, question marks
_PIECES = (
    "2025年{m}月{d}日",
    "{m}月{d}日",
    "2025-{mm}-{dd}",
    " 星期三",
    "（週{w}）",
    " 發布",
    "宣布",
    "将于",
    "預計",
    "已",
    "了",
    "截至",
    "前",
    "起",
    "生效",
    "上市",
    "正式发布",
    "據傳",
    "财年",
    "版本",
    "spec ",
    "released on ",
    "by ",
    "《報告",
    "》",
    "（",
    "）",
    "，",
    "、",
    "。",
    "？",
    "?",
    "\n",
    " ",
    "**",
    " \t_ ",
    "的",
    "模型",
    "x",
)


def _document(rng: random.Random, n: int) -> str:
    parts = []
    for _ in range(n):
        piece = rng.choice(_PIECES)
        parts.append(
            piece.format(
                m=rng.randint(1, 12),
                d=rng.randint(1, 28),
                mm=f"{rng.randint(1, 12):02d}",
                dd=f"{rng.randint(1, 28):02d}",
                w=rng.choice("一二三四五六日"),
            )
        )
    return "".join(parts)


def _shared_judgements(text: str) -> int:
    """Each date of `text` judged through the memo equals its direct judgement; how many came
    from the memo."""
    bounds = IndexedBoundaries(text)
    memo: DenseMemo = {}
    shared = 0
    for raw in grammar.scan(text):
        direct_mood, direct_cue = mood.classify(text, raw.start, raw.end, bounds)
        direct_ahead = mood.ahead(text, raw.start, raw.end, bounds) if direct_mood is mood.Mood.EVENT else None
        before = len(memo)
        got = judged_dense(text, raw.start, raw.end, bounds, memo)
        shared += len(memo) == before
        assert got == (direct_mood, direct_cue, direct_ahead), (text[raw.start - 80 : raw.end + 200], raw)
    return shared


def test_shared_judgements_are_those_of_each_date_alone() -> None:
    rng = random.Random(17)
    shared = 0
    for _ in range(60):
        text = _document(rng, rng.randint(20, 400))
        shared += _shared_judgements(text)
    assert shared > 200  # the memo was used, not only filled (360 with this seed)


def _filler(rng: random.Random, n: int) -> str:
    return "".join(f"x{rng.randint(0, 9)}" for _ in range(n // 2))


def _line(rng: random.Random) -> str:
    """Lines of one shape up to their digits and what stands beyond the memo's reach: a cue
    or a question mark 20 to 120 characters after the date, a cue 30 to 60 before it."""
    return "".join(
        (
            "\n",
            "y" * 70,
            rng.choice(("", "宣布", "據傳", "预计", "（", "《")),
            _filler(rng, rng.choice((0, 30, 60))),
            "，",
            f"2025年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
            rng.choice(("", " ", " \t")),
            _filler(rng, rng.choice((0, 20, 32, 36, 40, 60, 120))),
            rng.choice(("", "發布", "将", "生效", "上市了", "）")),
            _filler(rng, rng.choice((0, 20, 60, 120))),
            rng.choice(("。", "？", "")),
        )
    )


def test_contexts_alike_near_the_date_judged_by_what_lies_further() -> None:
    rng = random.Random(5)
    shared = 0
    for _ in range(20):
        text = "".join(_line(rng) for _ in range(300))
        shared += _shared_judgements(text)
    assert shared > 400  # (848 with this seed)


def test_a_line_of_dated_weekdays_is_judged_a_few_times() -> None:
    rng = random.Random(3)
    text = "，".join(f"2025年{rng.randint(1, 12)}月{rng.randint(1, 28)}日 星期三 發布" for _ in range(3000))
    bounds = IndexedBoundaries(text)
    memo: DenseMemo = {}
    raws = [r for r in grammar.scan(text) if r.day is not None]
    for raw in raws:
        judged_dense(text, raw.start, raw.end, bounds, memo)
    assert len(raws) == 3000
    assert len(memo) < len(raws) * 3 // 4  # 2,008 contexts for 3,000 dates (without the digits as 0: 3,000)


def test_connector_gate_agrees_with_the_pattern() -> None:
    """temporal.finding._range_roles tests a gap's last character before _CONNECTOR: the same answers."""
    from checker.extract.temporal.finding import _CONNECTOR, connects

    rng = random.Random(9)
    alphabet = [
        "至",
        "到",
        "~",
        "-",
        "–",
        "—",
        "－",
        "～",
        "to",
        "through",
        " ",
        "\t",
        "*",
        "_",
        "\n",
        "(",
        ")",
        "日",
        "o",
        "h",
        "x",
        "，",
    ]
    gaps = ["", "\n", "至\n", "至\n\n", "to", "To", "(三)至", "（三）至 "]
    gaps += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6)))[:12] for _ in range(20000)]
    assert sum(connects(g) for g in gaps) > 500
    for gap in gaps:
        assert connects(gap) == (_CONNECTOR.match(gap) is not None), repr(gap)


def test_no_word_mood_reads_holds_a_digit() -> None:
    """judged.py reads every ASCII digit as 0: sound while no word of the lists mood.classify
    and mood.ahead match holds a digit (a cue with one could then be told from another)."""
    import re

    from checker.lexicon import words

    lists = {
        "mood": ("plan", "forecast", "hedge", "condition", "question", "deadline", "rumour"),
        "temporal": (
            "plan-phrase", "event", "after-date", "after-date-unless-told", "before-date", "schedule-field",
            "schedule-verb", "fiscal", "not-told", "version-before", "schedule-after", "announce",
            "rumour-extra", "told-done", "headline-adverb", "narrated-before",
        ),
        "names": ("launch",),
    }  # fmt: skip
    for name, keys in lists.items():
        for key in keys:
            listed = words(name, key)
            assert listed, (name, key)
            assert not [w for w in listed if re.search(r"[0-9]", w)], (name, key)


def test_the_memo_window_covers_what_mood_reads() -> None:
    """The key's window is built from mood's own reaches: 60 (+2 for a guard) before the
    date, 40 after it plus a word read from there (at most 16: a launch verb after an adverb)."""
    from checker.extract.temporal import judged

    assert judged._BACK >= judged._REACH_BACK + 2
    assert judged._FWD >= judged._AFTER + 16
