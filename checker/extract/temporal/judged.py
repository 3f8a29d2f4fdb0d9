"""The mood of a date in a document of dates, judged once per context up to its digits.

`_judged` (temporal/__init__.py) shares a judgement between dates whose 80 characters before
and REACH + 2 after are the same text: the sentence end may lie REACH characters on. A page of
dated entries (issue 17: "2025年9月14日 星期三 發布，" repeated with other days) never repeats
such a window. This key holds instead what mood.classify and mood.ahead read:

- the characters [start - _BACK, end + _FWD) with every ASCII digit read as 0: no regex of
  either reads a digit as anything but a digit (\\d, [0-9], \\w and [A-Za-z0-9] classes; no
  word of their lexicon lists holds a digit, so no cue they return holds one);
- the sentence end as classify clips it, and whether the sentence ends with a question mark
  (read from `bounds`: the sentence may end REACH characters on). The sentence and clause
  starts they read are those of the window: they clip them to 60 and 40 characters back,
  and a break there is one by its characters (a full stop by the characters on either side).

What they read, at most (every guard of a lexicon word is one character): 60 + 2 before the
date (a rumour or announcement cue in the sentence, 《 before it); after it, 40 (the cue
search, the plan after it) plus a word read from there: a launch verb after an adverb (2 +
13 + 1), a fiscal word, a version word, an aside (14). Two reads are unbounded and keep a
context out of the memo: runs of " \\t*_" right after the date (stored only with another
character within 40), and inside_title_quote's 60 characters after the date, read when 《 or
〈 stands in the 60 before it (never stored). Such a lookup cannot meet a stored key either:
the stored window would hold the same characters.
"""

from __future__ import annotations

from checker.extract.temporal.bounds import IndexedBoundaries
from checker.extract.temporal.model import Mood
from checker.extract.temporal.mood import _AHEAD_BACK, _FWD_LIMIT, _TITLE_REACH, QUESTION_MARKS, ahead, classify
from checker.text.lazy_regex import lazy_compile

_BACK = 64
_FWD = 64
_REACH_BACK = max(_AHEAD_BACK, _TITLE_REACH)  # what mood reads before a date at most
_AFTER = _FWD_LIMIT
# 2 MB of dated weekdays holds ~20,000 distinct contexts; a key is ~300 bytes
_KEEP = 1 << 15
_AS_ZERO = bytes.maketrans(b"123456789", b"000000000")
# a character that ends a run of " \t*_" after a date (such a run is read unbounded)
NOT_RUN = lazy_compile(r"[^ \t*_]")
_MOOD_EVENT = Mood.EVENT

# (mood, cue, what the date is told ahead of)
Judgement = tuple[Mood, str | None, str | None]
DenseMemo = dict[tuple[str, int, int, int, bool], Judgement]


def as_zero(text: str) -> str:
    """`text` with every ASCII digit read as 0 (same length and offsets): through its UTF-8
    bytes, where a byte of a digit is that digit (bytes.translate is ~15x str.translate)."""
    return text.encode("utf-8", "surrogatepass").translate(_AS_ZERO).decode("utf-8", "surrogatepass")


def judged_dense(
    text: str, start: int, end: int, bounds: IndexedBoundaries, memo: DenseMemo, zeroed: str | None = None
) -> Judgement:
    """(mood, cue, ahead) of the date at [start, end): mood.classify, then mood.ahead for an event.
    `zeroed`: `as_zero(text)`, made once for a document (its slice is the key: no encoding per date)."""
    n = len(text)
    lo = start - _BACK if start > _BACK else 0
    hi = end + _FWD if end + _FWD < n else n
    sentence_end = bounds.after(end)
    key = (
        zeroed[lo:hi] if zeroed is not None else as_zero(text[lo:hi]),
        start - lo,
        end - lo,
        min(sentence_end, end + _AFTER) - end,
        text[sentence_end : sentence_end + 1] in QUESTION_MARKS,
    )
    known = memo.get(key)
    if known is not None:
        return known
    md, cue = classify(text, start, end, bounds)
    judgement = (md, cue, ahead(text, start, end, bounds) if md is _MOOD_EVENT else None)
    back = start - _REACH_BACK if start > _REACH_BACK else 0
    if (
        NOT_RUN.search(text, end, end + _AFTER) is not None
        and text.find("《", back, start) < 0
        and text.find("〈", back, start) < 0
    ):
        if len(memo) >= _KEEP:
            memo.clear()
        memo[key] = judgement
    return judgement
