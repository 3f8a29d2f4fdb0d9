"""Product lines the KB knows well, and what a name claims about one (closed-world reasoning).

A name like "Claude Opus 3.5" claims a member of a line: the brand "Claude", the version 3.5,
the tier "Opus". When the KB lists that line's members well, a member it does not list is
suspect; when the KB does not know the line, the name says nothing about invention offline.

A *brand* groups the KB's model and chip names by their first word ("Claude 3 Opus",
"Claude Opus 4.7" -> claude). It is *known well* when at least `MIN_DATED` of its entries
carry a date and its names show at least `MIN_VERSIONS` distinct versions: then the data
lists the line release by release (models.dev and Epoch AI do for the API model lines; the
hand-written overlay does for AlphaFold and PaLM). A *chip line* is an architecture of the
overlay with the chips whose `family` names it (Hopper: H100, H800, H20, H200, GH200).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from checker.extract.kb import Entry, KnowledgeBase, PartialDate
from checker.extract.names.words import _GENERIC_PART, _PART_SPLIT
from checker.text.lazy_regex import lazy_compile

MIN_DATED = 3  # dated entries of a brand before its list counts as a release history
MIN_VERSIONS = 2  # distinct versions: one version is a product, not a line with members
CLOSED_AFTER = dt.timedelta(days=365)  # a line with no new member for a year is finished
_LINE_KINDS = frozenset({"model", "chip"})
# a version: "4.7", "v2", "4o"; a first number over 20 is a part number, size or date ("910", "2507")
_VERSION = lazy_compile(r"^[vV]?((?:1?\d|20)(?:\.\d+)*)([a-z]?)$")
_GLUED = lazy_compile(r"^([A-Za-z]{2,}?)(\d+(?:\.\d+)*[a-z]?)$")  # "Qwen3.6", "AlphaFold2"
# release stages, sizes and formats: they say nothing about which member a name claims
_STAGE = frozenset(
    [
        "preview",
        "latest",
        "exp",
        "experimental",
        "instruct",
        "it",
        "chat",
        "thinking",
        "base",
        "hf",
        "gguf",
        "awq",
        "gptq",
        "mlx",
        "bf16",
        "fp8",
        "distill",
        "high",
        "low",
        "medium",
        "xhigh",
        "max-thinking",
        "nothink",
        "beta",
        "alpha",
        "rc",
        "ga",
    ]
)


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class Parsed:
    """A name read as brand, version and other words."""

    brand: str  # the first word, folded
    brand_text: str  # as written
    version: str | None  # "4.7", "2" (a trailing ".0" dropped), "4o"
    version_text: str | None  # as written: "2.0"
    words: frozenset[str]  # the other words, folded, stages and sizes left out


@dataclass(unsafe_hash=True)
class Member:
    """A KB entry as one member of a product line."""

    entry: Entry
    name: str  # the name or alias parsed
    parsed: Parsed


@dataclass
class Line:
    """A brand or chip line the KB knows, with its members."""

    label: str
    maker: str | None
    members: list[Member]
    is_chip_line: bool = False

    def versions(self, tiers: frozenset[str] = frozenset()) -> dict[str, list[Member]]:
        out: dict[str, list[Member]] = {}
        for m in self.members:
            if m.parsed.version is not None and tiers <= m.parsed.words:
                out.setdefault(m.parsed.version, []).append(m)
        return out

    @property
    def words(self) -> frozenset[str]:
        return frozenset(w for m in self.members for w in m.parsed.words)

    @property
    def tiers(self) -> frozenset[str]:
        """Words that name a sub-line alone with a version ("Opus" of "Claude Opus 4", "Ultra" of
        "Gemini 1.0 Ultra"), not modifiers that only ride along ("TTS" of "Gemini 2.5 Flash TTS")."""
        return frozenset(next(iter(m.parsed.words)) for m in self.members if len(m.parsed.words) == 1)

    def newest(self) -> dt.date | None:
        dates = [d.earliest() for m in self.members if (d := m.entry.first_date) is not None]
        return max(dates) if dates else None

    def sources(self, members: Iterable[Member] | None = None) -> str:
        origins = Counter(_source_label(m.entry.origin) for m in (self.members if members is None else members))
        return ", ".join(o for o, _ in origins.most_common())


@dataclass(unsafe_hash=True)
class Claim:
    """What a name claims that the KB's list of the line contradicts."""

    line: Line
    evidence: str
    suggestion: str | None
    beyond: bool  # the claimed version is newer than every member listed


def version_key(v: str) -> tuple[int, ...]:
    m = _VERSION.match(v)
    return tuple(int(x) for x in m.group(1).split(".")) if m else ()


