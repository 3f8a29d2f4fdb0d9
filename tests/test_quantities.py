"""The quantity extractor and its attribution: values, intervals, what is not a quantity."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from checker.rules.number.conflict import ConflictOptions

from checker.core.config import Config
from checker.core.engine import load_inputs
from checker.core.model import Span
from checker.extract.quantities import conflicts
from checker.extract.quantities.attribute import (
    find_entities,
    find_measures,
    find_time,
    names_one_model,
    normalise_name,
)
from checker.extract.quantities.numerals import arabic_precision, interval_of, numbers_in, parse_chinese_numeral
from checker.extract.quantities.recognise import Quantity, extract_quantities
from checker.extract.quantities.statements import Statement
from checker.input.documents import Document
from checker.text.view import reader_view


def one(text: str) -> tuple[str, float, float, float, str, str | None]:
    """The single quantity of a text: (text, value, low, high, unit, hedge)."""
    found = numbers_in(text)
    assert len(found) == 1, [r.text for r in found]
    raw = found[0]
    low, high = interval_of(raw)
    return raw.text, raw.value, low, high, raw.unit, raw.hedge


def doc_of(tmp_path: Path, text: str, name: str = "a.md") -> Document:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    docs, errors = load_inputs([str(path)], Config(root=tmp_path))
    assert not errors
    return docs[0]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("8000亿", 8e11, ""),
        ("八千亿美元", 8e11, "USD"),
        ("1.2万人", 1.2e4, "people"),
        ("8 亿用户", 8e8, "users"),
        ("3.5亿美元", 3.5e8, "USD"),
        ("557.6万", 5.576e6, ""),
        ("2,048 塊 H800", 2048, "gpus"),
        ("两万字", 2e4, "cls:字"),
        ("671B 參數", 6.71e11, "params"),
        ("800B", 8e11, "params"),
        ("$13 billion", 1.3e10, "USD"),
        ("€5 million", 5e6, "EUR"),
        ("30 亿港元", 3e9, "HKD"),
        ("人民币 50 亿", 5e9, "CNY"),
        ("提升 3 个百分点", 3, "pp"),
        ("快 5 倍", 5, "x"),
        ("128K tokens", 1.28e5, "tokens"),
        ("3.35 TB/s", 3.35, "TB/s"),
    ],
)
def test_values_scales_and_units(text: str, value: float, unit: str) -> None:
    from checker.extract.quantities.measure import refine_unit

    raw = numbers_in(text)[0]
    refine_unit(raw, text)  # counted nouns are read from the words after the figure
    assert raw.value == pytest.approx(value)
    assert raw.unit == unit


def test_emphasis_split_number_is_one_quantity() -> None:
    clean = reader_view("成本仅 **19.5** 万美元").text
    assert one(clean)[:2] == ("19.5 万美元", 1.95e5)


def test_chinese_numerals_and_their_precision() -> None:
    assert parse_chinese_numeral("百亿") == (1e10, 1e10)
    assert parse_chinese_numeral("八千亿") == (8e11, 1e11)
    assert parse_chinese_numeral("一千二百万") == (1.2e7, 1e6)
    assert parse_chinese_numeral("两万") == (2e4, 1e4)


def test_precision_intervals() -> None:
    # 550 萬 is 545–555 萬; 560 萬 starts where it ends (half-open): they cannot overlap
    _, _, low, high, _, _ = one("550 萬美元")
    assert (low, high) == (5.45e6, 5.55e6)
    assert one("560 萬美元")[2] == 5.55e6
    # a round number allows a quarter either way at most: 2000 covers 2048
    assert one("2000 塊")[2:4] == (1500, 2500)
    assert one("10亿")[2:4] == (7.5e8, 1.25e9)
    # 百亿 is an order of magnitude: 50–150 亿, so 130 亿 fits
    assert one("收入百亿")[2:4] == (5e9, 1.5e10)
    value, unit = arabic_precision("19.5")
    assert value == 19.5
    assert unit == pytest.approx(0.1)


@pytest.mark.parametrize(
    ("text", "hedge", "low", "high"),
    [
        ("約550萬美元", "approx", 4.675e6, 6.325e6),
        ("超過 30 億美元", "lower", 2.5e9, math.inf),  # 30 is 25–35 億: a round figure
        ("超過 32 億美元", "lower", 3.15e9, math.inf),
        ("不到 10%", "upper", -math.inf, 12.5),
        ("30多亿美元", "plus", 3e9, 4e9),
        ("逾 100 万用户", "lower", 7.5e5, math.inf),
        ("over $250 million", "lower", 2.45e8, math.inf),
        ("about 40%", "approx", 34, 46),
    ],
)
def test_hedges_widen_or_open_the_interval(text: str, hedge: str, low: float, high: float) -> None:
    _, _, lo, hi, _, h = one(text)
    assert h == hedge
    assert lo == pytest.approx(low)
    assert hi == pytest.approx(high) if not math.isinf(high) else math.isinf(hi)


@pytest.mark.parametrize(
    ("text", "low", "high", "unit"),
    [
        ("30–40%", 29.5, 40.5, "%"),
        ("3000万至5000万美元", 2.9e7, 5.1e7, "USD"),
        ("3-5亿美元", 2.9e8, 5.1e8, "USD"),
        ("5-10倍", 4.75, 10.25, "x"),
    ],
)
def test_ranges(text: str, low: float, high: float, unit: str) -> None:
    _, _, lo, hi, u, hedge = one(text)
    assert (hedge, u) == ("range", unit)
    assert lo == pytest.approx(low)
    assert hi == pytest.approx(high)


@pytest.mark.parametrize(
    "text",
    [
        "GPT-4 與 Qwen3-1.7B、H800 和 MATH-500",  # versions and names
        "2025年3月15日，2025-12-08，12/25",  # dates
        "12:30 開會",  # times of day
        "第3名，Top 10，财富500强",  # ordinals and rankings
        "Claude 3.5 Sonnet 與 Gemini 2.5 Pro",  # versions after a name
        "3.0版本",  # a version
        "万能钥匙，千万不要",  # words made of numerals
        "数百万用户，几十亿美元",  # vague amounts
        "AIME 2024",  # a year in a name
    ],
)
def test_not_quantities(text: str) -> None:
    assert numbers_in(text) == []


def test_list_numbering_is_dropped_but_the_rest_is_read() -> None:
    assert [r.text for r in numbers_in("1. 公司融資 5 億美元")] == ["5 億美元"]


def test_entities_in_mixed_text() -> None:
    ents = find_entities("DeepSeek 以 560 萬美元訓練出 V3 模型，使用英偉達 H800，Claude Opus 4.6 在 SWE-bench 上")
    kinds = {e.text: e.kind for e in ents}
    assert kinds["DeepSeek"] == "org"
    assert kinds["V3"] == "variant"
    assert kinds["英偉達"] == "org"
    assert kinds["H800"] == "chip"
    assert kinds["Claude Opus 4.6"] == "product"
    assert kinds["SWE-bench"] == "benchmark"
    # a capitalised word opening an English sentence is not a name
    assert find_entities("Revenue jumped to $13 billion") == []


def test_names_unify_scripts_spellings_and_aliases() -> None:
    assert normalise_name("英偉達") == normalise_name("英伟达") == normalise_name("輝達") == "nvidia"
    assert normalise_name("深度求索") == "deepseek"
    assert normalise_name("DeepSeek V3") == normalise_name("DeepSeek-V3") == "deepseek-v3"
    assert names_one_model("deepseek-v3") and names_one_model("claude-mythos-preview")
    assert not names_one_model("google") and not names_one_model("claude")


def test_measures_and_times() -> None:
    words = {h.words: h.measure.key for h in find_measures("訓練成本、年化營收、估值、激活參數、月活、market cap")}
    assert words == {
        "訓練成本": "training-cost",
        "年化營收": "revenue",
        "估值": "valuation",
        "激活參數": "active-parameters",
        "月活": "monthly-active-users",
        "market cap": "market-cap",
    }
    assert find_time("2024年营收") is not None and find_time("2024年营收").key == "2024"  # type: ignore[union-attr]
    assert find_time("2025年第三季度") is not None and find_time("2025年第三季度").key == "2025Q3"  # type: ignore[union-attr]
    assert find_time("截至2024年9月") is not None and find_time("截至2024年9月").key == "asof:2024-09"  # type: ignore[union-attr]
    assert find_time("2025年12月8日") is None  # a date is not a period


def by_text(quantities: list[Quantity], text: str) -> Quantity:
    return next(q for q in quantities if q.text.strip() == text)


def test_attribution_subject_measure_and_words(tmp_path: Path) -> None:
    doc = doc_of(
        tmp_path,
        "# DeepSeek 事件\n\n"
        "DeepSeek 原本寂寂無名，但本月以 560 萬美元投入，使用 2048 塊英偉達 H800 晶片，訓練出 671B 參數的 V3 模型。\n\n"
        "OpenAI 的估值達 5000 億美元，超越估值 4000 億美元的 SpaceX。\n",
    )
    qs = extract_quantities(doc)
    cost = by_text(qs, "560 萬美元")
    assert cost.subject is not None and cost.measure is not None
    assert (cost.subject.key, cost.subject.source, cost.measure.key) == ("deepseek-v3", "sentence", "training-cost")
    gpus = by_text(qs, "2048 塊")
    assert gpus.unit == "gpus" and gpus.qualifier == "h800" and gpus.measure is not None
    assert gpus.measure.key == "gpu-count"
    spacex = by_text(qs, "4000 億美元")
    assert spacex.subject is not None and spacex.subject.key == "spacex"  # 「…的 SpaceX」
    assert by_text(qs, "5000 億美元").subject.key == "openai"  # type: ignore[union-attr]


def test_subject_named_after_a_model_noun_or_before_a_bracket(tmp_path: Path) -> None:
    doc = doc_of(
        tmp_path,
        "MBZUAI發布700億參數推論系統K2 Think V2。\n\n"
        "Base LPM 基礎模型（170億參數DiT）：\n\n"
        "所谓“10万颗 GB200 NVL72 集群上完成训练”。\n",
    )
    qs = extract_quantities(doc)
    k2 = by_text(qs, "700億參數").subject
    assert k2 is not None and (k2.key, k2.source) == ("k2-think-v2", "clause")
    lpm = by_text(qs, "170億參數").subject
    assert lpm is not None and (lpm.key, lpm.source) == ("base-lpm", "clause")
    # no noun for a model between the figure and the name: the rack is not the cluster
    cluster = by_text(qs, "10万颗").subject
    assert cluster is None or cluster.key != "gb200-nvl72"


def test_roles_change_from_past_compare(tmp_path: Path) -> None:
    doc = doc_of(
        tmp_path,
        "Qwen3 准确率飙升22%。\n\nQwen3 准确率从45%飙至67%。\n\n"
        "GPT-5 的得分比 GPT-4 高 20%。\n\nGraphcore 曾估值 28 億美元。\n",
    )
    qs = extract_quantities(doc)
    assert by_text(qs, "22%").role == "change"
    start, end = by_text(qs, "45%"), by_text(qs, "67%")
    assert start.role == "from" and start.pair is not None and start.pair.value == 67
    assert end.role == "value"
    assert by_text(qs, "20%").role == "compare"
    assert by_text(qs, "28 億美元").role == "past"


def test_fenced_headline_summary_is_read_as_a_summary(tmp_path: Path) -> None:
    doc = doc_of(tmp_path, "### 今日摘要\n\n```\nOpenAI年收入飙升至百亿\n```\n\n正文：OpenAI 年化收入 130 亿美元。\n")
    qs = extract_quantities(doc)
    summary = by_text(qs, "百亿")
    assert summary.zone == "summary" and summary.unit == "?money"
    assert by_text(qs, "130 亿美元").zone == "body"


def test_extraction_is_cached_per_document(tmp_path: Path) -> None:
    doc = doc_of(tmp_path, "OpenAI 的估值達 5000 億美元。\n")
    first = doc.cached("quantities", extract_quantities)
    assert doc.cached("quantities", extract_quantities) is first


def test_conflicts_are_found_by_grouping_not_by_all_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    """2,000 disagreeing statements of one key: each is compared with a bounded number of others."""
    calls = 0
    real = conflicts._comparable

    def counting(a: Statement, b: Statement, opts: conflicts.FinderOptions) -> bool:
        nonlocal calls
        calls += 1
        return bool(real(a, b, opts))

    monkeypatch.setattr(conflicts, "_comparable", counting)
    n = 2000
    stmts = [
        Statement(
            doc_id=f"d{i}",
            path=f"d{i}.md",
            archived=False,
            line=1,
            span=Span(0, 3),
            text=str(i),
            quote=str(i),
            subject="deepseek-v3",
            subject_words="DeepSeek-V3",
            subject_source="clause",
            measure="training-cost",
            measure_words="訓練成本",
            measure_source="clause",
            qualifier=None,
            time=None,
            unit="USD",
            low=i - 0.5,
            high=i + 0.5,
            value=float(i),
            kind="value",
            zone="body",
            sentence=(0, 0),
            forecast=False,
            published=None,
            confidence=0.9,
        )
        for i in range(n)
    ]
    finder = conflicts.Finder(ConflictOptions())
    finder.values(stmts)
    assert len(finder.found) == n  # every statement disagrees with the others
    assert calls <= n * 4 * ConflictOptions().max_evidence  # not n * (n - 1) / 2


def test_quantity_cue_lists_load_in_both_scripts() -> None:
    """Every list of quantities.toml loads, folded by OpenCC, and every measure has its words."""
    from checker.extract.quantities import attribute
    from checker.lexicon import lists, words

    for key in lists("quantities"):
        assert words("quantities", key), key
    assert {f"measure-{m}" for m in attribute._MEASURES} <= set(lists("quantities"))
    assert {"訓練成本", "训练成本"} <= words("quantities", "measure-training-cost")
    assert {"相較", "相较"} <= words("quantities", "compare-lead")


def test_quantity_extractor_reads_no_lexicon_at_import() -> None:
    # the word lists compile on first use: importing the extractor must not load OpenCC
    import subprocess
    import sys

    code = (
        "import sys, checker.extract.quantities.recognise, checker.extract.quantities.statements; "
        "sys.exit('opencc' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_word_lists_fold_scripts_and_keep_their_edges() -> None:
    from checker.extract.quantities.lexwords import plain

    assert numbers_in("2納米制程")[0].unit == "納米"  # [unit-nm] written 纳米, read in both scripts
    assert numbers_in("HK$ 13 億")[0].unit == "HKD"  # [sign-hkd]
    assert not numbers_in("百度与千问发布")  # [idiom-numeral]
    assert r"tokens\b" in plain("unit-tokens", end=True) and r"\b" not in plain("list-separator")


# --- speed rewrites keep their results (the old forms, written plainly, as the reference) -------

_TRICKY = [
    "",
    "3 家公司",
    "GPT-4 與 v1.2、H800、x=3、50%、#1、a/2、a.5",
    "12:30 開會，約 550 萬美元。Done. 2 more! 3? 4；5;6|7｜8\n9. ",
    "十分 八千亿 三百万 百亿 兩千萬 零點五",
    "[t](https://e.com/2025/05/01) 共 30 億",
    "a. b. 1. 2.3. v3. 4.",
    "１２ 全角数字 ٣ 和 3",
    "2,048 塊 H800；第 3 名。从 45% 到 67%",
]


def _old_number_sentences(text: str) -> list[tuple[int, int]]:
    from checker.extract.quantities import recognise as r
    from checker.text.sentences import SENTENCE_END, bounded

    out: list[tuple[int, int]] = []
    covered = 0
    for m in r._HAS_NUM.finditer(text):
        p = m.start()
        if p < covered:
            continue
        start = max(
            text.rfind(stop, covered, p) + len(stop) if text.rfind(stop, covered, p) >= 0 else covered
            for stop in r._STOPS
        )
        end_m = SENTENCE_END.search(text, p)
        end = end_m.start() if end_m else len(text)
        if end <= p:
            end = end_m.end() if end_m else len(text)
        out.extend(bounded(text, start, end))
        covered = max(end, p + 1)
    return out


@pytest.mark.parametrize("text", _TRICKY)
def test_number_sentences_match_the_plain_look_back(text: str) -> None:
    from checker.extract.quantities.recognise import number_sentences

    assert number_sentences(text) == _old_number_sentences(text)


def test_number_sentences_on_many_stops_and_figures() -> None:
    from checker.extract.quantities.recognise import number_sentences

    text = "".join(_TRICKY) * 20
    assert number_sentences(text) == _old_number_sentences(text)
    assert len(number_sentences(text)) > 20


@pytest.mark.parametrize(
    "text", [*_TRICKY, "x1", "/1", "%1", "#1", "_1", "-1", "=1", ".1", "三十", "3十", "百", "在1", "a1 一百", "〇万"]
)
def test_prose_number_gate_matches_the_plain_pattern(text: str) -> None:
    import re

    from checker.extract.quantities.recognise import _num_in_prose

    plain = re.compile(r"(?:^|[^A-Za-z0-9/=._\-%#])\d|[零〇一二两兩三四五六七八九十百千][十百千万萬亿億兆]")
    assert _num_in_prose(text) == bool(plain.search(text))


@pytest.mark.parametrize(
    "text",
    [
        *(t for t in _TRICKY if t),
        "２０２５ GPT-4",  # a wide digit before the first ASCII one: the only prose digit
        "ａ２ GPT-4",
        "x２ v1",
        "GPT-4 ２",
        "三百 v2",  # a scaled numeral whose first character comes before the first hint
        "v2 三百",
        "a1 一百",
        "Qwen3 十",
        "GPT-4 and o3",
        "十",
    ],
)
def test_prose_number_gate_from_the_first_hint_is_the_gate_from_the_start(text: str) -> None:
    import re

    from checker.extract.quantities.recognise import _HAS_NUM, _num_in_prose

    plain = re.compile(r"(?:^|[^A-Za-z0-9/=._\-%#])\d|[零〇一二两兩三四五六七八九十百千][十百千万萬亿億兆]")
    hint = _HAS_NUM.search(text)
    assert hint is not None
    assert _num_in_prose(text, hint.start()) == bool(plain.search(text))


def test_restated_grams_leave_out_the_blanked_figures() -> None:
    from checker.extract.quantities.restated import _grams

    frame = "abcde#fghij#k##lmno"
    expected = {frame[i : i + 4] for i in range(len(frame) - 3) if "#" not in frame[i : i + 4]}
    assert _grams(frame) == expected == {"abcd", "bcde", "fghi", "ghij", "lmno"}


def test_a_sentence_read_twice_gives_the_same_quantities_in_each_document(tmp_path: Path) -> None:
    # the second document reads the sentence from the by-text cache: its context still applies
    a = extract_quantities(doc_of(tmp_path, "# OpenAI\n\n年收入達到 130 億美元。\n", "a.md"))
    b = extract_quantities(doc_of(tmp_path, "# Anthropic\n\n年收入達到 130 億美元。\n", "b.md"))
    assert [q.text for q in a] == [q.text for q in b] == ["130 億美元"]
    assert a[0].subject is not None and b[0].subject is not None
    assert (a[0].subject.key, b[0].subject.key) == ("openai", "anthropic")


def test_figure_spans_are_the_figures_in_the_source_with_and_without_markup(tmp_path: Path) -> None:
    """A segment whose reader view deleted nothing maps a figure by its offset alone
    (recognise._flat); one with deleted markup through the view's runs: both land on the figure."""
    from checker.extract.quantities import recognise as rec

    text = (
        "# 標題\n\nDeepSeek-V3 的訓練成本為 550 萬美元。\n\n"
        "**OpenAI** 的 [年收入](https://example.com/a) 達到 130 億美元。\n\n"
        "- 項目：`x` 參數量 7B 的模型，用戶 8 億人。\n"
    )
    doc = doc_of(tmp_path, text)
    found = extract_quantities(doc)
    src = doc.source.text
    assert [src[q.span.start : q.span.end] for q in found] == [q.text for q in found]
    assert {q.text.strip() for q in found} >= {"550 萬美元", "130 億美元", "8 億人"}
    flats = [rec._flat(seg, reader_view(seg.text)) for seg in doc.segments]
    assert any(f is not None for f in flats) and any(f is None for f in flats)  # both paths ran


