"""ListYears.year_of answers as list_year (the reference: a copy of the text from the heading to
each date), date after date, and stays linear on a long line of year-less dates."""

from __future__ import annotations

import random
import time

from checker.extract.temporal import scan_text
from checker.extract.temporal.listyear import LineStarts, ListYears, list_year
from checker.text.view import MASK

_BITS = ["\n", " ", "  ", "\t", "# ", "## ", "* ", "- ", "**", "2021", "2024 ", "年", "：", ":", MASK, "\r", "\u2028",
         "12月底", "x", "\u3000", "\x0c"]  # fmt: skip


_HEADS = ["* **2021 年：**", "  - 2024", "### 2021", "# 2024年:", "\t* 2021 ："]


def test_year_of_answers_as_list_year_on_random_texts() -> None:
    rng = random.Random(7)
    years_seen = 0
    for _ in range(1500):
        lines = [
            rng.choice(_HEADS) if rng.random() < 0.3 else "".join(rng.choice(_BITS) for _ in range(rng.randint(0, 6)))
            for _ in range(rng.randint(1, 8))
        ]
        text = "\n".join(lines)
        cut = rng.randint(0, len(text))
        pieces = [(0, cut), (cut, len(text))] if rng.random() < 0.3 else [(0, len(text))]
        years = ListYears(text)
        lines = LineStarts(text)
        for start, end in pieces:
            for at in range(start, end):  # every offset of the piece, in order, as dates come
                want = list_year(text, start, at, lines)
                assert years.year_of(start, end, at) == want, (text, start, end, at)
                years_seen += want is not None
    assert years_seen > 1000  # the texts do reach the year branch


def test_year_of_reads_a_year_heading_above_its_items() -> None:
    text = "*   **2021 年：**\n    *   12 月底發布\n*   3 月發布\n"
    years = ListYears(text)
    first, second = text.index("12 月"), text.index("3 月")
    assert years.year_of(0, len(text), first) == (2021, 1)
    assert years.year_of(0, len(text), second) is None  # back at the heading's level
    mentions = scan_text(text)
    assert [m.context_year for m in mentions] == [None, 2021, None]  # the heading's own year, then its items


def test_a_long_line_of_year_less_dates_below_a_year_heading_is_linear() -> None:
    def cpu(n: int) -> float:
        text = "### 2021 年：\n\n" + "，".join(f"{1 + i % 12} 月底發布" for i in range(n)) + "\n"
        t0 = time.process_time()
        mentions = scan_text(text)
        took = time.process_time() - t0
        assert len(mentions) == n + 1 and all(m.context_year == 2021 for m in mentions[1:])
        return took

    small, large = min(cpu(4000) for _ in range(2)), min(cpu(16000) for _ in range(2))
    assert large < 6 * small  # 4x the dates: about 4x; a copy per date made it 8x and more
