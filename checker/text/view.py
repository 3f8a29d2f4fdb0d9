"""The reader view: the one text every extractor reads, with one map back to the segment.

A segment's view (`Segment.text`) is its source slice (Markdown, plain text) or its text
content (HTML). Extractors read what a reader sees instead:

- `text`: markup deleted. Emphasis and strike markers (** * __ ~~), backticks, the [ of a
  link and its (target), images, footnote marks ([3], [[3]](#ref-3)) and HTML tags are gone;
  a tag that breaks a line (<br>, </p>, </li>, </td> ...) becomes "\n". So 「**19.5** 万美元」
  reads 「19.5 万美元」, 「2025年**12月**15日」 reads as one date, "[GPT-5](url) 发布" as "GPT-5 发布".
- `masked`: `text` with the same length, where what is never a statement is blanked with
  MASK (URLs, inline code, e-mail addresses and handles, hashtags and anchors, HTML entities,
  CVE ids, bare domains and file paths: a date in a path, a version in code, a name in a URL),
  and one-to-one folds applied (full-width digits and letters, Kangxi radicals for the
  ideographs they stand for, ideographic space, zero-width characters). Nothing matches across
  MASK, and every offset of `masked` is an offset of `text`.

`to_segment` maps an offset of either back to the segment view; `Segment.to_source` then maps
it to the source file. Hand-written rather than markdown-it's inline parser: that costs several
times the block parse on the corpus, and the view must also serve plain text and HTML content.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache

from checker.text.lazy_regex import lazy_compile
from checker.text.regex_cache import programs

MASK = "\x1a"  # neither a digit, a letter, a space nor punctuation: nothing matches across it

_STOP = r"\s<>()\[\]{}「」『』（）《》\"'，。；！？、"
_TLD = r"(?:com|org|net|io|ai|co|cn|dev|app|tw|hk|jp|gov|edu|me|so|sh|xyz|info|tech|news|top|site|cc|us|uk|de|fr)"

# (name, pattern, trigger): the branches of one alternation, those that delete first, then
# those that keep and mask. A branch joins the alternation only when its trigger (a substring
# test, in C) holds for the text, so that a long Chinese paragraph is not scanned for e-mail
# addresses or file paths it cannot hold (each such branch tries every position of a run of
# word characters).
_FOOT = lazy_compile(r"\[\[?\d")
# the dot first (a literal the engine skips to in C), the character before it checked behind
_DOMAIN = lazy_compile(rf"\.(?<=[a-z0-9]\.){_TLD}\b")
_EXTS = ("md", "py", "js", "ts", "json", "yaml", "yml", "toml", "txt", "htm", "html")
_PATH_TAIL = r"(?:/[\w.-]++)++(?:" + "|".join(f"(?<=\\.{ext})" for ext in _EXTS) + r")\b"
_PATH = lazy_compile(r"/[\w.-]+\.\w")
# what every path match ends with: its last part (after a "/", no "/" in it) holds the
# extension checked behind, then a word boundary. `_PATH` alone let in every text with a URL
# (73% of the real corpus's characters) for two matches: a quarter of the scan. A branch that
# cannot match changes no other match, so both tests together give the same views.
_PATH_END = lazy_compile(r"/[\w.-]*\.(?:" + "|".join(_EXTS) + r")\b")


# how every `_PATH_END` match ends: a search that opens with the literal dot, skipped to in C
# (`_PATH_END` tries every "/" of a text's URLs, each over its run of [\w.-])
_EXT_END = lazy_compile(r"\.(?:" + "|".join(_EXTS) + r")\b")


def _path_trigger(s: str) -> bool:
    # the rarer test first: most texts with a "/" hold a URL, which `_PATH` matches
    return (
        "/" in s and _EXT_END.search(s) is not None and _PATH_END.search(s) is not None and _PATH.search(s) is not None
    )


# a trigger is a substring (`in`, no call), a test, or None (always in). Each branch is a
# tuple of alternatives, tried in order; each opens with a literal or a character class
# wherever it can (a lookbehind moved after the character it guards, `\b` before a word
# character written as a lookbehind): see `_alternation_of`.
_BRANCHES: tuple[tuple[str, tuple[str, ...], str | Callable[[str], bool] | None], ...] = (
    ("image", (r"!\[[^\]\n]{0,300}\]\([^)\s]{0,2000}\)",), "!["),
    ("foot", (r"\[\[?\d{1,3}\]?\](?:\(#[^)]*\))?",), lambda s: "[" in s and _FOOT.search(s) is not None),
    ("target", (r"\]\([^)\n]{0,2000}\)",), "]("),
    ("tag", (r"</?[A-Za-z!][^<>\n]{0,400}>", r"<!--.*?-->"), "<"),
    ("code", (r"`[^`\n]+`",), "`"),
    (
        "url",
        (rf"https?://[^{_STOP}]+", rf"ftp://[^{_STOP}]+", rf"www\.[^{_STOP}]+"),
        lambda s: "://" in s or "www." in s,
    ),
    (
        "mail",
        # (?<![\w.+-])[\w.+-]+@… and (?<![\w@])@…, each lookbehind moved past its first character
        (r"[\w.+-](?<![\w.+-][\w.+-])[\w.+-]*@[\w-]+(?:\.[\w-]+)+", r"@(?<![\w@]@)[A-Za-z0-9_][A-Za-z0-9_.-]{1,}"),
        "@",
    ),
    ("hash", (r"#(?<![\w#&]#)[^\s#，。；！？、()（）\[\]]+",), "#"),  # (?<![\w#&])#…
    ("entity", (r"&(?:[a-zA-Z]+;|#\d+;)",), "&"),
    ("cve", (r"C(?<!\wC)VE-\d{4}-\d+\b",), "CVE-"),  # \bCVE-…: C is a word character
    # possessive: no part holds the dot that follows it, so giving characters back never helps
    (
        "domain",
        # labels of at most 63 characters, at most 9 before the TLD (DNS allows 63 and 127):
        # unbounded, every start after a hyphen or dot re-read the rest of the run ("a.a.a…",
        # 40 kB: 17.5 s); bounded, a start reads at most ~600 characters. Same matches on every
        # text of the three corpora (58,918 files and paragraphs). \b[a-z0-9]…, the boundary
        # written as "no word character before the first"
        (
            rf"[a-z0-9](?<!\w[a-z0-9])[a-z0-9-]{{0,62}}+(?:\.[a-z0-9-]{{1,63}}+){{0,8}}\.{_TLD}\b"
            r"(?:/[^\s，。；！？、)）]*)?",
        ),
        lambda s: "." in s and _DOMAIN.search(s) is not None,
    ),
    # possessive, with the extension checked behind: backtracking into the parts of a long
    # path was quadratic in its length. It starts only at the first character of a run of
    # [\w-] (every later start in the run reads the same rest, so fails when that one did): a
    # start after any hyphen would read the rest of the run again, once per word of
    # "x---y---z..." (quadratic). A run that opens with hyphens is read from its first hyphen
    # (a CVE id after them is the cve branch's); the view keeps those hyphens as text.
    (
        "path",
        (r"(?:\b(?<![\w-])|-(?<![\w-]-)-*+(?!CVE-\d{4}-\d+\b)(?=\w))[\w-]++" + _PATH_TAIL,),
        _path_trigger,
    ),
    ("mark", (r"\*\*", r"\*", "__", "~~", "`", r"\["), None),
)
_BREAK_TAG = lazy_compile(r"</?(?:br|p|li|div|h\d|tr|td|th)\b", re.IGNORECASE)
_DELETE = frozenset({"image", "foot", "target", "tag", "mark"})
# the cheap test: most segments hold no markup at all
_ANY = lazy_compile(r"[*_~`\[<@#&]|://|www\.|CVE-|\.[a-z]{2,4}\b")


# the triggers by kind, each with its branch's bit: a substring is tested without a call
_ALWAYS = sum(1 << i for i, (_, _, trigger) in enumerate(_BRANCHES) if trigger is None)
_SUBSTRINGS = tuple((1 << i, t) for i, (_, _, t) in enumerate(_BRANCHES) if isinstance(t, str))
_TESTS = tuple((1 << i, t) for i, (_, _, t) in enumerate(_BRANCHES) if t is not None and not isinstance(t, str))


@lru_cache(maxsize=1024)  # one per set of triggered branches: the corpus has ~140 sets (64 were recompiled)
def _alternation_of(bits: int) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The alternation of the branches whose bit is set, and the kind of each of its groups.

    Each alternative ends with an empty group that names it (`Match.lastindex`), rather than
    being wrapped in a named group: an alternative that opens with a literal or a class is then
    skipped in C at a character that cannot start it, and where every alternative opens with a
    literal (no domain, mail or path branch: most texts), the search skips in C to the next
    character that can start a match (a wrapped alternative was entered at every position).
    """
    parts: list[str] = []
    kinds = [""]  # group 0 is the whole match
    for i, (name, alternatives, _) in enumerate(_BRANCHES):
        if bits >> i & 1:
            for alternative in alternatives:
                kinds.append(name)
                parts.append(f"{alternative}()")
    # kept between runs with the other programs: the real corpus compiled ~100 sets (~0.5 s)
    return programs().compile("|".join(parts)), tuple(kinds)


