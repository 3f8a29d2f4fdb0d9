"""The fast paths of the temporal extraction give the answers of the plain ones:
IndexedBoundaries (temporal/bounds.py) those of sentences.Boundaries at every position of
random texts made of breaks, full stops, letters, digits, spaces and Han; the overlap
resolution of the grammar those of a sorted-list greedy; a document of dates stays linear."""

from __future__ import annotations

import bisect
import random
import re
from pathlib import Path

import pytest

from checker.extract.temporal import grammar
from checker.extract.temporal.bounds import IndexedBoundaries, sentence_and_clause_before
from checker.extract.temporal.grammar import Raw
from checker.text.sentences import REACH, Boundaries

_ALPHABET = "。！？!?；;\n|｜，,、：:.... ab9)]\"'\t年月日中x.."


def _texts() -> list[str]:
    rng = random.Random(12)
    out = ["", ".", "a.", "a. b", "中文。", "v1.5 and 3.14. Done.", "2025年1月1日、2025年2月2日" * 40]
    for n in (5, 40, REACH - 1, REACH, REACH + 1, 3 * REACH + 17):
        out.extend("".join(rng.choice(_ALPHABET) for _ in range(n)) for _ in range(25))
    # long stretches without any break: the REACH limit decides
    out.append("a" * (2 * REACH) + "." + " " + "b" * (3 * REACH))
    out.append("x" * (REACH + 3) + "a." + "y" * (REACH + 5))
    return out


@pytest.mark.parametrize("clause", [False, True])
def test_same_answers_as_boundaries(clause: bool) -> None:
    for text in _texts():
        plain, indexed = Boundaries(text), IndexedBoundaries(text)
        for pos in range(len(text) + 1):
            assert indexed.before(pos, clause=clause) == plain.before(pos, clause=clause), (text, pos)
            assert indexed.after(pos, clause=clause) == plain.after(pos, clause=clause), (text, pos)


def test_both_starts_at_once_are_the_two_lookups() -> None:
    for text in _texts():
        plain, indexed = Boundaries(text), IndexedBoundaries(text)
        for pos in range(len(text) + 2):
            want = (plain.before(pos, clause=False), plain.before(pos, clause=True))
            assert sentence_and_clause_before(indexed, pos) == want, (text, pos)
            assert sentence_and_clause_before(plain, pos) == want, (text, pos)


def test_positions_outside_the_text_fall_back() -> None:
    text = "ab. cd，ef"
    plain, indexed = Boundaries(text), IndexedBoundaries(text)
    for pos in (len(text) + 1, len(text) + REACH + 5):
        assert indexed.before(pos, clause=True) == plain.before(pos, clause=True)
        assert indexed.after(pos) == plain.after(pos)


def test_a_line_of_dates_finds_each_clause_start() -> None:
    text = "、".join(["2025年1月1日"] * 100)
    b = IndexedBoundaries(text)
    assert b.before(15, clause=True) == 10  # after the first 、
    assert b.before(20, clause=True) == 20  # right after the second
    assert b.before(20, clause=False) == 0  # no sentence break on the line
    assert b.after(0, clause=True) == 9


def _greedy(found: list[Raw]) -> list[Raw]:
    """The plain greedy: longest first (fiscal first of all), then earliest; kept when it
    overlaps no kept interval (a sorted list, bisected)."""
    order = sorted(found, key=lambda r: (-(r.end - r.start) - (100 if r.family == "fiscal" else 0), r.start))
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Raw] = []
    for r in order:
        k = bisect.bisect_left(starts, r.end)
        if k > 0 and ends[k - 1] > r.start:
            continue
        starts.insert(k, r.start)
        ends.insert(k, r.end)
        kept.append(r)
    return sorted(kept, key=lambda r: r.start)


def test_overlaps_resolved_as_the_plain_greedy() -> None:
    rng = random.Random(17)
    for _ in range(300):
        found = []
        for _ in range(rng.randint(1, 40)):
            a = rng.randint(0, 120)
            length = rng.choice((1, 2, 4, 9, 11, 20))  # never empty: every pattern reads a character
            found.append(Raw(a, a + length, rng.choice(("ymd", "iso", "fiscal"))))
        got = grammar._resolve_overlaps(list(found))
        assert [(r.start, r.end, r.family) for r in got] == [(r.start, r.end, r.family) for r in _greedy(found)]


