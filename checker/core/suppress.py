"""Inline suppression comments (baseline files: checker/core/baseline.py).

    <!-- checker: ignore RULE[,RULE] -->   on the line before, or at the end of, the flagged line
    <!-- checker: disable RULE -->  ...  <!-- checker: enable RULE -->   a region

RULE may be a rule id, a family ("date") or "all". Directives inside code blocks are
examples, not directives. Rules never see any of this: the engine applies it to findings.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from checker.core import registry
from checker.core.model import Finding, Span
from checker.input.documents import Segment, SegmentKind
from checker.input.source import SourceFile
from checker.text.lazy_regex import lazy_compile

_DIRECTIVE = lazy_compile(
    r"<!--[ \t]*checker[ \t]*:[ \t]*(ignore|disable|enable)\b[ \t]*(.*?)[ \t]*-->", re.IGNORECASE | re.DOTALL
)


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(slots=True, unsafe_hash=True)
class Directive:
    """One suppression comment: its action, the rules it names, where it stands."""

    action: str
    rules: tuple[str, ...]
    span: Span
    line: int  # line the comment ends on
    standalone: bool  # nothing else on its line(s)
    unknown: tuple[str, ...] = ()


def _selectors_of(rule_id: str) -> tuple[str, ...]:
    """Every selector `registry.matches` accepts for a rule id: "all", its families, itself."""
    parts = rule_id.split(".")
    return ("all", "ALL", *(".".join(parts[:i]) for i in range(1, len(parts) + 1)))


@dataclass
class _Index:
    """Directives by the line they act on and regions by selector, so that a finding costs a
    look-up, not a pass over every directive (thousands of directives with a finding each
    were quadratic: 100 KB of them took 130 s)."""

    ignores: dict[int, list[Directive]]
    regions: dict[str, tuple[list[int], list[int]]]  # selector -> (sorted starts, their ends)


@dataclass
class Suppressions:
    """A document's suppression comments and the regions they disable."""

    directives: list[Directive] = field(default_factory=list)
    # (rule selector, start offset, end offset) regions from disable/enable pairs
    regions: list[tuple[str, int, int]] = field(default_factory=list)
    _index: _Index | None = field(default=None, init=False, repr=False, compare=False)

    def _indexed(self) -> _Index:
        if self._index is None:
            ignores: dict[int, list[Directive]] = {}
            for d in self.directives:
                if d.action == "ignore":
                    ignores.setdefault(d.line + 1 if d.standalone else d.line, []).append(d)
            by_sel: dict[str, list[tuple[int, int]]] = {}
            for sel, start, end in self.regions:
                by_sel.setdefault(sel, []).append((start, end))
            regions: dict[str, tuple[list[int], list[int]]] = {}
            for sel, spans in by_sel.items():
                spans.sort()
                # one selector's regions never overlap (a disable opens one only when none is
                # open), so the last region starting at or before an offset is the only candidate
                regions[sel] = ([a for a, _ in spans], [b for _, b in spans])
            self._index = _Index(ignores, regions)
        return self._index

    def reason(self, finding: Finding, source: SourceFile) -> str | None:
        index = self._indexed()
        selectors = _selectors_of(finding.rule)
        for d in index.ignores.get(finding.location.line, ()):
            if any(r in selectors for r in d.rules):
                return "inline"
        pos = finding.span.start
        for sel in selectors:
            if sel in index.regions:
                starts, ends = index.regions[sel]
                i = bisect_right(starts, pos) - 1
                if i >= 0 and pos < ends[i]:
                    return "inline"
        return None

    @property
    def unknown(self) -> list[Directive]:
        return [d for d in self.directives if d.unknown]


def parse_directives(source: SourceFile, segments: Iterable[Segment] = ()) -> Suppressions:
    code = sorted((s.span.start, s.span.end) for s in segments if s.kind is SegmentKind.CODE)
    code_starts = [a for a, _ in code]
    sup = Suppressions()
    open_regions: dict[str, int] = {}
    text = source.text
    for m in _DIRECTIVE.finditer(text):
        i = bisect_right(code_starts, m.start()) - 1
        if i >= 0 and m.start() < code[i][1]:
            continue  # inside a code block (code segments do not overlap)
        action = m.group(1).lower()
        names = tuple(r.strip() for r in re.split(r"[,\s]+", m.group(2)) if r.strip()) or ("all",)
        unknown = tuple(r for r in names if not registry.is_known_selector(r))
        first = source.line_of(m.start())
        last = source.line_of(m.end() - 1)
        before = text[source.line_starts[first - 1] : m.start()].strip()
        after = text[m.end() : source.line_ends[last - 1]].strip()
        d = Directive(action, names, Span(m.start(), m.end()), last, not before and not after, unknown)
        sup.directives.append(d)
        for name in names:
            if action == "disable":
                open_regions.setdefault(name, m.end())
            elif action == "enable" and name in open_regions:
                sup.regions.append((name, open_regions.pop(name), m.start()))
    for name, start in open_regions.items():
        sup.regions.append((name, start, len(text)))
    return sup
