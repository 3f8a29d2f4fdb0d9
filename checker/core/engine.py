"""The engine: run the enabled rules over the documents and turn hits into findings.

Only the engine builds findings: it adds the rule id, the configured severity, the
location, the exact flagged text and a fingerprint, and applies per-file ignores,
inline suppressions and the baseline.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from checker import __version__
from checker.core import registry
from checker.core.analysis import CorpusAnalysis, DocumentAnalyses
from checker.core.archive import Archive
from checker.core.config import Config
from checker.core.corpus_phase import check_corpus_rules
from checker.core.gcpause import collector_paused
from checker.core.model import Finding, Hit, Severity, Span
from checker.core.phases import DocumentWork
from checker.core.records import DocumentRecord, RuleCrash
from checker.core.rule import CorpusRule, Rule, RunContext
from checker.core.services import Services
from checker.core.suppress import Suppressions, parse_directives
from checker.input.discover import Discovery, discover_files
from checker.input.documents import Document, Segment
from checker.input.load import InputError, load_documents


@dataclass
class Report:
    """A run's documents and findings, with what the reporters print about the run."""

    today: dt.date
    online: bool
    config_path: str | None
    documents: list[Document]
    findings: list[Finding]
    suppressed: list[Finding]
    rules: list[type[Rule]]
    crashes: list[RuleCrash] = field(default_factory=list)
    elapsed_s: float = 0.0
    rule_seconds: dict[str, float] = field(default_factory=dict)
    tool_version: str = __version__


@dataclass
class RunOptions:
    """The command line's choices for one run (today, online, baseline, selections)."""

    today: dt.date
    online: bool = False
    baseline: set[str] = field(default_factory=set)
    stdin_name: str = "-"
    extra_select: list[str] | None = None  # --select (replaces config select)
    extra_ignore: list[str] = field(default_factory=list)  # --ignore (adds)
    progress: Callable[[str, int, int], None] | None = None


def fingerprint(rule: str, document: str, key: str, occurrence: int) -> str:
    """Stable across runs and unrelated edits: no line numbers, only what was flagged."""
    # whitespace runs as one space, ends trimmed: str.split and re's \s share one definition of
    # whitespace (Py_UNICODE_ISSPACE), and split/join costs less than a regex sub per finding
    norm = " ".join(key.split())
    raw = "\x1f".join((rule, document, norm, str(occurrence)))
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def rule_enabled(rid: str, cfg: Config, opts: RunOptions) -> bool:
    select = opts.extra_select if opts.extra_select is not None else cfg.select
    if not any(registry.matches(rid, s) for s in select):
        return False
    return not any(registry.matches(rid, s) for s in [*cfg.ignore, *opts.extra_ignore])


def select_rules(cfg: Config, opts: RunOptions) -> list[Rule]:
    # a rule runs when the run's config or the nearer config of some file enables it;
    # the engine then skips it on files whose own config does not (Config.for_path)
    configs = [cfg, *{id(c): c for c in cfg.by_path.values()}.values()]
    rules: list[Rule] = []
    for cls in registry.all_rules():
        rid = cls.meta.id
        if any(rule_enabled(rid, c, opts) for c in configs):
            rules.append(cls(cls.build_options(cfg.rule_options.get(rid, {}))))
    return rules


def release_unread(analyses: CorpusAnalysis, later: Sequence[CorpusRule[Any]]) -> None:
    """Free the analyses no corpus rule still to run reads, when all of them say what they
    read (`CorpusRule.reads_analyses`; one that does not keeps every analysis alive)."""
    keep: set[type[Any]] = set()
    for rule in later:
        if rule.reads_analyses is None:
            return
        keep.update(rule.reads_analyses)
    analyses.release(keep)


def load_inputs(
    paths: Iterable[str],
    cfg: Config,
    *,
    stdin_name: str = "-",
    archived: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
    notes: list[str] | None = None,
    discovery: Discovery | None = None,
) -> tuple[list[Document], list[InputError]]:
    """Read the files `paths` names (checker/input/discover.py says which); a file governed by
    a nearer config than `cfg` is recorded in `cfg.by_path` (Config.for_path). A whole run
    (with the archive, --jobs and the cache) is checker/core/runner.py's."""
    docs: list[Document] = []
    errors: list[InputError] = []
    try:
        inputs = list(discover_files(paths, cfg, discovery, stdin_name=stdin_name, notes=notes))
    except InputError as exc:
        return [], [exc]
    for n, (inp, conf) in enumerate(inputs, 1):
        if progress:
            progress("files", n - 1, len(inputs))
        if conf is not cfg and not archived:
            cfg.by_path[inp.path] = conf
        try:
            loaded = load_documents(inp, max_bytes=conf.max_file_size)
        except InputError as exc:
            errors.append(exc)
            continue
        for d in loaded:
            d.archived = archived
        docs.extend(loaded)
    if progress:
        progress("files", len(inputs), len(inputs))
    return docs, errors


