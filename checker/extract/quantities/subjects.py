"""The subjects of statements, unified through the knowledge base when there is one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Self

from checker.extract.quantities.attribute import normalise_name

if TYPE_CHECKING:
    from checker.core.rule import RunContext
    from checker.extract.kb import KnowledgeBase
    from checker.input.documents import Document


class SubjectNames:
    """Canonical subjects from the knowledge base, when there is one (checker/extract/kb.py).

    The KB unifies what spelling cannot ("深度求索" and "DeepSeek", "輝達" and "NVIDIA")
    and says whether a name is one model or a company; without it the patterns of
    attribute.py decide alone. A whole-run analysis (`ctx.analysis(SubjectNames)`): one
    per run, shared by every document; its look-up memo is the only state it changes.
    """

    documents_free = True  # built from the KB alone: usable in the per-document phase

    def __init__(self, kb: KnowledgeBase | None = None) -> None:
        self._kb = kb
        self._cache: dict[str, tuple[str, str | None]] = {}

    @classmethod
    def build(cls, documents: Sequence[Document], ctx: RunContext) -> Self:
        """The run's knowledge base if it loads, else patterns only."""
        try:  # a broken KB must not stop number checks
            from checker.extract.kb import get_kb

            return cls(get_kb(ctx))
        except Exception:
            return cls()

    def resolve(self, key: str) -> tuple[str, str | None]:
        """(canonical key, KB kind or None) of a subject key."""
        if self._kb is None:
            return key, None
        if key not in self._cache:
            entry = self._kb.lookup(key)
            self._cache[key] = (normalise_name(entry.name), entry.kind) if entry is not None else (key, None)
        return self._cache[key]