def branch_pattern(name: str) -> str:
    """The pattern of one branch (its alternatives in order), for tests."""
    return "|".join(next(alts for n, alts, _ in _BRANCHES if n == name))


def _markup(text: str) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """The alternation of the branches whose trigger `text` holds (see `_alternation_of`)."""
    return _alternation_of(_triggered(text))


def _triggered(text: str) -> int:
    """The bits of the branches whose trigger `text` holds."""
    # a set of bits, not a tuple of names, keys the cache (one list and tuple less per text)
    bits = _ALWAYS
    for bit, substring in _SUBSTRINGS:
        if substring in text:
            bits |= bit
    for bit, test in _TESTS:
        if test(text):
            bits |= bit
    return bits


_DOMAIN_AT = next(i for i, (name, _, _) in enumerate(_BRANCHES) if name == "domain")
_DOMAIN_BIT = 1 << _DOMAIN_AT
# where a domain match ends (each one holds such a dot) and what breaks the run before it
_TLD_DOT = lazy_compile(rf"\.{_TLD}\b")
_NOT_LABEL = lazy_compile(r"[^a-z0-9.-]")


def _markup_matches(text: str) -> tuple[Iterable[re.Match[str]], tuple[str, ...]]:
    """The matches of `_markup(text)` in `text`, and the kind of each group.

    The domain branch opens with a class, not a literal: with it in, the search enters the
    alternation at every position (a text with a URL nearly always holds a ".com", so it is in
    for most of the corpus's characters). So the matches are found without it, then kept
    when it could not have changed them (`_domain_idle`): nearly always, as its places are
    inside the URLs found."""
    bits = _triggered(text)
    if bits & _DOMAIN_BIT:
        pattern, kinds = _alternation_of(bits & ~_DOMAIN_BIT)
        found = list(pattern.finditer(text))
        if _domain_idle(text, found):
            return found, kinds
    pattern, kinds = _alternation_of(bits)
    return pattern.finditer(text), kinds


