"""A document sent back from a `--jobs` worker (pickled) arrives as it left: same segments."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from checker.core.model import Span
from checker.input.documents import Segment
from checker.input.load import InputFile, load_documents

MARKDOWN = """---
title: 每日 AI 新闻
date: 2025-08-21
---
# 每日 AI 新闻

- OpenAI 于 8 月 7 日发布 GPT-5，[链接](https://openai.com/gpt-5)。
> 引用 `code` 一段

| 模型 | 价格 |
|---|---|
| GPT-5 | 1.25 |

```python
print("x")
```
<details><summary>更多</summary>细节 &amp; 说明</details>
"""

HTML = "<html><body><h1>AI &amp; 新闻</h1><p>Google 发布 Gemini&nbsp;2.5 &lt;b&gt;</p></body></html>\n"


@pytest.mark.parametrize(
    ("name", "text"), [("a.md", MARKDOWN), ("b.html", HTML), ("c.txt", "第一行\n\n第二段 GPT-5\n")]
)
def test_a_pickled_document_has_the_same_segments(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (doc,) = load_documents(InputFile(name, path))
    assert doc.segments
    back = pickle.loads(pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL))
    assert back.segments == doc.segments
    assert [s.view.starts for s in back.segments] == [s.view.starts for s in doc.segments]
    for seg in back.segments:
        assert isinstance(seg, Segment)
        if seg.text:  # views still map back to the source
            assert seg.to_source(0, len(seg.text)) == doc.segments[back.segments.index(seg)].to_source(0, len(seg.text))
    assert back.source.text == doc.source.text and back.title == doc.title and back.published == doc.published


def test_plain_segments_travel_as_rows_of_numbers(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    (doc,) = load_documents(InputFile("a.md", path))
    state = doc.__getstate__()
    rows = [s for s in state["segments"] if not isinstance(s, Segment)]
    assert len(rows) == len(doc.segments)  # a Markdown file's views are all slices of its source
    assert all(isinstance(v, int) for row in rows for v in row[:5])


def test_a_span_travels_as_its_two_offsets_and_is_validated_again() -> None:
    span = Span(3, 9)
    back = pickle.loads(pickle.dumps(span, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == span and hash(back) == hash(span)
    # (start, end) through the constructor: smaller than the slotted default, and checked
    assert len(pickle.dumps(span, protocol=pickle.HIGHEST_PROTOCOL)) < 60
    forged = pickle.dumps(span, protocol=pickle.HIGHEST_PROTOCOL).replace(b"K\x03K\t", b"K\tK\x03")
    with pytest.raises(ValueError, match="bad span"):
        pickle.loads(forged)
