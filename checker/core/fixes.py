"""`checker check --fix / --diff / --unsafe-fixes`: choose, order, apply and show fixes.

A finding's `Fix` replaces a span of its file's source text (offsets into `SourceFile.text`,
the text exactly as decoded: BOM and CRLF included), so applying the fixes to that text and
encoding it as UTF-8 again changes no byte outside the fixed spans. Fixes are applied in
one pass in source order; a fix that overlaps one already taken is left (and reported) for
the next run, as ruff leaves conflicting edits.

What is never fixed: suppressed findings (they are not in `report.findings`), unsafe fixes
without `--unsafe-fixes`, HTML files (a finding's offsets there are into the raw file but
rules read decoded text: an entity such as `&amp;` maps to a run of unequal length, so a
replacement computed from the reader's text may not fit the markup) and stdin.
"""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from checker.core.files import atomic_write_text
from checker.core.model import Applicability, Finding, Fix, Hit, Span
from checker.input.source import SourceFile

# why a fix was not applied (the notes the CLI prints)
OVERLAP = "overlaps another fix (run --fix again)"
UNSAFE = "unsafe (use --unsafe-fixes)"
HTML = "HTML file (offsets of extracted text may not map back exactly)"
STDIN = "stdin cannot be rewritten (use --diff)"