def _domain_idle(text: str, found: list[re.Match[str]]) -> bool:
    """Whether the alternation with the domain branch surely finds the same matches as
    `found` (the matches without it, in order); False when it might not.

    The two searches step alike up to the first place the domain branch matches that the
    search tries: one not inside a found match (past its start). A domain match ends with a
    dot and a TLD, and starts in the run of [a-z0-9.-] before that dot; when that run starts
    inside a found match holding every place up to the dot (a URL holding its own domain),
    no start of a domain match there is tried. Any other TLD dot: False."""
    k = 0
    n = len(found)
    for dot in _TLD_DOT.finditer(text):
        q = dot.start()
        while k < n and found[k].end() < q:
            k += 1
        if k == n:
            return False
        start = found[k].start()
        # the run of label characters before the dot starts past the match's start
        if not (start < q and _NOT_LABEL.search(text, start, q) is not None):
            return False
    return True


@lru_cache(maxsize=1)
def _folds() -> dict[int, str]:
    """One-to-one NFKC folds only: a fold that changed the length would shift offsets.
    Full-width punctuation other than － ． ／ ～ is kept (patterns accept both forms)."""
    table: dict[int, str] = {}
    for lo, hi in ((0xFF0D, 0xFF0F), (0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A), (0xFF5E, 0xFF5E),
                   (0x2F00, 0x2FD5), (0x2E80, 0x2EF3), (0xF900, 0xFAD9)):  # fmt: skip
        for cp in range(lo, hi + 1):
            folded = unicodedata.normalize("NFKC", chr(cp))
            if len(folded) == 1 and folded != chr(cp):
                table[cp] = folded
    table[0x3000] = " "  # ideographic space
    table[0x301C] = "~"  # wave dash
    table[0x25CB] = "〇"  # white circle used as a zero in 二○二五
    for cp in (0x200B, 0x200C, 0x200D, 0xFEFF):  # invisible
        table[cp] = MASK
    return table


