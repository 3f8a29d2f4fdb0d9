"""The command-line side of the reference services: `checker cache info|clear`, and the
services an `--online` run puts into the run context."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from checker.core.config import Config, load_config
from checker.core.services import Services
from checker.references.settings import ReferenceSettings, settings_from_config


def services_for_run(cfg: Config, *, online: bool, quiet: bool, into: Services) -> None:
    """Validate `[references]` (always, so a typo fails offline runs too) and, for
    --online runs, put the reference services into `into` (the run's services)."""
    settings = settings_from_config(cfg)
    if not online:
        return
    # imported here: an offline run never loads the HTTP stack (requests, urllib3)
    from checker.references.progress import progress_factory
    from checker.references.services import build_services

    built = build_services(settings, progress_factory(quiet=quiet))
    into.references = built["references"]
    into.name_verifier = built["name_verifier"]


def print_summary(services: Services, stream: TextIO | None = None) -> None:
    """One line on stderr: what went over the wire and what the cache answered."""
    from checker.references.services import ReferenceServices

    refs = services.references
    if not isinstance(refs, ReferenceServices):
        return
    stats = refs.http.stats
    out = stream or sys.stderr
    print(f"checker: online look-ups: {stats.requests} requests, {stats.cache_hits} answered from the cache", file=out)


def cmd_cache(args: argparse.Namespace) -> int:
    """`checker cache info` / `checker cache clear`."""
    settings = settings_from_config(load_config(getattr(args, "config", None)))
    path = settings.cache_path()
    if args.action == "clear":
        removed = clear_cache(path)
        print(f"checker: removed {removed} cached answers ({path})" if removed >= 0 else f"checker: no cache at {path}")
        return 0
    for line in cache_info(settings):
        print(line)
    return 0


def clear_cache(path: Path) -> int:
    """Delete the cache file (and SQLite's side files); the number of answers it held, -1 if none."""
    if not path.exists():
        return -1
    count = _entries(path)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return count


def _entries(path: Path) -> int:
    import sqlite3

    try:
        with sqlite3.connect(path) as conn:
            return int(conn.execute("select count(*) from responses").fetchone()[0])
    except sqlite3.Error:
        return 0


def cache_info(settings: ReferenceSettings) -> list[str]:
    path = settings.cache_path()
    if not path.exists():
        return [f"cache: {path} (empty: no online run yet)"]
    from requests_cache.backends.sqlite import SQLiteCache

    from checker.references.cache import SERIALIZER, probe

    reason = probe(path)
    if reason is not None:
        return [f"cache: {path} ({reason}: runs go without it)"]
    cache = SQLiteCache(str(path), serializer=SERIALIZER)  # never the default pickle
    hosts: Counter[str] = Counter()
    expired = 0
    now = dt.datetime.now(dt.UTC)
    oldest: dt.datetime | None = None
    for response in cache.responses.values():
        if response is None:  # an entry that is not JSON (an old pickled one): never decoded
            continue
        hosts[(urlsplit(response.url).netloc or "?").lower()] += 1
        expires = response.expires
        if expires is not None and expires.replace(tzinfo=expires.tzinfo or dt.UTC) < now:
            expired += 1
        created = response.created_at
        if created is not None and (oldest is None or created < oldest):
            oldest = created
    total = sum(hosts.values())
    size = path.stat().st_size
    lines = [
        f"cache: {path}",
        f"size: {size / 1024:.1f} KiB, {total} answers ({expired} expired)",
    ]
    if oldest is not None:
        lines.append(f"oldest answer: {oldest.isoformat(timespec='seconds')}")
    lines.append("expiry (days): " + ", ".join(f"{k} {v:g}" for k, v in sorted(settings.expire_days.items())))
    for host, n in hosts.most_common(15):
        lines.append(f"  {n:6d}  {host}")
    return lines
