"""Run a rule over in-memory documents through the real loader and engine."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from checker.core.archive import Archive
from checker.core.config import Config
from checker.core.engine import Engine, Report, RunOptions, load_inputs
from checker.extract.prose import ProseLine
from checker.input.documents import Document, Segment
from checker.native import choose_build

FIXTURE_DIR = Path(__file__).parent / "rules"


def interpreted_only(module: str) -> pytest.MarkDecorator:
    """Skip a test that counts calls of `module`'s functions through monkeypatch where mypyc
    compiled that module: its own callers then call the compiled function directly, past the patch
    (the pure build, `CHECKER_PURE_PYTHON=1`, still runs the test)."""
    compiled = module in choose_build().compiled
    return pytest.mark.skipif(compiled, reason=f"{module} is compiled: monkeypatch does not reach its callers")


def one_document(tmp_path: Path, text: str, name: str = "a.md") -> Document:
    """`text` written to `tmp_path/name` and read by the real loader, as a run would."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    docs, errors = load_inputs([str(path)], Config(root=tmp_path))
    assert not errors
    return docs[0]


def prose_lines(*texts: str) -> list[ProseLine]:
    """Prose lines of these texts, for the line gates (their segment is never read there)."""
    seg = Segment.__new__(Segment)
    return [ProseLine(t, seg, 0, len(t)) for t in texts]


@dataclass
class Case:
    rule: str
    name: str
    documents: list[dict[str, str]]
    archive: list[dict[str, str]] = field(default_factory=list)
    expect: list[dict[str, Any]] = field(default_factory=list)
    today: str = "2026-01-01"
    options: dict[str, Any] = field(default_factory=dict)
    online: bool = False

    @property
    def id(self) -> str:
        return f"{self.rule}::{self.name}"


def load_cases(path: Path) -> list[Case]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    rule = data["rule"]
    cases = []
    for raw in data.get("case", []):
        docs = raw.get("documents") or [{"path": raw.get("path", "case.md"), "text": raw["text"]}]
        cases.append(
            Case(
                rule=rule,
                name=raw["name"],
                documents=docs,
                archive=raw.get("archive", []),
                expect=raw.get("expect", []),
                today=raw.get("today", data.get("today", "2026-01-01")),
                options={**data.get("options", {}), **raw.get("options", {})},
                online=raw.get("online", data.get("online", False)),
            )
        )
    return cases


def all_cases() -> list[Case]:
    out: list[Case] = []
    for path in sorted(FIXTURE_DIR.glob("*.toml")):
        out.extend(load_cases(path))
    return out


def run_case(case: Case, tmp: Path, services: dict[str, Any] | None = None) -> Report:
    def write(items: list[dict[str, str]], sub: str) -> list[str]:
        paths = []
        for item in items:
            p = tmp / sub / item["path"]
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(item["text"].encode("utf-8"))
            paths.append(str(p))
        return paths

    cfg = Config(root=tmp, select=[case.rule], rule_options={case.rule: case.options} if case.options else {})
    paths = write(case.documents, "docs")
    docs, errors = load_inputs(paths, cfg)
    assert not errors, errors
    archive = None
    if case.archive:
        adocs, aerrors = load_inputs(write(case.archive, "archive"), cfg, archived=True)
        assert not aerrors, aerrors
        archive = Archive([str(tmp / "archive")], adocs)
    opts = RunOptions(today=dt.date.fromisoformat(case.today), online=case.online)
    engine = Engine(cfg, opts)
    if services:
        for key, value in services.items():
            setattr(engine.services, key, value)
    report = engine.run(docs, archive)
    assert not report.crashes, report.crashes[0].trace
    # paths in expectations are relative to the case folder
    for f in report.findings:
        f.path = str(Path(f.path).relative_to(tmp / "docs"))
    return report
