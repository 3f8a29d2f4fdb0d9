from __future__ import annotations

from checker.input.documents import SegmentKind
from checker.input.load import build_documents
from checker.input.source import SourceFile


def _doc(text: str, path: str = "a.md"):
    return build_documents(SourceFile(path, text))


def test_markdown_blocks_and_kinds() -> None:
    text = (
        "---\ntitle: T\ndate: 2025-09-05 06:00:00 +0800\n---\n"
        "# Heading #\n\npara line 1\npara line 2\n\n* item one\n* item two\n\n> quoted\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n\n<!-- c -->\n\n<div>html</div>\n"
    )
    [doc] = _doc(text)
    kinds = [(s.kind, s.text) for s in doc.segments]
    assert (SegmentKind.HEADING, "Heading") in kinds
    assert (SegmentKind.PARAGRAPH, "para line 1\npara line 2") in kinds
    assert (SegmentKind.PARAGRAPH, "item one") in kinds  # list marker left out
    assert (SegmentKind.PARAGRAPH, "quoted") in kinds
    assert (SegmentKind.CODE, "```\ncode\n```") in kinds
    assert (SegmentKind.COMMENT, "<!-- c -->") in kinds
    assert (SegmentKind.HTML, "<div>html</div>") in kinds
    assert any(k is SegmentKind.TABLE and "| 1 | 2 |" in t for k, t in kinds)
    item = next(s for s in doc.segments if s.text == "item one")
    assert "list" in item.containers
    assert doc.title == "T"
    assert doc.published is not None and doc.published.isoformat() == "2025-09-05"  # as written, not UTC
    for seg in doc.segments:
        assert text[seg.span.start : seg.span.end] == seg.text or seg.kind is SegmentKind.FRONT_MATTER


def test_plain_text_indentation_is_prose_not_code() -> None:
    [doc] = _doc("標題\n\n    縮排的正文段落。\n", "a.txt")
    assert [s.kind for s in doc.segments] == [SegmentKind.PARAGRAPH, SegmentKind.PARAGRAPH]


def test_plain_text_reads_alike_through_either_parser() -> None:
    """Plain text goes through pulldown-cmark where no line is indented four columns past its
    list item (or it sits inside an HTML block), else through markdown-it-py with indented code
    off. Both readings agree where the fast one is taken."""
    from checker.core.model import Span
    from checker.input import blockscan, segment

    texts = {
        # (text, read by pulldown-cmark)
        "標題\n\n* 一\n* 二\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n": True,
        "*   項目\n    *   子項目\n        續行\n\n1.  x\n    y\n": True,  # nested lists (the seeds)
        '<a href="x">\n    <img src="y">\n</a>\n': True,  # inside an HTML block
        "標題\n\n    縮排的正文段落。\n": False,  # indented code if it were Markdown
        "正文\n    續行\n": False,  # four columns past the paragraph's block
        "*   項目\n\n        深縮排\n": False,  # four columns past the item's content
        "- item\n-     code?\n": False,
        ">     quoted\n": False,
        "a\n\tindented\n": False,
        "one\r    two\r": False,
    }
    for text, fast in texts.items():
        assert (blockscan.block_tokens(text, plain=True) is not None) is fast, text
        source = SourceFile("a.txt", text)
        region = Span(0, len(text))
        read = segment.markdown_segments(source, region, plain_text=True)
        fast_parser = segment.block_tokens
        segment.block_tokens = lambda _t, plain=False: None  # type: ignore[assignment]
        try:
            slow = segment.markdown_segments(source, region, plain_text=True)
        finally:
            segment.block_tokens = fast_parser
        assert read == slow, text


def test_html_text_maps_back_to_source_and_skips_script() -> None:
    text = (
        "<html><head><title>週報 &amp; 新聞</title><script>var x='好的，以下是';</script></head>\n"
        "<body><h1>標題</h1><p>第一段 <b>粗體</b> &lt;tag&gt; 結束</p></body></html>"
    )
    [doc] = _doc(text, "a.html")
    assert doc.title == "週報 & 新聞"
    views = [s.text for s in doc.segments]
    assert "第一段 粗體 <tag> 結束" in views
    assert not any("var x" in v for v in views)
    para = next(s for s in doc.segments if s.text.startswith("第一段"))
    i = para.text.index("粗體")
    span = para.to_source(i, i + 2)
    assert text[span.start : span.end] == "粗體"
    j = para.text.index("<tag>")
    span = para.to_source(j, j + 5)
    assert text[span.start : span.end] == "&lt;tag&gt;"


def test_dated_entries_split_with_ids_and_dates() -> None:
    text = (
        "<details>\n<summary>2. [2025-03-14] 第二篇</summary><br>\n\n正文二\n\n</details>\n\n"
        "<details>\n<summary>1. [2025-03-13] 第一篇</summary><br>\n\n正文一\n"
    )
    docs = _doc(text)
    assert [d.id for d in docs] == ["a.md#2", "a.md#1"]
    assert [d.published.isoformat() for d in docs if d.published] == ["2025-03-14", "2025-03-13"]
    assert docs[0].title == "第二篇"
    assert not docs[0].structure_issues
    assert [i.kind for i in docs[1].structure_issues] == ["unclosed-details"]
