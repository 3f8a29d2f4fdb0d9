"""text.conversion's reading: Traditional Chinese written by a naive character-by-character
Simplified-to-Traditional conversion (完成瞭, 隻有, 之后, 頭發, 干淨, 關系).

A Traditional sentence is read back to Simplified and converted again with OpenCC's phrase
tables; where the two differ at a one-to-many character (conversion.toml's groups) and the
Traditional spellings are different words (not house-style variants such as 裡/裏, 台/臺),
the written character is the slip and OpenCC's phrase choice the suggestion. OpenCC runs
only on sentences that hold a candidate character and no Simplified-only one.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

from checker.core.model import Span
from checker.extract.script_mix import _converter, _script_classes
from checker.input.documents import Segment
from checker.text.script import HAN_CHAR
from checker.text.sentences import sentences
from checker.text.view import ReaderView, fold, reader_view

_REACH = 4  # characters of context either side in the evidence
_QUOTE = 6  # no Simplified-only character this close to a slip


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class Table:
    """The Simplified/Traditional character table text.conversion reads."""

    simplified: dict[str, str]  # Traditional character -> the Simplified one it converts from
    members: dict[str, str]  # Simplified character -> its Traditional characters (different words)
    style: dict[str, str]  # variant -> the spelling compared
    over: frozenset[str]
    under: frozenset[str]
    under_after: dict[str, str]
    neutral: frozenset[str]
    measure_before: dict[str, str]
    han_before: frozenset[str]
    phrase_right: frozenset[str]
    candidates: re.Pattern[str]
    # the candidates and the characters the reader view folds into one (⼲ -> 干, 兀 -> 兀): a
    # segment's own text without any has no candidate in its view, which is then never built
    raw_candidates: re.Pattern[str]

    @cached_property
    def slip_candidates(self) -> re.Pattern[str]:
        """The candidates that can be a slip at all (13 of 37): `_slips_read` reports a character
        only when its spelling is in its group and a phrase may choose another member of the
        group (乾/幹, 鐘, 颱, 鬆) or `_plain_slip` can speak for it (an over- or under-converted
        character, 里 after 這). A sentence without one is not read back: 發, 後, 裡, the common
        candidates, never are slips, and reading them back was most of OpenCC's work."""
        return _compile("[" + "".join(sorted(self._slip_chars)) + "]" if self._slip_chars else "(?!)")

    @cached_property
    def raw_slip_candidates(self) -> re.Pattern[str]:
        """`slip_candidates` and the characters the reader view folds into one of them: a
        segment's own text without any has none in its view, which is then never built."""
        chars = self._slip_chars
        folded = {c for lo, hi in _FOLDED_HAN for cp in range(lo, hi + 1) if fold(c := chr(cp)) in chars}
        return _compile("[" + "".join(sorted(chars | folded)) + "]" if chars else "(?!)")

    @cached_property
    def _slip_chars(self) -> frozenset[str]:
        chars = set()
        for c, s in self.simplified.items():
            wrong, group = self.style.get(c, c), set(self.members[s])
            plain = wrong in self.over or wrong in self.under or wrong in self.under_after
            if wrong in group and (plain or (group & self.phrase_right) - {wrong}):
                chars.add(c)
        return frozenset(chars)

    @cached_property
    def default(self) -> dict[str, str]:
        """Simplified character -> OpenCC's character-level choice (styled). Built on first use:
        OpenCC's s2t dictionaries take ~0.05 s to load, and a document without a Traditional
        candidate sentence (every English draft) never asks."""
        s2t = _converter("s2t.json")
        return {s: self.style.get(c, c) for s in self.members for c in [s2t.convert(s)]}


def _compile(source: str) -> re.Pattern[str]:
    """The table's character classes, the same every run: kept between runs (regex_cache.py)."""
    from checker.text.regex_cache import programs

    return programs().compile(source)


# the blocks whose characters the reader view folds into ideographs (radicals, compatibility ideographs)
_FOLDED_HAN = ((0x2E80, 0x2EFF), (0x2F00, 0x2FDF), (0xF900, 0xFAFF))


