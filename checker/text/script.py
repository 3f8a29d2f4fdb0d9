"""Scripts: which characters are Chinese ideographs (one definition for every reader).

CJK Unified Ideographs, Extension A and the compatibility block: the ranges digests use.
Kangxi radicals (⽇ for 日) are not ideographs here; the reader view folds them first.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # documents are read, never built here
    from checker.input.documents import Document

# as a character-class body, to embed in larger patterns: f"[{HAN}]"
HAN = "\u3400-\u9fff\uf900-\ufaff"
HAN_CHAR = re.compile(f"[{HAN}]")
HAN_RUN = re.compile(f"[{HAN}]+")


def is_han(ch: str) -> bool:
    return bool(ch) and ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")


def has_han(text: str) -> bool:
    return HAN_CHAR.search(text) is not None


LATIN_RUN = re.compile(r"[A-Za-z]+")
# Han characters per Latin letter from which a document counts as Chinese: digests in Chinese
# are full of English product names, English ones quote a Chinese name now and then
_CHINESE_SHARE = 0.15


def mostly_chinese(doc: Document) -> bool:
    """Mostly Chinese prose (cached per document): at least 0.15 Han characters per Latin letter."""

    def compute(d: Document) -> bool:
        text = d.text
        han = sum(len(run) for run in HAN_RUN.findall(text))
        latin = sum(len(run) for run in LATIN_RUN.findall(text))
        return han > 0 and han >= latin * _CHINESE_SHARE

    return doc.cached("names.cjk", compute)
