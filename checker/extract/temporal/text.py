"""Prepare prose for the date grammar without moving a single offset.

Every transformation here is one character for one character, so a match at view
position i is at view position i of the original segment text: full-width digits
and punctuation become ASCII, Kangxi radicals from PDF extraction (⽇ ⽉) become the
ideographs they stand for, and URLs, inline code, HTML tags and Markdown link
targets are blanked out (they hold dates that are not statements: 2025-12-15 in a
path, a version in code).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

MASK = "\x1a"  # neither a digit, a letter, a space nor punctuation: nothing matches across it


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    """One-to-one NFKC folds only: a fold that changes the length would shift offsets.

    Full-width punctuation （），：is left alone (the patterns accept both forms), so
    that the common case needs no translation at all.
    """
    table: dict[int, str] = {}
    ranges = [
        (0xFF0D, 0xFF0F),
        (0xFF10, 0xFF19),
        (0xFF21, 0xFF3A),
        (0xFF41, 0xFF5A),
        (0xFF5E, 0xFF5E),
        (0x2F00, 0x2FD5),
        (0x2E80, 0x2EF3),
        (0xF900, 0xFAD9),
    ]
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            folded = unicodedata.normalize("NFKC", chr(cp))
            if len(folded) == 1 and folded != chr(cp):
                table[cp] = folded
    table[0x3000] = " "  # ideographic space
    table[0x301C] = "~"  # wave dash
    table[0x25CB] = "〇"  # white circle used as a zero in 二○二五
    for cp in (0x200B, 0x200C, 0x200D, 0xFEFF):  # invisible, never part of a date
        table[cp] = MASK
    return table


_NEEDS_FOLD = re.compile(
    "[\uff0d-\uff0f\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff5e\u2e80-\u2fd5\uf900-\ufad9"
    "\u3000\u301c\u25cb\u200b-\u200d\ufeff]"
)
_URL = re.compile(r"(?:https?|ftp)://[^\s<>\"'\]\[）)（(，。、「」【】]*|www\.[A-Za-z0-9.-]+/[^\s<>\"')(\]]*")
_LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"\n]*\")?\)")
_CODE = re.compile(r"`[^`\n]+`")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]*>|<!--.*?-->")


@dataclass(frozen=True, slots=True)
class Prepared:
    text: str  # folded and masked, same length as the original


def _fold(m: re.Match[str]) -> str:
    return _table().get(ord(m.group(0)), m.group(0))


def _blank(m: re.Match[str]) -> str:
    return MASK * (m.end() - m.start())


# one alternation whose branches all start with a literal, so the engine skips ahead in C
_MASKED = re.compile(
    r"\]\([^)\s]*(?:\s+\"[^\"\n]*\")?\)"
    r"|https?://[^\s<>\"'\]\[）)（(，。、「」【】]*|ftp://[^\s<>\"'\]\[）)（(，。、「」【】]*"
    r"|www\.[A-Za-z0-9.-]+/[^\s<>\"')(\]]*"
    r"|`[^`\n]+`"
    r"|</?[A-Za-z][^<>\n]*>|<!--.*?-->"
)


def prepare(text: str) -> Prepared:
    folded = _NEEDS_FOLD.sub(_fold, text) if _NEEDS_FOLD.search(text) else text
    if "://" in folded or "www." in folded or "`" in folded or "<" in folded or "](" in folded:
        folded = _MASKED.sub(_blank, folded)
    return Prepared(folded)
