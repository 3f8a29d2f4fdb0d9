"""`checker kb build|info|lookup|update`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

from checker.core.neutralise import for_stderr
from checker.extract.kb import KBError, KnowledgeBase, load_kb

EXIT_OK, EXIT_UNKNOWN, EXIT_ERROR = 0, 1, 2


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    kb = sub.add_parser("kb", help="build, inspect, query or refresh the knowledge base")
    act = kb.add_subparsers(dest="kb_command", metavar="ACTION", required=True)
    build = act.add_parser("build", help="regenerate the bundled KB from the public data sets (team use)")
    build.add_argument("--reference", metavar="DIR", default="../shared/reference", help="the data sets' folder")
    build.add_argument("--output", metavar="FILE", help="where to write (default: the package's generated.json)")
    build.add_argument("--report", metavar="FILE", help="the conflicts report (default: OUTPUT's .conflicts.txt)")
    build.add_argument("--version-date", metavar="YYYY-MM-DD", help="the data revision (default: the horizon)")
    info = act.add_parser("info", help="version, counts, horizon, licences, where the user copy lives")
    info.add_argument("--config", metavar="FILE", help="the configuration file (its knowledge-base files count)")
    lookup = act.add_parser("lookup", help="print the KB entry of each NAME as a JSON line (exit 1 if any unknown)")
    lookup.add_argument("names", nargs="+", metavar="NAME", help="product, model or paper names to look up")
    lookup.add_argument("--config", metavar="FILE", help="the configuration file (its knowledge-base files count)")
    update = act.add_parser("update", help="refresh the user copy from models.dev and Epoch AI (online)")
    update.add_argument("--config", metavar="FILE", help="the configuration file (reference URLs, cache folder)")


def cmd_kb(args: argparse.Namespace) -> int:
    if args.kb_command == "build":
        return _build(args)
    if args.kb_command == "update":
        return _update(args)
    from checker.core.config import load_config

    cfg = load_config(getattr(args, "config", None))
    try:
        kb = load_kb(cfg.knowledge_base)
    except (KBError, OSError) as exc:
        print(f"checker: error: knowledge-base: {for_stderr(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    if args.kb_command == "info":
        for line in info_lines(kb):
            print(line)
        return EXIT_OK
    return _lookup(kb, args.names)


def _build(args: argparse.Namespace) -> int:
    from checker.kb.build import build_from_reference, dump, generated_path

    root = Path(args.reference)
    if not root.is_dir():
        print(f"checker: error: no reference data at {for_stderr(str(root))}", file=sys.stderr)
        return EXIT_ERROR
    doc, conflicts = build_from_reference(root, args.version_date or "")
    if not args.version_date:
        doc["version"] = doc["horizon"] or ""
    out = Path(args.output) if args.output else generated_path()
    out.write_text(dump(doc), encoding="utf-8")
    report = Path(args.report) if args.report else out.with_suffix(".conflicts.txt")
    lines = [c.line() for c in conflicts]
    report.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    names = sum(1 + len(e.get("aliases", [])) for e in doc["entries"])
    for line in lines:
        print(f"conflict: {line}")
    print(f"checker: wrote {len(doc['entries'])} entries ({names} names) to {out}; {len(lines)} conflicts in {report}")
    return EXIT_OK


def _update(args: argparse.Namespace) -> int:
    from checker.core.config import load_config
    from checker.kb.index import user_copy
    from checker.kb.update import update
    from checker.references.settings import settings_from_config

    settings = settings_from_config(load_config(getattr(args, "config", None)))
    target = user_copy()
    count = update(settings, target, lambda line: print(f"checker: {for_stderr(line)}", file=sys.stderr))
    if count == 0:
        print("checker: error: no source answered; the knowledge base is unchanged", file=sys.stderr)
        return EXIT_ERROR
    kb = load_kb()
    entries = "1 entry" if count == 1 else f"{count} entries"
    print(f"checker: wrote {entries} to {target}; the knowledge base now ends at {kb.horizon}")
    return EXIT_OK


def info_lines(kb: KnowledgeBase) -> list[str]:
    from checker.kb.index import cache_dir, generated_file, user_copy

    kinds = Counter(e.kind for e in kb)
    origins = Counter(_origin(e.origin) for e in kb)
    names = sum(len(e.names) for e in kb)
    copy = user_copy()
    lines = [
        f"version: {kb.version}",
        f"entries: {len(kb)} ({names} names with aliases)",
        f"horizon: {kb.horizon.isoformat() if kb.horizon else 'unknown'} (newest date the data sets know)",
        "by kind: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()),
        "by source: " + ", ".join(f"{k} {n}" for k, n in origins.most_common()),
        f"bundled data: {generated_file()}",
        f"user copy: {copy}"
        + (
            f" (updated {dt.datetime.fromtimestamp(copy.stat().st_mtime).date()})"
            if copy.is_file()
            else " (none: run `checker kb update`)"
        ),
        f"compiled index: {cache_dir()}",
        "licences:",
    ]
    lines.append("  hand-written overlay: checker's own data (see NOTICE)")
    for name, meta in sorted(kb.sources.items()):
        lines.append(f"  {name}: {meta.get('licence', '?')}; {meta.get('attribution', '')}")
    return lines


def _origin(origin: str) -> str:
    return "overlay" if origin.endswith(".toml") else origin


def _lookup(kb: KnowledgeBase, names: list[str]) -> int:
    unknown = 0
    for name in names:
        entry = kb.lookup(name)
        if entry is None:
            unknown += 1
            print(json.dumps({"query": name, "known": False}, ensure_ascii=False))
            continue
        row = {
            "query": name,
            "known": True,
            "name": entry.name,
            "kind": entry.kind,
            "maker": entry.maker,
            "family": entry.family,
            "aliases": list(entry.aliases),
            "announced": str(entry.announced) if entry.announced else None,
            "released": str(entry.released) if entry.released else None,
            "source": entry.source,
            "origin": _origin(entry.origin),
        }
        if entry.note:
            row["note"] = entry.note
        print(json.dumps(row, ensure_ascii=False))
    return EXIT_UNKNOWN if unknown else EXIT_OK