_NOVELTY_SAMPLES = [
    "OpenAI 今日發布 GPT-5",
    "智譜剛剛正式推出 GLM-5",
    "OpenAI 则发布了 o3",
    "本週，Meta 上線了 Llama 5",
    "Google just released Gemini 3",
    "JUST LAUNCHED: Claude 5",
    "Anthropic rolled out today its Claude app",
    "Today, OpenAI finally released GPT-5",
    "Sora was juſt ſhipped",  # re.IGNORECASE reads ſ as s
    "Gemini newly İntroduced",  # not a claim, but the gate must not be what decides it
    "This week Meta unveiled Llama 5",
]


def test_novelty_gates_never_stricter_than_the_patterns() -> None:
    from checker.extract.temporal import novelty as nv

    matched = 0
    # read one by one and all at once (a document's prose in one pass): the same gates
    together = nv.gates_of(_NOVELTY_SAMPLES)
    for k, text in enumerate(_NOVELTY_SAMPLES):
        alone = nv.gates_of([text]).get(0)
        gates = alone.gates if alone is not None else set()
        assert gates == (together[k].gates if k in together else set()), text
        if nv._NEW_ZH.search(text):
            matched += 1
            assert {"zh-verb", "zh-cue"} <= gates, text
        if nv._NEW_EN.search(text):
            matched += 1
            assert {"en-verb", "en-cue"} <= gates, text
        if nv._RELEASE_VERB.search(text):
            assert "headline" in gates, text
    assert matched >= 9
    # and they do say "nothing here" where no cue and verb stand
    quiet = "上海的這個模型在基準測試中領先，則是另一回事。This model leads the benchmark."
    found = nv.gates_of([quiet]).get(0)
    gates = found.gates if found is not None else set()
    assert not {"zh-verb", "zh-cue"} <= gates
    assert not {"en-verb", "en-cue"} <= gates
    assert "headline" not in gates
    # a text whose lower case is longer (İ) moves the next text's offsets: each keeps its own gates
    shifted = nv.gates_of(["İİİ Gemini", "Google just released Gemini 3", "上海"])
    assert list(shifted) == [1] and {"en-verb", "en-cue"} <= shifted[1].gates
    assert shifted[1].en is None  # its offsets in the lowered text are not its own: read anywhere


def test_novelty_patterns_tried_where_they_open_find_what_search_finds() -> None:
    """_first tries _NEW_ZH / _NEW_EN only where the gate pass found a word that opens them:
    the same match as a search of the whole text and of every clause, on the samples and on
    mixes of their words (cue and verb words, case changed, clause breaks, look-behind guards)."""
    import random

    from checker.extract.temporal import novelty as nv
    from checker.text.sentences import clauses

    rng = random.Random(11)
    pieces = [*_NOVELTY_SAMPLES, "今日", "剛剛", "則", "發布了", "上線", "Just", "TODAY", "released", "rolled out"]
    pieces += ["，", "。", "\n", " ", "x", "Ajust released", "本週", "this week", "newly ", "上", "了"]
    texts = list(_NOVELTY_SAMPLES)
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    compared = 0
    for text in texts:
        gated = nv.gates_of([text]).get(0)
        if gated is None:
            continue
        for regex, opens in ((nv._NEW_ZH, gated.zh), (nv._NEW_EN, gated.en)):
            want = regex.search(text)
            got = nv._first(regex, text, opens, 0)
            assert (got and got.span()) == (want and want.span()), text
            for a, b in clauses(text, colons=False):
                want = regex.search(text[a:b])
                got = nv._first(regex, text[a:b], opens, a)
                assert (got and got.span()) == (want and want.span()), (text, a, b)
                compared += want is not None and opens is not None
    assert compared > 500


def test_published_label_gate_agrees_with_the_pattern() -> None:
    from checker.input import published as pb

    for before in ("發布日期：", "**更新日期:** ", "Published: ", "日期 ：\t", "發布日期", "今天是", "\x00abc: "):
        assert pb._labelled(before) == bool(pb._METADATA.search(before)), before
    assert pb._labelled("**發布日期：** ")


