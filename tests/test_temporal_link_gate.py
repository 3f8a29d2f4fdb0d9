"""A date is read as a cited title inside [...] of a Markdown link; a text without "[" skips the
search back per date (_find_in_layout's document-level gate) and reads no date as one."""

from __future__ import annotations

from checker.extract.temporal import scan_text


def test_dates_in_link_text_and_outside() -> None:
    text = "見 [OpenAI 於 2025年8月7日發布 GPT-5](https://openai.com/x)，並於 2025年8月8日上線。"
    assert [(m.text, m.in_link_text) for m in scan_text(text)] == [("2025年8月7日", True), ("2025年8月8日", False)]


def test_no_bracket_no_link_text() -> None:
    text = "OpenAI 於 2025年8月7日發布 GPT-5（https://openai.com/x），2025年8月8日上線]("
    assert [m.in_link_text for m in scan_text(text)] == [False, False]
