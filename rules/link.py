"""The link family: malformed or placeholder links (offline), dead and refused links (online)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from checker.core.model import Evidence, Hit, Severity, Verdict
from checker.core.rule import CorpusRule, DocumentRule, RuleMeta, RunContext
from checker.extract.links import Link, LinkKind, Problem, link_problem, links_of
from checker.input.documents import Document

# Problems that come by the dozen in one document (a references list built by an AI
# search tool): one finding per document and category, the others in its evidence.
BULK = frozenset({"search-page", "grounding-redirect"})


@dataclass(frozen=True)
class LinkInvalidOptions:
    group_bulk: bool = True  # one finding per document for search pages and grounding redirects
    future_arxiv: bool = True  # an arXiv id from a month after the article's date


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
        (`google.com/search?q=…`), and AI-search grounding redirects
        (`vertexaisearch.cloud.google.com/grounding-api-redirect/…`). Each kind has its
        own message.

    Why it matters
        A reader who clicks gets nothing, or a search page instead of the source; an
        invented DOI is a telltale of an AI draft whose facts were never checked.
        Grounding redirects expire and do not say which page they stood for.

    Flagged
        [研究](https://www.nature.com/articles/s41586-025-01234-5)
        [官方公告](https://www.google.com/search?q=OpenAI+公告)
        [來源](htps://openai.com/blog)

    Passes
        [論文](https://www.nature.com/articles/s41586-024-07487-w)
        arXiv:2501.12948

    Options
        group-bulk: report search pages and grounding redirects once per document, with
        the count and the lines of the others in the evidence (default true).
        future-arxiv: flag arXiv ids from a month after the article's date (default true).

    Known limits
        Placeholder detection is by shape: a real DOI whose whole digit group happens to
        run 12345 would be flagged; a made-up id with random digits is not (that takes
        `--online`, link.dead). Relative links and mailto: are not checked.
    """

    meta = RuleMeta("link.invalid", Severity.WARNING, "a malformed URL, DOI or arXiv id, or a placeholder-looking one")
    Options = LinkInvalidOptions

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        grouped: dict[str, list[tuple[Link, Problem]]] = {}
        published = doc.published if self.options.future_arxiv else None
        for link in links_of(doc):
            problem = link_problem(link, published)
            if problem is None:
                continue
            if self.options.group_bulk and problem.category in BULK:
                grouped.setdefault(problem.category, []).append((link, problem))
                continue
            yield Hit(
                link.span,
                problem.message,
                evidence=(_link_evidence(link, problem),),
                suggestion=problem.suggestion,
                verdict=Verdict.LIKELY_ERROR if problem.category != "local" else Verdict.SUSPICIOUS,
                confidence=0.9 if problem.category in ("malformed", "malformed-doi", "malformed-arxiv") else 0.8,
            )
        for category, items in grouped.items():
            yield _bulk_hit(doc, category, items)


FORMS = {
    "markdown": "a Markdown link",
    "markdown-spaced": "a Markdown link with spaces in its address",
    "image": "a Markdown image",
    "autolink": "an autolink",
    "reference": "a reference definition",
    "html": "an HTML attribute",
    "bare": "a bare URL in the text",
    "doi": "a DOI in the text",
    "arxiv": "an arXiv id in the text",
}


def _link_evidence(link: Link, problem: Problem) -> Evidence:
    if link.kind is LinkKind.DOI:
        url = f"https://doi.org/{link.target}"
    elif link.kind is LinkKind.ARXIV:
        url = f"https://arxiv.org/abs/{link.target}"
    else:
        url = link.target
    return Evidence("link", f"written as {FORMS.get(link.form, link.form)}", url=url, value=problem.category)


def _bulk_hit(doc: Document, category: str, items: list[tuple[Link, Problem]]) -> Hit:
    first, problem = items[0]
    message = problem.message
    if len(items) > 1:
        noun = "search-page links" if category == "search-page" else "grounding redirects"
        message = f"{message}; {len(items)} {noun} in this document"
    lines = [doc.source.line_of(link.span.start) for link, _ in items]
    shown = ", ".join(str(n) for n in lines[:20]) + (", ..." if len(lines) > 20 else "")
    evidence = (
        _link_evidence(first, problem),
        Evidence(
            "count",
            f"{len(items)} such links, on lines {shown}" if len(items) > 1 else f"1 such link, on line {shown}",
            value=len(items),
        ),
    )
    return Hit(
        first.span,
        message,
        evidence=evidence,
        suggestion=problem.suggestion,
        verdict=Verdict.LIKELY_ERROR,
        confidence=0.95,
        key=f"{category}:{doc.id}",
    )