def test_markers_grouped_by_first_character_match_as_the_flat_alternation() -> None:
    from checker.extract.temporal import patterns

    flat = re.compile("|".join(patterns._HOT_MARKERS))
    rng = random.Random(3)
    alphabet = "年月天周週期前后後以之今昨明本这這上下去个個一日星礼禮12 09JanFebMayQH TYLNext()（）週周星期二三"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        got = [(m.start(), m.group(0)) for m in patterns._HOT.finditer(text)]
        assert got == [(m.start(), m.group(0)) for m in flat.finditer(text)], text
    assert patterns._HOT.search("2025年").group(0) == "2025"


def test_dateline_around_agrees_with_the_line_copies() -> None:
    from checker.input.published import dateline_around, is_dateline, starts_with_dateline

    lines = [
        "上海2025年10月8日 /美通社/ -- 某公司宣布",
        "> **香港** 2025年2月11日 /美通社/",
        "北京 3月5日電 —— 新華社",
        "  -  *Taipei* 12月1日 reported by CNA",
        "今天是2025年12月15日，OpenAI 發布了 GPT-5",
        "   " + "2025年1月1日、" * 40 + "2025年2月2日 /美通社/",
        "發布會將於2026年3月1日舉行 /美通社/",
        "\t\t紐約 1月2日電",
        "上海2025年10月8日 /美通社/ -- " + "2025年1月1日、" * 30,  # dates far into a dateline's line
    ]
    for line in lines:
        text = "# T\n\n" + line + "\n"
        lo, hi = 5, 5 + len(line)
        for m in re.finditer(r"(?:(?:19|20)\d\d年)?\d{1,2}月\d{1,2}[日電]?", line):
            start, end = lo + m.start(), lo + m.end()
            before, after = text[lo:start], text[end:hi]
            want = starts_with_dateline(before) or is_dateline(before, after)
            assert dateline_around(text, lo, start, end, hi) == want, (line, m.group(0))
    assert dateline_around("上海2025年10月8日 /美通社/", 0, 2, 13, 20)


@pytest.mark.parametrize(
    ("text", "family_value"),
    [
        ("2025-2026年", "2025"),
        ("2025 年至 2026 年", "2025"),
        ("2025H1 營收", "2025-H1"),
        ("2025上半年", "2025-H1"),
        ("2025 財年", "FY"),
        ("2025 fiscal year", "FY"),
        ("2025 Q3", "2025-Q3"),
    ],
)
def test_year_led_patterns_still_read_after_their_gates(text: str, family_value: str) -> None:
    from checker.extract.temporal import scan_text

    assert family_value in [m.value for m in scan_text(text)], [m.value for m in scan_text(text)]


@pytest.mark.parametrize(
    ("line", "inside"),
    [
        ("他说「今天", True),  # 「 opened on this line, not closed
        ("他说「好」今天", False),
        ("他說“明天", True),
        ('He said "today', True),
        ('He said "so" today', False),
        ("《今天", True),
        ("今天", False),
    ],
)
def test_inside_quotes_counts_the_marks_of_the_offsets_line(tmp_path: Path, line: str, inside: bool) -> None:
    from checker.core.config import Config
    from checker.core.engine import load_inputs
    from checker.extract.temporal.dating import _inside_quotes

    # a quote left open on the line before does not reach this one
    text = f"# T\n\n前一行「未闭合\n\n{line}\n"
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    docs, errors = load_inputs([str(path)], Config(root=tmp_path))
    assert not errors
    offset = text.index(line) + len(line) - (5 if line.endswith("today") else 2)
    assert _inside_quotes(docs[0], offset) is inside


def test_line_starts_are_those_of_a_search_back() -> None:
    from checker.extract.temporal.listyear import LineStarts as _LineStarts

    rng = random.Random(3)
    for _ in range(200):
        text = "".join(rng.choice("ab\n年") for _ in range(rng.randint(0, 30)))
        lines = _LineStarts(text)
        for at in range(len(text) + 1):
            assert lines.start_of(at) == text.rfind("\n", 0, at) + 1, (text, at)


