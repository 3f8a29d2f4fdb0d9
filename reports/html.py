"""`--format html`: one self-contained page to attach to a pull request or e-mail to an editor.

No network: the CSS and the script are inline and a Content-Security-Policy forbids every
fetch. The report data (findings, documents, and the text of every file that has a finding
or that evidence points into) is embedded as JSON; the script draws the side list with its
filters at once and an article only when it is opened, so that a report over a thousand
digests opens as fast as a small one. Output is deterministic (no clock, no random ids).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from importlib import resources
from typing import TYPE_CHECKING, Any, TextIO

from checker.reports.rule_docs import with_docs

from checker.core.reporting import ReportSettings, horizon_note, payload, plural

if TYPE_CHECKING:
    from checker.core.engine import Report
    from checker.viewer.report_io import SavedReport

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def files_needed(data: dict[str, Any]) -> set[str]:
    """Paths whose text the page embeds: every file with a finding, and those evidence points into."""
    by_id: dict[str, str] = {d["id"]: d["path"] for d in data.get("documents", [])}
    known = set(by_id.values())
    paths: set[str] = set()
    for f in [*data.get("findings", []), *data.get("suppressed", [])]:
        paths.add(str(f["path"]))
        for e in f.get("evidence", []):
            target = e.get("path") or by_id.get(e.get("document") or "")
            if isinstance(target, str) and target in known:
                paths.add(target)
    return paths


def page_data(data: dict[str, Any], texts: dict[str, str]) -> dict[str, Any]:
    """What the script reads: the report payload (as the JSON format has it) plus file texts."""
    findings = [{**f, "suppressed": False} for f in data.get("findings", [])]
    findings += [{**f, "suppressed": True} for f in data.get("suppressed", [])]
    return {
        "tool": data.get("tool", {}),
        "run": data.get("run", {}),
        # elapsed_s would make two pages of the same report differ
        "summary": {k: v for k, v in data.get("summary", {}).items() if k != "elapsed_s"},
        "documents": [
            {k: d.get(k) for k in ("id", "path", "title", "published", "published_source", "line_start", "line_end")}
            for d in data.get("documents", [])
        ],
        "findings": findings,
        "notes": [
            n
            for n in [
                horizon_note(
                    (f.get("document", ""), (e.get("detail", "") for e in f.get("evidence", [])))
                    for f in data.get("findings", [])
                )
            ]
            if n is not None
        ],
        "files": {p: texts[p] for p in sorted(texts)},
    }


def _embed(value: Any) -> str:
    # "<" only occurs inside JSON strings, where \u003c means the same; this keeps "</script>"
    # and "<!--" in an article from ending the script element early
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def _asset(name: str) -> str:
    return resources.files("checker.reports").joinpath(f"html_assets/{name}").read_text(encoding="utf-8")


def build_page(data: dict[str, Any], texts: dict[str, str]) -> str:
    """The whole page for a report payload and the texts of the files it needs."""
    summary = data.get("summary", {})
    n, docs = summary.get("findings", len(data.get("findings", []))), summary.get("documents", 0)
    title = f"checker report: {plural(n, 'finding')} in {plural(docs, 'document')}"
    return "".join(
        (
            '<!doctype html>\n<html lang="zh">\n<head>\n<meta charset="utf-8">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f"<title>{html.escape(title)}</title>\n<style>\n{_asset('report.css')}</style>\n</head>\n<body>\n",
            _asset("report.html"),
            f'<script type="application/json" id="checker-data">{_embed(page_data(data, texts))}</script>\n',
            f"<script>\n{_asset('report.js')}</script>\n</body>\n</html>\n",
        )
    )


def _texts(report: Report, paths: Iterable[str]) -> dict[str, str]:
    wanted = set(paths)
    return {d.path: d.source.text for d in report.documents if d.path in wanted}


def render(report: Report, stream: TextIO, settings: ReportSettings) -> None:
    data = with_docs(payload(report))
    stream.write(build_page(data, _texts(report, files_needed(data))))


def build_page_from_saved(saved: SavedReport) -> str:
    """The page for a saved JSON report (`checker view REPORT.json --html OUT`); files that
    changed since the report was written are left out, and the page says so per article."""
    texts: dict[str, str] = {}
    for path in sorted(files_needed(saved.data)):
        src = saved.source(path)
        if src is not None:
            texts[path] = src.text
    return build_page(saved.data, texts)
