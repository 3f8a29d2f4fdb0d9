"""The per-sentence and per-segment indexes that keep number and launch-claim reading linear
(issue 17: "wan chains", "percent chains", "one long line") give what the per-item scans gave."""

from __future__ import annotations

import random
from pathlib import Path

from checker.core.config import Config
from checker.core.engine import load_inputs
from checker.core.model import Span
from checker.extract.dateclaims import _ByStart
from checker.extract.names.extract import Mention
from checker.extract.quantities.recognise import _MOST_FIGURES, _clause_bounds, _ClauseBreaks, extract_quantities


def test_clause_breaks_match_the_per_figure_search() -> None:
    rng = random.Random(17)
    alphabet = "12,3，、：:（）()—,ab 萬%"
    for _ in range(400):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        breaks = _ClauseBreaks(text)
        for start in range(len(text) + 1):
            for end in range(start, min(len(text), start + 4) + 1):
                assert breaks.bounds(start, end) == _clause_bounds(text, start, end), (text, start, end)


def _mention(start: int, end: int, k: int) -> Mention:
    return Mention(f"N{k}", f"n{k}", Span(start, end), 0, start, end, "latin")


def test_names_by_start_pick_what_the_scans_picked() -> None:
    rng = random.Random(6)
    for _ in range(300):
        names = []
        for k in range(rng.randint(0, 12)):
            a = rng.randint(0, 30)
            names.append(_mention(a, a + rng.randint(1, 6), k))  # unordered, with ties on start and end
        index = _ByStart(names)
        for lo in range(0, 32, 3):
            for hi in range(lo, 40, 4):
                after = [m for m in names if lo <= m.start and m.end <= hi]
                want_first = min(after, key=lambda n: n.start) if after else None
                want_last = max(after, key=lambda n: n.end) if after else None
                assert index.first_after(lo, hi) is want_first
                assert index.last_before(lo, hi) is want_last


def _quantities(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    docs, errors = load_inputs([str(path)], Config(root=tmp_path))
    assert not errors
    return [q.text for q in extract_quantities(docs[0])]


def test_a_run_of_figures_is_not_read_but_a_list_in_prose_is(tmp_path: Path) -> None:
    prose = "各季度營收分別為" + "、".join(f"{k}億" for k in range(1, 31)) + "。\n"
    assert len(_quantities(tmp_path, "# T\n\n" + prose)) == 30
    dump = "".join(f"{1 + k % 9}萬" for k in range(_MOST_FIGURES + 1)) + "。\n"
    assert _quantities(tmp_path, "# T\n\n" + dump) == []
    # the prose sentence next to the dump is still read
    assert len(_quantities(tmp_path, "# T\n\n" + dump + "\n" + prose)) == 30
