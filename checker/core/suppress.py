"""Inline suppression comments (baseline files: checker/core/baseline.py).

    <!-- checker: ignore RULE[,RULE] -->   on the line before, or at the end of, the flagged line
    <!-- checker: disable RULE -->  ...  <!-- checker: enable RULE -->   a region

RULE may be a rule id, a family ("date") or "all". Directives inside code blocks are
examples, not directives. Rules never see any of this: the engine applies it to findings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from checker.core import registry
from checker.core.model import Finding, Span
from checker.input.documents import Segment, SegmentKind
from checker.input.source import SourceFile

_DIRECTIVE = re.compile(
    r"<!--[ \t]*checker[ \t]*:[ \t]*(ignore|disable|enable)\b[ \t]*(.*?)[ \t]*-->", re.IGNORECASE | re.DOTALL
)


@dataclass(frozen=True, slots=True)
class Directive:
    action: str
    rules: tuple[str, ...]
    span: Span
    line: int  # line the comment ends on
    standalone: bool  # nothing else on its line(s)
    unknown: tuple[str, ...] = ()


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)
    # (rule selector, start offset, end offset) regions from disable/enable pairs
    regions: list[tuple[str, int, int]] = field(default_factory=list)

    def reason(self, finding: Finding, source: SourceFile) -> str | None:
        for d in self.directives:
            if d.action != "ignore" or not any(registry.matches(finding.rule, r) for r in d.rules):
                continue
            target = d.line + 1 if d.standalone else d.line
            if finding.location.line == target:
                return "inline"
        for sel, start, end in self.regions:
            if registry.matches(finding.rule, sel) and start <= finding.span.start < end:
                return "inline"
        return None

    @property
    def unknown(self) -> list[Directive]:
        return [d for d in self.directives if d.unknown]


def parse_directives(source: SourceFile, segments: Iterable[Segment] = ()) -> Suppressions:
    code = [s.span for s in segments if s.kind is SegmentKind.CODE]
    sup = Suppressions()
    open_regions: dict[str, int] = {}
    text = source.text
    for m in _DIRECTIVE.finditer(text):
        if any(sp.start <= m.start() < sp.end for sp in code):
            continue
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