def _norm_version(v: str) -> str | None:
    m = _VERSION.match(v)
    if not m:
        return None
    nums = m.group(1).split(".")
    while len(nums) > 1 and nums[-1] == "0":
        nums.pop()  # "2.0" is "2": Gemini 2.0 and Gemini 2 are one version
    return ".".join(nums) + m.group(2)


_BRAND = lazy_compile(r"[A-Za-z][A-Za-z.]+")


def _parts(name: str) -> list[str] | None:
    """The name's parts, a glued leading version split off ("Qwen3.6" -> Qwen, 3.6), or None
    when it does not start with a word."""
    parts = [p for p in _PART_SPLIT.split(name.strip()) if p]
    if not parts:
        return None
    glued = _GLUED.match(parts[0])
    if glued:
        parts = [glued.group(1), glued.group(2), *parts[1:]]
    return parts if _BRAND.fullmatch(parts[0]) else None


_FIRST_PART = lazy_compile(r"[^\s\-_/]+")  # the first part _PART_SPLIT leaves


def brand_of(name: str) -> str | None:
    """The folded brand `parse` would give, from the name's first part alone: `claim` is None
    unless it names a line, and most names do not (a cheap gate per name)."""
    first = _FIRST_PART.search(name)
    if first is None:
        return None
    glued = _GLUED.match(first.group())
    brand = glued.group(1) if glued else first.group()
    return brand.lower() if _BRAND.fullmatch(brand) else None


def parse(name: str) -> Parsed | None:
    """Brand, version and words of a name, or None when it does not start with a word."""
    parts = _parts(name)
    if parts is None:
        return None
    brand = parts[0]
    version: str | None = None
    version_text: str | None = None
    words: set[str] = set()
    for p in parts[1:]:
        v = _norm_version(p) if version is None else None
        if v is not None:
            version, version_text = v, p
            continue
        low = p.lower()
        if low[:1].isdigit() and not low[-1:].isalpha():
            continue  # "2507", "0728": a snapshot date or part number, not a version or a word
        if low in _STAGE or (_GENERIC_PART.match(p) and low not in _TIER_WORDS):
            continue  # sizes, dates, formats, stages
        words.add(low)
    return Parsed(brand.lower(), brand, version, version_text, frozenset(words))


# variant words that do name a sub-line (kept as words, though generic elsewhere)
_TIER_WORDS = frozenset(
    [
        "pro",
        "flash",
        "ultra",
        "mini",
        "nano",
        "lite",
        "max",
        "plus",
        "turbo",
        "omni",
        "large",
        "medium",
        "small",
        "fast",
    ]
)


def _source_label(origin: str) -> str:
    return origin if not origin.endswith(".toml") else "hand-written overlay"


def _display_names(name: str) -> bool:
    """A display name, not a provider id ("anthropic/claude-opus-4.7", "gemini-2.5-flash")."""
    return any(c.isupper() for c in name) and "/" not in name and ":" not in name


@lru_cache(maxsize=4)
def lines_of(kb: KnowledgeBase) -> Mapping[str, Line]:
    """The lines the KB knows well, by folded brand (and chip-line) name.

    Which names make which line is stored with the KB (checker/kb/derived.py: 0.1 s to work
    out, every KB name parsed); a line's members are parsed again only when a run asks for it."""
    from checker.cachefiles import code_digest
    from checker.extract.names import keys, words
    from checker.kb import derived

    entries = list(kb)
    # (keys: the rows' brands and companies are name keys)
    code = code_digest(__name__, words.__name__, keys.__name__)
    rows = derived.stored("lines", kb, code, lambda: _line_rows(kb), lambda r: r, _valid_rows(len(entries)))
    return _Lines(kb, entries, rows)


# a stored line: ["b", brand, [[entry position, name], ...]] or ["c", architecture position, [chip positions]]
_Row = list[Any]


def _line_rows(kb: KnowledgeBase) -> list[_Row]:
    """The lines the KB knows well as rows of entry positions, in the order `lines_of` keys them."""
    pos = {id(e): i for i, e in enumerate(kb)}
    companies = {e.key for e in kb if e.kind == "company"}
    brands: dict[str, list[Member]] = {}
    for e in kb:
        if e.kind not in _LINE_KINDS:
            continue
        seen: set[tuple[str, str | None, frozenset[str]]] = set()
        own = parse(e.name)
        for n in e.names:
            if not _display_names(n):
                continue
            p = parse(n)
            if p is None or p.brand in companies or (own is not None and p.brand != own.brand):
                continue  # "Opus 4.5" of "Claude Opus 4.5" is no member of a line "Opus"
            sig = (p.brand, p.version, p.words)
            if sig not in seen:
                seen.add(sig)
                brands.setdefault(p.brand, []).append(Member(e, n, p))
    out: list[_Row] = []
    keys: set[str] = set()
    for brand, members in brands.items():
        dated = {id(m.entry) for m in members if m.entry.first_date is not None}
        versions = {m.parsed.version for m in members if m.parsed.version is not None}
        if len(dated) >= MIN_DATED and len(versions) >= MIN_VERSIONS:
            out.append(["b", brand, [[pos[id(m.entry)], m.name] for m in members]])
            keys.add(brand)
    # the chips by family, in KB order: one pass instead of one per architecture (31 x 3,500)
    by_family: dict[str, list[Entry]] = {}
    for c in kb:
        if c.kind == "chip" and c.family is not None:
            by_family.setdefault(c.family.lower(), []).append(c)
    for e in kb:
        if e.kind != "architecture" or e.name.lower() in keys:
            continue  # (the first line of a key wins)
        chips = by_family.get(e.name.lower(), [])
        if sum(1 for c in chips if c.first_date) >= MIN_DATED:
            out.append(["c", pos[id(e)], [pos[id(c)] for c in chips]])
            keys.add(e.name.lower())
    return out


