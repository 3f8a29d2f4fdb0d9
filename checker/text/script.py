"""Scripts: which characters are Chinese ideographs (one definition for every reader).

CJK Unified Ideographs, Extension A and the compatibility block: the ranges digests use.
Kangxi radicals (⽇ for 日) are not ideographs here; the reader view folds them first.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from checker.text.lazy_regex import lazy_compile

if TYPE_CHECKING:  # documents are read, never built here
    from checker.input.documents import Document

# as a character-class body, to embed in larger patterns: f"[{HAN}]"
HAN = "\u3400-\u9fff\uf900-\ufaff"
HAN_CHAR = lazy_compile(f"[{HAN}]")
HAN_RUN = lazy_compile(f"[{HAN}]+")


def is_han(ch: str) -> bool:
    return bool(ch) and ("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff")


def has_han(text: str) -> bool:
    return HAN_CHAR.search(text) is not None


LATIN_RUN = lazy_compile(r"[A-Za-z]+")
# Han characters per Latin letter from which a document counts as Chinese: digests in Chinese
# are full of English product names, English ones quote a Chinese name now and then
_CHINESE_SHARE = 0.15


# Counting by the UTF-8 bytes, in C: a regex tried at every character of every document cost
# seven times as much (0.6 s against 0.08 s on corpus/real). In UTF-8 the ranges of HAN are the
# lead bytes E4-E9 (U+4000-U+9FFF), E3 then 90-BF (U+3400-U+3FFF), EF then A4-AB (U+F900-U+FAFF);
# lead bytes never occur as continuation bytes, and non-ASCII bytes never equal an ASCII letter.
_HAN_LEADS = bytes(range(0xE4, 0xEA))
_HAN_E3 = re.compile(rb"\xe3[\x90-\xbf]")
_HAN_EF = re.compile(rb"\xef[\xa4-\xab]")
_LATIN_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def han_and_latin(text: str) -> tuple[int, int]:
    """How many Han characters (HAN) and Latin letters (A-Z, a-z) `text` holds."""
    raw = text.encode("utf-8", "surrogatepass")
    han = len(raw) - len(raw.translate(None, _HAN_LEADS))
    if b"\xe3" in raw:
        han += len(_HAN_E3.findall(raw))
    if b"\xef" in raw:
        han += len(_HAN_EF.findall(raw))
    return han, len(raw) - len(raw.translate(None, _LATIN_BYTES))


def mostly_chinese(doc: Document) -> bool:
    """Mostly Chinese prose (cached per document): at least 0.15 Han characters per Latin letter."""

    def compute(d: Document) -> bool:
        han, latin = han_and_latin(d.text)
        return han > 0 and han >= latin * _CHINESE_SHARE

    return doc.cached("names.cjk", compute)
