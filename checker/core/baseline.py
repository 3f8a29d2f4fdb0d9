"""Baseline files: the one reader, validator and (atomic) writer of the format.

    {"version": 1, "tool": "checker", "fingerprints": [{"fingerprint": ..., "rule": ..., "path": ...,
                                                         "line": ..., "text": ...}, ...]}

`checker check --baseline` reads it (a whole JSON report is accepted too: its findings and
suppressed findings), `--write-baseline` writes it, and the viewer's accept key edits it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from checker.core.files import atomic_write_text
from checker.core.model import Finding

Entry = dict[str, Any]
# the fields of an entry; a report's finding carries more, which a baseline does not keep
_FIELDS = ("fingerprint", "rule", "path", "line", "text")


class BaselineError(ValueError):
    """A baseline file that cannot be read or is not a baseline (a usage error, exit 2)."""


def read_entries(path: str) -> list[Entry]:
    """The entries of a baseline file (ours, or any checker JSON report)."""
    try:
        data: Any = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a readable JSON baseline ({exc})") from None
    items: Any
    if isinstance(data, dict) and isinstance(data.get("fingerprints"), list):
        items = data["fingerprints"]
    elif isinstance(data, dict) and isinstance(data.get("findings"), list):
        items = [*data["findings"], *data.get("suppressed", [])]
    else:
        raise BaselineError(f"{path}: no 'fingerprints' or 'findings' list")
    out: list[Entry] = []
    for item in items:
        if isinstance(item, str):
            out.append({"fingerprint": item})
        elif isinstance(item, dict) and isinstance(item.get("fingerprint"), str):
            out.append({k: item[k] for k in _FIELDS if k in item})
    return out


def read_baseline(path: str) -> set[str]:
    """The fingerprints of a baseline file."""
    return {str(e["fingerprint"]) for e in read_entries(path)}


def entry(f: Finding) -> Entry:
    return {"fingerprint": f.fingerprint, "rule": f.rule, "path": f.path, "line": f.location.line, "text": f.text[:200]}


def _order(e: Entry) -> tuple[str, int, str, str]:
    return (str(e.get("path", "")), int(e.get("line", 0)), str(e.get("rule", "")), str(e["fingerprint"]))


def write_entries(path: str, entries: Iterable[Entry]) -> int:
    """Write the entries in a stable order; returns how many were written."""
    ordered = sorted(entries, key=_order)
    body = json.dumps({"version": 1, "tool": "checker", "fingerprints": ordered}, ensure_ascii=False, indent=2)
    # write then rename: a baseline is never left half-written (an editor's, or CI's)
    atomic_write_text(path, body + "\n")
    return len(ordered)


def write_baseline(path: str, findings: Iterable[Finding]) -> int:
    return write_entries(path, (entry(f) for f in findings))


class BaselineFile:
    """The accepted fingerprints of the viewer, kept in a baseline file.

    Entries already there are kept as they are; a file that is a whole JSON report is
    converted to the entry format on the first write. A missing file starts empty.
    """

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.entries: list[Entry] = []
        if path and Path(path).exists():
            self.entries = read_entries(path)

    @property
    def fingerprints(self) -> set[str]:
        return {str(e["fingerprint"]) for e in self.entries}

    def toggle(self, f: Finding) -> bool:
        """Accept `f`, or take it back when it was accepted; True when it is now accepted."""
        if not self.path:
            raise ValueError("no baseline file: start the viewer with --baseline FILE")
        accepted = f.fingerprint in self.fingerprints
        if accepted:
            self.entries = [e for e in self.entries if e["fingerprint"] != f.fingerprint]
        else:
            self.entries.append(entry(f))
        write_entries(self.path, self.entries)
        return not accepted
