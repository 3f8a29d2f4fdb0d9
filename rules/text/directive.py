"""Suppression comments that cannot work: they name no rule checker knows."""

from __future__ import annotations

from collections.abc import Iterator

from checker.core import registry
from checker.core.fixes import replacement_fix
from checker.core.model import Applicability, Evidence, Hit, Severity, Verdict
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.core.suppress import parse_directives
from checker.input.documents import Document, SegmentKind


class DirectiveUnknown(DocumentRule):
    """
    What it flags
        A suppression comment (`<!-- checker: ignore RULE -->`, `disable`, `enable`)
        that names something that is neither a rule id, nor a rule family, nor
        "all": usually a typo in the id ("name.typos", "date.weekdays").

    Why it matters
        Such a comment suppresses nothing for the misspelt id, silently: the finding
        it was meant to silence still fails CI, or, worse, an editor believes a
        region is switched off when it is not. Linters such as ruff report invalid
        rule codes in their suppression comments for the same reason.

    Flagged
        <!-- checker: ignore name.typos -->
        Hoppe-Eco 晶片。

    Passes
        <!-- checker: ignore name.typo -->
        <!-- checker: disable date -->

    Options
        none

    Fix
        Unsafe: the unknown id is replaced by the closest rule id or family in the
        comment (name.typos -> name.typo). Unsafe because the closest id is a guess, and
        the comment then suppresses findings it did not suppress before. No fix when no
        id is close.

    Known limits
        Only the ids are checked, not whether the comment suppresses anything (an
        `ignore` line above a line with no finding is not reported). Comments inside
        code blocks are examples and are not checked.
    """

    meta = RuleMeta(
        "text.directive",
        Severity.WARNING,
        "a suppression comment naming no known rule id or family, so it suppresses nothing",
        scope=frozenset(SegmentKind),
    )

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        if not doc.segments:
            return
        start = min(s.span.start for s in doc.segments)
        end = max(s.span.end for s in doc.segments)
        if doc.source.text.find("<!--", start, end + 3) < 0:
            # no comment opens in this document's stretch: nothing below could be reported. A
            # file of a hundred entries otherwise scanned the whole file once per entry
            return
        known = sorted({*registry.rule_ids(), *registry.families(), "all"})
        for d in parse_directives(doc.source, doc.segments).directives:
            if not d.unknown or not start <= d.span.start < end:
                continue  # a file of several entries: each entry reports its own comments
            for name in d.unknown:
                from rapidfuzz import process  # (loaded only for an unknown name)

                near = process.extractOne(name, known, score_cutoff=75)
                suggestion = near[0] if near else None
                hint = f"; did you mean '{suggestion}'?" if suggestion else ""
                yield Hit(
                    d.span,
                    f"'{name}' is no rule id or family: this comment suppresses nothing for it{hint}",
                    evidence=(
                        Evidence(
                            "consulted",
                            f"rule families: {', '.join(sorted(registry.families()))}, or 'all' "
                            "(`checker rules` lists the rule ids)",
                        ),
                    ),
                    suggestion=doc.source.text[d.span.start : d.span.end].replace(name, suggestion, 1)
                    if suggestion
                    else None,
                    verdict=Verdict.LIKELY_ERROR,
                    fix=replacement_fix(
                        doc.source,
                        d.span,
                        doc.source.slice(d.span).replace(name, suggestion, 1),
                        Applicability.UNSAFE,
                        f"name {suggestion} instead",
                    )
                    if suggestion
                    else None,
                )
