"""Cues around a figure: what it is a change of, a comparison with, a count of.

Read by recognise.py once a number is found: the role of the figure (a value, a change, the
start of "from X to Y", a comparison, a value of before) and the noun it counts.
"""

from __future__ import annotations

import re

from checker.extract.quantities.numerals import Suffix
from checker.lexicon import alternation, words


def _cue(*lists: str) -> str:
    return alternation("quantities", *lists)


# what follows a classifier: 「塊英偉達 H800 晶片」 (chip names are patterns, the nouns are words)
GPU_NOUN = re.compile(rf"{_cue('gpu-noun')}|[HAB]\d{{2,3}}|GB\d{{3}}", re.IGNORECASE)
GPU_HOURS = re.compile(r"(?:GPU|卡)\s?(?:小时|小時|时|時|hours?)", re.IGNORECASE)  # 「2 亿个 GPU 小时」
MAKER = re.compile(rf"^\s*{_cue('maker')}?\s*", re.IGNORECASE)
USER_NOUN = re.compile(_cue("user-noun"), re.IGNORECASE)
CLS_PEOPLE = {"人", "名", "位"}  # classifiers of people
CHANGE_VERB = Suffix(words("quantities", "change-verb"))
CHANGE_FILLER = Suffix(words("quantities", "change-filler"))
TO_WORD = Suffix(words("quantities", "to-word"))
# A figure about something else than its subject: a rival, a benchmark opponent, the old way.
COMPARE = re.compile(_cue("compare"), re.IGNORECASE)
# The start of "from X to Y": 「從 45%」, 「估值从去年的约 4000 亿」.
FROM_AHEAD = re.compile(r"(?:从|從|由|\bfrom)[^，,。；;从從由\d%％]{0,8}$", re.IGNORECASE)
# A comparison opening the sentence: 「相較GPT-5.4，GPT-5.5 … 高23%」.
COMPARE_LEAD = re.compile(_cue("compare-lead"), re.IGNORECASE)
# A figure from before (anywhere earlier in the sentence): 「五个月前估值 4000 亿」, "a year ago".
PAST = re.compile(_cue("past"), re.IGNORECASE)
# Weaker cues of the past that hold only for their own clause (「原本寂寂無名，但本月…」).
PAST_CLAUSE = re.compile(_cue("past-clause"), re.IGNORECASE)
CLAUSE_CUES = re.compile(f"(?P<compare>{COMPARE.pattern})|(?P<past>{PAST_CLAUSE.pattern})", re.IGNORECASE)
SENTENCE_CUES = re.compile(f"(?P<compare>{COMPARE_LEAD.pattern})|(?P<past>{PAST.pattern})", re.IGNORECASE)
PER = re.compile(r"\s*(?:/|每|per\b)")
PER_BEFORE = re.compile(r"(?:每|per |/)[^，,。；;\d]{0,8}$")
