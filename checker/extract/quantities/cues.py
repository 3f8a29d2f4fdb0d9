"""Cues around a figure: what it is a change of, a comparison with, a count of.

Read by recognise.py once a number is found: the role of the figure (a value, a change, the
start of "from X to Y", a comparison, a value of before) and the noun it counts.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from checker.extract.quantities.lexwords import Lazy, plain
from checker.extract.quantities.numerals import Suffix
from checker.lexicon import alternation, words
from checker.text.script import is_han


def _cue(*lists: str) -> str:
    return alternation("quantities", *lists)


def _han_chars(key: str) -> str:
    """The one-character Chinese words of a list, for a character class (they are no regex syntax)."""
    return "".join(sorted(w for w in words("quantities", key) if len(w) == 1 and is_han(w)))


def _words(key: str) -> Callable[[], frozenset[str]]:
    return lambda: words("quantities", key)


# what follows a classifier: 「塊英偉達 H800 晶片」 (chip names are patterns, the nouns are words)
GPU_NOUN = Lazy(lambda: rf"{_cue('gpu-noun')}|[HAB]\d{{2,3}}|GB\d{{3}}", re.IGNORECASE)
GPU_HOURS = Lazy(lambda: rf"{plain('gpu-hour-noun')}\s?{plain('hour-noun')}", re.IGNORECASE)  # 「2 亿个 GPU 小时」
MAKER = Lazy(lambda: rf"^\s*{_cue('maker')}?\s*", re.IGNORECASE)
USER_NOUN = Lazy(lambda: _cue("user-noun"), re.IGNORECASE)
CLS_PEOPLE = {"人", "名", "位"}  # classifiers of people
CHANGE_VERB = Suffix(_words("change-verb"))
CHANGE_FILLER = Suffix(_words("change-filler"))
TO_WORD = Suffix(_words("to-word"))
# A figure about something else than its subject: a rival, a benchmark opponent, the old way.
COMPARE = Lazy(lambda: _cue("compare"), re.IGNORECASE)
# The start of "from X to Y": 「從 45%」, 「估值从去年的约 4000 亿」.
FROM_AHEAD = Lazy(
    lambda: rf"{plain('from-word', start=True)}[^，,。；;{_han_chars('from-word')}\d%％]{{0,8}}$",
    re.IGNORECASE,
)
# A comparison opening the sentence: 「相較GPT-5.4，GPT-5.5 … 高23%」.
COMPARE_LEAD = Lazy(lambda: _cue("compare-lead"), re.IGNORECASE)
# A figure from before (anywhere earlier in the sentence): 「五个月前估值 4000 亿」, "a year ago".
PAST = Lazy(lambda: _cue("past"), re.IGNORECASE)
# Weaker cues of the past that hold only for their own clause (「原本寂寂無名，但本月…」).
PAST_CLAUSE = Lazy(lambda: _cue("past-clause"), re.IGNORECASE)
CLAUSE_CUES = Lazy(lambda: f"(?P<compare>{COMPARE.pattern})|(?P<past>{PAST_CLAUSE.pattern})", re.IGNORECASE)
SENTENCE_CUES = Lazy(lambda: f"(?P<compare>{COMPARE_LEAD.pattern})|(?P<past>{PAST.pattern})", re.IGNORECASE)
PER = Lazy(lambda: rf"\s*{plain('per', end=True)}")


def _per_before() -> str:
    # 「每百萬 token」, "per user": a Latin word of [per] needs its space before what it counts
    alts = sorted(words("quantities", "per"), key=len, reverse=True)
    src = "|".join(re.escape(w) + (" " if w[-1].isascii() and w[-1].isalpha() else "") for w in alts)
    return rf"(?:{src})[^，,。；;\d]{{0,8}}$"


PER_BEFORE = Lazy(_per_before)
