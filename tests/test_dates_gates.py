"""The cheap gates of the date rules say "nothing here" only where the costly path finds nothing."""

from __future__ import annotations

import random
from pathlib import Path

from checker.extract import url_dates as ud

from .fixtures import one_document

_PIECES = [
    "發布日期：",
    "Published: ",
    "2025-03-04",
    "2025\n-03-04",  # \s* of _STATED crosses a line break in the item, never in a line
    "2025年3月4日",
    "12",
    "7",
    "\n",
    "\n- ",
    " https://example.com/2025/03/01/story",
    " http://a.io/x",
    " 文字 ",
    "9",
]


def _items(n: int) -> list[str]:
    rng = random.Random(17)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 9))) for _ in range(n)]


def test_an_item_the_gate_skips_has_no_line_with_a_stated_date_and_a_url() -> None:
    passed = skipped = 0
    for text in _items(3000):
        gated = "http" in text and ud._STATED.search(text) is not None
        readable = any(ud._stated(line, 0) and ud._row_urls(line, 0) for _, line in ud._lines(text, 0))
        assert gated or not readable, repr(text)
        passed += gated
        skipped += not gated
    assert passed > 100 and skipped > 100  # both sides of the gate were tried


def test_a_labelled_item_date_against_its_url_is_still_read(tmp_path: Path) -> None:
    doc = one_document(
        tmp_path,
        "# T\n\n- 一則新聞 發布日期：2025-03-20 https://example.com/2025/03/01/story\n- 另一則 https://a.io/x\n",
    )
    found = list(ud.row_dates(doc))
    assert [(r.stated.isoformat(), r.url.date.isoformat()) for r in found] == [("2025-03-20", "2025-03-01")]
