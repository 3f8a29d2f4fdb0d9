"""extract_stated: extract_dates without the relative mentions, resolved alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checker.extract.temporal import Kind, extract_dates, extract_stated
from checker.input.documents import Document

from .fixtures import one_document

_BODY = "谷歌今天發布了模型，昨日開源。3月5日推出 App，2025年9月30日发布了 Sora 2，10月1日推出了 App，明年將上市。\n"


def _load(tmp_path: Path, text: str) -> Document:
    return one_document(tmp_path, text, "case.md")


@pytest.mark.parametrize("front", ["", "---\ndate: 2026-02-01\n---\n\n"])
@pytest.mark.parametrize("anchor", [dt.date(2026, 2, 1), dt.date(2026, 12, 6)])
def test_stated_is_extract_dates_without_relatives(tmp_path: Path, front: str, anchor: dt.date) -> None:
    doc = _load(tmp_path, front + _BODY)
    stated = extract_stated(doc, anchor)
    expected = [m for m in extract_dates(doc, anchor) if m.kind is not Kind.RELATIVE]
    assert stated == expected
    assert [m.text for m in stated] == ["3月5日", "2025年9月30日", "10月1日"]
    # the year-less date is resolved against the anchor given, not the document's own
    assert stated[0].start is not None and stated[0].start.year in (anchor.year - 1, anchor.year)