class Engine:
    def __init__(self, cfg: Config, opts: RunOptions, rules: list[Rule] | None = None) -> None:
        self.cfg = cfg
        self.opts = opts
        self.rules = rules if rules is not None else select_rules(cfg, opts)
        self.crashes: list[RuleCrash] = []
        self.rule_seconds: dict[str, float] = {}
        self.ordered: list[Finding] = []  # the last finish's findings, active and suppressed
        # shared services for rules (knowledge base, HTTP clients, ...); see RunContext.services
        self.services = Services()

    def document_work(self) -> DocumentWork:
        """The per-document phase (core/phases.py) with this run's rules and services."""
        self._services = dataclasses.replace(self.services, config=self.cfg)
        ctx = RunContext(
            today=self.opts.today, online=self.opts.online, services=self._services, analyses=DocumentAnalyses()
        )
        return DocumentWork(self.rules, ctx, self._skipped)

    def run(self, documents: list[Document], archive: Archive | None = None) -> Report:
        """Both phases in-process over documents already loaded."""
        started = time.perf_counter()
        work = self.document_work()
        records: list[DocumentRecord] = []
        for n, doc in enumerate(documents, 1):
            records.append(work.record(doc))
            if self.opts.progress:
                self.opts.progress("documents", n, len(documents))
        archived = [work.record(doc) for doc in (archive.documents if archive else [])]
        return self.finish(records, archived, archive, started=started)

    def finish(
        self,
        records: list[DocumentRecord],
        archived: list[DocumentRecord],
        archive: Archive | None = None,
        *,
        started: float | None = None,
        processes: int = 1,
    ) -> Report:
        """The corpus phase over the per-document records (checked documents in input order,
        then the archive's): whole-run analyses, corpus rules, findings, suppressions.
        `processes`: how many a rule's loop over documents may use (core/forked.py)."""
        started = time.perf_counter() if started is None else started
        documents = [r.doc for r in records]
        services = getattr(self, "_services", None) or dataclasses.replace(self.services, config=self.cfg)
        ctx = RunContext(
            today=self.opts.today,
            online=self.opts.online,
            archive=archive,
            services=services,
            analyses=CorpusAnalysis([*documents, *(r.doc for r in archived)]),
            processes=processes,
        )
        by_rule = {r.meta.id: r for r in self.rules}
        corpus_rules = [r for r in self.rules if isinstance(r, CorpusRule)]
        by_id = {d.id: d for d in documents}
        collected: dict[str, list[tuple[Document, object]]] = {r.meta.id: [] for r in corpus_rules}
        raw: list[tuple[Rule, Document, Hit]] = []
        for rec in [*records, *archived]:
            raw.extend((by_rule[rid], rec.doc, h) for rid, h in rec.hits)
            for rid, value in rec.collected:
                collected[rid].append((rec.doc, value))
            self.crashes.extend(rec.crashes)
            for rid, sec in rec.seconds.items():
                self.rule_seconds[rid] = self.rule_seconds.get(rid, 0.0) + sec
        # at --jobs 2, the rules that read no whole-run analysis run in a forked child meanwhile
        outcomes = check_corpus_rules(
            corpus_rules, collected, ctx, after=lambda n: release_unread(ctx.analyses, corpus_rules[n + 1 :])
        )
        for crule, outcome in zip(corpus_rules, outcomes, strict=True):
            self.crashes.extend(outcome.crashes)
            rid = crule.meta.id
            self.rule_seconds[rid] = self.rule_seconds.get(rid, 0.0) + outcome.seconds
            for hit in outcome.hits:
                target = by_id.get(hit.document or "")
                if target is None or self._skipped(crule, target.path):
                    continue  # hits on archive documents are evidence only
                raw.append((crule, target, hit))
        with collector_paused():
            findings = self._build(raw)
        active, suppressed = self._suppress(findings, documents)
        self.ordered = findings  # both lists in one order: what the cache of unchanged runs keeps
        return self.report(documents, active, suppressed, started=started)

    def report(
        self, documents: list[Document], active: list[Finding], suppressed: list[Finding], *, started: float
    ) -> Report:
        """The run's report (a run read from the cache of unchanged runs has no crashes or times)."""
        report = Report(
            today=self.opts.today,
            online=self.opts.online,
            config_path=self.cfg.path,
            documents=documents,
            findings=active,
            suppressed=suppressed,
            rules=[type(r) for r in self.rules],
            crashes=self.crashes,
            rule_seconds=dict(self.rule_seconds),
        )
        report.elapsed_s = time.perf_counter() - started
        return report

    def severity_of(self, rule: Rule, path: str | None = None) -> Severity:
        cfg = self.cfg.for_path(path) if path is not None else self.cfg
        return cfg.severity.get(rule.meta.id, rule.meta.severity)

    def _skipped(self, rule: Rule, path: str) -> bool:
        """Per-file ignores, and rules the file's own (nearer) config does not enable."""
        cfg = self.cfg.for_path(path)
        if self.cfg.by_path and not rule_enabled(rule.meta.id, cfg, self.opts):
            return True  # several configs: the rule set is their union
        return cfg.ignored_for_path(rule.meta.id, path)

    def _build(self, raw: list[tuple[Rule, Document, Hit]]) -> list[Finding]:
        out: list[Finding] = []
        seen: dict[tuple[str, str, str], int] = {}  # occurrences of a key so far
        raw.sort(key=lambda t: (t[1].path, t[2].span.start, t[2].span.end, t[0].meta.id, t[2].message))
        dedup: set[tuple[str, str, int, int, str]] = set()
        severities: dict[tuple[str, str], Severity] = {}  # (rule, path): Config.for_path once
        # read once per finding, not per use: 2 MB of dated weekdays builds 160,000 findings
        for rule, doc, hit in raw:
            rid, doc_id, path = rule.meta.id, doc.id, doc.path
            src = doc.source
            text = src.text
            n = len(text)
            span = hit.span
            start, end = min(span.start, n), min(span.end, n)
            # a flagged span never ends in a line break: its end column stays on a real line
            while end > start and text[end - 1] in "\r\n":
                end -= 1
            if start != span.start or end != span.end:
                span = Span(start, end)
            message = hit.message
            ident = (rid, doc_id, start, end, message)
            if ident in dedup:
                continue
            dedup.add(ident)
            flagged = text[start:end]
            key = hit.key if hit.key is not None else (flagged or message)
            counted = (rid, doc_id, key)
            occurrence = seen[counted] = seen.get(counted, 0) + 1
            severity = severities.get((rid, path))
            if severity is None:
                severity = severities[(rid, path)] = self.severity_of(rule, path)
            # positional up to the fingerprint, in field order: a call with 14 keywords binds them slowly
            # (~1 us CPU more per finding on CPython 3.11; 160,000 on 2 MB of dated weekdays)
            out.append(
                Finding(
                    rid,  # rule
                    severity,
                    path,
                    doc_id,  # document
                    span,
                    src.locate_range(start, end),  # location
                    flagged,  # text
                    message,
                    hit.evidence,
                    hit.suggestion,
                    hit.confidence,
                    hit.verdict,
                    fingerprint(rid, doc_id, key, occurrence),
                    fix=hit.fix,
                )
            )
        return out

    def _suppress(self, findings: list[Finding], documents: list[Document]) -> tuple[list[Finding], list[Finding]]:
        directives: dict[str, Suppressions] = {}
        sources = {d.path: d for d in documents}
        segments_by_path: dict[str, list[Segment]] = {}
        for d in documents:
            segments_by_path.setdefault(d.path, []).extend(d.segments)
        active: list[Finding] = []
        suppressed: list[Finding] = []
        baseline = self.opts.baseline
        for f in findings:
            sup = directives.get(f.path)
            if sup is None:
                doc = sources[f.path]
                sup = directives[f.path] = parse_directives(doc.source, segments_by_path[f.path])
            # a file without directives (most) suppresses nothing inline: no look-up per finding
            reason = sup.reason(f, sources[f.path].source) if sup.directives else None
            if reason is None and f.fingerprint in baseline:
                reason = "baseline"
            if reason is not None:
                f.suppressed_by = reason
                suppressed.append(f)
            else:
                active.append(f)
        return active, suppressed