@cache
def table() -> Table:
    raw = tomllib.loads(resources.files("checker.lexicon").joinpath("data/conversion.toml").read_text(encoding="utf-8"))
    groups: dict[str, str] = raw["groups"]
    style: dict[str, str] = raw["style"]
    over = raw["over-converted"]
    under = raw["under-converted"]
    simplified = {t: s for s, ts in groups.items() for t in ts}
    simplified.update({v: simplified[k] for v, k in style.items() if k in simplified})
    chars = set(simplified) | set(style)
    folded = {c for lo, hi in _FOLDED_HAN for cp in range(lo, hi + 1) if fold(c := chr(cp)) in chars}
    return Table(
        simplified=simplified,
        members=groups,
        style=style,
        over=frozenset(over["chars"]),
        measure_before=dict(over["measure-before"]),
        han_before=frozenset(under["han-before"]),
        phrase_right=frozenset(raw["phrase"]["right"]),
        under=frozenset(under["chars"]),
        under_after=dict(under["after"]),
        neutral=frozenset(raw["script"]["neutral"]),
        candidates=_compile("[" + "".join(sorted(chars)) + "]"),
        raw_candidates=_compile("[" + "".join(sorted(chars | folded)) + "]"),
    )


@dataclass(unsafe_hash=True)
class Slip:
    """A character converted the wrong way, with its stretch as written and as read."""

    span: Span  # the written character, in the source
    wrong: str
    right: str
    written: str  # the stretch around it as written
    reading: str  # the same stretch as OpenCC's phrase tables read it
    by_phrase: bool  # a phrase chose `right` (else `wrong` is a character naive converters over-produce)


def _simplified(text: str, tab: Table, start: int = 0, end: int | None = None) -> int:
    """How many Simplified-only characters `text[start:end]` holds (not the neutral ones)."""
    found = _script_classes()[0].findall(text, start, len(text) if end is None else end)
    return sum(1 for c in found if c not in tab.neutral)


def _is_traditional(text: str, tab: Table) -> bool:
    """Traditional-only characters, and Simplified-only ones at most a quarter of them."""
    trad = len(_script_classes()[1].findall(text))
    return trad > 0 and 4 * _simplified(text, tab) <= trad


def _plain_slip(sent: str, i: int, wrong: str, tab: Table) -> bool:
    """A slip no phrase speaks for: a character naive converters over-produce (not a measure
    word after a numeral), or a Simplified character left unconverted."""
    before = sent[i - 1] if i > 0 else ""
    after = sent[i + 1] if i + 1 < len(sent) else ""
    if wrong in tab.over:
        followers = tab.measure_before.get(wrong)
        return followers is None or (after != "" and after in followers)
    if wrong in tab.under:
        return wrong not in tab.han_before or (before != "" and HAN_CHAR.fullmatch(before) is not None)
    return before != "" and before in tab.under_after.get(wrong, "")


def _stable(simp: str, i: int, right: str, tab: Table) -> bool:
    """OpenCC reads `right` at `i` also from a window starting one character before `i` and
    from one ending one character after it (a phrase misread across a boundary moves), and no
    other phrase starting or ending at `i` reads something else (未干預: 干預 against 未乾)."""
    s2t = _converter("s2t.json")
    default = tab.default[tab.simplified[right]]
    n = len(simp)
    windows = (
        (max(0, i - 1), n, {right}),
        (0, min(n, i + 2), {right}),
        (i, n, {right, default}),
        (0, i + 1, {right, default}),
    )
    for a, b, allowed in windows:
        out = s2t.convert(simp[a:b])
        if len(out) != b - a or tab.style.get(out[i - a], out[i - a]) not in allowed:
            return False
    return True


def convert_each(config: str, texts: list[str]) -> list[str]:
    """OpenCC's conversion of each text, by one call over the texts joined with "\n".

    No dictionary entry holds a line break, so OpenCC's longest-match segmentation cannot run a
    phrase across one: each part converts as it would alone. One call per document where a call
    per sentence cost ~40 us of binding overhead each (47,000 calls on the real corpus). A text
    holding a line break itself, or a split that does not give one part per text, falls back to
    one call per text."""
    if not texts:
        return []  # without loading OpenCC's dictionaries (~0.05 s): most documents have no candidate
    conv = _converter(config)
    if not any("\n" in t for t in texts):
        parts = str(conv.convert("\n".join(texts))).split("\n")
        if len(parts) == len(texts):
            return parts
    return [str(conv.convert(t)) for t in texts]


