"""`checker kb build`: the public data sets -> `checker/data/kb/generated.json`.

Records of one name (the same normalised key of their display names) merge into one entry:
the best-ranked record gives the canonical spelling, the maker and the dates (see
`record.RANKS`), every record adds its ids as aliases. Dates that disagree beyond their
precision between data sets, or with the hand-written overlay, are conflicts: the entry keeps
the better-ranked date, names the other in its note, and the build lists every conflict
(printed, and written to the report file) instead of resolving it silently. The overlay
itself wins at load time (`checker.kb.index`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checker.extract.kb import Entry, PartialDate, bundled_paths, load_file
from checker.extract.names.keys import name_key
from checker.kb.record import SOURCE_INFO, Record
from checker.kb.sources import epoch, modelsdev

GENERATED_SCHEMA = 1

# name keys of a model's earlier public form ("Gemini 3.1 Flash Lite Preview")
PREVIEW_SUFFIXES = ("preview", "exp", "experimental", "beta")

# where each data set lives under shared/reference
REFERENCE_LAYOUT = {
    "models.dev": "anomalyco__models.dev",
    "epoch-notable": "sidx04__karma-police/notable_ai_models.csv",
    "epoch-all": "simsharmaa__INFSCI1520/all_ai_models.csv",
    "epoch-hardware": "joshyou__clod/ml_hardware.csv",
}


@dataclass(frozen=True)
class Conflict:
    name: str
    field: str
    kept: str  # "2025-01-20 (models.dev)"
    other: str

    def line(self) -> str:
        return f"{self.name}: {self.field} {self.kept} vs {self.other}"


def disagree(a: PartialDate, b: PartialDate) -> bool:
    """Two dates that cannot mean the same day at their precisions."""
    return a.latest() < b.earliest() or b.latest() < a.earliest()


def records_from_reference(root: Path) -> Iterator[Record]:
    """Every record of the data sets under `root` (shared/reference); absent sets are skipped."""
    tree = root / REFERENCE_LAYOUT["models.dev"]
    if tree.is_dir():
        yield from modelsdev.from_tree(tree)
    for dataset in ("epoch-notable", "epoch-all"):
        path = root / REFERENCE_LAYOUT[dataset]
        if path.is_file():
            yield from epoch.models(path.read_text(encoding="utf-8", errors="replace"), dataset)
    path = root / REFERENCE_LAYOUT["epoch-hardware"]
    if path.is_file():
        yield from epoch.hardware(path.read_text(encoding="utf-8", errors="replace"))


def _label(d: PartialDate, rec: Record) -> str:
    return f"{d} ({rec.dataset}: {rec.source})"


def _has_case(name: str) -> bool:
    return name != name.lower()


def merge(records: Iterable[Record], overlay: Iterable[Entry] = ()) -> tuple[list[dict[str, Any]], list[Conflict]]:
    """Generated entries (as JSON-ready dicts, sorted) and the conflicts found on the way."""
    groups: dict[str, list[Record]] = defaultdict(list)
    records = list(records)
    # an id-like display name ("claude-opus-4-7" on one host) joins the record whose id it is
    id_home: dict[str, str] = {}
    for rec in sorted(records, key=lambda r: r.rank):
        if _has_case(rec.name):
            for i in rec.ids:
                id_home.setdefault(name_key(i), name_key(rec.name))
    for rec in records:
        key = name_key(rec.name)
        if not _has_case(rec.name):
            key = id_home.get(key, key)
        if key:
            groups[key].append(rec)
    over_by_key: dict[str, Entry] = {}
    for e in overlay:
        for n in e.names:
            over_by_key.setdefault(name_key(n), e)
    conflicts: list[Conflict] = []
    canon_keys = set(groups)
    # an id spelled like another group's name belongs to that group, not to this one
    alias_owner: dict[str, str] = {}
    for key, recs in sorted(groups.items()):
        best = min(r.rank for r in recs)
        for r in recs:
            for i in r.ids:
                k = name_key(i)
                if k and k != key and k not in canon_keys:
                    prev = alias_owner.get(k)
                    if prev is None or best < min(x.rank for x in groups[prev]):
                        alias_owner[k] = key
    out: list[dict[str, Any]] = []
    for key, recs in sorted(groups.items()):
        recs.sort(key=lambda r: (r.rank, not _has_case(r.name), r.dataset, r.source))
        top = recs[0]
        name = top.name
        entry: dict[str, Any] = {"name": name, "kind": top.kind, "source": top.source, "origin": top.dataset}
        maker = next((r.maker for r in recs if r.maker), None)
        family = next((r.family for r in recs if r.family), None)
        if maker:
            entry["maker"] = maker
        if family:
            entry["family"] = family
        aliases = sorted(
            {i for r in recs for i in r.ids if alias_owner.get(name_key(i)) == key and i != name}
            | {r.name for r in recs if r.name != name and (name_key(r.name) == key or not _has_case(r.name))}
        )
        if aliases:
            entry["aliases"] = aliases
        notes: list[str] = []
        for field_name in ("released", "announced"):
            dated = [r for r in recs if getattr(r, field_name) is not None]
            if not dated:
                continue
            keep = dated[0]
            kept: PartialDate = getattr(keep, field_name)
            entry[field_name] = str(kept)
            for r in dated[1:]:
                other: PartialDate = getattr(r, field_name)
                if r.dataset != keep.dataset and disagree(kept, other):
                    conflicts.append(Conflict(name, field_name, _label(kept, keep), _label(other, r)))
                    notes.append(f"{r.dataset} says {field_name} {other}")
        ann, rel = entry.get("announced"), entry.get("released")
        if ann and rel and PartialDate.parse(ann).earliest() > PartialDate.parse(rel).latest():
            conflicts.append(Conflict(name, "announced-after-released", f"released {rel}", f"announced {ann}"))
            notes.append(f"announced {ann} dropped: after released {rel}")
            del entry["announced"]
        # a preview or experimental release of the same name came first: the entry's first
        # public date is the preview's (the lab's own date for the GA id is later)
        for suffix in PREVIEW_SUFFIXES:
            early = [r.released for r in groups.get(key + suffix, []) if r.released and r.rank <= 1]
            if early and entry.get("released"):
                first = min(early, key=lambda d: d.earliest())
                if first.latest() < PartialDate.parse(entry["released"]).earliest() and (
                    "announced" not in entry or PartialDate.parse(entry["announced"]).earliest() > first.latest()
                ):
                    entry["announced"] = str(first)
        hand = over_by_key.get(key)
        if hand is not None:
            for field_name in ("released", "announced"):
                mine, theirs = entry.get(field_name), getattr(hand, field_name)
                if mine and theirs and disagree(PartialDate.parse(mine), theirs):
                    conflicts.append(
                        Conflict(
                            name,
                            field_name,
                            f"{theirs} (overlay: {hand.origin.rsplit('/', 1)[-1]})",
                            f"{mine} ({top.dataset})",
                        )
                    )
        if notes:
            entry["note"] = "; ".join(dict.fromkeys(notes))
        out.append(entry)
    return out, conflicts


def horizon(entries: Iterable[dict[str, Any]]) -> str | None:
    """The newest date of the generated entries: what the data sets know up to."""
    dates = [PartialDate.parse(e[f]) for e in entries for f in ("released", "announced") if e.get(f)]
    return str(max(dates, key=lambda d: d.latest())) if dates else None


def build_document(
    records: Iterable[Record], version: str, datasets: Iterable[str]
) -> tuple[dict[str, Any], list[Conflict]]:
    overlay = [e for p in bundled_paths() for e in load_file(p)[0]]
    entries, conflicts = merge(records, overlay)
    doc = {
        "schema": GENERATED_SCHEMA,
        "version": version,
        "horizon": horizon(entries),
        "sources": {d: SOURCE_INFO[d] for d in sorted(set(datasets))},
        "entries": entries,
    }
    return doc, conflicts


def dump(doc: dict[str, Any]) -> str:
    """The generated file: one entry a line, so a rebuild's diff reads entry by entry."""
    head = {k: v for k, v in doc.items() if k != "entries"}
    lines = json.dumps(head, ensure_ascii=False, sort_keys=True)[:-1] + ', "entries": [\n'
    body = ",\n".join(json.dumps(e, ensure_ascii=False, sort_keys=True) for e in doc["entries"])
    return lines + body + "\n]}\n"


def generated_path() -> Path:
    from importlib import resources

    return Path(str(resources.files("checker") / "data" / "kb" / "generated.json"))


def build_from_reference(root: Path, version: str) -> tuple[dict[str, Any], list[Conflict]]:
    datasets = [d for d, rel in REFERENCE_LAYOUT.items() if (root / rel).exists()]
    return build_document(records_from_reference(root), version, datasets)
