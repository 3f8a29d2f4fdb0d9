"""link.refused: a link the address guard refused to fetch (online)."""

from __future__ import annotations

from collections.abc import Iterator

from checker.core.model import Hit, Severity, Verdict
from checker.core.rule import CorpusRule, RuleMeta, RunContext
from checker.extract.links import Link, checkable_links, checked_links
from checker.input.documents import Document


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

    Fix
        None: only a person can tell whether the address is meant.

    Known limits
        Literal private addresses and localhost are already reported offline by
        link.invalid; this rule adds names that only resolve to such addresses.
    """

    meta = RuleMeta(
        "link.refused", Severity.INFO, "a link the SSRF guard refused to fetch (private address)", online=True
    )

    reads_analyses = ()

    def collect(self, doc: Document, ctx: RunContext, *, archived: bool = False) -> list[Link]:
        return checkable_links(doc, ctx, archived)

    def check(self, collected: list[tuple[Document, list[Link]]], ctx: RunContext) -> Iterator[Hit]:
        for doc, link, result in checked_links(collected, ctx):
            if not result.facts.get("refused"):
                continue
            yield Hit(
                link.span,
                f"not fetched: {result.detail}",
                evidence=(result.evidence(),),
                verdict=Verdict.UNDETERMINED,
                document=doc.id,
            )