@lru_cache(maxsize=1)
def _needs_fold() -> re.Pattern[str]:
    """Any character `_folds` changes: most texts hold none and skip the translation."""
    # kept between runs (regex_cache.py): a class of ~1,000 characters costs ~3 ms to compile
    return programs().compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_folds())) + "]")


def fold(text: str) -> str:
    """The one-to-one folds of `masked`, for text read outside a segment (titles, front matter)."""
    if text.isascii():  # every folded character is past ASCII; isascii is a flag read, no scan
        return text
    return text.translate(_folds()) if _needs_fold().search(text) else text


# plain slotted, hashable by value, not frozen: one is built per segment (72k on the real
# corpus) and a frozen one sets each field through object.__setattr__; none is ever changed
@dataclass(slots=True, unsafe_hash=True)
class ReaderView:
    text: str
    masked: str
    # run k of the view starts at offset starts[k] and was copied from segment offset origins[k]
    starts: tuple[int, ...]
    origins: tuple[int, ...]

    def to_segment(self, i: int, *, is_end: bool = False) -> int:
        """The segment-view offset of view offset `i`; an end offset maps to the end of the
        run it closes (so a span never swallows deleted markup after it)."""
        k = (bisect.bisect_left if is_end else bisect.bisect_right)(self.starts, i) - 1
        k = max(k, 0)
        return self.origins[k] + (i - self.starts[k])

    def segment_span(self, start: int, end: int) -> tuple[int, int]:
        s = self.to_segment(start)
        e = self.to_segment(end, is_end=True) if end > start else s
        return s, max(s, e)


def _new_view(text: str, masked: str, starts: tuple[int, ...], origins: tuple[int, ...]) -> ReaderView:
    """`ReaderView(text, masked, starts, origins)` field by field: the __init__ dataclasses
    generates stays interpreted where mypyc compiles the class (one view per segment)."""
    view = ReaderView.__new__(ReaderView)
    view.text = text
    view.masked = masked
    view.starts = starts
    view.origins = origins
    return view


# The views of the document being checked (see `views_kept`), or None outside one.
_kept: dict[str, ReaderView] | None = None


@contextmanager
def views_kept() -> Iterator[dict[str, ReaderView]]:
    """Keep every reader view computed inside the block until it ends (one document's checks).

    `reader_view`'s LRU holds 2,048 texts: a document of more segments (a list of 40,000
    links) evicted, in each extractor's pass, the views the next pass needed (four passes, four
    computations of each view). Kept per document, each view is computed once and released
    with the document; nothing here is pickled."""
    global _kept
    outer = _kept
    store: dict[str, ReaderView] = {} if outer is None else outer
    _kept = store
    try:
        yield store
    finally:
        _kept = outer


def reader_view(segment_text: str) -> ReaderView:
    """The reader view of a segment's text (see the module docstring)."""
    kept = _kept
    if kept is None:
        return _cached_view(segment_text)
    view = kept.get(segment_text)
    if view is None:
        view = kept[segment_text] = _cached_view(segment_text)
    return view


@lru_cache(maxsize=2048)  # across documents (a repeated footer) and outside `views_kept`
def _cached_view(segment_text: str) -> ReaderView:
    return _compute_view(segment_text)


