"""What a figure measures and counts: the measure word near it, the noun its unit counts.

Read by recognise.py for each figure of a sentence (split from it: one job per module).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from checker.extract.quantities import attribute as at
from checker.extract.quantities import cues
from checker.extract.quantities import lexwords as lw
from checker.extract.quantities.attribute import Attribution
from checker.extract.quantities.numerals import RawNumber
from checker.lexicon import alternation
from checker.text.lazy_regex import lazy_compile

_MONEY_MEASURES = frozenset(
    {"revenue", "profit", "valuation", "market-cap", "funding", "investment", "cost", "training-cost", "price"}
)
_CURRENCIES = frozenset({"USD", "EUR", "HKD", "JPY", "GBP", "TWD", "KRW", "CNY", "?money"})
_ACTIVE = lw.Lazy(lambda: alternation("quantities", "active"), re.IGNORECASE)
_AFTER_STOP = lazy_compile(r"[，,。；;、（(]")  # where the words after a figure stop counting it
_DIGIT = lazy_compile(r"\d")
_MAX_BEFORE = 12  # a measure word further before the number than this is about something else
_MAX_AFTER = 6


def unit_fits(measure: str, unit: str, role: str) -> bool:
    """Whether a unit can express a measure ("營收 22%" is a growth, not a revenue)."""
    if role == "change":
        return unit in ("%", "pp", "x") or unit in _CURRENCIES
    if measure in _MONEY_MEASURES:
        return unit.split("/")[0] in _CURRENCIES and (measure == "price" or not unit.endswith("/per"))
    if measure == "active-parameters":
        return unit in ("params", "")
    fits = _UNIT_FITS.get(measure)
    return fits is not None and fits(unit)


_PEOPLE_UNITS = ("users", "people", "")
# what each other measure can be told in (a table read per figure: a dict literal of every
# measure's test was built and evaluated in full for each one)
_UNIT_FITS: dict[str, Callable[[str], bool]] = {
    "parameters": lambda unit: unit in ("params", ""),
    "gpu-count": lambda unit: unit == "gpus",
    "users": lambda unit: unit in _PEOPLE_UNITS,
    "context": lambda unit: unit in ("tokens", ""),
    "accuracy": lambda unit: unit == "%",
    "score": lambda unit: unit in ("points", "%", ""),
    "share": lambda unit: unit == "%",
    "margin": lambda unit: unit == "%",
    "weekly-active-users": lambda unit: unit in _PEOPLE_UNITS,
    "monthly-active-users": lambda unit: unit in _PEOPLE_UNITS,
    "daily-active-users": lambda unit: unit in _PEOPLE_UNITS,
    "downloads": lambda unit: unit == "" or unit.startswith("cls:"),
    "employees": lambda unit: unit in ("people", "") or unit.startswith("cls:"),
}


def pick_measure(
    sent: str,
    raw: RawNumber,
    clause: tuple[int, int],
    measures: list[at.MeasureHit],
    label: at.MeasureHit | None,
    role: str,
    starts: list[int] | None = None,
) -> Attribution | None:
    """The measure word just before the number in its clause, else just after, else the label."""
    lo = max(clause[0], raw.start - _MAX_BEFORE)
    # measures come in order of start: only those starting in [lo, raw.start] can end before
    # the figure, only those in [raw.end, ...] follow it (a list of all per figure was
    # quadratic in the figures of one sentence)
    starts = starts if starts is not None else [h.start for h in measures]
    hit: at.MeasureHit | None = None
    for k in range(bisect.bisect_right(starts, raw.start) - 1, bisect.bisect_left(starts, lo) - 1, -1):
        if measures[k].end <= raw.start:
            hit = measures[k]  # the last before
            break
    if hit is None:
        k = bisect.bisect_left(starts, raw.end)
        if k < len(measures) and measures[k].start <= min(clause[1], raw.end + _MAX_AFTER):
            hit = measures[k]  # the first after
    source = "clause"
    if hit is None and label is not None:
        hit, source = label, "label"
    unit_measure = _measure_from_unit(raw)
    if hit is None:
        return _active(unit_measure, sent, clause, raw)
    key = hit.measure.key
    if key == "cost" and at.training_context(sent):
        key = "training-cost"
    if key == "parameters" and _ACTIVE.search(sent[clause[0] : raw.start]):
        key = "active-parameters"  # a mixture of experts: 激活 459 億 of 4560 億
    if key in _MONEY_MEASURES and raw.unit == "" and raw.value >= 1e4 and role == "value":
        raw.unit = "?money"  # 「年收入飙升至百亿」: an amount in the article's currency
    if not unit_fits(key, raw.unit, role):
        # "投入 2048 塊 H800": the unit tells what is counted
        return _active(unit_measure, sent, clause, raw)
    return Attribution(key, hit.words, source, 0.9 if source == "clause" else 0.8)


def _active(measure: Attribution | None, sent: str, clause: tuple[int, int], raw: RawNumber) -> Attribution | None:
    """「每個 token 都會激活其中 459 億個參數」: the active parameters of a mixture of experts."""
    if measure is not None and measure.key == "parameters" and _ACTIVE.search(sent[clause[0] : raw.start]):
        return Attribution("active-parameters", measure.words, measure.source, measure.confidence)
    return measure


def _measure_from_unit(raw: RawNumber) -> Attribution | None:
    if raw.unit == "gpus":
        return Attribution("gpu-count", raw.text, "unit", 0.8)
    if raw.unit == "params":
        return Attribution("parameters", raw.text, "unit", 0.8)
    if raw.unit == "users":
        return Attribution("users", raw.text, "unit", 0.8)
    if raw.unit.endswith("/per") and raw.unit.split("/")[0] in _CURRENCIES:
        return Attribution("price", raw.text, "unit", 0.8)  # 「每月 200 美元」
    return None


def refine_unit(raw: RawNumber, sent: str) -> None:
    """Counted nouns: 「2048 塊英偉達 H800 晶片」 counts GPUs; 「8 億用戶」 counts users."""
    after = _AFTER_STOP.split(sent[raw.end : raw.end + 14], maxsplit=1)[0]
    if raw.unit.startswith("cls:"):
        # the counted noun follows the classifier, perhaps after a maker: 「塊英偉達 H800 晶片」
        noun = cues.MAKER.sub("", after).strip()
        if cues.GPU_HOURS.match(noun):
            raw.unit = "gpu-hours"  # 「2 亿个 GPU 小时」 is compute, not a GPU count
        elif cues.GPU_NOUN.match(noun) or raw.cls == "卡":
            raw.unit = "gpus"
        elif raw.cls in cues.CLS_PEOPLE:
            raw.unit = "users" if cues.USER_NOUN.match(after.strip()) else "people"
        elif cues.USER_NOUN.match(after.strip()):
            raw.unit = "users"
    elif raw.unit == "" and raw.value >= 1e8 and _PARAMS_AFTER.match(after):
        raw.unit = "params"
    elif raw.unit == "" and cues.USER_NOUN.match(after.strip()):
        raw.unit = "users"
    elif raw.unit in ("en:model",) and raw.value >= 1e8:
        raw.unit = "params"
    elif raw.unit == "" and raw.scale in (1e9, 1e12) and _DIGIT.match(raw.text) and raw.text.rstrip()[-1] in "BT":
        raw.unit = "params"  # a bare "70B" in AI news counts parameters ("$13B" has its currency)
    if raw.unit in ("en:gpu", "en:chip"):
        raw.unit = "gpus"
    elif raw.unit in ("en:user", "en:subscriber"):
        raw.unit = "users"
    # a rate ("每百萬 token 0.14 美元", "$20/月", "per user") is never the total
    if raw.unit and (cues.PER.match(sent, raw.end) or cues.PER_BEFORE.search(sent, max(0, raw.start - 10), raw.start)):
        raw.unit += "/per"


# 「1750 亿参数」, 「千亿的模型」: a bare large figure counting parameters
_PARAMS_AFTER = lw.Lazy(
    lambda: (
        rf"\s*(?:{lw.plain('params-noun')}|的?{lw.plain('model-noun', script='han')}"
        rf"|{lw.plain('model-noun', script='latin')})"
    ),
    re.IGNORECASE,
)