# --- online --------------------------------------------------------------------------------


def reference_services(ctx: RunContext) -> Any:
    """The run's reference services (checker.references.ReferenceServices), or None."""
    if not ctx.online:
        return None
    return ctx.services.references


def checkable_links(doc: Document, ctx: RunContext, archived: bool) -> list[Link]:
    """Links worth a request: link.invalid's findings (placeholders, private addresses,
    search pages, grounding redirects) are not fetched."""
    if archived or reference_services(ctx) is None:
        return []
    return [link for link in links_of(doc) if link_problem(link, doc.published) is None]


class LinkDead(CorpusRule[list[Link]]):
    """
    What it flags
        With --online: a URL that answers 404 or 410 (after HEAD, GET and redirects), a
        DOI that doi.org says is not registered, an arXiv id arXiv says does not exist.
        The evidence gives the status code and the final URL after redirects.

    Why it matters
        A dead source link sends readers nowhere, and an article citing a page, paper or
        DOI that never existed was likely written from memory, not from the source.

    Flagged
        [JADE-1 發布](https://www.huggingface.co/blog/jade-1-release)   (404)

    Passes
        Links that answer 2xx; links whose answer says nothing about the page (401, 403,
        429, 5xx, timeouts, bot walls such as x.com and mp.weixin.qq.com): those are
        "unknown", never dead.

    Options
        none (the `[references]` configuration sets sources, timeouts and the cache).

    Known limits
        Nothing is checked offline. Soft 404s (a 200 page saying "not found") pass.
        Answers are cached (links for 3 days by default), so a page that comes back is
        still reported until its entry expires (`checker cache clear`).
    """

    meta = RuleMeta("link.dead", Severity.WARNING, "a URL, DOI or arXiv id that does not resolve", online=True)

    def collect(self, doc: Document, ctx: RunContext, *, archived: bool = False) -> list[Link]:
        return checkable_links(doc, ctx, archived)

    def check(self, collected: list[tuple[Document, list[Link]]], ctx: RunContext) -> Iterator[Hit]:
        services = reference_services(ctx)
        if services is None:
            return
        results = services.check_links([link for _, links in collected for link in links])
        for doc, links in collected:
            for link in links:
                result = results.get(services.link_key(link))
                if result is None or not result.not_found:
                    continue
                yield Hit(
                    link.span,
                    f"dead link: {result.detail}",
                    evidence=(result.evidence(),),
                    suggestion="replace it with a working address, or remove it",
                    verdict=Verdict.LIKELY_ERROR,
                    confidence=0.9 if result.status in (404, 410) or result.source in ("doi", "arxiv") else 0.7,
                    document=doc.id,
                )


class LinkRefused(CorpusRule[list[Link]]):
    """
    What it flags
        With --online: a link that the address guard refused to fetch because its host
        resolves to a loopback, private, link-local (cloud metadata), multicast or
        reserved address. It is reported, never fetched.

    Why it matters
        A published article cannot usefully link into a private network, and a content
        pull request must not be able to make CI probe the network it runs in.

    Flagged
        [內部文件](http://intranet.corp/doc) where intranet.corp resolves to 10.0.0.5

    Passes
        Public hosts; hosts listed in `references.allow-hosts`.

    Options
        none (`references.allow-hosts` exempts hosts or networks).

    Known limits
        Literal private addresses and localhost are already reported offline by
        link.invalid; this rule adds names that only resolve to such addresses.
    """

    meta = RuleMeta(
        "link.refused", Severity.INFO, "a link the SSRF guard refused to fetch (private address)", online=True
    )

    def collect(self, doc: Document, ctx: RunContext, *, archived: bool = False) -> list[Link]:
        return checkable_links(doc, ctx, archived)

    def check(self, collected: list[tuple[Document, list[Link]]], ctx: RunContext) -> Iterator[Hit]:
        services = reference_services(ctx)
        if services is None:
            return
        results = services.check_links([link for _, links in collected for link in links])
        for doc, links in collected:
            for link in links:
                result = results.get(services.link_key(link))
                if result is None or not result.facts.get("refused"):
                    continue
                yield Hit(
                    link.span,
                    f"not fetched: {result.detail}",
                    evidence=(result.evidence(),),
                    verdict=Verdict.UNDETERMINED,
                    document=doc.id,
                )