def _valid_rows(n: int) -> Callable[[Any], list[_Row] | None]:
    """A check of stored rows against a KB of `n` entries: the rows, or None when any is malformed."""

    def entry_pos(v: Any) -> bool:
        return type(v) is int and 0 <= v < n

    def check(value: Any) -> list[_Row] | None:
        if not isinstance(value, list):
            return None
        for row in value:
            if not (isinstance(row, list) and len(row) == 3 and isinstance(row[2], list)):
                return None
            kind, head, members = row
            if kind == "b" and isinstance(head, str):
                if not all(
                    isinstance(m, list) and len(m) == 2 and entry_pos(m[0]) and isinstance(m[1], str) for m in members
                ):
                    return None
            elif not (kind == "c" and entry_pos(head) and all(entry_pos(m) for m in members)):
                return None
        return value

    return check


class _Lines(Mapping[str, Line]):
    """The KB's lines by key, each built from its stored row on first use."""

    def __init__(self, kb: KnowledgeBase, entries: list[Entry], rows: list[_Row]) -> None:
        self._kb = kb
        self._entries = entries
        self._rows = {(row[1] if row[0] == "b" else entries[row[1]].name.lower()): row for row in rows}
        self._built: dict[str, Line] = {}

    def __getitem__(self, key: str) -> Line:
        line = self._built.get(key)
        if line is None:
            line = self._built[key] = self._line(self._rows[key])
        return line

    def __contains__(self, key: object) -> bool:
        return key in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def _rebuilt(self) -> _Lines:
        """Every row worked out again (once: a stale stored row means the whole file is)."""
        fresh = _Lines(self._kb, self._entries, _line_rows(self._kb))
        self._rows, self._built = fresh._rows, fresh._built
        return self

    def _line(self, row: _Row) -> Line:
        entries = self._entries
        if row[0] == "c":
            e = entries[row[1]]
            brand = Parsed(e.name.lower(), e.name, None, None, frozenset())
            return Line(
                e.name, e.maker, [Member(entries[c], entries[c].name, brand) for c in row[2]], is_chip_line=True
            )
        members = []
        for p, n in row[2]:
            parsed = parse(n)
            if parsed is None or parsed.brand != row[1]:  # a stored row this code would not write
                return self._rebuilt()[row[1]]
            members.append(Member(entries[p], n, parsed))
        return Line(_common(m.parsed.brand_text for m in members), _maker(members), members)


def _common(values: Iterable[str]) -> str:
    return Counter(values).most_common(1)[0][0]


def _maker(members: list[Member]) -> str | None:
    makers = Counter(m.entry.maker for m in members if m.entry.maker)
    return makers.most_common(1)[0][0] if makers else None


def may_claim(name: str, kb: KnowledgeBase) -> bool:
    """False when `claim` is None for the name whatever the date: its brand is no line."""
    brand = brand_of(name)
    return brand is not None and brand in lines_of(kb)


