"""Scripts: which characters are Chinese ideographs (one definition for every reader).

CJK Unified Ideographs, Extension A and the compatibility block: the ranges digests use.
Kangxi radicals (⽇ for 日) are not ideographs here; the reader view folds them first.
"""

from __future__ import annotations

import re

# as a character-class body, to embed in larger patterns: f"[{HAN}]"
HAN = "\u3400-\u9fff\uf900-\ufaff"
HAN_CHAR = re.compile(f"[{HAN}]")
HAN_RUN = re.compile(f"[{HAN}]+")


def is_han(ch: str) -> bool:
    return bool(ch) and ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")


def has_han(text: str) -> bool:
    return HAN_CHAR.search(text) is not None
