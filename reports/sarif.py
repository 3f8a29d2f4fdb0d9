"""`--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers."""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from checker.reports.rule_docs import REPOSITORY_URL, rule_docs_url

from checker.core.jsontext import dumps_indented
from checker.core.model import Finding
from checker.core.reporting import ReportSettings

if TYPE_CHECKING:
    from checker.core.engine import Report

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
INFO_URI = REPOSITORY_URL


def _uri(path: str) -> str:
    posix = PurePath(path).as_posix()
    if posix.startswith("./"):
        posix = posix[2:]
    return quote(posix, safe="/")


def _result(f: Finding, index: dict[str, int]) -> dict[str, Any]:
    loc = f.location
    message = f.message
    if f.suggestion:
        message += f" Suggestion: {f.suggestion}."
    region: dict[str, Any] = {
        "startLine": loc.line,
        "startColumn": loc.column,
        "endLine": loc.end_line,
        "endColumn": loc.end_column,
        "snippet": {"text": f.text},
    }
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": _LEVEL[f.severity.label],
        "message": {"text": message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(f.path)}, "region": region}}],
        "partialFingerprints": {"checkerFingerprint/v1": f.fingerprint},
        "properties": {"document": f.document, "evidence": [e.to_dict() for e in f.evidence]},
    }
    if f.verdict is not None:
        result["properties"]["verdict"] = f.verdict.value
    if f.confidence is not None:
        result["rank"] = round(f.confidence * 100, 1)
    if f.suppressed_by is not None:
        result["suppressions"] = [{"kind": "inSource" if f.suppressed_by == "inline" else "external"}]
    return result


def render(report: Report, stream: TextIO, settings: ReportSettings) -> None:
    rules = sorted(report.rules, key=lambda r: r.meta.id)
    index = {r.meta.id: i for i, r in enumerate(rules)}
    # a finding of a rule that is not in the run list still needs a descriptor
    for f in [*report.findings, *report.suppressed]:
        if f.rule not in index:
            index[f.rule] = len(index)
    descriptors = []
    for r in rules:
        doc = r.doc()
        descriptors.append(
            {
                "id": r.meta.id,
                "name": r.meta.id.replace(".", "-"),
                "shortDescription": {"text": r.meta.summary},
                "fullDescription": {"text": doc or r.meta.summary},
                "help": {"text": doc or r.meta.summary, "markdown": doc or r.meta.summary},
                "helpUri": rule_docs_url(r.meta.id),
                "defaultConfiguration": {"level": _LEVEL[r.meta.severity.label]},
                "properties": {"tags": [r.meta.id.split(".")[0]]},
            }
        )
    for rid, i in index.items():
        if i >= len(descriptors):
            descriptors.append({"id": rid, "shortDescription": {"text": rid}, "helpUri": rule_docs_url(rid)})
    results = [_result(f, index) for f in report.findings]
    # suppressed results go in with their suppression, so code scanning shows them as such
    results += [_result(f, index) for f in report.suppressed]
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "checker",
                        "version": report.tool_version,
                        "semanticVersion": report.tool_version,
                        "informationUri": INFO_URI,
                        "rules": descriptors,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {"today": report.today.isoformat(), "online": report.online},
            }
        ],
    }
    stream.write(dumps_indented(sarif))  # one write (see json_report.py)
    stream.write("\n")
