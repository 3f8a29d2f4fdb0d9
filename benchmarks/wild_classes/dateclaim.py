"""date.claim classes: a dated launch sentence with a wrong year or month for a product the
knowledge base dates, inserted as a paragraph (a digest that borrowed the date of another event)."""

from __future__ import annotations

import datetime as dt
import random
from functools import cache

from wild import WildClass, insert_paragraph

from checker.extract.kb import Entry, load_kb
from checker.extract.names.keys import name_key

_MONTHS = [dt.date(2000, m, 1).strftime("%B") for m in range(1, 13)]

_TEMPLATES = {
    "hans": [
        "{date}，{maker}正式发布{name}，{tail}",
        "{maker}于{date}推出了{name}，{tail}",
        "{name}于{date}正式发布，{tail}",
        "早在{date}，{maker}就发布了{name}，{tail}",
        "回顾来看，{maker}在{date}推出{name}，{tail}",
        "{date}，{maker}宣布推出全新的{name}，{tail}",
    ],
    "hant": [
        "{date}，{maker}正式發布{name}，{tail}",
        "{maker}於{date}推出了{name}，{tail}",
        "{name}於{date}正式發布，{tail}",
        "早在{date}，{maker}就發布了{name}，{tail}",
        "回顧來看，{maker}在{date}推出{name}，{tail}",
        "{date}，{maker}宣布推出全新的{name}，{tail}",
    ],
    "en": [
        "{maker} released {name} on {date}, {tail}",
        "In {date}, {maker} unveiled {name}, {tail}",
        "{name} was released in {date}, {tail}",
        "Back in {date}, {maker} launched {name}, {tail}",
        "{maker} first announced {name} in {date}, {tail}",
        "On {date}, {maker} introduced its new {name} model, {tail}",
    ],
}
_TAILS = {
    "hans": [
        "在推理和代码任务上表现突出。",
        "引发了业界的广泛讨论。",
        "开发者可以通过官方渠道体验。",
        "这被视为该公司的一次重要布局。",
    ],
    "hant": [
        "在推理與程式任務上表現突出。",
        "引發了業界的廣泛討論。",
        "開發者可以透過官方管道體驗。",
        "這被視為該公司的一次重要布局。",
    ],
    "en": [
        "a release that reshaped the benchmarks of the time.",
        "and developers could try it the same day.",
        "which set the pace for its rivals.",
        "drawing wide attention across the industry.",
    ],
}


@cache
def _products() -> list[Entry]:
    """Models and chips the KB dates to the day or month, with a maker and a name longer than an acronym."""
    out = []
    for e in load_kb():
        date = e.released or e.announced
        if e.kind not in ("model", "chip") or not e.maker or date is None or date.month is None:
            continue
        if len(name_key(e.name)) > 4 and date.year >= 2020:
            out.append(e)
    return sorted(out, key=lambda e: e.name)


def _written(script: str, year: int, month: int, day: int | None) -> str:
    if script == "en":
        return f"{_MONTHS[month - 1]} {day}, {year}" if day else f"{_MONTHS[month - 1]} {year}"
    return f"{year}年{month}月" + (f"{day}日" if day else "")


def _claim(text: str, rng: random.Random, script: str, shift: str) -> tuple[str, int, int] | None:
    e = rng.choice(_products())
    lo = (e.announced or e.released).earliest()  # type: ignore[union-attr]
    hi = (e.released or e.announced).latest()  # type: ignore[union-attr]
    if shift == "year":
        year = lo.year - rng.choice([1, 2]) if rng.random() < 0.5 or hi.year >= 2025 else hi.year + 1
        month = rng.randint(1, 12)
    else:
        year, month = lo.year, lo.month
        for _ in range(12):
            month = rng.randint(1, 12)
            if month < lo.month - 2 or month > hi.month + 2 or hi.year > lo.year:
                break
        if lo.month - 2 <= month <= hi.month + 2 and hi.year == lo.year:
            return None
    day = rng.randint(1, 28) if rng.random() < 0.5 else None
    claimed = dt.date(year, month, day or 1)
    if claimed > dt.date(2025, 6, 30):
        return None  # every article of the corpus is later: a date after it is another defect
    if lo - dt.timedelta(days=130) <= claimed <= hi + dt.timedelta(days=130):
        return None  # within what the rule forgives (an unrecorded announcement or release)
    template = rng.choice(_TEMPLATES[script])
    sentence = template.format(
        date=_written(script, year, month, day), maker=e.maker, name=e.name, tail=rng.choice(_TAILS[script])
    )
    return insert_paragraph(text, rng, sentence)


def _wrong_year(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    return _claim(text, rng, script, "year")


def _wrong_month(text: str, rng: random.Random, script: str) -> tuple[str, int, int] | None:
    return _claim(text, rng, script, "month")


CLASSES = [
    WildClass("dateclaim-wrong-year", "date.claim", _wrong_year),
    WildClass("dateclaim-wrong-month", "date.claim", _wrong_month),
]
