"""Findings to LSP diagnostics; fixes and suppression comments to code actions.

A rule's documentation link (`codeDescription.href`): the page `docs/rules/<id>.md` of the
installed checker when its docs folder is there (a source checkout or an editable install,
as a file:// URI), else the same page on the project's web site (`checker.reports.rule_docs`,
CHECKER_DOCS_URL); the client's `initializationOptions.docsBaseUrl` overrides both.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from lsprotocol import types as lsp

from checker.core.model import Applicability, Finding, Severity
from checker.input.documents import Document, SegmentKind
from checker.input.source import SourceFile
from checker.reports.rule_docs import docs_base
from checker.server.positions import UTF16, Position, line_end, span_range

_LOCAL_DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules"
SOURCE = "checker"

_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}


def rule_docs_url(rule_id: str, base: str | None = None) -> str:
    """Where the rule's page is: `base` + `<id>.md` when given, the installed docs when
    present, else the web page."""
    name = quote(f"{rule_id}.md")
    if base:
        return base if base.endswith(name) else base.rstrip("/") + "/" + name
    local = _LOCAL_DOCS / f"{rule_id}.md"
    if local.is_file():
        return local.as_uri()
    web: str = docs_base()
    return web + name


def _lsp_range(start: Position, end: Position) -> lsp.Range:
    return lsp.Range(lsp.Position(start.line, start.character), lsp.Position(end.line, end.character))


def _path_uri(path: str, root: Path) -> str:
    p = Path(path)
    return (p if p.is_absolute() else root / p).resolve().as_uri()


@dataclass
class Action:
    """A code action ready for a request: the diagnostic it resolves and the edit."""

    diagnostic: lsp.Diagnostic
    title: str
    range: lsp.Range  # where the edit goes
    new_text: str
    kind: str  # quickfix
    preferred: bool


def message_of(f: Finding) -> str:
    if f.suggestion and f.suggestion not in f.message:
        return f"{f.message} (suggestion: {f.suggestion})"
    return f.message


def diagnostic(
    f: Finding, source: SourceFile, uri: str, root: Path, *, encoding: str = UTF16, docs_base: str | None = None
) -> lsp.Diagnostic:
    related = []
    for ev in f.evidence:
        if ev.path and ev.line:
            ev_uri = uri if ev.path == f.path else _path_uri(ev.path, root)
            at = lsp.Position(max(ev.line - 1, 0), 0)
            related.append(lsp.DiagnosticRelatedInformation(lsp.Location(ev_uri, lsp.Range(at, at)), ev.detail))
    return lsp.Diagnostic(
        range=_lsp_range(*span_range(source, f.span, encoding)),
        message=message_of(f),
        severity=_SEVERITY[f.severity],
        code=f.rule,
        code_description=lsp.CodeDescription(href=rule_docs_url(f.rule, docs_base)),
        source=SOURCE,
        related_information=related or None,
        data={"fingerprint": f.fingerprint},
    )


def _suppressible_line(line: int, source: SourceFile, documents: list[Document]) -> bool:
    """An HTML comment at the end of `line` is read as a directive (not in front matter, where
    it would break the YAML, nor in a code block, where it is an example)."""
    span = source.line_span(line)
    for doc in documents:
        if doc.front_matter_span is not None and doc.front_matter_span.start <= span.start < doc.front_matter_span.end:
            return False
        for seg in doc.segments:
            if seg.kind in (SegmentKind.CODE, SegmentKind.FRONT_MATTER) and seg.span.start <= span.end < seg.span.end:
                return False
    return True


def actions(
    f: Finding, diag: lsp.Diagnostic, source: SourceFile, documents: list[Document], *, encoding: str = UTF16
) -> list[Action]:
    out: list[Action] = []
    if f.fix is not None:
        safe = f.fix.applicability is Applicability.SAFE
        what = f.fix.description or (f"replace with '{f.fix.replacement}'" if f.fix.replacement else "delete")
        out.append(
            Action(
                diag,
                f"{f.rule}: {what}" + ("" if safe else " (unsafe: may change what the article says)"),
                _lsp_range(*span_range(source, f.fix.span, encoding)),
                f.fix.replacement,
                lsp.CodeActionKind.QuickFix,
                preferred=safe,
            )
        )
    line = f.location.line
    if _suppressible_line(line, source, documents):
        at = line_end(source, line, encoding)
        out.append(
            Action(
                diag,
                f"{f.rule}: ignore on this line",
                _lsp_range(at, at),
                f" <!-- checker: ignore {f.rule} -->",
                lsp.CodeActionKind.QuickFix,
                preferred=False,
            )
        )
    return out


def overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    """Ranges overlap or touch (a cursor at either end of a diagnostic selects it)."""

    def key(p: lsp.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def code_action(action: Action, uri: str, version: int | None, *, document_changes: bool) -> lsp.CodeAction:
    edit = lsp.TextEdit(action.range, action.new_text)
    if document_changes:
        # versioned: a client applies it only to the text the diagnostics were computed on
        workspace_edit = lsp.WorkspaceEdit(
            document_changes=[lsp.TextDocumentEdit(lsp.OptionalVersionedTextDocumentIdentifier(uri, version), [edit])]
        )
    else:
        workspace_edit = lsp.WorkspaceEdit(changes={uri: [edit]})
    return lsp.CodeAction(
        title=action.title,
        kind=action.kind,
        diagnostics=[action.diagnostic],
        is_preferred=action.preferred or None,
        edit=workspace_edit,
    )
