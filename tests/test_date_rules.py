"""Helpers of the date rules: suggestions written like the flagged text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker.core.model import Span
from checker.extract.temporal import WeekdayMark
from checker.extract.temporal.dating import restyle, weekday_like

from .fixtures import Case, run_case


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("20250314", "20250313"),
        ("2025年3月14日", "2025年3月13日"),
        ("2025年03月14日", "2025年03月13日"),
        ("2025-03-14", "2025-03-13"),
        ("2025/3/14", "2025/3/13"),
        ("3月14日", "3月13日"),
        ("12 月 26 日", "3 月 13 日"),
    ],
)
def test_restyle(written: str, expected: str) -> None:
    assert restyle(written, dt.date(2025, 3, 13)) == expected


def test_restyle_english() -> None:
    assert restyle("Dec 15, 2025", dt.date(2025, 3, 13)) == "Mar 13, 2025"
    assert restyle("December 15, 2025", dt.date(2025, 3, 13)) == "March 13, 2025"
    assert restyle("15 December 2025", dt.date(2025, 3, 13)) == "13 March 2025"


@pytest.mark.parametrize(
    ("text", "style", "weekday", "expected"),
    [
        ("星期三", "星期", 0, "星期一"),
        ("（週二）", "週", 6, "（週日）"),
        ("星期天", "星期", 5, "星期六"),
        ("星期三", "星期", 6, "星期日"),
        ("(五)", "(", 3, "(四)"),
        ("Tuesday", "en", 0, "Monday"),
        ("(Tue)", "en", 0, "(Mon)"),
    ],
)
def test_weekday_suggestion_keeps_the_style(text: str, style: str, weekday: int, expected: str) -> None:
    mark = WeekdayMark(Span(0, len(text)), text, 2, style)
    assert weekday_like(mark, weekday) == expected


_UNDATED = """# 幻方量化

*   **2021 年：**
    *   12 月底，發布致投資者公開信，對業績回撤表示愧疚。

3 月下旬，Anthropic 宣佈限流。5 月 14 日，谷歌發布了新模型。
"""


@pytest.mark.parametrize("rule", ["date.future", "date.undated"])
def test_findings_do_not_depend_on_the_month_of_the_run(rule: str, tmp_path: Path) -> None:
    """Issue 15: an undated document gives the same findings whatever month --today is in."""
    seen = set()
    for month in (1, 3, 5, 8, 12):
        case = Case(rule, "month", [{"path": "a.md", "text": _UNDATED}], today=f"2026-{month:02d}-06")
        report = run_case(case, tmp_path / str(month))
        seen.add(tuple((f.rule, f.span, f.text) for f in report.findings if f.rule == rule))
    assert len(seen) == 1, seen


def test_future_message_has_no_internal_token(tmp_path: Path) -> None:
    text = "---\ndate: 2025-12-05\n---\n12 月下旬，OpenAI 已正式發布了 GPT-6。\n"
    report = run_case(Case("date.future", "token", [{"path": "a.md", "text": text}]), tmp_path)
    assert report.findings
    for f in report.findings:
        words = [f.message, *(e.detail for e in f.evidence)]
        assert not any("XXXX" in w or "M-LATE" in w for w in words), words