def test_merged_windows_are_those_of_the_sorting_merge() -> None:
    # grammar._merge_windows merges in one pass when the windows come in order of their start,
    # and falls back to the sorting merge otherwise: the same spans either way
    rng = random.Random(17)
    for _ in range(2000):
        n = rng.randint(1, 80)
        windows = []
        for _ in range(rng.randint(0, 12)):
            s = rng.randrange(n)
            windows.append((s - rng.randint(0, 12), s + rng.randint(1, 24)))
        if rng.random() < 0.7:
            windows.sort(key=lambda w: w[0])
        want = grammar._merge([(max(0, a), min(n, b)) for a, b in windows])
        assert grammar._merge_windows(windows, n) == want, (windows, n)


def test_link_opens_answers_as_the_link_open_pattern() -> None:
    """_link_opens finds the [ of a link text by string search: the same answers as _LINK_OPEN
    (a look-behind, a run, `$` before a final newline) on every short text of these characters,
    and with the 400-character window's edge."""
    import random

    from checker.extract.temporal.finding import _LINK_OPEN, _link_opens

    rng = random.Random(7)
    for _ in range(20000):
        text = "".join(rng.choice("[]!\nab ") for _ in range(rng.randint(0, 12)))
        for at in range(len(text) + 1):
            assert _link_opens(text, at) == (_LINK_OPEN.search(text, max(0, at - 400), at) is not None), (text, at)
    far = "[" + "a" * 400 + "b"
    assert _link_opens(far, len(far)) == (_LINK_OPEN.search(far, len(far) - 400, len(far)) is not None) is False
    assert _link_opens("see [the 2025", 13) and not _link_opens("![the 2025", 10)


def test_sentence_runs_read_inside_clause_runs_are_the_scanned_ones() -> None:
    """IndexedBoundaries reads the sentence-break runs inside the clause-break runs and the full
    stops from the "." characters: the same lists as scanning the text with each pattern."""
    import random
    import re

    from checker.extract.temporal import bounds as b
    from checker.text.sentences import CLAUSE_BREAKS, SENTENCE_BREAKS

    one_sentence, one_clause = re.compile(SENTENCE_BREAKS[:-1]), re.compile(CLAUSE_BREAKS[:-1])
    chars = [chr(c) for c in range(0x10000)]
    assert {c for c in chars if one_sentence.fullmatch(c)} == b.SENTENCE_CHARS
    assert {c for c in chars if one_clause.fullmatch(c)} >= b.SENTENCE_CHARS
    rng = random.Random(3)
    alphabet = "。！？!?；;\n|｜，,、：:. aZ9)'\"\t"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        clause = b._runs(text, b._CLAUSE_RUN)
        sentence = b._sentence_runs(text, clause)
        scanned = [m.span() for m in b._SENTENCE_RUN.finditer(text)]
        assert list(zip(sentence.starts, sentence.ends, strict=True)) == scanned, text
        n = len(text)
        stops = [m.start() for m in b._DOT.finditer(text) if m.start() + 1 == n or text[m.start() + 1].isspace()]
        assert b._full_stops(text) == stops, text


def test_ymd_tried_at_digit_runs_finds_what_finditer_finds() -> None:
    """grammar._ymd_matches tries _YMD only where a run of ASCII digits starts: the same matches
    as its finditer over the window, on mixes of dates, digits, dots, NULs and windows that cut a run."""
    import random

    from checker.extract.temporal import grammar
    from checker.extract.temporal.patterns import _YMD

    rng = random.Random(5)
    pieces = ["2025", "年", "12", "月", "3", "日", "号", " ", ".", "\x00", "0", "份", "上旬", "x", "１", "19", "9"]
    pieces += ["2025年", "12月", "3日", "1999 年 1 月", "7月", "2026年3月14日"]
    found = 0
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        want = [m.span() for m in _YMD.finditer(text, lo, hi)]
        assert [m.span() for m in grammar._ymd_matches(text, lo, hi)] == want, (text, lo, hi)
        found += len(want)
    assert found > 800
