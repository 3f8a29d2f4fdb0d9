"""text.damaged's reading: characters that show text was lost or mangled in extraction."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from checker.extract.literal_scan import text_starts, texts_hit
from checker.lexicon import words
from checker.text.lazy_regex import lazy_compile

if TYPE_CHECKING:
    from checker.text.view import ReaderView

# C0 controls other than tab/LF/CR, DEL, C1 controls, and U+FFFD (an undecodable byte upstream)
CONTROL = lazy_compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
# Kangxi radicals and CJK radical supplements that PDF extraction puts in place of ideographs
RADICAL = lazy_compile(r"[\u2e80-\u2eff\u2f00-\u2fdf]")


def char_name(ch: str) -> str:
    if ch == "\x00":
        return "NUL"
    if ch == "\ufffd":
        return "U+FFFD"
    return f"U+{ord(ch):04X}"


def line_list(lines: list[int], most: int = 12) -> str:
    shown = ", ".join(str(n) for n in lines[:most])
    return shown + (f" and {len(lines) - most} more" if len(lines) > most else "")


# --- vowel stripping: "Th mdl ws rlsd n Jn" for "The model was released in June" ---------------

_TOKEN = lazy_compile(r"[A-Za-z]+")
# between two words of one run: spaces and sentence punctuation, nothing else (a digit, a CJK
# character, a quotation mark or a line break ends the run)
_GAP = lazy_compile(r"[ \t,.;:!?()\-]{1,4}")
# a run that opens a quotation is someone's words or name, written as they wrote it (a forum
# handle "mnchmlsctt", a commenter's own vowelless shorthand), not the pipeline's garbling
_QUOTE_OPEN = lazy_compile(r"[\"'“‘「『(*_`][ \t]*$")
_VOWEL = lazy_compile(r"[aeiouAEIOU]")
# a word of three Latin letters or more without a vowel: what every stripped run holds three of
# The first consonant comes before the look-behind (which then reads the character before it):
# a pattern that opens with a character class lets the engine skip to candidate characters, where
# one that opens with an assertion is tried at every position (half the time, same matches).
_CONSONANT = "b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z"
_BARE_CONSONANTS = lazy_compile(rf"[{_CONSONANT}](?<![A-Za-z][{_CONSONANT}])[{_CONSONANT}]{{2,}}(?![A-Za-z])")
_RUN_MIN = 4  # words in a window
_STRIPPED_MIN = 3  # of them vowelless, not known, of three letters or more...
_SHARE = 0.75  # ...and this share of the window vowelless


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(slots=True, unsafe_hash=True)
class Garble:
    """A run of damaged words in a text."""

    start: int  # offsets in the text given
    end: int
    words: tuple[str, ...]
    suggestion: str | None = None


@lru_cache(maxsize=1)
def _known() -> frozenset[str]:
    return frozenset(w.lower() for w in words("damage", "vowelless-word"))


def _stripped(token: str) -> bool:
    """A word that looks vowel-stripped: no a/e/i/o/u, not an acronym (two capitals or more), not a
    known vowelless word, unit or abbreviation."""
    if _VOWEL.search(token) or sum(c.isupper() for c in token) > 1:
        return False
    return token.lower() not in _known()


def vowel_stripped(text: str) -> Iterator[Garble]:
    """Runs of Latin words most of which lost their vowels. `text` should be masked (code, URLs and
    handles blanked), so an identifier or a path is never a word here."""
    if len(_BARE_CONSONANTS.findall(text)) < _STRIPPED_MIN:
        return  # fewer vowelless words than a run needs: nearly every text (one search, in C)
    run: list[re.Match[str]] = []
    for m in _TOKEN.finditer(text):
        if run and not _GAP.fullmatch(text, run[-1].end(), m.start()):
            yield from _judge(text, run)
            run = []
        run.append(m)
    yield from _judge(text, run)


def _judge(text: str, run: list[re.Match[str]]) -> Iterator[Garble]:
    if len(run) < _RUN_MIN or _QUOTE_OPEN.search(text, max(0, run[0].start() - 3), run[0].start()):
        return
    flags = [_stripped(m.group(0)) for m in run]
    long_ = [f and len(m.group(0)) >= 3 for f, m in zip(flags, run, strict=True)]
    best: tuple[int, int] | None = None
    for i in range(len(run) - _RUN_MIN + 1):  # widest window that passes, grown from each start
        for j in range(len(run), i + _RUN_MIN - 1, -1):
            n = j - i
            if sum(flags[i:j]) >= _SHARE * n and sum(long_[i:j]) >= _STRIPPED_MIN:
                if best is None or n > best[1] - best[0]:
                    best = (i, j)
                break
    if best is not None:
        i, j = best
        while not flags[i]:  # the run starts and ends on a stripped word, not on the real words around it
            i += 1
        while not flags[j - 1]:
            j -= 1
        yield Garble(run[i].start(), run[j - 1].end(), tuple(m.group(0) for m in run[i:j]))


# --- mojibake: UTF-8 bytes read as Latin-1 / Windows-1252 ("ä¸­æ–‡" for 中文, "cafÃ©") -------------

# the characters Windows-1252 gives the bytes 0x80-0xFF (Latin-1 for the rest, C1 where undefined)
_CP1252_HIGH = bytes(range(0x80, 0x100)).decode("cp1252", errors="ignore")
# `[X][X]+` for `[X]{2,}` (the same runs): a pattern that opens with a class is scanned for it in C,
# one that opens with a repeat is tried at every position (0.105 -> 0.044 s on the real corpus)
_MOJI_CLASS = "[" + re.escape(_CP1252_HIGH) + "\x80-\xff]"
_MOJI_RUN = lazy_compile(_MOJI_CLASS + _MOJI_CLASS + "+")


def _byte(ch: str) -> int | None:
    try:
        return ch.encode("cp1252")[0]
    except UnicodeEncodeError:
        return ord(ch) if 0x80 <= ord(ch) <= 0xFF else None


def _plausible(decoded: str) -> bool:
    """What a real UTF-8 sequence of digest text decodes to: an accented Latin letter or sign
    (Ã© = é), punctuation (â€™ = ’), CJK, kana, fullwidth forms, emoji. A capital followed by a
    quote (CAFÉ” = U+0254) decodes to none of these."""
    cp = ord(decoded)
    return (
        0xA0 <= cp <= 0x17F
        or 0x2000 <= cp <= 0x206F
        or 0x20A0 <= cp <= 0x20CF
        or 0x2100 <= cp <= 0x2BFF
        or 0x3000 <= cp <= 0x9FFF
        or 0xAC00 <= cp <= 0xD7AF
        or 0xFF00 <= cp <= 0xFFEF
        or cp >= 0x1F000
    )


def mojibake(text: str) -> Iterator[Garble]:
    """Runs of characters that are the bytes of UTF-8 text decoded as Windows-1252; the suggestion is
    the text they were."""
    for m in _MOJI_RUN.finditer(text):
        raw = [_byte(c) for c in m.group(0)]
        i, n = 0, len(raw)
        first = last = -1
        decoded: list[str] = []
        while i < n:
            lead = raw[i]
            size = (
                2
                if lead is not None and 0xC2 <= lead <= 0xDF
                else 3
                if lead is not None and 0xE0 <= lead <= 0xEF
                else 4
                if lead is not None and 0xF0 <= lead <= 0xF4
                else 0
            )
            chunk = raw[i : i + size]
            if size and len(chunk) == size and all(b is not None for b in chunk):
                try:
                    ch = bytes(b for b in chunk if b is not None).decode("utf-8")
                except UnicodeDecodeError:
                    ch = ""
                if ch and _plausible(ch):
                    if first < 0:
                        first = i
                    elif i != last:  # a gap of real characters between two sequences: keep the first run only
                        break
                    decoded.append(ch)
                    i += size
                    last = i
                    continue
            if first >= 0:
                break
            i += 1
        if first >= 0:
            start = m.start() + first
            yield Garble(start, m.start() + last, (text[start : m.start() + last],), "".join(decoded))


# --- one look at a whole document before reading it segment by segment ----------------------------

# CONTROL or RADICAL
_DAMAGED_CHAR = lazy_compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\u2e80-\u2eff\u2f00-\u2fdf]")


@dataclass(slots=True, unsafe_hash=True)
class Gates:
    """Which segments (indices) each reading can find anything in; the others are not read."""

    chars: frozenset[int]  # a control, replacement or radical character
    stripped: frozenset[int]  # enough vowelless words for `vowel_stripped`
    mojibake: frozenset[int]  # a run `mojibake` starts from


def damage_gates(texts: Sequence[str], views: Sequence[ReaderView]) -> Gates:
    """The gates of a document's segments (their texts and reader views), each one scan of the
    segments joined: nearly every segment has no damage, and one scan costs less than a call
    per segment. Joined with "\n", which no pattern here matches or reads as a letter, so the
    matches of the joined text are those of each segment; `vowel_stripped` starts by counting
    its vowelless words, here counted per segment the same way."""
    masked = [v.masked for v in views]
    # acronyms make bare-consonant words common (LLM, GPT): the texts with one are counted one
    # findall each (in C), where a Python step per match in the joined text cost ten times more
    stripped = {k for k in _hits(_BARE_CONSONANTS, masked) if len(_BARE_CONSONANTS.findall(masked[k])) >= _STRIPPED_MIN}
    return Gates(
        chars=frozenset(_hits(_DAMAGED_CHAR, texts)),
        stripped=frozenset(stripped),
        mojibake=frozenset(_non_ascii_hits(_MOJI_RUN, [v.text for v in views])),
    )


def _non_ascii_hits(pattern: re.Pattern[str], texts: Sequence[str]) -> Iterator[int]:
    """`_hits` for a pattern that matches no ASCII text: the ASCII texts (a flag of each string,
    no scan) are left out of the search."""
    kept = [k for k, t in enumerate(texts) if not t.isascii()]
    return (kept[k] for k in _hits(pattern, [texts[k] for k in kept]))


def _hits(pattern: re.Pattern[str], texts: Sequence[str]) -> Iterator[int]:
    """The index of each text `pattern` matches in, by a search of the texts joined with "\n"
    resumed at the next text after a hit (a text with many matches costs one step)."""
    return texts_hit(pattern, "\n".join(texts), text_starts(texts))
