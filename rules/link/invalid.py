"""link.invalid: links that cannot be what they claim, read without the network."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checker.core.fixes import replacement_fix, written_fix
from checker.core.model import Applicability, Evidence, Fix, Hit, Severity, Span, Verdict
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.extract.link_shapes import (
    invented_problem,
    label_problem,
    odd_links,
    search_beside_source,
    search_problem,
)
from checker.extract.links import BULK, Link, Problem, bulk_hit, link_evidence, link_problem, links_of
from checker.input.documents import Document
from checker.input.source import SourceFile


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class LinkInvalidOptions:
    """link.invalid's options (config keys: the field names in kebab-case)."""

    group_bulk: bool = True  # one finding per document for search pages and grounding redirects
    future_arxiv: bool = True  # an arXiv id from a month after the article's date
    invented: bool = True  # placeholder parts, counting-up ids, UUIDs with non-hex letters, "hypothetical" link text
    bare_anchors: bool = True  # link text with no address, shown as literal brackets
    local_paths: bool = True  # targets on the author's machine (file://, /tmp/, /Users/, C:\\)
    relative_files: bool = True  # relative links to files missing next to the document (read from disk)


class LinkInvalid(DocumentRule):
    """
    What it flags
        Links that cannot be what they claim, read without the network: malformed URLs
        (a scheme typo such as `htps://`, a missing `//` or `:`, a repeated scheme, no
        host, a host without a domain, an unparsable port), malformed DOIs and arXiv ids
        (month 13, the wrong number of digits for the year, an id from after the
        article's date), placeholders (example.com, `your-domain.com`, a DOI whose
        digits run 01234 as in `s41586-025-01234-5`, a status id 1234567890), links to
        localhost or private addresses, search-engine result pages cited as sources
        (`google.com/search?q=…`; not a title's look-up link in a table row or list item
        that also links its real source), and AI-search grounding redirects
        (`vertexaisearch.cloud.google.com/grounding-api-redirect/…`). Invented links: a
        placeholder part (`s41586-025-XXXXX-X`), an address elided with `...`, a UUID with
        letters no UUID has (`1234abcd-efgh-ijkl-mnop`), an id of ten or more digits with a
        run of seven counting up or repeating (`status/1958526789012345678`), link text
        that says the link is a stand-in ("Hypothetical source", 示例链接). Link text with
        no address, shown as literal brackets (`[High EQ Reply Suggestions (AI News)]`, a
        label cut off from its address by `**` or a space). Targets on the author's
        machine (`file://`, `/tmp/…`, `/Users/…`, `/home/…`, `C:\\…`). Relative links to
        files that do not exist next to the document. Each kind has its own message.

    Why it matters
        A reader who clicks gets nothing, or a search page instead of the source; an
        invented DOI is a telltale of an AI draft whose facts were never checked.
        Grounding redirects expire and do not say which page they stood for.

    Flagged
        [研究](https://www.nature.com/articles/s41586-025-01234-5)
        - [官方公告](https://www.google.com/search?q=OpenAI+公告)，來源：科技新報
        [來源](htps://openai.com/blog)
        [推文](https://x.com/OpenAI/status/1958526789012345678)
        dishing out [High EQ Reply Suggestions (AI News)]. Its …
        ![架构图](/tmp/daily-screenshots/arch.png)

    Passes
        [論文](https://www.nature.com/articles/s41586-024-07487-w)
        arXiv:2501.12948
        [推文](https://x.com/dotey/status/1948614928396681239)
        | [Opus 4.6](https://www.google.com/search?q=Opus+4.6) | [Anthropic](https://www.anthropic.com/news) |
        - [ ] a task, a footnote[^1], a citation [2], FLUX.1 Krea [dev]

    Options
        group-bulk: report search pages and grounding redirects once per document, with
        the count and the lines of the others in the evidence (default true).
        future-arxiv: flag arXiv ids from a month after the article's date (default true).
        invented: flag invented-looking links and "hypothetical" link text (default true).
        bare-anchors: flag link text with no address (default true).
        local-paths: flag targets on the author's machine (default true).
        relative-files: flag relative links to missing files (default true).

    Fix
        Safe or unsafe. Safe where the right form is certain and the address stays the same: a typo in
        the scheme (htps:// -> https://, http// -> http://), a scheme written twice,
        spaces in a link's address (as %20), and a link text cut from its address by a
        space ([text] (url) -> [text](url)) or by emphasis that also opens just before the
        text (**[text]**(url) -> **[text](url)**: the marks move after the address);
        unsafe when the emphasis opened further away (the marks still move). No fix for
        placeholders, invented addresses, local paths, search pages or redirects: the
        real address must come from a person.

    Known limits
        Placeholder detection is by shape: a real DOI whose whole digit group happens to
        run 12345 would be flagged; a made-up id with random digits is not (that takes
        `--online`, link.dead). A label with no address is recognised only when it ends
        in a bracketed source tag ("(AI News)", "（AI资讯）") or is cut off from its
        address; other bracketed text is taken for an aside. Relative links are resolved
        only for documents read from disk; site-absolute `/path` links are not checked (the
        site's root is unknown), nor are images of an asset folder that is absent as a
        whole (articles copied without their assets). mailto: is not checked. A search
        link counts as sourced only by another (non-image) link in its own table row or
        list-item paragraph, not by a source named in plain text.
    """

    meta = RuleMeta("link.invalid", Severity.WARNING, "a malformed URL, DOI or arXiv id, or a placeholder-looking one")
    Options = LinkInvalidOptions

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        grouped: dict[str, list[tuple[Link, Problem]]] = {}
        published = doc.published if self.options.future_arxiv else None
        links = links_of(doc)

        sources: dict[int, bool] = {}  # by id: asked once per other link of every row with a search link

        def is_source(other: Link) -> bool:
            if id(other) not in sources:
                sources[id(other)] = link_problem(other, published) is None and invented_problem(other) is None
            return sources[id(other)]

        for link in links:
            problem = link_problem(link, published)
            if problem is None and self.options.invented:
                problem = invented_problem(link) or label_problem(link)
            if problem is None:
                continue
            if problem.category == "search-page":
                # a title's look-up link beside the row's real source is no missing source
                if search_beside_source(doc, link, links, is_source):
                    continue
                problem = search_problem(doc, link, problem)
            if self.options.group_bulk and problem.category in BULK:
                grouped.setdefault(problem.category, []).append((link, problem))
                continue
            yield Hit(
                link.span,
                problem.message,
                evidence=(link_evidence(link, problem),),
                suggestion=problem.suggestion,
                fix=written_fix(doc.source, link.span, link.text, problem.suggestion, Applicability.SAFE)
                if problem.category == "malformed"
                else None,
                verdict=Verdict.LIKELY_ERROR if problem.category != "local" else Verdict.SUSPICIOUS,
                confidence=0.9 if problem.category in ("malformed", "malformed-doi", "malformed-arxiv") else 0.8,
            )
        for category, items in grouped.items():
            yield bulk_hit(doc, category, items)
        wanted = {
            "anchor": self.options.bare_anchors,
            "local": self.options.local_paths,
            "relative": self.options.relative_files,
        }
        for odd in odd_links(doc):
            if not wanted[odd.form]:
                continue
            yield Hit(
                odd.span,
                odd.problem.message,
                evidence=(Evidence("link", _ODD_FORMS[odd.form], url=odd.target, value=odd.problem.category),),
                suggestion=odd.problem.suggestion,
                fix=_anchor_fix(doc.source, odd.span, odd.form, odd.problem.suggestion),
                verdict=Verdict.LIKELY_ERROR,
                confidence=0.85,
            )


_ODD_FORMS = {
    "anchor": "link text written without a usable address",
    "local": "a link or image target on the author's machine",
    "relative": "a relative link resolved against the document's folder",
}


def _anchor_fix(source: SourceFile, span: Span, form: str, suggestion: str | None) -> Fix | None:
    """[text] (url) -> [text](url), and **[text]**(url) -> **[text](url)**: safe when only spaces
    stood between them or the emphasis marks moved after the address also open just before the
    link text; unsafe when the marks pair with something further away."""
    written = source.slice(span)
    if (
        form != "anchor"
        or suggestion is None
        or not suggestion.startswith("[")
        or not suggestion.endswith((")", "*", "_"))
    ):
        return None
    if not (written.startswith("[") and written.endswith(")")):
        return None
    marks = suggestion[suggestion.rindex(")") + 1 :]
    same = "".join(written.split()) == "".join(suggestion.split())
    opened = bool(marks) and source.text[max(0, span.start - len(marks)) : span.start] == marks
    safe = same or opened
    return replacement_fix(
        source, span, suggestion, Applicability.SAFE if safe else Applicability.UNSAFE, "join the link text and address"
    )
