"""How common a word is in English: wordfreq's answers from a bundled copy of its English list.

wordfreq (58 MB installed, 40+ languages, plus ftfy, langcodes, msgpack and wcwidth) was a
dependency for one English list; `checker/data/english_freq.txt.xz` (1.1 MB) is that list
unchanged, built by `scripts/build_english_freq.py`, which also proves the answers identical.
The look-up below repeats wordfreq 3.1's `zipf_frequency(word, "en")` step for step (its
tokenizer, digit handling and rounding; wordfreq's code is Apache-2.0, its data CC BY-SA 4.0:
see NOTICE), so every Zipf value checker compares with a threshold is the one wordfreq gave.
"""

from __future__ import annotations

import lzma
import math
import unicodedata
from collections.abc import Iterator, Mapping
from functools import lru_cache
from importlib.resources import files
from typing import Any

# wordfreq.tokens.TOKEN_RE (cases 1-4: spaceless scripts, "@s", Unicode words, French elisions)
_SPACELESS = (
    r"\p{IsIdeo}\p{Script=Hira}\p{Script=Kana}\p{Script=Khmr}\p{Script=Lana}"
    r"\p{Script=Laoo}\p{Script=Mymr}\p{Script=Tale}\p{Script=Talu}\p{Script=Thai}ー々〻〆"
)
_VOWEL = "[AEHIOUYÁÉÍÓÚÀÈÌÒÙÂÊÎÔÛÅÏÖŒaehiouyáéíóúàèìòùâêîôûåïöœ]"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, Any]:
    """wordfreq's tokenizer and digit patterns, compiled on first use: `regex` (~0.02 s to import
    and compile) is needed only for a word that is not plain ASCII letters (see `_tokens`)."""
    import regex  # wordfreq's tokenizer needs Unicode word breaks (\b with WORD) and graphemes (\X)

    return {
        "token": regex.compile(
            rf"[{_SPACELESS}]+ | @s \b | (?=[\w\p{{So}}]) (?!\w\w?'{_VOWEL}) \X+? (?: @s? (?!\w) | \b) | \w\w?'",
            regex.V1 | regex.WORD | regex.VERBOSE,
        ),
        "single_quote": regex.compile("[\u02bc\u2018-\u201b]"),  # ftfy's uncurl_quotes
        "double_quote": regex.compile("[\u201c-\u201f]"),
        "digit": regex.compile(r"\d"),
        "multi_digit": regex.compile(r"\d[\d.,]+"),
        "pure_digits": regex.compile(r"\d+"),
    }


# wordfreq.numbers: leading-digit frequencies and the year curve
_DIGIT_FREQS = (0.009, 0.300, 0.175, 0.124, 0.096, 0.078, 0.066, 0.057, 0.050, 0.045)
_YEAR_LOG_PEAK = -1.9185
_NOT_YEAR_PROB = 0.1
_REFERENCE_YEAR = 2019
_PLATEAU_WIDTH = 20
_MINIMUM = 10**0 / 1e9  # zipf_frequency's default minimum (Zipf 0) as a frequency


_DATA = "data/english_freq.txt.xz"


def _raw() -> bytes:
    return files("checker").joinpath(_DATA).read_bytes()


@lru_cache(maxsize=1)
def _buckets() -> list[list[str]]:
    """Line i: the words i centibels below frequency 1, in wordfreq's order."""
    return [line.split(" ") if line else [] for line in lzma.decompress(_raw()).decode("utf-8").split("\n")[:-1]]


@lru_cache(maxsize=1)
def _frequencies() -> Mapping[str, float]:
    """Word -> frequency: the stored sorted index (english_freq_index.py) when there is one,
    else a dict built from the whole list (about 0.2 s: decompressing, splitting, 321k items)."""
    from checker.text.english_freq_index import SortedIndex, open_index

    index = open_index(_raw, _centibels)
    if index is not None:
        return SortedIndex(index)
    return {word: 10 ** (-i / 100) for i, bucket in enumerate(_buckets()) for word in bucket}


def _centibels() -> dict[str, int]:
    """Word -> its line (centibels below 1); a word listed twice keeps its last line, as the
    dict of `_frequencies` does."""
    return {word: i for i, bucket in enumerate(_buckets()) for word in bucket}


