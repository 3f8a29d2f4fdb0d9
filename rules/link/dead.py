"""link.dead: a URL, DOI or arXiv id that does not resolve (online)."""

from __future__ import annotations

from collections.abc import Iterator

from checker.core.model import Hit, Severity, Verdict
from checker.core.rule import CorpusRule, RuleMeta, RunContext
from checker.extract.links import Link, checkable_links, checked_links
from checker.input.documents import Document


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

    Fix
        None: the working address is not known to the rule.

    Known limits
        Nothing is checked offline. Soft 404s (a 200 page saying "not found") pass.
        Answers are cached (links for 3 days by default), so a page that comes back is
        still reported until its entry expires (`checker cache clear`).
    """

    meta = RuleMeta("link.dead", Severity.WARNING, "a URL, DOI or arXiv id that does not resolve", online=True)

    reads_analyses = ()

    def collect(self, doc: Document, ctx: RunContext, *, archived: bool = False) -> list[Link]:
        return checkable_links(doc, ctx, archived)

    def check(self, collected: list[tuple[Document, list[Link]]], ctx: RunContext) -> Iterator[Hit]:
        for doc, link, result in checked_links(collected, ctx):
            if not result.not_found:
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
