"""Epoch AI's tables (CC BY 4.0): notable and all AI models, machine-learning hardware.

Epoch's `Publication date` is the date of the paper or announcement: it becomes the
record's `announced`, never `released`. Model names with a parenthesised re-release month
("Gemini 2.5 Pro (Jun 2025)") or a variant ("GPT-2 (1.5B)") are not names a writer uses and
are skipped; so are the field's old academic entries (before 2017) and one-word dictionary
names ("Boosting", "Transformer"), which are methods more often than products. From the
wide "all models" table only industry models are kept.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from checker.kb.record import RANKS, Record, parse_date
from checker.text.lazy_regex import lazy_compile

_OK = lazy_compile(r"^[A-Za-z0-9\u4e00-\u9fff][\w .\-+\u4e00-\u9fff]*$")
_CAMEL = lazy_compile(r"[a-z][A-Z]|[A-Z]{2}.*[a-z]|^[A-Z][A-Z0-9]{4,}$")
_MIN_YEAR = 2017


def _rows(text: str) -> Iterator[dict[str, str]]:
    try:
        yield from csv.DictReader(io.StringIO(text))
    except csv.Error:
        return


def good_name(name: str) -> bool:
    """A model name a writer would use (see the module docstring)."""
    name = name.strip()
    if not name or len(name) > 50 or len(name.split()) > 5 or not _OK.match(name):
        return False
    if " " not in name and "-" not in name and not re.search(r"\d", name):
        return bool(_CAMEL.search(name))  # AlphaFold, ChatGPT, ERNIE; not "Boosting", "LDA"
    return True


def models(text: str, dataset: str) -> Iterator[Record]:
    """Records of notable_ai_models.csv or all_ai_models.csv (`dataset` names which)."""
    for row in _rows(text):
        name = (row.get("Model") or "").strip()
        date = parse_date(row.get("Publication date"))
        if date is None or date.year < _MIN_YEAR or not good_name(name):
            continue
        if dataset == "epoch-all" and "industry" not in (row.get("Organization categorization") or "").casefold():
            continue  # the wide table's academic models are obscure names: typo bait, not news
        org = (row.get("Organization") or "").split(",")[0].strip() or None
        yield Record(
            name=name,
            kind="model",
            source=_link(row, "Link", "https://epoch.ai/data/ai-models"),
            dataset=dataset,
            rank=RANKS[dataset],
            maker=org,
            announced=date,
        )


def hardware(text: str) -> Iterator[Record]:
    """Records of ml_hardware.csv: "NVIDIA H100 SXM5 80GB" also as "H100 SXM5 80GB"."""
    for row in _rows(text):
        name = re.sub(r"\s*\([^)]*\)", "", (row.get("Hardware name") or "")).strip()
        maker = (row.get("Manufacturer") or "").strip() or None
        if not name or not _OK.match(name) or len(name) > 50:
            continue
        ids = []
        if maker and name.casefold().startswith(maker.casefold() + " ") and re.search(r"\d", name):
            ids.append(name[len(maker) + 1 :])
        yield Record(
            name=name,
            kind="chip",
            source=_link(row, "Link to datasheet", "https://epoch.ai/data/machine-learning-hardware"),
            dataset="epoch-hardware",
            rank=RANKS["epoch-hardware"],
            maker=maker,
            ids=ids,
            released=parse_date(row.get("Release date")),
        )


def _link(row: dict[str, str], column: str, fallback: str) -> str:
    """The first web address in a row's link column (some cells hold several), else the table's page."""
    first = (row.get(column) or "").split()[:1]
    return first[0] if first and first[0].startswith(("https://", "http://")) else fallback
