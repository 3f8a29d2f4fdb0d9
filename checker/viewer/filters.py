"""The viewer's findings list without a terminal: facets, text search, grouping, short paths."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from checker.core.model import Finding, Severity
from checker.reports.terminal import line_order

GROUPINGS = ("file", "rule", "severity")


@dataclass
class Filters:
    """Facets (an empty set means "any") and a case-insensitive text search."""

    severities: set[str] = field(default_factory=set)
    rules: set[str] = field(default_factory=set)
    paths: set[str] = field(default_factory=set)
    query: str = ""

    def active(self) -> bool:
        return bool(self.severities or self.rules or self.paths or self.query)

    def describe(self) -> str:
        parts = [
            *(f"severity={s}" for s in sorted(self.severities)),
            *(f"rule={r}" for r in sorted(self.rules)),
            *(f"file={Path(p).name}" for p in sorted(self.paths)),
        ]
        if self.query:
            parts.append(f"/{self.query}")
        return " ".join(parts)


def searchable(f: Finding) -> str:
    """What the text search looks through: everything the list and the evidence pane show."""
    parts = [f.path, f.rule, f.severity.label, f.message, f.text, f.suggestion or ""]
    parts.extend(f"{e.kind} {e.detail} {e.document or e.path or ''} {e.url or ''}" for e in f.evidence)
    return "\n".join(parts).casefold()


def apply_filters(findings: Iterable[Finding], filters: Filters) -> list[Finding]:
    query = filters.query.casefold().strip()
    out = []
    for f in findings:
        if filters.severities and f.severity.label not in filters.severities:
            continue
        if filters.rules and f.rule not in filters.rules:
            continue
        if filters.paths and f.path not in filters.paths:
            continue
        if query and query not in searchable(f):
            continue
        out.append(f)
    return out


def group_key(f: Finding, grouping: str) -> str:
    if grouping == "rule":
        return f.rule
    if grouping == "severity":
        return f.severity.label
    return f.path


def grouped(findings: list[Finding], grouping: str) -> list[tuple[str, list[Finding]]]:
    """Groups in a stable order: files by path, rules by id, severities most severe first;
    in a group, findings by path and line (a saved report's findings have no offsets until
    their file is read, so offsets would order them by rule)."""
    groups: dict[str, list[Finding]] = {}
    for f in sorted(findings, key=line_order):
        groups.setdefault(group_key(f, grouping), []).append(f)
    if grouping == "severity":
        order = [s.label for s in sorted(Severity, reverse=True)]
        return [(k, groups[k]) for k in order if k in groups]
    return sorted(groups.items())


def common_dir(paths: Iterable[str]) -> str:
    """The folder all paths share, so that the list shows what tells files apart."""
    dirs = [Path(p).parent.parts for p in paths]
    if not dirs:
        return ""
    shared = dirs[0]
    for parts in dirs[1:]:
        n = 0
        while n < min(len(shared), len(parts)) and shared[n] == parts[n]:
            n += 1
        shared = shared[:n]
    return str(Path(*shared)) if shared else ""


def short_path(path: str, root: str) -> str:
    if root and path.startswith(root.rstrip("/") + "/"):
        return path[len(root.rstrip("/")) + 1 :]
    return path
