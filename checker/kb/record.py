"""One fact about a name as one data set states it, before the build merges them."""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.extract.kb import PartialDate
from checker.text.lazy_regex import lazy_compile

# Data sets, their licences and the attribution their licences ask for.
SOURCE_INFO: dict[str, dict[str, str]] = {
    "models.dev": {
        "licence": "MIT",
        "attribution": "models.dev (https://github.com/anomalyco/models.dev), Copyright (c) 2025 models.dev",
        "url": "https://models.dev",
    },
    "epoch-notable": {
        "licence": "CC BY 4.0",
        "attribution": "Epoch AI, 'Data on AI Models'. Published online at epoch.ai. "
        "Retrieved from 'https://epoch.ai/data/ai-models'",
        "url": "https://epoch.ai/data/ai-models",
    },
    "epoch-all": {
        "licence": "CC BY 4.0",
        "attribution": "Epoch AI, 'Data on AI Models'. Published online at epoch.ai. "
        "Retrieved from 'https://epoch.ai/data/ai-models'",
        "url": "https://epoch.ai/data/ai-models",
    },
    "epoch-hardware": {
        "licence": "CC BY 4.0",
        "attribution": "Epoch AI, 'Data on Machine Learning Hardware'. Published online at epoch.ai. "
        "Retrieved from 'https://epoch.ai/data/machine-learning-hardware'",
        "url": "https://epoch.ai/data/machine-learning-hardware",
    },
}

# How far a record's date is trusted, best first: a lab's own model file, the maker's own
# API listing, Epoch's newer and older tables, the hardware table. Aggregators' listing
# dates are not release dates and never become a record's date (see PROVENANCE.md).
RANKS = {"models.dev/models": 0, "models.dev/maker": 1, "epoch-notable": 2, "epoch-all": 3, "epoch-hardware": 4}


@dataclass
class Record:
    name: str  # the display name a writer uses
    kind: str
    source: str  # URL of the evidence
    dataset: str  # a key of SOURCE_INFO
    rank: int  # a value of RANKS (lower is better); 9 = no trusted date
    maker: str | None = None
    family: str | None = None
    ids: list[str] = field(default_factory=list)  # API ids and other spellings
    announced: PartialDate | None = None
    released: PartialDate | None = None


_DATE_PREFIX = lazy_compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def parse_date(value: object) -> PartialDate | None:
    """A data set's date at the precision it gives; None for empty, bogus or unreadable ones."""
    if not isinstance(value, str):
        return None
    m = _DATE_PREFIX.match(value.strip())
    if not m:
        return None
    try:
        d = PartialDate.parse("-".join(p for p in m.groups() if p))
    except ValueError:
        return None
    return d if d.year >= 1990 else None  # 1970-01-01 placeholders
