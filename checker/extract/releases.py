"""When a named thing first came out: the knowledge base offline and, with --online, PyPI (a
package version's first upload), GitHub releases and Wikidata (P577/P571) for names the
knowledge base has no date for. Read by date.stale and date.anachronism."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass

from checker.core.model import Evidence
from checker.core.rule import RunContext
from checker.extract.kb import Entry, KnowledgeBase, PartialDate
from checker.extract.names.extract import names_of
from checker.extract.names.keys import name_key
from checker.input.documents import Document
from checker.lexicon import words
from checker.text.lazy_regex import lazy_compile

# Kinds whose KB entry is one release: a date says when *that* thing came out.
SPECIFIC_KINDS = frozenset({"model", "chip", "system", "device"})
# Kinds whose entry is a long-lived project: only a written version pins a release.
VERSIONED_KINDS = frozenset({"framework", "software"})
_VERSION = lazy_compile(r"(?<![\w.])v?(?P<v>\d+(?:\.\d+){1,3})$")


_PYPI = lazy_compile(r"^https://pypi\.org/project/(?P<name>[A-Za-z0-9._-]+)/?$")
_GITHUB = lazy_compile(r"^https://github\.com/(?P<name>[A-Za-z0-9._-]+/[A-Za-z0-9._-]+)/?$")
_PACKAGE_ENTRY = lazy_compile(r" \((?:PyPI package|GitHub repository)\)$")


def packages(kb: KnowledgeBase) -> dict[str, tuple[str, str | None]]:
    """PyPI and GitHub names of frameworks, from the KB's package-index entries
    (checker/data/kb/packages.toml: "torch (PyPI package)", family PyTorch), for --online
    release look-ups of versions the KB does not list. Keys are checker.extract.names.keys
    keys of the framework's KB name and of its PyPI name."""
    cached = _PACKAGES.get(id(kb))
    if cached is not None and cached[0] is kb:
        return cached[1]
    pypi: dict[str, str] = {}
    github: dict[str, str] = {}
    for e in kb:
        if e.family is None or not _PACKAGE_ENTRY.search(e.name):
            continue
        if m := _PYPI.match(e.source):
            pypi[e.family] = m["name"]
        elif m := _GITHUB.match(e.source):
            github[e.family] = m["name"]
    table: dict[str, tuple[str, str | None]] = {}
    for family, name in pypi.items():
        table[name_key(family)] = table[name_key(name)] = (name, github.get(family))
    _PACKAGES.clear()  # one KB per run
    _PACKAGES[id(kb)] = (kb, table)
    return table


_PACKAGES: dict[int, tuple[KnowledgeBase, dict[str, tuple[str, str | None]]]] = {}


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class Release:
    """When a named thing first came out, per one source."""

    name: str
    first: dt.date  # the earliest day the date can mean
    last: dt.date  # the latest day it can mean
    shown: str  # as shown in messages: "2024-04", "2025-08-07"
    source: str  # "knowledge base", "PyPI", ...
    evidence: tuple[Evidence, ...]
    announced_only: bool = False


def split_version(text: str) -> tuple[str, str] | None:
    """ "Triton 2.3" -> ("Triton", "2.3"); None without a trailing version."""
    m = _VERSION.search(text.strip())
    if not m:
        return None
    base = text[: m.start()].strip(" -_")
    return (base, m.group("v")) if base else None


def kb_release(text: str, kb: KnowledgeBase, *, first_public: bool) -> Release | None:
    """The KB's date for exactly this name (not its family), when it denotes one release.

    first_public: the earliest public date (announced, else released), for "existed by";
    otherwise the release date (announced only when no release date is known).
    """
    entry = kb.lookup(text)  # by the key of a name or alias: never a family for a version
    if entry is None:
        return None
    if entry.kind not in SPECIFIC_KINDS and not (entry.kind in VERSIONED_KINDS and split_version(text)):
        return None
    date: PartialDate | None
    if first_public:
        date = entry.first_date
        announced_only = False
    else:
        date = entry.released or entry.announced
        announced_only = entry.released is None and entry.announced is not None
    if date is None:
        return None
    return Release(
        entry.name, date.earliest(), date.latest(), str(date), "knowledge base", (entry.evidence(),), announced_only
    )


def online_release(text: str, kb: KnowledgeBase, ctx: RunContext) -> Release | None:
    """Release date from the reference sources (--online), for names the KB cannot date."""
    services = ctx.services.references if ctx.online else None
    if services is None:
        return None
    parts = split_version(text)
    if parts is not None:
        base, version = parts
        family = kb.lookup(base)
        key = name_key(family.name if family is not None else base)
        table = packages(kb)
        if key not in table and name_key(base) not in table:
            return None
        pypi, github = table.get(key) or table[name_key(base)]
        results = services.release(text, version, pypi=pypi, github=github)
    else:
        # only things the KB knows as one release but cannot date: a Wikidata search on any
        # unknown name would cost requests per mention and match the wrong items
        entry = kb.lookup(text)
        if entry is None or entry.kind not in SPECIFIC_KINDS:
            return None
        results = services.release(entry.name)
    dated = [(r.released, r) for r in results if r.found and r.released is not None]
    if not dated:
        return None
    when, best = min(dated, key=lambda pair: pair[0])
    last = when if best.precision == "day" else _end_of(when, best.precision)
    shown = when.isoformat() if best.precision == "day" else when.isoformat()[: 7 if best.precision == "month" else 4]
    return Release(
        text, when, last, shown, _SOURCE_NAMES.get(best.source, best.source), tuple(r.evidence() for r in results)
    )


