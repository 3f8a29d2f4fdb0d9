"""markdown.broken: structure that renders wrongly, and text cut off by the pipeline."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checker.core.model import Evidence, Hit, Severity, Verdict
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.extract.kb import get_kb
from checker.extract.structure import cut_off_end, spliced_headings, table_rows, truncated_values
from checker.input.documents import Document, SegmentKind


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class MarkdownBrokenOptions:
    """markdown.broken's options (config keys: the field names in kebab-case)."""

    cut_off_end: bool = True  # a document that ends inside a link, mid-clause or on a bare heading
    tables: bool = True  # GFM table rows whose cell count differs from the header
    spliced_headings: bool = True
    truncated_values: bool = True  # front-matter title/description cut at a length limit
    # lengths at which publishing pipelines cut a description (characters, as strings)
    length_limits: tuple[str, ...] = ("150", "160", "200", "250", "300")


class MarkdownBroken(DocumentRule):
    """
    What it flags
        Structural damage that makes a page render wrongly, and text a pipeline cut off:
        a code fence, front matter or HTML block (`<details>`, `<div>`, `<table>`)
        opened and never closed; a document that ends inside a link or an unclosed
        bracket, in the middle of a clause (after a comma or a connective such as
        "and", 以及, 包括) or on a heading with no text under it; a GFM table row whose
        cell count differs from the header's (an unescaped `|` inside a link or code
        span, a row cut off mid-row); a heading marker `##` spliced into the middle of
        a line (專為印## <a id=…>); a front-matter title, description or summary cut
        at a length limit (it ends in a fragment of a known name such as "Anthropi",
        or stops mid-sentence at exactly 150, 160, 200 ... characters; a value cut inside
        a link's address or an HTML tag is said to be so, with no name claimed). The
        message names the kind.

    Why it matters
        Static-site generators publish these silently: half an article turns into a
        code block, a table loses its last cells, a heading shows as "##" text, and
        a listing page shows a description that stops in the middle of a name. Editors
        rarely see it in the raw Markdown.

    Flagged
        ```python
        print("the fence above is never closed")

        | Source | Link |
        |---|---|
        | Docs | [Release notes | Gemini API](https://ai.google.dev) |

        …OpenAI 與 Anthropic 的競爭，以及

        description: "…Claude 的開發商 Anthropi"

    Passes
        ```python
        print("closed")
        ```

        | Source | Link |
        |---|---|
        | Docs | [Release notes \\| Gemini API](https://ai.google.dev) |

        A last line that is a list item, a link, a signature or a label without a full stop.

    Options
        cut-off-end (true), tables (true), spliced-headings (true),
        truncated-values (true): switch each kind off.
        length-limits (["150", "160", "200", "250", "300"]): description lengths, in
        characters, at which a value that stops without closing punctuation counts as
        cut (a fragment of a known name counts at any length).

    Fix
        None: the missing end of a fence, block, row or article must come from the source.

    Known limits
        HTML balance is counted per tag name, not parsed as a tree (tags in code blocks
        and inline code spans, as markdown-it reads them, are not counted). Fences
        inside HTML blocks are seen as fences. A document cut in the middle of a word
        or after a complete clause is not seen
        (only a comma, a connective, an open bracket or a bare heading proves the cut).
        Files made of `<details>` entries are not checked for a cut-off end. A table
        row with fewer cells than the header is flagged only when it also lacks the
        closing `|` the header has. Name fragments need the name in the knowledge base.
    """

    meta = RuleMeta(
        "markdown.broken",
        Severity.WARNING,
        "structural damage that would render wrongly: unclosed code fences, front matter or HTML blocks,"
        " cut-off documents and values, broken table rows, spliced headings",
        scope=frozenset(SegmentKind),
    )
    Options = MarkdownBrokenOptions

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        for issue in doc.structure_issues:
            yield Hit(
                issue.span,
                issue.detail,
                evidence=(Evidence("structure", issue.kind),),
                verdict=Verdict.LIKELY_ERROR,
            )
        opts: MarkdownBrokenOptions = self.options
        found = []
        spliced = spliced_headings(doc) if opts.spliced_headings else []
        found.extend(spliced)
        if opts.tables:
            found.extend(table_rows(doc, skip=[d.span for d in spliced]))
        if opts.cut_off_end:
            end = cut_off_end(doc)
            if end is not None and not any(d.span.start <= end.span.start < d.span.end for d in found):
                found.append(end)
        if opts.truncated_values and doc.front_matter:
            limits = frozenset(int(v) for v in opts.length_limits if v.strip().isdigit())
            found.extend(truncated_values(doc, get_kb(ctx), limits))
        for d in found:
            yield Hit(
                d.span,
                d.message,
                evidence=(Evidence("structure", f"{d.kind}: {d.evidence}"),),
                suggestion=d.suggestion,
                confidence=d.confidence,
                verdict=Verdict.LIKELY_ERROR,
            )
