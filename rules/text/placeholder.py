"""text.placeholder: editorial markers, placeholders and unrendered templates left in published text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checker.core.model import Evidence, Hit, Severity, Verdict
from checker.core.rule import DocumentRule, RuleMeta, RunContext
from checker.extract.placeholder import KINDS, SCOPE, document_markers
from checker.input.documents import Document


# not frozen (as checker/core/model.py's value types): a frozen dataclass costs two more generated
# methods to declare at every start and an object.__setattr__ per field to build; never assigned to
@dataclass(unsafe_hash=True)
class PlaceholderOptions:
    """text.placeholder's options (config keys: the field names in kebab-case)."""

    # kinds of marker not to report (e.g. ["empty slot"]); the kinds are listed in the docs
    ignore_kinds: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        unknown = sorted(set(self.ignore_kinds) - set(KINDS))
        if unknown:  # a misspelt kind would silence nothing, silently
            raise ValueError(f"option 'ignore-kinds': unknown kinds {unknown} (kinds: {', '.join(KINDS)})")


class TextPlaceholder(DocumentRule):
    """
    What it flags
        Editorial markers and placeholders left in published text, and template parts
        that were never rendered, each with its kind in the message:
        editorial marker (「（來源連結待驗證）」, 「最新發布（可能有誤，請確認）」, 「細節待補充」
        as a whole cell or line), missing content (「（此处待补充Manus相关新闻…）」),
        citation needed ("[citation needed]"), drafting marker ("TODO:", "[FIXME]",
        "[TBD]", a TODO alone in a line or cell), link placeholder ("[Insert link here]",
        "<link>"), empty link ("[來源]" with no address), hypothetical source
        ("[(Hypothetical source for …)](…)"), filler text (lorem ipsum), placeholder
        value ("CVE-2025-XXXX", "增长XX%"), unrendered template ("{{ title }}",
        "{% if %}", "${var}", "{title}", "{公司名称}"), empty slot (「（）」 where a
        generated date was dropped) and pipeline settings ("temperature=0.7,
        max_tokens=2048" as text).

    Why it matters
        A reader who meets 「（可能有誤，請確認）」 or "{{ title }}" learns that nobody read
        the page before it went out, and stops trusting every claim around it; a claim
        marked as unverified by its own author is published unverified.

    Flagged
        OpenAI 發布新模型（來源連結待驗證）。
        Anthropic 推出經濟指數 | 最新發布（可能有誤，請確認） |
        8. [(Hypothetical source for AI unicorn IPOs)](https://www.ft.com/…)
        今日头条：{{ news_title }}
        description: "（）AI領域再度迎來多項重大進展"

    Passes
        編按：這是編輯寫給讀者的說明。  (an editor's note meant for readers)
        進化框架能否有效仍待驗證。  (prose: the question remains open)
        Meta formed TBD Lab; the outcome is still TBD.
        a TODO list app; `TODO` in code; XXXL; {{< callout >}} (a Hugo shortcode)
        {{ site.url }} and {% include note.html %} (Liquid a Jekyll site renders on purpose)

    Options
        ignore-kinds: kinds of marker not to report, by the names above (default none),
        e.g. ["empty slot", "drafting marker"].

    Fix
        None: what the marker stands for must be written by a person (the suggestion says
        what to do).

    Known limits
        Markers are recognised by their shape (brackets, a whole cell or line, a colon
        after TODO), so a pending note written as a plain sentence ("这段还没写完") is
        missed. Markers inside inline code, URLs, link targets and HTML comments are not
        read: readers do not see them as prose (invented URLs are link.invalid's). A
        product named Placeholder or a TODO app passes only when the word after TODO says
        so ("list", "app", "comments"). Liquid that names a site variable ({{ page.title }})
        is taken as the site's own markup wherever it stands.
    """

    meta = RuleMeta(
        "text.placeholder",
        Severity.WARNING,
        "an editorial marker, placeholder or unrendered template left in published text (（待驗證）, TODO:, {{ x }})",
        scope=SCOPE,
    )
    Options = PlaceholderOptions

    def check(self, doc: Document, ctx: RunContext) -> Iterator[Hit]:
        skip = set(self.options.ignore_kinds)
        for mk in document_markers(doc):
            if mk.kind in skip:
                continue
            what, action = KINDS[mk.kind]
            shown = mk.text if len(mk.text) <= 60 else mk.text[:57] + "…"
            yield Hit(
                mk.span,
                f"{mk.kind}: {what}: “{shown}”",
                evidence=(Evidence("pattern", f"kind: {mk.kind}"),),
                suggestion=action,
                verdict=Verdict.LIKELY_ERROR,
                confidence=0.9,
                key=f"{mk.kind}:{mk.text}",
            )