def _tokens(text: str) -> list[str]:
    if text.isascii():
        # ASCII letters only: NFC changes nothing, no word break falls inside (UAX #29: letter
        # after letter), no quote or digit to rewrite, so wordfreq's one token is the casefold;
        # ASCII words joined by single hyphens ("flash-lite"): the hyphen is a break, no token
        if text.isalpha():
            return [text.lower()]
        parts = text.split("-")
        if len(parts) > 1 and all(p.isalpha() for p in parts):
            return [p.lower() for p in parts]
    pat = _patterns()
    text = unicodedata.normalize("NFC", text).casefold()
    tokens = (t.strip("'").casefold() for t in pat["token"].findall(unicodedata.normalize("NFC", text)))
    return [pat["single_quote"].sub("'", pat["double_quote"].sub('"', t)) for t in tokens]


def _benford(digits: str) -> float:
    scale: int = 10 ** (len(digits) - 1)
    return _DIGIT_FREQS[int(digits[0])] / scale


def _year(digits: str) -> float:
    year = int(digits)
    if year <= _REFERENCE_YEAR:
        log_freq = _YEAR_LOG_PEAK - 0.0083 * (_REFERENCE_YEAR - year)
    elif year <= _REFERENCE_YEAR + _PLATEAU_WIDTH:
        log_freq = _YEAR_LOG_PEAK
    else:
        log_freq = _YEAR_LOG_PEAK - 0.2 * (year - (_REFERENCE_YEAR + _PLATEAU_WIDTH))
    year_prob: float = 10.0**log_freq
    return year_prob + _NOT_YEAR_PROB * _benford(digits)


def _digit_freq(text: str) -> float:
    freq = 1.0
    pat = _patterns()
    for run in pat["multi_digit"].findall(text):
        for digits in pat["pure_digits"].findall(run):
            freq *= _year(digits) if len(digits) == 4 else _benford(digits)
    return freq


def _smash(text: str) -> str:
    if text.isalpha():
        return text  # no digit to smash (the common case: `regex` not loaded for it)
    pat = _patterns()
    digit = pat["digit"]
    return str(pat["multi_digit"].sub(lambda m: digit.sub("0", m.group(0)), text))


def _frequency(word: str) -> float:
    tokens = _tokens(word)
    if not tokens:
        return _MINIMUM
    freqs = _frequencies()
    one_over = 0.0
    for token in tokens:
        smashed = _smash(token)
        found = freqs.get(smashed)
        if found is None:
            return _MINIMUM
        freq = found
        if smashed != token:
            freq *= _digit_freq(token)
        one_over += 1.0 / freq
    unrounded = max(1.0 / one_over, _MINIMUM)
    return round(unrounded, math.floor(-math.log(unrounded, 10)) + 3)


def zipf(word: str) -> float:
    """wordfreq.zipf_frequency(word, "en"): 0 unknown, 3 once per million words, 7 "the"."""
    return round(math.log(_frequency(word), 10) + 9, 2)


def top_words(n: int) -> list[str]:
    """wordfreq.top_n_list("en", n): the n most common words, multi-digit sequences left out."""
    out: list[str] = []
    multi_digit = _patterns()["multi_digit"]
    for bucket in _leading_buckets():
        for word in bucket:
            if not multi_digit.match(word):
                out.append(word)
                if len(out) >= n:
                    return out
    return out


def _leading_buckets() -> Iterator[list[str]]:
    """The lines of `_buckets`, decompressed only as far as they are read (the most common
    words come first: top_words(30000) reads about a tenth of the list)."""
    dec = lzma.LZMADecompressor()
    data = _raw()
    pending = b""
    while not dec.eof:
        chunk = dec.decompress(data, max_length=1 << 16)
        data = b""
        if not chunk and dec.needs_input:
            break  # a truncated stream: what was read so far
        *lines, pending = (pending + chunk).split(b"\n")
        for line in lines:  # a UTF-8 character never holds the byte of "\n": split as bytes, decode each
            yield line.decode("utf-8").split(" ") if line else []
