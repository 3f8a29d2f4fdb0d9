"""The front matter read without PyYAML gives what PyYAML gives, or declines."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from checker.input.frontmatter import _loader_class, find_front_matter
from checker.input.plain_yaml import read_plain
from checker.input.source import SourceFile

KEYS = ["title", "date", "Date", "updated_at", "a-b", "_x", "yes", "on", "Null", "N", "1", "x" * 200, "k k", "é"]
VALUES = [
    "AI 日报",
    "OpenAI 发布 GPT-5",
    "2026-12-01",
    "2025-02-30",
    "2026-13-01",
    "2026-1-5",
    "2026-12-01 10:00",
    "OpenAI: GPT-5",
    "a # comment",
    "a#b",
    "yes",
    "No",
    "off",
    "null",
    "~",
    "123",
    "1e5",
    ".inf",
    "0x1F",
    "- item",
    "[a, b]",
    "{a: 1}",
    "'quoted'",
    '"quoted"',
    "&anchor x",
    "*alias",
    "!tag x",
    "| block",
    "> folded",
    "%x",
    "@x",
    "`x`",
    "It's a [test], 100%!",
    "trailing   ",
    "in  side",
    "zero\u200bwidth",
    "nel\x85x",
    "ls\u2028x",
    "ｆｕｌｌ：宽",
    "Ünïcödé",
    "",
    "<< x",
    "=",
    "ª",
    '"AI 日报 - 2026年2月5日"',
    "'single: # quoted'",
    '"a\\"b"',
    '"a\\nb"',
    "'it''s'",
    '"a: b # c"',
    '""',
    "''",
    '"',
    '"x" y',
    "🤖 2026年3月18日 AI 日报",
    "08-19-日报",
    "2026年3月18日",
    "0x日",
    "-日",
    "<< 日",
    ".日",
    "~日",
    "日: x",
    "1_000",
    "2026-12-01T10:00:00Z",
    "2025-09-01T09:36:13+08:00",
    "2025-09-01T09:36:13-05:30",
    "2025-09-01T09:36:13",
    "2025-13-01T09:36:13+08:00",
    "2025-09-01T25:36:13Z",
    "2025-09-01T09:36:13.5Z",
    "2025-09-01 09:36:13",
    '["AI", "每日日報", "技術趨勢"]',
    '[ "AI" ,"x y: z # c" ]',
    '["a"]',
    "[]",
    '["a",]',
    '["a", b]',
    '["a\\"b"]',
    "['a', 'b']",
    '["a"] x',
    '[["a"]]',
    '["a": "b"]',
]


def _yaml(raw: str) -> object:
    loader = _loader_class()(raw)
    try:
        data = loader.get_single_data()
        return (data, tuple(loader.bad_values))
    except Exception as exc:  # PyYAML refuses it: the plain reader must decline too
        return exc
    finally:
        loader.dispose()


def _check(raw: str) -> bool:
    plain = read_plain(raw)
    if plain is None:
        return False
    assert _yaml(raw) == (plain, ()), raw
    # the same types too (a date is not a string that looks like one)
    data, _ = _yaml(raw)  # type: ignore[misc]
    assert [type(v) for v in data.values()] == [type(v) for v in plain.values()], raw
    return True


def test_each_line_as_pyyaml_or_declined() -> None:
    accepted = 0
    for key in KEYS:
        for value in VALUES:
            for sep in (": ", ":", ":   "):
                accepted += _check(f"{key}{sep}{value}")
    assert accepted > 50  # the fast path is taken for the common shapes


def test_random_blocks_as_pyyaml_or_declined() -> None:
    rng = random.Random(17)
    accepted = 0
    for _ in range(3000):
        lines = [f"{rng.choice(KEYS)}: {rng.choice(VALUES)}" for _ in range(rng.randint(1, 5))]
        if rng.random() < 0.2:
            lines.insert(rng.randint(0, len(lines)), rng.choice(["", "  indented: x", "# c", "---", "- x"]))
        accepted += _check("\n".join(lines) + rng.choice(["", "\n", "\n\n"]))
    assert accepted > 30  # some blocks of only plain lines among them


@pytest.mark.parametrize(
    "raw",
    ["", "\n", "title: a\r\n", "title:\tx", "title: a\n  more", "date: 2025-02-30", "title: x: y", "title: 1.5"],
)
def test_declines(raw: str) -> None:
    assert read_plain(raw) is None


def test_draft_front_matter_without_pyyaml() -> None:
    text = "---\ntitle: AI 日报\ndate: 2026-12-01\n---\n# x\n"
    fm = find_front_matter(SourceFile(path="d.md", text=text))
    assert fm is not None and fm.error is None and fm.bad_values == ()
    assert fm.data == {"title": "AI 日报", "date": dt.date(2026, 12, 1)}
    assert read_plain("title: AI 日报\ndate: 2026-12-01\n") == fm.data


def test_flow_lists_and_timestamps_read_without_pyyaml() -> None:
    """The seeds' shapes: a list of quoted texts, an aware timestamp; read as PyYAML reads them."""
    raw = 'title: "2025.09.01 新闻"\ndate: 2025-09-01T09:36:13+08:00\ncategories: ["AI前沿", "产业动态"]\n'
    assert _check(raw)
    data = read_plain(raw)
    assert data is not None and data["categories"] == ["AI前沿", "产业动态"]
    assert read_plain("date: 2025-09-01T09:36:13+25:00") is None or _check("date: 2025-09-01T09:36:13+25:00")
