"""The knowledge base (KB): names of the AI field, with makers, aliases and dates.

Bundled data lives in `checker/data/kb/*.toml` (hand-written from public facts, one
source URL per entry); users add their own files with the config key
`knowledge-base = ["my-kb.toml"]`, in the same format (docs/knowledge-base.md).

File format (schema 1)::

    schema = 1
    version = "2026-11-23"          # data revision of this file

    [[group]]                       # shared fields for a run of entries
    maker = "OpenAI"
    kind = "model"
    family = "GPT"
    source = "https://en.wikipedia.org/wiki/GPT-4"
    entries = [
      { name = "GPT-4", released = "2023-03-14" },
      { name = "GPT-4o", aliases = ["GPT 4o"], released = "2024-05-13" },
    ]

    [[entry]]                       # a single entry with all its fields
    name = "Hopper"
    kind = "architecture"
    ...

Dates are strings "YYYY", "YYYY-MM" or "YYYY-MM-DD": the precision the writer was sure
of. An entry of a user file replaces a bundled entry with the same name key.

Rules reach the KB with `get_kb(ctx)`: it is loaded once per run and cached on
`ctx.services["kb"]`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from checker.core.model import Evidence
from checker.extract.names.keys import name_key, name_tokens
from checker.text.lazy_regex import lazy_compile

if TYPE_CHECKING:
    from checker.core.rule import RunContext

SCHEMA_VERSION = 1

KINDS = frozenset(
    {
        "company",  # companies, labs, institutes, foundations
        "model",  # one model or model version (GPT-4o, DeepSeek-R1)
        "model-family",  # a family of models (GPT, Claude, Qwen)
        "chip",  # a processor or accelerator part (H100, MI300X, Ascend 910)
        "architecture",  # a chip architecture or platform generation (Hopper, Blackwell)
        "system",  # a machine or rack system (DGX, GB200 NVL72)
        "framework",  # ML frameworks and libraries (PyTorch, vLLM, LangChain)
        "software",  # other software, tools, protocols, operating systems
        "product",  # end-user products, apps and services (ChatGPT, Cursor)
        "device",  # consumer devices and robots
        "benchmark",
        "paper",
        "person",
    }
)

_ENTRY_KEYS = frozenset({"name", "kind", "maker", "family", "aliases", "announced", "released", "source", "note"})
_GROUP_KEYS = frozenset({"maker", "kind", "family", "source", "note", "entries"})
_DATE = lazy_compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_URL = lazy_compile(r"^https?://[^\s/$.?#][^\s]*$")

Precision = Literal["year", "month", "day"]


class KBError(ValueError):
    """A KB file that cannot be read or does not follow the schema; names file and entry."""

    def __init__(self, path: str, where: str, reason: str) -> None:
        super().__init__(f"{path}: {where}: {reason}" if where else f"{path}: {reason}")
        self.path = path
        self.where = where
        self.reason = reason


# PartialDate and Entry are plain slotted dataclasses hashed by value (unsafe_hash), as the core
# value types (checker/core/model.py): a frozen one sets each field through object.__setattr__,
# and every run builds ~3,500 entries from the compiled index (entries_of: 22 -> 15 ms CPU).
# No code assigns to them once built; treat them as immutable.
@dataclass(slots=True, unsafe_hash=True)
class PartialDate:
    """A date known to a precision: 2024, 2024-05 or 2024-05-13."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: Any) -> PartialDate:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return cls(value.year, value.month, value.day)
        if not isinstance(value, str):
            raise ValueError(f"date must be a string YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
        m = _DATE.match(value.strip())
        if not m:
            raise ValueError(f"date must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
        year, month, day = int(m[1]), int(m[2]) if m[2] else None, int(m[3]) if m[3] else None
        if month is not None and day is not None:
            dt.date(year, month, day)  # raises ValueError for 2025-02-30
        elif month is not None and not 1 <= month <= 12:
            raise ValueError(f"bad month in {value!r}")
        return cls(year, month, day)

    @property
    def precision(self) -> Precision:
        return "day" if self.day else "month" if self.month else "year"

    def earliest(self) -> dt.date:
        """The first day this date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> dt.date:
        """The last day this date can mean."""
        if self.day:
            return dt.date(self.year, self.month or 1, self.day)
        if self.month:
            nxt = dt.date(self.year + (self.month == 12), self.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(self.year, 12, 31)

    def __str__(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"


@dataclass(slots=True, unsafe_hash=True)
class Entry:
    """One thing the KB knows. `names` is the canonical name followed by its aliases."""

    name: str
    kind: str
    source: str
    maker: str | None = None
    family: str | None = None
    aliases: tuple[str, ...] = ()
    announced: PartialDate | None = None
    released: PartialDate | None = None
    note: str | None = None
    origin: str = ""  # the file it came from

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def key(self) -> str:
        return name_key(self.name)

    @property
    def first_date(self) -> PartialDate | None:
        """The earliest known public date (announcement, else release)."""
        return self.announced or self.released

    def evidence(self, detail: str | None = None) -> Evidence:
        """This entry as finding evidence."""
        dates = ", ".join(
            f"{label} {d}" for label, d in (("announced", self.announced), ("released", self.released)) if d
        )
        text = detail or f"knowledge base: {self.name} ({self.kind}{', ' + self.maker if self.maker else ''})"
        if dates and detail is None:
            text += f"; {dates}"
        return Evidence("knowledge-base", text, url=self.source, value=self.name)


class KnowledgeBase:
    """Entries indexed by the normalised keys of their names and aliases."""

    def __init__(self, entries: Iterable[Entry], version: str = "") -> None:
        self.version = version
        # the newest date the data sets know (None: unknown): a document dated later may
        # name things the KB cannot know yet
        self.horizon: dt.date | None = None
        self.sources: dict[str, Any] = {}  # data set -> {licence, attribution, url}
        # the compiled index's key while the entries are exactly that index's (checker.kb.derived
        # stores what it derives under it); any entry added after makes it None
        self.content_key: str | None = None
        self._entries: list[Entry] = []
        self._by_key: dict[str, list[Entry]] = {}
        for e in entries:
            self.add(e)

    def add(self, entry: Entry) -> None:
        """Add an entry; an entry whose canonical name key is taken replaces the old one."""
        self.content_key = None
        old = self.get_canonical(entry.name)
        if old is not None:
            self._entries.remove(old)
            for n in old.names:
                bucket = self._by_key.get(name_key(n), [])
                if old in bucket:
                    bucket.remove(old)
        self._entries.append(entry)
        for n in entry.names:
            bucket = self._by_key.setdefault(name_key(n), [])
            # canonical names before aliases, so "Gemini" finds the family, not an alias
            if name_key(n) == entry.key:
                bucket.insert(0, entry)
            else:
                bucket.append(entry)

    @classmethod
    def from_keyed(cls, rows: Iterable[tuple[Entry, list[str]]], version: str = "") -> KnowledgeBase:
        """A KB from entries whose names' keys are already computed (the compiled index);
        entries come without duplicates of canonical names."""
        kb = cls([], version)
        by_key = kb._by_key
        for entry, keys in rows:
            kb._entries.append(entry)
            own = keys[0] if keys else ""
            for k in dict.fromkeys(keys):
                bucket = by_key.setdefault(k, [])
                if k == own:
                    bucket.insert(0, entry)
                else:
                    bucket.append(entry)
        return kb

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries)

    def get_canonical(self, name: str) -> Entry | None:
        for e in self._by_key.get(name_key(name), []):
            if e.key == name_key(name):
                return e
        return None

    def lookup(self, name: str) -> Entry | None:
        """The entry whose name or alias has the key of `name`, else None."""
        found = self._by_key.get(name_key(name))
        return found[0] if found else None

    def lookup_all(self, name: str) -> list[Entry]:
        return list(self._by_key.get(name_key(name), []))

    def knows(self, name: str) -> bool:
        return name_key(name) in self._by_key and bool(self._by_key[name_key(name)])

    def knows_key(self, key: str) -> bool:
        return bool(self._by_key.get(key))

    def all_names(self) -> list[tuple[str, Entry]]:
        """Every (name or alias, entry) pair, canonical names first."""
        out = [(e.name, e) for e in self._entries]
        out.extend((a, e) for e in self._entries for a in e.aliases)
        return out

    def all_keys(self) -> set[str]:
        return {k for k, v in self._by_key.items() if v}

    def family_prefix(self, name: str) -> Entry | None:
        """The longest KB name that the name begins with, token by token.

        "Qwen2.5-VL-72B-Instruct" -> the entry of "Qwen2.5-VL" (or "Qwen2.5", or "Qwen").
        """
        tokens = name_tokens(name)
        for n in range(len(tokens) - 1, 0, -1):
            hit = self._by_key.get(name_key("".join(tokens[:n])))
            if hit:
                return hit[0]
        return None


# --- loading --------------------------------------------------------------------------------------


def bundled_paths() -> list[Path]:
    """The KB files shipped with checker, in name order (deterministic)."""
    folder = resources.files("checker") / "data" / "kb"
    return sorted(Path(str(p)) for p in folder.iterdir() if p.name.endswith(".toml"))


def load_file(path: Path | str) -> tuple[list[Entry], str]:
    """Entries of one KB file and its data version. Raises KBError on any schema violation."""
    import tomllib  # here: a run reads the compiled index, not the TOML files

    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except OSError as exc:
        raise KBError(str(p), "", exc.strerror or str(exc)) from None
    except tomllib.TOMLDecodeError as exc:
        raise KBError(str(p), "", f"not valid TOML: {exc}") from None
    return parse_data(data, str(p))


def parse_data(data: Mapping[str, Any], origin: str) -> tuple[list[Entry], str]:
    unknown = set(data) - {"schema", "version", "group", "entry"}
    if unknown:
        raise KBError(origin, "", f"unknown top-level keys {sorted(unknown)} (schema, version, group, entry)")
    if data.get("schema") != SCHEMA_VERSION:
        raise KBError(origin, "schema", f"must be {SCHEMA_VERSION}, not {data.get('schema')!r}")
    version = data.get("version", "")
    if not isinstance(version, str):
        raise KBError(origin, "version", "must be a string")
    entries: list[Entry] = []
    for gi, group in enumerate(_table_list(data, "group", origin)):
        where = f"group {gi + 1}"
        _check_keys(group, _GROUP_KEYS, origin, where)
        defaults = {k: v for k, v in group.items() if k != "entries"}
        raw_entries = group.get("entries")
        if not isinstance(raw_entries, list) or not raw_entries:
            raise KBError(origin, where, "needs a non-empty list `entries`")
        for ei, raw in enumerate(raw_entries):
            if not isinstance(raw, dict):
                raise KBError(origin, f"{where} entry {ei + 1}", "must be a table")
            label = f"{where} entry {ei + 1} ({raw.get('name', '?')})"
            entries.append(_make_entry({**defaults, **raw}, origin, label))
    for ei, raw in enumerate(_table_list(data, "entry", origin)):
        entries.append(_make_entry(raw, origin, f"entry {ei + 1} ({raw.get('name', '?')})"))
    return entries, version


def _table_list(data: Mapping[str, Any], key: str, origin: str) -> list[dict[str, Any]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise KBError(origin, key, "must be an array of tables ([[" + key + "]])")
    return value


def _check_keys(raw: Mapping[str, Any], allowed: frozenset[str], origin: str, where: str) -> None:
    unknown = set(raw) - allowed
    if unknown:
        raise KBError(origin, where, f"unknown keys {sorted(unknown)} (allowed: {', '.join(sorted(allowed))})")


def _make_entry(raw: Mapping[str, Any], origin: str, where: str) -> Entry:
    _check_keys(raw, _ENTRY_KEYS, origin, where)

    def text(key: str, *, required: bool = False) -> str | None:
        value = raw.get(key)
        if value is None:
            if required:
                raise KBError(origin, where, f"missing `{key}`")
            return None
        if not isinstance(value, str) or not value.strip():
            raise KBError(origin, where, f"`{key}` must be a non-empty string")
        return value.strip()

    name = text("name", required=True)
    kind = text("kind", required=True)
    source = text("source", required=True)
    assert name is not None and kind is not None and source is not None
    if kind not in KINDS:
        raise KBError(origin, where, f"unknown kind {kind!r} (one of {', '.join(sorted(KINDS))})")
    if not _URL.match(source):
        raise KBError(origin, where, f"`source` must be an http(s) URL, not {source!r}")
    aliases = raw.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise KBError(origin, where, "`aliases` must be a list of non-empty strings")
    dates: dict[str, PartialDate | None] = {}
    for key in ("announced", "released"):
        try:
            dates[key] = PartialDate.parse(raw[key]) if key in raw else None
        except ValueError as exc:
            raise KBError(origin, where, f"`{key}`: {exc}") from None
    ann, rel = dates["announced"], dates["released"]
    if ann and rel and ann.earliest() > rel.latest():
        raise KBError(origin, where, f"announced {ann} is after released {rel}")
    if not name_key(name):
        raise KBError(origin, where, "name has no letters or digits")
    return Entry(
        name=name,
        kind=kind,
        source=source,
        maker=text("maker"),
        family=text("family"),
        aliases=tuple(dict.fromkeys(a.strip() for a in aliases if a.strip() != name)),
        announced=ann,
        released=rel,
        note=text("note"),
        origin=origin,
    )


def load_kb(extra_paths: Iterable[str | Path] = (), *, bundled: bool = True) -> KnowledgeBase:
    """The bundled KB (generated data, the `checker kb update` copy and the hand-written
    overlay, compiled once: checker.kb.index), then the user's files (whose entries win on
    equal names)."""
    compiled = load_compiled(bundled=bundled)
    kb = KnowledgeBase.from_keyed(entries_of(compiled))
    kb.horizon = horizon_date(compiled.get("horizon"))
    kb.sources = dict(compiled.get("sources") or {})
    key = compiled.get("key")
    kb.content_key = key if isinstance(key, str) else None  # kb.add below makes it None
    versions: list[str] = [compiled["version"]] if compiled.get("version") else []
    for path in (Path(p) for p in extra_paths):
        entries, version = load_file(path)
        if version:
            versions.append(version)
        for e in entries:
            kb.add(e)
    kb.version = max(versions) if versions else ""
    return kb


# --- the compiled index (generated data + user copy + overlay; stored by checker.kb.index) --------

INDEX_FORMAT = 2  # bump when the compiled layout or the merge changes
_FIELDS = ("name", "kind", "source", "maker", "family", "aliases", "announced", "released", "note", "origin")


def read_generated(raw: bytes, origin: str) -> tuple[list[Entry], dict[str, Any]]:
    """Entries and header of a generated file; KBError when it is not one."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise KBError(origin, "", f"not valid JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise KBError(origin, "", "not a generated KB file (no `entries` list)")
    items: list[dict[str, Any]] = []
    origins: list[str] = []
    for e in data["entries"]:
        if isinstance(e, dict):
            items.append({k: v for k, v in e.items() if k in _FIELDS and k != "origin"})
            origins.append(str(e["origin"]) if isinstance(e.get("origin"), str) else origin)
    entries, _ = parse_data({"schema": SCHEMA_VERSION, "version": str(data.get("version", "")), "entry": items}, origin)
    out = [_with_origin(e, o) for e, o in zip(entries, origins, strict=True)]
    header = {k: v for k, v in data.items() if k != "entries"}
    return out, header


def _with_origin(e: Entry, origin: str) -> Entry:
    return Entry(e.name, e.kind, e.source, e.maker, e.family, e.aliases, e.announced, e.released, e.note, origin)


def merge_layers(generated: Iterable[Entry], overlay: Iterable[Entry]) -> list[Entry]:
    """Generated entries (later ones win on equal names) under the overlay (see the module doc)."""
    gen: dict[str, Entry] = {}
    for e in generated:
        old = gen.get(e.key)
        if old is not None:  # an update's entry replaces the bundled one and keeps its ids
            e = _with_aliases(e, old.names)
        gen[e.key] = e
    by_key: dict[str, str] = {}
    for e in gen.values():
        for n in e.names:
            by_key.setdefault(name_key(n), e.key)
    overlay = list(overlay)
    claimed = {name_key(n) for e in overlay for n in e.names}
    out_over: list[Entry] = []
    for e in overlay:
        taken = {by_key[k] for k in (name_key(n) for n in e.names) if k in by_key}
        extra: list[str] = []
        for gk in sorted(taken):
            g = gen.pop(gk, None)
            if g is not None:
                extra.extend(n for n in g.names if name_key(n) not in claimed)
        out_over.append(_with_aliases(e, extra) if extra else e)
    return [*gen.values(), *out_over]


def _with_aliases(e: Entry, more: Iterable[str]) -> Entry:
    own = {name_key(n) for n in e.names}
    add = [n for n in dict.fromkeys(more) if name_key(n) not in own and not own.add(name_key(n))]  # type: ignore[func-returns-value]
    return Entry(
        e.name, e.kind, e.source, e.maker, e.family, (*e.aliases, *add), e.announced, e.released, e.note, e.origin
    )


def _date(d: PartialDate | None) -> str | None:
    return str(d) if d else None


def compile_layers(inputs: list[tuple[str, bytes]]) -> dict[str, Any]:
    """The compiled index of the given files (generated JSON first, then TOML overlay)."""
    generated: list[Entry] = []
    overlay: list[Entry] = []
    versions: list[str] = []
    horizons: list[str] = []
    sources: dict[str, Any] = {}
    for origin, raw in inputs:
        if origin.endswith(".json"):
            entries, header = read_generated(raw, origin)
            generated.extend(entries)
            if isinstance(header.get("horizon"), str):
                horizons.append(header["horizon"])
            if isinstance(header.get("sources"), dict):
                sources.update(header["sources"])
            version = str(header.get("version", ""))
        else:
            import tomllib  # here: only when the index is compiled

            try:
                data = tomllib.loads(raw.decode("utf-8"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                raise KBError(origin, "", f"not valid TOML: {exc}") from None
            entries, version = parse_data(data, origin)
            overlay.extend(entries)
        if version:
            versions.append(version)
    merged = merge_layers(generated, overlay)
    rows = []
    for e in merged:
        row = [
            e.name,
            e.kind,
            e.source,
            e.maker,
            e.family,
            list(e.aliases),
            _date(e.announced),
            _date(e.released),
            e.note,
            e.origin,
        ]
        rows.append([row, [name_key(n) for n in e.names]])
    return {
        "format": INDEX_FORMAT,
        "version": max(versions) if versions else "",
        "horizon": max(horizons, key=lambda h: PartialDate.parse(h).latest()) if horizons else None,
        "sources": sources,
        "rows": rows,
    }


def inputs(*, bundled: bool = True) -> list[tuple[str, bytes]]:
    """The files the compiled KB is made of, with their bytes (the cache key)."""
    from checker.kb.index import generated_file, user_copy

    paths: list[Path] = []
    if bundled:
        gen = generated_file()
        if gen.is_file():
            paths.append(gen)
        if user_copy().is_file():
            paths.append(user_copy())
        paths.extend(bundled_paths())
    out = []
    for p in paths:
        try:
            out.append((str(p), p.read_bytes()))
        except OSError as exc:
            raise KBError(str(p), "", exc.strerror or str(exc)) from None
    return out


def load_compiled(*, bundled: bool = True) -> dict[str, Any]:
    """The compiled index: from the cache when its key matches, else compiled and stored."""
    from checker.kb.index import read_cached, store

    files = inputs(bundled=bundled)
    digest = hashlib.sha256(f"{INDEX_FORMAT}".encode())
    for origin, raw in files:
        digest.update(Path(origin).name.encode() + b"\0" + hashlib.sha256(raw).digest())
    key = digest.hexdigest()[:32]
    cached = read_cached(key)
    if cached is not None and cached.get("format") == INDEX_FORMAT:
        cached["key"] = key  # (not stored: the file name holds it)
        return cached
    data = compile_layers(files)
    store(key, data)
    data["key"] = key
    return data


def entries_of(data: dict[str, Any]) -> list[tuple[Entry, list[str]]]:
    """The compiled rows as entries with their stored name keys."""
    out = []
    # 1,983 dates but 1,087 distinct: each parsed once (never assigned to, so shared safely)
    dates: dict[str, PartialDate] = {}

    def date(value: str) -> PartialDate:
        got = dates.get(value)
        if got is None:
            got = dates[value] = PartialDate.parse(value)
        return got

    for row, keys in data["rows"]:
        name, kind, source, maker, family, aliases, ann, rel, note, origin = row
        out.append(
            (
                Entry(
                    name,
                    kind,
                    source,
                    maker,
                    family,
                    tuple(aliases),
                    date(ann) if ann else None,
                    date(rel) if rel else None,
                    note,
                    origin,
                ),
                keys,
            )
        )
    return out


def horizon_date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return PartialDate.parse(value).latest()
    except ValueError:
        return None


def get_kb(ctx: RunContext) -> KnowledgeBase:
    """The run's KB: bundled data plus the config's `knowledge-base` files, loaded once."""
    if ctx.services.kb is not None:
        return ctx.services.kb
    cfg = ctx.services.config
    extra = list(cfg.knowledge_base) if cfg is not None else []
    kb = load_kb(extra)
    ctx.services.kb = kb
    return kb


# --- online verification hook (filled by checker.references, issue 5) -----------------------------

VerifyStatus = Literal["found", "not-found", "unknown"]


@dataclass(unsafe_hash=True)
class Verification:
    """What an online verifier says about a name: found, not found, or could not tell."""

    status: VerifyStatus
    evidence: tuple[Evidence, ...] = ()
    canonical: str | None = None  # the name as the reference source spells it, when found


@dataclass(unsafe_hash=True)
class NameQuery:
    """What name.unverified asks an online verifier about."""

    name: str
    context: str = ""  # the sentence it stands in
    kind_hint: str | None = None  # "model", "chip", "software", ... when the shape says so
    document_date: dt.date | None = None
    extra: dict[str, Any] = field(default_factory=dict)


NameVerifier = Callable[[NameQuery], Verification]


def get_name_verifier(ctx: RunContext) -> NameVerifier | None:
    """The online verifier registered as `ctx.services["name_verifier"]`, when online."""
    if not ctx.online:
        return None
    verifier = ctx.services.name_verifier
    return verifier if callable(verifier) else None