def _compute_view(segment_text: str) -> ReaderView:
    """The reader view, computed."""
    if not _ANY.search(segment_text):
        return _new_view(segment_text, fold(segment_text), (0,), (0,))
    text_parts: list[str] = []
    blank: list[tuple[int, int]] = []  # view ranges `masked` blanks (kept code, URLs, ...)
    # run k starts at view offset starts[k], copied from segment offset origins[k]; a run that
    # starts where the last one did (consecutive deletions) replaces its origin as it comes,
    # the collapse `_collapsed` would do afterwards (a dict over every run of the segment)
    starts: list[int] = [0]
    origins: list[int] = [0]
    # bound once: ~190k matches on the real corpus, most a deleted marker
    add_text, add_start, add_origin = text_parts.append, starts.append, origins.append
    pos = 0
    length = 0
    last = 0  # starts[-1]
    matches, kinds = _markup_matches(segment_text)
    for m in matches:
        kind = kinds[m.lastindex]  # type: ignore[index]  # every alternative ends with a group
        start, end = m.span()
        if start > pos:
            add_text(segment_text[pos:start])
            length += start - pos
        if kind in _DELETE:
            if kind == "tag" and _BREAK_TAG.match(m.group(0)):
                if length == last:
                    origins[-1] = start
                else:
                    add_start(length)
                    add_origin(start)
                    last = length
                add_text("\n")
                length += 1
            if length == last:
                origins[-1] = end
            else:
                add_start(length)
                add_origin(end)
                last = length
        elif kind == "code":  # keep the code, drop its backticks
            if length == last:
                origins[-1] = start + 1
            else:
                add_start(length)
                add_origin(start + 1)
            add_text(segment_text[start + 1 : end - 1])
            blank.append((length, length + end - start - 2))
            length += end - start - 2  # at least one character: never a repeated start
            add_start(length)
            add_origin(end)
            last = length
        else:
            chunk = segment_text[start:end]
            add_text(chunk)
            lead = 0
            if chunk[0] == "-" and kind == "path":  # the hyphens that open its run stay text
                lead = len(chunk) - len(chunk.lstrip("-"))
            blank.append((length + lead, length + end - start))
            length += end - start
        pos = end
    text_parts.append(segment_text[pos:])
    text = "".join(text_parts)
    return _new_view(text, fold(_blanked(text, blank)), tuple(starts), tuple(origins))


def _blanked(text: str, blank: list[tuple[int, int]]) -> str:
    """`text` with each (sorted, disjoint) range replaced by MASK: most views blank none, and
    building the masked text from the view's text spares a second list of every piece."""
    if not blank:
        return text
    parts: list[str] = []
    pos = 0
    for a, b in blank:
        parts.append(text[pos:a])
        parts.append(MASK * (b - a))
        pos = b
    parts.append(text[pos:])
    return "".join(parts)


def _collapsed(starts: list[int], origins: list[int]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Runs that start at the same view offset (consecutive deletions, a piece whose view is
    empty) collapsed to the last of them."""
    # the starts never decrease, so equal ones stand together: a dict keeps each start once, at
    # its first place, with the last origin given to it (in C, not a loop per run)
    runs = dict(zip(starts, origins, strict=True))
    if len(runs) == len(starts):  # none to collapse
        return tuple(starts), tuple(origins)
    return tuple(runs), tuple(runs.values())


def joined_view(text: str, pieces: list[tuple[int, int]]) -> ReaderView:
    """The reader view of `text` read piece by piece: each [start, end) piece (sorted, not
    overlapping) through `reader_view`, the text between pieces kept as it is (folded).

    The pieces are the segments every other extractor reads, so their views come from the
    cache those extractors fill: reading a whole document as one string (the temporal layout)
    then costs a concatenation, not a second pass over its markup."""
    text_parts: list[str] = []
    mask_parts: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    length = 0

    def keep(a: int, b: int) -> None:
        nonlocal length
        if b <= a:
            return
        chunk = text[a:b]
        starts.append(length)
        origins.append(a)
        text_parts.append(chunk)
        mask_parts.append(fold(chunk))
        length += b - a

    # bound once: one piece per segment of the document (80k on the real corpus)
    add_start, add_origin, add_text, add_mask = starts.append, origins.append, text_parts.append, mask_parts.append
    # the document's kept views read here (`reader_view` written out): its call cost more
    # than the look-up, once per piece
    kept = _kept if _kept is not None else {}
    pos = 0
    for a, b in pieces:
        if a > pos:  # the gap before a piece (a blank line, a list marker): `keep` written out
            chunk = text[pos:a]
            add_start(length)
            add_origin(pos)
            add_text(chunk)
            add_mask(chunk if chunk.isascii() else fold(chunk))  # (fold's own first test)
            length += a - pos
        piece = text[a:b]
        view = kept.get(piece)
        if view is None:
            view = reader_view(piece)
        view_starts = view.starts
        if len(view_starts) == 1:  # most pieces: one run
            add_start(length + view_starts[0])
            add_origin(a + view.origins[0])
        else:
            starts.extend([length + s for s in view_starts])
            origins.extend([a + o for o in view.origins])
        view_text = view.text
        add_text(view_text)
        add_mask(view.masked)
        length += len(view_text)
        pos = b
    keep(pos, len(text))
    if not starts:
        starts, origins = [0], [0]
    view_starts, view_origins = _collapsed(starts, origins)
    return _new_view("".join(text_parts), "".join(mask_parts), view_starts, view_origins)
