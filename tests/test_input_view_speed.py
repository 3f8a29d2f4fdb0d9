"""The input phase's and the reader view's fast paths give what the plain paths gave."""

from __future__ import annotations

import random

import pytest

from checker.core.model import Span
from checker.input.documents import Run, Segment, SegmentKind, TextView
from checker.input.segment import markdown_segments
from checker.input.source import SourceFile
from checker.text import view


def _view_tuple(v: view.ReaderView) -> tuple[str, str, tuple[int, ...], tuple[int, ...]]:
    return v.text, v.masked, v.starts, v.origins


def test_path_branch_left_out_of_texts_whose_urls_hold_no_file() -> None:
    text = "见 https://example.com/a/b.html 与 [链接](https://x.org/post/1.2)"
    assert not view._path_trigger("see https://example.com/a/b and https://x.org/v1.2/post")
    assert view._path_trigger(text)  # b.html ends a path
    assert view._compute_view("docs/a.md 写道").masked.startswith(view.MASK * 9)
    # the first test (a character between "/" and the dot) still decides, as before
    assert view._compute_view("x @o/.md`m").masked == "x @o/.mdm"


@pytest.mark.parametrize("alphabet", ["a-b/.mdpyjsthlx_9 \n`[](<@:w", ".-/mdhtmlcomaix9 @#`*"])
def test_views_same_as_with_the_loose_path_test_alone(alphabet: str, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(17)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(4000)]
    now = [_view_tuple(view._compute_view(t)) for t in texts]
    loose = view._PATH
    monkeypatch.setattr(view, "_path_trigger", lambda s: "/" in s and loose.search(s) is not None)
    before = [_view_tuple(view._compute_view(t)) for t in texts]
    assert now == before
    assert sum(view.MASK in m for _, m, _, _ in now) > 100  # the texts do hold paths and domains


def test_blanked_masks_each_range() -> None:
    assert view._blanked("abcdef", []) == "abcdef"
    assert view._blanked("abcdef", [(1, 2), (4, 6)]) == f"a{view.MASK}cd{view.MASK * 2}"


def test_segment_types_compare_and_hash_by_value() -> None:
    a = TextView.of_source("xx hello", 3, 8)
    b = TextView("hello", (Run(0, 5, 3, 8),))
    assert a == b and hash(a) == hash(b) and a.starts == (0,)
    s1 = Segment(SegmentKind.PARAGRAPH, Span(3, 8), a)
    s2 = Segment(SegmentKind.PARAGRAPH, Span(3, 8), b)
    assert s1 == s2 and len({s1, s2}) == 1
    assert a.to_source(1, 3) == Span(4, 6)


def test_markdown_segments_trim_markers_on_offsets() -> None:
    text = "# Title ##\n\n- item one\n> quoted\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    src = SourceFile("t.md", text)
    segs, issues = markdown_segments(src, Span(0, len(text)))
    assert issues == []
    got = [(s.kind, s.text, s.level) for s in segs]
    assert got[0] == (SegmentKind.HEADING, "Title", 1)
    assert (SegmentKind.PARAGRAPH, "item one", 0) in got
    assert (SegmentKind.PARAGRAPH, "quoted", 0) in got
    assert [g[1] for g in got if g[0] is SegmentKind.TABLE] == ["| a | b |", "| 1 | 2 |"]
    for s in segs:  # every view is the source slice of its span
        assert src.text[s.span.start : s.span.end] == s.text


# the branches as they were written before each alternative was led by a literal or a class
# (named groups around them, lookbehinds and `\b` first)
_WRAPPED_STOP = r"\s<>()\[\]{}「」『』（）《》\"'，。；！？、"
_WRAPPED = {
    "url": rf"(?:https?|ftp)://[^{_WRAPPED_STOP}]+|www\.[^{_WRAPPED_STOP}]+",
    "mail": r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+|(?<![\w@])@[A-Za-z0-9_][A-Za-z0-9_.-]{1,}",
    "hash": r"(?<![\w#&])#[^\s#，。；！？、()（）\[\]]+",
    "entity": r"&[a-zA-Z]+;|&#\d+;",
    "cve": r"\bCVE-\d{4}-\d+\b",
    "domain": r"\b[a-z0-9][a-z0-9-]{0,62}+(?:\.[a-z0-9-]{1,63}+){0,8}\.(?:com|org|net|io|ai|co|cn|dev|app|tw|hk|jp"
    r"|gov|edu|me|so|sh|xyz|info|tech|news|top|site|cc|us|uk|de|fr)\b(?:/[^\s，。；！？、)）]*)?",
    "mark": r"\*\*|\*|__|~~|`|\[",
}


@pytest.mark.parametrize(
    "alphabet", ["CVE-2024 1#&;amp@x.+_wC", "ab.com-/ai9 @w.:htps[]*_~`<>!字", "hw.:/ftps[]!()*_~`<>!-字 com ai 1"]
)
def test_led_alternation_matches_as_the_wrapped_one(alphabet: str) -> None:
    import re

    every = sum(1 << i for i in range(len(view._BRANCHES)))
    wrapped = re.compile("|".join(f"(?P<{n}>{_WRAPPED.get(n, view.branch_pattern(n))})" for n, _, _ in view._BRANCHES))
    led, kinds = view._alternation_of(every)
    assert len(kinds) > len(view._BRANCHES)  # the alternatives were split
    rng = random.Random(29)
    for _ in range(6000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        got = [(m.span(), kinds[m.lastindex or 0]) for m in led.finditer(text)]
        assert got == [(m.span(), m.lastgroup) for m in wrapped.finditer(text)], text
    assert [kinds[m.lastindex or 0] for m in led.finditer("x #tag CVE-2024-1 a@b.io &amp; www.x")] == [
        "hash", "cve", "mail", "entity", "url"
    ]  # fmt: skip


_PIECES = (
    "https://example.com/a", "https://a.io/x.md", "www.b.cn/c", "[x](https://a.io)", "![i](http://c.co/i.png)",
    "example.com", "a-.com", "x.ai", "-b.io", "`a.com`", "**", "*", "字", "见", " ", " ", "a", "9", ".", "-", "/",
    "@u", "#t", "<b>", "é", "1.io", "ftp://f.org/p",
)  # fmt: skip


@pytest.mark.parametrize("seed", [41, 42, 43])
def test_views_same_when_the_domain_branch_always_runs(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    texts = ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    now = [_view_tuple(view._compute_view(t)) for t in texts]
    kept = sum(
        view._domain_idle(t, list(view._alternation_of(view._triggered(t) & ~view._DOMAIN_BIT)[0].finditer(t)))
        for t in texts
        if view._triggered(t) & view._DOMAIN_BIT
    )
    monkeypatch.setattr(view, "_domain_idle", lambda text, found: False)
    assert now == [_view_tuple(view._compute_view(t)) for t in texts]
    assert kept > 200  # many texts skipped the domain branch's scan
    assert sum(view.MASK in m for _, m, _, _ in now) > 1000  # and domains were masked