class FixError(Exception):
    """A file that cannot be rewritten, with the reason (exit 2)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass
class FileFixes:
    """The fixes chosen for one file and the text they give."""

    path: str
    source: SourceFile
    applied: list[Finding] = field(default_factory=list)
    edits: list[Fix] = field(default_factory=list)  # distinct edits, in source order
    fixed_text: str = ""

    @property
    def changed(self) -> bool:
        return self.fixed_text != self.source.text


@dataclass
class FixPlan:
    """The fixes to apply, by file, and the ones left out with the reason."""

    files: list[FileFixes] = field(default_factory=list)
    left: list[tuple[Finding, str]] = field(default_factory=list)  # a fix not applied, and why

    @property
    def fixed_count(self) -> int:
        return sum(len(f.applied) for f in self.files if f.changed)

    def changed_files(self) -> list[FileFixes]:
        return [f for f in self.files if f.changed]


def replacement_fix(
    source: SourceFile,
    span: Span,
    replacement: str | None,
    applicability: Applicability = Applicability.SAFE,
    description: str = "",
) -> Fix | None:
    """A Fix that puts `replacement` in place of `span`, or None when there is nothing to do
    (no replacement, the same text) or the span is not inside the source text."""
    if replacement is None or not 0 <= span.start <= span.end <= len(source.text):
        return None
    if source.slice(span) == replacement:
        return None
    return Fix(span, replacement, applicability, description or f"replace with {replacement!r}")


def edits_fix(
    source: SourceFile,
    edits: Sequence[tuple[Span, str]],
    applicability: Applicability = Applicability.SAFE,
    description: str = "",
) -> Fix | None:
    """One Fix made of several replacements (a damaged character in many places): it spans
    from the first to the last edit and keeps the text between them as it is."""
    ordered = sorted(edits, key=lambda e: (e[0].start, e[0].end))
    if not ordered:
        return None
    out: list[str] = []
    at = ordered[0][0].start
    for span, text in ordered:
        if span.start < at:
            return None  # overlapping edits: no single literal replacement
        out.append(source.text[at : span.start])
        out.append(text)
        at = span.end
    return replacement_fix(source, Span(ordered[0][0].start, at), "".join(out), applicability, description)


def delete_lines_fix(source: SourceFile, first: int, last: int, applicability: Applicability, description: str) -> Fix:
    """Delete 1-based lines `first`..`last` with the line break that ends them (or, for the
    file's last line without a break, the break before it)."""
    start = source.line_starts[first - 1]
    if start == 0 and source.text.startswith("\ufeff"):
        start = 1  # the byte-order mark belongs to the file, not to its first line
    if last < source.line_count:
        end = source.line_starts[last]
    else:
        end = len(source.text)
        if first > 1:
            start = source.line_ends[first - 2]  # take the break before: no empty last line
    return Fix(Span(start, end), "", applicability, description)


def plan_fixes(
    findings: Iterable[Finding],
    sources: dict[str, SourceFile],
    *,
    unsafe: bool = False,
    formats: dict[str, str] | None = None,
    stdin_path: str | None = None,
) -> FixPlan:
    """Choose the fixes to apply, per file, in source order; `sources` maps a finding's path
    to the file it was read from, `formats` a path to "html"/"markdown"/"text"."""
    plan = FixPlan()
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        if f.fix is None:
            continue
        if f.fix.applicability is Applicability.UNSAFE and not unsafe:
            plan.left.append((f, UNSAFE))
        elif (formats or {}).get(f.path) == "html":
            plan.left.append((f, HTML))
        elif stdin_path is not None and f.path == stdin_path:
            plan.left.append((f, STDIN))
        elif f.path in sources:
            by_path.setdefault(f.path, []).append(f)
    for path in sorted(by_path):
        source = sources[path]
        ff = FileFixes(path, source)
        taken_end = -1
        last: Fix | None = None
        ordered = sorted(by_path[path], key=lambda f: _order(f.fix))
        for f in ordered:
            fix = f.fix
            assert fix is not None
            if last is not None and (fix.span, fix.replacement) == (last.span, last.replacement):
                ff.applied.append(f)  # two rules asking for the same edit: made once
                continue
            if not 0 <= fix.span.start <= fix.span.end <= len(source.text):
                plan.left.append((f, "fix outside the file"))
                continue
            empty_at_same_point = last is not None and fix.span.start == last.span.start == taken_end
            if fix.span.start < taken_end or empty_at_same_point:
                plan.left.append((f, OVERLAP))
                continue
            ff.applied.append(f)
            ff.edits.append(fix)
            taken_end = fix.span.end
            last = fix
        ff.fixed_text = apply_edits(source.text, ff.edits)
        plan.files.append(ff)
    return plan


def _order(fix: Fix | None) -> tuple[int, int, str]:
    assert fix is not None
    return (fix.span.start, fix.span.end, fix.replacement)


def apply_edits(text: str, edits: Sequence[Fix]) -> str:
    """`text` with non-overlapping `edits` (in source order) applied."""
    out: list[str] = []
    at = 0
    for e in edits:
        out.append(text[at : e.span.start])
        out.append(e.replacement)
        at = e.span.end
    out.append(text[at:])
    return "".join(out)


def unified_diff(plan: FixPlan) -> str:
    """A patch (`patch -p0` applies it) of every changed file: the path as reported in both
    headers (as `ruff --diff` writes them),
    CR LF kept inside the lines, and the "No newline at end of file" marker."""
    import difflib  # here: only --diff writes a patch, and a check run imports this module

    chunks: list[str] = []
    for ff in plan.changed_files():
        lines = difflib.unified_diff(
            ff.source.text.splitlines(keepends=True),
            ff.fixed_text.splitlines(keepends=True),
            fromfile=ff.path,
            tofile=ff.path,
        )
        for line in lines:
            if line.endswith(("\n", "\r")):
                chunks.append(line)
            else:
                chunks.append(line + "\n\\ No newline at end of file\n")
    return "".join(chunks)


def check_writable(plan: FixPlan) -> None:
    """Every file to rewrite is a regular, writable file that has not changed since it was
    read; raises FixError for the first that is not (before any file is written)."""
    for ff in plan.changed_files():
        path = Path(ff.path)
        try:
            st = path.stat()
        except OSError as exc:
            raise FixError(ff.path, f"cannot rewrite it: {exc.strerror or exc}") from None
        if not stat.S_ISREG(st.st_mode):
            raise FixError(ff.path, "cannot rewrite it: not a regular file")
        # the mode bits as well as access(): root may write anything, but a file its owner
        # made read-only is one the user does not want rewritten
        if not st.st_mode & 0o222 or not os.access(path, os.W_OK):
            raise FixError(ff.path, "cannot rewrite it: the file is read-only")
        if not os.access(path.resolve().parent, os.W_OK | os.X_OK):
            raise FixError(ff.path, "cannot rewrite it: its folder is not writable")
        try:
            now = path.read_bytes()
        except OSError as exc:
            raise FixError(ff.path, f"cannot read it again: {exc.strerror or exc}") from None
        if now != ff.source.text.encode("utf-8"):
            raise FixError(ff.path, "the file changed while it was being checked; nothing was written")


def write_fixes(plan: FixPlan) -> list[str]:
    """Write each changed file atomically (same bytes outside the fixed spans: the text is
    as decoded, BOM and line breaks included). Returns the paths written."""
    check_writable(plan)
    written: list[str] = []
    for ff in plan.changed_files():
        try:
            atomic_write_text(ff.path, ff.fixed_text)
        except OSError as exc:
            raise FixError(ff.path, f"cannot rewrite it: {exc.strerror or exc}") from None
        written.append(ff.path)
    return written


def summary_line(fixed: int, remaining: int, unsafe_available: int) -> str:
    """ "Fixed N findings (M left; K unsafe fixes available with --unsafe-fixes)"."""
    noun = "finding" if fixed == 1 else "findings"
    tail = f"{remaining} left"
    if unsafe_available:
        tail += f"; {unsafe_available} unsafe fix{'' if unsafe_available == 1 else 'es'} available with --unsafe-fixes"
    return f"Fixed {fixed} {noun} ({tail})"


def unsafe_available(findings: Iterable[Finding]) -> int:
    return sum(1 for f in findings if f.fix is not None and f.fix.applicability is Applicability.UNSAFE)


def with_fix(hit: Hit, fix: Fix | None) -> Hit:
    """The hit with `fix` attached (unchanged when there is none)."""
    return hit if fix is None else dataclasses.replace(hit, fix=fix)


def written_fix(
    source: SourceFile,
    span: Span,
    written: str,
    replacement: str | None,
    applicability: Applicability,
    description: str = "",
) -> Fix | None:
    """Replace `written` (what a rule read, possibly trimmed) inside `span` by `replacement`,
    keeping the spaces around it; None when the source there is not `written` (the rule read
    another text than the file holds, so the replacement would not fit)."""
    if replacement is None:
        return None
    here = source.slice(span)
    core = written.strip()
    if not core or here.strip() != core:
        return None
    lead = len(here) - len(here.lstrip())
    inner = Span(span.start + lead, span.start + lead + len(core))
    return replacement_fix(source, inner, replacement, applicability, description or f"write {replacement}")


FIX_SAFETY = ("safe or unsafe", "safe", "unsafe", "none")


def declared_fix(doc_section: str) -> str:
    """What a rule's docstring says of its fixes: "safe", "unsafe", "safe or unsafe" or
    "none" (the first words of its Fix section; "" when it has none)."""
    head = doc_section.strip().lower()
    return next((s for s in FIX_SAFETY if head.startswith(s) and not head[len(s) : len(s) + 1].isalpha()), "")
