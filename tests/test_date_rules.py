"""Helpers of the date rules: suggestions written like the flagged text."""

from __future__ import annotations

import datetime as dt

import pytest

from checker.core.model import Span
from checker.extract.temporal import WeekdayMark
from checker.extract.temporal.dating import restyle, weekday_like


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
