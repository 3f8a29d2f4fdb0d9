"""Normalised keys for names: one key for all spellings of one name.

"DeepSeek R1", "DeepSeek-R1" and "deepseek_r1" share a key; so do 英伟达 and 英偉達, and
full-width "ＧＰＴ－４" and "GPT-4". Dots between digits are kept ("GPT-4.1" is not
"GPT-41"), every other separator goes. Keys are for lookup and blocking only; what a
finding shows is always the text as written.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any

from checker.text.lazy_regex import lazy_compile
from checker.text.script import HAN_CHAR as _HAN

# separators that do not make a different name: space, hyphens and dashes, underscore,
# middle dots, slash-free punctuation that digests put inside names
_SEPARATORS = lazy_compile(r"[\s\-‐‑‒–—_·・•']+")
_DOT_NOT_BETWEEN_DIGITS = lazy_compile(r"(?<!\d)\.|\.(?!\d)")
_DIGITS = lazy_compile(r"\d+(?:\.\d+)*")
_TOKEN = lazy_compile(r"\d+(?:\.\d+)*|[^\W\d_]+")  # (compiled once: re's cache lookup per name cost a third)


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s.json")


@lru_cache(maxsize=65536)
def to_simplified(text: str) -> str:
    """Traditional to Simplified (OpenCC t2s); text without Han characters is returned as is."""
    if not _HAN.search(text):
        return text
    converted: str = _t2s().convert(text)
    return converted if len(converted) == len(text) else text


# the ASCII characters _SEPARATORS matches (\s is str.isspace: \x1c-\x1f too), deleted by one
# str.translate from an ASCII key instead of a regex pass (tests/test_names_fast_paths.py)
_ASCII_SEPARATORS = dict.fromkeys(map(ord, " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f-_'"))


@lru_cache(maxsize=262144)
def name_key(text: str) -> str:
    """The normalised key of a name (case, width, separators, script)."""
    # most names are ASCII, which NFKC and OpenCC leave as it is
    s = text.lower() if text.isascii() else to_simplified(unicodedata.normalize("NFKC", text).casefold())
    if s.isalnum():  # no separator and no dot (most names: Claude, GPT, H100): no regex pass
        return s
    s = s.translate(_ASCII_SEPARATORS) if s.isascii() else _SEPARATORS.sub("", s)
    return _DOT_NOT_BETWEEN_DIGITS.sub("", s) if "." in s else s


def digit_signature(text: str) -> tuple[str, ...]:
    """The numbers in a name, in order: names whose signatures differ are different versions."""
    return tuple(_DIGITS.findall(unicodedata.normalize("NFKC", text)))


def name_tokens(text: str) -> list[str]:
    """A name split at separators and at letter/digit boundaries ("Qwen2.5-VL" -> Qwen, 2.5, VL)."""
    return list(_name_tokens(text))


@lru_cache(maxsize=65536)
def _name_tokens(text: str) -> tuple[str, ...]:
    s = text if text.isascii() else unicodedata.normalize("NFKC", text)
    return tuple(_TOKEN.findall(s))


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


# the cached tuple itself, for loops that only read the tokens (no list copied per name)
name_token_tuple = _name_tokens
