"""markdown.broken: structure that renders wrongly."""

from __future__ import annotations

from collections.abc import Iterator

from checker.core.model import Evidence, Hit, Severity, Verdict
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.input.documents import Document, SegmentKind


class MarkdownBroken(DocumentRule):
    """
    What it flags
        Structural damage that makes a page render wrongly: a code fence that is
        opened and never closed (the rest of the article becomes code), front matter
        opened with `---` and never closed (or not valid YAML), and HTML blocks such
        as `<details>`, `<div>` or `<table>` opened and never closed.

    Why it matters
        Static-site generators publish these silently: half an article turns into a
        code block or disappears inside a collapsed `<details>`. Editors rarely see it
        in the raw Markdown.

    Flagged
        ```python
        print("the fence above is never closed")

    Passes
        ```python
        print("closed")
        ```

    Options
        none

    Known limits
        HTML balance is counted per tag name, not parsed as a tree; an opener inside an
        inline code span is counted. Fences inside HTML blocks are seen as fences.
    """

    meta = RuleMeta(
        "markdown.broken",
        Severity.WARNING,
        "structural damage that would render wrongly: unclosed code fences, front matter or HTML blocks",
        scope=frozenset(SegmentKind),
    )

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        for issue in doc.structure_issues:
            yield Hit(
                issue.span,
                issue.detail,
                evidence=(Evidence("structure", issue.kind),),
                verdict=Verdict.LIKELY_ERROR,
            )
