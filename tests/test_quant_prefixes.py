"""prefixes.PrefixScan answers each prefix as a scan of that prefix alone would (exactness of a speed-up)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from checker.extract.quantities import attribute as at
from checker.extract.quantities import cues
from checker.extract.quantities import recognise as rec
from checker.extract.quantities.prefixes import PrefixScan, gated_search, reach_of, starts_of

from .clihelp import python_snippet

# pieces that make the patterns match, half-match and flip at a cut (look-aheads, word edges,
# case-blind letters and their odd cases)
_PIECES = [
    *"abcxy Q1234年月季度上下半第一前三 ,.:",
    "2024年", "2025年5月", "FY24", "H1", "Q3", "去年", "截至2024年9月", "将于", "預計", "计划",
    " will ", "WILL", "plan", "planning", "Series B", "SEED ROUND", "累计", "A轮", "相较", "比",
    "Σ", "ς", "\u212a", "ſ", "İ", "σk", "ſt",
]  # fmt: skip


def _patterns() -> list[re.Pattern[str]]:
    return [
        at._TIME.compiled,
        at._FORECAST.compiled,
        cues.SENTENCE_CUES.compiled,
        rec._CUMULATIVE.compiled,
        rec._ROUND.compiled,
        re.compile(r"ab\b|a(?!bc)|abc"),
        re.compile(r"(?i)σk|ſt|K"),
        re.compile(r"x+y"),  # unbounded: scanned per prefix
        re.compile(r"(?<=a)b|b(?=c)"),
    ]


@pytest.mark.parametrize("seed", range(4))
def test_every_prefix_answers_as_its_own_scan(seed: int) -> None:
    rng = random.Random(seed)
    patterns = _patterns()
    for _ in range(150):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 40)))
        for pattern in patterns:
            scan = PrefixScan(pattern, text)
            for p in range(len(text) + 1):
                every = list(pattern.finditer(text[:p]))
                last = scan.last(p)
                want = (every[-1].span(), every[-1].group(0), every[-1].lastgroup) if every else None
                assert ((last.span(), last.group(0), last.lastgroup) if last else None) == want, (text, p)
                first = scan.first(p)
                plain = pattern.search(text[:p])
                assert (first.span() if first else None) == (plain.span() if plain else None), (text, p)
                lo = rng.randint(0, p)
                got, exp = scan.search(lo, p), pattern.search(text, lo, p)
                assert ((got.span(), got.lastgroup) if got else None) == ((exp.span(), exp.lastgroup) if exp else None)


def test_reach_and_starts_are_bounded_or_declined() -> None:
    assert reach_of(r"abc(?=d)", 0) == 5  # three consumed, one looked at, one for an anchor
    assert reach_of(r"a+", 0) is None  # unbounded: no shortcut
    assert reach_of(r"a?", 0) is None  # may match nothing: no shortcut
    starts = starts_of(r"(?:x|y)?z|\bq", re.IGNORECASE)
    assert starts is not None
    assert all(starts.match(c) for c in "xyzqXYZQ")
    assert starts.match("a") is None
    assert starts_of(r"\d+", 0) is None  # a category: not enumerated


def test_a_line_of_figures_reads_each_figure_once() -> None:
    """The figures shape (issue 17): the figures of one long sentence keep their readings
    (30 figures and 30 version digits: under the 64 digit runs a sentence may hold)."""
    sentence = "，".join(f"DeepSeek-V3 的訓練成本為 {500 + i} 萬美元" for i in range(30))
    reading = rec._read_sentence(sentence)
    assert reading is not None
    assert len(reading.figures) == 30
    assert all(f.measure is not None and f.measure.key == "training-cost" for f in reading.figures)
    assert all(f.subject is not None and f.subject.key == "deepseek-v3" for f in reading.figures)


_READINGS = """
import re
from checker.extract.quantities import attribute as at, cues, recognise as rec
from checker.extract.quantities.prefixes import reach_of, starts_of
for p in (at._TIME.compiled, at._FORECAST.compiled, cues.SENTENCE_CUES.compiled, rec._ROUND.compiled):
    gate = starts_of(p.pattern, p.flags)
    print(reach_of(p.pattern, p.flags), gate.pattern if gate else None, gate.flags if gate else None)
"""


def test_pattern_readings_kept_between_runs_give_what_parsing_gives(tmp_path: Path) -> None:
    """reach_of and starts_of read from the lexicon store equal a fresh parse; a stored value of
    the wrong shape (a class that would match more, a reach of zero) is parsed afresh."""
    import json

    def run(cache: Path, **env: str) -> str:
        got = python_snippet(_READINGS, cache, **env)
        assert got.returncode == 0, got.stderr
        return got.stdout

    parsed = run(tmp_path / "off", CHECKER_LEXICON_CACHE="0")
    assert "None None None" not in parsed.splitlines()[0]  # a gate and a reach to compare
    assert run(tmp_path / "on") == parsed
    (path,) = (tmp_path / "on" / "lexicon-lists").glob("lists-*.json")
    data = json.loads(path.read_bytes())
    readings = [k for k in data["values"] if k.startswith("pattern-reading")]
    assert len(readings) == 4
    assert run(tmp_path / "on") == parsed  # read back from the store
    for k, bad in zip(readings, ([5, "a]|.", False], [0, "a", False], [3, "\\d", True], "x"), strict=True):
        data["values"][k] = bad
    path.write_text(json.dumps(data), encoding="utf-8")
    assert run(tmp_path / "on") == parsed


@pytest.mark.parametrize("seed", range(3))
def test_measured_prefixes_answer_alike_before_and_after_the_scan(seed: int) -> None:
    """`_Measured` asks the engine about the first few prefixes directly and a PrefixScan after:
    every answer, on both sides of that switch, is the one of the prefix alone."""
    rng = random.Random(seed)
    for _ in range(60):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 40)))
        facts = rec._Measured(text)
        cuts = sorted(rng.randint(0, len(text)) for _ in range(rec._DIRECT_ASKS + 4))
        for p in cuts:  # more asks than the direct ones: the scan answers the last
            assert facts.time_before(p) == at.find_time(text[:p]), (text, p)
            assert facts.forecast_before(p) == at.is_forecast(text[:p]), (text, p)
        assert facts._time is not None and facts._forecast is not None  # the scans were used


@pytest.mark.parametrize("seed", range(3))
def test_a_bounded_gated_search_is_the_bounded_search(seed: int) -> None:
    """`gated_search(pattern, text, pos, endpos)` (a figure's far cue) finds what the engine's
    search of the same stretch finds: look-behinds and word edges still see outside it."""
    rng = random.Random(seed)
    for _ in range(150):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 40)))
        for pattern in _patterns():
            end = rng.randint(0, len(text))
            pos = rng.randint(0, end)
            got, want = gated_search(pattern, text, pos, end), pattern.search(text, pos, end)
            assert ((got.span(), got.lastgroup) if got else None) == ((want.span(), want.lastgroup) if want else None)
