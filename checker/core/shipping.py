"""A worker's phase-1 result as it travels back to the main process (pickle, our own processes).

The bulk of a record's pickling was its names: ~180k `Mention`s on corpus/real, each a
NamedTuple that pickles through copyreg and `__getnewargs__` in Python (~4.5 us dumped, ~2.6 us
loaded) with a Span inside. Sent as columns (texts, keys, shapes, one array of integers, one
byte of flags each) they cost a quarter of that to dump and a little less to load (all the
names of corpus/real: 0.80 -> 0.21 s dumped, 0.47 -> 0.33-0.46 s loaded); the rows are rebuilt
equal on arrival. The
document's other caches and the records travel as they are.
"""

from __future__ import annotations

import array
from typing import TYPE_CHECKING, Any

from checker.core.model import Span
from checker.core.records import DocumentRecord
from checker.input.documents import Document

if TYPE_CHECKING:
    from checker.extract.names.extract import Mention

NAMES = "names"  # the document cache key of its mentions (checker/extract/names/extract.py)
_FIELDS = 5  # integers per mention: span start and end, segment, start, end in the segment

# (texts, keys, shapes, integers, flags): one entry per mention in each
Columns = tuple[list[str], list[str], list[str], "array.array[int]", bytes]


def _mention_type() -> type[Mention]:
    from checker.extract.names.extract import Mention  # loaded by any run that has names

    return Mention


def pack_mentions(mentions: list[Any]) -> Columns | None:
    """The mentions as columns; None when one is not a plain Mention (sent as it is then)."""
    mention = _mention_type()
    texts: list[str] = []
    keys: list[str] = []
    shapes: list[str] = []
    numbers: list[int] = []
    flags = bytearray()
    for m in mentions:
        if type(m) is not mention or type(m.span) is not Span:
            return None
        texts.append(m.text)
        keys.append(m.key)
        shapes.append(m.shape)
        span = m.span
        numbers += (span.start, span.end, m.segment, m.start, m.end)
        flags.append(bool(m.quoted) | bool(m.sentence_start) << 1 | bool(m.in_kb) << 2)
    return texts, keys, shapes, array.array("q", numbers), bytes(flags)


def unpack_mentions(columns: Columns) -> list[Mention]:
    mention = _mention_type()
    texts, keys, shapes, numbers, flags = columns
    ints = iter(numbers)
    # zip over one iterator five times: each mention's five integers in order
    return [
        mention(text, key, Span(a, b), seg, start, end, shape, bool(f & 1), bool(f & 2), bool(f & 4))
        for text, key, shape, f, a, b, seg, start, end in zip(
            texts, keys, shapes, flags, *([ints] * _FIELDS), strict=False
        )
    ]


def pack_record(rec: DocumentRecord) -> tuple[DocumentRecord, Columns | None, tuple[int, ...]]:
    """The record with its document's names as columns, and the positions of the collected
    values that are that same list (name.unverified collects the document's mentions)."""
    doc = rec.doc
    names = doc._cache.get(NAMES)
    columns = pack_mentions(names) if isinstance(names, list) and names else None
    if columns is None:
        return rec, None, ()
    # a copy of the document and the record without the names: the originals stay as they are
    light = object.__new__(Document)
    light.__dict__.update(doc.__dict__)
    light._cache = {k: v for k, v in doc._cache.items() if k != NAMES}
    slots = tuple(n for n, (_rid, value) in enumerate(rec.collected) if value is names)
    collected = [(rid, None if n in slots else value) for n, (rid, value) in enumerate(rec.collected)]
    out = DocumentRecord(light, rec.hits, collected, rec.crashes, rec.seconds, rec.from_cache)
    return out, columns, slots


def unpack_record(packed: tuple[DocumentRecord, Columns | None, tuple[int, ...]]) -> DocumentRecord:
    rec, columns, slots = packed
    if columns is not None:
        names = unpack_mentions(columns)
        rec.doc._cache[NAMES] = names
        for n in slots:
            rec.collected[n] = (rec.collected[n][0], names)
    return rec


def result_state(state: dict[str, Any]) -> dict[str, Any]:
    """A FileResult's pickled state: its records packed (`pack_record`)."""
    out = dict(state)
    out["records"] = [pack_record(r) for r in state["records"]]
    return out


def result_from_state(state: dict[str, Any]) -> dict[str, Any]:
    out = dict(state)
    out["records"] = [unpack_record(p) for p in state["records"]]
    return out
