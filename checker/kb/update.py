"""`checker kb update`: refresh the user copy from the sources, online, on request only.

Everything goes through the project's one HTTP session (`checker.references.http`: SSRF
guard, retries, deadlines, body cap, cache). Base URLs come from `[references]`
(`modelsdev`, `epoch`). A source that does not answer keeps nothing of its own; the copy
holds what did answer, and the bundled data stays under it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

from checker.kb.build import build_document, dump
from checker.kb.record import Record
from checker.kb.sources import epoch, modelsdev
from checker.references.http import HttpClient
from checker.references.settings import ReferenceSettings

# paths under the configured base URLs
MODELSDEV_PATH = "/api.json"
EPOCH_PATHS = {
    "epoch-notable": "/data/epochdb/notable_ai_models.csv",
    "epoch-all": "/data/epochdb/all_ai_models.csv",
    "epoch-hardware": "/data/machine_learning_hardware.csv",
}
MAX_BODY = 64 * 1024 * 1024  # api.json and the CSVs are several MB; the default cap is for look-ups
DEADLINE = 120.0


def fetch_records(settings: ReferenceSettings, say: Callable[[str], None]) -> tuple[list[Record], list[str]]:
    """Records of every source that answered, and the data sets they came from."""
    settings = dataclasses.replace(
        settings,
        max_body=max(settings.max_body, MAX_BODY),
        deadline=max(settings.deadline, DEADLINE),
        run_deadline=max(settings.run_deadline, DEADLINE * 4),
    )
    client = HttpClient(settings)
    records: list[Record] = []
    datasets: list[str] = []
    try:
        url = settings.base("modelsdev") + MODELSDEV_PATH
        got = client.get(url, refresh=True)
        data = got.json() if got.ok else None
        found = list(modelsdev.from_api(data)) if isinstance(data, dict) else []
        say(f"{url}: {got.describe()}, {len(found)} records")
        if found:
            records.extend(found)
            datasets.append("models.dev")
        for dataset, path in EPOCH_PATHS.items():
            url = settings.base("epoch") + path
            got = client.get(url, refresh=True)
            text = got.text() if got.ok else ""
            rows = list(epoch.hardware(text) if dataset == "epoch-hardware" else epoch.models(text, dataset))
            say(f"{url}: {got.describe()}, {len(rows)} records")
            if rows:
                records.extend(rows)
                datasets.append(dataset)
    finally:
        client.close()
    return records, datasets


def update(settings: ReferenceSettings, target: Path, say: Callable[[str], None]) -> int:
    """Fetch, build and write the user copy; the number of entries written (0: nothing answered)."""
    records, datasets = fetch_records(settings, say)
    if not records:
        return 0
    doc, conflicts = build_document(records, dt.date.today().isoformat(), datasets)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    tmp.write_text(dump(doc), encoding="utf-8")
    tmp.replace(target)
    (target.parent / "update-conflicts.json").write_text(
        json.dumps([dataclasses.asdict(c) for c in conflicts], ensure_ascii=False, indent=1), encoding="utf-8"
    )
    return len(doc["entries"])
