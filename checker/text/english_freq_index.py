"""wordfreq's English list as a sorted index in the cache folder, searched without a dict.

Building a dict of the list's 321k words costs about 0.2 s of CPU in every run that asks how common
a word is (decompressing 1.1 MB of xz, splitting, hashing every word), and a run asks a few hundred
times. So the list is written once, decompressed and sorted by word, to the user cache directory
(the lexicon store's folder), and a look-up is a binary search over the file's bytes: about twenty
steps, no dict at all. Hand-written: the standard library's `bisect` needs a list (the split this
avoids), and a key-value library would be a dependency for one read-only table.

The file is plain text, never unpickled: a header line (format, the digest of the bundled data and
of this code, the number of words, the digest of the body), then one line per word, "word
centibels", sorted by the word's UTF-8 bytes. A file whose header or body digest does not match is
rebuilt; the same trust as the lexicon store (a writer of the cache folder could change the
frequencies, as it could edit the cache of unchanged files). CHECKER_LEXICON_CACHE=0 switches it
off (the dict is built in memory).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from checker.cachefiles import cache_folder, code_digest, mark_used, remove_stale, write_atomic

_FORMAT = b"checker-english-freq-1"


class SortedIndex(Mapping[str, float]):
    """Word -> frequency (10 ** (-centibels / 100)), read from the sorted lines of `data`."""

    def __init__(self, index: tuple[bytes, int, int]) -> None:
        self._data, self._start, self._count = index

    def _centibels(self, word: str) -> int | None:
        key = word.encode("utf-8", "surrogatepass")
        if b" " in key or b"\n" in key:
            return None  # the list's words hold neither (it is split on them)
        data = self._data
        lo, hi = self._start, len(data)
        # lo is always a line's start; each step halves [lo, hi) at a line boundary
        while lo < hi:
            mid = (lo + hi) // 2
            s = data.rfind(b"\n", lo, mid) + 1 or lo
            e = data.find(b"\n", s)
            if e < 0:
                return None  # a body without its last newline (the digest makes this impossible)
            word_b, _, value = data[s:e].partition(b" ")
            if word_b == key:
                return int(value) if value.isdigit() else None
            if word_b < key:
                lo = e + 1
            else:
                hi = s
        return None

    def get(self, word: str, default: float | None = None) -> float | None:  # type: ignore[override]
        i = self._centibels(word)
        return default if i is None else 10 ** (-i / 100)

    def __getitem__(self, word: str) -> float:
        i = self._centibels(word)
        if i is None:
            raise KeyError(word)
        return 10 ** (-i / 100)

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._centibels(word) is not None

    def __iter__(self) -> Iterator[str]:
        for line in self._data[self._start :].splitlines():
            yield line.partition(b" ")[0].decode("utf-8")

    def __len__(self) -> int:
        return self._count


def open_index(raw: Callable[[], bytes], centibels: Callable[[], dict[str, int]]) -> tuple[bytes, int, int] | None:
    """(file bytes, where the body starts, word count) of the stored index for the bundled list
    `raw()`, built from `centibels()` and written when missing or wrong; None when switched off or
    the cache folder cannot be used (the caller builds its dict)."""
    folder = _folder()
    if folder is None:
        return None
    code = code_digest(__name__)
    if code is None:
        return None
    digest = hashlib.sha256(raw()).hexdigest()[:24] + code
    path = folder / f"english-freq-{digest}.txt"
    found = _read(path, digest)
    if found is not None:
        return found
    data = _build(digest, centibels())
    _write(path, data)
    return _read_bytes(data, digest)


def _folder() -> Path | None:
    if os.environ.get("CHECKER_LEXICON_CACHE", "1") == "0":
        return None
    try:
        return cache_folder() / "lexicon-lists"
    except Exception:  # no home: build in memory only
        return None


def _build(digest: str, centibels: dict[str, int]) -> bytes:
    rows = sorted((w.encode("utf-8"), i) for w, i in centibels.items())
    body = b"".join(b"%s %d\n" % (w, i) for w, i in rows)
    header = b"%s %s %d %s\n" % (_FORMAT, digest.encode(), len(rows), hashlib.sha256(body).hexdigest().encode())
    return header + body


def _read(path: Path, digest: str) -> tuple[bytes, int, int] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    found = _read_bytes(data, digest)
    if found is not None:
        mark_used(path)
    return found


def _read_bytes(data: bytes, digest: str) -> tuple[bytes, int, int] | None:
    """The index when `data` is a whole, unchanged file for `digest`, else None."""
    end = data.find(b"\n", 0, 256)
    if end < 0:
        return None
    parts = data[:end].split(b" ")
    if len(parts) != 4 or parts[0] != _FORMAT or parts[1] != digest.encode() or not parts[2].isdigit():
        return None
    if hashlib.sha256(memoryview(data)[end + 1 :]).hexdigest().encode() != parts[3]:
        return None  # truncated or changed: rebuilt
    return data, end + 1, int(parts[2])


def _write(path: Path, data: bytes) -> None:
    """Stored for the next runs; a read-only or odd cache folder: the index serves from memory."""
    if write_atomic(path, data):
        remove_stale(path, "english-freq-*.txt")