# a sentence read back: the candidates' Simplified text and its Traditional reading (None when
# a conversion changed the length: positions cannot be compared)
_Reading = tuple[str, str] | None


def _read_back(sents: list[str], tab: Table) -> list[_Reading]:
    """Each sentence to Simplified, its candidates back to their Simplified character (t2s keeps
    瞭 and 隻, valid Simplified too), and that converted to Traditional again: two OpenCC calls
    for all the sentences."""
    simps = convert_each("t2s.json", sents)
    todo: list[int] = []
    texts: list[str] = []
    for k, (sent, simp) in enumerate(zip(sents, simps, strict=True)):
        if len(simp) != len(sent):
            continue
        chars = list(simp)
        for m in tab.candidates.finditer(sent):
            s = tab.simplified.get(sent[m.start()])
            if s is not None:
                chars[m.start()] = s
        todo.append(k)
        texts.append("".join(chars))
    out: list[_Reading] = [None] * len(sents)
    for k, text, back in zip(todo, texts, convert_each("s2t.json", texts), strict=True):
        out[k] = (text, back)
    return out


def _slips_read(sent: str, reading: _Reading, tab: Table) -> Iterable[tuple[int, str, str, str, bool]]:
    """The slips of one sentence, given its reading back (`_read_back`)."""
    if reading is None:
        return
    simp_text, back = reading
    if len(back) != len(sent) or back == sent:
        return  # read back as written (most sentences): no character differs, so no slip
    for m in tab.candidates.finditer(sent):
        i = m.start()
        if back[i] == sent[i]:
            continue  # wrong and right would be the same character
        c = sent[i]
        s = tab.simplified.get(c)
        if s is None:
            continue
        wrong, right = tab.style.get(c, c), tab.style.get(back[i], back[i])
        group = tab.members[s]
        if wrong == right or wrong not in group or right not in group:
            continue
        by_phrase = right != tab.default[s]
        if by_phrase:
            if right not in tab.phrase_right or not _stable(simp_text, i, right, tab):
                continue
        elif not _plain_slip(sent, i, wrong, tab):
            continue
        if _simplified(sent, tab, max(0, i - _QUOTE), i + _QUOTE + 1):
            continue  # a Simplified name or quotation in Traditional text
        a, b = max(0, i - _REACH), min(len(sent), i + _REACH + 1)
        yield i, c, right, sent[a:i] + right + sent[i + 1 : b], by_phrase


def conversion_slips(segments: Iterable[Segment]) -> list[Slip]:
    """The conversion slips of Traditional sentences in `segments`."""
    tab = table()
    # the candidate sentences of every segment first, then one reading back for all of them
    found: list[tuple[Segment, ReaderView, int, str]] = []
    for seg in segments:
        if seg.text.isascii() or tab.raw_slip_candidates.search(seg.text) is None:
            # no candidate that can be a slip in the view either (English, most Simplified); an
            # ASCII text (a flag of the string) has no Han character to search for
            continue
        view = reader_view(seg.text)
        masked = view.masked
        if tab.slip_candidates.search(masked) is None or _script_classes()[1].search(masked) is None:
            continue  # nothing to read, or no Traditional-only character (Simplified, English)
        for a, b in sentences(masked):
            sent = masked[a:b]
            if tab.slip_candidates.search(sent) is None or not _is_traditional(sent, tab):
                continue
            found.append((seg, view, a, sent))
    out: list[Slip] = []
    readings = _read_back([sent for _, _, _, sent in found], tab)
    for (seg, view, a, sent), reading in zip(found, readings, strict=True):
        for i, wrong, right, reading_text, by_phrase in _slips_read(sent, reading, tab):
            s, e = view.segment_span(a + i, a + i + 1)
            lo, hi = max(0, i - _REACH), min(len(sent), i + _REACH + 1)
            out.append(Slip(seg.to_source(s, e), wrong, right, sent[lo:hi], reading_text, by_phrase))
    return out
