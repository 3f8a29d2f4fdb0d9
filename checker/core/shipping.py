"""A worker's phase-1 result as it travels back to the main process (pickle, our own processes).

The bulk of a record's pickling was its names: ~180k `Mention`s on corpus/real, each a
NamedTuple that pickles through copyreg and `__getnewargs__` in Python, with a Span inside
(`Span.__reduce__`, Python too). Sent as columns (a tuple per field, the spans as starts and
ends) they pickle in C; the rows are rebuilt equal on arrival. The
document's other caches and the records travel as they are.
"""

from __future__ import annotations

from functools import partial
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from checker.core.model import Span
from checker.core.records import DocumentRecord

if TYPE_CHECKING:
    from checker.extract.names.extract import Mention

NAMES = "names"  # the document cache key of its mentions (checker/extract/names/extract.py)
_START = attrgetter("start")
_END = attrgetter("end")

# one tuple per field of Mention, with its span as two tuples (starts, ends): built and read
# back by zip and map, in C but for the constructors
Columns = tuple[tuple[Any, ...], ...]


def _mention_type() -> type[Mention]:
    from checker.extract.names.extract import Mention  # loaded by any run that has names

    return Mention


def pack_mentions(mentions: list[Any]) -> Columns | None:
    """The mentions as columns; None when one is not a plain Mention with a Span (sent as it is)."""
    mention = _mention_type()
    if set(map(type, mentions)) != {mention}:
        return None
    texts, keys, spans, *rest = zip(*mentions, strict=True)
    if set(map(type, spans)) != {Span}:
        return None
    return (texts, keys, tuple(map(_START, spans)), tuple(map(_END, spans)), *rest)


def unpack_mentions(columns: Columns) -> list[Mention]:
    # tuple.__new__ is what Mention._make calls, without the NamedTuple's __new__ in Python
    make = partial(tuple.__new__, _mention_type())
    texts, keys, starts, ends, *rest = columns
    return list(map(make, zip(texts, keys, map(Span, starts, ends), *rest, strict=True)))


def pack_record(rec: DocumentRecord) -> tuple[DocumentRecord, Columns | None, tuple[int, ...]]:
    """The record with its document's names as columns, and the positions of the collected
    values that are that same list (name.unverified collects the document's mentions)."""
    doc = rec.doc
    names = doc._cache.get(NAMES)
    columns = pack_mentions(names) if isinstance(names, list) and names else None
    if columns is None:
        return rec, None, ()
    # a copy of the document and the record without the names: the originals stay as they are
    light = doc.without_cached(NAMES)
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