def claim(name: str, kb: KnowledgeBase, published: dt.date | None) -> Claim | None:
    """What `name` claims against a line the KB knows well, when the list contradicts it.

    None when the brand is no line the KB knows well, when the name carries words the line
    never uses (a new sub-line or a third party's derivative, "Gemini Robotics-ER 1.6",
    "DeepSeek-R1-Safe") unless the line is finished (no member for a year before the
    document: "PaLM 2-Light" in 2025), and when the KB lists the version with the name's tiers.
    """
    p = parse(name)
    if p is None:
        return None
    line = lines_of(kb).get(p.brand)
    if line is None:
        return None
    if line.is_chip_line or p.words - line.words:
        return _closed_line(name, p, line, published)
    if p.version is None:
        return None
    tiers = p.words & line.tiers
    members = line.versions(tiers)
    if p.version in members or not members:
        return None
    if tiers and len(members) < MIN_VERSIONS and p.version not in line.versions():
        return None  # one listed member of a sub-line is no release history ("Gemini Robotics-ER 1.6")
    beyond = all(version_key(p.version) > version_key(v) for v in members)
    label = " ".join([line.label, *_tier_text(line, tiers)])
    shown = {v: ms for v, ms in members.items() if any(m.parsed.words <= tiers for m in ms)} or members
    listed = ", ".join(_version_text(v, ms) for v, ms in _sorted(shown))
    evidence = (
        f"{_owner(line)}{label} line in the KB ({line.sources(m for ms in shown.values() for m in ms)}): "
        f"{listed}; no {p.version_text}"
        + (f" ({_same_version_note(line, p.version)})" if tiers and line.versions().get(p.version) else "")
    )
    return Claim(line, evidence, _nearest(p.version, shown), beyond)


def _closed_line(name: str, p: Parsed, line: Line, published: dt.date | None) -> Claim | None:
    """A known line's name with a word it never used: suspect only when the line is finished."""
    newest = line.newest()
    if newest is None or published is None or published - newest < CLOSED_AFTER:
        return None
    if line.is_chip_line and not p.words and p.version is None and name.lower() == line.label.lower():
        return None  # the architecture itself
    listed = ", ".join(
        f"{m.name} ({m.entry.first_date})" if m.entry.first_date else m.name
        for m in sorted(line.members, key=lambda m: (m.entry.first_date or PartialDate(9999)).earliest())
    )
    years = (published - newest).days / 365.25
    evidence = (
        f"{_owner(line)}{line.label} line in the KB ({line.sources()}): {listed}; no '{name}', and the line's "
        f"newest member is from {newest.isoformat()}, {years:.1f} years before the document"
    )
    prefix = _known_prefix(name, line)
    return Claim(line, evidence, prefix, beyond=False)


def _known_prefix(name: str, line: Line) -> str | None:
    """The longest member name the name begins with ("PaLM 2" of "PaLM 2-Light")."""
    folded = name.lower()
    best = [m.name for m in line.members if folded.startswith(m.name.lower()) and len(m.name) < len(name)]
    return max(best, key=len) if best else None


def _owner(line: Line) -> str:
    return f"{line.maker}'s " if line.maker else ""


def _tier_text(line: Line, tiers: frozenset[str]) -> list[str]:
    cased: dict[str, str] = {}
    for m in line.members:
        for part in _PART_SPLIT.split(m.name):
            if part.lower() in tiers:
                cased.setdefault(part.lower(), part)
    return [cased.get(t, t) for t in sorted(tiers)]


def _sorted(members: dict[str, list[Member]]) -> list[tuple[str, list[Member]]]:
    return sorted(members.items(), key=lambda kv: (version_key(kv[0]), kv[0]))


def _first_date(ms: list[Member]) -> PartialDate | None:
    dates = [d for m in ms if (d := m.entry.first_date) is not None]
    return min(dates, key=lambda d: d.earliest()) if dates else None


def _version_text(v: str, ms: list[Member]) -> str:
    d = _first_date(ms)
    return f"{v} ({d})" if d else v


def _same_version_note(line: Line, version: str) -> str:
    names = sorted({m.name for m in line.versions().get(version, [])})
    shown = ", ".join(names[:4]) + (" ..." if len(names) > 4 else "")
    return f"version {version} is listed only as {shown}"


def _nearest(version: str, members: dict[str, list[Member]]) -> str | None:
    """The member nearest the claimed version: the same digits ("15" -> 1.5), else the same
    major version, else the numerically closest within one major version."""
    digits = re.sub(r"\D", "", version)
    by_version = _sorted(members)
    for v, ms in by_version:
        if re.sub(r"\D", "", v) == digits:
            return _member_name(ms)
    key = version_key(version)
    if not key:
        return None

    def distance(v: str) -> float:
        k = version_key(v)
        return abs(_as_float(k) - _as_float(key))

    close = [(distance(v), version_key(v) > key, v, ms) for v, ms in by_version if distance(v) <= 1.0]
    same_major = [c for c in close if version_key(c[2])[:1] == key[:1]]
    pool = same_major or close
    if not pool:
        return None
    return _member_name(min(pool, key=lambda c: (c[0], c[1]))[3])


def _as_float(k: tuple[int, ...]) -> float:
    return float(f"{k[0]}.{''.join(str(x) for x in k[1:])}") if len(k) > 1 else float(k[0]) if k else 0.0


def _member_name(ms: list[Member]) -> str:
    """The member's plainest name: the entry with the fewest words, its canonical name."""
    best = min(ms, key=lambda m: (len(m.parsed.words), m.entry.first_date is None, len(m.entry.name)))
    return best.entry.name