_SOURCE_NAMES = {"pypi": "PyPI", "github": "GitHub", "wikidata": "Wikidata", "huggingface": "Hugging Face"}


def _end_of(day: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return dt.date(day.year, 12, 31)
    nxt = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return nxt - dt.timedelta(days=1)


def release_of(text: str, kb: KnowledgeBase, ctx: RunContext, *, first_public: bool) -> Release | None:
    return kb_release(text, kb, first_public=first_public) or online_release(text, kb, ctx)


_SIZE = lazy_compile(r"^(?:\d+(?:\.\d+)?[BMK]|A\d+(?:\.\d+)?B|\d+x\d+B)$", re.IGNORECASE)
_SIZE_VARIANT = words("novelty", "size-variant")


def sized_release(text: str) -> str | None:
    """The release a sized name belongs to: "Llama 3.2 3B Instruct" -> "Llama 3.2". Only a
    size and the tuning or format words after it are cut (GPT-5 mini is another product)."""
    tokens = re.split(r"[\s_]+|-(?=[A-Za-z0-9])", text.strip())
    cut = len(tokens)
    while cut > 1 and tokens[cut - 1].lower() in _SIZE_VARIANT:
        cut -= 1
    if cut < 2 or not _SIZE.match(tokens[cut - 1]):
        return None
    while cut > 1 and _SIZE.match(tokens[cut - 1]):
        cut -= 1
    base = text[: text.find(tokens[cut - 1]) + len(tokens[cut - 1])] if cut else ""
    return base.strip(" -_") or None


def maker_present(text: str, release: Release, kb: KnowledgeBase, segment_text: str) -> bool:
    """Short names (o3, M3, O1) name many things; the KB's one counts only when its
    maker is named in the same paragraph."""
    if len(name_key(text)) > 3:
        return True
    entry = kb.lookup(text)
    if release.source != "knowledge base" or entry is None or not entry.maker:
        return False
    maker = kb.lookup(entry.maker)
    names = maker.names if maker is not None else (entry.maker,)
    folded = segment_text.casefold()
    return any(n.casefold() in folded for n in names)


_FIRST = lazy_compile(r"^(.*[A-Za-z])[ -]?1$")
# A name glossed by its abbreviation in the same document: 「AlphaGeometry 1（AG1）」
_GLOSS = lazy_compile(r"^\s*[（(]\s*$")
_GLOSS_END = lazy_compile(r"^\s*[）)]")


def claimed_entry(text: str, kb: KnowledgeBase, doc: Document, segment: int) -> Entry | None:
    """The KB entry a dated launch claim names: exactly this name or alias (never its
    family: GPT-5 mini is not GPT-5), one dated release, a short name only with its maker
    in the paragraph; an abbreviation the document glosses (「AlphaGeometry 1（AG1）」) and
    a "1" the KB does not write (AlphaGeometry 1 = AlphaGeometry) count as the full name."""
    full = _glosses(doc, kb).get(name_key(text), text)
    entry = _specific(full, kb)
    if entry is None:
        return None
    if full != text:
        return entry  # the document itself says what the abbreviation stands for
    if len(name_key(text)) <= 3:
        release = kb_release(text, kb, first_public=False)
        if release is None or not maker_present(text, release, kb, doc.segments[segment].text):
            return None
    return entry


def _specific(text: str, kb: KnowledgeBase) -> Entry | None:
    entry = kb.lookup(text)
    if entry is None:
        first = _FIRST.match(text)
        entry = kb.lookup(first.group(1)) if first else None  # the KB writes the first of a line without its 1
        if entry is None:
            return None
    if entry.kind in SPECIFIC_KINDS or (entry.kind in VERSIONED_KINDS and split_version(text)):
        return entry if (entry.announced or entry.released) else None
    return None


def _glosses(doc: Document, kb: KnowledgeBase) -> dict[str, str]:
    """Abbreviations the document defines: key of 「AG1」 -> 「AlphaGeometry 1」."""

    def compute(d: Document) -> dict[str, str]:
        out: dict[str, str] = {}
        mentions = sorted(names_of(d, kb), key=lambda m: (m.segment, m.start))
        for a, b in itertools.pairwise(mentions):
            if a.segment != b.segment or len(b.key) > 5 or b.key in out:
                continue
            text = d.segments[a.segment].text
            glossed = _GLOSS.match(text[a.end : b.start]) and _GLOSS_END.match(text[b.end : b.end + 3])
            if glossed and _specific(a.text, kb) is not None:
                out[b.key] = a.text
        return out

    return doc.cached("releases.glosses", compute)