def test_records_with_a_written_init_keep_their_fields_order_and_pickle() -> None:
    """The per-figure records write out their own __init__ (the dataclass's is interpreted in a
    compiled module): its parameters must be the fields in order (positional builders,
    dataclasses.replace), and pickling (a worker's records) must give an equal record back."""
    import dataclasses
    import datetime as dt
    import pickle

    from checker.extract.quantities.attribute import Attribution, Entity, MeasureHit, MeasureWord
    from checker.extract.quantities.numerals import RawNumber
    from checker.extract.quantities.recognise import _Reading, _SentenceReading
    from checker.extract.quantities.restated import Figure, Told

    attribution = Attribution("deepseek-v3", "DeepSeek-V3", "clause", 0.9)
    raw = RawNumber(3, 9, "550 萬", 5.5e6, 1e5, "USD", "approx", None, 1e4)
    figure = Figure(Span(3, 9), "550 萬", "USD", 5.4e6, 5.6e6, 5.5e6, ("550",), None, True)
    records = [
        attribution,
        Entity(0, 11, "DeepSeek-V3", "deepseek-v3", "product"),
        MeasureHit(0, 4, "訓練成本", MeasureWord("training-cost", True)),
        raw,
        figure,
        Told("a", "a.md", False, 3, dt.date(2025, 1, 2), "s", "frame", (figure,), ("3",)),
        Quantity(Span(3, 9), "550 萬", 5.5e6, 5.4e6, 5.6e6, "USD", None, "value", "s", 1, 0, "body", (0, 0)),
        Quantity(
            *(Span(1, 2), "7B", 7e9, 6.5e9, 7.5e9, "params", None, "from", "s", 2, 1, "summary", (1, 0)),
            *(attribution, attribution, "q", attribution, True, None, ("n",)),
        ),
    ]
    reading = _Reading(raw, "value", 5.4e6, 5.6e6, attribution, None, None, None, False)
    for record in [*records, reading, _SentenceReading((reading,), [raw], "s")]:
        # (a native __init__ has no signature to read: built from the fields, by position and by name)
        values = [getattr(record, f.name) for f in dataclasses.fields(record)]
        assert type(record)(*values) == record
        assert dataclasses.replace(record) == record
        assert [getattr(record, f.name) for f in dataclasses.fields(record)] == values
    for record in records:
        assert pickle.loads(pickle.dumps(record)) == record
    assert dataclasses.replace(records[-2], role="list").role == "list"


@pytest.mark.parametrize(
    "text",
    [
        *(t for t in _TRICKY if t),
        "1 thousand 2 million 3bn 4 trillion 5  万 6 7+ 8+9 9 多 10兆瓦 11 k 12k 13 B 14 tokens 15年",
        "30 億美元、2,048 塊、3.5x、約 550 萬、百分之 20、4o 5G 6 \n7",
    ],
)
def test_after_figure_gate_skips_only_where_nothing_follows(text: str) -> None:
    """`_parse_number` skips `_AFTER_AR` when the character after its optional space starts none
    of its parts: there, the pattern itself reads nothing but that space."""
    import re

    from checker.extract.quantities.numerals import _AFTER_AR, _AFTER_AR_FIRST

    for run in re.finditer(r"\d+", text):
        pos = run.end()
        nxt = text[pos : pos + 2] if text.startswith(" ", pos) else text[pos : pos + 1]
        tail = _AFTER_AR.match(text, pos)
        assert tail is not None
        if nxt[-1:] not in _AFTER_AR_FIRST:
            assert tail.groups()[1:] == (None, None, None, None)
        elif any(tail.groups()[1:]):
            assert nxt[-1:] == tail.group(0).lstrip(" ")[:1]
