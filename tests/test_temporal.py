"""The temporal extractor: what it finds, what it means, what it refuses.

Cases are the shapes listed in issue 3 and seen in ../shared/corpus (short spans only).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker.core.config import Config
from checker.core.engine import load_inputs
from checker.extract.temporal import (
    Kind,
    Mood,
    Precision,
    TemporalMention,
    extract_dates,
    scan_text,
)
from checker.extract.temporal.novelty import novelty_clauses
from checker.input.documents import Document
from checker.input.published import publication_statements
from checker.text.sentences import clauses, first_clause

ANCHOR = dt.date(2025, 12, 15)  # a Monday


def one(text: str, anchor: dt.date | None = ANCHOR, kind: str = "paragraph") -> TemporalMention:
    found = scan_text(text, anchor=anchor, kind=kind)
    assert len(found) == 1, [(m.text, m.value) for m in found]
    return found[0]


def values(text: str, anchor: dt.date | None = ANCHOR) -> list[tuple[str, str]]:
    return [(m.text, m.value) for m in scan_text(text, anchor=anchor)]


# --- absolute and partial -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "span", "value", "precision"),
    [
        ("於2025年12月15日發布", "2025年12月15日", "2025-12-15", Precision.DAY),
        ("於 2025 年 12 月 15 日發布", "2025 年 12 月 15 日", "2025-12-15", Precision.DAY),
        ("日期 2025-12-15 公布", "2025-12-15", "2025-12-15", Precision.DAY),
        ("日期 2025/12/15 公布", "2025/12/15", "2025-12-15", Precision.DAY),
        ("日期 2025.12.15 公布", "2025.12.15", "2025-12-15", Precision.DAY),
        ("on Dec 15, 2025 at noon", "Dec 15, 2025", "2025-12-15", Precision.DAY),
        ("on 15 December 2025 at noon", "15 December 2025", "2025-12-15", Precision.DAY),
        ("二〇二五年十二月十五日", "二〇二五年十二月十五日", "2025-12-15", Precision.DAY),
        ("２０２５年１２月１５日", "２０２５年１２月１５日", "2025-12-15", Precision.DAY),
        ("2025年3月發布", "2025年3月", "2025-03", Precision.MONTH),
        ("2025年第三季度營收", "2025年第三季度", "2025-Q3", Precision.QUARTER),
        ("revenue in Q3 2025 rose", "Q3 2025", "2025-Q3", Precision.QUARTER),
        ("2025年底前", "2025年底", "2025-LATE", Precision.SEASON),
        ("2025年初推出", "2025年初", "2025-EARLY", Precision.SEASON),
        ("2025上半年營收", "2025上半年", "2025-H1", Precision.SEASON),
        ("2025年3月下旬", "2025年3月下旬", "2025-03-M-LATE", Precision.MONTH),
    ],
)
def test_absolute_dates(text: str, span: str, value: str, precision: Precision) -> None:
    m = one(text)
    assert (m.text, m.value, m.precision, m.kind) == (span, value, precision, Kind.ABSOLUTE)
    assert text[m.span.start : m.span.end] == span  # offsets into the string given


@pytest.mark.parametrize(
    ("text", "span", "resolved"),
    [
        ("12月15日發布", "12月15日", dt.date(2025, 12, 15)),
        ("十二月十五日", "十二月十五日", dt.date(2025, 12, 15)),
        ("5月14日全球AI动态", "5月14日", dt.date(2026, 5, 14)),
    ],
)
def test_partial_dates_take_their_year_from_the_anchor(text: str, span: str, resolved: dt.date) -> None:
    m = one(text)
    assert (m.text, m.kind, m.year_inferred, m.start) == (span, Kind.PARTIAL, True, resolved)
    assert m.value.startswith("XXXX-")


def test_year_of_a_partial_date_follows_the_tense() -> None:
    # an event in a later month than the anchor is last year's; a plan in an earlier month next year's
    assert one("谷歌於10月1日發布了新模型。").start == dt.date(2025, 10, 1)
    assert one("谷歌於1月3日發布了新模型。").start == dt.date(2025, 1, 3)
    assert one("谷歌將於1月3日發布新模型。").start == dt.date(2026, 1, 3)
    assert one("谷歌於12月20日發布了新模型。").start == dt.date(2025, 12, 20)


def test_a_partial_date_takes_the_year_of_its_paragraph() -> None:
    found = scan_text("OpenAI于2025年9月30日发布了Sora 2，10月1日推出了App。", anchor=dt.date(2025, 9, 1))
    assert [(m.text, m.start) for m in found] == [
        ("2025年9月30日", dt.date(2025, 9, 30)),
        ("10月1日", dt.date(2025, 10, 1)),
    ]


def test_compact_dates_only_in_titles_and_headings() -> None:
    assert one("每日科技新闻汇总 | 20250314 | 斯坦福", kind="title").value == "2025-03-14"
    assert scan_text("訂單編號 20250314 已寄出", anchor=ANCHOR) == []


# --- relative -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start", "precision"),
    [
        ("今日發布", dt.date(2025, 12, 15), Precision.DAY),
        ("今天", dt.date(2025, 12, 15), Precision.DAY),
        ("今晨宣布", dt.date(2025, 12, 15), Precision.DAY),
        ("昨日", dt.date(2025, 12, 14), Precision.DAY),
        ("昨天", dt.date(2025, 12, 14), Precision.DAY),
        ("前天", dt.date(2025, 12, 13), Precision.DAY),
        ("明天", dt.date(2025, 12, 16), Precision.DAY),
        ("本週", dt.date(2025, 12, 15), Precision.WEEK),
        ("上周", dt.date(2025, 12, 8), Precision.WEEK),
        ("下週", dt.date(2025, 12, 22), Precision.WEEK),
        ("上週三", dt.date(2025, 12, 10), Precision.DAY),
        ("本月", dt.date(2025, 12, 1), Precision.MONTH),
        ("上月", dt.date(2025, 11, 1), Precision.MONTH),
        ("下月", dt.date(2026, 1, 1), Precision.MONTH),
        ("今年", dt.date(2025, 1, 1), Precision.YEAR),
        ("去年", dt.date(2024, 1, 1), Precision.YEAR),
        ("前年", dt.date(2023, 1, 1), Precision.YEAR),
        ("明年", dt.date(2026, 1, 1), Precision.YEAR),
        ("去年夏天", dt.date(2024, 6, 1), Precision.SEASON),
        ("去年 9 月", dt.date(2024, 9, 1), Precision.MONTH),
        ("3 天前", dt.date(2025, 12, 12), Precision.DAY),
        ("兩週後", dt.date(2025, 12, 29), Precision.WEEK),
        ("yesterday", dt.date(2025, 12, 14), Precision.DAY),
        ("last Tuesday", dt.date(2025, 12, 9), Precision.DAY),
        ("next month", dt.date(2026, 1, 1), Precision.MONTH),
        ("3 days ago", dt.date(2025, 12, 12), Precision.DAY),
    ],
)
def test_relative_dates_resolve_against_the_anchor(text: str, start: dt.date, precision: Precision) -> None:
    m = one(text)
    assert (m.kind, m.start, m.precision) == (Kind.RELATIVE, start, precision)


def test_relative_dates_without_an_anchor_stay_unresolved() -> None:
    m = one("今天", anchor=None)
    assert (m.kind, m.start, m.offset_days) == (Kind.RELATIVE, None, 0)


def test_words_that_contain_relative_words_are_not_dates() -> None:
    assert scan_text("今日头条的用户", anchor=ANCHOR) == []
    assert [m.text for m in scan_text("在模型能力增長的今天", anchor=ANCHOR)] == []
    assert [m.text for m in scan_text("整理日期：2026年 [假設當前年份]", anchor=ANCHOR)] == ["2026年"]


# --- weekdays and ranges --------------------------------------------------------------------


def test_weekdays_attached_to_dates() -> None:
    cases = {
        "2025年12月15日 星期一": "星期一",
        "2025年12月15日（週一）": "（週一）",
        "12月15日 禮拜一": "禮拜一",
        "12/15(一)": "(一)",
        "Monday, December 15, 2025": "Monday",
        "英國部長在週一（12月15日）表示": "週一",
    }
    for text, mark in cases.items():
        m = one(text)
        assert m.weekday is not None, text
        assert (m.weekday.text, m.weekday.weekday) == (mark, 0), text
        assert text[m.weekday.span.start : m.weekday.span.end] == mark


def test_ranges() -> None:
    found = scan_text("10/16(四)~10/29(三)", anchor=dt.date(2025, 10, 1))
    assert [(m.value, m.range_role, m.weekday and m.weekday.text) for m in found] == [
        ("XXXX-10-16", "start", "(四)"),
        ("XXXX-10-29", "end", "(三)"),
    ]
    assert values("2024–2026") == [("2024", "2024"), ("2026", "2026")]
    assert [m.range_role for m in scan_text("2024–2026", anchor=ANCHOR)] == ["start", "end"]
    found = scan_text("大會於3月10日至12日舉行", anchor=ANCHOR)
    assert [(m.text, m.day, m.range_role, m.mood) for m in found] == [
        ("3月10日", 10, "start", Mood.EVENT),
        ("12日", 12, "end", Mood.EVENT),
    ]


# --- not dates ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Triton 2.3 已支援",
        "GPT-4.5 發布",
        "PyTorch 2.1 版本",
        "速度提升 30%，成本降至 2.3倍",
        "見 https://example.org/2025-12-15/post",
        "程式碼 `release-2025-12-15` 已合併",
        "[連結](https://example.org/2025/12/15)",
        "<a href='/2025-12-15'>",
        "五月天演唱會",
        "版本 v2025.12.15",
    ],
)
def test_not_dates(text: str) -> None:
    assert scan_text(text, anchor=ANCHOR) == [], text


def test_labels_are_kept_as_labels() -> None:
    assert one("英伟达2025財年营收").mood is Mood.LABEL
    assert one("《2025年全球AI倫理與安全宣言》正式發布").mood is Mood.LABEL
    assert one("FY2026 指引").mood is Mood.LABEL
    assert one("1990年代的研究").mood is Mood.LABEL


def test_code_segments_are_not_read(tmp_path: Path) -> None:
    doc = load(tmp_path, "```\nrelease = '2025年12月20日發布了'\n```\n\n正文 2025年12月1日。\n")
    assert [m.text for m in extract_dates(doc)] == ["2025年12月1日"]


# --- event or plan --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "mood"),
    [
        ("OpenAI 于2025年8月7日正式发布了其最新模型", Mood.EVENT),
        ("**2025年12月16日**，Google DeepMind 隆重宣布其旗艦", Mood.EVENT),
        ("Google released Gemini on December 20, 2025.", Mood.EVENT),
        ("2026年底编程AI将接近人类顶尖程序员水平", Mood.PLAN),
        ("預計最快將於 2027 年量產", Mood.PLAN),
        ("将于2026年9月1日正式卸任CEO", Mood.PLAN),
        ("截至2025年10月，用户达到8亿", Mood.PLAN),
        ("到2030年，穩定幣的供應量將大幅增長", Mood.PLAN),
        ("expected in Q3 2026", Mood.PLAN),
        ("The rollout will start on January 5, 2026.", Mood.PLAN),
        ("若2026年3月前未完成", Mood.PLAN),
        ("能否在 2026 年 7 月權限到期前完成既定目標？", Mood.PLAN),
        ("生效日期是2027年1月1日", Mood.PLAN),
        ("為 2026 年 2 月在新德里舉行的峰會鋪路", Mood.UNKNOWN),
        ("2025年12月15日", Mood.UNKNOWN),
    ],
)
def test_event_or_plan(text: str, mood: Mood) -> None:
    dated = [m for m in scan_text(text, anchor=ANCHOR) if m.kind is not Kind.RELATIVE]
    assert dated and dated[0].mood is mood, (text, [(m.text, m.mood, m.cue) for m in dated])


@pytest.mark.parametrize(
    ("text", "new"),
    [
        ("谷歌今日發布了新模型。", True),
        ("谷歌將於今日發布新模型。", False),  # a plan
        ("兩年前GPT-4剛發布時，", False),  # a memory
    ],
)
def test_presented_as_new(tmp_path: Path, text: str, new: bool) -> None:
    doc = load(tmp_path, f"---\ndate: 2025-12-15\n---\n{text}\n")
    assert bool(novelty_clauses(doc)) is new


def test_novelty_claims(tmp_path: Path) -> None:
    doc = load(tmp_path, "---\ndate: 2025-12-15\n---\n谷歌今日正式發布 Gemini 3。OpenAI just released GPT-5.\n")
    assert [c.cue for c in novelty_clauses(doc)] == ["今日", "just"]


def test_a_novelty_clause_runs_on_through_a_label_or_a_list() -> None:
    text = "OpenAI：今日發布 GPT-5、o3，2024年"
    # the shared splitter's default ends a clause at ：and 、; colons=False keeps 「OpenAI：發布」 whole
    assert [text[a:b] for a, b in clauses(text)] == ["OpenAI", "今日發布 GPT-5", "o3", "2024年"]
    assert [text[a:b] for a, b in clauses(text, colons=False)] == ["OpenAI：今日發布 GPT-5、o3", "2024年"]
    for t in (text, "", " ，", "，，OpenAI：發布", "x" * 1500):
        for colons in (True, False):
            spans = clauses(t, colons=colons)
            assert first_clause(t, colons=colons) == (spans[0] if spans else None)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("谷歌今日正式发布 Gemini 3。", "今日"),  # Simplified: the lexicon folds the script
        ("谷歌剛正式發佈 Gemini 3。", "剛"),
        ("Gemini 3 rolled out today.", "today"),
        ("Today Google quietly rolled out Gemini 3.", "Today"),  # (a comma ends the clause)
        ("兩年前 GPT-4 剛發布時，影響很大。", None),  # remembered (past), not reported
        ("OpenAI 將於今日發布 GPT-5。", None),  # a plan
    ],
)
def test_novelty_cues_read_from_the_lexicon(tmp_path: Path, text: str, cue: str | None) -> None:
    doc = load(tmp_path, "---\ndate: 2025-12-15\n---\n" + text + "\n")
    assert [c.cue for c in novelty_clauses(doc)] == ([cue] if cue else [])


# --- documents ------------------------------------------------------------------------------


def load(tmp_path: Path, text: str, name: str = "case.md") -> Document:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    docs, errors = load_inputs([str(path)], Config(root=tmp_path))
    assert not errors
    return docs[0]


def test_spans_are_source_offsets(tmp_path: Path) -> None:
    text = (
        '---\ntitle: "AI 日報 - 2025年12月15日"\ndate: 2025-12-15\n---\n\n## 標題\n\n- 谷歌於 12月14日 發布了模型。\n'
    )
    doc = load(tmp_path, text)
    for m in extract_dates(doc):
        assert text[m.span.start : m.span.end] == m.text
    assert [(m.text, m.segment_kind) for m in extract_dates(doc)] == [
        ("2025年12月15日", "title"),
        ("12月14日", "paragraph"),
    ]


def test_extraction_is_cached_per_anchor(tmp_path: Path) -> None:
    doc = load(tmp_path, "谷歌今天發布了模型。\n")
    assert extract_dates(doc) is extract_dates(doc)
    assert extract_dates(doc)[0].start is None  # no publication date
    assert extract_dates(doc, dt.date(2026, 1, 1))[0].start == dt.date(2026, 1, 1)


@pytest.mark.parametrize(
    ("name", "text", "published", "source"),
    [
        ("a.md", "---\ndate: 2025-12-15\n---\n正文\n", dt.date(2025, 12, 15), "front-matter"),
        ("2025-12/2025-12-15.md", "## 爱窝啦 AI 日报 2025/12/15\n", dt.date(2025, 12, 15), "path"),
        ("20251215-092748/article.zh-TW.md", "正文\n", dt.date(2025, 12, 15), "path"),
        ("2026-01-27-ai-news.md", "正文\n", dt.date(2026, 1, 27), "path"),
        (
            "b.txt",
            "記者:張偉成 更新日期:2025-02-12 03:00:00\n\n香港2025年2月11日 /美通社/ -- 正文\n",
            dt.date(2025, 2, 12),
            "metadata",
        ),
        ("c.md", '---\ntitle: "AI 每日日報 - 2025年12月15日 星期一"\n---\n正文\n', dt.date(2025, 12, 15), "title"),
        ("d.md", "## AI资讯日报 2025/8/19\n\n正文\n", dt.date(2025, 8, 19), "title"),
        ("e.md", "正文第一段。\n\n今日是 **2025年12月15日 星期一**，本期日報。\n", dt.date(2025, 12, 15), "body"),
        ("f.txt", "香港2025年2月11日 /美通社/ -- DeepSeek-R1是模型。\n", dt.date(2025, 2, 11), "dateline"),
    ],
)
def test_publication_sources(tmp_path: Path, name: str, text: str, published: dt.date, source: str) -> None:
    doc = load(tmp_path, text, name)
    assert (doc.published, doc.published_source) == (published, source)


def test_a_folder_higher_up_does_not_date_a_file(tmp_path: Path) -> None:
    doc = load(tmp_path, "正文\n", "2024-01-01-archive/posts/a.md")
    assert doc.published is None


def test_a_yearless_title_is_kept_without_a_date(tmp_path: Path) -> None:
    doc = load(tmp_path, "AI资讯早知道:5月14日全球AI动态全览\n\n正文\n", "seed.txt")
    assert doc.published is None
    [statement] = publication_statements(doc)
    assert (statement.date, statement.month, statement.day) == (None, 5, 14)


# --- the seeds ------------------------------------------------------------------------------


def test_seed_publication_dates(shared: Path) -> None:
    docs, _ = load_inputs([str(shared / "corpus" / "seeds")], Config(root=shared))
    by_name = {(Path(d.path).name, d.entry_number): d for d in docs}
    assert by_name[("000_0ca78439a81582af.txt", None)].published == dt.date(2025, 12, 15)
    assert by_name[("001_6b4bae6c50453495.txt", None)].published is None
    seed4 = by_name[("004_8b6096422b91fe77.txt", None)]
    assert (seed4.published, seed4.published_source) == (dt.date(2025, 2, 12), "metadata")
    entry = by_name[("003_ac231d0ff860caab.txt", 591)]
    assert (entry.published, entry.published_source) == (dt.date(2025, 3, 13), "entry-header")
    assert {s.date for s in publication_statements(entry)} == {dt.date(2025, 3, 13), dt.date(2025, 3, 14)}


def test_every_weekday_in_the_seeds_is_right(shared: Path) -> None:
    docs, _ = load_inputs([str(shared / "corpus" / "seeds")], Config(root=shared))
    marked = [m for d in docs for m in extract_dates(d) if m.weekday is not None]
    assert len(marked) >= 5
    for m in marked:
        assert m.start is not None and m.weekday is not None
        assert m.start.weekday() == m.weekday.weekday, m.text
